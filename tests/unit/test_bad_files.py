"""The bad-file corpus (PRODUCT.md section 10): every file gets a clear message naming the file and,
where it applies, the row, the column and the reason, in English and in Spanish; nothing escapes as
an exception; the database content is exactly what it was before."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from kam_core import ingest
from kam_core.cli.ingest_cmd import cli_ingest
from kam_core.store import db

GOOD = "Cliente;Importe;Fecha\r\nACME S.A.;1.234,56;15/01/2024\r\nBeta SL;-12,50;20/02/2024\r\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ventas.csv", GOOD)
    return buf.getvalue()


def _csv(rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("cp1252")


HEAD = ["Cliente", "Importe", "Fecha"]

# name, file name, bytes, English fragments, Spanish fragments
CORPUS = [
    ("empty", "vacio.csv", b"", ["vacio.csv is empty"], ["vacio.csv está vacío"]),
    (
        "header_only",
        "cabecera.csv",
        b"Cliente;Importe;Fecha\r\n",
        ["cabecera.csv has a header row but no data rows"],
        ["cabecera.csv tiene fila de encabezados pero ninguna fila de datos"],
    ),
    (
        "binary",
        "datos.csv",
        bytes(range(256)) * 40,
        ["datos.csv is not a CSV or Excel file"],
        ["datos.csv no es un archivo CSV ni Excel"],
    ),
    (
        "png_as_xlsx",
        "ventas.xlsx",
        PNG * 20,
        ["ventas.xlsx is not a CSV or Excel", "PNG"],
        ["ventas.xlsx no es un archivo CSV ni Excel", "PNG"],
    ),
    (
        "zip_as_xlsx",
        "ventas.xlsx",
        _zip(),
        ["ventas.xlsx is a zip archive, not an Excel"],
        ["ventas.xlsx es un archivo zip, no un libro de Excel"],
    ),
    (
        "broken_xlsx",
        "roto.xlsx",
        _zip().replace(b"ventas.csv", b"xl/workbook")[:120],
        ["roto.xlsx cannot be read as an Excel workbook"],
        ["roto.xlsx no se puede leer como libro de Excel"],
    ),
    (
        "no_amount",
        "sin_importe.csv",
        _csv([["Cliente", "Fecha"], ["ACME", "15/01/2024"]]),
        ["sin_importe.csv: no amount column", "row 1", "Cliente, Fecha"],
        ["sin_importe.csv: no se encuentra la columna de importe", "fila 1"],
    ),
    (
        "no_account",
        "sin_cliente.csv",
        _csv([["Importe", "Fecha"], ["12,5", "15/01/2024"]]),
        ["sin_cliente.csv: no account column", "row 1"],
        ["sin_cliente.csv: no se encuentra la columna de cuenta", "fila 1"],
    ),
    (
        "text_amount",
        "texto.csv",
        _csv([HEAD, ["ACME", "1.234,56", "15/01/2024"], ["Beta", "doce euros", "16/01/2024"]]),
        ["texto.csv, row 3, column Importe: Amount is not a number: “doce euros”"],
        ["texto.csv, fila 3, columna Importe: El importe no es un número: «doce euros»"],
    ),
    (
        "feb_31",
        "fecha.csv",
        _csv([HEAD, ["ACME", "10,00", "15/01/2024"], ["Beta", "5,00", "31/02/2024"]]),
        ["fecha.csv, row 3, column Fecha: Impossible date: “31/02/2024”"],
        ["fecha.csv, fila 3, columna Fecha: Fecha imposible: «31/02/2024»"],
    ),
    (
        "bad_date",
        "fecha2.csv",
        _csv([HEAD, ["ACME", "10,00", "15/01/2024"], ["Beta", "5,00", "mañana"]]),
        ["fecha2.csv, row 3, column Fecha: Date not recognised: “mañana”"],
        ["fecha2.csv, fila 3, columna Fecha: Fecha no reconocida: «mañana»"],
    ),
    (
        "blank_account",
        "blanco.csv",
        _csv([HEAD, ["ACME", "10,00", "15/01/2024"], ["  ", "5,00", "16/01/2024"]]),
        ["blanco.csv, row 3, column Cliente: Account is blank"],
        ["blanco.csv, fila 3, columna Cliente: La cuenta está vacía"],
    ),
    (
        "ragged",
        "desigual.csv",
        b"Cliente;Importe;Fecha\r\nACME;10,00;15/01/2024\r\nBeta;5,00;16/01/2024;extra\r\n"
        b"Gamma;7,00\r\n",
        [
            "desigual.csv, row 3",
            "Wrong number of fields: 4 instead of 3",
            "desigual.csv, row 4",
            "2 instead of 3",
        ],
        ["desigual.csv, fila 3", "Número de campos incorrecto: 4 en lugar de 3"],
    ),
    (
        "huge",
        "enorme.csv",
        _csv([HEAD, ["ACME", "10,50", "15/01/2024"], ["Beta", "1e400", "16/01/2024"]]),
        ["enorme.csv, row 3, column Importe: Amount is not a finite number: “1e400”"],
        ["enorme.csv, fila 3, columna Importe: El importe no es un número finito: «1e400»"],
    ),
    (
        "nan",
        "nan.csv",
        b"customer,amount,date\nACME,10.5,2024-01-15\nBeta,nan,2024-01-16\n",
        ["nan.csv, row 3, column amount: Amount is not a finite number: “nan”"],
        ["nan.csv, fila 3, columna amount: El importe no es un número finito: «nan»"],
    ),
]


@pytest.fixture
def loaded(con):
    """A database that already holds one good upload, so 'unchanged' means something."""
    p = ingest.prepare(GOOD.encode("cp1252"), "bueno.csv", con)
    ingest.commit(con, [p], user="test")
    assert db.scalar(con, "SELECT count(*) FROM revenue_lines") == 2
    return con


@pytest.mark.parametrize("name, file_name, data, en, es", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_message_and_database_unchanged(loaded, tmp_path, name, file_name, data, en, es):
    path = tmp_path / file_name
    path.write_bytes(data)
    before = db.table_snapshot(loaded)
    version = db.data_version(loaded)
    for lang, fragments in (("en", en), ("es", es)):
        out, err = io.StringIO(), io.StringIO()
        rc = cli_ingest(
            loaded,
            [path],
            lang=lang,
            mapping=None,
            default_quarter=None,
            sheet=None,
            replace=False,
            replace_period=False,
            skip_invalid=False,
            out=out,
            err=err,
        )
        text = err.getvalue()
        assert rc == 1
        for fragment in fragments:
            assert fragment in text, (lang, fragment, text)
        assert "Traceback" not in text
        assert db.table_snapshot(loaded) == before
    assert db.data_version(loaded) == version


@pytest.mark.parametrize("name, file_name, data, en, es", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_through_prepare_and_commit(loaded, name, file_name, data, en, es):
    """The page's path: prepare raises UploadError, or commit refuses; never anything else."""
    before = db.table_snapshot(loaded)
    try:
        p = ingest.prepare(data, file_name, loaded)
    except ingest.UploadError as exc:
        assert file_name in exc.render("es")
    else:
        assert len(p.rejects) > 0 and p.rows_rejected >= 1
        assert set(p.rejects.columns) >= {"file", "row", "column", "reason", "value"}
        with pytest.raises(ingest.UploadError) as info:
            ingest.commit(loaded, [p], user="test")
        assert file_name in str(info.value)
    assert db.table_snapshot(loaded) == before


