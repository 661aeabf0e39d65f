"""Several currencies (F-IN-10), through the command line, against an independent pandas conversion.

The mixed-currency file is Superstore with a ``Moneda`` column (West USD, East GBP, Central EUR,
South blank = the reporting currency); the rates file has one rate per currency and quarter. The
oracle converts the long data with pandas (``expected.py`` computes the figures), so a bug in
reading the currency, looking up a rate or converting shows as a mismatch.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kam_core import cli, ingest
from kam_core.common.errors import ValidationError
from kam_core.i18n import fmt_money, t, use_currency
from kam_core.ingest import rates_file
from kam_core.portfolio.report import report
from kam_core.store import db, rates, settings
from tests.fixtures import shapes, variants
from tests.fixtures.expected import (
    assert_report_matches,
    expected_report,
    quarter_of,
    superstore_raw,
)


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.main(list(map(str, argv)))
    out = capsys.readouterr()
    return rc, out.out, out.err


def report_json(capsys, path) -> dict:
    rc, out, err = run_cli(capsys, "report", "--db", path, "--json")
    assert rc == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def mixed(datasets):
    """Superstore with a currency column, as a frame with its quarters."""
    df = shapes.with_currencies(superstore_raw(datasets), "Region")
    return df.assign(quarter=quarter_of(df["Order Date"]))


def write_mixed(df: pd.DataFrame, path):
    es = df[["Customer ID", "Customer Name", "Order Date", "Sales", "Region", "Moneda"]].rename(
        columns={
            "Customer ID": "ID cliente",
            "Customer Name": "Cliente",
            "Order Date": "Fecha",
            "Sales": "Importe",
            "Region": "Región",
        }
    )
    return variants.write_spanish_csv(es, path, "cp1252")


def converted_oracle(df: pd.DataFrame, table: pd.DataFrame) -> dict:
    """amount x rate of (currency, quarter), rate 1 for EUR and blank: plain pandas."""
    fx = table.set_index(["currency", "quarter"])["rate"]
    keys = pd.MultiIndex.from_arrays([df["Moneda"].fillna("EUR"), df["quarter"]])
    rate = pd.Series(fx.reindex(keys).to_numpy(), index=df.index)
    rate = rate.where(df["Moneda"].fillna("EUR") != "EUR", 1.0)
    assert rate.notna().all()
    lines = pd.DataFrame(
        {"account_key": df["Customer ID"], "quarter": df["quarter"], "amount": df["Sales"] * rate}
    )
    return expected_report(lines)


def test_mixed_currency_file_with_rates_matches_pandas_conversion(capsys, tmp_path, mixed):
    path = tmp_path / "c.duckdb"
    table = shapes.rates_for(sorted(mixed["quarter"].unique()))
    rates_path = shapes.write_rates(table, tmp_path / "tipos.csv", "es")  # ; and decimal comma
    rc, out, err = run_cli(capsys, "rates", "import", rates_path, "--db", path)
    assert rc == 0, err
    assert "32 rates added, 0 updated (into EUR)" in out
    src = write_mixed(mixed, tmp_path / "ventas_monedas.csv")
    rc, out, err = run_cli(capsys, "ingest", "--db", path, src)
    assert rc == 0, err
    got = report_json(capsys, path)
    assert got["currency"] == "EUR"
    assert_report_matches(got, converted_oracle(mixed, table))
    # Lines keep their original currency and amount.
    con = db.connect(path)
    try:
        rows = db.query_rows(
            con,
            "SELECT currency, count(*), sum(amount_original) FROM revenue_lines GROUP BY 1 "
            "ORDER BY 1",
        )
    finally:
        con.close()
    raw = mixed.assign(c=mixed["Moneda"].fillna("EUR")).groupby("c")["Sales"].agg(["size", "sum"])
    assert [(c, n) for c, n, _ in rows] == list(zip(raw.index, raw["size"], strict=True))
    assert [s for *_, s in rows] == pytest.approx(list(raw["sum"]), abs=1e-6)


def test_without_rates_refused_database_unchanged_and_message_names_them(capsys, tmp_path, mixed):
    path = tmp_path / "c.duckdb"
    # Rates for every quarter but two of GBP, and none for USD.
    table = shapes.rates_for(sorted(mixed["quarter"].unique()))
    gbp = table[table["currency"] == "GBP"]
    partial = gbp[~gbp["quarter"].isin(["2015-Q2", "2017-Q4"])]
    rc, _, err = run_cli(
        capsys,
        "rates",
        "import",
        shapes.write_rates(partial, tmp_path / "r.csv", "en"),
        "--db",
        path,
    )
    assert rc == 0, err
    con = db.connect(path)
    before = db.table_snapshot(con)
    con.close()
    src = write_mixed(mixed, tmp_path / "ventas_monedas.csv")
    rc, out, err = run_cli(capsys, "ingest", "--db", path, src)
    assert rc == 1
    usd = ", ".join(sorted(mixed.loc[mixed["Moneda"] == "USD", "quarter"].unique()))
    assert f"no exchange rate for GBP: 2015-Q2, 2017-Q4; USD: {usd}" in err
    assert "rates import" in err and "Nothing was written" in err
    con = db.connect(path)
    assert db.table_snapshot(con) == before
    con.close()
    # In Spanish too.
    rc, _, err = run_cli(capsys, "--lang", "es", "ingest", "--db", path, src)
    assert rc == 1 and "falta el tipo de cambio de GBP: 2015-Q2, 2017-Q4; USD:" in err


def test_commit_refuses_missing_rates_even_after_the_preview(tmp_path, mixed):
    """A Prepared whose rates went missing is refused by commit itself (the page's path)."""
    con = db.connect(tmp_path / "c.duckdb")
    try:
        src = write_mixed(mixed.head(200), tmp_path / "v.csv")
        p = ingest.prepare(src.read_bytes(), "v.csv", con)
        assert set(p.missing_rates) == {"USD", "GBP"}
        assert p.currency == "EUR" and p.by_currency.keys() == {"EUR", "GBP", "USD"}
        before = db.table_snapshot(con)
        with pytest.raises(Exception) as exc:
            ingest.commit(con, [p])
        assert "no exchange rate for GBP" in str(exc.value)
        assert db.table_snapshot(con) == before
    finally:
        con.close()


def test_rates_changed_later_reconvert_every_figure(capsys, tmp_path, mixed):
    path = tmp_path / "c.duckdb"
    quarters = sorted(mixed["quarter"].unique())
    table = shapes.rates_for(quarters)
    run_cli(capsys, "rates", "import", shapes.write_rates(table, tmp_path / "r.csv"), "--db", path)
    rc, _, err = run_cli(capsys, "ingest", "--db", path, write_mixed(mixed, tmp_path / "v.csv"))
    assert rc == 0, err
    new = table.assign(rate=table["rate"] * 1.5)
    rc, out, err = run_cli(
        capsys, "rates", "import", shapes.write_rates(new, tmp_path / "r2.csv", "en"), "--db", path
    )
    assert rc == 0 and "0 rates added, 32 updated" in out, err
    assert_report_matches(report_json(capsys, path), converted_oracle(mixed, new))
    rc, out, _ = run_cli(capsys, "rates", "list", "--db", path, "--json")
    listed = json.loads(out)
    assert listed["currency"] == "EUR" and len(listed["rates"]) == 32
    assert listed["rates"][0] == {"currency": "GBP", "quarter": "2014-Q1", "rate": 1.1 * 1.5}


def test_reporting_currency_change_needs_rates_and_converts_everything(tmp_path, mixed):
    con = db.connect(tmp_path / "c.duckdb")
    try:
        quarters = sorted(mixed["quarter"].unique())
        rates.upsert(con, shapes.rates_for(quarters).to_dict("records"), "ana")
        src = write_mixed(mixed, tmp_path / "v.csv")
        ingest.commit(con, [ingest.prepare(src.read_bytes(), "v.csv", con)])
        before = db.table_snapshot(con)
        with pytest.raises(ValidationError) as exc:
            settings.set_values(con, {"reporting_currency": "usd"}, "ana")
        message = exc.value.render("en")
        assert "No exchange rate for EUR: 2014-Q1" in message and "; GBP: 2014-Q1" in message
        assert db.table_snapshot(con) == before
        # Rates into USD for EUR and GBP (entered before switching): every line is converted.
        into_usd = [
            {"currency": c, "quarter": q, "rate": r}
            for q in quarters
            for c, r in (("EUR", 1.25), ("GBP", 1.5))
        ]
        rates.upsert(con, into_usd, "ana", base="USD")
        settings.set_values(con, {"reporting_currency": "usd"}, "ana")
        assert rates.reporting_currency(con) == "USD"
        got = db.query_rows(
            con, "SELECT currency, sum(amount), sum(amount_original) FROM revenue_lines GROUP BY 1"
        )
        by = {c: (a, o) for c, a, o in got}
        assert by["USD"][0] == pytest.approx(by["USD"][1])
        assert by["EUR"][0] == pytest.approx(by["EUR"][1] * 1.25)
        assert by["GBP"][0] == pytest.approx(by["GBP"][1] * 1.5)
        assert report(con)["currency"] == "USD"
        # And back: the rates into EUR were kept, the figures are the first conversion again.
        settings.set_values(con, {"reporting_currency": "EUR"}, "ana")
        assert_report_matches(report(con), converted_oracle(mixed, shapes.rates_for(quarters)))
    finally:
        con.close()


def test_rates_file_errors_name_row_and_column_and_write_nothing(capsys, tmp_path):
    path = tmp_path / "c.duckdb"
    bad = tmp_path / "tipos.csv"
    bad.write_text(
        "moneda;trimestre;tipo\nUSD;2024-Q1;0,92\nDólares canadienses;2024-Q1;0,7\n"
        "GBP;2024-T5;1,1\nGBP;2024-Q2;-1\nUSD;2024-Q1;0,93\nEUR;2024-Q1;1\n",
        encoding="utf-8",
    )
    db.connect(path).close()
    rc, _, err = run_cli(capsys, "rates", "import", bad, "--db", path)
    assert rc == 1
    assert "tipos.csv: 5 cells cannot be read, nothing was imported:" in err
    assert "row 3, column moneda: “Dólares canadienses” is not a currency code" in err
    assert "row 4, column trimestre: “2024-T5” is not a quarter (YYYY-Qn)" in err
    assert "row 5, column tipo: “-1” is not a positive number" in err
    assert "row 6, column trimestre: the same currency and quarter as row 2" in err
    assert "row 7, column moneda: EUR is the reporting currency" in err
    rc, out, _ = run_cli(capsys, "rates", "list", "--db", path)
    assert "0 rates" in out
    rc, _, err = run_cli(capsys, "--lang", "es", "rates", "import", bad, "--db", path)
    assert "fila 3, columna moneda: «Dólares canadienses» no es un código de moneda" in err


@pytest.mark.parametrize(
    "text, expected",
    [
        ("currency,quarter,rate\nUSD,2024-Q1,0.92\nusd,2024-q2,1\n", [0.92, 1.0]),
        ("Moneda;Trimestre;Tipo de cambio\nUSD;T1 2024;0,92\nUSD;2024T2;1.234,5\n", [0.92, 1234.5]),
        ("Tipos de cambio 2024;;\nmoneda;trimestre;tipo\n$;2024-Q1;0,9\n€;2024-Q2;1\n", None),
    ],
)
def test_rates_file_separators_decimals_and_headers(text, expected, tmp_path):
    data = text.encode("utf-8")
    if expected is None:
        with pytest.raises(Exception, match="EUR is the reporting currency"):
            rates_file.read_rates(data, "r.csv", "EUR")
        got = rates_file.read_rates(data, "r.csv", "GBP")  # below a title; symbols for codes
        assert [(r["currency"], r["rate"]) for r in got] == [("USD", 0.9), ("EUR", 1.0)]
        return
    got = rates_file.read_rates(data, "r.csv", "EUR")
    assert [r["rate"] for r in got] == expected
    assert [r["quarter"] for r in got] == ["2024-Q1", "2024-Q2"]
    assert {r["currency"] for r in got} == {"USD"}


def test_unknown_currency_cell_is_a_reject_and_blank_is_the_reporting_currency(tmp_path):
    data = (
        "Cliente;Fecha;Importe;Moneda\nAcme;15/01/2024;100;eur\nBeta;15/01/2024;50;\n"
        "Gamma;15/01/2024;7;Pesos oro\n"
    ).encode()
    p = ingest.prepare(data, "v.csv", db.connect(tmp_path / "c.duckdb"))
    assert list(p.lines["currency"]) == ["EUR", "EUR"]
    assert list(p.rejects["reason"]) == ["rej.currency_unknown"]
    assert (p.rejects["row"].iat[0], p.rejects["column"].iat[0]) == (4, "Moneda")
    assert t("rej.currency_unknown", "en", value="Pesos oro").startswith("Currency not recognised")


def test_money_carries_the_currency_from_one_place():
    try:
        assert fmt_money(1234.5, "es") == "1.234"
        assert t("pa.chart.y", "en") == "Revenue"
        use_currency("USD")
        assert fmt_money(1234.5, "es") == "1.234\u00a0USD"
        assert fmt_money(2_500_000, "en", compact=True) == "2.5M\u00a0USD"
        assert fmt_money(None, "en") == "–"
        assert t("pa.chart.y", "es") == "Facturación (USD)"
    finally:
        use_currency(None)


def test_reporting_currency_is_a_checked_text_setting(tmp_path):
    con = db.connect(tmp_path / "c.duckdb")
    try:
        assert settings.SETTINGS["reporting_currency"].kind == "text"
        assert settings.get(con, "reporting_currency") == "EUR"
        with pytest.raises(ValidationError):
            settings.set_values(con, {"reporting_currency": "euros de oro"}, "ana")
        settings.set_values(
            con, {"reporting_currency": "gbp"}, "ana"
        )  # no lines: nothing to convert
        assert settings.get(con, "reporting_currency") == "GBP" == rates.reporting_currency(con)
    finally:
        con.close()
