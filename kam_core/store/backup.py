"""Backups of the database file: before every destructive operation, daily while the app runs, by
hand (``python -m kam_core backup``); listed and restored from the Settings page and the CLI.

Revenue can be uploaded again; relationship maps, plans and activity cannot. So a copy is taken
before undo, replace, merge, erase and restore (:func:`before`, which other features call), and once
a day on the app's first connection of the day (:func:`daily`), into ``backups/`` next to the
database, kept as long as the retention settings say (``backup_keep_days``, ``backup_keep_count``).

How a backup is taken, and why this way. DuckDB lets one process hold a file read-write and refuses
every other process, even read-only, so the running app's database can only be copied from inside
the app's own process. Two ways exist there: rewrite every table into a new file (``EXPORT
DATABASE`` or ``ATTACH`` + ``COPY FROM DATABASE``), or fold the write-ahead log into the file
(``CHECKPOINT``) and copy the file's bytes. We do the second, holding the one writer's lock
(:func:`kam_core.store.db.write_lock`): with it no write can start in this process, and no other
process can have the file open, so after the checkpoint the file on disk is complete and its byte
copy is exact: schema, indexes, sequences with their next values, every row, with nothing rebuilt
object by object. It is sequential I/O (tens of MB in well under a second). The copy is written
under a temporary name, then opened read-only and read in full (DuckDB checks every block's
checksum) before it gets its final name: a backup that cannot be read is never listed.

Restoring a database that opens: the backup is copied to a temporary file and opened there (which
migrates it if it is older than this Cartera), the current state is backed up (reason
``restore``: this is what makes a restore reversible), and then, in ONE transaction under the
writer's lock, every table is emptied and refilled from the attached copy. The running app keeps
its connection and other sessions simply see the restored data; a failure rolls everything back.
Sequences are only ever moved forward, so ids stay unique. A database that cannot be opened at all
(damaged, truncated) is restored by replacing the file, after the damaged file is kept aside in the
same folder.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from kam_core.common.errors import BackupError, CarteraError, DatabaseFileError, DiskFullError
from kam_core.store import audit, authz, db, settings

FOLDER = "backups"
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<ts>\d{8}T\d{12})Z-(?P<reason>[a-z_]+)\.duckdb$")
_TS_FORMAT = "%Y%m%dT%H%M%S%f"
REASONS = ("manual", "daily", "undo", "replace", "merge", "erase", "restore", "damaged")
_SRC = "cartera_restore_src"  # our own alias for the attached backup (never user text)
# What a restore leaves as it is (issue 12): the audit log only grows (a restore is one more entry
# in it), and who may sign in is not rolled back with the data (nobody is locked out by it).
KEPT_ON_RESTORE = ("audit_log", "users")
_DAILY_DONE: dict[
    str, date
] = {}  # database file -> UTC day of its last daily backup (this process)


@dataclass(frozen=True)
class Backup:
    """One backup file: where, when (UTC) and why."""

    path: Path
    created: datetime
    reason: str
    size: int


def folder(db_file: str | os.PathLike) -> Path:
    """``backups/`` next to the database file."""
    return Path(db_file).resolve().parent / FOLDER


def _parse(path: Path) -> Backup | None:
    m = _NAME_RE.match(path.name)
    if not m:
        return None
    created = datetime.strptime(m.group("ts"), _TS_FORMAT)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return Backup(path=path, created=created, reason=m.group("reason"), size=size)


def list_backups(db_file: str | os.PathLike) -> list[Backup]:
    """The backups of this database, newest first."""
    where = folder(db_file)
    stem = Path(db_file).stem
    if not where.is_dir():
        return []
    found = [_parse(p) for p in where.iterdir() if p.suffix == ".duckdb"]
    found = [b for b in found if b is not None and _NAME_RE.match(b.path.name)["stem"] == stem]
    return sorted(found, key=lambda b: b.created, reverse=True)


def latest(db_file: str | os.PathLike, restorable: bool = True) -> Backup | None:
    """The newest backup (a kept-aside damaged file is not offered for a restore)."""
    for b in list_backups(db_file):
        if not restorable or b.reason != "damaged":
            return b
    return None


def _target_name(db_file: str | os.PathLike, reason: str) -> Path:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    where = folder(db_file)
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if db.is_disk_full(exc):
            raise DiskFullError(path=str(where)) from exc
        raise BackupError("hd.err.backup_write", path=str(where), detail=exc.strerror) from exc
    now = db.utcnow()
    while True:
        path = where / f"{Path(db_file).stem}-{now.strftime(_TS_FORMAT)}Z-{reason}.duckdb"
        if not path.exists():
            return path
        now += timedelta(microseconds=1)


def _copy(src: Path, dst: Path) -> None:
    """Copy bytes; a full disk becomes :class:`DiskFullError` and leaves no partial file."""
    try:
        shutil.copyfile(src, dst)
    except OSError as exc:
        dst.unlink(missing_ok=True)
        if db.is_disk_full(exc):
            raise DiskFullError(path=str(dst)) from exc
        raise BackupError("hd.err.backup_write", path=str(dst), detail=exc.strerror or exc) from exc


def check_file(path: str | os.PathLike) -> None:
    """Open a backup read-only and read every table; raise :class:`BackupError` if it cannot."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=db._CONFIG)
    except duckdb.Error as exc:
        raise BackupError("hd.err.backup_damaged", path=str(path), detail=_first(exc)) from exc
    try:
        if "schema_migrations" not in db.user_tables(con):
            raise BackupError("hd.err.backup_not_cartera", path=str(path))
        db.content_hash(con)
    except duckdb.Error as exc:
        raise BackupError("hd.err.backup_damaged", path=str(path), detail=_first(exc)) from exc
    finally:
        con.close()


