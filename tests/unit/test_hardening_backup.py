"""Issue 14: backups. Round trip exact to the content hash of every table; automatic before undo
and replace; a restore is itself reversible; retention; the CLI in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kam_core.cli import main as cli_main
from kam_core.common.errors import BackupError
from kam_core.ingest import commit, prepare, undo_batch
from kam_core.store import backup, db, settings

ROOT = Path(__file__).resolve().parents[2]


def _data(con, snapshot=db.content_hash) -> dict:
    """Every table but those a restore keeps as they are (the audit log, users: issue 12)."""
    return {k: v for k, v in snapshot(con).items() if k not in backup.KEPT_ON_RESTORE}


def _scribble(con) -> None:
    """Change several kinds of data: revenue, accounts, settings, relationship data."""
    batch = db.scalar(con, "SELECT min(batch_id) FROM batches WHERE status = 'active'")
    undo_batch(con, batch, user="test")
    settings.set_values(con, {"pareto_a": 0.7})
    with db.transaction(con) as cur:
        cur.execute(
            "DELETE FROM contacts WHERE contact_id IN (SELECT min(contact_id) FROM contacts)"
        )
        cur.execute("UPDATE accounts SET account_name = account_name || ' (changed)'")


def test_backup_and_restore_round_trip_every_table_exactly(demo_copy):
    con = db.connect(demo_copy)
    hashes, rows = _data(con), _data(con, db.table_snapshot)
    made = backup.make(con)
    assert made.parent == demo_copy.parent / "backups" and made.name.endswith("-manual.duckdb")
    _scribble(con)
    assert _data(con) != hashes
    undo = backup.restore(con, made)
    assert _data(con) == hashes
    assert _data(con, db.table_snapshot) == rows
    assert undo is not None and undo.name.endswith("-restore.duckdb")
    # Ids keep growing after a restore: new rows never collide with restored ones.
    with db.transaction(con) as cur:
        cur.execute(
            "INSERT INTO batches (file_name, sha256, rows_loaded, total_amount, uploaded_at) "
            "VALUES ('x', 'y', 0, 0, now())"
        )
    con.close()


def test_a_restore_can_itself_be_undone(demo_copy):
    con = db.connect(demo_copy)
    made = backup.make(con)
    _scribble(con)
    scribbled = _data(con)
    undo = backup.restore(con, made)
    assert _data(con) != scribbled
    backup.restore(con, undo)
    assert _data(con) == scribbled
    con.close()


def test_automatic_backup_before_an_undo(demo_copy):
    con = db.connect(demo_copy)
    batch = db.scalar(con, "SELECT min(batch_id) FROM batches WHERE status = 'active'")
    before = db.content_hash(con)
    undo_batch(con, batch, user="test")
    found = backup.list_backups(demo_copy)
    assert [b.reason for b in found] == ["undo"]
    copy = db.connect(found[0].path, migrate_schema=False)
    assert db.content_hash(copy) == before  # the state just before the undo
    copy.close()
    con.close()


def _csv(tmp_path, name: str, quarter_date: str) -> Path:
    path = tmp_path / name
    path.write_text(f"Cliente;Fecha;Importe\nAcme;{quarter_date};10\nBeta;{quarter_date};5\n")
    return path


def test_automatic_backup_before_a_replace_only(tmp_path):
    con = db.connect(tmp_path / "r.duckdb")
    path = _csv(tmp_path, "q.csv", "2025-02-01")
    p = prepare(path.read_bytes(), path.name, con)
    commit(con, [p])
    assert backup.list_backups(tmp_path / "r.duckdb") == []  # nothing was taken out
    commit(con, [prepare(path.read_bytes(), path.name, con)], replace=True)
    assert [b.reason for b in backup.list_backups(tmp_path / "r.duckdb")] == ["replace"]
    con.close()


def test_retention_by_age_and_count(tmp_path):
    con = db.connect(tmp_path / "k.duckdb")
    where = backup.folder(tmp_path / "k.duckdb")
    where.mkdir()
    now = db.utcnow()
    for days in (0, 1, 2, 40, 41):
        ts = (now - timedelta(days=days)).strftime(backup._TS_FORMAT)
        (where / f"k-{ts}Z-daily.duckdb").write_bytes(b"x")
    (where / "unrelated.txt").write_text("kept")
    removed = backup.prune(tmp_path / "k.duckdb", {"backup_keep_days": 30, "backup_keep_count": 2})
    left = backup.list_backups(tmp_path / "k.duckdb")
    assert len(removed) == 3 and len(left) == 2 and (where / "unrelated.txt").exists()
    # The newest is kept even when every backup is older than the retention.
    settings.set_values(con, {"backup_keep_days": 1, "backup_keep_count": 1})
    made = backup.make(con)
    assert [b.path for b in backup.list_backups(tmp_path / "k.duckdb")] == [made]
    con.close()


def test_daily_backup_once_a_day(tmp_path):
    con = db.connect(tmp_path / "d.duckdb")
    backup._DAILY_DONE.clear()
    assert backup.daily(con) is not None
    assert backup.daily(con) is None
    backup._DAILY_DONE.clear()  # a new process the same day: today's backup already exists
    assert backup.daily(con) is None
    assert [b.reason for b in backup.list_backups(tmp_path / "d.duckdb")] == ["daily"]
    con.close()


def test_in_memory_database_has_nothing_to_back_up():
    con = db.connect(":memory:")
    assert backup.before(con, "undo") is None
    with pytest.raises(BackupError):
        backup.make(con)
    con.close()


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(demo_copy, tmp_path):
    con = db.connect(demo_copy)
    before = db.content_hash(con)
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(os.urandom(100_000))
    with pytest.raises(BackupError) as err:
        backup.restore(con, garbage)
    assert "cannot be read" in err.value.render("en") and "no se puede leer" in err.value.render(
        "es"
    )
    foreign = tmp_path / "foreign.duckdb"
    other = db.duckdb.connect(str(foreign))
    other.execute("CREATE TABLE t (a INTEGER)")
    other.close()
    with pytest.raises(BackupError) as err:
        backup.restore(con, foreign)
    assert err.value.key == "hd.err.backup_not_cartera"
    assert db.content_hash(con) == before
    assert backup.list_backups(demo_copy) == []
    con.close()


# ----------------------------------------------------------------------------- command line


def test_cli_backup_list_restore(demo_copy, tmp_path, capsys):
    assert cli_main(["backup", "--db", str(demo_copy)]) == 0
    assert "Backup written" in capsys.readouterr().out
    to = tmp_path / "mine.duckdb"
    assert cli_main(["--lang", "es", "backup", "--db", str(demo_copy), "--to", str(to)]) == 0
    assert "Copia escrita" in capsys.readouterr().out and to.exists()
    assert cli_main(["backup", "--db", str(demo_copy), "--to", str(to)]) == 1
    assert "already exists" in capsys.readouterr().err
    con = db.connect(demo_copy)
    original = _data(con)
    _scribble(con)
    con.close()
    assert cli_main(["--lang", "es", "restore", str(to), "--db", str(demo_copy)]) == 0
    out = capsys.readouterr().out
    assert "Restaurada" in out and "-restore.duckdb" in out
    con = db.connect(demo_copy)
    assert _data(con) == original
    con.close()
    assert cli_main(["backup", "--list", "--db", str(demo_copy)]) == 0
    listing = capsys.readouterr().out
    assert "before a restore" in listing and "by hand" in listing and "before an undo" in listing


def test_cli_restores_a_damaged_database_by_replacing_the_file(demo_db, tmp_path, capsys):
    path = tmp_path / "cartera.duckdb"
    path.write_bytes(demo_db.read_bytes()[:100_000])  # truncated
    good = tmp_path / "good.duckdb"
    good.write_bytes(demo_db.read_bytes())
    assert cli_main(["restore", str(good), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "could not be opened" in out and "-damaged.duckdb" in out
    kept = [b for b in backup.list_backups(path) if b.reason == "damaged"]
    assert len(kept) == 1 and kept[0].size == 100_000
    con = db.connect(path)
    ref = db.connect(good)
    assert db.content_hash(con) == db.content_hash(ref)
    con.close()
    ref.close()


def test_cli_restore_while_another_process_holds_the_database(demo_copy, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; from kam_core.store import db; c = db.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)",
            str(demo_copy),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        done = subprocess.run(
            [sys.executable, "-m", "kam_core", "restore", str(demo_copy), "--db", str(demo_copy)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 3 and "in use by another program" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        holder.kill()
        holder.wait()
