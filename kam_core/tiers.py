"""Tiers and key accounts. ``key_accounts`` is THE definition every page uses.

Key account = tier A (revenue Pareto over the selection) or strategically marked, unless excluded.
(Stub: strategic marks and exclusions are added by the portfolio/tiers work.)
"""

from __future__ import annotations

import pandas as pd

from kam_core import metrics, portfolio, settings
from kam_core.portfolio import Filters


def abc_table(con, filters: Filters = Filters()) -> pd.DataFrame:
    """Positive accounts in Pareto order: account_key, account_name, revenue, rank, share,
    cum_share, tier."""
    cfg = settings.get_all(con)
    rev = portfolio.account_revenue(con, filters)
    return metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"])


def key_accounts(con, filters: Filters = Filters()) -> pd.DataFrame:
    """Every account of the selection with columns account_key, account_name, revenue, rank,
    tier, is_key_account (bool), key_reason ('tier_a' | 'marked' | None), excluded (bool).
    Sorted by revenue rank."""
    pt = abc_table(con, filters)
    out = pt[["account_key", "account_name", "revenue", "rank", "tier"]].copy()
    out["is_key_account"] = out["tier"] == "A"
    out["key_reason"] = out["tier"].map({"A": "tier_a"})
    out["excluded"] = False
    return out.reset_index(drop=True)
