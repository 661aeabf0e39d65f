"""The one way an editable table (st.data_editor) is saved: diff, validate all, write in one go.

Rows with an id are updates of stored rows, rows without an id are new, blank new rows (the editor
adds one at the bottom) are ignored, and, where the table allows it, stored rows missing from the
edit are deleted. Every row is validated BEFORE anything is written, so a bad row 7 leaves rows
1-6 unsaved too, and the error names the row ("Row 7: ..."). Used by the account plan tables and
the relationship map's contact table; anything else editable as a table should use it too.
Those editors save every change as it is made (:func:`edited_frame` rebuilds the edited table
from the editor's state in its ``on_change`` callback, ``kam_core.ui.table_editor``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from kam_core.common.errors import ValidationError
from kam_core.common.fields import FieldError
from kam_core.store import audit


@dataclass
class TableChanges:
    inserts: list[dict] = field(default_factory=list)
    updates: list[tuple[int, dict]] = field(default_factory=list)
    deletes: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.inserts) + len(self.updates) + len(self.deletes)


def _missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def same_value(old, new) -> bool:
    """Stored value vs edited value, ignoring representation (NaN/None, Timestamp/date, 1/1.0)."""
    if _missing(old) or _missing(new):
        return _missing(old) and _missing(new)
    if isinstance(new, date) and not isinstance(new, datetime):
        return pd.Timestamp(old).date() == new
    if isinstance(new, (int, float)) and not isinstance(new, bool):
        try:
            return math.isclose(float(old), float(new), rel_tol=0, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    return old == new


def edited_frame(base: pd.DataFrame, state: Mapping | None) -> pd.DataFrame:
    """The rows an ``st.data_editor`` holds: ``base`` (the frame it was given) with its edit state.

    ``state`` is the editor's value in ``st.session_state``: ``edited_rows`` (row position ->
    column -> value), ``deleted_rows`` (positions) and ``added_rows`` (new rows, appended in
    order). Positions are those of ``base``, which is what the editor counts from. Values stay
    as the browser sent them (text, numbers, ISO dates); the caller's ``clean`` parses them.
    Columns ``base`` does not have (the hidden index) are ignored. Row order is the screen's,
    so "Row 3" in a message is the third row the user sees.
    """
    state = state or {}
    cols = list(base.columns)
    rows = base.to_dict("records")
    for pos, changes in (state.get("edited_rows") or {}).items():
        p = int(pos)
        if 0 <= p < len(rows):
            rows[p].update({c: v for c, v in changes.items() if c in cols})
    gone = {int(p) for p in state.get("deleted_rows") or ()}
    out = [r for i, r in enumerate(rows) if i not in gone]
    for added in state.get("added_rows") or ():
        out.append({c: added.get(c) for c in cols})
    return pd.DataFrame(out, columns=cols)


def diff_rows(
    rows: pd.DataFrame,
    stored: pd.DataFrame,
    id_col: str,
    fields: Sequence[str],
    clean: Callable[[dict], dict],
    *,
    unknown_key: str,
    allow_delete: bool,
) -> TableChanges:
    """What the edited ``rows`` change in ``stored`` (both frames with ``id_col``).

    ``clean(row) -> dict`` validates one row (raising :class:`FieldError`); its message is wrapped
    as "Row i: ...". An id that is not among the stored rows raises ``unknown_key`` (a stale page).
    """
    by_id = stored.set_index(id_col) if not stored.empty else pd.DataFrame()
    known = {int(i) for i in stored[id_col]} if not stored.empty else set()
    out = TableChanges()
    kept = set()
    for i, row in enumerate(rows.to_dict("records"), start=1):
        rid = row.get(id_col)
        rid = None if _missing(rid) else int(rid)
        if rid is None and all(_missing(row.get(f)) for f in fields):
            continue  # the empty row the editor offers for adding
        if rid is not None and rid not in known:
            raise ValidationError(unknown_key)
        try:
            values = clean(row)
        except FieldError as exc:
            raise FieldError("err.acc.row", row=i, detail_key=exc.key, **exc.params) from None
        if rid is None:
            out.inserts.append(values)
            continue
        kept.add(rid)
        old = by_id.loc[rid]
        if not all(same_value(old[f], values[f]) for f in fields):
            out.updates.append((rid, values))
    if allow_delete:
        out.deletes = sorted(known - kept)
    return out


def apply(
    cur,
    table: str,
    id_col: str,
    fields: Sequence[str],
    changes: TableChanges,
    scope: dict,
    user: str | None,
    now,
) -> list[int]:
    """Write ``changes`` (returns the ids of the inserted rows) inside the caller's transaction. ``table``, ``id_col``, ``fields`` and the
    ``scope`` column names (e.g. account_key, plan_year) come from the caller's fixed lists; every
    value is a parameter. Updates and deletes are confined to the scope, so a crafted id of
    another account changes nothing. Every row changed is audited (``store.audit``, entity =
    the table, key = the row's id) in the same transaction."""
    scope_cols, scope_vals = list(scope), list(scope.values())
    where_scope = "".join(f" AND {c} = ?" for c in scope_cols)
    account = scope.get("account_key")

    def stored(rid) -> dict | None:
        got = cur.execute(
            f"SELECT {', '.join(fields)} FROM {table} WHERE {id_col} = ?{where_scope}",
            [rid, *scope_vals],
        ).fetchall()
        return dict(zip(fields, got[0])) if got else None

    for rid in changes.deletes:
        before = stored(rid)
        cur.execute(f"DELETE FROM {table} WHERE {id_col} = ?{where_scope}", [rid, *scope_vals])
        if before is not None:
            audit.record_change(cur, user, table, rid, before, None, account=account)
    sets = ", ".join(f"{f} = ?" for f in fields)
    for rid, v in changes.updates:
        before = stored(rid)
        cur.execute(
            f"UPDATE {table} SET {sets}, updated_by = ?, updated_at = ? "
            f"WHERE {id_col} = ?{where_scope}",
            [v[f] for f in fields] + [user, now, rid, *scope_vals],
        )
        if before is not None:
            audit.record_change(cur, user, table, rid, before, stored(rid), account=account)
    cols = scope_cols + list(fields) + ["updated_by", "updated_at"]
    marks = ", ".join("?" * len(cols))
    new_ids = []
    for v in changes.inserts:
        new_ids.append(
            cur.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks}) RETURNING {id_col}",
                scope_vals + [v[f] for f in fields] + [user, now],
            ).fetchall()[0][0]
        )
        audit.record_change(
            cur, user, table, new_ids[-1], None, stored(new_ids[-1]), account=account
        )
    return new_ids
