"""Early warnings gathered from the database (kam_core.alerts, F-PA-8) on hand-built portfolios.

Each test builds one key account K1 (1,000 a quarter unless said otherwise, 2024-Q1..2025-Q4, six
orders a quarter, product lines A 60% / B 40%, a looked-after relationship) beside a small account
S1 that is not key, and changes one thing. ``today`` is 2026-02-15, so 2025-Q4 is the quarter
judged. Revenue at stake is checked by hand against warning_rules' definition.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from kam_core.alerts import acks, early_warnings, inputs
from kam_core.analytics import warning_rules as wr
from kam_core.analytics.forecast import expect_next
from kam_core.common.errors import ValidationError
from kam_core.common.quarter import quarters_between
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings

TODAY = date(2026, 2, 15)
QUARTERS = quarters_between("2024-Q1", "2025-Q4")
STEADY = [1000.0] * 8
PERIOD = Filters(q_from="2025-Q1", q_to="2025-Q4")


def _at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())


def _rows(key, values, orders=6, lines=(("A", 0.6), ("B", 0.4)), last_orders=None, last_lines=None):
    """Revenue lines of one account: per quarter ``orders`` invoices, each with one line per
    product line (its share of the quarter); the last quarter may have other orders / lines."""
    out = []
    for qi, (q, v) in enumerate(zip(QUARTERS, values)):
        last = qi == len(values) - 1
        n = last_orders if last and last_orders else orders
        mix = last_lines if last and last_lines else lines
        day = inputs.quarter_end(q) - timedelta(days=2)
        for i in range(n):
            for line, share in mix:
                out.append((key, day, q, v * share / n, f"{key}-{q}-{i}", line))
    return out


def _load(con, rows) -> None:
    with db.transaction(con) as cur:
        for k, name in (("K1", "Acme Ibérica S.A."), ("S1", "Small Ltd")):
            cur.execute("INSERT INTO accounts VALUES (?, ?, NULL, NULL, ?)", [k, name, db.utcnow()])
        cur.execute(
            "INSERT INTO batches (file_name, sha256, rows_loaded, total_amount, uploaded_at) "
            "VALUES ('f', 'x', 1, 1, ?)",
            [db.utcnow()],
        )
        for i, (k, d, q, amount, invoice, line) in enumerate(rows):
            cur.execute(
                "INSERT INTO revenue_lines (batch_id, source_row, account_key, line_date, "
                "quarter, amount, invoice, product_line) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                [i + 2, k, d, q, amount, invoice, line],
            )


def _relationship(con, key="K1", **over) -> None:
    """A looked-after account: its decision maker known regularly, a champion seen 10 days ago,
    the plan edited 20 days ago, a call 5 days ago. ``over`` changes one of them."""
    o = {
        "dm_level": "regular",
        "champion_seen": 10,
        "champion_archived": False,
        "plan_edit": 20,
        "activity": 5,
        **over,
    }
    with db.transaction(con) as cur:
        cur.execute(
            "INSERT INTO people (person_id, name, updated_at) VALUES (1, 'Lucía', ?) "
            "ON CONFLICT DO NOTHING",
            [db.utcnow()],
        )
        cur.execute("INSERT INTO account_team VALUES (?, 1, 'lead', 'u', ?)", [key, db.utcnow()])
        cur.execute(
            "INSERT INTO contacts (contact_id, account_key, name, buying_role, stance, "
            "last_contact, updated_at) VALUES (1, ?, 'Ana Ruiz', 'decision_maker', "
            "'supporter', ?, ?)",
            [key, TODAY - timedelta(days=10), db.utcnow()],
        )
        cur.execute(
            "INSERT INTO contacts (contact_id, account_key, name, buying_role, stance, "
            "last_contact, archived_at, updated_at) VALUES (2, ?, 'Luis Gil', 'user', "
            "'champion', ?, ?, ?)",
            [
                key,
                TODAY - timedelta(days=o["champion_seen"]),
                _at(30) if o["champion_archived"] else None,
                db.utcnow(),
            ],
        )
        cur.execute(
            "INSERT INTO contact_coverage VALUES (1, 1, ?, 'trusted', 'u', ?)",
            [o["dm_level"], db.utcnow()],
        )
        if o["plan_edit"] is not None:
            cur.execute(
                "INSERT INTO section_edits VALUES (?, 2026, 'objectives', 'u', ?)",
                [key, _at(o["plan_edit"])],
            )
        if o["activity"] is not None:
            cur.execute(
                "INSERT INTO activities (account_key, kind, subject, opened_on, updated_at) "
                "VALUES (?, 'call', 'Seguimiento', ?, ?)",
                [key, TODAY - timedelta(days=o["activity"]), db.utcnow()],
            )


def _portfolio(con, k1_values=STEADY, relationship=None, **rows_kw) -> None:
    _load(con, _rows("K1", k1_values, **rows_kw) + _rows("S1", [10.0] * 8, orders=1))
    _relationship(con, **(relationship or {}))


def _k1(con, today=TODAY) -> early_warnings.AccountWarnings:
    rep = early_warnings.build(con, PERIOD, today)
    assert [a.account_key for a in rep.accounts] == ["K1"]  # S1 is not a key account
    return rep.accounts[0]


# ---------------------------------------------------------------- nothing, then each kind
def test_a_steady_looked_after_account_raises_nothing(con):
    _portfolio(con)
    rep = early_warnings.build(con, PERIOD, TODAY)
    assert rep.as_of == "2025-Q4" and rep.next_quarter == "2026-Q1"
    a = rep.accounts[0]
    assert a.warnings == () and a.quiet == () and a.revenue_at_stake == 0
    assert a.lead == "Lucía" and a.last_quarter_revenue == pytest.approx(1000.0)
    assert a.expectation.quarter == "2026-Q1" and a.expectation.enough_history
    assert a.expectation.mean == pytest.approx(1000.0)
    assert a.expectation.low <= a.expectation.mean <= a.expectation.high
    assert rep.flagged == [] and rep.to_json() == []
    # the portfolio total: K1 + S1, steady at 1,010
    assert rep.total.quarter == "2026-Q1" and rep.total.mean == pytest.approx(1010.0, rel=0.01)
    assert rep.total_last == pytest.approx(1010.0)


def test_revenue_fell_two_quarters(con):
    values = [1000, 1300, 800, 1200, 900, 1250, 1100, 1000]  # lumpy; 1,250 -> 1,100 -> 1,000
    _portfolio(con, values)
    a = _k1(con)
    assert a.kinds == ["revenue_fell"]
    w = a.warnings[0]
    assert (w.params["from_quarter"], w.params["quarters"]) == ("2025-Q2", 2)
    assert a.revenue_at_stake == pytest.approx(4 * 250)  # a year of the 250 lost a quarter


def test_below_expected_range(con):
    values = [1000, 1020, 990, 1010, 1005, 995, 1015, 500]
    _portfolio(con, values)
    a = _k1(con)
    assert a.kinds == ["below_expected_range"]
    exp = expect_next(pd.Series(values[:-1], index=QUARTERS[:-1], dtype="float64"))
    assert a.warnings[0].params["actual"] == pytest.approx(500)
    assert a.revenue_at_stake == pytest.approx(4 * (exp.mean - 500), abs=0.02)


def test_order_frequency_drop(con):
    _portfolio(con, last_orders=3)  # same revenue, half the orders
    a = _k1(con)
    assert a.kinds == ["order_frequency_drop"]
    assert a.warnings[0].params["orders"] == 3 and a.warnings[0].params["trailing_average"] == 6
    assert a.revenue_at_stake == pytest.approx(0.5 * 4000)  # half of a year's revenue


def test_no_order_warning_without_invoice_numbers(con):
    rows = _rows("K1", STEADY, last_orders=3)
    rows = [r[:4] + (None if r[2] == "2025-Q2" else r[4],) + r[5:] for r in rows]
    _load(con, rows + _rows("S1", [10.0] * 8, orders=1))
    _relationship(con)
    assert _k1(con).kinds == []  # one quarter of the window has no invoice numbers


def test_lost_product_line(con):
    _portfolio(con, last_lines=(("A", 1.0),))  # same revenue, all of it on line A
    a = _k1(con)
    assert a.kinds == ["lost_product_lines"]
    assert a.warnings[0].params["lines"] == ["B"]
    assert a.revenue_at_stake == pytest.approx(4 * 400)  # line B's 400 a quarter, for a year


@pytest.mark.parametrize(
    "change, kind",
    [
        ({"dm_level": "brief"}, "no_decision_maker"),
        ({"champion_archived": True}, "champion_gone"),
        ({"champion_seen": 120}, "champion_not_seen"),
        ({"plan_edit": 120}, "plan_stale"),
        ({"plan_edit": None}, "plan_stale"),
        ({"activity": 120}, "no_recent_activity"),
        ({"activity": None}, "no_recent_activity"),
    ],
)
def test_each_relationship_decay(con, change, kind):
    _portfolio(con, relationship=change)
    a = _k1(con)
    assert a.kinds == [kind]
    assert a.revenue_at_stake == pytest.approx(4000)  # the account's last four quarters


def test_thresholds_are_the_settings(con):
    _portfolio(con, relationship={"activity": 120})
    assert _k1(con).kinds == ["no_recent_activity"]
    settings.set_values(con, {"no_activity_days": 180}, "u")
    assert _k1(con).kinds == []


def test_settings_declare_every_threshold_with_the_rules_defaults():
    for rule, key in early_warnings.RULE_SETTINGS.items():
        s = settings.SETTINGS[key]
        assert s.default == wr.DEFAULTS[rule], key
    assert {s.key for s in settings.SETTINGS_LIST if s.group == "warnings"} == set(wr.DEFAULTS) - {
        "not_seen_days",
        "plan_stale_days",
    }


def test_product_quarters_cannot_exceed_the_lookback(con):
    with pytest.raises(ValidationError):
        settings.set_values(con, {"product_min_quarters": 5, "product_lookback_quarters": 4})


# ---------------------------------------------------------------- acknowledgement
def _set_last_quarter(con, key: str, factor: float) -> None:
    with db.transaction(con) as cur:
        cur.execute(
            "UPDATE revenue_lines SET amount = amount * ? WHERE account_key = ? "
            "AND quarter = '2025-Q4'",
            [factor, key],
        )


def test_acknowledged_stays_quiet_until_it_worsens(con):
    values = [1000, 1300, 800, 1200, 900, 1250, 1100, 1000]
    _portfolio(con, values)
    assert _k1(con).kinds == ["revenue_fell"]
    with pytest.raises(ValidationError):  # a note is required
        early_warnings.acknowledge(con, "K1", "  ", "ana", PERIOD, TODAY)
    early_warnings.acknowledge(con, "K1", "Budget moved to Q1, confirmed.", "ana", PERIOD, TODAY)
    stored = acks.latest(con, ["K1"])["K1"]
    assert (stored.by, stored.note, stored.as_of) == (
        "ana",
        "Budget moved to Q1, confirmed.",
        "2025-Q4",
    )
    assert stored.signature["revenue_fell"]["stake"] == pytest.approx(1000)
    a = _k1(con)
    assert a.warnings == () and [w.kind for w in a.quiet] == ["revenue_fell"]
    assert a.ack.by == "ana" and a.revenue_at_stake == 0
    rep = early_warnings.build(con, PERIOD, TODAY)
    assert rep.flagged == [] and [q.account_key for q in rep.quiet] == ["K1"]

    _set_last_quarter(con, "K1", 0.98)  # 980: stake 1,080, within the 10% margin
    assert _k1(con).warnings == ()
    _set_last_quarter(con, "K1", 0.9)  # 882: stake 1,472, worse
    a = _k1(con)
    assert a.kinds == ["revenue_fell"] and a.revenue_at_stake == pytest.approx(4 * 368, abs=0.1)


def test_a_new_kind_shows_beside_an_acknowledged_one(con):
    _portfolio(con, relationship={"activity": 120})
    early_warnings.acknowledge(con, "K1", "Visiting next week.", "ana", PERIOD, TODAY)
    assert _k1(con).warnings == ()
    with db.transaction(con) as cur:
        cur.execute("UPDATE contact_coverage SET level_current = 'brief'")
    assert _k1(con).kinds == ["no_decision_maker"]


def test_a_resolved_then_repeated_problem_is_a_new_episode(con):
    _portfolio(con, relationship={"plan_edit": 120})
    early_warnings.acknowledge(con, "K1", "Rewriting it.", "ana", PERIOD, TODAY)
    with db.transaction(con) as cur:  # acknowledged on TODAY
        cur.execute("UPDATE warning_acks SET acknowledged_at = ?", [_at(0)])
    later = TODAY + timedelta(days=120)
    assert "plan_stale" not in _k1(con, later).kinds  # the same stale plan: still quiet
    with db.transaction(con) as cur:  # edited the day after the acknowledgement...
        cur.execute("UPDATE section_edits SET updated_at = ?", [_at(-1)])
    assert "plan_stale" in _k1(con, later).kinds  # ...and stale again by then: a new episode


def test_nothing_to_acknowledge(con):
    _portfolio(con)
    with pytest.raises(ValidationError) as err:
        early_warnings.acknowledge(con, "K1", "fine", "ana", PERIOD, TODAY)
    assert err.value.key == "err.warn.nothing_to_ack"
    assert db.scalar(con, "SELECT count(*) FROM warning_acks") == 0


# ---------------------------------------------------------------- the quarter judged, the team
def test_last_complete_quarter(con):
    _portfolio(con)
    assert inputs.last_complete_quarter(con, TODAY) == "2025-Q4"
    assert inputs.last_complete_quarter(con, date(2025, 12, 25)) == "2025-Q3"  # Q4 not over
    assert inputs.last_complete_quarter(con, TODAY, "2025-Q2") == "2025-Q2"
    with db.transaction(con) as cur:  # lines stop on 1 December: the quarter is still open
        cur.execute(
            "UPDATE revenue_lines SET line_date = DATE '2025-12-01' WHERE quarter = '2025-Q4'"
        )
    assert inputs.last_complete_quarter(con, TODAY) == "2025-Q3"


def test_short_history_says_so(con):
    _load(con, _rows("K1", [0, 0, 0, 0, 0, 900, 1000, 1100]) + _rows("S1", [10.0] * 8, orders=1))
    _relationship(con)
    a = _k1(con)
    assert not a.expectation.enough_history and a.expectation.history_quarters == 3
    assert a.expectation.mean is None and a.expectation.quarter == "2026-Q1"


def test_per_lead_and_json(con):
    _portfolio(con, relationship={"activity": 120})
    rep = early_warnings.build(con, PERIOD, TODAY)
    per = rep.per_lead()
    assert per.to_dict("records") == [
        {
            "lead": "Lucía",
            "key_accounts": 1,
            "flagged": 1,
            "revenue_at_stake": pytest.approx(4000),
            "kinds": {"no_recent_activity": 1},
        }
    ]
    out = rep.to_json()
    assert out[0]["account"] == "K1" and out[0]["kinds"] == ["no_recent_activity"]
    assert out[0]["revenue_at_stake"] == pytest.approx(4000) and out[0]["as_of"] == "2025-Q4"
    assert early_warnings.brief_figures(rep) == {"count": 0, "revenue_at_stake": 0.0}


def test_a_below_range_acknowledgement_lapses_once_a_quarter_is_back_in_range():
    ack = acks.Ack(
        "K1",
        "2025-Q2",
        ("below_expected_range",),
        {"below_expected_range": {"stake": 2000.0}},
        "Strike at their plant.",
        "ana",
        datetime(2025, 7, 10),
    )
    recovered = pd.Series([1000, 1020, 990, 1010, 1005, 500, 1000, 480], index=QUARTERS)
    assert acks.lapsed_kinds(ack, as_of="2025-Q4", quarterly=recovered) == {"below_expected_range"}
    assert acks.lapsed_kinds(ack, as_of="2025-Q3", quarterly=recovered) == set()  # next quarter
    earlier = acks.lapsed_kinds(ack, as_of="2025-Q1", quarterly=recovered)
    assert earlier == {"below_expected_range"}  # made for a later quarter: covers nothing


# ---------------------------------------------------------------- revenue files only
def test_revenue_only_portfolio_gets_no_relationship_warnings_until_the_team_records(con):
    """A database of revenue files only (nothing recorded by the team) judges revenue alone:
    'no decision maker / plan never edited / no activity ever' on every key account would be
    noise (superstore showed 260 of 260 key accounts flagged). Once anything is recorded,
    anywhere, an account without a decision maker is a real gap again."""
    _load(con, _rows("K1", [1000.0] * 6 + [700.0, 400.0]) + _rows("S1", [10.0] * 8, orders=1))
    rep = early_warnings.build(con, PERIOD, TODAY)
    assert rep.relationships_recorded is False
    assert rep.accounts[0].kinds == ["revenue_fell", "below_expected_range"]  # revenue still
    with db.transaction(con) as cur:  # one activity on the small account, none on K1
        cur.execute(
            "INSERT INTO activities (account_key, kind, subject, opened_on, updated_at) "
            "VALUES ('S1', 'call', 'Llamada', ?, ?)",
            [TODAY - timedelta(days=3), db.utcnow()],
        )
    rep = early_warnings.build(con, PERIOD, TODAY)
    assert rep.relationships_recorded is True
    assert rep.accounts[0].kinds == [
        "revenue_fell",
        "below_expected_range",
        "no_decision_maker",
        "plan_stale",
        "no_recent_activity",
    ]
