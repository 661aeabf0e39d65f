"""Tier migration between two periods (F-TI-5) and the tier stability rule (F-TI-6). Pure.

ABC is computed in each period on its own (PRODUCT.md section 8); an account absent from a
period (or without positive revenue there) is ``none``. In the flows, ``none`` on the left reads
"new" and ``none`` on the right reads "lost".
"""

from __future__ import annotations

import pandas as pd

FROM_STATES = ("A", "B", "C", "new")
TO_STATES = ("A", "B", "C", "lost")
TIERS = ("A", "B", "C")


def flows(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per account present (with positive revenue) in either period.

    Inputs are pareto tables (account_key, account_name, revenue, tier). Columns: account_key,
    account_name, from_tier (A/B/C/new), to_tier (A/B/C/lost), revenue_before, revenue_after,
    revenue (the flow's weight: revenue after, or revenue before for a lost account).
    """
    b = before[["account_key", "account_name", "revenue", "tier"]].rename(
        columns={"revenue": "revenue_before", "tier": "from_tier", "account_name": "name_b"}
    )
    a = after[["account_key", "account_name", "revenue", "tier"]].rename(
        columns={"revenue": "revenue_after", "tier": "to_tier", "account_name": "name_a"}
    )
    m = b.merge(a, on="account_key", how="outer")
    m["account_name"] = m["name_a"].fillna(m["name_b"])
    m["from_tier"] = m["from_tier"].fillna("new")
    m["to_tier"] = m["to_tier"].fillna("lost")
    m["revenue_before"] = m["revenue_before"].fillna(0.0)
    m["revenue_after"] = m["revenue_after"].fillna(0.0)
    m["revenue"] = m["revenue_after"].where(m["to_tier"] != "lost", m["revenue_before"])
    m = m.sort_values(["revenue", "account_key"], ascending=[False, True], kind="mergesort")
    return m[
        [
            "account_key",
            "account_name",
            "from_tier",
            "to_tier",
            "revenue_before",
            "revenue_after",
            "revenue",
        ]
    ].reset_index(drop=True)


def matrix(fl: pd.DataFrame, by: str = "count") -> pd.DataFrame:
    """Transition matrix: rows A/B/C/new (before), columns A/B/C/lost (after), with totals.

    ``by`` is ``count`` (accounts) or ``revenue`` (the flow weight of :func:`flows`).
    """
    values = "account_key" if by == "count" else "revenue"
    agg = "count" if by == "count" else "sum"
    m = fl.pivot_table(
        index="from_tier", columns="to_tier", values=values, aggfunc=agg, fill_value=0
    )
    m = m.reindex(index=list(FROM_STATES), columns=list(TO_STATES), fill_value=0)
    m.loc["new", "lost"] = 0  # cannot happen: an account in neither period is not listed
    m["total"] = m.sum(axis=1)
    m.loc["total"] = m.sum(axis=0)
    m.index.name, m.columns.name = "from", "to"
    return m if by == "revenue" else m.astype(int)


def flow_accounts(fl: pd.DataFrame, from_tier: str, to_tier: str) -> pd.DataFrame:
    """The accounts behind one flow of the Sankey / one cell of the matrix."""
    return fl.loc[(fl["from_tier"] == from_tier) & (fl["to_tier"] == to_tier)].reset_index(
        drop=True
    )


def stable_tiers(raw: pd.DataFrame, quarters: list[str], n: int) -> pd.DataFrame:
    """Apply the stability rule to per-quarter tiers.

    ``raw`` has account_key, quarter, tier (A/B/C; absent = none). With ``n`` >= 2 an account
    keeps its previous tier until its raw tier has differed from it for ``n`` consecutive
    quarters (then it takes the raw tier of the latest one). Becoming none (no revenue) or
    appearing takes effect at once: a tier with no revenue behind it means nothing. ``n`` <= 1
    returns the raw tiers. Returns the same shape as ``raw`` (rows only where raw has a tier).
    """
    if n <= 1 or raw.empty:
        return raw.copy()
    wide = raw.pivot_table(
        index="account_key", columns="quarter", values="tier", aggfunc="first"
    ).reindex(columns=quarters)
    out = {}
    for key, row in wide.iterrows():
        stable, streak = None, 0
        res = []
        for q in quarters:
            t = row[q]
            if not isinstance(t, str):
                stable, streak = None, 0
                res.append(None)
                continue
            if stable is None or t == stable:
                stable, streak = t, 0
            else:
                streak += 1
                if streak >= n:
                    stable, streak = t, 0
            res.append(stable)
        out[key] = res
    st = pd.DataFrame.from_dict(out, orient="index", columns=quarters)
    st.index.name = "account_key"
    long = st.reset_index().melt(id_vars="account_key", var_name="quarter", value_name="tier")
    return (
        long.dropna(subset=["tier"]).sort_values(["quarter", "account_key"]).reset_index(drop=True)
    )
