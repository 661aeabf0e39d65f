"""Account 360 page under AppTest: opens the top key account, edits persist across sessions,
bad input is refused in the user's language with the database unchanged."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.accounts import overview
from kam_core.accounts import relationships as rel
from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    con = db.connect(demo_copy)
    key = overview.default_account(con)
    return con, key


PLAN = {"en": "Account plan", "es": "Plan de cuenta"}  # tab labels (?view=)


def run(lang="en", account=None, view=None) -> AppTest:
    """The page in a new session; tabs are lazy and bound to ``?view=`` (default: the map)."""
    at = AppTest.from_file(str(ROOT / "pages" / "account.py"), default_timeout=60)
    at.query_params["lang"] = lang
    if account:
        at.query_params["account"] = account
    if view:
        at.query_params["view"] = view
    return at.run()


def map_spec(at) -> dict:
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if any(t.get("name") in ("Reports to", "Dependencia jerárquica") for t in spec["data"]):
            return spec
    raise AssertionError("relationship map not found")


def node_xy(spec, name):
    for tr in spec["data"]:
        if tr.get("mode") == "markers+text":
            for x, y, text in zip(tr["x"], tr["y"], tr["text"], strict=True):
                if text.startswith(f"<b>{name}</b>"):
                    return x, y
    return None


def test_opens_top_key_account_and_deep_link(demo):
    con, key = demo
    at = run()
    assert not at.exception
    assert at.title[0].value == "Transportes Cantábrica S.L.U."
    assert at.query_params["account"] == [key] or at.query_params["account"] == key
    assert [m.label for m in at.metric][:4] == ["Revenue", "Share of revenue", "Rank", "Tier"]
    other = overview.account_options(con)["account_key"].iloc[5]
    at2 = run("es", account=other)
    assert not at2.exception
    assert at2.title[0].value == db.scalar(
        con, "SELECT account_name FROM accounts WHERE account_key = ?", [other]
    )
    assert [m.label for m in at2.metric][:2] == ["Facturación", "Peso en la facturación"]


def test_map_shows_all_contacts_and_warnings(demo):
    con, key = demo
    at = run()
    spec = map_spec(at)
    assert node_xy(spec, "Ignacio Arrieta") and node_xy(spec, "Laura Ibáñez")
    assert node_xy(spec, "Rosa Etxano") is None  # archived
    texts = " ".join(m.value for m in at.markdown)
    assert "Fernando Ugalde has high influence and is against us." in texts


def test_add_contact_with_boss_and_stance_and_an_action_persist(demo):
    con, key = demo
    boss = int(rel.contacts(con, key).set_index("name").loc["Raúl Goikoetxea", "contact_id"])
    at = run()
    edges_before = sum(1 for x in map_spec(at)["data"][0]["x"] if x is None)
    at.text_input(key=f"rel_name_{key}_new").input("Zoe Test")
    at.text_input(key=f"rel_title_{key}_new").input("Jefa de Taller")
    at.selectbox(key=f"rel_boss_{key}_new").set_value(boss)
    at.selectbox(key=f"rel_stance_{key}_new").set_value("champion")
    at.selectbox(key=f"rel_role_{key}_new").set_value("influencer")
    at.button(key=f"rel_submit_{key}_new").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.query_params["view"] = PLAN["en"]  # open the plan tab (only the open tab runs)
    at.run()
    at.text_input(key=f"plan_act_desc_{key}").input("Demo del taller para Zoe")
    at.text_input(key=f"plan_act_due_{key}").input("2026-12-15")
    at.selectbox(key=f"plan_act_owner_{key}").set_value("Lucía Fernández")
    at.button(key=f"plan_act_add_{key}").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Saved" in s.value for s in at.success)

    fresh = run()  # a new session: everything comes back from DuckDB
    spec = map_spec(fresh)
    zoe, raul = node_xy(spec, "Zoe Test"), node_xy(spec, "Raúl Goikoetxea")
    assert zoe and raul
    reports = spec["data"][0]
    assert sum(1 for x in reports["x"] if x is None) == edges_before + 1
    pts = list(zip(reports["x"], reports["y"], strict=True))
    i = pts.index((zoe[0], zoe[1]))  # the edge ending at Zoe starts at Raúl
    seg = pts[[j for j, p in enumerate(pts[:i]) if p == (None, None)][-1] + 1 : i + 1]
    assert seg[0] == raul
    champion = next(
        t
        for t in spec["data"]
        if t.get("name") == "Champion" and t.get("x") and t.get("mode") == "markers+text"
    )
    assert any(t.startswith("<b>Zoe Test</b>") for t in champion["text"])
    tables = [df.value for df in run(view=PLAN["en"]).dataframe]
    assert any(
        "Demo del taller para Zoe" in str(v.data if hasattr(v, "data") else v) for v in tables
    )
    row = db.query_rows(
        con,
        "SELECT owner, due_date, status FROM plan_actions WHERE "
        "description = 'Demo del taller para Zoe'",
    )
    assert [(r[0], str(r[1]), r[2]) for r in row] == [("Lucía Fernández", "2026-12-15", "open")]


CASES = [
    # (form fields to fill, submit button, expected EN text, expected ES text)
    (
        {"rel_name_{k}_new": ""},
        "rel_submit_{k}_new",
        "Name is required.",
        "El campo «Nombre» es obligatorio.",
    ),
    (
        {"plan_act_desc_{k}": "Llamar", "plan_act_due_{k}": "15.12.2026"},
        "plan_act_add_{k}",
        "is not a date",
        "no es una fecha",
    ),
    (
        {"plan_comp_name_{k}": "Rival", "plan_comp_sow_{k}": "150"},
        "plan_comp_add_{k}",
        "cannot be more than 100",
        "no puede ser mayor que 100",
    ),
    (
        {"plan_obj_desc_{k}": "Crecer", "plan_obj_target_{k}": "un millón"},
        "plan_obj_add_{k}",
        "is not a number",
        "no es un número",
    ),
    (
        {"rel_name_{k}_new": "X", "rel_last_{k}_new": "ayer"},
        "rel_submit_{k}_new",
        "is not a date",
        "no es una fecha",
    ),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fields, button, en, es", CASES)
def test_bad_input_refused_in_the_users_language(demo, lang, fields, button, en, es):
    con, key = demo
    before = db.table_snapshot(con)
    at = run(lang, view=PLAN[lang] if button.startswith("plan_") else None)
    for k, v in fields.items():
        at.text_input(key=k.format(k=key)).input(v)
    at.button(key=button.format(k=key)).click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any((en if lang == "en" else es) in e for e in errors), errors
    assert db.table_snapshot(con) == before


def test_reports_to_cycle_refused_through_the_form(demo):
    con, key = demo
    names = rel.contacts(con, key).set_index("name")["contact_id"].astype(int)
    ceo, buyer = int(names["Ignacio Arrieta"]), int(names["Patricia Solís"])
    before = db.table_snapshot(con)
    at = run()
    at.selectbox(key=f"rel_which_{key}").set_value(ceo).run()
    at.selectbox(key=f"rel_boss_{key}_{ceo}").set_value(buyer)
    at.button(key=f"rel_submit_{key}_{ceo}").click().run()
    assert any("would make a loop" in e.value for e in at.error)
    assert db.table_snapshot(con) == before
