"""Currencies (F-IN-10): the reporting currency, exchange rates per currency and quarter, and the
conversion of stored lines.

A rate is the number of units of the reporting currency one unit of ``currency`` is worth in a
quarter (``USD``, ``2024-Q1``, ``0.92`` with EUR reporting). Rates are kept per reporting currency
(``base_currency``), so switching the reporting currency and back finds the earlier rates again.

Every line keeps its ``currency`` and ``amount_original``; ``amount`` (what every figure reads) is
``amount_original x fx_rate``. Margin and unit price are money too and follow the same rate.
Whenever rates or the reporting currency change, :func:`convert_lines` recomputes the lines in the
same transaction as the change, after checking that every currency and quarter in use has a rate:
a change that would leave a line without one is refused (nothing written), with the currencies and
quarters named. Lines with a NULL currency (demo data, benchmarks, files loaded before currencies
existed) are in the reporting currency, whatever it is.

The reporting currency is the setting ``reporting_currency`` (declared in ``settings.py``, which
calls :func:`convert_lines` when it changes); it is read here straight from the settings table so
that ``settings`` can import this module without a cycle.
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd

from kam_core.common.errors import ValidationError
from kam_core.common.fields import FieldError
from kam_core.common.quarter import valid_quarter
from kam_core.store import audit, authz, db, table_edits

DEFAULT_CURRENCY = "EUR"
CODE_RE = re.compile(r"^[A-Z]{3}$")
# What exports write instead of an ISO code (compared upper-case, without dots and spaces).
_ALIASES = {
    "€": "EUR",
    "EURO": "EUR",
    "EUROS": "EUR",
    "$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "DOLAR": "USD",
    "DOLARES": "USD",
    "DÓLAR": "USD",
    "DÓLARES": "USD",
    "£": "GBP",
    "LIBRA": "GBP",
    "LIBRAS": "GBP",
    "¥": "JPY",
}
_LINE_TABLES = ("revenue_lines", "revenue_lines_archive")
EDIT_FIELDS = ("currency", "quarter", "rate")


def normalize_code(value) -> str | None:
    """An ISO-like code from a cell: ``" usd"`` -> ``USD``, ``€`` -> ``EUR``; None when blank.

    Text that is no code comes back upper-cased as it is (check it with :data:`CODE_RE`).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = re.sub(r"[\s.]+", "", str(value)).upper()
    if not text:
        return None
    return _ALIASES.get(text, text)


def reporting_currency(con) -> str:
    """The reporting currency setting (``EUR`` unless changed)."""
    raw = db.scalar(con, "SELECT value FROM settings WHERE key = 'reporting_currency'")
    try:
        code = normalize_code(json.loads(raw)) if raw is not None else None
    except (TypeError, ValueError):
        code = None
    return code if code and CODE_RE.match(code) else DEFAULT_CURRENCY


def check_code(value) -> str:
    """A valid reporting currency code, else :class:`ValidationError`."""
    code = normalize_code(value)
    if not code or not CODE_RE.match(code):
        raise ValidationError("fx.bad_code", value=str(value or ""))
    return code


# ----------------------------------------------------------------------------------- reads


def rates_table(con, base: str | None = None) -> pd.DataFrame:
    """``rate_id, currency, quarter, rate, updated_by, updated_at`` for one reporting currency
    (the current one by default), by currency then quarter."""
    base = base or reporting_currency(con)
    return db.query_df(
        con,
        "SELECT rate_id, currency, quarter, rate, updated_by, updated_at FROM exchange_rates "
        "WHERE base_currency = ? ORDER BY currency, quarter",
        [base],
    )


def rate_map(con, base: str) -> dict[tuple[str, str], float]:
    """``{(currency, quarter): rate}`` into ``base``."""
    rows = db.query_rows(
        con,
        "SELECT currency, quarter, rate FROM exchange_rates WHERE base_currency = ?",
        [base],
    )
    return {(c, q): float(r) for c, q, r in rows}


def currencies_in_use(con) -> pd.DataFrame:
    """``currency, quarter, lines, amount_original`` of the stored lines (NULL currency left out)."""
    return db.query_df(
        con,
        "SELECT currency, quarter, count(*) AS lines, sum(amount_original) AS amount_original "
        "FROM revenue_lines WHERE currency IS NOT NULL GROUP BY ALL ORDER BY currency, quarter",
    )


