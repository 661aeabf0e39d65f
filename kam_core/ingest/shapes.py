"""The shape of a sniffed table, for ``prepare``: wide period reports turned into lines (F-IN-8)
and total / subtotal rows and columns set aside (F-IN-9).

``wide.py`` and ``totals.py`` are the pure rules; this module applies them to a ``RawTable``:

* :func:`read_wide` decides whether the table is a wide report (periods as columns; the title
  block may give the year of bare month names), applies the user's corrections (a period typed
  for a column, a blank to leave it out, or "read as a long file"), drops the total rows and
  melts the rest into a long ``RawTable`` that ``validate`` reads like any file: the id columns,
  then ``amount`` (the cell as written) and ``date`` (the period's first day; a year's last day).
  What was read as what is kept in :attr:`Wide.reading` for the preview.
* :func:`long_total_rows` finds the total rows of a long export once it is mapped. Labels are
  looked for in the account, account id, invoice and date columns (where ERP exports write
  ``Total cliente ...``, ``Subtotal``, ``Suma``); product descriptions are left alone (``TOTAL
  3 PACK`` is a product). The full row scan runs only when some row could be one: a row the
  validator rejected, or a label cell starting with a total word; a clean million-line export
  costs one regular expression over its distinct labels.

A file is not read as wide when its non-period columns already hold a date and an amount (a long
export with a couple of year-like columns), or when the user maps the amount or the date.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kam_core.ingest import mapping as mapping_mod
from kam_core.ingest import totals, validate, wide
from kam_core.ingest.sniff import RawTable

AMOUNT, DATE = "amount", "date"  # the melted table's value columns (wide.OUTPUT_COLUMNS)
ROLES = ("period", "total", "skipped", "id")
TOTAL_ROW_COLUMNS = ("row", "label", "amount", "reason")
LABEL_FIELDS = ("account", "account_id", "invoice", "date")
_TOTAL_START = re.compile(
    r"^\W*(?:grand|gran|suma|sum|sub|total|totales|totals|acumulado)\b", re.IGNORECASE
)


@dataclass
class Wide:
    """A wide report as read: the long table for ``validate`` and what the preview shows."""

    raw: RawTable  # the melted lines (id columns, ``amount``, ``date``), total rows left out
    layout: wide.WideLayout
    reading: pd.DataFrame  # column, role, period, kind, quarter: one row per file column
    total_rows: pd.DataFrame  # TOTAL_ROW_COLUMNS
    title_year: int | None  # the title's year, when a bare header (``Enero``, ``T1``) needed it
    period_of_line: np.ndarray  # the period column each melted line came from


def empty_total_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in TOTAL_ROW_COLUMNS})


def period_text(period: wide.Period | None) -> str:
    """How the preview writes a period: ``2024-01``, ``2024-Q1`` or ``2024``."""
    if period is None:
        return ""
    if period.kind == "month":
        return f"{period.year}-{period.month:02d}"
    if period.kind == "quarter":
        return f"{period.year}-Q{period.quarter_number}"
    return str(period.year)


# --------------------------------------------------------------------------- the layout


def _overridden(
    columns: list, found: wide.WideLayout | None, periods: dict, title_year
) -> wide.WideLayout | None:
    """The detected layout with the user's periods per column (text; blank = not a period)."""
    base = {c: p for c, p in (found.period_columns if found else ())}
    totals_found = set(found.total_columns) if found else set(totals.total_columns(columns))
    skipped = set(found.skipped_columns) if found else set()
    chosen: list[tuple[object, wide.Period]] = []
    for col in columns:
        key = str(col)
        if key in periods:
            text = str(periods[key] or "").strip()
            period = wide.parse_period_header(text, title_year) if text else None
            if period is not None:
                chosen.append((col, period))
            elif col in base or col in totals_found:
                skipped.add(col)
        elif col in base:
            chosen.append((col, base[col]))
    if len(chosen) < 1:
        return None
    roles = {c for c, _ in chosen}
    kinds = Counter(p.kind for _, p in chosen)
    return wide.WideLayout(
        kind=max(wide.KINDS, key=lambda k: (kinds[k], -wide.KINDS.index(k))),
        period_columns=tuple(chosen),
        id_columns=tuple(
            c for c in columns if c not in roles and c not in totals_found and c not in skipped
        ),
        total_columns=tuple(c for c in columns if c in totals_found and c not in roles),
        skipped_columns=tuple(c for c in columns if c in skipped and c not in roles),
    )


