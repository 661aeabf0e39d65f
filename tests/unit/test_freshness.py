"""Stale plans and maps flagged on the portfolio (F-AC-6): hand-built edits, injected today."""

from datetime import date, datetime

import pandas as pd

from kam_core.accounts import plans
from kam_core.store import db

TODAY = date(2026, 11, 22)


def _edit(cur, key, year, section, when):
    cur.execute("INSERT INTO section_edits VALUES (?, ?, ?, 'ana', ?)", [key, year, section, when])


def test_freshness_per_account(con):
    with db.transaction(con) as cur:
        _edit(cur, "A", 2026, "objectives", datetime(2026, 11, 1))  # fresh plan
        _edit(cur, "A", 0, "relationships", datetime(2026, 6, 1))  # map 174 days old: stale
        _edit(cur, "B", 2025, "swot", datetime(2025, 3, 1))  # old plan
        _edit(cur, "B", 2026, "actions", datetime(2026, 8, 24))  # 90 days: not yet stale
        _edit(cur, "B", 0, "relationships", datetime(2026, 10, 1))
    f = plans.freshness(con, TODAY, 90).set_index("account_key")
    assert f.loc["A", "plan_stale"] == False and f.loc["A", "map_stale"] == True  # noqa: E712
    assert f.loc["B", "plan_updated_at"] == pd.Timestamp("2026-08-24")
    assert f.loc["B", "plan_stale"] == False and f.loc["B", "map_stale"] == False  # noqa: E712
    accounts = pd.DataFrame({"account_key": ["A", "B", "C"]})
    out = plans.with_freshness(accounts, plans.freshness(con, TODAY, 90)).set_index("account_key")
    assert out.loc["C", "plan_stale"] and out.loc["C", "map_stale"]  # never edited
    assert pd.isna(out.loc["C", "plan_updated_at"])
    assert (
        plans.freshness(con, date(2026, 11, 23), 90).set_index("account_key").loc["B", "plan_stale"]
    )  # a day later the 90-day-old plan is stale
