"""Data intake: the one pipeline behind the Upload page and ``python -m kam_core ingest``.

``prepare`` (sniff -> shape -> map -> validate -> currencies; never writes) returns a
:class:`Prepared` the user reviews; ``commit`` writes a list of them in one transaction;
``undo_batch`` takes one back out. Shapes (``shapes``): wide period reports become lines, total
rows are set aside; currencies (``currency``): amounts into the reporting currency.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kam_core.common.errors import CarteraError, DuplicateFileError, UploadError  # noqa: F401
from kam_core.common.quarter import valid_quarter
from kam_core.ingest import currency as currency_mod
from kam_core.ingest import load, shapes, sniff
from kam_core.ingest import mapping as mapping_mod
from kam_core.ingest import validate as validate_mod
from kam_core.ingest.limits import ReadLimits
from kam_core.ingest.load import batch_history, commit, undo_batch  # noqa: F401 - public API
from kam_core.ingest.mapping import FIELDS  # noqa: F401 - public API
from kam_core.ingest.report import (  # noqa: F401 - public API
    diff_vs_previous,
    reading_table,
    rejects_csv,
    rejects_table,
    total_rows_table,
)
from kam_core.store import rates
from kam_core.store import settings as settings_mod

__all__ = [
    "Prepared",
    "prepare",
    "read",
    "commit",
    "undo_batch",
    "batch_history",
    "rejects_table",
    "rejects_csv",
    "diff_vs_previous",
    "reading_table",
    "total_rows_table",
    "FIELDS",
]


@dataclass
class Prepared:
    """One file, read and checked, ready to be shown and committed."""

    file_name: str
    sha256: str
    source_format: dict
    columns: list[str]
    mapping: dict
    mapping_source: str  # 'guessed' | 'remembered' | 'user'
    lines: pd.DataFrame
    rejects: pd.DataFrame
    rows_total: int
    quarters: list[str]
    total_amount: float
    accounts_new: int = 0
    accounts_known: int = 0
    duplicate_of: int | None = None
    overlapping_quarters: list[str] = field(default_factory=list)
    needs_quarter: bool = False
    sample: pd.DataFrame | None = None
    sheets: list[str] = field(default_factory=list)
    # Wide reports (F-IN-8): 'wide' when periods were columns; ``reading`` says which column was
    # read as which period (column, role: period/total/skipped/id, period, kind, quarter).
    layout: str = "long"
    reading: pd.DataFrame | None = None
    title_year: int | None = None
    # Total and subtotal rows (F-IN-9), never loaded: row, label, amount, reason.
    total_rows: pd.DataFrame = field(default_factory=shapes.empty_total_rows)
    # Currencies (F-IN-10): amounts are in ``currency`` (the reporting one); ``missing_rates``
    # lists currency -> quarters without a rate (the file cannot be committed until they exist).
    currency: str = rates.DEFAULT_CURRENCY
    missing_rates: dict = field(default_factory=dict)
    by_currency: dict = field(default_factory=dict)

    @property
    def rows_rejected(self) -> int:
        return int(self.rejects["row"].nunique()) if len(self.rejects) else 0

    @property
    def rows_valid(self) -> int:
        return int(len(self.lines))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(
    data: bytes, file_name: str, sheet: str | None = None, limits: ReadLimits | None = None
) -> sniff.RawTable:
    """Sniff only: the file's columns and cells (for a mapping editor when a guess fails)."""
    return sniff.read_table(data, file_name, mapping_mod.is_known, sheet, limits or ReadLimits())


def _file_hints(raw: sniff.RawTable, cols: list[str], uniques: dict) -> tuple[str, str]:
    """Decimal and date-order hints for columns whose values alone cannot tell. ``uniques``
    collects each column's distinct values for ``validate`` (a column is hashed once)."""
    point = comma = 0
    for c in cols:
        uniques[c] = validate_mod.with_evidence(validate_mod._uniques(raw.data[c]))
        p, k = uniques[c][2]
        point, comma = point + p, comma + k
    if comma > point or (comma == point and raw.delimiter == ";"):
        return ",", "dmy"
    return ".", ("dmy" if raw.delimiter == ";" else "mdy")


