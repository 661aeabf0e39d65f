"""AppTest: Settings shows numbers in the user's language and "Restore defaults" really restores
the form (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.store import db, settings

ROOT = Path(__file__).resolve().parents[2]


def _app(path, monkeypatch, lang="en"):
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / "settings.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _save(at, label="Save settings"):
    return at.button(key=f"FormSubmitter:sp_form-{label}").click().run()


def _stored(path) -> dict:
    con = db.connect(path)
    try:
        return settings.get_all(con)
    finally:
        con.close()


def test_decimals_counts_and_shares_in_spanish(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch, "es")
    # decimals are text in the user's language, with the precision they need (not 3.00, 0.10)
    shown = {k: at.text_input(key=f"sp_{k}").value for k in ("load_tier_a", "load_tier_b")}
    shown["load_open_action"] = at.text_input(key="sp_load_open_action").value
    shown["frequency_min_orders"] = at.text_input(key="sp_frequency_min_orders").value
    assert shown == {
        "load_tier_a": "3",
        "load_tier_b": "1,5",
        "load_open_action": "0,1",
        "frequency_min_orders": "2",
    }
    assert "Por defecto: 0,1" in at.text_input(key="sp_load_open_action").help
    # shares: whole percentages under a "(%)" label, the default written as a percentage
    share = at.number_input(key="sp_major_customer_share")
    assert (share.value, share.proto.format) == (10, "%.0f")
    assert share.label.endswith("(%)") and "Por defecto: 10 %" in share.help
    # counts: whole numbers
    assert {n.proto.format for n in at.number_input} <= {"%d", "%.0f"}


def test_a_spanish_decimal_is_saved_and_a_bad_one_refused(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch, "es")
    at.text_input(key="sp_load_open_action").input("0,25")
    _save(at, "Guardar ajustes")
    assert not at.error
    assert _stored(demo_copy)["load_open_action"] == pytest.approx(0.25)
    con = db.connect(demo_copy)
    before = db.table_snapshot(con, ["settings"])
    con.close()
    at.text_input(key="sp_load_tier_b").input("uno y medio")
    _save(at, "Guardar ajustes")
    assert [e.value for e in at.error] == [
        "«Carga: cuenta de nivel B»: «uno y medio» no es un número."
    ]
    con = db.connect(demo_copy)
    assert db.table_snapshot(con, ["settings"]) == before
    con.close()


def test_restore_defaults_puts_the_defaults_in_the_form(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch)
    at.number_input(key="sp_score_w_revenue").set_value(10)
    at.number_input(key="sp_pareto_a").set_value(70)
    at.text_input(key="sp_load_tier_a").input("4.5")
    _save(at)
    assert _stored(demo_copy)["score_w_revenue"] == 10
    at.button(key="sp_reset").click().run()
    assert not at.exception and not at.error
    # The browser keeps what it shows unless the server sends the value (set_value): popping
    # the widget state left 10 / 70 / 4.5 on screen, and the next save stored them again.
    for kind, key, default in (
        ("number_input", "sp_score_w_revenue", 40),
        ("number_input", "sp_pareto_a", 80),
        ("text_input", "sp_load_tier_a", "3"),
    ):
        w = getattr(at, kind)(key=key)
        assert w.proto.set_value, key
        assert (w.value, w.proto.value) == (default, default), key
    at.number_input(key="sp_score_w_growth").set_value(25)  # any other field, then save
    _save(at)
    cfg = _stored(demo_copy)
    assert (cfg["score_w_revenue"], cfg["pareto_a"], cfg["load_tier_a"]) == (40, 0.8, 3.0)
    assert cfg["score_w_growth"] == 25
