"""Upload page, real exports (issue 7): the preview of a wide report (its period columns, correctable,
and the total row and column not loaded), of a subtotalled export, and of a file in several
currencies whose missing rates are entered on the page; in English and Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]
UPLOADER = "upload_files_0"

WIDE = (
    "Ventas por cliente - Ejercicio 2024;;;;;\r\n"
    ";;;;;\r\n"
    "Cliente;Región;Enero;Febrero;Marzo;Total\r\n"
    "Acme;Norte;1.000,50;200;;1.200,50\r\n"
    "Beta;Sur;300;;50;350\r\n"
    "Total general;;1.300,50;200;50;1.550,50\r\n"
).encode("cp1252")

MIXED = (
    "Cliente;Fecha;Importe;Moneda\r\n"
    "Acme;15/01/2024;100;EUR\r\n"
    "Beta;16/02/2024;200;USD\r\n"
    "Gamma;17/05/2024;50;USD\r\n"
    "Total general;;350;\r\n"
).encode()

TEXT = {
    "en": {
        "wide": "Read as a report by months: 3 period columns, 2024-01 to 2024-03, one line per "
        "account and period. Year taken from the title: 2024. Not loaded: Total.",
        "totals": "1 total rows, not loaded (totals and subtotals are never counted):",
        "found": [
            "account data",
            "account data",
            "period",
            "period",
            "period",
            "total, not loaded",
        ],
        "total": "Total amount",
        "label": "Label",
        "missing": "No exchange rate for USD: 2024-Q1, 2024-Q2. Enter the rates to load this file:",
        "converted": "Converted into EUR at the rate of each line's quarter: 250.00 USD.",
    },
    "es": {
        "wide": "Leído como un informe por meses: 3 columnas de periodo, de 2024-01 a 2024-03, una "
        "línea por cuenta y periodo. Año tomado del título: 2024. No se cargan: Total.",
        "totals": "1 filas de totales, no se cargan (los totales y subtotales nunca se suman):",
        "found": [
            "datos de la cuenta",
            "datos de la cuenta",
            "periodo",
            "periodo",
            "periodo",
            "total, no se carga",
        ],
        "total": "Importe total",
        "label": "Etiqueta",
        "missing": "Falta el tipo de cambio de USD: 2024-Q1, 2024-Q2. Introduzca los tipos para "
        "cargar este archivo:",
        "converted": "Convertido a EUR con el tipo del trimestre de cada línea: 250,00 USD.",
    },
}


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("CARTERA_DB", str(path))
    return path


def _upload(name: str, data: bytes, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.file_uploader(key=UPLOADER).set_value((name, data, "text/csv"))
    return at.run()


def _metric(at, label) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _rows(path, sql) -> list[tuple]:
    con = db.connect(path)
    try:
        return db.query_rows(con, sql)
    finally:
        con.close()


def _editor_key(at, suffix: str) -> str:
    return next(e.key for e in at.data_editor if e.key and e.key.endswith(suffix))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_wide_report_preview_shows_periods_and_skipped_totals(empty_db, lang):
    at = _upload("ventas_2024.csv", WIDE, lang)
    text = TEXT[lang]
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert text["wide"] in [i.value for i in at.info]
    reading = at.data_editor[0].value  # column -> what it was read as -> period
    assert list(reading["column"]) == ["Cliente", "Región", "Enero", "Febrero", "Marzo", "Total"]
    assert list(reading["role"]) == text["found"]
    assert list(reading["period"]) == ["", "", "2024-01", "2024-02", "2024-03", ""]
    assert text["totals"] in [i.value for i in at.info]
    totals = next(d.value for d in at.dataframe if text["label"] in d.value.columns)
    assert list(totals[text["label"]]) == ["Total general"]
    assert not at.warning  # total rows are no rejected rows
    total = "1,550\u00a0EUR" if lang == "en" else "1.550\u00a0EUR"  # 1,550.50 rounded half-even
    assert _metric(at, text["total"]) == total
    at.button(key="up_commit").click()
    at.run()
    assert _rows(
        empty_db, "SELECT account_key, quarter, amount FROM revenue_lines ORDER BY 1, 3"
    ) == [
        ("Acme", "2024-Q1", 200.0),
        ("Acme", "2024-Q1", 1000.5),
        ("Beta", "2024-Q1", 50.0),
        ("Beta", "2024-Q1", 300.0),
    ]


def test_reading_corrected_on_the_page(empty_db):
    at = _upload("ventas_2024.csv", WIDE, "en")
    key = _editor_key(at, "_reading")
    at.session_state[key] = {
        "edited_rows": {3: {"period": ""}, 4: {"period": "2024-04"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception and not at.error
    assert "Read as a report by months: 2 period columns, 2024-01 to 2024-04" in at.info[0].value
    assert "Not loaded: Febrero, Total." in at.info[0].value
    at.button(key="up_commit").click()
    at.run()
    assert _rows(
        empty_db, "SELECT quarter, sum(amount) FROM revenue_lines GROUP BY 1 ORDER BY 1"
    ) == [
        ("2024-Q1", 1300.5),
        ("2024-Q2", 50.0),
    ]


def test_read_as_long_file_toggle(empty_db):
    at = _upload("ventas_2024.csv", WIDE, "en")
    toggle = next(t for t in at.toggle if t.key and t.key.endswith("_as_long"))
    toggle.set_value(True)
    at.run()
    assert not at.exception
    assert not [i for i in at.info if i.value.startswith("Read as a report")]
    amount = next(s for s in at.selectbox if s.key and s.key.endswith("map_amount"))
    assert amount.value == "Total"  # the user's own mapping from here on


@pytest.mark.parametrize("lang", ["en", "es"])
def test_missing_rates_entered_on_the_page_then_loaded(empty_db, lang):
    text = TEXT[lang]
    at = _upload("ventas_usd.csv", MIXED, lang)
    assert not at.exception
    assert text["missing"] in [w.value for w in at.warning]
    assert at.button(key="up_commit").disabled
    before = _rows(empty_db, "SELECT count(*) FROM revenue_lines")
    key = _editor_key(at, "_rates")
    assert list(at.data_editor(key=key).value["quarter"]) == ["2024-Q1", "2024-Q2"]
    at.session_state[key] = {
        "edited_rows": {0: {"rate": 0.9}, 1: {"rate": 0.8}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key=f"{key}_save").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert before == [(0,)]
    assert text["converted"] in [c.value for c in at.caption]
    assert not [w for w in at.warning if "USD" in w.value]
    assert _metric(at, text["total"]).startswith("320")  # 100 + 200 x 0.9 + 50 x 0.8
    at.button(key="up_commit").click()
    at.run()
    assert _rows(
        empty_db, "SELECT currency, amount_original, fx_rate, amount FROM revenue_lines ORDER BY 2"
    ) == [("USD", 50.0, 0.8, 40.0), ("EUR", 100.0, 1.0, 100.0), ("USD", 200.0, 0.9, 180.0)]
