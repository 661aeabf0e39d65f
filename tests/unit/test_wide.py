"""Wide reports: every header form (Spanish and English), layout detection, melting."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from kam_core.ingest.wide import (
    Period,
    WideLayout,
    detect_wide,
    find_year_in_title,
    melt,
    parse_period_header,
)

JAN_2024 = Period("month", 2024, 1, 1)


@pytest.mark.parametrize(
    "header",
    [
        "Ene 2024",
        "ENE 2024",
        "ene-24",
        "enero-24",
        "Enero 2024",
        "enero de 2024",
        "ene. 2024",
        "01/2024",
        "1/2024",
        "2024-01",
        "2024/01",
        "202401",
        "Jan 2024",
        "January 2024",
        "Jan-24",
        "jan.24",
        "2024 ene",
        "2024-01-01",
        "2024-01-01 00:00:00",
        datetime(2024, 1, 1),
        pd.Timestamp("2024-01-31"),
        date(2024, 1, 15),
    ],
)
def test_january_2024_in_every_form(header):
    assert parse_period_header(header) == JAN_2024


@pytest.mark.parametrize(
    "header, month, year",
    [
        ("Feb 2023", 2, 2023),
        ("febrero-23", 2, 2023),
        ("Mar-25", 3, 2025),
        ("Abr 2024", 4, 2024),
        ("Apr 2024", 4, 2024),
        ("mayo 2024", 5, 2024),
        ("May-24", 5, 2024),
        ("Jun 2024", 6, 2024),
        ("julio-24", 7, 2024),
        ("Ago 2024", 8, 2024),
        ("Aug-24", 8, 2024),
        ("Sep 2024", 9, 2024),
        ("Sept. 2024", 9, 2024),
        ("Septiembre 2024", 9, 2024),
        ("Setiembre 2024", 9, 2024),
        ("Oct 2024", 10, 2024),
        ("Nov-24", 11, 2024),
        ("Dic 2024", 12, 2024),
        ("December 2024", 12, 2024),
        ("12/2024", 12, 2024),
        ("2024-10", 10, 2024),
    ],
)
def test_every_month_name(header, month, year):
    period = parse_period_header(header)
    assert (period.kind, period.month, period.year) == ("month", month, year)
    assert period.quarter == f"{year}-Q{(month - 1) // 3 + 1}"


@pytest.mark.parametrize("header", ["Enero", "ENERO", "January", "ene", "Jan"])
def test_bare_month_names_need_the_title_year(header):
    assert parse_period_header(header) is None
    assert parse_period_header(header, title_year=2024) == JAN_2024


def test_title_year_does_not_override_a_header_year():
    assert parse_period_header("Ene 2023", title_year=2024) == Period("month", 2023, 1, 1)


@pytest.mark.parametrize(
    "header",
    [
        "T1 2025",
        "t1-2025",
        "1T 2025",
        "1T25",
        "1t-25",
        "Q1 2025",
        "Q1-2025",
        "q1 25",
        "2025-Q1",
        "2025 Q1",
        "2025Q1",
        "2025-T1",
        "1er trimestre 2025",
        "1º trimestre 2025",
        "1o trimestre 2025",
        "1er. trim. 2025",
        "Trimestre 1 2025",
        "Trimestre 1 de 2025",
        "primer trimestre 2025",
        "Primer Trimestre de 2025",
        "1st quarter 2025",
        "first quarter 2025",
        "Quarter 1 2025",
    ],
)
def test_first_quarter_2025_in_every_form(header):
    assert parse_period_header(header) == Period("quarter", 2025, None, 1)


@pytest.mark.parametrize(
    "header, number",
    [
        ("T2 2025", 2),
        ("3T25", 3),
        ("Q4-2025", 4),
        ("2º trimestre 2025", 2),
        ("tercer trimestre 2025", 3),
        ("cuarto trimestre 2025", 4),
        ("4th quarter 2025", 4),
        ("second quarter 2025", 2),
        ("3rd quarter 2025", 3),
    ],
)
def test_other_quarters(header, number):
    assert parse_period_header(header) == Period("quarter", 2025, None, number)


@pytest.mark.parametrize("header", ["T1", "Q1", "1T", "1er trimestre", "primer trimestre"])
def test_bare_quarters_need_the_title_year(header):
    assert parse_period_header(header) is None
    assert parse_period_header(header, title_year=2025) == Period("quarter", 2025, None, 1)


@pytest.mark.parametrize(
    "header",
    [
        "2024",
        "Año 2024",
        "AÑO 2024",
        "Ano 2024",
        "FY2024",
        "FY 2024",
        "FY24",
        "Ejercicio 2024",
        "Year 2024",
        2024,
        2024.0,
        np.int64(2024),
        "2024.0",
    ],
)
def test_year_headers(header):
    assert parse_period_header(header) == Period("year", 2024)


@pytest.mark.parametrize(
    "header",
    [
        "Cliente",
        "Customer",
        "Total",
        "Total 2024",
        "Total general",
        "Región",
        "Region",
        "Mes",
        "Año",
        "Trimestre",
        "Fecha",
        "Importe",
        "01/24",
        "2024-13",
        "13/2024",
        "T5 2025",
        "1850",
        "3000",
        "Enero Total",
        "Código",
        "",
        None,
        float("nan"),
        pd.NaT,
        True,
        12,
        "2024-01-15",
    ],
)
def test_not_period_headers(header):
    assert parse_period_header(header) is None
    assert parse_period_header(header, title_year=2024) is None


def test_period_dates_and_quarters():
    assert JAN_2024.date == date(2024, 1, 1)
    assert JAN_2024.quarters == ("2024-Q1",)
    q3 = parse_period_header("T3 2024")
    assert (q3.date, q3.quarter) == (date(2024, 7, 1), "2024-Q3")
    year = parse_period_header("2024")
    assert year.quarters == ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")
    assert (year.date, year.quarter) == (date(2024, 12, 31), "2024-Q4")


@pytest.mark.parametrize(
    "rows, year",
    [
        ([["Ventas por cliente - Ejercicio 2024"], [""]], 2024),
        ([["Informe", None], ["Del 01/01/2024 al 31/12/2024", ""]], 2024),
        ([["Sales report"], [datetime(2023, 12, 31)]], 2023),
        ([["Año", 2025]], 2025),
        ([["Comparativa 2023-2024"]], None),
        ([["Ventas por cliente"], ["Código 120245"]], None),
        ([], None),
    ],
)
def test_find_year_in_title(rows, year):
    assert find_year_in_title(rows) == year


# --------------------------------------------------------------------------- layout


def test_detect_monthly_report_with_total_column():
    columns = ["Código", "Cliente", "Ene 2024", "Feb 2024", "Mar 2024", "Total"]
    layout = detect_wide(columns)
    assert layout.kind == "month"
    assert [c for c, _ in layout.period_columns] == ["Ene 2024", "Feb 2024", "Mar 2024"]
    assert [p.month for _, p in layout.period_columns] == [1, 2, 3]
    assert layout.id_columns == ("Código", "Cliente")
    assert layout.total_columns == ("Total",)
    assert layout.skipped_columns == ()


def test_detect_bare_months_with_title_year_and_many_total_names():
    columns = ["Cliente", "Enero", "Febrero", "Marzo", "Total general", "Suma", "Total año"]
    assert detect_wide(columns) is None
    layout = detect_wide(columns, title_year=2024)
    assert [p for _, p in layout.period_columns][0] == JAN_2024
    assert layout.total_columns == ("Total general", "Suma", "Total año")


def test_quarter_subtotal_and_year_columns_inside_a_monthly_report_are_totals():
    columns = ["Cliente", "Jan-24", "Feb-24", "Mar-24", "Q1 2024", "Apr-24", "2024", "2023"]
    layout = detect_wide(columns)
    assert [c for c, _ in layout.period_columns] == ["Jan-24", "Feb-24", "Mar-24", "Apr-24"]
    assert layout.total_columns == ("Q1 2024", "2024")
    assert layout.skipped_columns == ("2023",)  # last year's figure: not a period of this report
    assert layout.id_columns == ("Cliente",)


def test_quarterly_and_yearly_reports():
    quarterly = detect_wide(["Customer", "Q1 2025", "Q2 2025", "Q3 2025", "Grand total"])
    assert quarterly.kind == "quarter"
    assert quarterly.total_columns == ("Grand total",)
    yearly = detect_wide(["Cliente", "Región", 2022, 2023, "2024", "Total"])
    assert yearly.kind == "year"
    assert [p.year for _, p in yearly.period_columns] == [2022, 2023, 2024]
    assert yearly.id_columns == ("Cliente", "Región")


def test_repeated_periods_and_a_second_block_are_skipped():
    columns = ["Cliente", "Ene 2024", "Feb 2024", "Vendedor", "Ene 2024 ", "Feb 2024 "]
    layout = detect_wide(columns)
    assert [c for c, _ in layout.period_columns] == ["Ene 2024", "Feb 2024"]
    assert layout.id_columns == ("Cliente", "Vendedor")
    assert layout.skipped_columns == ("Ene 2024 ", "Feb 2024 ")


@pytest.mark.parametrize(
    "columns",
    [
        ["Cliente", "Fecha", "Importe"],  # a long file
        ["Cliente", "2024", "Importe"],  # one period is not a wide report
        ["Cliente", "Ene 2024", "Total"],
        ["Cliente", "Ene 2024", "Vendedor", "Feb 2024"],  # periods split by an id column
        [],
    ],
)
def test_not_wide(columns):
    assert detect_wide(columns) is None


# --------------------------------------------------------------------------- melt


def _frame():
    return pd.DataFrame(
        {
            "Cliente": ["Acme", "Beta", "Gamma", "Total general"],
            "Ene 2024": ["1.234,50", "", "0", "1.234,50"],
            "Feb 2024": [None, "300", "0,00", "300"],
            "Mar 2024": [10, "-", 7.5, "17,5"],
            "Total": ["1.244,50", "300", "7,5", "1.552,00"],
        },
        index=[5, 6, 7, 8],
    )


def test_melt_makes_one_line_per_non_blank_non_zero_cell_and_ignores_total_columns():
    frame = _frame()
    layout = detect_wide(list(frame.columns))
    long = melt(frame.iloc[:3], layout)  # the total ROW is totals.py's business
    assert list(long.columns) == [
        "Cliente",
        "period_label",
        "period_kind",
        "quarter",
        "date",
        "amount",
        "source_row",
    ]
    assert long[["Cliente", "period_label", "amount", "source_row"]].values.tolist() == [
        ["Acme", "Ene 2024", "1.234,50", 5],
        ["Acme", "Mar 2024", 10, 5],
        ["Beta", "Feb 2024", "300", 6],
        ["Gamma", "Mar 2024", 7.5, 7],
    ]
    assert long["quarter"].tolist() == ["2024-Q1"] * 4
    assert long["date"].tolist() == [
        pd.Timestamp(d) for d in ["2024-01-01", "2024-03-01", "2024-02-01", "2024-03-01"]
    ]
    assert set(long["period_kind"]) == {"month"}
    assert "Total" not in long["period_label"].tolist()


def test_melt_year_columns_land_on_the_last_day_of_the_year():
    frame = pd.DataFrame({"Cliente": ["Acme"], 2023: [100.0], 2024: [0.0], "2025": ["5"]})
    long = melt(frame, detect_wide(list(frame.columns)))
    assert long["period_label"].tolist() == ["2023", "2025"]
    assert long["quarter"].tolist() == ["2023-Q4", "2025-Q4"]
    assert long["date"].tolist() == [pd.Timestamp("2023-12-31"), pd.Timestamp("2025-12-31")]
    assert long["period_kind"].tolist() == ["year", "year"]


@pytest.mark.parametrize(
    "cell",
    [None, "", "  ", "-", "—", "N/A", "null", "0", "0,00", "0.00", "0,00 €", "(0)", 0, 0.0, np.nan],
)
def test_blank_and_zero_cells_make_no_line(cell):
    frame = pd.DataFrame({"Cliente": ["Acme"], "T1 2024": [cell], "T2 2024": ["1"]}, dtype=object)
    long = melt(frame, detect_wide(list(frame.columns)))
    assert long["period_label"].tolist() == ["T2 2024"]


@pytest.mark.parametrize("cell", ["abc", "0,01", "-5", "10 €", "#N/A", "#VALUE!"])
def test_other_cells_are_passed_on_raw_for_the_validator(cell):
    frame = pd.DataFrame({"Cliente": ["Acme"], "T1 2024": [cell], "T2 2024": ["1"]})
    long = melt(frame, detect_wide(list(frame.columns)))
    assert long["amount"].tolist() == [cell, "1"]


def test_melt_refuses_an_id_column_named_like_an_output_column():
    layout = WideLayout("month", ((("Ene 2024"), JAN_2024),), id_columns=("amount",))
    frame = pd.DataFrame({"amount": ["x"], "Ene 2024": ["1"]})
    with pytest.raises(ValueError, match="amount"):
        melt(frame, layout)