def _first(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0][:300]


def make(
    con, reason: str = "manual", to: str | os.PathLike | None = None, user: str | None = None
) -> Path:
    """Back up the database behind ``con`` now; returns the backup's path.

    ``to``: a file of the user's choosing (not pruned); else ``backups/<name>-<UTC>-<reason>``.
    A backup by hand (``manual``) is an admin's (``user``); the others are taken by the system.
    """
    if reason == "manual":
        authz.require(con, user, "backup")
    source = db.file_of(con)
    if not source:
        raise BackupError("hd.err.backup_memory")
    final = Path(to) if to else _target_name(source, reason)
    if to and final.exists():
        raise BackupError("hd.err.backup_exists", path=str(final))
    partial = final.with_name(final.name + ".partial")
    with db.write_lock():
        try:
            con.execute("CHECKPOINT")  # the write-ahead log folded into the file
        except duckdb.Error as exc:
            raise db.domain_error(exc, source) or BackupError(
                "hd.err.backup_write", path=str(final), detail=_first(exc)
            ) from exc
        _copy(Path(source), partial)
    try:
        check_file(partial)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if not to:
        prune(source, settings.get_all(con))
    return final


def before(con_or_path, reason: str) -> Path | None:
    """Back up before a destructive operation (undo, replace, merge, erase, restore).

    Takes the open connection (the usual case) or a database path (opened, backed up, closed).
    In-memory databases have nothing to back up: None. Raises :class:`DiskFullError` or
    :class:`BackupError` when the copy cannot be made; callers then do not go on.
    """
    if isinstance(con_or_path, (str, os.PathLike)):
        path = str(con_or_path)
        if path == ":memory:" or not Path(path).exists():
            return None
        con = db.connect(path)
        try:
            return make(con, reason)
        finally:
            con.close()
    if not db.file_of(con_or_path):
        return None
    return make(con_or_path, reason)


def daily(con) -> Path | None:
    """Once per UTC day per database (the app calls this on every connection; cheap after the
    first): a backup unless one was already made today."""
    source = db.file_of(con)
    if not source:
        return None
    today = db.utcnow().date()
    if _DAILY_DONE.get(source) == today:
        return None
    _DAILY_DONE[source] = today  # tried once a day: a failure is reported, not retried per page
    if any(b.created.date() == today for b in list_backups(source)):
        return None
    return make(con, "daily")


def prune(db_file: str | os.PathLike, values: dict | None = None) -> list[Path]:
    """Delete backups older than ``backup_keep_days`` and beyond the newest ``backup_keep_count``
    (the newest one is always kept); returns what was deleted."""
    values = values or settings.defaults()
    keep_days = int(values.get("backup_keep_days", 30))
    keep_count = max(1, int(values.get("backup_keep_count", 20)))
    cutoff = db.utcnow() - timedelta(days=keep_days)
    removed = []
    for i, b in enumerate(list_backups(db_file)):
        if i == 0:
            continue
        if i >= keep_count or b.created < cutoff:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    return removed


# ----------------------------------------------------------------------------- restore


def _prepared_copy(source: Path, db_file: str) -> Path:
    """The backup copied next to the database and opened there once (migrated if older)."""
    if not source.is_file():
        raise BackupError("hd.err.backup_missing", path=str(source))
    check_file(source)
    tmp = folder(db_file) / f".restoring-{os.getpid()}-{db.utcnow():%Y%m%dT%H%M%S%f}.duckdb"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, tmp)
    try:
        c = db.connect(tmp)
        c.close()
    except DatabaseFileError as exc:
        _remove(tmp)
        raise BackupError(
            "hd.err.backup_damaged", path=str(source), detail=exc.render("en")
        ) from exc
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(path: Path) -> None:
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)


