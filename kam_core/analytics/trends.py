"""Quarterly trend, growers and decliners, accounts won and lost, whitespace (F-PA-4, F-PA-5).

Pure functions over frames read by :mod:`kam_core.portfolio`.
"""

from __future__ import annotations

import pandas as pd

from kam_core.analytics import bridge
from kam_core.common.quarter import shift_quarter


def quarterly_trend(qt: pd.DataFrame, positive_accounts: pd.Series | None = None) -> pd.DataFrame:
    """Revenue and accounts per quarter with QoQ and YoY growth (fractions; NaN without a base).

    ``qt`` is :func:`portfolio.quarter_totals` (quarter, revenue, accounts). YoY compares with the
    same quarter a year earlier; QoQ with the quarter just before (not the previous row: a gap in
    the data must not pass for a quarter-on-quarter change).
    """

    out = qt[["quarter", "revenue", "accounts"]].copy().reset_index(drop=True)
    rev = dict(zip(out["quarter"], out["revenue"], strict=True))

    def growth(q: str, lag: int) -> float:
        base = rev.get(shift_quarter(q, -lag))
        return float(rev[q] / base - 1) if base and base > 0 else float("nan")

    out["qoq"] = [growth(q, 1) for q in out["quarter"]]
    out["yoy"] = [growth(q, 4) for q in out["quarter"]]
    return out


def movers(
    start: pd.DataFrame, end: pd.DataFrame, names: pd.DataFrame, n: int = 10
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Top ``n`` growers and decliners by absolute change between two periods.

    Accounts new or lost in the period are not movers (they are in the won / lost lists).
    Columns: account_key, account_name, start, end, delta, growth (fraction).
    """
    cls = bridge.classify(start, end)
    cls = cls.loc[cls["bucket"].isin(("growth", "decline")) & (cls["start"] > 0)]
    cls = cls.merge(names[["account_key", "account_name"]], on="account_key", how="left")
    cls["growth"] = cls["delta"] / cls["start"]
    cols = ["account_key", "account_name", "start", "end", "delta", "growth"]
    up = (
        cls.loc[cls["delta"] > 0]
        .sort_values(["delta", "account_key"], ascending=[False, True])
        .head(n)
    )
    down = cls.loc[cls["delta"] < 0].sort_values(["delta", "account_key"]).head(n)
    return up[cols].reset_index(drop=True), down[cols].reset_index(drop=True)


def won_lost(
    start: pd.DataFrame, end: pd.DataFrame, names: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Accounts won (no positive revenue before, positive now) and lost (the reverse)."""
    cls = bridge.classify(start, end).merge(
        names[["account_key", "account_name"]], on="account_key", how="left"
    )
    won = cls.loc[cls["bucket"] == "new"].sort_values("end", ascending=False)
    lost = cls.loc[cls["bucket"] == "lost"].sort_values("start", ascending=False)
    cols = ["account_key", "account_name", "start", "end"]
    return won[cols].reset_index(drop=True), lost[cols].reset_index(drop=True)


def whitespace(
    prod: pd.DataFrame, key: pd.DataFrame, attrs: pd.DataFrame, limit: int = 30
) -> tuple[pd.DataFrame, pd.DataFrame]:
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
    seg = (
        attrs.set_index("account_key")["segment"] if "segment" in attrs else pd.Series(dtype=object)
    )
    mix["segment"] = mix["account_key"].map(seg).fillna("")
    n_accounts = mix["account_key"].nunique()
    # Peer statistics per (segment, line) and for the whole portfolio, computed once.
    peers_seg = mix.groupby("segment")["account_key"].nunique().rename("n_peers")
    by_seg = (
        mix.groupby(["segment", "product_line"])["line_share"]
        .agg(peer_share="median", buyers="size")
        .reset_index()
        .merge(peers_seg, left_on="segment", right_index=True)
    )
    by_all = (
        mix.groupby("product_line")["line_share"]
        .agg(peer_share="median", buyers="size")
        .reset_index()
        .assign(n_peers=n_accounts)
    )
    matrix = pos.loc[pos["account_key"].isin(key["account_key"])].pivot_table(
        index="account_key", columns="product_line", values="revenue", aggfunc="sum"
    )
    matrix = matrix.reindex(index=key["account_key"], columns=lines)
    # Every (key account, line) pair not bought.
    pairs = key[["account_key", "account_name", "revenue"]].merge(
        pd.DataFrame({"product_line": lines}), how="cross"
    )
    bought = pos.groupby(["account_key", "product_line"]).size().rename("b").reset_index()
    pairs = pairs.merge(bought, on=["account_key", "product_line"], how="left")
    pairs = pairs.loc[pairs["b"].isna()].drop(columns="b")
    pairs["segment"] = pairs["account_key"].map(seg).fillna("")
    pairs = pairs.merge(by_seg, on=["segment", "product_line"], how="left")
    small = pairs["n_peers"].isna() | (pairs["n_peers"] < 5) | pairs["peer_share"].isna()
    # too few peers in the segment (or none buying the line there): the whole portfolio
    alt = pairs.loc[small, ["product_line"]].merge(by_all, on="product_line", how="left")
    for col in ("peer_share", "buyers", "n_peers"):
        pairs.loc[small, col] = alt[col].to_numpy()
    pairs = pairs.dropna(subset=["peer_share"])
    pairs["penetration"] = pairs["buyers"] / pairs["n_peers"]
    pairs["account_revenue"] = pairs["revenue"].astype(float)
    pairs["potential"] = pairs["account_revenue"] * pairs["peer_share"] * pairs["penetration"]
    gap_df = pairs[
        [
            "account_key",
            "account_name",
            "product_line",
            "account_revenue",
            "peer_share",
            "penetration",
            "potential",
        ]
    ]
    gap_df = (
        gap_df.sort_values(
            ["potential", "account_key", "product_line"], ascending=[False, True, True]
        )
        .head(limit)
        .reset_index(drop=True)
    )
    matrix.index.name = "account_key"
    matrix.columns.name = None
    matrix.attrs["accounts_in_portfolio"] = n_accounts
    return matrix, gap_df
