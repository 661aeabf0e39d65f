"""AppTest: the account plan and contacts tables in the user's language, saved at once (issue 8).

What the grid draws is in its column configuration: amounts grouped the user's way (Streamlit's
"localized" followed the browser and showed 4,905,000 in Spanish), empty cells blank (not
"None"), quarters picked from their codes under a header that matches them, and no "Save table
changes" button (each change is saved by the editor's callback: tests/unit/test_table_autosave.py
and tests/e2e/test_table_autosave.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PLAN = {"en": "Account plan", "es": "Plan de cuenta"}


def _run(demo_copy, monkeypatch, lang, view=None) -> AppTest:
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "pages" / "account.py"), default_timeout=90)
    at.query_params["lang"] = lang
    if view:
        at.query_params["view"] = view
    at.run()
    assert not at.exception
    return at


def _columns(el) -> dict:
    return json.loads(el.proto.columns)


@pytest.mark.parametrize(
    "lang, money, pct",
    [("es", "%'.,.0f\u00a0EUR", "%'.,.0f %%"), ("en", "%,.0f\u00a0EUR", "%,.0f%%")],
)
def test_plan_tables_format_numbers_the_users_way_and_show_blanks(
    demo_copy, monkeypatch, lang, money, pct
):
    at = _run(demo_copy, monkeypatch, lang, PLAN[lang])
    editors = {e.key.split("_")[2]: e for e in at.data_editor}
    assert set(editors) == {"objectives", "competitors", "opportunities", "risks", "actions"}
    for el in at.dataframe:  # the editors and the read-only actions table
        assert el.proto.HasField("placeholder") and el.proto.placeholder == ""
        assert "localized" not in el.proto.columns
    assert _columns(editors["objectives"])["revenue_target"]["type_config"]["format"] == money
    assert _columns(editors["opportunities"])["value"]["type_config"]["format"] == money
    sow = _columns(editors["competitors"])["share_of_wallet"]["type_config"]
    assert (sow["format"], sow["max_value"]) == (pct, 100)
    quarter = _columns(editors["opportunities"])["expected_quarter"]
    assert quarter["label"] == ("Trimestre previsto" if lang == "es" else "Expected quarter")
    assert quarter["type_config"]["type"] == "selectbox"
    shown = editors["opportunities"].value["expected_quarter"].dropna().tolist()
    assert shown and set(shown) <= set(quarter["type_config"]["options"])
    # a required column keeps a half-typed new row in the browser instead of refusing it
    assert _columns(editors["objectives"])["description"]["required"] is True
    assert not [
        b for b in at.button if b.label in ("Save table changes", "Guardar cambios de la tabla")
    ]


def test_contacts_table_shows_blanks_and_has_no_save_button(demo_copy, monkeypatch):
    at = _run(demo_copy, monkeypatch, "es")
    (contacts,) = [e for e in at.data_editor if e.key.startswith("rel_editor_")]
    assert contacts.proto.placeholder == "" and contacts.proto.HasField("placeholder")
    assert contacts.value["reports_to"].isna().any()  # the top of the tree: an empty "Depende de"
    assert _columns(contacts)["name"]["required"] is True
    assert not [b for b in at.button if b.label == "Guardar cambios de la tabla"]
    assert "Cada cambio se guarda en cuanto sale de la celda." in [c.value for c in at.caption]