def _numeric_columns(raw, m: dict) -> list[str]:
    cols = list(mapping_mod.amount_parts(m.get("amount"), raw.columns) or [])
    cols += [m[f] for f in mapping_mod.NUMERIC_FIELDS if m.get(f)]
    return list(dict.fromkeys(cols))


def sheet_names(data: bytes, file_name: str) -> list[str]:
    """A workbook's sheets (none for a CSV), for the upload page's sheet choice."""
    return sniff.excel_sheets(data, file_name)


def prepare(
    data: bytes,
    file_name: str,
    con=None,
    *,
    mapping: dict | None = None,
    default_quarter: str | None = None,
    sheet: str | None = None,
    date_order: str | None = None,
    reading: dict | None = None,
    limits: ReadLimits | None = None,
) -> Prepared:
    """Sniff, map and validate one file. Never writes. Raises :class:`UploadError` for a file that
    cannot be taken at all (empty, binary, unreadable, no account or no amount column).

    A wide report (periods as columns) is read as lines without being asked; ``reading``
    corrects that reading (``{"long": True}``, or ``{"periods": {column: "2024-Q1" | ""}}``),
    and a ``mapping`` that names the amount or the date column reads the file as long. Total
    rows never become lines (``Prepared.total_rows``); amounts are converted into the reporting
    currency (``Prepared.missing_rates`` when a rate is missing).

    ``limits``: rows and cells this file may hold (default: the settings, for a file alone);
    a file over them is refused while it is read. Implausible amounts and dates (settings)
    are rejected rows.
    """
    values = settings_mod.get_all(con) if con is not None else settings_mod.defaults()
    plausible = validate_mod.Plausible.from_settings(values)
    _check_quarter(default_quarter, plausible)
    try:
        raw = read(data, file_name, sheet, limits or ReadLimits.from_settings(values))
        maps_values = any((mapping or {}).get(f) for f in ("amount", "date"))
        wide = None if maps_values else shapes.read_wide(raw, reading)
        table = wide.raw if wide is not None else raw
        m, source = _mapping(con, raw, table, wide, mapping)
        _require(table, m, file_name)
        uniques = {}
        dec_hint, date_hint = _file_hints(table, _numeric_columns(table, m), uniques)
        lines, rejects, info = validate_mod.validate(
            table,
            m,
            decimal_hint=dec_hint,
            date_hint=date_hint,
            date_order_override=date_order,
            default_quarter=default_quarter if _valid_quarter(default_quarter) else None,
            uniques=uniques,
            plausible=plausible,
        )
        lines, rejects, total_rows = _without_totals(table, m, wide, lines, rejects, uniques)
        del uniques
        conv = currency_mod.convert(con, lines, m.get("currency"), file_name)
        lines, rejects = conv.lines, _with(rejects, conv.rejects)
    except CarteraError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, MemoryError) as exc:
        raise UploadError("upload.unreadable", file=file_name, detail=str(exc)) from exc
    needs_quarter = not m.get("date") and not _valid_quarter(default_quarter)
    quarters = sorted(q for q in pd.unique(lines["quarter"]) if isinstance(q, str))
    fmt = raw.describe() | {
        "decimal": ",".join(sorted(set(info["decimal"].values()))) or dec_hint,
        "date_order": info["date_order"],
        "date_ambiguous": info["date_ambiguous"],
    }
    p = Prepared(
        file_name=file_name,
        sha256=sha256(data),
        source_format=fmt,
        columns=raw.columns,
        mapping=m,
        mapping_source=source,
        lines=lines,
        rejects=rejects,
        rows_total=int(len(raw.data) + len(raw.ragged)),
        quarters=quarters,
        total_amount=float(np.nansum(lines["amount"])) if len(lines) else 0.0,
        needs_quarter=needs_quarter,
        sample=raw.data.head(5),
        sheets=raw.sheets,
        layout="wide" if wide is not None else "long",
        reading=wide.reading if wide is not None else None,
        title_year=wide.title_year if wide is not None else None,
        total_rows=total_rows,
        currency=conv.reporting,
        missing_rates=conv.missing,
        by_currency=conv.by_currency,
    )
    if con is not None:
        p.lines = lines = load.apply_aliases(con, lines)  # merged names land in the survivor
        keys = pd.unique(lines["account_key"]).tolist()
        known = load.known_accounts(con, keys)
        p.accounts_known, p.accounts_new = len(known), len(keys) - len(known)
        p.duplicate_of = load.active_batch_with_sha(con, p.sha256)
        # The quarters of an identical earlier upload are the duplicate warning's business.
        exclude = [p.duplicate_of] if p.duplicate_of is not None else []
        p.overlapping_quarters = sorted(set(quarters) & load.loaded_quarters(con, exclude))
    else:
        p.accounts_new = int(lines["account_key"].nunique())
    return p


