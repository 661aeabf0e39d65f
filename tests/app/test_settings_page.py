"""AppTest: the settings page edits thresholds and weights, validated, in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.store import db, settings

ROOT = Path(__file__).resolve().parents[2]


def _app(path, monkeypatch, page="settings", lang="en"):
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    at.query_params["lang"] = lang
    return at.run()


def _save(at, label="Save settings"):
    return at.button(key=f"FormSubmitter:sp_form-{label}").click().run()


def test_tier_cut_saved_and_used_by_the_portfolio(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch)
    assert not at.exception
    assert at.number_input(key="sp_pareto_a").value == 80
    at.number_input(key="sp_pareto_a").set_value(50)
    _save(at)
    assert [s.value for s in at.success] == ["Settings saved."]
    con = db.connect(demo_copy)
    assert settings.get_all(con)["pareto_a"] == pytest.approx(0.5)
    row = db.query_rows(con, "SELECT updated_by FROM settings WHERE key = 'pareto_a'")
    con.close()
    assert row and row[0][0]
    pa = _app(demo_copy, monkeypatch, page="portfolio")
    labels = [m.label for m in pa.metric]
    assert "Accounts making 50%" in labels
    headline = [m.value for m in pa.markdown if "make 50% of revenue" in m.value]
    assert headline


@pytest.mark.parametrize(
    "lang, field, value, message",
    [
        ("en", "sp_pareto_a", 96, "The tier A cut must be lower than the tier B cut."),
        (
            "es",
            "sp_hhi_moderate",
            3000,
            "El IHH de 'concentración moderada' debe ser menor que el de 'concentración alta'.",
        ),
    ],
)
def test_inconsistent_values_refused_database_unchanged(
    demo_copy, monkeypatch, lang, field, value, message
):
    at = _app(demo_copy, monkeypatch, lang=lang)
    con = db.connect(demo_copy)
    before = db.table_snapshot(con, ["settings", "app_state"])
    con.close()
    at.number_input(key="sp_score_w_growth").set_value(35)  # a valid change in the same save
    at.number_input(key=field).set_value(value)
    _save(at, "Save settings" if lang == "en" else "Guardar ajustes")
    assert [e.value for e in at.error] == [message]
    con = db.connect(demo_copy)
    assert db.table_snapshot(con, ["settings", "app_state"]) == before
    con.close()


def test_weights_saved_together_and_reset(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch)
    at.number_input(key="sp_score_w_revenue").set_value(10)
    at.number_input(key="sp_score_w_margin").set_value(0)
    _save(at)
    con = db.connect(demo_copy)
    cfg = settings.get_all(con)
    con.close()
    assert (cfg["score_w_revenue"], cfg["score_w_margin"]) == (10, 0)
    at.button(key="sp_reset").click().run()
    con = db.connect(demo_copy)
    cfg = settings.get_all(con)
    con.close()
    assert (cfg["score_w_revenue"], cfg["score_w_margin"]) == (40, 15)
    assert at.number_input(key="sp_score_w_revenue").value == 40


def test_cross_field_rules_unit():
    with pytest.raises(Exception) as exc:
        settings.check({"score_w_revenue": 0, "score_w_growth": 0})
    assert exc.value.key == "err.set_weights_zero"
    settings.check({"pareto_a": 0.7, "pareto_b": 0.9, "xyz_x_max": 0.2, "xyz_y_max": 0.4})
