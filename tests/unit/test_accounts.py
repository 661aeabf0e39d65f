"""Account 360 header KPIs on a hand-built database, and the demo's Account 360 data."""

from datetime import date

import pytest

from kam_core.accounts import overview, plans
from kam_core.demo import accounts
from kam_core.portfolio.periods import Filters
from kam_core.store import db
from kam_core.team import roster


@pytest.fixture
def small(con):
    """Three accounts: K1 600 (two product lines), K2 300, K3 100; quarters 2026-Q1..Q2."""
    lines = [
        ("K1", "2026-Q1", 400.0, "Pumps"),
        ("K1", "2026-Q2", 250.0, "Pumps"),
        ("K1", "2026-Q2", -50.0, "Service"),
        ("K2", "2026-Q1", 300.0, "Pumps"),
        ("K3", "2026-Q2", 100.0, "Valves"),
    ]
    with db.transaction(con) as cur:
        for k, n in [("K1", "Acme"), ("K2", "Beta"), ("K3", "Gamma")]:
            cur.execute("INSERT INTO accounts VALUES (?, ?, NULL, NULL, ?)", [k, n, db.utcnow()])
        cur.execute(
            "INSERT INTO batches (file_name, sha256, rows_loaded, total_amount, "
            "uploaded_at) VALUES ('f', 'x', 5, 1000, ?)",
            [db.utcnow()],
        )
        for i, (k, q, amount, pl) in enumerate(lines):
            cur.execute(
                "INSERT INTO revenue_lines (batch_id, source_row, account_key, quarter, "
                "amount, product_line) VALUES (1, ?, ?, ?, ?, ?)",
                [i + 2, k, q, amount, pl],
            )
    return con


def test_header_kpis_hand_checked(small):
    lead = roster.save_person(small, {"name": "Lucía", "capacity": 10}, "u")
    mate = roster.save_person(small, {"name": "Sergio", "role": "technical", "capacity": 10}, "u")
    roster.set_team(small, "K1", lead, [mate], "u")
    h = overview.header(small, "K1")
    assert h["account_name"] == "Acme"
    assert h["revenue"] == 600.0 and h["share"] == pytest.approx(0.6)
    assert (h["rank"], h["accounts"], h["tier"], h["is_key_account"]) == (1, 3, "A", True)
    assert h["quarterly"].values.tolist() == [["2026-Q1", 400.0], ["2026-Q2", 200.0]]
    assert h["products"][["product_line", "revenue"]].values.tolist() == [
        ["Pumps", 650.0],
        ["Service", -50.0],
    ]
    assert (h["lead"], h["team"]) == ("Lucía", ["Sergio"])
    q2 = overview.header(small, "K3", Filters(q_from="2026-Q2", q_to="2026-Q2"))
    assert q2["revenue"] == 100.0 and q2["share"] == pytest.approx(1 / 3) and q2["rank"] == 2
    k2_in_q2 = overview.header(small, "K2", Filters(q_from="2026-Q2", q_to="2026-Q2"))
    assert k2_in_q2["revenue"] == 0 and k2_in_q2["rank"] is None  # no sales in the selection
    assert k2_in_q2["quarterly"]["revenue"].tolist() == [0.0]


def test_default_account_is_the_top_key_account(small):
    assert overview.default_account(small) == "K1"
    opts = overview.account_options(small)
    assert opts["account_key"].tolist()[0] == "K1"
    assert set(opts["account_key"]) == {"K1", "K2", "K3"}


def test_demo_account_360_is_full_and_deterministic(demo_db):
    con = db.connect(demo_db)
    try:
        key = overview.default_account(con)
        year = accounts.DEMO_TODAY.year
        objectives = plans.items(con, "objectives", key, year)
        actual, nq = overview.revenue_in_year(con, key, year)
        p = plans.progress(objectives, actual, nq)
        assert p["target"] > 0 and 0.5 < p["progress"] < 1.0 and nq == 3
        for kind in ("competitors", "opportunities", "risks", "actions"):
            assert len(plans.items(con, kind, key, year)) >= 2, kind
        acts = plans.items(con, "actions", key, year)
        assert plans.overdue_mask(acts, accounts.DEMO_TODAY).sum() == 2
        assert set(plans.texts(con, key, year)) == set(plans.TEXT_FIELDS)
        stale = plans.staleness(plans.section_edits(con, key, year), accounts.DEMO_TODAY)
        assert stale.set_index("section")["stale"].to_dict()["risks"]  # one stale section
        assert stale["stale"].sum() == 1
        h = overview.header(con, key)
        assert h["lead"] and h["team"]
        first = db.table_snapshot(con, ["contacts", "plan_actions", "activities"])
    finally:
        con.close()
    from kam_core.demo import builder

    again = db.connect(":memory:")
    builder.ensure_demo(again)
    assert db.table_snapshot(again, ["contacts", "plan_actions", "activities"]) == first
    assert date.fromisoformat("2026-11-22") == accounts.DEMO_TODAY


def test_activity_times_hand_checked():
    import pandas as pd

    from kam_core.accounts import activities

    log = pd.DataFrame(
        {
            "activity_id": [1, 2, 3, 4],
            "kind": ["request", "problem", "meeting", "problem"],
            "subject": ["Quote", "Late delivery", "QBR", "Invoice error"],
            "opened_on": [
                date(2026, 11, 1),
                date(2026, 10, 1),
                date(2026, 11, 5),
                date(2026, 11, 10),
            ],
            "responded_on": [date(2026, 11, 2), date(2026, 10, 4), None, date(2026, 11, 11)],
            "resolved_on": [date(2026, 11, 6), date(2026, 10, 11), None, None],
        }
    )
    t = activities.with_times(log, date(2026, 11, 22))
    assert t["response_days"].tolist()[:2] == [1, 3] and pd.isna(t["response_days"][2])
    assert t["resolution_days"].tolist()[:2] == [5, 10]
    assert t["is_open"].tolist() == [False, False, False, True]
    assert t["age_days"][3] == 12
    s = activities.summary(log, date(2026, 11, 22))
    assert (s["open_requests"], s["open_problems"]) == (0, 1)
    assert s["median_response_days"] == 1.0  # of 1, 3, 1
    assert s["median_resolution_days"] == 7.5  # of 5, 10


def test_demo_activity_times_are_never_negative(demo_db):
    from kam_core.accounts import activities

    con = db.connect(demo_db)
    try:
        log = db.query_df(con, "SELECT * FROM activities")
        t = activities.with_times(log, accounts.DEMO_TODAY)
        assert (t["response_days"].dropna() >= 0).all()
        assert (t["resolution_days"].dropna() >= 0).all()
    finally:
        con.close()


def test_activity_dates_validated(con):
    from kam_core.accounts import activities
    from kam_core.common.errors import CarteraError

    with pytest.raises(CarteraError) as exc:
        activities.add(
            con,
            "K1",
            {
                "kind": "request",
                "subject": "Quote",
                "opened_on": "2026-11-10",
                "resolved_on": "2026-11-01",
            },
            "u",
        )
    assert exc.value.key == "err.act.before_open"
    assert db.scalar(con, "SELECT count(*) FROM activities") == 0