def _looks_long(layout: wide.WideLayout) -> bool:
    """The columns that are not periods already make a long file (a date and an amount)."""
    guessed = mapping_mod.guess([str(c) for c in layout.id_columns])
    return bool(guessed.get("date")) and bool(guessed.get("amount"))


def _reading(columns: list, layout: wide.WideLayout) -> pd.DataFrame:
    periods = dict(layout.period_columns)
    role = {c: "total" for c in layout.total_columns}
    role |= {c: "skipped" for c in layout.skipped_columns}
    role |= {c: "period" for c in periods}
    rows = []
    for col in columns:
        p = periods.get(col)
        rows.append(
            {
                "column": str(col),
                "role": role.get(col, "id"),
                "period": period_text(p),
                "kind": p.kind if p else "",
                "quarter": p.quarter if p else "",
            }
        )
    return pd.DataFrame(rows, columns=["column", "role", "period", "kind", "quarter"])


# --------------------------------------------------------------------------- total rows


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _label(frame: pd.DataFrame, label_columns: list, i: int) -> str:
    cells = [_cell(frame[c].iat[i]) for c in label_columns]
    return " · ".join(c for c in cells if c)


def total_row_table(
    frame: pd.DataFrame,
    rows: np.ndarray,
    reasons: pd.Series,
    label_columns: list,
    amount_column,
) -> pd.DataFrame:
    """The rows found (positions in ``frame``) as ``row, label, amount, reason``."""
    pos = np.flatnonzero(reasons.ne("").to_numpy())
    if not len(pos):
        return empty_total_rows()
    return pd.DataFrame(
        {
            "row": rows[pos].astype(np.int64),
            "label": [_label(frame, label_columns, i) for i in pos],
            "amount": [_cell(frame[amount_column].iat[i]) if amount_column else "" for i in pos],
            "reason": reasons.to_numpy()[pos],
        },
        columns=list(TOTAL_ROW_COLUMNS),
    )


# --------------------------------------------------------------------------- wide

_ROW_SUM = "\x00row sum"  # no file names a column so


def _row_sums(frame: pd.DataFrame, columns: list, delimiter: str | None) -> np.ndarray:
    """Each row's sum over the period columns (NaN for a row with no amount): a total row equals
    the sum of the rows above in its row sum. All cells are parsed at once (one decimal mark for
    the whole report, as its cells prove it), not column by column."""
    cells = pd.Series(frame[columns].to_numpy(dtype=object).ravel(), dtype=object)
    decimal = validate.decide_decimal(cells, "," if delimiter == ";" else ".")
    values = validate.parse_numbers(cells, decimal)[0].reshape(len(frame), len(columns))
    has = ~np.isnan(values).all(axis=1)
    return np.where(has, np.nansum(values, axis=1), np.nan)


