"""Concentration metrics as pure functions (PRODUCT.md section 8). No I/O.

Input is a frame with ``account_key`` and ``revenue`` (one row per account, net revenue over the
selection). Shares, Gini, HHI and ABC are over accounts with revenue > 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TOP_NS = (1, 5, 10, 20)


def positive_sorted(rev: pd.DataFrame) -> pd.DataFrame:
    """Pareto order: revenue > 0, revenue descending, ties by account key ascending."""
    pos = rev.loc[rev["revenue"] > 0]
    return pos.sort_values(["revenue", "account_key"], ascending=[False, True], kind="mergesort")


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
    pos = positive_sorted(rev).reset_index(drop=True)
    values = pos["revenue"].to_numpy(dtype=float)
    total = values.sum()
    cum = np.cumsum(values)
    cum_share = cum / total if total > 0 else cum
    if len(cum_share):
        cum_share[-1] = 1.0  # exact end, whatever the float rounding of the running sum
    pos["rank"] = np.arange(1, len(pos) + 1)
    pos["share"] = values / total if total > 0 else values
    pos["cum_share"] = cum_share
    k_a = accounts_to_share(cum_share, a)
    k_b = max(accounts_to_share(cum_share, b), k_a)
    pos["tier"] = np.where(pos["rank"] <= k_a, "A", np.where(pos["rank"] <= k_b, "B", "C"))
    return pos


def gini(values) -> float:
    """Gini over positive revenues: 2*sum(i*x_i)/(n*sum x) - (n+1)/n, x ascending."""
    x = np.sort(np.asarray([v for v in values if v > 0], dtype=float))
    n = len(x)
    if n == 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float(2 * np.sum(i * x) / (n * x.sum()) - (n + 1) / n)


def hhi(values) -> float:
    """Herfindahl-Hirschman index 0-10,000 over positive revenues."""
    x = np.asarray([v for v in values if v > 0], dtype=float)
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
    x = np.sort(np.asarray([v for v in values if v > 0], dtype=float))
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


def concentration(
    rev: pd.DataFrame, a: float = 0.80, b: float = 0.95, pt: pd.DataFrame | None = None
) -> dict:
    """Headline figures of a selection (the body of ``report --json`` minus quarters/total).

    ``pt``: the :func:`pareto_table` of ``rev`` with the same cuts, when the caller has it.
    """
    if pt is None:
        pt = pareto_table(rev, a, b)
    n_pos = len(pt)
    k80 = accounts_to_share(pt["cum_share"].to_numpy(), a) if n_pos else 0
    total_pos = float(pt["revenue"].sum())
    abc = {}
    for tier in ("A", "B", "C"):
        sel = pt.loc[pt["tier"] == tier, "revenue"]
        abc[tier] = {
            "count": int(len(sel)),
            "revenue_share": float(sel.sum() / total_pos) if total_pos > 0 else 0.0,
        }
    h = hhi(pt["revenue"])
    return {
        "accounts": n_pos,
        "non_positive_accounts": int((rev["revenue"] <= 0).sum()),
        "positive_revenue": total_pos,
        "accounts_to_80": k80,
        "share_accounts_to_80": (k80 / n_pos) if n_pos else 0.0,
        "gini": gini(pt["revenue"]),
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
