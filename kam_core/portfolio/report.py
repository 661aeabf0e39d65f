"""TODO docstring (portfolio)."""

from __future__ import annotations

from kam_core.analytics import metrics
from kam_core.portfolio.periods import Filters
from kam_core.portfolio.reads import account_revenue, quarter_totals, total_revenue
from kam_core.store import rates, settings


def report(con, q_from: str | None = None, q_to: str | None = None) -> dict:
    """The ``report --json`` object (PRODUCT.md section 7), over ``q_from``..``q_to``."""
    cfg = settings.get_all(con)
    f = Filters(q_from=q_from, q_to=q_to)
    rev = account_revenue(con, f)
    figures = metrics.concentration(rev, cfg["pareto_a"], cfg["pareto_b"])
    qt = quarter_totals(con, f)
    out = {
        "from": q_from,
        "to": q_to,
        "accounts": figures["accounts"],
        "non_positive_accounts": figures["non_positive_accounts"],
        "total_revenue": total_revenue(con, f),
        "positive_revenue": figures["positive_revenue"],
        "accounts_to_80": figures["accounts_to_80"],
        "share_accounts_to_80": figures["share_accounts_to_80"],
        "gini": figures["gini"],
        "hhi": figures["hhi"],
        "effective_accounts": figures["effective_accounts"],
        "top_shares": figures["top_shares"],
        "abc": figures["abc"],
        "quarters": {q: float(r) for q, r in zip(qt["quarter"], qt["revenue"], strict=True)},
        "thresholds": {"a": cfg["pareto_a"], "b": cfg["pareto_b"]},
        "currency": rates.reporting_currency(con),  # every amount above is in it (F-IN-10)
    }
    return out
