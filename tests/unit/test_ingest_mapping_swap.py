"""Issue 8: a column chosen for a field that another field reads swaps the two (page, pure
function, CLI); two explicit choices of one column are refused with a true message."""

from __future__ import annotations

import pytest

from kam_core import cli, ingest
from kam_core.ingest import mapping
from kam_core.store import db

COLUMNS = ["Cliente", "Nombre comercial", "Importe", "Fecha"]
GUESS = {"account": "Cliente", "kam": "Nombre comercial", "amount": "Importe", "date": "Fecha"}
DATA = (
    "Cliente;Nombre comercial;Importe;Fecha\r\n"
    "ACME IBERICA SA;Acme;100,00;15/01/2024\r\n"
    "BETA SERVICIOS SL;Beta;50,00;20/02/2024\r\n"
).encode("cp1252")


def test_guess_is_what_the_other_tests_assume():
    assert mapping.guess(COLUMNS) == GUESS


def test_choose_swaps_the_two_fields():
    # account takes the column kam read; kam takes the column account had.
    got = mapping.choose(GUESS, "account", "Nombre comercial")
    assert got == {"account": "Nombre comercial", "kam": "Cliente", "amount": "Importe"} | {
        "date": "Fecha"
    }
    # A field that had no column: the other one is left without it (nothing to swap).
    assert mapping.choose({"account": "Cliente"}, "kam", "Cliente") == {"kam": "Cliente"}
    # Not in the file: the field goes, nothing else moves.
    assert mapping.choose(GUESS, "kam", None) == {k: v for k, v in GUESS.items() if k != "kam"}
    # A computed amount is never handed to another field.
    qp = {"amount": "Uds*PVP", "product": "Importe"}
    assert mapping.choose(qp, "amount", "Importe") == {"amount": "Importe"}


def test_resolve_swaps_a_guessed_column_and_refuses_two_choices():
    # Before issue 8 the account lost its column here ("no account column found").
    got = mapping.resolve(COLUMNS, GUESS, {"account": "nombre comercial"})
    assert (got["account"], got["kam"]) == ("Nombre comercial", "Cliente")
    # The page sends every box: after its swap both are explicit and consistent.
    full = GUESS | {"account": "Nombre comercial", "kam": "Cliente"}
    assert mapping.resolve(COLUMNS, GUESS, full) == full
    with pytest.raises(ingest.UploadError) as exc:
        mapping.resolve(COLUMNS, GUESS, {"account": "Importe", "amount": "Importe"})
    assert exc.value.render("en") == (
        "The column “Importe” is given to two fields, account and amount: a column feeds one "
        "field. Give one of them another column."
    )
    assert "está asignada a dos campos, account y amount" in exc.value.render("es")


def test_prepare_with_a_reused_column_loads_the_swap():
    p = ingest.prepare(DATA, "v.csv", mapping={"account": "Nombre comercial"})
    assert (p.mapping["account"], p.mapping["kam"]) == ("Nombre comercial", "Cliente")
    assert list(p.lines["account_key"]) == ["Acme", "Beta"]
    assert list(p.lines["kam"]) == ["ACME IBERICA SA", "BETA SERVICIOS SL"]


def _run(capsys, *argv):
    capsys.readouterr()
    rc = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_map_swaps_and_says_so_or_refuses_two_fields_for_one_column(capsys, tmp_path):
    f = tmp_path / "v.csv"
    f.write_bytes(DATA)
    dbp = tmp_path / "c.duckdb"
    rc, _, err = _run(
        capsys, "--lang", "es", "ingest", "--db", dbp, "--map", "account=Importe",
        "--map", "amount=importe", f,
    )  # fmt: skip
    assert rc == 1
    assert "La columna «Importe» está asignada a dos campos, account y amount" in err
    assert "no se encuentra la columna de cuenta" not in err
    con = db.connect(dbp)
    assert db.query_rows(con, "SELECT count(*) FROM revenue_lines") == [(0,)]
    con.close()
    rc, out, err = _run(capsys, "ingest", "--db", dbp, "--map", "account=Nombre comercial", f)
    assert rc == 0, err
    assert (
        "v.csv: columns read: account=Nombre comercial, amount=Importe, date=Fecha, kam=Cliente"
        in err
    )
    con = db.connect(dbp)
    try:
        assert db.query_rows(con, "SELECT account_key, kam FROM revenue_lines ORDER BY 1") == [
            ("Acme", "ACME IBERICA SA"),
            ("Beta", "BETA SERVICIOS SL"),
        ]
    finally:
        con.close()
