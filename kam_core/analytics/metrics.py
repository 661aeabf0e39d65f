"""Concentration metrics as pure functions (PRODUCT.md section 8). No I/O.

Input is a frame with ``account_key`` and ``revenue`` (one row per account, net revenue over the
selection). Shares, Gini, HHI and ABC are over accounts with revenue > 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TOP_NS = (1, 5, 10, 20)


def _pareto_positions(rev: pd.DataFrame) -> np.ndarray:
    """Row positions of the accounts with revenue > 0 in Pareto order: revenue descending, ties by
    account key ascending (missing keys last), then by row position.

    The order of ``rev.sort_values(["revenue", "account_key"], ascending=[False, True],
    kind="mergesort")`` over those rows, without ordering the keys of every account: an unstable
    numeric sort (a fraction of a stable one, and no string comparisons), after which only
    the runs of equal revenue (a few hundred accounts of 20,000) are ordered by key and position.
    """
    col = rev["revenue"]
    raw = col.to_numpy()
    if raw.dtype.kind not in "iuf":
        raw = col.to_numpy(dtype=float, na_value=np.nan)
    pos = np.flatnonzero(raw > 0)
    if len(pos) < 2:
        return pos
    order = np.argsort(raw[pos])[::-1]  # descending; order within ties fixed below
    pos = pos[order]
    v = raw[pos]
    step = v[1:] != v[:-1]
    if step.all():
        return pos
    tied = np.zeros(len(v), dtype=bool)
    tied[1:] = ~step
    tied[:-1] |= ~step
    t = np.flatnonzero(tied)
    group = np.concatenate(([0], np.cumsum(step)))[t]  # rank of the revenue among the runs
    at = pos[t]
    # Stable sorts, last key first: row position, then account key, then revenue run.
    o = np.argsort(at, kind="stable")
    o = o[rev["account_key"].array.take(at[o]).argsort(kind="stable", na_position="last")]
    o = o[np.argsort(group[o], kind="stable")]
    pos[t] = at[o]
    return pos


def positive_sorted(rev: pd.DataFrame) -> pd.DataFrame:
    """Pareto order: revenue > 0, revenue descending, ties by account key ascending."""
    return rev.take(_pareto_positions(rev))


def accounts_to_share(cum_share: np.ndarray, threshold: float) -> int:
    """Smallest k with c_k >= threshold (0 when there is no positive revenue)."""
    if len(cum_share) == 0:
        return 0
    k = int(np.searchsorted(cum_share, threshold, side="left")) + 1
    return min(k, len(cum_share))


def pareto_table(rev: pd.DataFrame, a: float = 0.80, b: float = 0.95) -> pd.DataFrame:
    """One row per positive account in Pareto order with rank, share, cum_share and ABC tier.

    The account whose cumulative share first reaches ``a`` is in A (boundary rule), likewise for B.
    """
    idx = _pareto_positions(rev)
    n = len(idx)
    values = rev["revenue"].to_numpy(dtype=float)[idx]
    total = values.sum()
    cum = np.cumsum(values)
    cum_share = cum / total if total > 0 else cum
    if len(cum_share):
        cum_share[-1] = 1.0  # exact end, whatever the float rounding of the running sum
    k_a = accounts_to_share(cum_share, a)
    k_b = max(accounts_to_share(cum_share, b), k_a)
    # Ranks 1..k_a are A, up to k_b B, the rest C: the labels taken from a 3-row column of the
    # dtype pandas gives a column of numpy strings (a where() over 20,000 strings costs more).
    labels = pd.Series(np.array(["A", "B", "C"])).array
    added = {
        "rank": np.arange(1, n + 1),
        "share": values / total if total > 0 else values,
        "cum_share": cum_share,
        "tier": labels.take(np.repeat(np.arange(3), [k_a, k_b - k_a, n - k_b])),
    }
    # rev's rows in that order, then the new columns (replacing any of the same name in place):
    # one new frame when that gives the same frame as taking the rows and setting the columns,
    # i.e. unique labels, no object column (a new frame would infer str from it) and no attrs.
    if (
        rev.columns.is_unique
        and not rev.attrs
        and not any(isinstance(d, np.dtype) and d.kind == "O" for d in rev.dtypes)
    ):
        cols = {c: rev[c].array.take(idx) for c in rev.columns}
        return pd.DataFrame(cols | added, copy=False)
    pos = rev.take(idx)
    pos.index = pd.RangeIndex(n)
    for c, col in added.items():
        pos[c] = col
    return pos


def _positive(values) -> np.ndarray:
    """The values > 0 of a sequence as floats, in their order (NaN is not > 0)."""
    if not hasattr(values, "__len__"):
        values = list(values)
    x = np.asarray(values, dtype=float)
    return x[x > 0]


def _ascending(x: np.ndarray) -> np.ndarray:
    """``np.sort(x)``, cheaper when ``x`` is already in (Pareto) descending order."""
    if len(x) > 1 and not (x[:-1] >= x[1:]).all():
        return np.sort(x)
    return np.ascontiguousarray(x[::-1])


def gini(values) -> float:
    """Gini over positive revenues: 2*sum(i*x_i)/(n*sum x) - (n+1)/n, x ascending."""
    x = _ascending(_positive(values))
    n = len(x)
    if n == 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float(2 * np.sum(i * x) / (n * x.sum()) - (n + 1) / n)


def hhi(values) -> float:
    """Herfindahl-Hirschman index 0-10,000 over positive revenues."""
    x = _positive(values)
    if len(x) == 0:
        return 0.0
    s = x / x.sum()
    return float(np.sum(s * s) * 10_000)


def effective_accounts(hhi_value: float) -> float:
    """1 / HHI as a fraction: the number of equal accounts giving the same concentration."""
    return 10_000 / hhi_value if hhi_value > 0 else 0.0


def top_shares(pareto: pd.DataFrame, ns=TOP_NS) -> dict[str, float]:
    """Share of positive revenue held by the top n accounts (all of it when fewer than n)."""
    shares = pareto["share"].to_numpy(dtype=float)
    return {str(n): float(min(1.0, shares[:n].sum())) for n in ns}


def lorenz_points(values) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative share of accounts (x) vs cumulative share of revenue (y), ascending, from (0,0)."""
    x = _ascending(_positive(values))
    n = len(x)
    if n == 0:
        return np.array([0.0, 1.0]), np.array([0.0, 1.0])
    cx = np.concatenate([[0.0], np.arange(1, n + 1) / n])
    cy = np.concatenate([[0.0], np.cumsum(x) / x.sum()])
    cy[-1] = 1.0
    return cx, cy


