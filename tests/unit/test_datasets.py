"""The three shared datasets through the CLI, checked against an independent pandas computation.

The one oracle, ``tests/fixtures/expected.py``, implements PRODUCT.md section 8 from scratch on a
frame read there with pandas (explicit encodings and date formats), so a bug in sniffing, mapping,
validation or metrics shows as a mismatch. Then the same data reshaped as real exports must give
the very same figures.
"""

from __future__ import annotations

import json

import pandas as pd

from kam_core import cli
from kam_core.store import db
from tests.fixtures import variants
from tests.fixtures.expected import (
    assert_report_matches,
    retail_expected,
    retail_raw,
    sales_expected,
    sales_raw,
    superstore_expected,
    superstore_raw,
)

# ----------------------------------------------------------------------------- helpers


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.main(list(map(str, argv)))
    out = capsys.readouterr()
    return rc, out.out, out.err


def report(capsys, db_path) -> dict:
    rc, out, _ = run_cli(capsys, "report", "--db", db_path, "--json")
    assert rc == 0
    return json.loads(out)


# ----------------------------------------------------------------------------- the datasets as published


def test_superstore_key_is_customer_id_and_figures_match(capsys, tmp_path, datasets):
    path = tmp_path / "s.duckdb"
    rc, out, err = run_cli(capsys, "ingest", "--db", path, datasets / "superstore.csv")
    assert rc == 0, err
    want = superstore_expected(datasets)
    assert_report_matches(report(capsys, path), want)
    # Customer ID is 1:1 with Customer Name: the same figures by name (hand-checked invariant).
    df = superstore_raw(datasets)
    assert df.groupby("Customer ID")["Customer Name"].nunique().max() == 1
    assert df.groupby("Customer Name")["Customer ID"].nunique().max() == 1
    con = db.connect(path)
    try:
        names = db.query_rows(
            con, "SELECT account_key, account_name FROM accounts WHERE account_key = 'CG-12520'"
        )
        # cp1252 decoded: a name with a non-ASCII letter survives intact.
        umlaut = db.scalar(con, "SELECT count(*) FROM accounts WHERE account_name LIKE '%ü%'")
    finally:
        con.close()
    assert names == [("CG-12520", "Claire Gute")]
    with_umlaut = df.loc[df["Customer Name"].str.contains("ü"), "Customer ID"].nunique()
    assert umlaut == with_umlaut > 0


def test_sales_data_sample_dates_are_month_first(capsys, tmp_path, datasets):
    path = tmp_path / "s.duckdb"
    rc, _, err = run_cli(capsys, "ingest", "--db", path, datasets / "sales_data_sample.csv")
    assert rc == 0, err
    want = sales_expected(datasets)
    assert want["accounts"] == 92
    assert_report_matches(report(capsys, path), want)
    con = db.connect(path)
    try:
        # line 2 of the file: ``2/24/2003 0:00``; line 3: ``05/07/2003 00:00`` is 7 May, not 5 July
        dates = db.query_rows(
            con,
            "SELECT source_row, CAST(line_date AS VARCHAR), quarter "
            "FROM revenue_lines WHERE source_row IN (2, 3) ORDER BY 1",
        )
    finally:
        con.close()
    assert dates == [(2, "2003-02-24", "2003-Q1"), (3, "2003-05-07", "2003-Q2")]


def test_online_retail_refused_then_skip_invalid(capsys, tmp_path, datasets):
    path = tmp_path / "r.duckdb"
    rc, out, err = run_cli(capsys, "ingest", "--db", path, datasets / "online_retail_sample.csv")
    assert rc == 1
    assert "5,078 rows rejected" in err and "Account is blank (column CustomerID)" in err
    assert "row 2, column CustomerID" in err  # the first NA line, as an editor numbers it
    assert "Nothing was written" in err
    con = db.connect(path)
    try:
        assert db.scalar(con, "SELECT count(*) FROM revenue_lines") == 0
        assert db.scalar(con, "SELECT count(*) FROM batches") == 0
    finally:
        con.close()

    rc, out, err = run_cli(
        capsys, "ingest", "--db", path, "--skip-invalid", datasets / "online_retail_sample.csv"
    )
    assert rc == 0, err
    assert "5,078" in err and "Account is blank" in err
    want = retail_expected(datasets)
    got = report(capsys, path)
    assert_report_matches(got, want)
    con = db.connect(path)
    try:
        lines, credit, rejected = db.query_rows(
            con,
            "SELECT count(*), count(*) FILTER (WHERE amount < 0), "
            "(SELECT rows_rejected FROM batches) FROM revenue_lines",
        )[0]
    finally:
        con.close()
    raw = retail_raw(datasets)
    kept = raw[raw["CustomerID"].notna()]
    assert (lines, rejected) == (14_922, 5_078)
    assert credit == int((kept["Quantity"] * kept["UnitPrice"] < 0).sum())  # credit notes netted


def test_spanish_language_cli_messages(capsys, tmp_path, datasets):
    rc, _, err = run_cli(
        capsys,
        "--lang",
        "es",
        "ingest",
        "--db",
        tmp_path / "x.duckdb",
        datasets / "online_retail_sample.csv",
    )
    assert rc == 1
    assert "5.078 filas rechazadas" in err and "La cuenta está vacía" in err
    assert "No se ha escrito nada" in err


# ----------------------------------------------------------------------------- real-export variants