def test_commit_failure_midway_rolls_back_everything(loaded, monkeypatch):
    """Two files, the second insert fails inside the transaction: neither file is loaded."""
    a = ingest.prepare(_csv([HEAD, ["Nuevo", "1,00", "15/04/2024"]]), "a.csv", loaded)
    b = ingest.prepare(_csv([HEAD, ["Otro", "2,00", "15/07/2024"]]), "b.csv", loaded)
    before = db.table_snapshot(loaded)
    from kam_core.ingest import load

    calls = {"n": 0}
    real = load._insert_accounts

    def boom(cur, lines, batch_id, now):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        real(cur, lines, batch_id, now)

    monkeypatch.setattr(load, "_insert_accounts", boom)
    with pytest.raises(RuntimeError):
        ingest.commit(loaded, [a, b], user="test")
    assert db.table_snapshot(loaded) == before


HOSTILE = [
    "'; DROP TABLE accounts; --",
    '=HYPERLINK("http://evil.example","clic")',
    "<script>alert('x')</script>",
    "+34 600 000 000",
    "@SUM(A1:A2)",
]


def test_hostile_names_stored_verbatim(con):
    rows = [HEAD] + [[n, "10,00", "15/01/2024"] for n in HOSTILE]
    p = ingest.prepare(_csv(rows), "hostil.csv", con)
    assert p.rows_rejected == 0
    ingest.commit(con, [p], user="test")
    names = {r[0] for r in db.query_rows(con, "SELECT account_name FROM accounts")}
    assert names == set(HOSTILE)
    keys = {r[0] for r in db.query_rows(con, "SELECT account_key FROM revenue_lines")}
    assert keys == set(HOSTILE)
    assert db.scalar(con, "SELECT count(*) FROM accounts") == len(HOSTILE)  # table still there


def test_rejects_csv_neutralises_formulas_keeps_negative_numbers():
    rows = [
        HEAD,
        ["", "=1+2", "15/01/2024"],
        ["ACME", "-12,50x", "15/01/2024"],
        ["Beta", "@cmd", "15/01/2024"],
        ["Gamma", "5,00", "-12,50"],
    ]
    p = ingest.prepare(_csv(rows), "f.csv")
    text = ingest.rejects_csv(p.rejects, "es").decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert parsed[0] == ["Archivo", "Fila", "Columna", "Motivo", "Valor"]
    values = [r[4] for r in parsed[1:]]
    assert "'=1+2" in values and "'@cmd" in values and "'-12,50x" in values
    assert "-12,50" in values  # a real negative number stays a number
    assert not any(v.startswith(("=", "@", "+")) for r in parsed[1:] for v in r)
