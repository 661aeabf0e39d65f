"""Upload page under AppTest: upload -> preview -> commit -> history -> undo; errors in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]
UPLOADER = "upload_files_0"

GOOD = (
    "Informe de ventas;;\r\n"
    "Cliente;Importe;Fecha\r\n"
    "ACME Ibérica S.A.;1.234,56;15/01/2024\r\n"
    "Beta SL;-34,56;20/02/2024\r\n"
    ";10,00;21/02/2024\r\n"
    "Gamma;doce;22/02/2024\r\n"
).encode("cp1252")


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("CARTERA_DB", str(path))
    return path


def _page(lang="en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


def _metric(at, label) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _lines(path) -> list[tuple]:
    con = db.connect(path)
    try:
        return db.query_rows(con, "SELECT account_key, amount FROM revenue_lines ORDER BY 1")
    finally:
        con.close()


def test_upload_preview_commit_history_undo(empty_db):
    at = _page()
    assert not at.exception
    assert "Nothing has been uploaded yet." in [c.value for c in at.caption]
    at.file_uploader(key=UPLOADER).set_value(("ventas.csv", GOOD, "text/csv"))
    at.run()
    assert not at.exception and not at.error
    assert _metric(at, "Valid rows") == "2"
    assert _metric(at, "Rejected rows") == "2"
    assert _metric(at, "Total amount") == "1,200\u00a0EUR"  # 1,234.56 - 34.56, reporting currency
    assert _metric(at, "New accounts") == "2"
    rejects = at.dataframe[0].value
    assert list(rejects["Row"]) == [5, 6]
    assert list(rejects["Column"]) == ["Cliente", "Importe"]
    assert list(rejects["Reason"]) == ["Account is blank", "Amount is not a number"]
    assert (
        at.selectbox(key=next(k for k in _keys(at) if k.endswith("map_amount"))).value == "Importe"
    )
    assert _lines(empty_db) == []  # nothing written by the preview
    commit = at.button(key="up_commit")
    assert commit.label == "Load the 2 valid rows"
    commit.click()
    at.run()
    assert not at.exception
    assert any("Loaded 2 rows" in s.value for s in at.success)
    assert _lines(empty_db) == [("ACME Ibérica S.A.", 1234.56), ("Beta SL", -34.56)]
    hist = at.dataframe[-1].value
    assert list(hist["File"]) == ["ventas.csv"] and list(hist["Status"]) == ["loaded"]
    assert list(hist["Rejected"]) == ["2"] and list(hist["Total"]) == ["1,200.00\u00a0EUR"]
    # The uploader was emptied; undo the upload from the history.
    assert at.file_uploader(key="upload_files_1").value in (None, [])
    at.button(key="up_undo").click()
    at.run()
    assert any("Upload #1 undone" in s.value for s in at.success)
    assert _lines(empty_db) == []
    assert list(at.dataframe[-1].value["Status"]) == ["undone"]


def _keys(at) -> list[str]:
    return [w.key for w in at.selectbox if w.key]


def test_bad_file_error_in_spanish_and_nothing_written(empty_db):
    at = _page("es")
    before = _snapshot(empty_db)
    at.file_uploader(key=UPLOADER).set_value(
        ("ventas.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200), "application/octet-stream")
    )
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "ventas.xlsx no es un archivo CSV ni Excel (parece un archivo binario: PNG). Exporte los "
        "datos como CSV o .xlsx y vuelva a intentarlo."
    ]
    assert at.button(key="up_commit").disabled
    assert _snapshot(empty_db) == before


def _snapshot(path):
    con = db.connect(path)
    try:
        return db.table_snapshot(con)
    finally:
        con.close()


def test_mapping_correction_when_no_amount_is_recognised(empty_db):
    data = "Sociedad;Neto facturado 2024;Fecha\nACME;100,50;15/01/2024\n".encode()
    at = _page("es")
    at.file_uploader(key=UPLOADER).set_value(("raro.csv", data, "text/csv"))
    at.run()
    assert "no se encuentra la columna" in at.error[0].value
    key = next(k for k in _keys(at) if k.endswith("map_amount"))
    at.selectbox(key=key).set_value("Neto facturado 2024")
    at.run()
    acc_key = next(k for k in _keys(at) if k.endswith("map_account"))
    at.selectbox(key=acc_key).set_value("Sociedad")
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert _metric(at, "Filas válidas") == "1"
    assert _metric(at, "Importe total") == "100\u00a0EUR"
    at.button(key="up_commit").click()
    at.run()
    assert _lines(empty_db) == [("ACME", 100.5)]


def test_same_file_again_is_flagged_and_replace_offered(empty_db):
    at = _page()
    at.file_uploader(key=UPLOADER).set_value(("ventas.csv", GOOD, "text/csv"))
    at.run()
    at.button(key="up_commit").click()
    at.run()
    at.file_uploader(key="upload_files_1").set_value(("ventas (1).csv", GOOD, "text/csv"))
    at.run()
    assert any("already loaded (upload #1)" in w.value for w in at.warning)
    assert at.button(key="up_commit").disabled  # not without ticking "replace"
    assert len(_lines(empty_db)) == 2
    at.checkbox(key="up_opt_replace").check()
    at.run()
    at.button(key="up_commit").click()
    at.run()
    assert not at.error
    assert len(_lines(empty_db)) == 2
    assert list(at.dataframe[-1].value["Status"]) == ["loaded", "replaced"]


# ----------------------------------------------------------------------------- issue 8

SWAP = (
    "Cliente;Nombre comercial;Importe;Fecha\r\n"
    "ACME IBERICA SA;Acme;100,00;15/01/2024\r\n"
    "BETA SERVICIOS SL;Beta;50,00;20/02/2024\r\n"
).encode("cp1252")


def _box(at, field):
    return at.selectbox(key=next(k for k in _keys(at) if k.endswith(f"map_{field}")))


def test_choosing_a_column_another_field_reads_swaps_them(empty_db):
    at = _page("es")
    at.file_uploader(key=UPLOADER).set_value(("swap.csv", SWAP, "text/csv"))
    at.run()
    assert (_box(at, "account").value, _box(at, "kam").value) == ("Cliente", "Nombre comercial")
    _box(at, "account").set_value("Nombre comercial")
    at.run()
    # Before issue 8: "no se encuentra la columna de cuenta" and Load disabled.
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert (_box(at, "account").value, _box(at, "kam").value) == ("Nombre comercial", "Cliente")
    assert _metric(at, "Filas válidas") == "2"
    commit = at.button(key="up_commit")
    assert not commit.disabled
    commit.click()
    at.run()
    assert _lines(empty_db) == [("Acme", 100.0), ("Beta", 50.0)]


def test_serial_dates_through_the_page_and_numbers_refused_in_spanish(empty_db):
    at = _page("es")
    data = "Cliente;Importe;Fecha\r\nA;10,00;45292\r\nB;20,00;45383\r\nC;1,00;2024\r\n".encode()
    at.file_uploader(key=UPLOADER).set_value(("serie.csv", data, "text/csv"))
    at.run()
    assert not at.exception and not at.error
    assert _metric(at, "Filas válidas") == "2"
    assert any("2024-Q1, 2024-Q2" in c.value for c in at.caption)
    rejects = at.dataframe[0].value
    assert list(rejects["Fila"]) == [4] and list(rejects["Columna"]) == ["Fecha"]
    assert list(rejects["Motivo"]) == ["Fecha demasiado antigua"]  # 2024 = 1905-07-16
    before = _snapshot(empty_db)
    years = "Cliente;Importe;Fecha\r\nA;1;2023\r\nB;2;2024\r\n".encode()
    at.file_uploader(key=UPLOADER).set_value(("anios.csv", years, "text/csv"))
    at.run()
    rejects = at.dataframe[0].value
    assert list(rejects["Motivo"]) == ["Número, no fecha"] * 2
    assert list(rejects["Fila"]) == [2, 3]
    assert at.button(key="up_commit").disabled
    assert _snapshot(empty_db) == before


BOTH = (
    "Cliente;Importe;Fecha\r\nACME;100,00;15/01/2024\r\nBeta;50,00;20/02/2024\r\n"
    "ACME;120,00;15/04/2024\r\nDelta;30,00;20/05/2024\r\n"
).encode("cp1252")


def test_reupload_diff_shows_no_change_and_add_shows_the_sum(empty_db):
    at = _page("es")
    at.file_uploader(key=UPLOADER).set_value(("ventas.csv", BOTH, "text/csv"))
    at.run()
    assert any("2024-Q2 comparado con 2024-Q1" in m.value for m in at.markdown)
    at.button(key="up_commit").click()
    at.run()
    at.file_uploader(key="upload_files_1").set_value(("ventas (1).csv", BOTH, "text/csv"))
    at.run()
    assert not at.exception
    # Before issue 8: "-46,4 %" and "Cuentas perdidas 1" (2024-Q1 counted twice).
    assert [i.value for i in at.info if "como están" in i.value] == [
        "Esta carga deja 2024-Q1, 2024-Q2 como están: las mismas cuentas con la misma facturación."
    ]
    assert not any(m.label == "Cuentas perdidas" for m in at.metric)
    # Another file over 2024-Q2: nothing until replace or add is chosen, then the sum.
    more = "Cliente;Importe;Fecha\r\nDelta;20,00;01/06/2024\r\n".encode()
    at.file_uploader(key="upload_files_1").set_value(("mas.csv", more, "text/csv"))
    at.run()
    assert any("sustituye o se suma a 2024-Q2" in c.value for c in at.caption)
    at.radio(key="up_opt_overlap").set_value("add")
    at.run()
    assert _metric(at, "Facturación tras la carga") == "170\u00a0EUR"  # 150 + 20
    assert _metric(at, "Cuentas con cambios") == "1"
    at.radio(key="up_opt_overlap").set_value("replace")
    at.run()
    assert _metric(at, "Facturación tras la carga") == "20\u00a0EUR"
    assert _metric(at, "Cuentas perdidas") == "1"  # ACME has no line in the new file
