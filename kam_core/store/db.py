"""The one module that talks to DuckDB: connections, migrations, transactions, queries.

Other modules keep their SQL as text and run it through :func:`query_df`, :func:`query_rows`,
:func:`scalar` or a :func:`transaction` cursor, always with parameters (never formatted values).
"""

from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pandas as pd

from kam_core.common.errors import (
    CarteraError,
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseUnreadableError,
    DiskFullError,
    SchemaTooNewError,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "cartera.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# DuckDB allows one read-write process per file and, inside it, one writer at a time is the
# simplest correct rule: every write in this process goes through this lock (Datasette's
# single-writer pattern). Readers use their own cursors and never wait for it.
_WRITE_LOCK = threading.RLock()

# Writes committed by this process. Only one process can hold a database file read-write, so
# while the app runs every change to its file passes through transaction() here: a count that
# has not moved means nothing changed, and the UI's caches use it as part of their key.
_WRITES = 0

_CONFIG = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def db_path(explicit: str | os.PathLike | None = None) -> str:
    """``--db`` if given, else ``$CARTERA_DB``, else ``data/cartera.duckdb``."""
    if explicit:
        return str(explicit)
    env = os.environ.get("CARTERA_DB")
    return env if env else str(DEFAULT_DB)


# The columns of revenue_lines (and revenue_lines_archive), declared once: intake, the demo and the
# benchmarks insert through copy_lines_sql, and tests/unit/test_db.py checks it against the schema.
REVENUE_LINE_COLUMNS = (
    "batch_id",
    "source_row",
    "account_key",
    "line_date",
    "quarter",
    "amount",
    "quantity",
    "unit_price",
    "invoice",
    "product",
    "product_line",
    "region",
    "country",
    "segment",
    "kam",
    "margin",
    "currency",
    "amount_original",  # in ``currency``; ``amount`` = amount_original x fx_rate (0050_currencies)
    "fx_rate",
    "source_account_key",  # the key the file gave, when a merge moved the line (0040_account_merges)
)


def copy_lines_sql(source: str, columns=REVENUE_LINE_COLUMNS, table: str = "revenue_lines") -> str:
    """``INSERT INTO <table> (cols) SELECT cols FROM <source>`` for a registered frame or table.

    ``source``/``table`` are our own identifiers (never user text); columns must be line columns.
    """
    unknown = [c for c in columns if c not in REVENUE_LINE_COLUMNS]
    if unknown or table not in ("revenue_lines", "revenue_lines_archive"):
        raise ValueError(f"not revenue line columns: {unknown or table}")
    cols = ", ".join(columns)
    return f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {source}"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def connect(path: str | os.PathLike | None = None, *, migrate_schema: bool = True):
    """Open (creating if needed) the database and bring its schema up to date.

    Raises :class:`DatabaseLockedError` when another process holds the file, and a
    :class:`~kam_core.common.errors.DatabaseFileError` (damaged or truncated, unreadable, newer
    schema) or :class:`DiskFullError` instead of DuckDB's own exception, so every front end says
    what happened in the user's language and what to do (restore a backup).
    """
    target = db_path(path)
    if target != ":memory:":
        try:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _os_error(exc, target) from exc
    try:
        con = duckdb.connect(target, config=_CONFIG)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "set lock" in msg.lower() or "conflicting lock" in msg.lower():
            pid = re.search(r"PID (\d+)", msg)
            raise DatabaseLockedError(path=target, pid=pid.group(1) if pid else "?") from exc
        _reraise(exc, target)
    except duckdb.Error as exc:
        _reraise(exc, target)
    try:
        _check_not_truncated(con, target)
        if migrate_schema:
            migrate(con)
    except (CarteraError, duckdb.Error) as exc:
        con.close()
        if isinstance(exc, CarteraError):
            raise
        _reraise(exc, target)
    return con


# Database failures above the store layer are caught as ``db.Error`` (only store imports duckdb).
Error = duckdb.Error

_DAMAGED = (
    "not a valid duckdb database file",
    "could not read enough bytes",
    "corrupt database file",
    "does not match stored checksum",
    "failed to read database header",
    "invalid block",
    "serialization error",
)
_UNREADABLE = ("permission denied", "is a directory", "read-only file system", "cannot open file")
_NO_SPACE = ("no space left on device", "disk quota exceeded", "disk is full")


def is_disk_full(exc: BaseException) -> bool:
    """DuckDB's or the OS's way of saying the disk is full (ENOSPC, EDQUOT)."""
    if isinstance(exc, OSError) and exc.errno in (28, 122):
        return True
    return any(m in str(exc).lower() for m in _NO_SPACE)


def domain_error(exc: BaseException, path: str | None = None) -> CarteraError | None:
    """The domain error for a DuckDB or OS failure on the database file, None if it is none of
    the known kinds (then it is a bug and surfaces as it is)."""
    msg = str(exc)
    low = msg.lower()
    path = str(path or "")
    if is_disk_full(exc):
        return DiskFullError(path=path)
    if any(m in low for m in _DAMAGED):
        return DatabaseDamagedError(path=path, detail=msg.splitlines()[0][:300])
    if any(m in low for m in _UNREADABLE):
        return DatabaseUnreadableError(path=path, detail=msg.splitlines()[0][:300])
    return None


def _reraise(exc: BaseException, path: str | None) -> None:
    """Raise the domain error for ``exc`` (chained to it), else ``exc`` itself."""
    err = domain_error(exc, path)
    if err is None:
        raise exc
    raise err from exc


def _os_error(exc: OSError, path: str) -> CarteraError:
    return domain_error(exc, path) or DatabaseUnreadableError(
        path=path, detail=exc.strerror or str(exc)
    )


_HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers


def _check_not_truncated(con, path: str) -> None:
    """A file shorter than the blocks its header lists was truncated (a copy cut short, a full
    disk during a copy): DuckDB opens it and fails later, on some page. Refused here instead."""
    if path == ":memory:" or not Path(path).is_file():
        return
    rows = con.execute(
        "SELECT block_size, used_blocks FROM pragma_database_size() "
        "WHERE database_name = current_database()"
    ).fetchall()
    if not rows:
        return
    # Free blocks at the end may be cut off by DuckDB itself; blocks in use never are.
    needed = _HEADER_BYTES + int(rows[0][0]) * int(rows[0][1])
    size = Path(path).stat().st_size
    if size < needed:
        raise DatabaseDamagedError(path=path, detail=f"{size} < {needed} bytes")


def file_of(con) -> str | None:
    """The file behind a connection, None for an in-memory database."""
    rows = query_rows(
        con, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    )
    return rows[0][0] if rows and rows[0][0] else None


def write_lock() -> threading.RLock:
    """The one writer's lock (for work that must see no write half-done, such as a backup)."""
    return _WRITE_LOCK


def user_tables(con) -> list[str]:
    """The base tables of the main schema, by name (identifiers from the catalogue only)."""
    rows = query_rows(
        con,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' AND table_catalog = current_database() "
        "ORDER BY table_name",
    )
    return [r[0] for r in rows if re.fullmatch(r"[a-z_][a-z0-9_]*", r[0])]


def content_hash(con, tables: Sequence[str] | None = None) -> dict[str, tuple[int, int]]:
    """``{table: (rows, order-independent sum of row hashes)}``: reads every block of every table,
    so it also proves the file readable (DuckDB checks each block's checksum)."""
    out = {}
    for name in tables or user_tables(con):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            continue
        n, h = query_rows(con, f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{name}" t')[0]
        out[name] = (int(n), int(h))
    return out


def verify(con, path: str | None = None) -> None:
    """Read every table once; a damaged block raises :class:`DatabaseDamagedError`."""
    try:
        content_hash(con)
    except duckdb.Error as exc:
        _reraise(exc, path or file_of(con))


def migrations() -> list[tuple[str, str, Path]]:
    """All migration files as ``(version, name, path)``, in order."""
    found = []
    for p in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = _MIGRATION_RE.match(p.name)
        if m:
            found.append((m.group(1), m.group(2), p))
    return found


def migrate(con) -> list[str]:
    """Apply every migration not yet recorded in ``schema_migrations``; return the applied versions."""
    with _WRITE_LOCK:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
        _refuse_newer(con, done)
        applied = []
        for version, name, path in migrations():
            if version in done:
                continue
            cur = con.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                cur.execute(path.read_text(encoding="utf-8"))
                cur.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, utcnow()]
                )
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()
            applied.append(version)
        return applied


