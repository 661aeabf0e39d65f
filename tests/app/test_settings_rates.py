"""Settings page, currencies (F-IN-10): the reporting currency (a text setting) and the rate table;
amounts on other pages carry the reporting currency."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kam_core.store import db, rates

ROOT = Path(__file__).resolve().parents[2]


def _app(path, monkeypatch, page="settings", lang="en"):
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    at.query_params["lang"] = lang
    return at.run()


def test_reporting_currency_is_edited_and_shown_next_to_amounts(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch)
    assert not at.exception
    box = at.text_input(key="sp_reporting_currency")
    assert box.value == "EUR" and box.label == "Reporting currency"
    assert "Exchange rates into EUR" in [h.value for h in at.subheader]
    pa = _app(demo_copy, monkeypatch, page="portfolio")
    revenue = next(m.value for m in pa.metric if m.label == "Revenue")
    assert revenue.endswith("\u00a0EUR")
    box.set_value("usd")
    at.button(key="FormSubmitter:sp_form-Save settings").click().run()
    assert [s.value for s in at.success] == ["Settings saved."]
    pa = _app(demo_copy, monkeypatch, page="portfolio", lang="es")
    assert next(m.value for m in pa.metric if m.label == "Facturación").endswith("\u00a0USD")


def test_rates_table_saves_and_refuses_bad_rows(demo_copy, monkeypatch):
    at = _app(demo_copy, monkeypatch, lang="es")
    assert "Tipos de cambio a EUR" in [h.value for h in at.subheader]
    at.session_state["fx_editor"] = {
        "edited_rows": {},
        "added_rows": [
            {"currency": "usd", "quarter": "2025-Q1", "rate": 0.92},
            {"currency": "Pesos oro", "quarter": "2025-Q2", "rate": 0.9},
        ],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="fx_save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Fila 2: «Pesos oro» no es un código de moneda (tres letras, p. ej. USD). No se ha "
        "guardado nada."
    ]
    con = db.connect(demo_copy)
    assert rates.rates_table(con).empty
    con.close()
    at.session_state["fx_editor"] = {
        "edited_rows": {},
        "added_rows": [{"currency": "usd", "quarter": "2025-Q1", "rate": 0.92}],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="fx_save").click().run()
    assert not at.exception and not at.error
    con = db.connect(demo_copy)
    table = rates.rates_table(con)
    con.close()
    assert table[["currency", "quarter", "rate"]].values.tolist() == [["USD", "2025-Q1", 0.92]]
