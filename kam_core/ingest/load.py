"""Write prepared files: one transaction per upload, a batch row per file; undo; history.

Replacing (the same file again with ``replace``, or ``replace_period``) moves the old lines to
``revenue_lines_archive`` tagged with the replacing batch, so undoing that batch restores them and the
figures come back exactly. Every check is repeated inside the transaction (another user may have
loaded something since the preview); any failure rolls everything back.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pyarrow as pa

from kam_core.accounts import merge as account_merge
from kam_core.common.errors import CarteraError, DuplicateFileError, UploadError
from kam_core.ingest import mapping as mapping_mod
from kam_core.ingest.limits import ReadLimits, grouped
from kam_core.store import audit, authz, backup, db, rates, settings

LINE_COLUMNS = list(db.REVENUE_LINE_COLUMNS)
_COLS = ", ".join(LINE_COLUMNS)


# ----------------------------------------------------------------------------- reads for prepare


def active_batch_with_sha(con, sha: str) -> int | None:
    return db.scalar(
        con, "SELECT min(batch_id) FROM batches WHERE sha256 = ? AND status = 'active'", [sha]
    )


def loaded_quarters(con, exclude_batches=()) -> set[str]:
    """Quarters with lines in the database, optionally ignoring some batches."""
    rows = db.query_rows(
        con,
        "SELECT DISTINCT quarter FROM revenue_lines WHERE NOT list_contains(?, batch_id)",
        [list(exclude_batches)],
    )
    return {r[0] for r in rows}


def known_accounts(con, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    rows = db.query_rows(
        con, "SELECT account_key FROM accounts WHERE list_contains(?, account_key)", [list(keys)]
    )
    return {r[0] for r in rows}


def apply_aliases(con, lines: pd.DataFrame, roots: dict[str, str] | None = None) -> pd.DataFrame:
    """Lines of an account merged into another land in the survivor (F-IN-5): ``account_key``
    becomes the surviving key and ``source_account_key`` keeps the key the file gave (None when
    the line stays where the file put it). Idempotent: a prepared file is re-resolved at commit.
    When no line moves the lines come back as they are, without a column of None per line
    (commit stores a missing column as NULL): 40 MB less for 5M lines, twice.
    ``roots``: :func:`kam_core.accounts.merge.aliases`, when the caller has it."""
    roots = account_merge.aliases(con) if roots is None else roots
    given = lines["source_account_key"] if "source_account_key" in lines.columns else None
    if given is None or given.isna().all():
        if not roots or not lines["account_key"].isin(list(roots)).any():
            return lines
        given = None
    original = lines["account_key"] if given is None else given.fillna(lines["account_key"])
    original = original.to_numpy(dtype=object)
    moved = pd.Series(original).isin(list(roots)).to_numpy()
    landed = original.copy()
    landed[moved] = [roots[k] for k in original[moved]]
    source = np.full(len(original), None, dtype=object)
    source[moved] = original[moved]
    return lines.assign(account_key=landed, source_account_key=source)


def quarter_revenue(con, quarter: str) -> pd.DataFrame:
    """Per-account net revenue already in the database for one quarter (for the upload diff)."""
    return db.query_df(
        con,
        "SELECT l.account_key, coalesce(a.account_name, l.account_key) AS account_name, "
        "sum(l.amount) AS revenue FROM revenue_lines l LEFT JOIN accounts a USING (account_key) "
        "WHERE l.quarter = ? GROUP BY ALL",
        [quarter],
    )


# ----------------------------------------------------------------------------- commit


def _source_format(p) -> str:
    f = p.source_format
    if f.get("kind") == "csv":
        delim = {"\t": "tab", ",": ",", ";": ";", "|": "|"}.get(f.get("delimiter"), "?")
        return f"csv {f.get('encoding')} {delim} dec{f.get('decimal', '.')}"
    return f"{f.get('kind')} {f.get('sheet') or ''}".strip()


def check(
    con, prepared_list, *, replace=False, replace_period=False, add=False, skip_invalid=False
) -> None:
    """Raise the first reason this upload cannot be committed as asked (nothing is written)."""
    _check_upload_size(con, prepared_list)
    seen = {}
    for p in prepared_list:
        if p.needs_quarter:
            raise UploadError("upload.need_quarter", file=p.file_name)
        if p.rows_rejected and not skip_invalid:
            raise UploadError(
                "upload.has_rejects", file=p.file_name, rejected=p.rows_rejected, valid=p.rows_valid
            )
        if not len(p.lines):
            raise UploadError("upload.no_valid_rows", file=p.file_name)
        if not math.isfinite(float(p.total_amount)):  # every stored figure stays finite
            raise UploadError("hd.upload.total_not_finite", file=p.file_name)
        if p.missing_rates:
            raise UploadError(
                "fx.upload_missing",
                file=p.file_name,
                missing=rates.describe_missing(p.missing_rates),
            )
        if p.sha256 in seen:
            raise DuplicateFileError(
                "upload.same_file_twice", file=p.file_name, other=seen[p.sha256]
            )
        seen[p.sha256] = p.file_name
        dup = active_batch_with_sha(con, p.sha256)
        if dup is not None and not replace:
            raise DuplicateFileError("upload.duplicate", file=p.file_name, batch=dup)
    if not (replace_period or add):
        replaced = {active_batch_with_sha(con, p.sha256) for p in prepared_list} - {None}
        loaded = loaded_quarters(con, replaced if replace else ())
        for p in prepared_list:
            overlap = sorted(set(p.quarters) & loaded)
            if overlap:
                raise UploadError("upload.overlap", file=p.file_name, quarters=", ".join(overlap))


def commit(
    con,
    prepared_list,
    *,
    replace: bool = False,
    replace_period: bool = False,
    skip_invalid: bool = False,
    add: bool = False,
    user: str | None = None,
) -> list[int]:
    """Load every prepared file in ONE transaction; return the new batch ids (in order).

    ``replace``: a file already loaded (same SHA-256) replaces its old batch. ``replace_period``:
    lines of the quarters these files cover are taken out first. ``add``: quarters already loaded
    are accepted as extra lines. ``skip_invalid``: rejected rows are left out (else refused).
    """
    authz.require(con, user, "upload")
    prepared_list = list(prepared_list)
    if not prepared_list:
        return []
    opts = {
        "replace": replace,
        "replace_period": replace_period,
        "add": add,
        "skip_invalid": skip_invalid,
    }
    check(con, prepared_list, **opts)  # fail fast, without waiting for the write lock
    if _destroys(con, prepared_list, replace, replace_period):
        backup.before(con, "replace")  # a copy of the state before, as for every undo (issue 14)
    now = db.utcnow()
    ids = []
    with db.transaction(con) as cur:
        # Checked again under the write lock: two users committing the same file (or the same
        # quarters) at once cannot both pass; the second is refused with its reason.
        check(con, prepared_list, **opts)
        if replace_period:
            quarters = sorted({q for p in prepared_list for q in p.quarters})
        roots = account_merge.aliases(con)
        for p in prepared_list:
            old = cur.execute(
                "SELECT batch_id FROM batches WHERE sha256 = ? AND status = 'active'", [p.sha256]
            ).fetchall()
            quarters_of_file = sorted(set(p.quarters))
            batch_id = cur.execute(
                "INSERT INTO batches (file_name, sha256, rows_loaded, rows_rejected, quarters, "
                "total_amount, mapping, source_format, uploaded_by, uploaded_at, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active') RETURNING batch_id",
                [
                    p.file_name,
                    p.sha256,
                    int(len(p.lines)),
                    int(p.rows_rejected),
                    quarters_of_file,
                    float(p.total_amount),
                    json.dumps(p.mapping, ensure_ascii=False),
                    _source_format(p),
                    user,
                    now,
                ],
            ).fetchall()[0][0]
            ids.append(batch_id)
            audit.record(
                cur,
                user,
                "upload",
                "batches",
                batch_id,
                None,
                {
                    "file_name": p.file_name,
                    "sha256": p.sha256,
                    "rows": int(len(p.lines)),
                    "rows_rejected": int(p.rows_rejected),
                    "quarters": quarters_of_file,
                    "total_amount": float(p.total_amount),
                    "replaces": [o[0] for o in old] if replace else [],
                },
            )
            for (old_id,) in old if replace else []:
                _archive(cur, batch_id, "batch_id = ?", [old_id])
                cur.execute(
                    "UPDATE batches SET status = 'replaced', removed_at = ?, removed_by = ?,"
                    " replaced_by = ? WHERE batch_id = ?",
                    [now, user, batch_id, old_id],
                )
            lines = apply_aliases(con, p.lines, roots)  # merged names land in the survivor
            _insert_accounts(cur, lines, batch_id, now)
            # A field the file does not have may be left out of the lines: stored as NULL.
            columns = [c for c in LINE_COLUMNS if c == "batch_id" or c in lines.columns]
            cur.register("_ingest_lines", _as_arrow(lines.assign(batch_id=batch_id)[columns]))
            cur.execute(db.copy_lines_sql("_ingest_lines", columns))
            cur.unregister("_ingest_lines")
            # The rates of this moment (one may have changed since the preview); a currency
            # still without a rate for a quarter refuses the whole upload.
            _convert(cur, p, batch_id)
            mapping_mod.remember(cur, p.columns, p.mapping)
        if replace_period:
            first = ids[0]
            _archive(
                cur,
                first,
                "list_contains(?, quarter) AND NOT list_contains(?, batch_id)",
                [quarters, ids],
            )
            # Batches left without any line were wholly replaced.
            cur.execute(
                "UPDATE batches SET status = 'replaced', removed_at = ?, removed_by = ?, "
                "replaced_by = ? WHERE status = 'active' AND NOT list_contains(?, batch_id) AND "
                "batch_id NOT IN (SELECT DISTINCT batch_id FROM revenue_lines)",
                [now, user, first, ids],
            )
        db.bump_data_version(cur)
    return ids


def _check_upload_size(con, prepared_list) -> None:
    """The upload's limits over all its files (each file was held to them while it was read; a
    caller that read files without the upload's running total is still held to them here)."""
    values = settings.get_all(con) if con is not None else settings.defaults()
    limits = ReadLimits.from_settings(values)
    rows = cells = 0
    for p in prepared_list:
        rows += p.rows_total
        cells += p.rows_total * max(1, len(p.columns))
        if rows > limits.upload_rows:
            raise UploadError(
                "hd.upload.upload_rows", file=p.file_name, limit=grouped(limits.upload_rows)
            )
        if cells > limits.upload_cells:
            raise UploadError(
                "hd.upload.upload_cells", file=p.file_name, limit=grouped(limits.upload_cells)
            )