def hhi_band(hhi_value: float, moderate: float = 1500, high: float = 2500) -> str:
    if hhi_value >= high:
        return "high"
    if hhi_value >= moderate:
        return "moderate"
    return "low"


def _tier_revenues(pt: pd.DataFrame, revenue: np.ndarray, a: float, b: float, check: bool):
    """The revenues of tiers A, B and C of a Pareto table (``revenue`` is its column).

    Its tiers are ranks 1..k_a, ..k_b and the rest, the cuts of :func:`pareto_table`: slices
    instead of a comparison of every label per tier. A table given by the caller (``check``) is
    checked at the cuts and read label by label when it was cut otherwise.
    """
    n = len(revenue)
    cum = pt["cum_share"].to_numpy(dtype=float)
    k_a = accounts_to_share(cum, a)
    k_b = max(accounts_to_share(cum, b), k_a)
    if check and n:
        tiers = pt["tier"].array
        cuts = {i for i in (0, k_a - 1, k_a, k_b - 1, k_b, n - 1) if 0 <= i < n}
        if any(tiers[i] != ("A" if i < k_a else "B" if i < k_b else "C") for i in cuts):
            labels = np.asarray(tiers, dtype=object)
            return [revenue[labels == t] for t in "ABC"]
    return [revenue[:k_a], revenue[k_a:k_b], revenue[k_b:]]


