"""Sniffing, mapping and value parsing on small hand-made files (numbers checked by hand)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from kam_core import ingest
from kam_core.ingest import mapping, sniff, validate

ROWS = [
    ("ACME Ibérica S.A.", "1.234,56", "15/01/2024"),
    ("Beta “Norte” SL", "-12,50", "13/02/2024"),
    ("Peñalara €uro", "(100,00)", "01/03/2024"),
]


def _file(
    sep=";", enc="cp1252", header=("Cliente", "Importe", "Fecha"), rows=ROWS, pre="", eol="\r\n"
) -> bytes:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return (pre + eol.join(lines) + eol).encode(enc)


def test_cp1252_detected_and_decoded():
    p = ingest.prepare(_file(enc="cp1252"), "v.csv")
    assert p.source_format["encoding"] == "cp1252"
    assert list(p.lines["account_name"]) == [r[0] for r in ROWS]
    assert list(p.lines["amount"]) == [1234.56, -12.5, -100.0]


@pytest.mark.parametrize(
    "enc, expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")]
)
def test_unicode_encodings(enc, expected):
    p = ingest.prepare(_file(enc=enc), "v.csv")
    assert p.source_format["encoding"] == expected
    assert p.lines["account_name"].iloc[1] == "Beta “Norte” SL"
    assert p.columns[0] == "Cliente"  # no BOM glued to the first header


def test_latin1_without_cp1252_bytes():
    rows = [("Peñalara", "10,00", "15/01/2024"), ("Añón", "5,00", "16/01/2024")]
    p = ingest.prepare(_file(enc="latin-1", rows=rows), "v.csv")
    assert p.source_format["encoding"] == "latin-1"
    assert list(p.lines["account_key"]) == ["Peñalara", "Añón"]


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_delimiters(sep):
    rows = [("ACME", "1234.5", "2024-01-15"), ("Beta", "20", "2024-04-02")]
    p = ingest.prepare(_file(sep=sep, enc="utf-8", rows=rows), "v.csv")
    assert p.source_format["delimiter"] == sep
    assert list(p.lines["amount"]) == [1234.5, 20.0]
    assert p.quarters == ["2024-Q1", "2024-Q2"]


def test_title_rows_above_header_and_source_rows():
    pre = "Informe de ventas;;\r\nEmpresa: Cartera S.L.;;\r\n;;\r\n"
    p = ingest.prepare(_file(pre=pre), "v.csv")
    assert p.source_format["header_row"] == 4
    assert list(p.lines["source_row"]) == [5, 6, 7]


def test_excel_sep_line():
    p = ingest.prepare(b"sep=;\r\n" + _file(enc="utf-8"), "v.csv")
    assert p.source_format["delimiter"] == ";" and p.source_format["header_row"] == 2


def test_quoted_field_with_newline_keeps_physical_line_numbers():
    data = b'Cliente,Importe,Fecha\n"ACME\nSur",10.5,2024-01-15\nBeta,3.25,2024-01-16\n'
    p = ingest.prepare(data, "v.csv")
    assert list(p.lines["source_row"]) == [2, 4]
    assert list(p.lines["account_key"]) == ["ACME Sur", "Beta"]  # whitespace collapsed


@pytest.mark.parametrize(
    "values, decimal, expected",
    [
        (["1.234,56", "12,5", "7"], ",", [1234.56, 12.5, 7.0]),
        (["1,234.56", "12.5", "7"], ".", [1234.56, 12.5, 7.0]),
        (["1234,5", "-12,50", "0,75"], ",", [1234.5, -12.5, 0.75]),
        (["€ 1.234,00", "12,50 €", "(12,50)", "12,50-"], ",", [1234.0, 12.5, -12.5, -12.5]),
        (["$1,000.00", "USD 12.50", "(3.00)"], ".", [1000.0, 12.5, -3.0]),
        (["1 234,56", "1\u00a0000,5"], ",", [1234.56, 1000.5]),
        (["1.234.567,89", "0,01"], ",", [1234567.89, 0.01]),
        (["1,234,567.89", ".5"], ".", [1234567.89, 0.5]),
    ],
)
def test_decimal_decided_per_column(values, decimal, expected):
    col = pd.Series(values, dtype=object)
    assert validate.decide_decimal(col, "?") == decimal
    got, why = validate.parse_numbers(col, decimal)
    assert list(got) == expected and all(w is None for w in why)


def test_ambiguous_column_follows_file_hint():
    col = pd.Series(["1.234", "2.500"], dtype=object)  # thousands dots or three decimals?
    assert validate.decide_decimal(col, ",") == ","
    assert list(validate.parse_numbers(col, ",")[0]) == [1234.0, 2500.0]
    assert list(validate.parse_numbers(col, ".")[0]) == [1.234, 2.5]


def test_number_rejects():
    col = pd.Series(["12,5", "doce", "", "NA", "1e400", "nan", "inf", "1,2,3"], dtype=object)
    got, why = validate.parse_numbers(col, ",")
    assert list(why) == [
        None,
        "text",
        "blank",
        "blank",
        "not_finite",
        "not_finite",
        "not_finite",
        "text",
    ]
    assert got[0] == 12.5 and np.isnan(got[1:]).all()


@pytest.mark.parametrize(
    "values, order, expected",
    [
        (["13/02/2024", "01/03/2024"], "dmy", ["2024-02-13", "2024-03-01"]),
        (["2/24/2003 0:00", "05/07/2003 00:00"], "mdy", ["2003-02-24", "2003-05-07"]),
        (["2024-03-05", "2024-12-31T10:00:00"], None, ["2024-03-05", "2024-12-31"]),
        (["5.3.24", "28.2.24"], "dmy", ["2024-03-05", "2024-02-28"]),
        (["20240305"], None, ["2024-03-05"]),
        (["5-mar-2024", "10 ene 2025"], None, ["2024-03-05", "2025-01-10"]),
    ],
)
def test_dates(values, order, expected):
    col = pd.Series(values, dtype=object)
    found, _ = validate.date_order(col, "dmy")
    if order:
        assert found == order
    ts, _, why = validate.parse_dates(col, found)
    assert [str(d.date()) for d in ts] == expected and all(w is None for w in why)


def test_date_order_decided_over_whole_column():
    # The first 1,000 rows are ambiguous; one row far down proves month-first.
    values = ["01/02/2024"] * 1000 + ["12/31/2024"]
    order, ambiguous = validate.date_order(pd.Series(values, dtype=object), "dmy")
    assert (order, ambiguous) == ("mdy", False)
    ts, _, _ = validate.parse_dates(pd.Series(values, dtype=object), order)
    assert str(ts.iloc[0].date()) == "2024-01-02"
    assert validate.date_order(pd.Series(["01/02/2024"], dtype=object), "dmy") == ("dmy", True)


def test_date_rejects_and_quarter_cells():
    col = pd.Series(["31/02/2024", "mañana", "", "2024-Q3", "T2 2025", "30/13/2024"], dtype=object)
    ts, quarter, why = validate.parse_dates(col, "dmy")
    assert list(why) == [
        "date_impossible",
        "date_unparsable",
        "date_blank",
        None,
        None,
        "date_impossible",
    ]
    assert list(quarter[3:5]) == ["2024-Q3", "2025-Q2"]


def test_synonym_mapping_en_es():
    cols = [
        "Razón Social",
        "CIF",
        "Fecha Factura",
        "Base Imponible",
        "Línea de Producto",
        "Zona",
        "País",
        "Segmento",
        "Comercial",
        "Margen",
        "Moneda",
        "Nº Factura",
        "Artículo",
    ]
    m = mapping.guess(cols)
    assert m == {
        "account": "Razón Social",
        "account_id": "CIF",
        "date": "Fecha Factura",
        "amount": "Base Imponible",
        "product_line": "Línea de Producto",
        "region": "Zona",
        "country": "País",
        "segment": "Segmento",
        "kam": "Comercial",
        "margin": "Margen",
        "currency": "Moneda",
        "invoice": "Nº Factura",
        "product": "Artículo",
    }


def test_mapping_of_the_shared_datasets_headers():
    superstore = [
        "Row ID",
        "Order ID",
        "Order Date",
        "Ship Date",
        "Ship Mode",
        "Customer ID",
        "Customer Name",
        "Segment",
        "Country",
        "City",
        "State",
        "Postal Code",
        "Region",
        "Product ID",
        "Category",
        "Sub-Category",
        "Product Name",
        "Sales",
        "Quantity",
        "Discount",
        "Profit",
    ]
    m = mapping.guess(superstore)
    assert (m["account"], m["account_id"], m["amount"], m["date"]) == (
        "Customer Name",
        "Customer ID",
        "Sales",
        "Order Date",
    )
    assert (m["product_line"], m["margin"], m["invoice"]) == ("Category", "Profit", "Order ID")
    retail = [
        "InvoiceNo",
        "StockCode",
        "Description",
        "Quantity",
        "InvoiceDate",
        "UnitPrice",
        "CustomerID",
        "Country",
    ]
    m = mapping.guess(retail)
    assert m["amount"] == "Quantity*UnitPrice" and m["account_id"] == "CustomerID"
    assert "account" not in m


def test_quantity_times_price_and_user_override():
    data = "Cliente;Cantidad;Precio;Total\nACME;3;2,50;99\nBeta;-1;4,00;99\n".encode()
    p = ingest.prepare(data, "v.csv", default_quarter="2024-Q1")
    assert p.mapping["amount"] == "Total"
    p = ingest.prepare(
        data, "v.csv", mapping={"amount": "cantidad*PRECIO"}, default_quarter="2024-Q1"
    )
    assert p.mapping["amount"] == "Cantidad*Precio"
    assert list(p.lines["amount"]) == [7.5, -4.0]
    assert p.quarters == ["2024-Q1"] and p.total_amount == 3.5


def test_file_without_date_needs_quarter():
    data = b"Cliente;Importe\nACME;10\n"
    p = ingest.prepare(data, "v.csv")
    assert p.needs_quarter
    with pytest.raises(ingest.UploadError, match="no date column"):
        ingest.commit(None, [p])


def test_xlsx_serial_dates_and_typed_cells(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Ventas por cliente"])
    ws.append([])
    ws.append(["Código cliente", "Cliente", "Fecha", "Importe"])
    ws.append([1001, "ACME", 45306, 1234.5])  # 45306 = 2024-01-15 as an unformatted serial
    from datetime import datetime

    ws.append([1002.0, "Beta", datetime(2024, 5, 2, 10, 30), "1.000,50"])
    ws.append([None, "Gamma", datetime(2024, 5, 3), 10])
    buf = io.BytesIO()
    wb.save(buf)
    p = ingest.prepare(buf.getvalue(), "v.xlsx")
    assert p.source_format["kind"] == "xlsx" and p.source_format["header_row"] == 3
    assert list(p.lines["account_key"]) == ["1001", "1002"]
    assert list(p.lines["amount"]) == [1234.5, 1000.5]
    assert [str(d.date()) for d in p.lines["line_date"]] == ["2024-01-15", "2024-05-02"]
    assert list(p.lines["source_row"]) == [4, 5]
    assert p.rejects[["row", "column", "reason"]].values.tolist() == [
        [6, "Código cliente", "rej.account_blank"]
    ]


def test_sniff_kind_from_content_not_extension():
    with pytest.raises(ingest.UploadError):
        sniff.detect_kind(b"\x89PNG\r\n\x1a\nxxxx", "a.csv")
    assert sniff.detect_kind(b"a,b\n1,2\n", "a.xlsx") == "csv"
