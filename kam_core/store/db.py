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

from kam_core.common.errors import DatabaseLockedError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "cartera.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# DuckDB allows one read-write process per file and, inside it, one writer at a time is the
# simplest correct rule: every write in this process goes through this lock (Datasette's
# single-writer pattern). Readers use their own cursors and never wait for it.
_WRITE_LOCK = threading.RLock()

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

    Raises :class:`DatabaseLockedError` when another process holds the file.
    """
    target = db_path(path)
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target, config=_CONFIG)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            pid = re.search(r"PID (\d+)", msg)
            raise DatabaseLockedError(path=target, pid=pid.group(1) if pid else "?") from exc
        raise
    if migrate_schema:
        migrate(con)
    return con


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


@contextmanager
def transaction(con) -> Iterator[Any]:
    """One write = one transaction: yields a cursor; commits on success, rolls back on any error."""
    with _WRITE_LOCK:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            cur.close()
            raise
        cur.execute("COMMIT")
        cur.close()


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
