"""Relationship map rules: coverage warnings, reports-to loops, archiving, validated saves."""

from datetime import date

import pandas as pd
import pytest

from kam_core.accounts import relationships as rel
from kam_core.common.errors import CarteraError, ValidationError
from kam_core.store import db

TODAY = date(2026, 11, 22)


def contacts(rows):
    """rows: (id, name, reports_to, role, influence, stance, last_contact, archived)"""
    return pd.DataFrame(
        [
            {
                "contact_id": r[0],
                "name": r[1],
                "reports_to": r[2],
                "buying_role": r[3],
                "influence": r[4],
                "stance": r[5],
                "last_contact": r[6],
                "archived_at": pd.Timestamp("2026-01-01") if r[7] else None,
            }
            for r in rows
        ]
    )


def coverage(rows):
    return pd.DataFrame(
        rows, columns=["contact_id", "person_id", "person", "level_current", "level_desired"]
    )


def codes(warns):
    return sorted((w["code"], w["name"]) for w in warns)


def test_healthy_map_has_no_warnings():
    c = contacts(
        [
            (1, "Ana", None, "decision_maker", "high", "champion", date(2026, 11, 1), False),
            (2, "Bea", 1, "economic_buyer", "high", "supporter", date(2026, 10, 1), False),
        ]
    )
    cov = coverage([(1, 10, "Us", "trusted", "trusted"), (2, 11, "Us2", "regular", "regular")])
    assert rel.warnings(c, cov, TODAY) == []


def test_each_warning_on_a_hand_built_account():
    c = contacts(
        [
            (1, "Ana", None, "decision_maker", "high", "supporter", date(2026, 11, 1), False),
            (2, "Bea", 1, "economic_buyer", "high", "non_supporter", date(2026, 8, 24), False),
            (3, "Carl", 1, "user", "low", "neutral", date(2026, 8, 23), False),
            (4, "Dan", 1, "user", "medium", "neutral", None, False),
            (5, "Eve", 1, "decision_maker", "high", "champion", None, True),  # archived: ignored
        ]
    )
    # Ana brief (not enough for a decision maker), Bea none; only Carl is a strong relationship
    cov = coverage([(1, 10, "Us", "brief", "regular"), (3, 10, "Us", "regular", "regular")])
    w = rel.warnings(c, cov, TODAY, not_seen_days=90)
    assert codes(w) == sorted(
        [
            ("dm_uncovered", "Ana"),
            ("dm_uncovered", "Bea"),  # decision maker / economic buyer
            ("no_champion", None),  # Eve the champion is archived
            ("single_threaded", "Carl"),
            ("detractor", "Bea"),  # high influence, non-supporter
            ("not_seen", "Carl"),  # 91 days; Bea at exactly 90 days is not flagged
            ("never_seen", "Dan"),
        ]
    )
    assert next(x for x in w if x["code"] == "not_seen")["days"] == 91


def test_no_strong_relationship_and_no_contacts():
    c = contacts([(1, "Ana", None, "user", "low", "champion", date(2026, 11, 1), False)])
    assert codes(rel.warnings(c, coverage([]), TODAY)) == [("no_strong", None)]
    assert codes(rel.warnings(c.iloc[0:0], coverage([]), TODAY)) == [("no_contacts", None)]


def test_archived_manager_reports_move_up_or_become_roots():
    c = contacts(
        [
            (1, "CEO", None, "decision_maker", "high", "neutral", None, False),
            (2, "CFO", 1, "economic_buyer", "high", "neutral", None, True),
            (3, "Controller", 2, "user", "low", "neutral", None, False),
            (4, "Buyer", 3, "user", "low", "neutral", None, False),
        ]
    )
    assert rel.effective_managers(c) == {1: None, 3: 1, 4: 3}
    c.loc[c["contact_id"] == 1, "archived_at"] = pd.Timestamp("2026-01-01")
    assert rel.effective_managers(c) == {3: None, 4: 3}


def test_find_cycle_and_check_reports_to():
    managers = {1: None, 2: 1, 3: 2}
    names = {1: "Ana", 2: "Bea", 3: "Carl"}
    assert rel.find_cycle(managers) is None
    rel.check_reports_to(managers, names, 3, 1)  # fine: Carl now reports to Ana
    with pytest.raises(ValidationError) as exc:
        rel.check_reports_to(managers, names, 1, 3)  # Ana -> Carl -> Bea -> Ana
    assert exc.value.key == "err.rel.cycle"
    assert "Ana" in str(exc.value) and "loop" in str(exc.value)
    assert "círculo" in exc.value.render("es")
    with pytest.raises(ValidationError):
        rel.check_reports_to(managers, names, 2, 2)