def _destroys(con, prepared_list, replace: bool, replace_period: bool) -> bool:
    """True when this commit takes lines out (a replace that finds its earlier upload, or a
    replace-period over quarters already loaded): then a backup is made first."""
    if replace and any(active_batch_with_sha(con, p.sha256) is not None for p in prepared_list):
        return True
    quarters = {q for p in prepared_list for q in p.quarters}
    return bool(replace_period and quarters & loaded_quarters(con))


def _convert(cur, p, batch_id: int) -> None:
    """Convert a new batch's lines at today's rates, inside the commit (no-op in one currency)."""
    base = rates.reporting_currency(cur)
    if set(p.by_currency or {base: 0}) == {base}:
        return
    try:
        rates.convert_lines(cur, base, batch_id)
    except CarteraError as exc:
        raise UploadError("fx.upload_missing", file=p.file_name, **exc.params) from None


ROW_GROUP = 122_880  # DuckDB's row group: one Arrow batch each lets both cores write


def _as_arrow(frame: pd.DataFrame):
    """The frame as an Arrow stream of row-group-sized batches, converted one slice at a time
    while DuckDB inserts them (in order): DuckDB scans Arrow faster than pandas objects, and the
    lines are never held twice whole (a 5M-line file's full Arrow copy was ~0.45 GB more peak
    memory, bench/bench_ingest.py). The frame itself if Arrow cannot type a column."""
    schema = _arrow_schema(frame)
    if schema is None:
        return frame
    try:
        first = _arrow_slice(frame, 0, schema)
    except (pa.ArrowException, TypeError, ValueError):
        return frame

    def batches():
        yield from first
        for start in range(ROW_GROUP, len(frame), ROW_GROUP):
            yield from _arrow_slice(frame, start, schema)

    return pa.RecordBatchReader.from_batches(schema, batches())


