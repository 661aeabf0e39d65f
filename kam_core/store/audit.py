"""Who changed what (issue 12): one audit row per changed thing, inside the change's transaction.

Every write function calls :func:`record` with its own cursor, so the entry and the change commit
or roll back together: the log never claims a change that did not happen, nor misses one that
did. ``before`` / ``after`` hold only the values that changed (a whole row for a creation or a
deletion), as JSON. Rows are only added; a restore keeps them (``store.backup``) and an erasure
anonymises the values that named the erased person (``accounts.privacy``).
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime

import numpy as np
import pandas as pd

from kam_core.store import authz, db

ACTIONS = (
    "create",
    "update",
    "delete",
    "archive",
    "upload",
    "undo",
    "merge",
    "unmerge",
    "dismiss",
    "restore",
    "export",
    "erase",
)


def jsonable(value):
    """A JSON-able copy: dates as ISO text, numpy numbers as Python ones, NaN / NaT as None."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = list(value)
        return [jsonable(v) for v in (sorted(items, key=repr) if isinstance(value, set) else items)]
    if isinstance(value, (pd.Timestamp, datetime)):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        x = float(value)
        return None if math.isnan(x) else (int(x) if x.is_integer() and abs(x) < 2**53 else x)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def to_json(values) -> str | None:
    return (
        None if values is None else json.dumps(jsonable(values), ensure_ascii=False, sort_keys=True)
    )


def diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """The values that differ, on both sides; whole rows when one side is None (create, delete).
    Compared as stored (``None`` = empty, dates as ISO text, 1 = 1.0)."""
    if before is None or after is None:
        return (
            None if before is None else jsonable(before),
            None if after is None else jsonable(after),
        )
    b, a = jsonable(before), jsonable(after)
    keys = [k for k in dict.fromkeys([*b, *a]) if b.get(k) != a.get(k)]
    return {k: b.get(k) for k in keys}, {k: a.get(k) for k in keys}


def record(
    cur,
    user: str | None,
    action: str,
    entity: str,
    key,
    before: dict | None = None,
    after: dict | None = None,
    *,
    account: str | None = None,
) -> None:
    """Add one entry inside the caller's transaction (``cur``). ``entity``: what kind of thing
    (a table name), ``key``: which one, ``account``: the account it belongs to, if any."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    cur.execute(
        "INSERT INTO audit_log (changed_at, actor, action, entity, entity_key, account, "
        "before_values, after_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            db.utcnow(),
            authz.actor(user),
            action,
            entity,
            None if key is None else str(key),
            account,
            to_json(before),
            to_json(after),
        ],
    )


def record_change(
    cur, user, entity: str, key, before: dict | None, after: dict | None, *, account=None
) -> bool:
    """Record a create / update / delete from the row's values before and after (None when it
    did not exist); an update that changes nothing is not recorded. Returns whether it was."""
    action = "create" if before is None else ("delete" if after is None else "update")
    b, a = diff(before, after)
    if action == "update" and not b and not a:
        return False
    record(cur, user, action, entity, key, b, a, account=account)
    return True


# ---------------------------------------------------------------- reads
_COLUMNS = (
    "audit_id, changed_at, actor, action, entity, entity_key, account, before_values, after_values"
)


def entries(
    con,
    *,
    account: str | None = None,
    actor: str | None = None,
    entity: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    text: str | None = None,
    limit: int = 1000,
) -> pd.DataFrame:
    """Audit entries, newest first, filtered (every filter optional; ``until`` inclusive;
    ``text``: case-insensitive, anywhere in the key or the values)."""
    where, params = [], []
    for col, value in (("account", account), ("actor", actor), ("entity", entity)):
        if value:
            where.append(f"{col} = ?")
            params.append(value)
    if action:
        where.append("action = ?")
        params.append(action)
    if since:
        where.append("changed_at >= ?")
        params.append(pd.Timestamp(since).to_pydatetime())
    if until:
        where.append("changed_at < ?")
        params.append((pd.Timestamp(until) + pd.Timedelta(days=1)).to_pydatetime())
    if text:
        where.append(
            "(contains(lower(coalesce(entity_key, '')), ?) OR contains(lower(coalesce("
            "CAST(before_values AS VARCHAR), '')), ?) OR contains(lower(coalesce("
            "CAST(after_values AS VARCHAR), '')), ?))"
        )
        params += [text.lower()] * 3
    sql = f"SELECT {_COLUMNS} FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY audit_id DESC LIMIT ?"
    return db.query_df(con, sql, [*params, int(limit)])


def choices(con) -> dict[str, list[str]]:
    """The actors, entities and actions present in the log (filter options)."""
    out = {}
    for col in ("actor", "entity", "action"):
        out[col] = [
            r[0] for r in db.query_rows(con, f"SELECT DISTINCT {col} FROM audit_log ORDER BY 1")
        ]
    return out


def count(con) -> int:
    return int(db.scalar(con, "SELECT count(*) FROM audit_log") or 0)
