"""The concentration metrics on numpy (issue 9: ``pareto_table`` + ``concentration`` cost about
15 ms of CPU per new portfolio selection of 20,000 accounts, twice with the previous period). The
fast functions must answer exactly what a plain pandas computation of PRODUCT.md section 8 answers:
same accounts in the same Pareto order (revenue descending, ties by account key ascending, then by
row), same ranks and tiers, same floats. The oracle below is written from the definitions, not
from ``metrics``; it runs on random portfolios with ties, zero and negative amounts, duplicate and
missing keys, a single account and no account at all."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kam_core.analytics import metrics

CUTS = ((0.80, 0.95), (0.50, 0.90), (0.80, 0.80))


# --- the oracle ---------------------------------------------------------------------------------
def oracle_pareto(rev: pd.DataFrame, a: float, b: float) -> pd.DataFrame:
    """Pareto table the plain way: filter, sort on (-revenue, key, row), cumulate, cut."""
    pos = rev.loc[rev["revenue"] > 0].assign(_row=np.arange(int((rev["revenue"] > 0).sum())))
    pos = pos.sort_values(
        ["revenue", "account_key", "_row"], ascending=[False, True, True], na_position="last"
    )
    pos = pos.drop(columns="_row").reset_index(drop=True)
    x = pos["revenue"].to_numpy(dtype=float)
    total = x.sum()
    cum = np.cumsum(x) / total if total > 0 else np.cumsum(x)
    if len(cum):
        cum[-1] = 1.0
    n = len(x)
    k_a = min(int(np.argmax(cum >= a)) + 1, n) if (cum >= a).any() else n
    k_b = max(min(int(np.argmax(cum >= b)) + 1, n) if (cum >= b).any() else n, k_a)
    rank = np.arange(1, n + 1)
    pos["rank"] = rank
    pos["share"] = x / total if total > 0 else x
    pos["cum_share"] = cum
    pos["tier"] = np.array(
        ["A" if r <= k_a else "B" if r <= k_b else "C" for r in rank], dtype="U1"
    )
    return pos


def oracle_concentration(rev: pd.DataFrame, a: float, b: float) -> dict:
    pt = oracle_pareto(rev, a, b)
    x = pt["revenue"].to_numpy(dtype=float)
    n = len(x)
    total = float(pt["revenue"].sum())
    asc = np.sort(x)
    if n:
        i = np.arange(1, n + 1)
        g = float(2 * np.sum(i * asc) / (n * asc.sum()) - (n + 1) / n)
        h = float(np.sum((x / x.sum()) ** 2) * 10_000)
    else:
        g = h = 0.0
    k80 = int((pt["tier"] == "A").sum())
    by_tier = pt.groupby("tier")["revenue"].agg(["count", "sum"])
    abc = {}
    for t in "ABC":
        cnt, s = (
            (int(by_tier.loc[t, "count"]), by_tier.loc[t, "sum"]) if t in by_tier.index else (0, 0)
        )
        abc[t] = {"count": cnt, "revenue_share": float(s / total) if total > 0 else 0.0}
    return {
        "accounts": n,
        "non_positive_accounts": int(
            len(rev) - (rev["revenue"] > 0).sum() - rev["revenue"].isna().sum()
        ),
        "positive_revenue": total,
        "accounts_to_80": k80,
        "share_accounts_to_80": k80 / n if n else 0.0,
        "gini": g,
        "hhi": h,
        "effective_accounts": 10_000 / h if h > 0 else 0.0,
        "top_shares": {
            str(k): float(min(1.0, x[:k].sum() / total)) if total > 0 else 0.0
            for k in (1, 5, 10, 20)
        },
        "abc": abc,
    }


# --- random portfolios --------------------------------------------------------------------------
def portfolio(rng: np.random.Generator, n: int, kind: str, key_dtype="str") -> pd.DataFrame:
    if kind == "continuous":
        v = rng.lognormal(6, 2, n) * rng.choice([1, 1, 1, 1, -1], n)
    elif kind == "ties":  # small integers: long runs of equal revenue, zeros and negatives
        v = rng.integers(-3, 6, n).astype(float)
    elif kind == "int":  # an integer column
        v = rng.integers(-3, 6, n)
    elif kind == "equal":
        v = np.full(n, 7.5)
    else:  # tiny, zero, signed zero and missing amounts
        v = rng.choice([0.1, 0.2, 0.3, 1e-9, -0.0, 0.0, np.nan, -4.0], n)
    keys = np.array([f"K{i:05d}" for i in rng.permutation(max(n, 1))[:n]], dtype=object)
    if n > 4 and rng.random() < 0.3:
        keys[rng.integers(0, n, 2)] = keys[0]  # a key twice: stays in row order
    if n > 4 and rng.random() < 0.2:
        keys[rng.integers(0, n)] = None  # a missing key: last among its ties
    keys = pd.Series(keys, dtype=key_dtype)
    return pd.DataFrame(
        {"account_key": keys, "account_name": keys, "revenue": v, "lines": np.arange(n)}
    )


CASES = [
    (seed, n, kind, key_dtype)
    for seed, (n, kind, key_dtype) in enumerate(
        (n, kind, key_dtype)
        for n in (0, 1, 2, 3, 17, 400, 5_000)
        for kind in ("continuous", "ties", "int", "equal", "small")
        for key_dtype in ("str", object)
    )
]


def assert_same(got, want, path="", rel=0.0):
    if isinstance(want, dict):
        assert got.keys() == want.keys(), path
        for k in want:
            assert_same(got[k], want[k], f"{path}.{k}", rel)
    elif isinstance(want, float):
        assert isinstance(got, float), (path, got)
        if rel:
            assert got == pytest.approx(want, rel=rel, abs=1e-15), path
        else:
            assert got == want or (math.isnan(got) and math.isnan(want)), (path, got, want)
    else:
        assert type(got) is type(want) and got == want, (path, got, want)


@pytest.mark.parametrize(("seed", "n", "kind", "key_dtype"), CASES)
def test_pareto_table_is_the_plain_pandas_one(seed, n, kind, key_dtype):
    rev = portfolio(np.random.default_rng(seed), n, kind, key_dtype)
    if seed % 3 == 0 and n:
        rev = rev.sample(frac=1, random_state=seed)  # any row order, any index
        rev.index = rev.index * 3 + 7
    for a, b in CUTS:
        want = oracle_pareto(rev, a, b)
        got = metrics.pareto_table(rev, a, b)
        # Same rows in the same order, same dtypes, same floats to the last bit.
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        pd.testing.assert_frame_equal(
            metrics.positive_sorted(rev).reset_index(drop=True),
            want[list(rev.columns)],
            check_exact=True,
        )


@pytest.mark.parametrize(("seed", "n", "kind", "key_dtype"), CASES)
def test_concentration_is_the_plain_pandas_one(seed, n, kind, key_dtype):
    rev = portfolio(np.random.default_rng(seed), n, kind, key_dtype)
    for a, b in CUTS:
        want = oracle_concentration(rev, a, b)
        got = metrics.concentration(rev, a, b)
        assert_same(got, metrics.concentration(rev, a, b, pt=metrics.pareto_table(rev, a, b)))
        # Counts, ranks and cuts exact; sums of the same numbers in another order (groupby,
        # Gini as written) within the oracle tests' 1e-12.
        assert_same(got, want, rel=1e-12)
        for key in ("accounts", "non_positive_accounts", "accounts_to_80", "positive_revenue"):
            assert got[key] == want[key]
        assert {t: got["abc"][t]["count"] for t in "ABC"} == {
            t: want["abc"][t]["count"] for t in "ABC"
        }


@pytest.mark.parametrize("kind", ["continuous", "ties", "int", "small"])
def test_gini_hhi_lorenz_of_any_sequence(kind):
    rev = portfolio(np.random.default_rng(7), 3_000, kind)
    values = rev["revenue"]
    x = np.array([v for v in values.tolist() if v > 0], dtype=float)  # the definition: x_i > 0
    asc = np.sort(x)
    n = len(asc)
    gini = float(2 * np.sum(np.arange(1, n + 1) * asc) / (n * asc.sum()) - (n + 1) / n)
    hhi = float(np.sum((x / x.sum()) * (x / x.sum())) * 10_000)
    for arg in (values, values.tolist(), values.to_numpy(), iter(values.tolist())):
        assert metrics.gini(arg) == gini
    for arg in (values, values.tolist(), values.to_numpy(), iter(values.tolist())):
        assert metrics.hhi(arg) == hhi
    # In Pareto order (descending) or ascending: the same figures.
    assert metrics.gini(asc[::-1]) == gini and metrics.gini(asc) == gini
    cx, cy = metrics.lorenz_points(values)
    assert np.array_equal(cx, np.concatenate([[0.0], np.arange(1, n + 1) / n]))
    want_y = np.concatenate([[0.0], np.cumsum(asc) / asc.sum()])
    want_y[-1] = 1.0
    assert np.array_equal(cy, want_y)


def test_no_positive_account_and_empty_input():
    for values in ([], [0.0, -1.0, np.nan], pd.Series([], dtype=float)):
        assert metrics.gini(values) == 0.0 and metrics.hhi(values) == 0.0
        cx, cy = metrics.lorenz_points(values)
        assert cx.tolist() == [0.0, 1.0] and cy.tolist() == [0.0, 1.0]
    empty = pd.DataFrame(
        {
            "account_key": pd.Series([], dtype="str"),
            "account_name": pd.Series([], dtype="str"),
            "revenue": pd.Series([], dtype=float),
        }
    )
    for rev in (empty, pd.DataFrame({"account_key": ["A", "B"], "revenue": [0.0, -2.0]})):
        pt = metrics.pareto_table(rev)
        assert len(pt) == 0
        assert list(pt.columns) == [*rev.columns, "rank", "share", "cum_share", "tier"]
        c = metrics.concentration(rev)
        assert c["accounts"] == 0 and c["accounts_to_80"] == 0
        assert c["non_positive_accounts"] == len(rev)
        assert c["abc"] == {t: {"count": 0, "revenue_share": 0.0} for t in "ABC"}


def test_one_account():
    pt = metrics.pareto_table(pd.DataFrame({"account_key": ["Z"], "revenue": [12.5]}))
    assert pt[["rank", "share", "cum_share", "tier"]].values.tolist() == [[1, 1.0, 1.0, "A"]]
    c = metrics.concentration(pd.DataFrame({"account_key": ["Z", "Y"], "revenue": [12.5, -1.0]}))
    assert (c["accounts"], c["non_positive_accounts"], c["gini"], c["hhi"]) == (1, 1, 0.0, 10_000.0)


def test_portfolio_of_20000_accounts_with_runs_of_equal_revenue():
    """The page's size: unique keys in key order (as the revenue cube gives them) and in random
    order, with half of the accounts on a few round amounts (long ties ordered by key)."""
    rng = np.random.default_rng(2026)
    n = 20_000
    v = np.round(rng.pareto(1.2, n) * 1_000, 2)
    tied = rng.random(n) < 0.5
    v[tied] = rng.choice([100.0, 250.0, 0.0, -50.0], int(tied.sum()))
    keys = pd.Series([f"ACC-{i:06d}" for i in range(n)], dtype="str")
    for order in (np.arange(n), rng.permutation(n)):
        rev = pd.DataFrame({"account_key": keys, "revenue": v}).iloc[order].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            metrics.pareto_table(rev), oracle_pareto(rev, 0.8, 0.95), check_exact=True
        )
        assert_same(metrics.concentration(rev), oracle_concentration(rev, 0.8, 0.95), rel=1e-12)
