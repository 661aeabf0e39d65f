"""``python -m kam_core ingest``: options, exit codes, and the database held by another process."""

from __future__ import annotations

import json
import subprocess
import sys

from kam_core import cli
from kam_core.store import db

DATA = "Sociedad;Uds;PVP unit;Día\r\nACME;3;2,50;15/01/2024\r\nBeta;-1;4,00;20/02/2024\r\n"


def _run(capsys, *argv):
    capsys.readouterr()
    rc = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_map_overrides_and_quantity_times_price(capsys, tmp_path):
    f = tmp_path / "v.csv"
    f.write_bytes(DATA.encode("cp1252"))
    dbp = tmp_path / "c.duckdb"
    rc, _, err = _run(capsys, "ingest", "--db", dbp, f)
    assert rc == 1 and "no account column" in err
    rc, out, err = _run(
        capsys,
        "ingest",
        "--db",
        dbp,
        "--map",
        "account=sociedad",
        "--map",
        "amount=Uds*PVP unit",
        "--quarter",
        "2024-Q1",
        f,
    )
    assert rc == 0, err
    assert "2 valid, 0 rejected" in out
    rc, out, _ = _run(capsys, "report", "--db", dbp, "--json")
    rep = json.loads(out)
    assert rep["quarters"] == {"2024-Q1": 3.5} and rep["non_positive_accounts"] == 1


def test_bad_map_and_unknown_field(capsys, tmp_path):
    f = tmp_path / "v.csv"
    f.write_bytes(DATA.encode())
    assert _run(capsys, "ingest", "--db", tmp_path / "c.duckdb", "--map", "account", f)[0] == 2
    rc, _, err = _run(
        capsys,
        "--lang",
        "es",
        "ingest",
        "--db",
        tmp_path / "c.duckdb",
        "--map",
        "cliente=Sociedad",
        f,
    )
    assert rc == 1 and "Campo desconocido «cliente»" in err


def test_missing_file_and_no_date(capsys, tmp_path):
    rc, _, err = _run(capsys, "ingest", "--db", tmp_path / "c.duckdb", tmp_path / "nope.csv")
    assert rc == 1 and "Cannot read" in err and "nope.csv" in err
    f = tmp_path / "sin_fecha.csv"
    f.write_text("Cliente;Importe\nACME;10\n", encoding="utf-8")
    rc, _, err = _run(capsys, "ingest", "--db", tmp_path / "c.duckdb", f)
    assert rc == 1 and "--quarter" in err


def test_replace_period_and_add(capsys, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("Cliente;Importe;Fecha\nACME;100;15/01/2024\n", encoding="utf-8")
    b.write_text("Cliente;Importe;Fecha\nBeta;40;16/02/2024\n", encoding="utf-8")
    dbp = tmp_path / "c.duckdb"
    assert _run(capsys, "ingest", "--db", dbp, a)[0] == 0
    rc, _, err = _run(capsys, "ingest", "--db", dbp, b)
    assert rc == 1 and "already loaded: 2024-Q1" in err
    assert _run(capsys, "ingest", "--db", dbp, "--replace-period", b)[0] == 0
    assert json.loads(_run(capsys, "report", "--db", dbp, "--json")[1])["total_revenue"] == 40
    assert _run(capsys, "ingest", "--db", dbp, "--add", a)[0] == 0
    assert json.loads(_run(capsys, "report", "--db", dbp, "--json")[1])["total_revenue"] == 140


def test_database_held_by_another_process_exits_3(capsys, tmp_path):
    dbp = tmp_path / "held.duckdb"
    db.connect(dbp).close()
    f = tmp_path / "v.csv"
    f.write_text("Cliente;Importe;Fecha\nACME;100;15/01/2024\n", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(dbp),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        rc, _, err = _run(capsys, "ingest", "--db", dbp, f)
        assert rc == 3
        assert "in use by another program" in err and str(holder.pid) in err
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    # Released: the same command now works, and nothing was half-written before.
    rc, _, err = _run(capsys, "ingest", "--db", dbp, f)
    assert rc == 0, err
    con = db.connect(dbp)
    try:
        assert db.scalar(con, "SELECT count(*) FROM batches") == 1
    finally:
        con.close()


# Every day is 12 or less: 05/01 is 5 January (Q1) or May 1st (Q2); 10/02 is 10 February (Q1)
# or October 2nd (Q4).
AMBIGUOUS = "Cliente;Importe;Fecha\nACME;100;05/01/2024\nBeta;50;10/02/2024\n"


def _quarters_after(capsys, tmp_path, name, *opts):
    f = tmp_path / "ambigua.csv"
    f.write_text(AMBIGUOUS, encoding="utf-8")
    dbp = tmp_path / f"{name}.duckdb"
    rc, _, err = _run(capsys, *opts[:2], "ingest", "--db", dbp, *opts[2:], f)
    assert rc == 0, err
    return json.loads(_run(capsys, "report", "--db", dbp, "--json")[1])["quarters"], err


def test_dates_option_settles_an_ambiguous_date_column(capsys, tmp_path):
    dmy, err = _quarters_after(capsys, tmp_path, "dmy", "--lang", "en", "--dates", "dmy")
    assert dmy == {"2024-Q1": 150.0} and "12 or less" not in err
    mdy, err = _quarters_after(capsys, tmp_path, "mdy", "--lang", "en", "--dates", "mdy")
    assert mdy == {"2024-Q2": 100.0, "2024-Q4": 50.0} and "12 or less" not in err
    # auto: day first for a ';' file, and the CLI says how to read it the other way
    auto, err = _quarters_after(capsys, tmp_path, "auto", "--lang", "en")
    assert auto == dmy
    assert (
        "ambigua.csv: every day in the date column is 12 or less, so dates were read day "
        "first (dd/mm); if that is wrong, load it again with --dates mdy"
    ) in err
    auto_es, err = _quarters_after(capsys, tmp_path, "auto_es", "--lang", "es", "--dates", "AUTO")
    assert auto_es == dmy
    assert (
        "todos los días de la columna de fecha son 12 o menos, así que las fechas se han "
        "leído con el día primero (dd/mm); si no es correcto, vuelva a cargarlo con "
        "--dates mdy"
    ) in err


def test_dates_option_bad_value_and_help(capsys, tmp_path):
    f = tmp_path / "ambigua.csv"
    f.write_text(AMBIGUOUS, encoding="utf-8")
    dbp = tmp_path / "c.duckdb"
    rc, _, err = _run(capsys, "ingest", "--db", dbp, "--dates", "ymd", f)
    assert rc == 2 and "--dates ymd: expected dmy (day first), mdy (month first) or auto" in err
    rc, _, err = _run(capsys, "--lang", "es", "ingest", "--db", dbp, "--dates", "ymd", f)
    assert rc == 2 and "se esperaba dmy (día primero), mdy (mes primero) o auto" in err
    assert not dbp.exists()  # refused before the database is even opened
    try:
        cli.main(["ingest", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "--dates dmy|mdy|auto" in capsys.readouterr().out
