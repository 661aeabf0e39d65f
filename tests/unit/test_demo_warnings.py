"""The demo is worth opening on the warnings page: a few key accounts raise each kind of warning,
most raise none (kam_core.demo.revenue_stories and the stories in kam_core.demo.accounts)."""

from __future__ import annotations

from collections import Counter

from kam_core.alerts import early_warnings
from kam_core.analytics.warning_rules import KINDS
from kam_core.demo.accounts import DEMO_TODAY
from kam_core.portfolio.periods import Filters
from kam_core.store import db


def test_every_kind_is_raised_by_a_few_key_accounts_and_most_raise_none(demo_db):
    con = db.connect(demo_db)
    try:
        rep = early_warnings.build(con, Filters(q_from="2025-Q4", q_to="2026-Q3"), DEMO_TODAY)
    finally:
        con.close()
    assert rep.as_of == "2026-Q3"
    kinds = Counter(k for a in rep.flagged for k in a.kinds)
    assert set(kinds) == set(KINDS)
    assert all(2 <= n <= 8 for n in kinds.values()), kinds
    assert len(rep.flagged) <= 0.3 * len(rep.accounts)  # most key accounts are fine
    assert all(a.expectation.enough_history for a in rep.flagged)
    stakes = [a.revenue_at_stake for a in rep.flagged]
    assert stakes == sorted(stakes, reverse=True) and min(stakes) > 0
