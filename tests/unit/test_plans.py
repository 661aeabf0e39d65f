"""Account plan: progress against actual revenue, overdue actions, staleness, validated saves."""

from datetime import date, datetime

import pandas as pd
import pytest

from kam_core.accounts import overview, plans
from kam_core.common.errors import CarteraError
from kam_core.common.fields import parse_number
from kam_core.store import db

TODAY = date(2026, 11, 22)


def test_progress_hand_checked():
    obj = pd.DataFrame(
        {"description": ["grow", "sign contract"], "revenue_target": [1_000_000.0, None]}
    )
    p = plans.progress(obj, actual=600_000.0, quarters_with_data=3)
    assert p["target"] == 1_000_000.0
    assert p["progress"] == pytest.approx(0.6)
    assert p["expected"] == 0.75
    assert p["pace"] == pytest.approx(0.8)
    none = plans.progress(obj.iloc[1:], actual=600_000.0, quarters_with_data=3)
    assert none["target"] is None and none["progress"] is None and none["pace"] is None


def test_overdue_mask():
    acts = pd.DataFrame(
        {
            "status": ["open", "done", "in_progress", "open", "open"],
            "due_date": [
                date(2026, 11, 21),
                date(2026, 1, 1),
                date(2026, 11, 1),
                date(2026, 11, 22),
                None,
            ],
        }
    )
    assert plans.overdue_mask(acts, TODAY).tolist() == [True, False, True, False, False]


def test_staleness_per_section():
    edits = {
        "objectives": ("ana", datetime(2026, 11, 12, 9)),
        "swot": ("bea", datetime(2026, 8, 23, 9)),  # 91 days
        "risks": ("bea", datetime(2026, 8, 24, 9)),
    }  # 90 days: still fresh
    s = plans.staleness(edits, TODAY, stale_days=90).set_index("section")
    assert s.loc["objectives", "age_days"] == 10 and not s.loc["objectives", "stale"]
    assert s.loc["swot", "stale"] and s.loc["swot", "updated_by"] == "bea"
    assert not s.loc["risks", "stale"]
    assert s.loc["actions", "stale"] and pd.isna(s.loc["actions", "age_days"])  # never edited
    assert len(s) == len(plans.SECTIONS) + 1  # + the relationship map


@pytest.fixture
def acct(con):
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO accounts VALUES ('K1', 'Acme', NULL, NULL, ?)", [db.utcnow()])
        cur.execute(
            "INSERT INTO batches (file_name, sha256, rows_loaded, total_amount, "
            "uploaded_at) VALUES ('f', 'x', 3, 0, ?)",
            [db.utcnow()],
        )
        for q, amount in [("2025-Q4", 500.0), ("2026-Q1", 300.0), ("2026-Q2", 200.0)]:
            cur.execute(
                "INSERT INTO revenue_lines (batch_id, source_row, account_key, quarter, "
                "amount) VALUES (1, 1, 'K1', ?, ?)",
                [q, amount],
            )
    return "K1"


def test_progress_uses_actual_revenue_of_the_year(con, acct):
    plans.add_item(
        con, "objectives", acct, 2026, {"description": "Grow", "revenue_target": "1.000"}, "u", "es"
    )
    actual, nq = overview.revenue_in_year(con, acct, 2026)
    assert (actual, nq) == (500.0, 2)
    p = plans.progress(plans.items(con, "objectives", acct, 2026), actual, nq)
    assert p["target"] == 1000.0 and p["progress"] == 0.5 and p["pace"] == 1.0


