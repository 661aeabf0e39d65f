"""Storage: migrations, transactions, locking, data version."""

import subprocess
import sys
import textwrap

import pytest

from kam_core.common.errors import DatabaseLockedError
from kam_core.store import db


def test_migrations_recorded_once(db_file):
    con = db.connect(db_file)
    versions = [
        r[0] for r in db.query_rows(con, "SELECT version FROM schema_migrations ORDER BY 1")
    ]
    assert versions == [v for v, _, _ in db.migrations()]
    assert db.migrate(con) == []  # idempotent: nothing left to apply
    con.close()
    con = db.connect(db_file)  # reopening applies nothing new either
    assert db.query_rows(con, "SELECT count(*) FROM schema_migrations")[0][0] == len(versions)
    con.close()


def test_transaction_rolls_back_everything(con):
    before = db.table_snapshot(con)
    with pytest.raises(RuntimeError):
        with db.transaction(con) as cur:
            cur.execute("INSERT INTO accounts VALUES ('k1', 'Acme', NULL, NULL, ?)", [db.utcnow()])
            db.bump_data_version(cur)
            raise RuntimeError("boom")
    assert db.table_snapshot(con) == before
    assert db.data_version(con) == 0


def test_data_version_bumps_on_commit(con):
    with db.transaction(con) as cur:
        db.bump_data_version(cur)
    with db.transaction(con) as cur:
        db.bump_data_version(cur)
    assert db.data_version(con) == 2


def test_db_path_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("CARTERA_DB", str(tmp_path / "env.duckdb"))
    assert db.db_path("explicit.duckdb") == "explicit.duckdb"
    assert db.db_path() == str(tmp_path / "env.duckdb")
    monkeypatch.delenv("CARTERA_DB")
    assert db.db_path().endswith("data/cartera.duckdb")


def test_locked_file_is_reported_clearly(db_file):
    db.connect(db_file).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db_file)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLockedError) as info:
            db.connect(db_file)
        assert str(holder.pid) in info.value.render("en")
        assert "en uso" in info.value.render("es")
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_cli_says_when_the_app_holds_the_file(db_file):
    db.connect(db_file).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(db_file)!r}); print('ready', flush=True); "
            "sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        out = subprocess.run(
            [sys.executable, "-m", "kam_core", "report", "--db", str(db_file)],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 3
        assert "in use by another program" in out.stderr
        assert "Traceback" not in out.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_revenue_line_columns_are_declared_once_and_match_the_schema(con):
    """REVENUE_LINE_COLUMNS is the one list; both line tables hold exactly those columns."""
    for table, extra in (
        ("revenue_lines", set()),
        ("revenue_lines_archive", {"archived_by", "archived_at"}),
    ):
        cols = {
            r[0]
            for r in db.query_rows(
                con, f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{table}'"
            )
        }
        assert cols - extra - {"line_id"} == set(db.REVENUE_LINE_COLUMNS), table
    with pytest.raises(ValueError):
        db.copy_lines_sql("x", ["amount", "amount; DROP TABLE accounts"])