# ---------------------------------------------------------------- through the database
@pytest.fixture
def acct(con):
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO accounts VALUES ('K1', 'Acme', NULL, NULL, ?)", [db.utcnow()])
    return "K1"


def test_save_contact_then_cycle_refused_and_database_unchanged(con, acct):
    ceo = rel.save_contact(con, acct, {"name": "Ana", "buying_role": "decision_maker"}, "u")
    cfo = rel.save_contact(con, acct, {"name": "Bea", "reports_to": ceo}, "u")
    buyer = rel.save_contact(
        con, acct, {"name": "Carl", "reports_to": cfo, "last_contact": "31/10/2026"}, "u"
    )
    assert db.scalar(
        con, "SELECT last_contact FROM contacts WHERE contact_id = ?", [buyer]
    ) == date(2026, 10, 31)
    before = db.table_snapshot(con)
    with pytest.raises(ValidationError) as exc:
        rel.save_contact(con, acct, {"name": "Ana", "reports_to": buyer}, "u", contact_id=ceo)
    assert exc.value.key == "err.rel.cycle"
    assert db.table_snapshot(con) == before


@pytest.mark.parametrize(
    "data, key",
    [
        ({"name": "  "}, "err.acc.required"),
        ({"name": "X", "last_contact": "31-13-2026"}, "err.acc.bad_date"),
        ({"name": "X", "stance": "friend"}, "err.acc.bad_choice"),
        ({"name": "X", "reports_to": 999}, "err.acc.bad_choice"),
    ],
)
def test_bad_contact_refused_in_both_languages(con, acct, data, key):
    before = db.table_snapshot(con)
    with pytest.raises(CarteraError) as exc:
        rel.save_contact(con, acct, data, "u")
    assert exc.value.key == key
    en, es = exc.value.render("en"), exc.value.render("es")
    assert en != es and en and es and "{" not in en + es
    assert db.table_snapshot(con) == before


def test_table_save_is_all_or_nothing(con, acct):
    ceo = rel.save_contact(con, acct, {"name": "Ana"}, "u")
    rows = pd.DataFrame(
        [
            {"contact_id": ceo, "name": "Ana Ruiz", "reports_to": None, "stance": "champion"},
            {"contact_id": None, "name": "New", "reports_to": ceo},
            {"contact_id": None, "name": "Bad", "last_contact": "yesterday"},
        ]
    )
    before = db.table_snapshot(con)
    with pytest.raises(CarteraError) as exc:
        rel.save_contacts_table(con, acct, rows, "u")
    assert "Row 3" in exc.value.render("en") and "Fila 3" in exc.value.render("es")
    assert db.table_snapshot(con) == before
    assert rel.save_contacts_table(con, acct, rows.iloc[:2], "u") == 2
    df = rel.contacts(con, acct)
    assert sorted(df["name"]) == ["Ana Ruiz", "New"]
    assert df.set_index("name").loc["New", "reports_to"] == ceo
    assert rel.last_edit(con, acct)[0] == "u"


def test_archive_keeps_row_and_hides_it(con, acct):
    a = rel.save_contact(con, acct, {"name": "Ana"}, "u")
    b = rel.save_contact(con, acct, {"name": "Bea", "reports_to": a}, "u")
    rel.archive_contact(con, acct, a, "u")
    assert list(rel.contacts(con, acct)["contact_id"]) == [b]
    every = rel.contacts(con, acct, include_archived=True)
    assert len(every) == 2
    assert rel.effective_managers(every) == {b: None}


def test_coverage_and_influence_lines(con, acct):
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO people (name, updated_at) VALUES ('Lucía', ?)", [db.utcnow()])
    pid = db.scalar(con, "SELECT person_id FROM people")
    a = rel.save_contact(con, acct, {"name": "Ana"}, "u")
    b = rel.save_contact(con, acct, {"name": "Bea"}, "u")
    rel.set_coverage(con, acct, a, pid, "regular", "trusted", "u")
    rel.set_coverage(con, acct, a, pid, "trusted", "trusted", "u")  # upsert
    cov = rel.coverage(con, acct)
    assert cov[["contact_id", "person", "level_current"]].values.tolist() == [
        [a, "Lucía", "trusted"]
    ]
    rel.add_influence(con, acct, b, a, "u")
    assert rel.influence_lines(con, acct).values.tolist() == [[b, a]]
    with pytest.raises(ValidationError):
        rel.add_influence(con, acct, a, a, "u")
    with pytest.raises(CarteraError):
        rel.set_coverage(con, acct, a, pid, "best friends", "trusted", "u")
