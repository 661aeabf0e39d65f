"""Wide period reports (F-IN-8) through the command line: the shared datasets pivoted into one row
per account and one column per month or quarter (CSV and XLSX, Spanish and English headers, a
total row, a total column and a title block) give the figures of the long data they came from."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kam_core import cli, ingest
from kam_core.store import db
from tests.fixtures import shapes
from tests.fixtures.expected import (
    assert_report_matches,
    expected_report,
    quarter_of,
    sales_raw,
    superstore_raw,
)


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.main(list(map(str, argv)))
    out = capsys.readouterr()
    return rc, out.out, out.err


def load_and_report(capsys, tmp_path, path) -> tuple[dict, str]:
    db_path = tmp_path / "w.duckdb"
    rc, _, err = run_cli(capsys, "ingest", "--db", db_path, path)  # no flag: no --quarter
    assert rc == 0, err
    rc, out, err2 = run_cli(capsys, "report", "--db", db_path, "--json")
    assert rc == 0, err2
    return json.loads(out), err


@pytest.fixture(scope="module")
def superstore_long(datasets) -> pd.DataFrame:
    df = superstore_raw(datasets)
    return pd.DataFrame(
        {
            "key": df["Customer ID"],
            "name": df["Customer Name"],
            "date": df["Order Date"],
            "amount": df["Sales"],
        }
    )


def oracle(long: pd.DataFrame) -> dict:
    lines = pd.DataFrame(
        {"account_key": long["key"], "quarter": quarter_of(long["date"]), "amount": long["amount"]}
    )
    return expected_report(lines)


TITLE = ["Ventas por cliente", "Informe generado el 15/01/2018 por el ERP"]


@pytest.mark.parametrize(
    "kind, lang, ext, style, periods",
    [
        ("month", "es", ".csv", "text", 48),  # Ene 2014 ... ; decimal comma
        ("month", "en", ".xlsx", "text", 48),  # Jan 2014 ...
        ("month", "en", ".xlsx", "date", 48),  # real Excel dates as headers
        ("quarter", "es", ".xlsx", "text", 16),  # T1 2014 ...
        ("quarter", "en", ".csv", "text", 16),  # Q1 2014 ...
    ],
)
def test_wide_report_gives_the_figures_of_its_long_data(
    capsys, tmp_path, superstore_long, kind, lang, ext, style, periods
):
    path = shapes.write_wide(
        superstore_long, tmp_path / f"informe{ext}", kind=kind, lang=lang, title=TITLE, style=style
    )
    got, err = load_and_report(capsys, tmp_path, path)
    assert_report_matches(got, oracle(superstore_long))
    total_col, grand = ("Total", "Total general") if lang == "es" else ("Total", "Grand total")
    assert f"{path.name}: read as a report by {kind}s, {periods} period columns" in err
    assert f"not loaded: {total_col}" in err
    assert f"{path.name}: 1 total rows, not loaded" in err
    con = db.connect(tmp_path / "w.duckdb")
    try:
        names = db.query_rows(
            con, "SELECT account_name FROM accounts WHERE account_name = ?", [grand]
        )
    finally:
        con.close()
    assert names == []  # the total row is no account


def test_bare_month_names_take_the_year_from_the_title(capsys, tmp_path, superstore_long):
    year = superstore_long[superstore_long["date"].dt.year == 2016]
    path = shapes.write_wide(
        year,
        tmp_path / "ventas_2016.xlsx",
        kind="month",
        lang="es",
        title=["Ventas por cliente - Ejercicio 2016"],
        style="bare",
    )
    got, err = load_and_report(capsys, tmp_path, path)
    assert_report_matches(got, oracle(year))
    assert list(got["quarters"]) == ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"]
    assert "Enero = 2016-01" in err and "Diciembre = 2016-12" in err


def test_wide_report_keyed_by_name_in_spanish(capsys, tmp_path, datasets):
    df = sales_raw(datasets)
    name = df["CUSTOMERNAME"].str.split().str.join(" ")
    long = pd.DataFrame({"key": name, "name": name, "date": df["ORDERDATE"], "amount": df["SALES"]})
    grid_path = shapes.write_wide(
        long, tmp_path / "ventas.csv", kind="quarter", lang="es", title=["Ventas trimestrales"]
    )
    # Only the name column: drop the id column from the file.
    text = grid_path.read_text(encoding="utf-8").splitlines()
    rows = [line.split(";", 1)[1] if ";" in line else line for line in text]
    grid_path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    got, _ = load_and_report(capsys, tmp_path, grid_path)
    assert_report_matches(got, oracle(long))


def test_preview_records_the_reading_and_corrections_apply(tmp_path):
    data = (
        "Ventas 2024;;;;;\n"
        "Cliente;Región;T1 2024;T2 2024;2023;Total\n"
        "Acme;Norte;100;200,5;999;300,5\n"
        "Beta;Sur;;50;1;50\n"
        "Total general;;100;250,5;1000;350,5\n"
    ).encode()
    con = db.connect(tmp_path / "p.duckdb")
    try:
        p = ingest.prepare(data, "t.csv", con)
        assert p.layout == "wide" and not p.needs_quarter
        assert p.mapping["account"] == "Cliente" and p.mapping["region"] == "Región"
        reading = p.reading.set_index("column")
        assert reading["role"].to_dict() == {
            "Cliente": "id",
            "Región": "id",
            "T1 2024": "period",
            "T2 2024": "period",
            "2023": "skipped",
            "Total": "total",
        }
        assert reading.loc["T2 2024", "period"] == "2024-Q2"
        assert list(p.total_rows["label"]) == ["Total general"]
        assert p.total_amount == pytest.approx(350.5)
        # The user says "2023" is a period after all, and "T2 2024" is not to be read.
        fixed = ingest.prepare(
            data, "t.csv", con, reading={"periods": {"2023": "2023-Q4", "T2 2024": ""}}
        )
        roles = fixed.reading.set_index("column")["role"].to_dict()
        assert roles["2023"] == "period" and roles["T2 2024"] == "skipped"
        assert fixed.quarters == ["2023-Q4", "2024-Q1"]
        assert fixed.total_amount == pytest.approx(100 + 999 + 1)
        # "Read as a long file": the user's own mapping decides.
        long = ingest.prepare(data, "t.csv", con, reading={"long": True})
        assert long.layout == "long" and long.reading is None
    finally:
        con.close()


def test_bad_cell_of_a_wide_report_names_its_period_column(tmp_path):
    data = "Cliente,Jan 2024,Feb 2024,Mar 2024\nAcme,10,abc,5\nBeta,1,2,x\n".encode()
    p = ingest.prepare(data, "t.csv", None)
    rej = p.rejects[["row", "column", "value"]].to_records(index=False).tolist()
    assert rej == [(2, "Feb 2024", "abc"), (3, "Mar 2024", "x")]
    assert list(p.lines["amount"]) == [10, 5, 1, 2]


def test_long_files_are_not_read_as_wide(tmp_path):
    """Year-like columns beside a date and an amount keep a long file long."""
    data = "Cliente;Fecha;Importe;2023;2024\nAcme;15/01/2024;10;1;2\n".encode()
    p = ingest.prepare(data, "l.csv", None)
    assert p.layout == "long" and p.mapping["amount"] == "Importe"