def concentration(
    rev: pd.DataFrame, a: float = 0.80, b: float = 0.95, pt: pd.DataFrame | None = None
) -> dict:
    """Headline figures of a selection (the body of ``report --json`` minus quarters/total).

    ``pt``: the :func:`pareto_table` of ``rev`` with the same cuts, when the caller has it.
    """
    given = pt is not None
    if pt is None:
        pt = pareto_table(rev, a, b)
    n_pos = len(pt)
    k80 = accounts_to_share(pt["cum_share"].to_numpy(), a) if n_pos else 0
    total_pos = float(pt["revenue"].sum())
    revenue = pt["revenue"].to_numpy()
    abc = {}
    for tier, sel in zip("ABC", _tier_revenues(pt, revenue, a, b, given), strict=True):
        abc[tier] = {
            "count": int(len(sel)),
            "revenue_share": float(sel.sum() / total_pos) if total_pos > 0 else 0.0,
        }
    h = hhi(revenue)
    non_positive = np.count_nonzero(rev["revenue"].to_numpy(dtype=float, na_value=np.nan) <= 0)
    return {
        "accounts": n_pos,
        "non_positive_accounts": int(non_positive),
        "positive_revenue": total_pos,
        "accounts_to_80": k80,
        "share_accounts_to_80": (k80 / n_pos) if n_pos else 0.0,
        "gini": gini(revenue),
        "hhi": h,
        "effective_accounts": effective_accounts(h),
        "top_shares": top_shares(pt),
        "abc": abc,
    }


def downsample_curve(
    cum_share: np.ndarray, max_points: int = 400, keep: tuple[int, ...] = ()
) -> np.ndarray:
    """Indices (0-based) of a curve to draw: evenly spaced plus the first, last and ``keep`` ones.

    Threshold points stay exact because their indices are always kept.
    """
    n = len(cum_share)
    if n <= max_points:
        return np.arange(n)
    idx = set(np.linspace(0, n - 1, max_points).round().astype(int).tolist())
    idx.update(i for i in keep if 0 <= i < n)
    idx.update((0, n - 1))
    return np.array(sorted(idx))


def major_customers(pareto: pd.DataFrame, threshold: float = 0.10) -> pd.DataFrame:
    """Accounts at or above ``threshold`` of positive revenue (ASC 280 major customer, 10%)."""
    return pareto.loc[pareto["share"] >= threshold - 1e-12]


def pareto_curve(
    pareto: pd.DataFrame, a: float = 0.80, b: float = 0.95, max_points: int = 400
) -> pd.DataFrame:
    """The cumulative-share curve of all accounts, downsampled for drawing.

    Columns ``rank``, ``account_share`` (rank / n) and ``cum_share``; the points where the curve
    first reaches ``a`` and ``b`` (the tier cuts) are always kept, so they stay exact.
    """
    cum = pareto["cum_share"].to_numpy(dtype=float)
    n = len(cum)
    if n == 0:
        return pd.DataFrame({"rank": [], "account_share": [], "cum_share": []})
    keep = tuple(accounts_to_share(cum, thr) - 1 for thr in (a, b))
    idx = downsample_curve(cum, max_points, keep)
    return pd.DataFrame({"rank": idx + 1, "account_share": (idx + 1) / n, "cum_share": cum[idx]})


