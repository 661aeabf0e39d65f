"""Issue 14: clear words when the database file or the disk fails, in both languages, from the
core and from the command line (an exit code, never a traceback); nothing is written.

Disk full is tried for real on a small tmpfs when this process may mount one (root), and by a
fault-injected ``ENOSPC`` on the write path everywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import duckdb
import pytest

from kam_core.cli import main as cli_main
from kam_core.common.errors import (
    DatabaseDamagedError,
    DatabaseUnreadableError,
    DiskFullError,
    SchemaTooNewError,
)
from kam_core.ingest import load
from kam_core.store import backup, db

ROOT = Path(__file__).resolve().parents[2]


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kam_core", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def truncated(demo_db, tmp_path) -> Path:
    path = tmp_path / "truncated.duckdb"
    data = demo_db.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# ----------------------------------------------------------------------------- damaged file


def test_truncated_database_refused_with_words(truncated):
    with pytest.raises(DatabaseDamagedError) as err:
        db.connect(truncated)
    en, es = err.value.render("en"), err.value.render("es")
    assert str(truncated) in en and "damaged or incomplete" in en and "restore" in en.lower()
    assert "dañado o incompleto" in es and "kam_core restore" in es


def test_garbage_and_empty_files_are_damaged(tmp_path):
    for name, content in (("garbage", os.urandom(300_000)), ("empty", b"")):
        path = tmp_path / f"{name}.duckdb"
        path.write_bytes(content)
        with pytest.raises(DatabaseDamagedError):
            db.connect(path)


def test_corrupted_block_found_by_verify(demo_db, tmp_path):
    """A damaged block in the middle opens fine; reading every table (as the app does once per
    server start) finds it."""
    path = tmp_path / "mid.duckdb"
    data = bytearray(demo_db.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 65_536] = os.urandom(65_536)
    path.write_bytes(bytes(data))
    con = db.connect(path)
    with pytest.raises(DatabaseDamagedError) as err:
        db.verify(con)
    con.close()
    assert "checksum" in err.value.render("en")


@pytest.mark.parametrize(
    "lang, words", [("en", "is damaged or incomplete"), ("es", "está dañado o incompleto")]
)
def test_cli_on_a_damaged_database_exits_4_without_traceback(truncated, lang, words):
    done = _run_cli("--lang", lang, "report", "--db", str(truncated))
    assert done.returncode == 4
    assert words in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_truncated_file_left_as_it_was(truncated):
    before = truncated.read_bytes()
    _run_cli("report", "--db", str(truncated))
    assert truncated.read_bytes() == before


# ----------------------------------------------------------------------------- not readable


def test_a_folder_in_place_of_the_file_is_unreadable(tmp_path):
    path = tmp_path / "folder.duckdb"
    path.mkdir()
    with pytest.raises(DatabaseUnreadableError) as err:
        db.connect(path)
    assert "Is a directory" in err.value.render("en")
    assert "No se puede abrir" in err.value.render("es")
    done = _run_cli("--lang", "es", "report", "--db", str(path))
    assert done.returncode == 4 and "No se puede abrir" in done.stderr
    assert "Traceback" not in done.stderr


def test_permission_denied_is_unreadable(tmp_path, monkeypatch, capsys):
    """Tests run as root, whom file modes do not stop: the operating system's refusal is
    injected where DuckDB reports it."""

    def refuse(path, *a, **k):
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')

    monkeypatch.setattr(db.duckdb, "connect", refuse)
    path = tmp_path / "locked-out.duckdb"
    assert cli_main(["--lang", "es", "report", "--db", str(path)]) == 4
    err = capsys.readouterr().err
    assert "No se puede abrir" in err and "Permission denied" in err


# ----------------------------------------------------------------------------- newer schema


def test_database_from_a_newer_cartera_is_not_touched(demo_copy):
    con = db.connect(demo_copy)
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO schema_migrations VALUES ('9990', 'from_the_future', now())")
    before = db.content_hash(con)
    con.close()
    with pytest.raises(SchemaTooNewError) as err:
        db.connect(demo_copy)
    assert "9990" in err.value.render("en") and "versión más reciente" in err.value.render("es")
    done = _run_cli("report", "--db", str(demo_copy))
    assert done.returncode == 4 and "newer version of Cartera" in done.stderr
    con = db.connect(demo_copy, migrate_schema=False)
    assert db.content_hash(con) == before
    con.close()


# ----------------------------------------------------------------------------- disk full


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MB tmpfs (needs root); skipped where mounting is not allowed."""
    where = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(where: Path, leave: int) -> Path:
    """Fill the tmpfs until about ``leave`` bytes are free."""
    filler = where / "filler.bin"
    free = shutil.disk_usage(where).free
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def _lines_csv(path: Path, n: int) -> None:
    with open(path, "w") as f:
        f.write("Customer,Order Date,Sales,Product\n")
        for i in range(n):
            f.write(f"Customer {i % 3000},2025-0{1 + i % 9}-1{i % 10},{i % 997}.5,P{i}\n")


@pytest.mark.parametrize("lang, words", [("en", "The disk is full"), ("es", "El disco está lleno")])
def test_real_full_disk_during_ingest(small_disk, tmp_path, lang, words, capsys):
    dbf = small_disk / "full.duckdb"
    con = db.connect(dbf)
    before = db.table_snapshot(con)
    con.close()
    csv_path = tmp_path / "lines.csv"
    _lines_csv(csv_path, 120_000)
    filler = _fill(small_disk, 256 * 1024)
    code = cli_main(["--lang", lang, "ingest", str(csv_path), "--db", str(dbf)])
    err = capsys.readouterr().err
    assert code in (1, 5)
    assert words in err and "Traceback" not in err
    filler.unlink()
    con = db.connect(dbf)
    assert db.table_snapshot(con) == before
    con.close()


def test_fault_injected_full_disk_inside_the_commit(tmp_path, monkeypatch, capsys):
    """``ENOSPC`` raised by the write itself (whatever the file system): the transaction is
    rolled back and the CLI says why."""

    def no_space(frame):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(load, "_as_arrow", no_space)
    csv_path = tmp_path / "lines.csv"
    _lines_csv(csv_path, 200)
    dbf = tmp_path / "f.duckdb"
    con = db.connect(dbf)
    before = db.content_hash(con)
    con.close()
    assert cli_main(["--lang", "es", "ingest", str(csv_path), "--db", str(dbf)]) == 1
    err = capsys.readouterr().err
    assert "El disco está lleno" in err and "No se ha escrito nada" in err
    con = db.connect(dbf)
    assert db.content_hash(con) == before
    con.close()


def test_fault_injected_full_disk_during_a_backup_stops_the_undo(demo_copy, monkeypatch):
    con = db.connect(demo_copy)
    batch = db.scalar(con, "SELECT min(batch_id) FROM batches WHERE status = 'active'")
    before = db.content_hash(con)

    def no_space(src, dst):
        Path(dst).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.shutil, "copyfile", no_space)
    with pytest.raises(DiskFullError) as err:
        load.undo_batch(con, batch)
    assert "nothing was written" in err.value.render("en")
    assert db.content_hash(con) == before
    assert not list(backup.folder(demo_copy).glob("*.partial"))
    con.close()


def test_domain_error_knows_duckdb_words():
    full = duckdb.TransactionException(
        'TransactionContext Error: Failed to commit: Could not write file "x.wal": '
        "No space left on device"
    )
    assert isinstance(db.domain_error(full, "x"), DiskFullError)
    assert db.domain_error(ValueError("something else")) is None