def _refuse_newer(con, done: set[str]) -> None:
    """A file migrated by a newer Cartera (versions past ours) is not touched: say so."""
    known = [v for v, _, _ in migrations()]
    newer = sorted(v for v in done if known and v not in known and v > known[-1])
    if newer:
        raise SchemaTooNewError(path=file_of(con) or ":memory:", version=newer[-1], known=known[-1])


@contextmanager
def transaction(con) -> Iterator[Any]:
    """One write = one transaction: yields a cursor; commits on success, rolls back on any error."""
    with _WRITE_LOCK:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException as exc:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed commit or a full disk may have ended the transaction already
            cur.close()
            if is_disk_full(exc):  # nothing was written: say why, in the user's words
                raise DiskFullError(path=file_of(con) or "") from exc
            raise
        try:
            cur.execute("COMMIT")
        except duckdb.Error as exc:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass
            if is_disk_full(exc):
                raise DiskFullError(path=file_of(con) or "") from exc
            raise
        finally:
            cur.close()
        note_write()


def note_write() -> None:
    """Count one committed write (transaction() does; call it after any write made otherwise)."""
    global _WRITES
    with _WRITE_LOCK:
        _WRITES += 1


def write_count() -> int:
    """Writes committed by this process so far (see ``_WRITES``): a cheap cache key, no query."""
    return _WRITES


def bump_data_version(cur) -> None:
    """Inside a transaction that changed revenue data: invalidates cached figures."""
    cur.execute(
        "UPDATE app_state SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
        "WHERE key = 'data_version'"
    )


def data_version(con) -> int:
    return int(scalar(con, "SELECT value FROM app_state WHERE key = 'data_version'") or 0)


def query_df(con, sql: str, params: Sequence | dict | None = None) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()


def query_rows(con, sql: str, params: Sequence | dict | None = None) -> list[tuple]:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()


def scalar(con, sql: str, params: Sequence | dict | None = None):
    rows = query_rows(con, sql, params)
    return rows[0][0] if rows else None


def register_df(cur, name: str, df: pd.DataFrame) -> None:
    """Expose a DataFrame to SQL on this cursor (for bulk inserts inside a transaction)."""
    cur.register(name, df)


def table_snapshot(con, tables: Sequence[str] | None = None) -> dict[str, list[tuple]]:
    """Every row of every user table, sorted: lets tests assert 'the database is unchanged'."""
    names = tables or [
        r[0]
        for r in query_rows(
            con,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' ORDER BY table_name",
        )
    ]
    snap = {}
    for name in names:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            continue  # identifiers only from the catalogue, never user text
        rows = query_rows(con, f'SELECT * FROM "{name}"')
        snap[name] = sorted(rows, key=repr)
    return snap
