"""Issue 8: Excel serial dates (``45292`` = 2024-01-01, origin 1899-12-30) in CSV and Excel files;
numbers that are not plausible serials stay rejected, with row, column and a clear reason."""

from __future__ import annotations

import io

from openpyxl import Workbook

from kam_core import cli, ingest
from kam_core.ingest import validate
from kam_core.ingest.report import rejects_table
from kam_core.store import db


def _csv(*rows: str, sep=";") -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


def _dates(p) -> list[str]:
    return [str(d.date()) for d in p.lines["line_date"]]


def _reasons(p) -> list[tuple]:
    return p.rejects[["row", "column", "reason", "value"]].values.tolist()


def test_serial_window_matches_excel():
    lo, _ = validate.serial_window(validate.Plausible(min_year=1990))
    assert lo == 32874  # 1990-01-01 in Excel's 1900 date system


def test_csv_serials_with_decimal_comma_and_point():
    # Hand-checked: 45292 = 2024-01-01; +59 days = 2024-02-29 (leap year); 45383 = 2024-04-01.
    p = ingest.prepare(
        _csv(
            "Cliente;Importe;Fecha",
            "A;10,00;45292",
            "B;20,00;45292,75",
            "C;5,00;45351",
            "D;1,00;45383",
            "E;2,00;2024-05-02",
        ),
        "serial.csv",
    )
    assert p.rejects.empty, _reasons(p)
    assert _dates(p) == ["2024-01-01", "2024-01-01", "2024-02-29", "2024-04-01", "2024-05-02"]
    assert p.quarters == ["2024-Q1", "2024-Q2"]
    p = ingest.prepare(_csv("Customer,Amount,Date", "A,1.5,45292.5", "B,2,45658"), "s.csv")
    assert _dates(p) == ["2024-01-01", "2025-01-01"] and p.rejects.empty


def test_numbers_that_are_not_serials_are_rejected_with_row_and_column():
    # Years and day numbers: no plausible serial among them, so the column is not read as dates.
    p = ingest.prepare(_csv("Cliente;Importe;Fecha", "A;1;2023", "B;2;2024", "C;3;12"), "y.csv")
    assert p.lines.empty
    assert _reasons(p) == [
        [2, "Fecha", "rej.date_number", "2023"],
        [3, "Fecha", "rej.date_number", "2024"],
        [4, "Fecha", "rej.date_number", "12"],
    ]
    es = rejects_table(p.rejects, "es")
    assert list(es["Motivo"]) == ["Número, no fecha"] * 3
    assert list(es["Fila"]) == [2, 3, 4] and set(es["Columna"]) == {"Fecha"}


def test_an_odd_number_in_a_serial_column_is_outside_the_window():
    p = ingest.prepare(
        _csv(
            "Cliente;Importe;Fecha",
            "A;1;45292",
            "B;2;45293",
            "C;3;4529",
            "D;4;2958466",
            "E;5;45294",
        ),
        "odd.csv",
    )
    assert _dates(p) == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert _reasons(p) == [
        [4, "Fecha", "rej.date_too_early", "4529"],  # 1912-05-26: before 1990
        [5, "Fecha", "rej.date_impossible", "2958466"],  # after 9999-12-31
    ]


def test_excel_number_cells_follow_the_same_rule():
    wb = Workbook()
    ws = wb.active
    ws.append(["Cliente", "Importe", "Fecha", "Año"])
    ws.append(["A", 10, 45292, 2023])
    ws.append(["B", 20, 45383.25, 2024])
    buf = io.BytesIO()
    wb.save(buf)
    p = ingest.prepare(buf.getvalue(), "s.xlsx")
    assert _dates(p) == ["2024-01-01", "2024-04-01"] and p.rejects.empty
    # The year column as the date: numbers, not serials (before: 1905 dates, "too early").
    p = ingest.prepare(buf.getvalue(), "s.xlsx", mapping={"date": "Año"})
    assert [r[2] for r in _reasons(p)] == ["rej.date_number"] * 2
    assert [r[:2] for r in _reasons(p)] == [[2, "Año"], [3, "Año"]]


def _run(capsys, *argv):
    capsys.readouterr()
    rc = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_loads_serials_and_refuses_numbers_in_spanish(capsys, tmp_path):
    dbp = tmp_path / "c.duckdb"
    good = tmp_path / "serial.csv"
    good.write_bytes(_csv("Cliente;Importe;Fecha", "A;10,00;45292", "B;20,50;45383"))
    rc, out, err = _run(capsys, "ingest", "--db", dbp, good)
    assert rc == 0, err
    assert "quarters 2024-Q1, 2024-Q2" in out
    con = db.connect(dbp)
    before = db.table_snapshot(con)
    con.close()
    bad = tmp_path / "years.csv"
    bad.write_bytes(_csv("Cliente;Importe;Fecha", "A;1;2023", "B;2;2024"))
    rc, _, err = _run(capsys, "--lang", "es", "ingest", "--db", dbp, bad)
    assert rc == 1
    assert "years.csv, fila 2, columna Fecha: Un número, no una fecha: «2023»" in err, err
    con = db.connect(dbp)
    try:
        assert db.table_snapshot(con) == before
    finally:
        con.close()
