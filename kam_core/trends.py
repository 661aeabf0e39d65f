"""Quarterly trend, growers and decliners, accounts won and lost, whitespace (F-PA-4, F-PA-5).

Pure functions over frames read by :mod:`kam_core.portfolio`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kam_core import bridge


def quarterly_trend(qt: pd.DataFrame, positive_accounts: pd.Series | None = None) -> pd.DataFrame:
    """Revenue and accounts per quarter with QoQ and YoY growth (fractions; NaN without a base).

    ``qt`` is :func:`portfolio.quarter_totals` (quarter, revenue, accounts). YoY compares with the
    same quarter a year earlier; QoQ with the quarter just before (not the previous row: a gap in
    the data must not pass for a quarter-on-quarter change).
    """
    from kam_core.portfolio import shift_quarter

    out = qt[["quarter", "revenue", "accounts"]].copy().reset_index(drop=True)
    rev = dict(zip(out["quarter"], out["revenue"], strict=True))

    def growth(q: str, lag: int) -> float:
        base = rev.get(shift_quarter(q, -lag))
        return float(rev[q] / base - 1) if base and base > 0 else float("nan")

    out["qoq"] = [growth(q, 1) for q in out["quarter"]]
    out["yoy"] = [growth(q, 4) for q in out["quarter"]]
    return out


def movers(start: pd.DataFrame, end: pd.DataFrame, names: pd.DataFrame,
           n: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Top ``n`` growers and decliners by absolute change between two periods.

    Accounts new or lost in the period are not movers (they are in the won / lost lists).
    Columns: account_key, account_name, start, end, delta, growth (fraction).
    """
    cls = bridge.classify(start, end)
    cls = cls.loc[cls["bucket"].isin(("growth", "decline")) & (cls["start"] > 0)]
    cls = cls.merge(names[["account_key", "account_name"]], on="account_key", how="left")
    cls["growth"] = cls["delta"] / cls["start"]
    cols = ["account_key", "account_name", "start", "end", "delta", "growth"]
    up = cls.loc[cls["delta"] > 0].sort_values(["delta", "account_key"],
                                               ascending=[False, True]).head(n)
    down = cls.loc[cls["delta"] < 0].sort_values(["delta", "account_key"]).head(n)
    return up[cols].reset_index(drop=True), down[cols].reset_index(drop=True)


def won_lost(start: pd.DataFrame, end: pd.DataFrame,
             names: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accounts won (no positive revenue before, positive now) and lost (the reverse)."""
    cls = bridge.classify(start, end).merge(names[["account_key", "account_name"]],
                                            on="account_key", how="left")
    won = cls.loc[cls["bucket"] == "new"].sort_values("end", ascending=False)
    lost = cls.loc[cls["bucket"] == "lost"].sort_values("start", ascending=False)
    cols = ["account_key", "account_name", "start", "end"]
    return won[cols].reset_index(drop=True), lost[cols].reset_index(drop=True)


def whitespace(prod: pd.DataFrame, key: pd.DataFrame, attrs: pd.DataFrame,
               limit: int = 30) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Key accounts x product lines: the bought / not-bought matrix and ranked cross-sell gaps.

    ``prod`` is account_key, product_line, revenue (whole portfolio); ``key`` the key accounts
    (account_key, account_name, revenue); ``attrs`` gives each account's segment.

    A gap is a product line a key account does not buy (no positive revenue). Peers are the
    accounts of its segment (the whole portfolio when the segment has fewer than 5). Penetration
    = share of peers buying the line; peer share = median share the line has in the revenue of
    the peers that buy it. Estimated potential = account revenue x peer share x penetration: an
    expected value (what a typical peer of its size buys of that line), not a best case, so a
    KAM can defend it. Ranked by potential.
    """
    lines = sorted(prod["product_line"].dropna().unique().tolist())
    pos = prod.loc[prod["revenue"] > 0]
    tot = pos.groupby("account_key")["revenue"].sum().rename("acct_total")
    mix = pos.merge(tot, on="account_key")
    mix["line_share"] = mix["revenue"] / mix["acct_total"]
    seg = attrs.set_index("account_key")["segment"] if "segment" in attrs else pd.Series(
        dtype=object)
    mix["segment"] = mix["account_key"].map(seg)
    buyers = set(zip(pos["account_key"], pos["product_line"], strict=True))
    n_accounts = mix["account_key"].nunique()
    matrix = pd.DataFrame(index=key["account_key"], columns=lines, dtype=float)
    for (acct, pl), r in pos.groupby(["account_key", "product_line"])["revenue"].sum().items():
        if acct in matrix.index:
            matrix.loc[acct, pl] = r
    gaps = []
    for _, row in key.iterrows():
        a_seg = seg.get(row["account_key"])
        for pl in lines:
            if (row["account_key"], pl) in buyers:
                continue
            peers = mix.loc[mix["segment"] == a_seg] if a_seg is not None else mix
            if peers["account_key"].nunique() < 5:
                peers = mix  # too few peers in the segment for a fair median
            n_peers = peers["account_key"].nunique()
            share = peers.loc[peers["product_line"] == pl, "line_share"]
            if share.empty:
                continue
            gaps.append({
                "account_key": row["account_key"], "account_name": row["account_name"],
                "product_line": pl, "account_revenue": float(row["revenue"]),
                "peer_share": float(share.median()),
                "penetration": float(share.size / n_peers) if n_peers else np.nan,
                "potential": float(row["revenue"] * share.median() * share.size / n_peers)
                if n_peers else np.nan,
            })
    gap_df = pd.DataFrame(gaps, columns=["account_key", "account_name", "product_line",
                                         "account_revenue", "peer_share", "penetration",
                                         "potential"])
    gap_df = gap_df.sort_values(["potential", "account_key", "product_line"],
                                ascending=[False, True, True]).head(limit).reset_index(drop=True)
    matrix.index.name = "account_key"
    matrix.attrs["accounts_in_portfolio"] = n_accounts
    return matrix, gap_df