# --- ABC-XYZ (F-TI-7) --------------------------------------------------------------------------
def variability(quarterly: pd.DataFrame, quarters: list[str]) -> pd.DataFrame:
    """Coefficient of variation of each account's quarterly revenue over ``quarters``.

    ``quarterly`` has account_key, quarter, revenue. A quarter without lines counts as 0 (an
    account that buys in one quarter of four is erratic). CV = population std / mean; accounts
    whose mean is not positive get NaN.
    """
    if quarterly.empty:
        return pd.DataFrame({"account_key": [], "mean": [], "std": [], "cv": []})
    wide = quarterly.pivot_table(
        index="account_key", columns="quarter", values="revenue", aggfunc="sum", fill_value=0.0
    )
    wide = wide.reindex(columns=quarters, fill_value=0.0)
    values = wide.to_numpy(dtype=float)
    mean = values.mean(axis=1)
    std = values.std(axis=1, ddof=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(mean > 0, std / np.where(mean > 0, mean, 1), np.nan)
    return pd.DataFrame({"account_key": wide.index.to_numpy(), "mean": mean, "std": std, "cv": cv})


def xyz_class(cv, x_max: float = 0.25, y_max: float = 0.50) -> np.ndarray:
    """X: cv <= x_max (steady), Y: <= y_max (variable), Z: above or undefined (erratic)."""
    cv = np.asarray(cv, dtype=float)
    return np.where(cv <= x_max, "X", np.where(cv <= y_max, "Y", "Z"))


# --- What if we lose this account (F-PA-7) -----------------------------------------------------
def what_if_lose(rev: pd.DataFrame, account_key: str, a: float = 0.80, b: float = 0.95) -> dict:
    """Figures of the portfolio without ``account_key``: revenue at risk, new Gini/HHI and the
    accounts whose tier changes because the cuts move."""
    before = pareto_table(rev, a, b)
    after_rev = rev.loc[rev["account_key"] != account_key]
    after = pareto_table(after_rev, a, b)
    lost = rev.loc[rev["account_key"] == account_key, "revenue"]
    lost_rev = float(lost.sum()) if len(lost) else 0.0
    total_before = float(before["revenue"].sum())
    shifts = before[["account_key", "account_name", "revenue", "tier"]].merge(
        after[["account_key", "tier"]], on="account_key", suffixes=("_before", "_after")
    )
    shifts = shifts.loc[shifts["tier_before"] != shifts["tier_after"]].reset_index(drop=True)
    return {
        "revenue_at_risk": lost_rev,
        "share_at_risk": lost_rev / total_before if total_before > 0 and lost_rev > 0 else 0.0,
        "gini_before": gini(before["revenue"]),
        "gini_after": gini(after["revenue"]),
        "hhi_before": hhi(before["revenue"]),
        "hhi_after": hhi(after["revenue"]),
        "accounts_to_80_before": int((before["tier"] == "A").sum()),
        "accounts_to_80_after": int((after["tier"] == "A").sum()),
        "tier_shifts": shifts,
    }


# --- Multi-criteria score (F-TI-3) -------------------------------------------------------------
SCORE_CRITERIA = ("revenue", "growth", "margin", "strategic", "attractiveness")


def score(frame: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """Weighted score 0-100 per account from criteria columns already scaled 0-1.

    ``frame`` has account_key and one column per criterion in :data:`SCORE_CRITERIA` (NaN =
    unknown). A criterion that is unknown for every account (no margin data, no ratings) is
    dropped and the remaining weights are re-normalised; an unknown value for one account scores
    the criterion's median so a missing rating neither rewards nor punishes.
    """
    out = frame.copy()
    used = {
        c: float(weights.get(c, 0))
        for c in SCORE_CRITERIA
        if c in out and out[c].notna().any() and float(weights.get(c, 0)) > 0
    }
    total_w = sum(used.values())
    out["score"] = 0.0
    for c, w in used.items():
        col = out[c].astype(float)
        out["score"] += col.fillna(col.median()) * (w / total_w) * 100
    out.attrs["criteria_used"] = tuple(used)
    return out


def percentile_rank(values) -> np.ndarray:
    """0..1 rank of each value among all (ties share the average rank); 1 = the largest."""
    s = pd.Series(values, dtype=float)
    if s.notna().sum() <= 1:
        return np.where(s.notna(), 1.0, np.nan)
    r = s.rank(method="average")
    return ((r - 1) / (s.notna().sum() - 1)).to_numpy()
