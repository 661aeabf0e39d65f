"""``report --json --from Q --to Q`` against an independent pandas computation (PRODUCT.md s. 8).

The expected side never calls kam_core: it reads the shared CSV files (or the demo database's
revenue_lines) with plain pandas/duckdb and applies section 8 in a few lines. Counts exact,
money and shares to 1e-6, including the boundary rule (the account that crosses 80% is in A).
"""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pandas as pd
import pytest

from kam_core import cli
from kam_core.store import db
from kam_core.analytics import metrics
from kam_core.portfolio import periods
from kam_core.portfolio import reads

SHARE_TOL = 1e-6


# --- the independent side ----------------------------------------------------------------------
def _quarter(dates: pd.Series) -> pd.Series:
    return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)


def _read_dataset(datasets, name: str) -> pd.DataFrame:
    """account_key, quarter, amount straight from the published file (README of the datasets)."""
    if name == "superstore":
        df = pd.read_csv(datasets / "superstore.csv", encoding="cp1252")
        return pd.DataFrame({"account_key": df["Customer Name"], "amount": df["Sales"],
                             "quarter": _quarter(pd.to_datetime(df["Order Date"],
                                                                format="%m/%d/%Y"))})
    if name == "sales_data_sample":
        df = pd.read_csv(datasets / "sales_data_sample.csv", encoding="latin-1")
        d = pd.to_datetime(df["ORDERDATE"], format="%m/%d/%Y %H:%M")
        return pd.DataFrame({"account_key": df["CUSTOMERNAME"], "amount": df["SALES"],
                             "quarter": _quarter(d)})
    df = pd.read_csv(datasets / "online_retail_sample.csv", na_values=["NA"])
    df = df.loc[df["CustomerID"].notna()]  # lines without a customer are rejected
    return pd.DataFrame({"account_key": df["CustomerID"].astype("int64").astype(str),
                         "amount": df["Quantity"] * df["UnitPrice"],
                         "quarter": _quarter(pd.to_datetime(df["InvoiceDate"]))})


def expected(lines: pd.DataFrame, q_from: str | None, q_to: str | None,
             a: float = 0.80, b: float = 0.95) -> dict:
    sel = lines
    if q_from:
        sel = sel.loc[sel["quarter"] >= q_from]
    if q_to:
        sel = sel.loc[sel["quarter"] <= q_to]
    rev = sel.groupby("account_key")["amount"].sum()
    pos = rev[rev > 0]
    order = pos.reset_index().sort_values(["amount", "account_key"], ascending=[False, True])
    x = order["amount"].to_numpy()
    total = x.sum()
    cum = np.cumsum(x) / total
    k_a = int(np.argmax(cum >= a)) + 1
    k_b = int(np.argmax(cum >= b)) + 1
    n = len(x)
    asc = np.sort(x)
    share = x / total
    return {
        "accounts": n,
        "non_positive_accounts": int((rev <= 0).sum()),
        "total_revenue": float(sel["amount"].sum()),
        "accounts_to_80": k_a,
        "share_accounts_to_80": k_a / n,
        "gini": float(2 * np.sum(np.arange(1, n + 1) * asc) / (n * asc.sum()) - (n + 1) / n),
        "hhi": float(np.sum(share ** 2) * 10_000),
        "top_shares": {str(t): float(share[:t].sum()) for t in (1, 5, 10, 20)},
        "abc": {"A": (k_a, float(x[:k_a].sum() / total)),
                "B": (k_b - k_a, float(x[k_a:k_b].sum() / total)),
                "C": (n - k_b, float(x[k_b:].sum() / total))},
        "quarters": sel.groupby("quarter")["amount"].sum().to_dict(),
        "cum": cum,
    }


# --- the code under test -----------------------------------------------------------------------
def _report(capsys, path, q_from=None, q_to=None) -> dict:
    args = ["report", "--db", str(path), "--json"]
    args += ["--from", q_from] if q_from else []
    args += ["--to", q_to] if q_to else []
    assert cli.main(args) == 0
    return json.loads(capsys.readouterr().out)