def test_superstore_as_spanish_cp1252_export(capsys, tmp_path, datasets):
    df = superstore_raw(datasets)
    es = pd.DataFrame(
        {
            "Código cliente": df["Customer ID"],
            "Razón social": df["Customer Name"],
            "Fecha factura": df["Order Date"],
            "Línea de producto": df["Category"],
            "Región": df["Region"],
            "Segmento": df["Segment"],
            "Importe": df["Sales"].astype(float),
            "Beneficio": df["Profit"].astype(float),
        }
    )
    path = variants.write_spanish_csv(es, tmp_path / "ventas_2014_2017.csv", "cp1252")
    raw = path.read_bytes()
    assert b";" in raw and b"\xf3" in raw  # ó in cp1252
    assert any(v.count(".") and "," in v for v in es["Importe"].map(variants.es_number))
    db_path = tmp_path / "es.duckdb"
    rc, out, err = run_cli(capsys, "ingest", "--db", db_path, path)
    assert rc == 0, err
    assert_report_matches(report(capsys, db_path), superstore_expected(datasets))
    con = db.connect(db_path)
    try:
        regions = db.query_rows(con, "SELECT DISTINCT product_line FROM revenue_lines ORDER BY 1")
    finally:
        con.close()
    assert regions == [("Furniture",), ("Office Supplies",), ("Technology",)]


def test_sales_as_latin1_spanish_export(capsys, tmp_path, datasets):
    df = sales_raw(datasets)
    es = pd.DataFrame(
        {
            "Cliente": df["CUSTOMERNAME"],
            "Fecha": df["ORDERDATE"],
            "Importe": df["SALES"].astype(float),
            "Familia": df["PRODUCTLINE"],
            "País": df["COUNTRY"],
        }
    )
    path = variants.write_spanish_csv(es, tmp_path / "ventas.csv", "latin-1")
    db_path = tmp_path / "es.duckdb"
    rc, _, err = run_cli(capsys, "ingest", "--db", db_path, path)
    assert rc == 0, err
    assert_report_matches(report(capsys, db_path), sales_expected(datasets))


def test_sales_as_xlsx_with_title_block(capsys, tmp_path, datasets):
    df = sales_raw(datasets)
    es = pd.DataFrame(
        {
            "Nº pedido": df["ORDERNUMBER"],
            "Cliente": df["CUSTOMERNAME"],
            "Fecha pedido": df["ORDERDATE"],
            "Ventas": df["SALES"].astype(float),
            "Línea de producto": df["PRODUCTLINE"],
        }
    )
    path = variants.write_xlsx_with_title(es, tmp_path / "ventas.xlsx", "Informe de ventas")
    db_path = tmp_path / "x.duckdb"
    rc, _, err = run_cli(capsys, "ingest", "--db", db_path, path)
    assert rc == 0, err
    assert_report_matches(report(capsys, db_path), sales_expected(datasets))
    con = db.connect(db_path)
    try:
        first = db.query_rows(
            con, "SELECT min(source_row), any_value(source_format) FROM revenue_lines, batches"
        )[0]
    finally:
        con.close()
    assert first[0] == 5  # title, date, blank row, header on row 4: data from Excel row 5


def test_superstore_one_file_per_quarter_uploaded_together(capsys, tmp_path, datasets):
    df = superstore_raw(datasets)
    es = pd.DataFrame(
        {
            "ID Cliente": df["Customer ID"],
            "Cliente": df["Customer Name"],
            "Fecha": df["Order Date"],
            "Importe": df["Sales"].astype(float),
        }
    )
    paths = variants.split_by_quarter(
        es,
        "Fecha",
        tmp_path / "q",
        "ventas",
        lambda part, p: variants.write_spanish_csv(part, p, "cp1252"),
    )
    assert len(paths) == 16
    db_path = tmp_path / "q.duckdb"
    rc, out, err = run_cli(capsys, "ingest", "--db", db_path, *paths)
    assert rc == 0, err
    assert_report_matches(report(capsys, db_path), superstore_expected(datasets))
    con = db.connect(db_path)
    try:
        batches = db.query_rows(con, "SELECT count(*), count(DISTINCT uploaded_at) FROM batches")
    finally:
        con.close()
    assert batches == [(16, 1)]  # one transaction, one batch per file


def test_same_file_twice_replace_and_undo(capsys, tmp_path, datasets):
    path = tmp_path / "d.duckdb"
    src = datasets / "sales_data_sample.csv"
    assert run_cli(capsys, "ingest", "--db", path, src)[0] == 0
    before = report(capsys, path)
    rc, _, err = run_cli(capsys, "ingest", "--db", path, src)
    assert rc == 1 and "already been loaded" in err
    assert report(capsys, path) == before
    rc, _, err = run_cli(capsys, "ingest", "--db", path, "--replace", src)
    assert rc == 0, err
    assert report(capsys, path) == before
    # A second dataset on top, then undo it: the report is exactly as before.
    assert run_cli(capsys, "ingest", "--db", path, datasets / "superstore.csv")[0] == 0
    assert report(capsys, path) != before
    from kam_core import ingest

    con = db.connect(path)
    try:
        last = int(ingest.batch_history(con)["batch_id"].iloc[0])
        ingest.undo_batch(con, last, user="test")
    finally:
        con.close()
    assert report(capsys, path) == before