def _mapping(con, raw, table, wide, mapping: dict | None) -> tuple[dict, str]:
    """Field -> column, and where it came from: guessed, remembered (this layout was loaded
    before) or the user's. A wide report maps its id columns; amount and date are its periods."""
    columns = raw.columns if wide is None else [str(c) for c in wide.layout.id_columns]
    guessed, source = mapping_mod.guess(columns), "guessed"
    memo = mapping_mod.remembered(con, raw.columns)
    if memo and wide is not None:
        memo = {f: c for f, c in memo.items() if c in columns}
    if memo:
        guessed, source = memo, "remembered"
    override = mapping
    if wide is not None and mapping:
        override = {f: c for f, c in mapping.items() if f not in ("amount", "date")}
    m = mapping_mod.resolve(columns, guessed, override)
    if mapping:
        source = "user"
    if wide is not None:
        m.pop("quantity", None)
        m.pop("unit_price", None)
        m["amount"], m["date"] = shapes.AMOUNT, shapes.DATE
    return m, source


def _without_totals(table, m: dict, wide, lines, rejects, uniques: dict):
    """Total rows out of the lines and the rejects (listed apart, never loaded)."""
    if wide is not None:
        return lines, shapes.name_period_columns(rejects, wide), wide.total_rows
    found, rows = shapes.long_total_rows(table, m, rejects, uniques)
    if not len(rows):
        return lines, rejects, found
    lines = lines.loc[~np.isin(lines["source_row"].to_numpy(), rows)].reset_index(drop=True)
    rejects = rejects.loc[~np.isin(rejects["row"].to_numpy(), rows)].reset_index(drop=True)
    return lines, rejects, found


def _with(rejects: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    if not len(more):
        return rejects
    both = pd.concat([rejects, more], ignore_index=True)
    return both.sort_values(["row", "column"], kind="mergesort").reset_index(drop=True)


def _check_quarter(quarter: str | None, plausible) -> None:
    """A quarter chosen for a file without dates must be a plausible one too."""
    if _valid_quarter(quarter) and not plausible.quarter_ok(quarter):
        raise UploadError(
            "hd.upload.quarter_out_of_range",
            quarter=quarter,
            first=plausible.first.isoformat(),
            last=plausible.last.isoformat(),
        )


def _valid_quarter(q) -> bool:

    return valid_quarter(q)


def _require(raw, m: dict, file_name: str) -> None:
    cols = ", ".join(raw.columns[:30])
    if not (m.get("account") or m.get("account_id")):
        raise UploadError("upload.no_account", file=file_name, row=raw.header_row, columns=cols)
    if not m.get("amount"):
        raise UploadError("upload.no_amount", file=file_name, row=raw.header_row, columns=cols)
    for f, c in m.items():
        ok = mapping_mod.amount_parts(c, raw.columns) if f == "amount" else c in raw.columns
        if not ok:
            raise UploadError("upload.no_column", file=file_name, field=f, column=c, columns=cols)