def _compare(rep: dict, exp: dict) -> None:
    for key in ("accounts", "non_positive_accounts", "accounts_to_80"):
        assert rep[key] == exp[key], key
    assert rep["total_revenue"] == pytest.approx(exp["total_revenue"], abs=1e-6, rel=1e-9)
    for key in ("share_accounts_to_80", "gini"):
        assert rep[key] == pytest.approx(exp[key], abs=SHARE_TOL), key
    assert rep["hhi"] == pytest.approx(exp["hhi"], abs=SHARE_TOL * 10_000)
    for n, v in exp["top_shares"].items():
        assert rep["top_shares"][n] == pytest.approx(v, abs=SHARE_TOL)
    for tier, (count, share) in exp["abc"].items():
        assert rep["abc"][tier]["count"] == count, tier
        assert rep["abc"][tier]["revenue_share"] == pytest.approx(share, abs=SHARE_TOL)
    assert set(rep["quarters"]) == set(exp["quarters"])
    for q, v in exp["quarters"].items():
        assert rep["quarters"][q] == pytest.approx(v, abs=1e-6, rel=1e-9)
    # Boundary rule: the account that crosses the A cut is in A, the one before it is not enough.
    k = exp["accounts_to_80"]
    assert exp["cum"][k - 1] >= 0.8 and (k == 1 or exp["cum"][k - 2] < 0.8)


DATASET_RANGES = {
    "superstore": [(None, None), ("2016-Q1", "2016-Q4"), ("2017-Q4", "2017-Q4"),
                   ("2014-Q3", "2015-Q2")],
    "sales_data_sample": [(None, None), ("2004-Q1", "2004-Q4"), ("2003-Q4", "2003-Q4"),
                          ("2004-Q3", "2005-Q2")],
    "online_retail_sample": [(None, None), ("2011-Q1", "2011-Q4"), ("2011-Q4", "2011-Q4"),
                             ("2010-Q4", "2011-Q2")],
}


@pytest.fixture(scope="module")
def ingested(datasets, tmp_path_factory):
    """Each shared dataset ingested through the CLI (--skip-invalid) into its own database."""
    out = {}
    for name in DATASET_RANGES:
        path = tmp_path_factory.mktemp("ds") / f"{name}.duckdb"
        code = cli.main(["ingest", str(datasets / f"{name}.csv"), "--db", str(path),
                         "--skip-invalid"])
        assert code == 0, name
        out[name] = path
    return out


@pytest.mark.parametrize("name", list(DATASET_RANGES))
def test_report_ranges_on_shared_datasets(name, ingested, datasets, capsys):
    lines = _read_dataset(datasets, name)
    for q_from, q_to in DATASET_RANGES[name]:
        rep = _report(capsys, ingested[name], q_from, q_to)
        _compare(rep, expected(lines, q_from, q_to))


def _demo_lines(demo_db) -> pd.DataFrame:
    c = duckdb.connect(str(demo_db), config={"autoinstall_known_extensions": "false",
                                             "autoload_known_extensions": "false"})
    try:
        return c.execute("SELECT account_key, quarter, amount FROM revenue_lines").df()
    finally:
        c.close()


@pytest.mark.parametrize("q_from, q_to", [(None, None), ("2025-Q4", "2026-Q3"),
                                          ("2025-Q2", "2025-Q2"), ("2025-Q1", "2025-Q4")])
def test_report_ranges_on_demo(demo_db, capsys, q_from, q_to):
    _compare(_report(capsys, demo_db, q_from, q_to), expected(_demo_lines(demo_db), q_from, q_to))


def _invariants(con) -> None:
    for q_from, q_to in [(None, None)] + [(q, q) for q in reads.quarters(con)]:
        rev = reads.account_revenue(con, periods.Filters(q_from, q_to))
        pt = metrics.pareto_table(rev)
        positive = rev.loc[rev["revenue"] > 0, "revenue"].sum()
        assert pt.groupby("tier")["revenue"].sum().sum() == pytest.approx(positive, rel=1e-12)
        cum = pt["cum_share"].to_numpy()
        assert np.all(np.diff(cum) >= 0)
        assert cum[-1] == 1.0  # exactly
        assert set(pt["tier"]) <= {"A", "B", "C"} and pt["tier"].iloc[0] == "A"


@pytest.mark.parametrize("name", list(DATASET_RANGES))
def test_invariants_on_shared_datasets(name, ingested):
    con = db.connect(ingested[name])
    try:
        _invariants(con)
    finally:
        con.close()


def test_invariants_on_demo(demo_copy):
    con = db.connect(demo_copy)
    try:
        _invariants(con)
    finally:
        con.close()