@pytest.mark.parametrize(
    "kind, data, key",
    [
        ("actions", {"description": "Call CFO", "due_date": "2026/31/12"}, "err.acc.bad_date"),
        ("actions", {"description": "Call CFO", "due_date": "mañana"}, "err.acc.bad_date"),
        ("actions", {"description": ""}, "err.acc.required"),
        ("actions", {"description": "x", "status": "maybe"}, "err.acc.bad_choice"),
        ("competitors", {"name": "Rival", "share_of_wallet": "150"}, "err.acc.too_large"),
        ("competitors", {"name": "Rival", "share_of_wallet": "a lot"}, "err.acc.not_number"),
        ("competitors", {"name": " "}, "err.acc.required"),
        (
            "objectives",
            {"description": "Grow", "revenue_target": "one million"},
            "err.acc.not_number",
        ),
        ("objectives", {"description": "Grow", "revenue_target": "-5"}, "err.acc.too_small"),
        ("opportunities", {"name": "Fleet", "expected_quarter": "Q5 2026"}, "err.acc.bad_quarter"),
    ],
)
def test_bad_input_refused_clearly_and_nothing_written(con, acct, kind, data, key):
    before = db.table_snapshot(con)
    with pytest.raises(CarteraError) as exc:
        plans.add_item(con, kind, acct, 2026, data, "u")
    assert exc.value.key == key
    en, es = exc.value.render("en"), exc.value.render("es")
    assert en and es and en != es and "{" not in en + es
    assert db.table_snapshot(con) == before


def test_error_names_the_field_in_the_users_language(con, acct):
    with pytest.raises(CarteraError) as exc:
        plans.add_item(
            con, "actions", acct, 2026, {"description": "x", "due_date": "32/01/2026"}, "u"
        )
    assert "Due date" in exc.value.render("en") and "Fecha límite" in exc.value.render("es")


def test_share_of_wallet_total_capped_at_100(con, acct):
    plans.add_item(con, "competitors", acct, 2026, {"name": "A", "share_of_wallet": "60"}, "u")
    before = db.table_snapshot(con)
    with pytest.raises(CarteraError) as exc:
        plans.add_item(con, "competitors", acct, 2026, {"name": "B", "share_of_wallet": "45"}, "u")
    assert exc.value.key == "err.plan.wallet_total"
    assert db.table_snapshot(con) == before
    assert db.scalar(con, "SELECT share_of_wallet FROM competitors") == 0.6


def test_table_save_adds_updates_deletes_and_marks_the_section(con, acct):
    a = plans.add_item(
        con, "actions", acct, 2026, {"description": "A", "due_date": "2026-12-01"}, "ana"
    )
    b = plans.add_item(con, "actions", acct, 2026, {"description": "B"}, "ana")
    rows = pd.DataFrame(
        [
            {
                "action_id": a,
                "description": "A",
                "owner": None,
                "due_date": date(2026, 12, 1),
                "status": "done",
            },
            {
                "action_id": None,
                "description": "C",
                "owner": "Bea",
                "due_date": "15/12/2026",
                "status": "open",
            },
        ]
    )
    assert plans.save_items_table(con, "actions", acct, 2026, rows, "bea") == 3  # upd+ins+del
    df = plans.items(con, "actions", acct, 2026)
    assert df["description"].tolist() == ["A", "C"] and b not in df["action_id"].tolist()
    assert df["status"].tolist() == ["done", "open"]
    assert plans.section_edits(con, acct, 2026)["actions"][0] == "bea"
    bad = rows.assign(due_date=["2026-12-01", "13/13/2026"])
    before = db.table_snapshot(con)
    with pytest.raises(CarteraError):
        plans.save_items_table(con, "actions", acct, 2026, bad, "bea")
    assert db.table_snapshot(con) == before


def test_texts_save_only_changes_and_mark_their_sections(con, acct):
    plans.save_texts(
        con, acct, 2026, {"value_proposition": "Fewer stops", "strengths": "Svc"}, "ana"
    )
    edits = plans.section_edits(con, acct, 2026)
    assert set(edits) == {"value_proposition", "swot"}
    plans.save_texts(con, acct, 2026, {"value_proposition": "Fewer stops"}, "bea")  # unchanged
    assert plans.section_edits(con, acct, 2026)["value_proposition"][0] == "ana"
    assert plans.texts(con, acct, 2026)["strengths"] == "Svc"


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("1,234.5", "en", 1234.5),
        ("1.234,5", "es", 1234.5),
        ("1.234", "es", 1234.0),
        ("1,234", "en", 1234.0),
        ("12,5", "es", 12.5),
        ("25%", "en", 25.0),
        ("-3", "en", -3.0),
    ],
)
def test_numbers_typed_the_users_way(text, lang, value):
    assert parse_number(text, "plan.f.value", lang=lang) == value