def restore(con, source: str | os.PathLike, user: str | None = None) -> Path | None:
    """Replace the contents of the database behind ``con`` with the backup ``source``, in one
    transaction; returns the backup of the state before (restore it to undo this restore).
    The audit log and the users stay (:data:`KEPT_ON_RESTORE`); the restore is audited."""
    authz.require(con, user, "backup")
    target = db.file_of(con)
    if not target:
        raise BackupError("hd.err.backup_memory")
    tmp = _prepared_copy(Path(source), target)
    try:
        undo = make(con, "restore")
        _replace_contents(con, tmp, user, Path(source).name, undo.name)
    finally:
        _remove(tmp)
    return undo


def _columns(con, catalog: str, table: str) -> list[str]:
    rows = db.query_rows(
        con,
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? "
        "AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
        [catalog, table],
    )
    return [r[0] for r in rows if re.fullmatch(r"[a-z_][a-z0-9_]*", r[0])]


def _replace_contents(con, src_file: Path, user=None, name: str = "", undo: str = "") -> None:
    live = db.scalar(con, "SELECT current_database()")
    with db.write_lock():
        con.execute(f"ATTACH ? AS {_SRC} (READ_ONLY)", [str(src_file)])
        try:
            with db.transaction(con) as cur:
                for table in db.user_tables(con):
                    if table in KEPT_ON_RESTORE:
                        continue
                    cur.execute(f'DELETE FROM "{table}"')
                    src_cols = set(_columns(con, _SRC, table))
                    cols = [c for c in _columns(con, live, table) if c in src_cols]
                    if not cols:
                        continue
                    names = ", ".join(f'"{c}"' for c in cols)
                    cur.execute(
                        f'INSERT INTO "{table}" ({names}) SELECT {names} FROM {_SRC}.main."{table}"'
                    )
                _advance_sequences(cur, live)
                audit.record(
                    cur, user, "restore", "database", name, None, {"backup": name, "undo": undo}
                )
        finally:
            con.execute(f"DETACH {_SRC}")


def _advance_sequences(cur, live: str) -> None:
    """Move each sequence forward to the backup's value when the backup's is ahead (ids stay
    unique); a sequence never goes back."""
    rows = cur.execute(
        "SELECT s.sequence_name, s.last_value, l.last_value FROM duckdb_sequences() s "
        "JOIN duckdb_sequences() l ON l.sequence_name = s.sequence_name "
        "AND l.database_name = ? AND l.schema_name = 'main' "
        "WHERE s.database_name = ? AND s.schema_name = 'main'",
        [live, _SRC],
    ).fetchall()
    for name, src_last, live_last in rows:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or src_last is None:
            continue
        missing = int(src_last) - int(live_last if live_last is not None else 0)
        if missing > 0:
            cur.execute("SELECT max(nextval(?)) FROM range(?)", [name, missing]).fetchall()


def restore_file(db_file: str | os.PathLike, source: str | os.PathLike) -> Path:
    """Restore a database that cannot be opened (damaged): keep the damaged file aside in
    ``backups/`` (reason ``damaged``), then put a verified copy of ``source`` in its place.
    Returns where the damaged file was kept."""
    target = Path(db_file)
    src = Path(source)
    if not src.is_file():
        raise BackupError("hd.err.backup_missing", path=str(src))
    check_file(src)
    kept = _target_name(target, "damaged")
    if target.exists():
        _copy(target, kept)
    staged = target.with_name(f".{target.name}.restoring")
    _copy(src, staged)
    wal = Path(str(target) + ".wal")
    if wal.exists():  # the damaged file's log must never be replayed onto the backup
        _copy(wal, Path(str(kept) + ".wal"))
        wal.unlink()
    os.replace(staged, target)
    try:
        db.connect(target).close()
    except CarteraError as exc:  # pragma: no cover - the copy was checked just before
        raise BackupError("hd.err.backup_damaged", path=str(src), detail=exc.render("en")) from exc
    return kept


def restore_path(
    db_file: str | os.PathLike, source: str | os.PathLike, user: str | None = None
) -> tuple[Path | None, str]:
    """What the CLI and the damaged-database page call: restore in place when the database
    opens (reversible: returns the backup of the state before), else replace the file (returns
    where the damaged file was kept). Returns ``(path, 'restored' | 'replaced')``."""
    try:
        con = db.connect(db_file)
    except DatabaseFileError:
        return restore_file(db_file, source), "replaced"
    try:
        return restore(con, source, user), "restored"
    finally:
        con.close()
