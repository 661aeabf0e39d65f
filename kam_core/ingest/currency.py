"""Currencies of a prepared file (F-IN-10): each line's currency code, its amount as the file had
it, and the amount in the reporting currency at the rate of the line's quarter.

``convert`` runs in ``prepare`` (never writes): the preview shows converted figures, and a currency
without a rate for some quarter is reported as ``missing`` (the upload page offers to enter those
rates; the command line names them and writes nothing). ``commit`` converts the lines again inside
its transaction with the rates of that moment (``store.rates.convert_lines``), so a rate changed
between preview and commit is never half-applied.

A line without a currency (no column, or a blank cell) is in the reporting currency; a cell that
is no currency code (``Dólares canadienses``) is a rejected row, with its value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kam_core.store import rates

MONEY_COLUMNS = ("margin", "unit_price")  # converted with the amount


@dataclass
class Converted:
    lines: pd.DataFrame  # currency, amount_original, fx_rate; amount converted (NaN: no rate)
    rejects: pd.DataFrame  # rows whose currency cell is no code (same columns as validate's)
    reporting: str
    missing: dict[str, list[str]] = field(default_factory=dict)  # currency -> quarters
    by_currency: dict[str, float] = field(default_factory=dict)  # original totals per currency


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(normalised code per line or None, True where the cell is no code); once per distinct."""
    inverse, uniq = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    norm = [rates.normalize_code(u) for u in uniq] + [None]
    bad = np.array([n is not None and not rates.CODE_RE.match(n) for n in norm], dtype=bool)
    inverse = np.where(inverse < 0, len(norm) - 1, inverse)
    return np.array(norm, dtype=object)[inverse], bad[inverse]


def _rejects(file_name: str, rows, column: str, values) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": file_name,
            "row": np.asarray(rows, dtype=np.int64),
            "column": column,
            "reason": "rej.currency_unknown",
            "value": [str(v) for v in values],
            "expected": pd.array([pd.NA] * len(rows), dtype="Int64"),
        }
    )


def _rates(codes, quarters, reporting: str, known: dict) -> tuple[np.ndarray, dict]:
    """The rate of every line (NaN where missing) and the missing ``{currency: {quarters}}``,
    looked up once per distinct (currency, quarter)."""
    if not len(codes) or (codes == reporting).all():
        return np.ones(len(codes)), {}
    ci, cu = pd.factorize(codes)
    qi, qu = pd.factorize(quarters, use_na_sentinel=False)
    pair = ci.astype(np.int64) * len(qu) + qi
    table = np.full(len(cu) * len(qu), np.nan)
    missing: dict[str, set] = {}
    for k in np.unique(pair):
        c, q = cu[k // len(qu)], qu[k % len(qu)]
        if c == reporting:
            table[k] = 1.0
        elif (c, q) in known:
            table[k] = known[(c, q)]
        elif isinstance(q, str):  # a file still without its quarter is refused for that
            missing.setdefault(str(c), set()).add(q)
    return table[pair], missing


def convert(con, lines: pd.DataFrame, currency_column: str | None, file_name: str) -> Converted:
    """The lines with their currency, original amount, rate and converted amount. ``lines`` (the
    caller's own frame) is completed in place: copying a million lines costs more than the rest.
    """
    reporting = rates.reporting_currency(con) if con is not None else rates.DEFAULT_CURRENCY
    rejects = _rejects(file_name, [], currency_column or "", [])
    lines["amount_original"] = lines["amount"].to_numpy(dtype=float)
    if "currency" not in lines.columns or not lines["currency"].notna().any():
        # One currency, the reporting one (the common case): nothing to look up.
        lines["currency"] = reporting
        lines["fx_rate"] = 1.0
        total = float(np.nansum(lines["amount_original"].to_numpy())) if len(lines) else 0.0
        by = {reporting: total} if len(lines) else {}
        return Converted(lines, rejects, reporting, {}, by)
    codes, bad = _codes(lines["currency"])
    if bad.any():
        rejects = _rejects(
            file_name,
            lines["source_row"].to_numpy()[bad],
            currency_column or "",
            lines["currency"].to_numpy(dtype=object)[bad],
        )
        lines, codes = lines.loc[~bad].reset_index(drop=True), codes[~bad]
    codes = np.where(pd.isna(codes), reporting, codes)
    lines["currency"] = codes
    known = rates.rate_map(con, reporting) if con is not None else {}
    fx, missing = _rates(codes, lines["quarter"].to_numpy(dtype=object), reporting, known)
    lines["fx_rate"] = fx
    lines["amount"] = lines["amount_original"].to_numpy() * fx
    for col in MONEY_COLUMNS:
        if col in lines.columns:
            lines[col] = pd.to_numeric(lines[col], errors="coerce").to_numpy(dtype=float) * fx
    idx, found = pd.factorize(codes)
    sums = np.bincount(idx, weights=np.nan_to_num(lines["amount_original"].to_numpy()))
    return Converted(
        lines=lines,
        rejects=rejects,
        reporting=reporting,
        missing={c: sorted(str(q) for q in qs) for c, qs in missing.items()},
        by_currency={str(c): float(v) for c, v in sorted(zip(found, sums, strict=True))},
    )
