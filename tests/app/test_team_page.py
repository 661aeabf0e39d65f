"""KAM team page under AppTest: workload, overloads, unassigned key accounts, risk; people and
account teams saved to DuckDB; bad input refused with the database unchanged."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.portfolio import tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db
from kam_core.team import roster

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def con(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    return db.connect(demo_copy)


def run(lang="en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "team.py"), default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize(
    "lang, overloaded, unassigned",
    [
        ("en", "is overloaded", "Key accounts without a lead KAM"),
        ("es", "está sobrecargado", "Cuentas clave sin KAM responsable"),
    ],
)
def test_workload_overload_and_unassigned(con, lang, overloaded, unassigned):
    at = run(lang)
    assert not at.exception and not at.error
    assert any(overloaded in w.value for w in at.warning)
    assert unassigned in [s.value for s in at.subheader]
    labels = [m.label for m in at.metric]
    assert len(labels) == 4 and all(not label.startswith("team.") for label in labels)
    ka = tiers.key_accounts(con, Filters(q_from="2025-Q4", q_to="2026-Q3"))  # default view
    missing = roster.unassigned(ka, roster.assignments(con))
    assert len(missing) >= 2  # the demo leaves some key accounts without a KAM
    assert at.metric[2].value == str(len(missing))
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # workload and relationship risk


def test_add_person_and_assign_persist(con):
    at = run()
    at.text_input(key="team_person_name_new").input("Nora Ibarra")
    at.text_input(key="team_person_cap_new").input("40")
    at.button(key="team_person_submit_new").click().run()
    assert not at.error, [e.value for e in at.error]
    pid = int(db.scalar(con, "SELECT person_id FROM people WHERE name = 'Nora Ibarra'"))
    acc = at.selectbox(key="team_assign_account").value
    at.selectbox(key=f"team_assign_lead_{acc}").set_value(pid)
    at.button(key="team_assign_submit").click().run()
    assert not at.error, [e.value for e in at.error]
    fresh = run()
    assert "Nora Ibarra" in fresh.dataframe[-1].value["name"].tolist()
    lead = roster.account_team(con, acc)
    assert lead.loc[lead["team_role"] == "lead", "name"].tolist() == ["Nora Ibarra"]


@pytest.mark.parametrize(
    "lang, name, cap, text",
    [
        ("en", "Nora", "a lot", "is not a number"),
        ("es", "Nora", "mucho", "no es un número"),
        ("en", "", "10", "Name is required."),
        ("es", "Lucía Fernández", "10", "Ya existe una persona llamada Lucía Fernández."),
    ],
)
def test_bad_person_refused(con, lang, name, cap, text):
    before = db.table_snapshot(con)
    at = run(lang)
    at.text_input(key="team_person_name_new").input(name)
    at.text_input(key="team_person_cap_new").input(cap)
    at.button(key="team_person_submit_new").click().run()
    assert any(text in e.value for e in at.error), [e.value for e in at.error]
    assert db.table_snapshot(con) == before