def _arrow_slice(frame: pd.DataFrame, start: int, schema) -> list:
    part = frame.iloc[start : start + ROW_GROUP]
    table = pa.Table.from_pandas(part, schema=schema, preserve_index=False)
    return table.combine_chunks().to_batches()


def _arrow_schema(frame: pd.DataFrame):
    """Every column's Arrow type, decided over the whole frame before the first slice (a slice's
    own guess could differ: text columns empty in the first rows only); None when a column holds
    something other than text, numbers or dates (then the frame goes to DuckDB as it is)."""
    try:
        schema = pa.Schema.from_pandas(frame.head(0), preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    for i, name in enumerate(frame.columns):
        if frame[name].dtype != object:
            continue
        if pd.api.types.infer_dtype(frame[name], skipna=True) not in ("string", "empty"):
            return None
        schema = schema.set(i, pa.field(name, pa.large_string()))
    return schema


def _archive(cur, by_batch: int, where: str, params: list) -> None:
    """Move matching revenue lines to the archive, tagged with the batch that replaced them."""
    cur.execute(
        f"INSERT INTO revenue_lines_archive (archived_by, {_COLS}) "
        f"SELECT ?, {_COLS} FROM revenue_lines WHERE {where}",
        [by_batch, *params],
    )
    cur.execute(f"DELETE FROM revenue_lines WHERE {where}", params)


def _insert_accounts(cur, lines: pd.DataFrame, batch_id: int, now) -> None:
    """New account keys only; a known account keeps its name (merges are a separate feature)."""
    acc = lines[["account_key", "account_name", "account_id"]].drop_duplicates(
        "account_key", keep="first"
    )
    cur.register("_ingest_accounts", acc)
    cur.execute(
        "INSERT INTO accounts (account_key, account_name, account_id, first_batch, created_at) "
        "SELECT account_key, coalesce(account_name, account_key), account_id, ?, ? "
        "FROM _ingest_accounts WHERE account_key NOT IN (SELECT account_key FROM accounts)",
        [batch_id, now],
    )
    cur.unregister("_ingest_accounts")


# ----------------------------------------------------------------------------- undo, history


def undo_batch(con, batch_id: int, user: str | None = None) -> None:
    """Remove a batch's lines and give back what it replaced; history keeps it as 'removed'.
    The database is backed up first (reason ``undo``)."""
    authz.require(con, user, "upload")
    status = db.scalar(con, "SELECT status FROM batches WHERE batch_id = ?", [batch_id])
    if status is None:
        raise UploadError("upload.no_batch", batch=batch_id)
    if status != "active":
        raise UploadError("upload.batch_not_active", batch=batch_id)
    backup.before(con, "undo")
    now = db.utcnow()
    with db.transaction(con) as cur:
        if (
            cur.execute("SELECT status FROM batches WHERE batch_id = ?", [batch_id]).fetchall()[0][
                0
            ]
            != "active"
        ):
            raise UploadError("upload.batch_not_active", batch=batch_id)
        cur.execute("DELETE FROM revenue_lines WHERE batch_id = ?", [batch_id])
        cur.execute("DELETE FROM revenue_lines_archive WHERE batch_id = ?", [batch_id])
        # Lines this batch replaced come back, and so do the batches they belong to.
        cur.execute(
            f"INSERT INTO revenue_lines ({_COLS}) SELECT {_COLS} FROM "
            "revenue_lines_archive WHERE archived_by = ?",
            [batch_id],
        )
        cur.execute("DELETE FROM revenue_lines_archive WHERE archived_by = ?", [batch_id])
        cur.execute(
            "UPDATE batches SET status = 'active', removed_at = NULL, removed_by = NULL, "
            "replaced_by = NULL WHERE replaced_by = ? AND status = 'replaced'",
            [batch_id],
        )
        cur.execute(
            "UPDATE batches SET status = 'removed', removed_at = ?, removed_by = ? "
            "WHERE batch_id = ?",
            [now, user, batch_id],
        )
        audit.record(
            cur, user, "undo", "batches", batch_id, {"status": "active"}, {"status": "removed"}
        )
        # Accounts this batch introduced and that no line uses any more go too.
        cur.execute(
            "DELETE FROM accounts WHERE first_batch = ? "
            "AND account_key NOT IN (SELECT account_key FROM revenue_lines) "
            "AND account_key NOT IN (SELECT account_key FROM revenue_lines_archive)",
            [batch_id],
        )
        db.bump_data_version(cur)


def batch_history(con) -> pd.DataFrame:
    """Every upload, newest first, with the lines it has in the database now."""
    return db.query_df(
        con,
        """
        SELECT b.batch_id, b.file_name, b.uploaded_at, b.uploaded_by, b.rows_loaded,
               b.rows_rejected, b.quarters, b.total_amount, b.status, b.removed_at, b.removed_by,
               b.replaced_by, b.source_format, b.sha256,
               coalesce(n.lines_now, 0) AS lines_now
        FROM batches b
        LEFT JOIN (SELECT batch_id, count(*) AS lines_now FROM revenue_lines GROUP BY batch_id) n
               USING (batch_id)
        ORDER BY b.batch_id DESC
        """,
    )
