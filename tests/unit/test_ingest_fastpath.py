"""The Arrow fast path for regular CSV bodies gives exactly what the exact (csv.reader) path gives.

Regular includes quoted files (every field, or only some, in double quotes) whose quotes are plain
field quoting within a line; a quoted field spanning lines, a stray quote or a ragged row still
takes the exact reader.

``sniff.FAST_PATH`` switches the fast path off; every comparison also checks which path ran, so a
fast path that silently declined (and so trivially "agrees") fails the test.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam_core import ingest
from kam_core.ingest import mapping, sniff
from kam_core.store import db
from tests.fixtures import variants
from tests.fixtures.expected import retail_raw, sales_raw, superstore_raw


@pytest.fixture
def spy(monkeypatch):
    """Records whether each fast-path attempt produced a table (True) or declined (False)."""
    calls = []
    real = sniff._fast_body

    def wrapped(*args):
        out = real(*args)
        calls.append(out is not None)
        return out

    monkeypatch.setattr(sniff, "_fast_body", wrapped)
    return calls


def both(data: bytes, name: str, monkeypatch, **kw):
    """prepare() through the fast path and through the exact reader."""
    fast = ingest.prepare(data, name, **kw)
    monkeypatch.setattr(sniff, "FAST_PATH", False)
    exact = ingest.prepare(data, name, **kw)
    monkeypatch.setattr(sniff, "FAST_PATH", True)
    return fast, exact


def assert_same(fast, exact) -> None:
    pd.testing.assert_frame_equal(fast.lines, exact.lines, check_exact=True)
    pd.testing.assert_frame_equal(fast.rejects, exact.rejects, check_exact=True)
    for attr in (
        "columns",
        "mapping",
        "source_format",
        "rows_total",
        "quarters",
        "total_amount",
        "accounts_new",
        "needs_quarter",
    ):
        assert getattr(fast, attr) == getattr(exact, attr), attr


# ----------------------------------------------------------------------------- shared datasets


def _superstore_es(datasets, tmp_path, encoding):
    df = superstore_raw(datasets)[
        [
            "Customer ID",
            "Customer Name",
            "Order Date",
            "Sales",
            "Quantity",
            "Region",
            "Segment",
            "Category",
            "Country",
        ]
    ]
    es = df.rename(
        columns={
            "Customer ID": "Código cliente",
            "Customer Name": "Razón social",
            "Order Date": "Fecha factura",
            "Sales": "Importe",
            "Quantity": "Cantidad",
            "Region": "Zona",
            "Segment": "Segmento",
            "Category": "Familia",
            "Country": "País",
        }
    )
    es["Cantidad"] = es["Cantidad"].astype(float)
    return variants.write_spanish_csv(es, tmp_path / "ventas.csv", encoding)


def _sales_es(datasets, tmp_path, encoding):
    df = sales_raw(datasets)[["CUSTOMERNAME", "ORDERDATE", "SALES", "PRODUCTLINE", "COUNTRY"]]
    es = df.rename(
        columns={
            "CUSTOMERNAME": "Cliente",
            "ORDERDATE": "Fecha",
            "SALES": "Ventas",
            "PRODUCTLINE": "Línea de producto",
            "COUNTRY": "País",
        }
    )
    es["Cliente"] = es["Cliente"].str.replace(";", " ", regex=False)
    return variants.write_spanish_csv(es, tmp_path / "ventas.csv", encoding)


def _retail_en(datasets, tmp_path, encoding):
    """Online Retail unquoted: quantity x price, 5,078 lines without a customer (rejected)."""
    df = retail_raw(datasets)
    df["Description"] = (
        df["Description"]
        .fillna("")
        .str.replace(",", " ", regex=False)
        .str.replace('"', "'", regex=False)
    )
    path = tmp_path / "retail.csv"
    df.to_csv(
        path,
        index=False,
        encoding=encoding,
        quoting=csv.QUOTE_NONE,
        na_rep="NA",
        date_format="%Y-%m-%d %H:%M:%S",
    )
    return path


def _superstore_en(datasets, tmp_path, encoding):
    df = superstore_raw(datasets)[
        [
            "Order ID",
            "Order Date",
            "Customer ID",
            "Customer Name",
            "Segment",
            "Region",
            "Sales",
            "Profit",
        ]
    ]
    path = tmp_path / "superstore.csv"
    df.to_csv(path, index=False, encoding=encoding, date_format="%m/%d/%Y", lineterminator="\r\n")
    return path


@pytest.mark.parametrize(
    "writer, encoding",
    [
        (_superstore_es, "cp1252"),
        (_superstore_es, "latin-1"),
        (_sales_es, "latin-1"),
        (_retail_en, "utf-8"),
        (_superstore_en, "utf-8-sig"),
        (_superstore_en, "cp1252"),
    ],
)
def test_fast_path_equals_exact_reader_on_dataset_variants(
    writer, encoding, datasets, tmp_path, monkeypatch, spy
):
    path = writer(datasets, tmp_path, encoding)
    fast, exact = both(path.read_bytes(), path.name, monkeypatch)
    assert spy == [True], "the fast path must be the one that ran"
    assert_same(fast, exact)
    assert fast.rows_valid > 2000


def test_retail_variant_rejects_are_the_same_rows(datasets, tmp_path, monkeypatch, spy):
    path = _retail_en(datasets, tmp_path, "utf-8")
    fast, exact = both(path.read_bytes(), path.name, monkeypatch)
    assert spy == [True]
    want = retail_raw(datasets)
    blank = np.flatnonzero(want["CustomerID"].isna().to_numpy()) + 2  # header is line 1
    assert sorted(fast.rejects["row"].unique()) == blank.tolist()
    assert len(blank) == 5078
    assert_same(fast, exact)


@pytest.mark.parametrize(
    "name", ["superstore.csv", "sales_data_sample.csv", "online_retail_sample.csv"]
)
def test_published_quoted_datasets_take_the_fast_path(name, datasets, monkeypatch, spy):
    """Online Retail quotes every text field; Superstore and Sales quote fields holding a comma
    or a doubled quote (``72""H``): Arrow with quoting reads them as csv.reader does."""
    data = (datasets / name).read_bytes()
    assert data.count(b'"') > 2000
    fast, exact = both(data, name, monkeypatch)
    assert spy == [True], "the quoted fast path must be the one that ran"
    assert_same(fast, exact)
    assert fast.rows_valid > 2000


def _requote(path, encoding, delimiter):
    """Rewrite a CSV with every field in double quotes (what many exports do)."""
    with open(path, encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
            rows
        )
    return path


@pytest.mark.parametrize(
    "writer, encoding, delimiter",
    [
        (_superstore_es, "cp1252", ";"),
        (_sales_es, "latin-1", ";"),
        (_retail_en, "utf-8", ","),
        (_superstore_en, "utf-8-sig", ","),
    ],
)
def test_fully_quoted_variants_fast_and_equal(
    writer, encoding, delimiter, datasets, tmp_path, monkeypatch, spy
):
    path = _requote(writer(datasets, tmp_path, encoding), encoding, delimiter)
    data = path.read_bytes()
    assert data.count(b'"') >= 2 * data.count(b"\n") * 4  # every field quoted
    fast, exact = both(data, path.name, monkeypatch)
    assert spy == [True]
    assert_same(fast, exact)
    assert fast.rows_valid > 2000


def test_quoted_spanish_numbers_and_rejects_are_the_same(datasets, tmp_path, monkeypatch, spy):
    path = _requote(_superstore_es(datasets, tmp_path, "cp1252"), "cp1252", ";")
    assert b'"1.044,63"' in path.read_bytes()  # quoted "1.234,56" numbers
    fast, exact = both(path.read_bytes(), path.name, monkeypatch)
    assert spy == [True]
    assert_same(fast, exact)
    want = superstore_raw(datasets)
    assert len(fast.lines) == len(want) == 9994
    assert np.allclose(fast.lines["amount"].to_numpy(), want["Sales"].to_numpy(), rtol=0, atol=1e-9)
    assert list(fast.lines["source_row"]) == list(range(2, 9996))


# ----------------------------------------------------------------------------- hand-made files

HEADER = "Cliente;Importe;Fecha"


def _rows(n=40):
    return [f"Cliente {i % 7};{i},5{i % 10};{i % 28 + 1:02d}/0{i % 9 + 1}/2024" for i in range(n)]


def test_title_block_and_padded_rows_fast_with_right_rows(monkeypatch, spy):
    pre = ["Informe de ventas;;;", "Empresa: Cartera S.L.;;;", ";;;"]
    body = [r + ";" for r in _rows()]
    data = ("\r\n".join(pre + [HEADER + ";"] + body) + "\r\n").encode("cp1252")
    fast, exact = both(data, "v.csv", monkeypatch)
    assert spy == [True]
    assert fast.source_format["header_row"] == 4
    assert list(fast.lines["source_row"]) == list(range(5, 45))
    assert fast.columns == ["Cliente", "Importe", "Fecha"]
    assert fast.lines["amount"].iloc[3] == 3.53
    assert_same(fast, exact)


def test_bad_values_give_the_same_rejects(monkeypatch, spy):
    rows = _rows()
    rows[3] = "Cliente 3;abc;04/04/2024"
    rows[5] = ";12,00;06/06/2024"
    rows[8] = "Cliente 8;1,00;31/02/2024"
    rows[9] = "Cliente 9;€ 1.234,50;10/01/2024"
    data = "\n".join([HEADER, *rows]).encode("cp1252")  # no newline at the end
    fast, exact = both(data, "v.csv", monkeypatch)
    assert spy == [True]
    got = fast.rejects[["row", "reason"]].to_records(index=False).tolist()
    assert got == [(5, "rej.amount_text"), (7, "rej.account_blank"), (10, "rej.date_impossible")]
    assert fast.lines.loc[fast.lines["source_row"] == 11, "amount"].item() == 1234.5
    assert_same(fast, exact)


@pytest.mark.parametrize(
    "mutate, why",
    [
        (lambda r: r[:10] + [r[10] + ";extra"] + r[11:], "ragged row"),
        (lambda r: r[:10] + [""] + r[10:], "blank line"),
        (lambda r: r[:10] + ["   "] + r[10:], "whitespace-only line"),
        (lambda r: r[:10] + ['"Cliente\n10";10,00;11/01/2024'] + r[11:], "quoted newline"),
        (lambda r: r[:10] + ['Cliente "10";10,00;11/01/2024'] + r[11:], "quote inside a field"),
        (lambda r: r[:10] + ['"Cliente" 10;10,00;11/01/2024'] + r[11:], "text after a quote"),
        (lambda r: r[:10] + [' "Cliente 10";10,00;11/01/2024'] + r[11:], "space before a quote"),
        (lambda r: r[:10] + ['"Cliente 10;10,00;11/01/2024'] + r[11:], "unclosed quote"),
        (lambda r: r[:10] + ['"Cliente 10";"10,00";"11/01/2024";"x"'] + r[11:], "quoted ragged"),
        (lambda r: r[:10] + ["Cliente 10;10,00\r11/01/2024"] + r[11:], "lone CR"),
        (lambda r: r[:10] + ["Cliente 10;10,00;11/01/2024;x"] + r[11:], "data beyond header"),
    ],
)
def test_irregular_files_take_the_exact_reader(mutate, why, monkeypatch, spy):
    data = ("\n".join([HEADER, *mutate(_rows())]) + "\n").encode("utf-8")
    fast, exact = both(data, "v.csv", monkeypatch)
    assert spy == [False], why
    assert_same(fast, exact)


def test_ragged_row_keeps_its_row_number():
    rows = _rows()
    rows[10] = rows[10] + ";extra"  # physical line 12 (header is line 1)
    data = ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")
    p = ingest.prepare(data, "v.csv")
    rag = p.rejects[p.rejects["reason"] == "rej.ragged"]
    assert rag[["row", "value", "expected"]].to_records(index=False).tolist() == [(12, "4", 3)]
    assert 12 not in set(p.lines["source_row"])
    assert p.rows_valid == 39 and p.rows_total == 40


def test_blank_line_keeps_physical_row_numbers():
    rows = _rows(5)
    data = ("\n".join([HEADER, *rows[:2], "", *rows[2:]]) + "\n").encode("utf-8")
    p = ingest.prepare(data, "v.csv")
    assert list(p.lines["source_row"]) == [2, 3, 5, 6, 7]


def test_read_gives_the_same_cells(monkeypatch):
    data = ("\r\n".join([HEADER, *_rows()]) + "\r\n").encode("utf-8")
    fast = sniff.read_csv_table(data, "v.csv", mapping.is_known, fast=True)
    exact = sniff.read_csv_table(data, "v.csv", mapping.is_known, fast=False)
    assert fast.columns == exact.columns
    assert np.array_equal(fast.source_rows, exact.source_rows)
    for c in fast.columns:
        assert fast.data[c].tolist() == exact.data[c].tolist()
    assert fast.data["Importe"].iloc[0] == "0,50"  # cells are text, untouched


def test_commit_writes_the_same_rows(tmp_path, monkeypatch, datasets, spy):
    path = _superstore_es(datasets, tmp_path, "cp1252")
    data = path.read_bytes()
    fast, exact = both(data, path.name, monkeypatch)
    assert spy == [True]
    tables = []
    for i, p in enumerate((fast, exact)):
        con = db.connect(tmp_path / f"{i}.duckdb")
        ingest.commit(con, [p], skip_invalid=True)
        tables.append(
            (
                db.query_df(con, "SELECT * FROM revenue_lines ORDER BY source_row"),
                db.query_df(
                    con, "SELECT * EXCLUDE (created_at) FROM accounts ORDER BY account_key"
                ),
            )
        )
        con.close()
    for a, b in zip(*tables, strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert len(tables[0][0]) == 9994


# ----------------------------------------------------------------------------- quoted files


def _quoted(rows, header='"Cliente";"Importe";"Fecha"', end="\r\n"):
    return (end.join([header, *rows]) + end).encode("cp1252")


def _quoted_rows(n=40):
    return ['"' + r.replace(";", '";"') + '"' for r in _rows(n)]


def test_quoted_file_fast_with_exact_cells(monkeypatch, spy):
    rows = _quoted_rows()
    rows[2] = '"Cliente; con punto y coma";"1.234,56";"03/01/2024"'  # delimiter inside quotes
    rows[4] = '"Taller ""El Sol"", S.L.";"7,00";"05/01/2024"'  # doubled quotes
    rows[6] = '"";"9,00";"07/01/2024"'  # quoted empty account
    rows[7] = ';"9,00";"08/01/2024"'  # unquoted empty account
    rows[8] = '"NA";"2,00";"09/01/2024"'  # quoted NA: the same cell as unquoted NA
    rows[9] = '"  Cliente 9  ";"€ 1.234,50";"10/01/2024"'  # whitespace kept in the cell
    rows[10] = '"Cliente 10";10,00;"11/01/2024"'  # quoted and unquoted fields mixed
    data = _quoted(rows)
    raw = sniff.read_csv_table(data, "q.csv", mapping.is_known)
    exact = sniff.read_csv_table(data, "q.csv", mapping.is_known, fast=False)
    assert spy == [True]
    assert raw.columns == exact.columns == ["Cliente", "Importe", "Fecha"]
    assert np.array_equal(raw.source_rows, exact.source_rows)
    for c in raw.columns:
        assert raw.data[c].tolist() == exact.data[c].tolist(), c
    cells = raw.data["Cliente"].tolist()
    assert cells[2] == "Cliente; con punto y coma"
    assert cells[4] == 'Taller "El Sol", S.L.'
    assert cells[6:10] == ["", "", "NA", "  Cliente 9  "]
    assert raw.data["Importe"].tolist()[2] == "1.234,56"
    spy.clear()
    fast, ex = both(data, "q.csv", monkeypatch)
    assert spy == [True]
    assert_same(fast, ex)
    got = fast.rejects[["row", "reason"]].to_records(index=False).tolist()
    # quoted and unquoted empties alike; NA (quoted or not) is a missing account either way
    assert got == [(8, "rej.account_blank"), (9, "rej.account_blank"), (10, "rej.account_blank")]
    amount = dict(zip(fast.lines["source_row"], fast.lines["amount"], strict=True))
    assert amount[4] == 1234.56 and amount[11] == 1234.5 and amount[12] == 10.0
    assert (
        fast.lines.loc[fast.lines["source_row"] == 6, "account_name"].item()
        == 'Taller "El Sol", S.L.'
    )


def test_quoted_newline_takes_exact_reader_and_keeps_row_numbers(monkeypatch, spy):
    rows = _quoted_rows(6)
    rows[2] = '"Cliente\nen dos líneas";"3,00";"03/01/2024"'  # physical lines 4-5
    data = _quoted(rows)
    fast, exact = both(data, "q.csv", monkeypatch)
    assert spy == [False]
    assert_same(fast, exact)
    assert list(fast.lines["source_row"]) == [2, 3, 4, 6, 7, 8]
    name = fast.lines.loc[fast.lines["source_row"] == 4, "account_name"].item()
    assert name == "Cliente en dos líneas"  # one record from line 4; the next starts on line 6


def test_quoted_ragged_row_keeps_its_row_number(monkeypatch, spy):
    rows = _quoted_rows()
    rows[10] = rows[10] + ';"extra"'  # physical line 12
    data = _quoted(rows)
    fast, exact = both(data, "q.csv", monkeypatch)
    assert spy == [False]
    assert_same(fast, exact)
    rag = fast.rejects[fast.rejects["reason"] == "rej.ragged"]
    assert rag[["row", "value", "expected"]].to_records(index=False).tolist() == [(12, "4", 3)]
    assert fast.rows_valid == 39 and fast.rows_total == 40


def test_quoted_header_title_block_and_padding(monkeypatch, spy):
    pre = ['"Informe de ventas";;;', '"Empresa: Cartera; S.L.";;;']
    body = [r + ';""' for r in _quoted_rows()]  # padded with a quoted empty field
    data = _quoted(body, header="\r\n".join(pre + ['"Cliente";"Importe";"Fecha";""']))
    fast, exact = both(data, "q.csv", monkeypatch)
    assert spy == [True]
    assert fast.source_format["header_row"] == 3
    assert list(fast.lines["source_row"]) == list(range(4, 44))
    assert fast.columns == ["Cliente", "Importe", "Fecha"]
    assert_same(fast, exact)


def test_quote_check_in_slices(monkeypatch):
    """Lines are checked in slices cut at line ends: a slice boundary changes nothing."""
    monkeypatch.setattr(sniff, "_CHECK_CHUNK", 64)
    good = _quoted(_quoted_rows(30))
    assert sniff._quotes_well_formed(good, 0, ";")
    bad = _quoted(_quoted_rows(30)[:20] + ['"a\nb";"1";"2"'] + _quoted_rows(30)[20:])
    assert not sniff._quotes_well_formed(bad, 0, ";")
    long_line = _quoted(['"' + "x" * 300 + '";"1";"01/01/2024"'] * 3)
    assert sniff._quotes_well_formed(long_line, 0, ";")
    assert not sniff._quotes_well_formed(b'"a"b;c\n', 0, ";")
    assert not sniff._quotes_well_formed(b'a"b;c\n', 0, ";")
    assert sniff._quotes_well_formed(b'"a"";b""";c\n', 0, ";")


