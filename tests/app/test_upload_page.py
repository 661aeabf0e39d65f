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