def read_wide(raw: RawTable, corrections: dict | None = None) -> Wide | None:
    """The table as a wide report, or None to read it as a long file.

    ``corrections``: ``{"long": True}`` to read it as a long file, and/or ``{"periods":
    {column: "2024-01" | "2024-Q1" | "2024" | ""}}`` to correct what a column was read as.
    """
    corrections = corrections or {}
    if corrections.get("long"):
        return None
    title_year = wide.find_year_in_title(raw.title_rows)
    found = wide.detect_wide(raw.columns, title_year)
    periods = corrections.get("periods") or {}
    layout = _overridden(raw.columns, found, periods, title_year) if periods else found
    if layout is None or (not periods and _looks_long(layout)):
        return None
    if any(c in wide.OUTPUT_COLUMNS for c in layout.id_columns):
        return None  # an id column called like a value column: read the file as it is
    frame = raw.data.set_axis(pd.RangeIndex(len(raw.data)), axis=0)
    ids = list(layout.id_columns)
    period_cols = [c for c, _ in layout.period_columns]
    sums = frame[ids].assign(**{_ROW_SUM: _row_sums(frame, period_cols, raw.delimiter)})
    reasons = totals.total_reasons(sums, ids, [_ROW_SUM])
    keep = reasons.eq("").to_numpy()
    total_col = layout.total_columns[0] if layout.total_columns else None
    found_rows = total_row_table(frame, raw.source_rows, reasons, ids, total_col)
    long = wide.melt(frame.loc[keep], layout)
    data = long[[*ids, AMOUNT]].copy()
    data[DATE] = pd.Series([d.date() for d in long[DATE]], index=long.index, dtype=object)
    lines = dataclasses.replace(
        raw,
        columns=[*ids, AMOUNT, DATE],
        data=data.reset_index(drop=True),
        source_rows=raw.source_rows[long["source_row"].to_numpy(dtype=np.int64)],
    )
    needed = any(wide.parse_period_header(c) is None for c, _ in layout.period_columns)
    return Wide(
        raw=lines,
        layout=layout,
        reading=_reading(raw.columns, layout),
        total_rows=found_rows,
        title_year=title_year if needed else None,  # said only when a header needed it
        period_of_line=long["period_label"].to_numpy(dtype=object),
    )


def name_period_columns(rejects: pd.DataFrame, w: Wide) -> pd.DataFrame:
    """Rejected amounts of a wide report name their period column, not the melted ``amount``."""
    at = rejects["column"].eq(AMOUNT).to_numpy()
    if not at.any():
        return rejects
    rows = w.raw.source_rows
    cells = w.raw.data[AMOUNT].map(_cell).to_numpy()
    queue: dict[tuple, list] = {}
    for r, v, col in zip(rows, cells, w.period_of_line, strict=True):
        queue.setdefault((int(r), v), []).append(col)
    out = rejects.copy()
    names = out["column"].to_numpy(dtype=object).copy()
    for i in np.flatnonzero(at):
        pending = queue.get((int(out["row"].iat[i]), _cell(out["value"].iat[i])))
        if pending:
            names[i] = pending.pop(0)
    out["column"] = names
    return out


# --------------------------------------------------------------------------- long files


def _suspects(raw: RawTable, label_columns: list, uniques: dict) -> bool:
    """Could any label cell be a total? One regular expression over each column's distinct
    values (reusing ``validate``'s, when it computed them)."""
    for c in label_columns:
        values = uniques[c][1] if c in uniques else pd.Series(pd.unique(raw.data[c].to_numpy()))
        text = pd.Series(values, dtype=object).dropna().astype(str)
        if text.str.match(_TOTAL_START).any():
            return True
    return False


def long_total_rows(
    raw: RawTable, m: dict, rejects: pd.DataFrame, uniques: dict
) -> tuple[pd.DataFrame, np.ndarray]:
    """``(total rows found, their source rows)`` in a mapped long file (none: empty)."""
    label_columns = list(dict.fromkeys(m[f] for f in LABEL_FIELDS if m.get(f)))
    if not len(raw.data) or not label_columns:
        return empty_total_rows(), np.array([], dtype=np.int64)
    if not len(rejects) and not _suspects(raw, label_columns, uniques):
        return empty_total_rows(), np.array([], dtype=np.int64)
    parts = mapping_mod.amount_parts(m.get("amount"), raw.columns) or []
    amounts = parts if len(parts) == 1 else []  # quantity x price: labels only
    frame = raw.data.set_axis(pd.RangeIndex(len(raw.data)), axis=0)
    reasons = totals.total_reasons(frame, label_columns, amounts)
    found = total_row_table(
        frame, raw.source_rows, reasons, label_columns, amounts[0] if amounts else None
    )
    return found, found["row"].to_numpy(dtype=np.int64)
