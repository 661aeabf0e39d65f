"""Total and subtotal rows of long exports (F-IN-9): an ERP export of a shared dataset with
``Total cliente ...`` after each customer, ``Subtotal`` and ``Suma`` rows and a grand total (or the
same with unlabelled subtotal rows) gives exactly the figures of the file without them, loads
without ``--skip-invalid`` (total rows are no errors) and says on stderr how many it left out."""

from __future__ import annotations

import json

import pytest

from kam_core import cli, ingest
from kam_core.store import db
from tests.fixtures import shapes, variants
from tests.fixtures.expected import assert_report_matches, sales_expected, sales_raw

SPANISH = {
    "CUSTOMERNAME": "Cliente",
    "ORDERNUMBER": "Pedido",
    "ORDERDATE": "Fecha",
    "SALES": "Importe",
    "PRODUCTLINE": "Línea de producto",
}


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.main(list(map(str, argv)))
    out = capsys.readouterr()
    return rc, out.out, out.err


def erp_export(datasets, path, blank_labels: bool):
    df = sales_raw(datasets)[list(SPANISH)]
    df = df.assign(ORDERNUMBER=df["ORDERNUMBER"].astype(str))  # an order number, as text
    subtotalled, n = shapes.with_subtotals(df, "CUSTOMERNAME", "SALES", blank_labels)
    return variants.write_spanish_csv(subtotalled.rename(columns=SPANISH), path, "cp1252"), n


@pytest.mark.parametrize("blank_labels", [False, True], ids=["labelled", "blank-label ERP"])
def test_subtotalled_export_gives_the_figures_without_them(
    capsys, tmp_path, datasets, blank_labels
):
    path, n_totals = erp_export(datasets, tmp_path / "ventas_erp.csv", blank_labels)
    db_path = tmp_path / "t.duckdb"
    rc, out, err = run_cli(capsys, "ingest", "--db", db_path, path)
    assert rc == 0, err
    assert f"ventas_erp.csv: {n_totals:,} total rows, not loaded" in err
    assert "rejected" not in err
    rc, out, _ = run_cli(capsys, "report", "--db", db_path, "--json")
    assert_report_matches(json.loads(out), sales_expected(datasets))
    con = db.connect(db_path)
    try:
        bad = db.query_rows(
            con,
            "SELECT count(*) FROM accounts WHERE account_name ILIKE 'total%' "
            "OR account_name IN ('Subtotal', 'Suma')",
        )
    finally:
        con.close()
    assert bad == [(0,)]


def test_total_rows_are_listed_with_row_label_amount_and_reason(tmp_path):
    data = (
        "Cliente;Fecha;Importe\n"
        "Acme S.A.;15/01/2024;1.000,00\n"
        "Acme S.A.;20/01/2024;250,50\n"
        ";;1.250,50\n"
        "Beta SL;03/02/2024;200,00\n"
        "Beta SL;03/02/2024;100,00\n"
        "Total cliente Beta SL;;300,00\n"
        "TotalEnergies;04/02/2024;10,00\n"
        "Total general;;1.560,50\n"
    ).encode("cp1252")
    p = ingest.prepare(data, "v.csv", None)
    assert p.total_rows.to_dict("records") == [
        {"row": 4, "label": "", "amount": "1.250,50", "reason": "group_subtotal"},
        {"row": 7, "label": "Total cliente Beta SL", "amount": "300,00", "reason": "label"},
        {"row": 9, "label": "Total general", "amount": "1.560,50", "reason": "label"},
    ]
    assert p.rows_rejected == 0 and p.total_amount == pytest.approx(1560.5)
    assert sorted(p.lines["account_key"].unique()) == ["Acme S.A.", "Beta SL", "TotalEnergies"]
    table = ingest.total_rows_table(p.total_rows, "es")
    assert list(table.columns) == [
        "Fila",
        "Etiqueta",
        "Importe en el archivo",
        "Por qué es un total",
    ]
    assert list(table["Por qué es un total"])[:2] == [
        "igual a la suma de las líneas de su bloque",
        "rotulada como total",
    ]


def test_clean_file_costs_no_row_scan(tmp_path, monkeypatch):
    """No label starts with a total word and nothing is rejected: totals.py is never asked."""
    from kam_core.ingest import totals

    def boom(*a, **k):
        raise AssertionError("scanned")

    monkeypatch.setattr(totals, "total_reasons", boom)
    data = "Cliente;Fecha;Importe\nAcme;15/01/2024;10\nBeta;15/01/2024;5\n".encode()
    assert ingest.prepare(data, "v.csv", None).rows_valid == 2
