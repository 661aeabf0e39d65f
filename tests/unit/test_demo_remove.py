"""Removing the demo leaves a truly empty database, or exactly the user's own data (issue #8)."""

import json
import shutil

import duckdb

from kam_core import cli
from tests.fixtures.expected import DUCKDB_CONFIG

KEPT = {"app_state", "schema_migrations", "column_mappings", "settings"}


def _non_empty_tables(path) -> dict[str, int]:
    c = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    try:
        tables = [
            r[0]
            for r in c.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        ]
        counts = {t: c.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}
    finally:
        c.close()
    return {t: n for t, n in counts.items() if n and t not in KEPT}


def _report(capsys, path) -> dict:
    assert cli.main(["report", "--db", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_remove_demo_leaves_nothing_behind(demo_db, tmp_path, capsys):
    path = tmp_path / "d.duckdb"
    shutil.copy(demo_db, path)
    assert _non_empty_tables(path)["people"] > 0
    assert cli.main(["--lang", "es", "demo", "--remove", "--db", str(path)]) == 0
    assert "Demostración eliminada" in capsys.readouterr().out
    assert _non_empty_tables(path) == {}
    assert cli.main(["demo", "--remove", "--db", str(path)]) == 0
    assert "no demo" in capsys.readouterr().out


def test_remove_demo_keeps_the_users_own_upload(demo_db, tmp_path, capsys):
    own = tmp_path / "own.csv"
    own.write_text(
        "Cliente;Fecha;Importe\nMi Cliente S.L.;15/01/2026;1.000,50\nOtro SA;20/02/2026;250\n",
        encoding="utf-8",
    )
    alone = tmp_path / "alone.duckdb"
    assert cli.main(["ingest", "--db", str(alone), str(own)]) == 0
    capsys.readouterr()
    want = _report(capsys, alone)

    mixed = tmp_path / "mixed.duckdb"
    shutil.copy(demo_db, mixed)
    assert cli.main(["ingest", "--db", str(mixed), "--add", str(own)]) == 0
    capsys.readouterr()
    assert cli.main(["demo", "--remove", "--db", str(mixed)]) == 0
    capsys.readouterr()
    got = _report(capsys, mixed)
    assert got == want
    left = _non_empty_tables(mixed)
    # (the audit log keeps the upload: it records changes, it is not the demo's, issue 12)
    assert set(left) - {"audit_log"} == {"accounts", "batches", "revenue_lines"}