_CELL = st.one_of(
    st.text(alphabet="ab 1", max_size=4),
    st.text(alphabet='ab;"', max_size=5),
    st.text(alphabet='ab;"\n ', max_size=5),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=8),
    st.lists(st.booleans(), min_size=3, max_size=3),
    st.booleans(),
    st.integers(min_value=-1, max_value=7),
)
def test_random_quoting_fast_equals_exact(body, quote_col, crlf, extra):
    """Random cells with quotes, delimiters, newlines and spaces, quoted per column or raw, one
    row maybe with an extra field: when the fast path answers, every cell, row number and ragged
    row is what csv.reader gives."""

    def cell(j, c):
        return '"' + c.replace('"', '""') + '"' if quote_col[j] else c

    lines = [";".join(cell(j, c) for j, c in enumerate(r)) for r in body]
    if 0 <= extra < len(lines):
        lines[extra] += ';"x"'
    end = "\r\n" if crlf else "\n"
    data = (end.join(['"Cliente";"Importe";"Fecha"', *lines]) + end).encode("utf-8")
    try:
        exact = sniff.read_csv_table(data, "r.csv", mapping.is_known, fast=False)
    except Exception as exc:  # noqa: BLE001 - the fast path must fail the same way
        with pytest.raises(type(exc)):
            sniff.read_csv_table(data, "r.csv", mapping.is_known, fast=True)
        return
    fast = sniff.read_csv_table(data, "r.csv", mapping.is_known, fast=True)
    assert fast.columns == exact.columns and fast.header_row == exact.header_row
    assert np.array_equal(fast.source_rows, exact.source_rows)
    assert fast.ragged.to_dict("list") == exact.ragged.to_dict("list")
    for c in fast.columns:
        assert fast.data[c].tolist() == exact.data[c].tolist()
