"""AppTest: the tiers page's stability toggle says the Settings value, and the strategic-mark form
keeps the kind and reason chosen after saving (issue 8)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kam_core.portfolio import tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "tiers.py")


def _app(path, monkeypatch, **query):
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = AppTest.from_file(PAGE, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return at


def _toggles(at) -> dict:
    return {t.key: t for t in at.toggle if (t.key or "").startswith("tr_mig_stable")}


def test_stability_toggle_says_the_setting(demo_copy, monkeypatch):
    # the demo's setting is 0 (off): no "(2 quarters)" that nobody set
    at = _app(demo_copy, monkeypatch, view="Migración entre niveles", lang="es")
    (toggle,) = _toggles(at).values()
    assert toggle.label == "Estabilidad (desactivada en Ajustes)"
    assert toggle.value is False and toggle.proto.disabled
    con = db.connect(demo_copy)
    settings.save(con, {"tier_stability_quarters": 3}, "admin")
    con.close()
    at = _app(demo_copy, monkeypatch, view="Tier migration")
    (toggle,) = _toggles(at).values()
    assert (toggle.label, toggle.value, toggle.proto.disabled) == (
        "Stability rule (3 quarters)",
        True,
        False,
    )


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _blocks(child)


def test_mark_form_keeps_the_kind_and_reason_after_saving(demo_copy, monkeypatch):
    con = db.connect(demo_copy)
    ka = tiers.key_accounts(con, Filters("2025-Q4", "2026-Q3"))
    con.close()
    target = ka.loc[(ka["tier"] == "C") & ka["mark_kind"].isna()].iloc[0]
    at = _app(demo_copy, monkeypatch, view="Key accounts")
    at.text_input(key="tr_mark_find").input(target["account_name"][:12]).run()
    at.selectbox(key="tr_mark_account").set_value(target["account_key"]).run()
    at.radio(key="tr_mark_kind").set_value("key")
    at.selectbox(key="tr_mark_reason").set_value("growth_potential")
    at.text_area(key="tr_mark_note").input("Three new plants in 2027")
    at.button(key="FormSubmitter:tr_mark_form-Save mark").click().run()
    assert not at.exception and not at.error
    assert "Growth potential" in at.info[0].value  # the account's current mark
    # The browser resets a clear_on_submit form to its first options ("Brand image"): the
    # form no longer clears; the chosen kind and reason stay, only the note is emptied (sent
    # to the browser as a value set by the server).
    forms = [b for b in _blocks(at._tree) if getattr(b, "type", None) == "form"]
    mark_form = [f for f in forms if f.proto.form.form_id == "tr_mark_form"]
    assert mark_form and not mark_form[0].proto.form.clear_on_submit
    assert (at.radio(key="tr_mark_kind").value, at.selectbox(key="tr_mark_reason").value) == (
        "key",
        "growth_potential",
    )
    note = at.text_area(key="tr_mark_note")
    assert (note.value, note.proto.set_value) == ("", True)
