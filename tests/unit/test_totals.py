"""Total and subtotal rows: labels, ERP blocks, unlabeled grand totals, companies called Total."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kam_core.ingest.totals import (
    _parse_amounts,
    is_total_label,
    total_columns,
    total_label_kind,
    total_reasons,
    total_rows,
)


@pytest.mark.parametrize(
    "label",
    [
        "Total",
        "TOTAL",
        "total:",
        "Total general",
        "TOTAL GENERAL",
        "Subtotal",
        "Sub-total",
        "SUB TOTAL",
        "Suma",
        "Sum",
        "Grand total",
        "Gran total",
        "Totales",
        "Suma total",
        "Importe total",
        "Total cliente 4300012",
        "Total cliente Acme S.A.",
        "Total: Acme",
        "Total 2024",
        "Total año",
        "Total Año 2024",
        "Total de ventas",
        "Sum of Sales",
        "Acumulado",
        "  total  ",
        "Tótal",
    ],
)
def test_strong_total_labels(label):
    assert total_label_kind(label) == "strong"
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["Total Acme SA", "Total Energía S.L.", "Suma Servicios"])
def test_total_followed_by_a_name_needs_the_rows_to_confirm_it(label):
    assert total_label_kind(label) == "weak"
    assert not is_total_label(label)


@pytest.mark.parametrize(
    "label",
    [
        "TotalEnergies S.A.",
        "Totalgaz",
        "Distribuciones Total Energía",
        "Acme",
        "",
        None,
        float("nan"),
        "Summit Partners",
        "Sumatra Coffee",
    ],
)
def test_not_total_labels(label):
    assert total_label_kind(label) is None


def test_total_columns_keep_their_order_and_skip_periods():
    columns = ["Cliente", "Ene 2024", "Feb 2024", "Total", "Total 2024", "Suma", "TotalEnergies"]
    assert total_columns(columns) == ["Total", "Total 2024", "Suma"]


def test_amount_parser_decides_the_decimal_mark_per_column():
    spanish = pd.Series(["1.234,56", "12,50", "(1.000,00)", "100-", "€ 5,00", None, "abc", 3])
    got = _parse_amounts(spanish).tolist()
    assert got[:5] == [1234.56, 12.5, -1000.0, -100.0, 5.0]
    assert np.isnan(got[5]) and np.isnan(got[6]) and got[7] == 3.0
    assert _parse_amounts(pd.Series(["1,234.56", "12.50", "1,000"])).tolist() == [
        1234.56,
        12.5,
        1000.0,
    ]
    # only "1.234"-style values: read as thousands, whichever the mark
    assert _parse_amounts(pd.Series(["1.234", "1,234", "500"])).tolist() == [1234.0, 1234.0, 500.0]


def _reasons(rows, columns=("Cliente", "Importe"), labels=("Cliente",), amounts=("Importe",)):
    frame = pd.DataFrame(rows, columns=list(columns))
    return total_reasons(frame, list(labels), list(amounts)).tolist()


def test_erp_export_with_customer_totals_subtotal_suma_and_grand_total():
    rows = [
        ["Acme S.A.", "1.000,00"],
        ["Acme S.A.", "250,50"],
        ["Total cliente Acme S.A.", "1.250,50"],
        ["Beta SL", "300,00"],
        ["Total cliente Beta SL", "300,00"],
        ["Subtotal", "1.550,50"],
        ["Gamma", "49,50"],
        ["Suma", "49,50"],
        ["Total general", "1.600,00"],
    ]
    assert _reasons(rows) == [
        "",
        "",
        "label",
        "",
        "label",
        "label",
        "",
        "label",
        "label",
    ]


def test_unlabeled_last_row_equal_to_the_sum_is_a_grand_total():
    rows = [["Acme", "100"], ["Beta", "250,25"], ["Gamma", "49,75"], [None, "400,00"]]
    assert _reasons(rows) == ["", "", "", "sum_of_above"]
    mask = total_rows(pd.DataFrame(rows, columns=["Cliente", "Importe"]), ["Cliente"], ["Importe"])
    assert mask.tolist() == [False, False, False, True]


def test_grand_total_tolerance_is_half_a_percent():
    near = [["Acme", "100"], ["Beta", "100"], [None, "200,90"]]  # 0.45 % off: a rounded total
    far = [["Acme", "100"], ["Beta", "100"], [None, "201,10"]]  # 0.55 % off: a real line
    assert _reasons(near)[-1] == "sum_of_above"
    assert _reasons(far)[-1] == ""


def test_legitimate_last_line_that_does_not_equal_the_sum_is_kept():
    rows = [["Acme", "100"], ["Beta", "250"], [None, "75"]]
    assert _reasons(rows) == ["", "", ""]


def test_named_last_line_equal_to_the_sum_is_kept():
    # a customer that happens to buy as much as all the others together is still a customer
    rows = [["Acme", "100"], ["Beta", "250"], ["Gamma", "350"]]
    assert _reasons(rows) == ["", "", ""]


def test_company_named_total_energies_is_kept():
    rows = [["TotalEnergies S.A.", "500"], ["Acme", "100"], ["Totalgaz", "600"]]
    assert _reasons(rows) == ["", "", ""]


def test_company_starting_with_total_word_is_kept_unless_the_rows_confirm_a_total():
    rows = [["Acme", "100"], ["Beta", "30"], ["Total Energía S.L.", "45"]]
    assert _reasons(rows) == ["", "", ""]
    confirmed_by_name = [["Acme SA", "100"], ["Acme SA", "30"], ["Total Acme SA", "999"]]
    assert _reasons(confirmed_by_name) == ["", "", "label"]
    confirmed_by_sum = [["Acme", "100"], ["Beta", "30"], ["Total Grupo Norte", "130"]]
    assert _reasons(confirmed_by_sum) == ["", "", "sum_of_above"]


def test_erp_subtotal_blocks_with_blank_account():
    rows = [
        ["Acme", "100"],
        ["Acme", "50"],
        [None, "150"],  # Acme's subtotal
        ["Beta", "20"],
        ["Beta", "5,5"],
        [None, "25,50"],  # Beta's subtotal
        ["Gamma", "7"],
        [None, "7"],  # a one-line block: a subtotal because the export subtotals every block
        [None, "182,50"],  # grand total
    ]
    assert _reasons(rows) == [
        "",
        "",
        "group_subtotal",
        "",
        "",
        "group_subtotal",
        "",
        "group_subtotal",
        "sum_of_above",
    ]


def test_single_blank_line_equal_to_the_line_above_is_kept_without_a_subtotal_pattern():
    rows = [["Acme", "100"], [None, "100"], ["Beta", "40"], ["Gamma", "60"]]
    assert _reasons(rows) == ["", "", "", ""]


def test_heading_row_names_the_group_for_a_weak_total():
    rows = [["Acme Iberia", None], [None, "10"], [None, "20"], ["Total Acme Iberia", "31"]]
    assert _reasons(rows) == ["", "", "", "label"]


def test_several_label_and_amount_columns():
    columns = ["Codigo", "Cliente", "Ene", "Feb"]
    rows = [
        ["C1", "Acme", "10", "5"],
        ["C2", "Beta", "20", None],
        ["Total", None, "30", "5"],
        [None, "Gamma", "1", "1"],
        [None, None, "31", "6"],  # blank labels, both months equal the sums of everything above
    ]
    frame = pd.DataFrame(rows, columns=columns, index=[10, 11, 12, 13, 14])
    reasons = total_reasons(frame, ["Codigo", "Cliente"], ["Ene", "Feb"])
    assert reasons.index.tolist() == [10, 11, 12, 13, 14]
    assert reasons.tolist() == ["", "", "label", "", "sum_of_above"]


def test_row_blank_in_one_month_is_not_a_total_when_that_month_sums_to_something():
    columns = ["Cliente", "Ene", "Feb"]
    rows = [["Acme", "10", "5"], ["Beta", "20", "1"], [None, "30", None]]
    assert _reasons(rows, columns, ("Cliente",), ("Ene", "Feb")) == ["", "", ""]


def test_label_columns_default_to_the_non_amount_columns():
    frame = pd.DataFrame({"Cliente": ["Acme", "TOTAL"], "Importe": [10.0, 10.0]})
    assert total_reasons(frame, [], ["Importe"]).tolist() == ["", "label"]


def test_empty_frame():
    frame = pd.DataFrame({"Cliente": [], "Importe": []})
    assert total_reasons(frame, ["Cliente"], ["Importe"]).tolist() == []
