"""Data intake: the one pipeline behind the Upload page and ``python -m kam_core ingest``.

``prepare`` (sniff -> map -> validate; never writes) returns a :class:`Prepared` the user reviews;
``commit`` writes a list of them in one transaction; ``undo_batch`` takes one back out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kam_core.common.errors import CarteraError, DuplicateFileError, UploadError  # noqa: F401
from kam_core.common.quarter import valid_quarter
from kam_core.ingest import load, sniff
from kam_core.ingest import mapping as mapping_mod
from kam_core.ingest import validate as validate_mod
from kam_core.ingest.load import batch_history, commit, undo_batch  # noqa: F401 - public API
from kam_core.ingest.mapping import FIELDS  # noqa: F401 - public API
from kam_core.ingest.report import (  # noqa: F401 - public API
    diff_vs_previous,
    rejects_csv,
    rejects_table,
)

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

    @property
    def rows_rejected(self) -> int:
        return int(self.rejects["row"].nunique()) if len(self.rejects) else 0

    @property
    def rows_valid(self) -> int:
        return int(len(self.lines))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(data: bytes, file_name: str, sheet: str | None = None) -> sniff.RawTable:
    """Sniff only: the file's columns and cells (for a mapping editor when a guess fails)."""
    return sniff.read_table(data, file_name, mapping_mod.is_known, sheet)


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


def prepare(
    data: bytes,
    file_name: str,
    con=None,
    *,
    mapping: dict | None = None,
    default_quarter: str | None = None,
    sheet: str | None = None,
    date_order: str | None = None,
) -> Prepared:
    """Sniff, map and validate one file. Never writes. Raises :class:`UploadError` for a file that
    cannot be taken at all (empty, binary, unreadable, no account or no amount column)."""
    try:
        raw = read(data, file_name, sheet)
        guessed = mapping_mod.guess(raw.columns)
        source = "guessed"
        memo = mapping_mod.remembered(con, raw.columns)
        if memo:
            guessed, source = memo, "remembered"
        m = mapping_mod.resolve(raw.columns, guessed, mapping)
        if mapping:
            source = "user"
        _require(raw, m, file_name)
        uniques = {}
        dec_hint, date_hint = _file_hints(raw, _numeric_columns(raw, m), uniques)
        lines, rejects, info = validate_mod.validate(
            raw,
            m,
            decimal_hint=dec_hint,
            date_hint=date_hint,
            date_order_override=date_order,
            default_quarter=default_quarter if _valid_quarter(default_quarter) else None,
            uniques=uniques,
        )
        del uniques
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
        total_amount=float(np.sum(lines["amount"])) if len(lines) else 0.0,
        needs_quarter=needs_quarter,
        sample=raw.data.head(5),
        sheets=raw.sheets,
    )
    if con is not None:
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