def describe_missing(missing: dict[str, list[str]]) -> str:
    """``USD: 2024-Q1, 2024-Q2; GBP: 2024-Q3`` (for messages)."""
    return "; ".join(f"{c}: {', '.join(qs)}" for c, qs in sorted(missing.items()))


def _missing_sql(table: str) -> str:
    return (
        f"SELECT DISTINCT l.currency, l.quarter FROM {table} l "
        "LEFT JOIN exchange_rates r ON r.base_currency = ? AND r.currency = l.currency "
        "AND r.quarter = l.quarter "
        "WHERE l.currency IS NOT NULL AND l.currency <> ? AND r.rate IS NULL"
    )


def missing_in_store(cur, base: str) -> dict[str, list[str]]:
    """Currencies and quarters of stored lines (kept or archived) without a rate into ``base``."""
    found: dict[str, set[str]] = {}
    for table in _LINE_TABLES:
        for c, q in cur.execute(_missing_sql(table), [base, base]).fetchall():
            found.setdefault(c, set()).add(q)
    return {c: sorted(qs) for c, qs in found.items()}


# ----------------------------------------------------------------------------------- writes


def convert_lines(cur, base: str, batch_id: int | None = None) -> int:
    """Inside a transaction: make every line's ``amount`` its ``amount_original`` at the rate of
    its quarter into ``base`` (margin and unit price scaled alike), and the batches' totals follow.

    Refuses (``fx.missing``, nothing changed by the caller's rollback) when a currency in use has
    no rate for a quarter. ``batch_id`` limits the work to one upload's lines. Returns the number
    of lines whose rate changed.
    """
    missing = missing_in_store(cur, base)
    if missing:
        raise ValidationError("fx.missing", missing=describe_missing(missing))
    only = "" if batch_id is None else " AND l.batch_id = ?"
    extra = [] if batch_id is None else [batch_id]
    changed = 0
    batches: set[int] = set()
    for table in _LINE_TABLES:
        new_rate = (
            "CASE WHEN l.currency = ? THEN 1.0 ELSE (SELECT r.rate FROM exchange_rates r "
            "WHERE r.base_currency = ? AND r.currency = l.currency AND r.quarter = l.quarter) END"
        )
        target = (
            f"FROM {table} l WHERE l.currency IS NOT NULL "
            f"AND l.fx_rate IS DISTINCT FROM {new_rate}{only}"
        )
        rows = cur.execute(f"SELECT DISTINCT l.batch_id {target}", [base, base, *extra])
        batches.update(b for (b,) in rows.fetchall())
        n = cur.execute(f"SELECT count(*) {target}", [base, base, *extra]).fetchall()[0][0]
        if not n:
            continue
        changed += int(n)
        cur.execute(
            f"UPDATE {table} AS l SET amount = l.amount_original * x.rate, "
            "margin = l.margin / coalesce(nullif(l.fx_rate, 0), 1) * x.rate, "
            "unit_price = l.unit_price / coalesce(nullif(l.fx_rate, 0), 1) * x.rate, "
            "fx_rate = x.rate "
            f"FROM (SELECT DISTINCT l.currency, l.quarter, {new_rate} AS rate "
            f"FROM {table} l WHERE l.currency IS NOT NULL{only}) x "
            "WHERE l.currency = x.currency AND l.quarter = x.quarter "
            f"AND l.fx_rate IS DISTINCT FROM x.rate{only}",
            [base, base, *extra, *extra],
        )
    if batches:
        cur.execute(
            "UPDATE batches AS b SET total_amount = s.total FROM (SELECT batch_id, sum(amount) "
            "AS total FROM (SELECT batch_id, amount FROM revenue_lines UNION ALL "
            "SELECT batch_id, amount FROM revenue_lines_archive) WHERE list_contains(?, batch_id) "
            "GROUP BY batch_id) s WHERE b.batch_id = s.batch_id",
            [sorted(batches)],
        )
    return changed


def _clean_rate(value, field: str = "fx.col.rate") -> float:
    try:
        rate = float(value)
    except (TypeError, ValueError):
        raise FieldError("fx.bad_rate", field=field, value=str(value)) from None
    if not math.isfinite(rate) or rate <= 0:
        raise FieldError("fx.bad_rate", field=field, value=str(value))
    return rate


def clean_rate_row(row: dict, base: str) -> dict:
    """One edited or imported rate: a currency code other than ``base``, ``YYYY-Qn``, a rate > 0."""
    code = normalize_code(row.get("currency"))
    if not code or not CODE_RE.match(code):
        raise FieldError("fx.bad_currency", value=str(row.get("currency") or ""))
    if code == base:
        raise FieldError("fx.same_as_base", value=code)
    quarter = str(row.get("quarter") or "").strip().upper()
    if not valid_quarter(quarter):
        raise FieldError("fx.bad_quarter", value=quarter)
    return {"currency": code, "quarter": quarter, "rate": _clean_rate(row.get("rate"))}


def _no_duplicates(rows: list[dict]) -> None:
    seen = set()
    for r in rows:
        key = (r["currency"], r["quarter"])
        if key in seen:
            raise ValidationError("fx.duplicate", currency=key[0], quarter=key[1])
        seen.add(key)


def save_table(con, rows: pd.DataFrame, user: str | None) -> int:
    """Save the Settings page's rate table (the one algorithm: ``store.table_edits``) and
    reconvert the lines in the same transaction. Returns the number of rows changed."""
    authz.require(con, user, "rates")
    base = reporting_currency(con)
    changes = table_edits.diff_rows(
        rows,
        rates_table(con, base),
        "rate_id",
        EDIT_FIELDS,
        lambda row: clean_rate_row(row, base),
        unknown_key="fx.unknown_rate",
        allow_delete=True,
    )
    if not changes:
        return 0
    kept = rates_table(con, base)
    kept = kept[~kept["rate_id"].isin({i for i, _ in changes.updates} | set(changes.deletes))]
    _no_duplicates(
        [*kept[["currency", "quarter"]].to_dict("records"), *(v for _, v in changes.updates)]
        + changes.inserts
    )
    with db.transaction(con) as cur:
        # Keys may move between rows: free them first, then write what the table says.
        moved = [rid for rid, _ in changes.updates]
        was = {
            int(r.rate_id): {"currency": r.currency, "quarter": r.quarter, "rate": r.rate}
            for r in rates_table(con, base).itertuples()
        }
        for rid in moved:
            cur.execute("DELETE FROM exchange_rates WHERE rate_id = ?", [rid])
        now = db.utcnow()
        for rid, v in changes.updates:
            audit.record_change(cur, user, "exchange_rates", rid, was.get(rid), v)
            cur.execute(
                "INSERT INTO exchange_rates (rate_id, base_currency, currency, quarter, rate, "
                "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [rid, base, v["currency"], v["quarter"], v["rate"], user, now],
            )
        table_edits.apply(
            cur,
            "exchange_rates",
            "rate_id",
            EDIT_FIELDS,
            table_edits.TableChanges(inserts=changes.inserts, deletes=changes.deletes),
            {"base_currency": base},
            user,
            now,
        )
        convert_lines(cur, base)
        db.bump_data_version(cur)
    return len(changes)


def upsert(con, rows: list[dict], user: str | None, base: str | None = None) -> tuple[int, int]:
    """Add or overwrite rates (an imported file, the upload page's missing rates) and reconvert
    the lines, in one transaction. Rows are validated first (``Row i: ...``). ``base``: rates
    into another currency than the reporting one (entered before switching to it). Returns
    ``(added, updated)``."""
    authz.require(con, user, "rates")
    current = reporting_currency(con)
    base = check_code(base) if base else current
    clean = []
    for i, row in enumerate(rows, start=1):
        try:
            clean.append(clean_rate_row(row, base))
        except FieldError as exc:
            raise FieldError("err.acc.row", row=i, detail_key=exc.key, **exc.params) from None
    _no_duplicates(clean)
    known = rate_map(con, base)
    added = sum((r["currency"], r["quarter"]) not in known for r in clean)
    now = db.utcnow()
    with db.transaction(con) as cur:
        for r in clean:
            old = known.get((r["currency"], r["quarter"]))
            audit.record_change(
                cur,
                user,
                "exchange_rates",
                f"{base}:{r['currency']}:{r['quarter']}",
                None if old is None else {"rate": old},
                {"rate": r["rate"]},
            )
            cur.execute(
                "INSERT INTO exchange_rates (base_currency, currency, quarter, rate, updated_by, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (base_currency, currency, "
                "quarter) DO UPDATE SET rate = excluded.rate, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                [base, r["currency"], r["quarter"], r["rate"], user, now],
            )
        if base == current:
            convert_lines(cur, base)
        db.bump_data_version(cur)
    return added, len(clean) - added
