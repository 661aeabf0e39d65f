"""Turn raw cells into revenue lines and rejects, column by column (vectorised, no loop per row).

Numbers: the decimal separator is decided per column over all its values (``1.234,56`` and
``12,50`` prove a decimal comma, ``1,234.56`` and ``0.5`` a decimal point; columns with only
ambiguous values such as ``1.234`` follow the rest of the file). Currency symbols, spaces,
``(12.50)`` and a trailing minus (SAP) are understood. Dates: ISO, ``d/m/y`` or ``m/d/y`` decided over
the whole column (one value with a first part above 12 proves day-first), with or without times,
Excel cells and serial numbers, ``2024-Q1``/``T1 2024`` quarters.
Every problem becomes a reject row: (row, column, reason key, value).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

import numpy as np
import pandas as pd

from kam_core.ingest.mapping import NUMERIC_FIELDS, TEXT_FIELDS, amount_parts

MISSING = {"", "na", "n/a", "#n/a", "null", "none", "-", "--", "—", "–", "#¡valor!", "#value!"}
NOT_FINITE = {
    "nan",
    "inf",
    "+inf",
    "-inf",
    "infinity",
    "+infinity",
    "-infinity",
    "#num!",
    "#div/0!",
    "#¡div/0!",
}

_CURRENCY = r"[\s\u00a0\u202f'’€$£¥₹]|(?i:eur|usd|gbp|chf)"
_POINT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?$|^\.\d+$|^\d+(?:\.\d+)?[eE][+-]?\d+$")
_COMMA = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d*)?$|^,\d+$|^\d+(?:,\d+)?[eE][+-]?\d+$")
_ISO = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
_DMY = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?$"
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_NAMED = r"^(\d{1,2})[-\s/.]+([^\d\s/.,-]{3,})\.?[-\s/.,]+(\d{4}|\d{2})$"
_SERIAL = r"\d{1,7}(?:[.,]\d+)?"  # a number: an Excel serial date, or not a date at all
_QUARTER = r"^(?:(\d{4})\s*[-/ ]?\s*[QqTt]([1-4])|[QqTt]([1-4])\s*[-/ ]?\s*(\d{4}))$"
MONTHS = {
    "jan": 1,
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "abr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "ago": 8,
    "sep": 9,
    "set": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "dic": 12,
}


def _is_missing(s: pd.Series) -> pd.Series:
    return s.str.strip().str.lower().isin(MISSING)


def _split_typed(col: pd.Series):
    """An object column -> (mask of str cells, the str cells as a str Series)."""
    values = col.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=True) == "string":  # text and missing only
        mask = ~pd.isna(values)
    else:
        mask = np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=len(values))
    is_str = pd.Series(mask, index=col.index)
    return is_str, col[is_str].astype(str)


# ----------------------------------------------------------------------------- numbers


_PLAIN = r"-?[0-9]+(?:[.,][0-9]+)?"  # what most exports write: nothing to strip but a minus


def _clean_number_text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Strip currency and spaces; return (unsigned core text, sign -1/1)."""
    plain = s.str.fullmatch(_PLAIN).to_numpy(dtype=bool)
    if plain.all():  # no currency, parentheses, spaces or trailing minus: only a leading "-"
        minus = s.str.startswith("-").to_numpy(dtype=bool)
        core = s.where(~minus, s.str[1:])
        return core, pd.Series(np.where(minus, -1.0, 1.0), index=s.index)
    if plain.any():
        core, sign = _clean_number_text(s[plain])
        core2, sign2 = _clean_number_text_full(s[~plain])
        return (
            pd.concat([core, core2]).reindex(s.index),
            pd.concat([sign, sign2]).reindex(s.index),
        )
    return _clean_number_text_full(s)


def _clean_number_text_full(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    t = s.str.replace(_CURRENCY, "", regex=True)
    paren = t.str.startswith("(") & t.str.endswith(")")
    t = t.where(~paren, t.str[1:-1])
    trailing = t.str.endswith("-") & (t.str.len() > 1)
    t = t.where(~trailing, t.str[:-1])
    lead_minus = t.str.startswith("-")
    t = t.where(~lead_minus, t.str[1:])
    t = t.where(~t.str.startswith("+"), t.str[1:])
    negative = paren ^ trailing ^ lead_minus
    return t, pd.Series(np.where(negative, -1.0, 1.0), index=s.index)


def decimal_evidence(values: pd.Series, uniques=None) -> tuple[int, int]:
    """(distinct values that prove a decimal point, distinct values that prove a decimal comma).
    ``uniques``: ``_uniques(values)`` when the caller has it already (it also keeps the answer)."""
    uniques = uniques or _uniques(values)
    if len(uniques) > 2:
        return uniques[2]
    is_str, s = _split_typed(uniques[1])
    if s.empty:
        return 0, 0
    core, _ = _clean_number_text(s)
    point = core.str.fullmatch(_POINT.pattern)
    comma = core.str.fullmatch(_COMMA.pattern)
    return int((point & ~comma).sum()), int((comma & ~point).sum())


def with_evidence(uniques):
    """``_uniques(column)`` plus its ``decimal_evidence``, computed once for hints and parsing."""
    return (*uniques[:2], decimal_evidence(None, uniques[:2]))


def decide_decimal(values: pd.Series, hint: str, uniques=None) -> str:
    point, comma = decimal_evidence(values, uniques)
    if point > comma:
        return "."
    if comma > point:
        return ","
    return hint


def _parse_numbers(col: pd.Series, decimal: str):
    """-> (float values with NaN, reason per row: None | 'blank' | 'text' | 'not_finite')."""
    out = np.full(len(col), np.nan)
    reason = np.full(len(col), None, dtype=object)
    if not len(col):
        return out, reason
    is_str, s = _split_typed(col)
    typed = col[~is_str]
    if len(typed):
        vals = pd.to_numeric(
            typed.map(
                lambda v: v if isinstance(v, (int, float)) and not isinstance(v, bool) else np.nan
            ),
            errors="coerce",
        )
        pos = np.flatnonzero(~is_str.to_numpy())
        v = vals.to_numpy(dtype=float)
        out[pos] = v
        reason[pos[np.isnan(v)]] = "blank"
    if len(s):
        pos = np.flatnonzero(is_str.to_numpy())
        low = s.str.strip().str.lower()
        missing = low.isin(MISSING).to_numpy()
        nonfinite = low.isin(NOT_FINITE).to_numpy()
        core, sign = _clean_number_text(s)
        if decimal == ",":
            ok = core.str.fullmatch(_COMMA.pattern)
            num = core.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            ok = core.str.fullmatch(_POINT.pattern)
            num = core.str.replace(",", "", regex=False)
        with np.errstate(over="ignore", invalid="ignore"):
            vals = pd.to_numeric(num.where(ok), errors="coerce").to_numpy(dtype=float)
            vals = vals * sign.to_numpy()
        ok = ok.to_numpy()
        r = np.where(
            missing,
            "blank",
            np.where(
                nonfinite,
                "not_finite",
                np.where(~ok, "text", np.where(~np.isfinite(vals), "not_finite", None)),
            ),
        )
        r = np.where(r == None, None, r)  # noqa: E711 - numpy object compare
        vals[r != None] = np.nan  # noqa: E711
        out[pos] = vals
        reason[pos] = r
    return out, reason


# ----------------------------------------------------------------------------- dates


def _year(y: pd.Series) -> pd.Series:
    y = pd.to_numeric(y, errors="coerce")
    return y.where(y >= 100, np.where(y < 70, 2000 + y, 1900 + y))


def date_order(col: pd.Series, hint: str = "dmy", uniques=None) -> tuple[str, bool]:
    """'dmy' or 'mdy' for the d/m/y-looking text of a column; True when the column is ambiguous."""
    _, s = _split_typed((uniques or _uniques(col))[1])
    parts = s.str.strip().str.extract(_DMY)
    a = pd.to_numeric(parts[0], errors="coerce")
    b = pd.to_numeric(parts[1], errors="coerce")
    day_first = int(((a > 12) & (b <= 12)).sum())
    month_first = int(((b > 12) & (a <= 12)).sum())
    if day_first > month_first:
        return "dmy", False
    if month_first > day_first:
        return "mdy", False
    return hint, bool(a.notna().any())


def _parse_dates(col: pd.Series, order: str, plausible: Plausible | None = None):
    """-> (datetime64 values, quarter text from a quarter cell or None, reason per row).
    Numbers (Excel cells, or text such as ``45292`` / ``45292,5`` in a CSV) are Excel serial
    dates when most of the column's numbers fall in the ``plausible`` window (see
    :func:`_serial_dates`)."""
    n = len(col)
    year = np.full(n, np.nan)
    month = np.full(n, np.nan)
    day = np.full(n, np.nan)
    quarter = np.full(n, None, dtype=object)
    reason = np.full(n, None, dtype=object)
    if not n:
        return pd.Series(pd.NaT, index=col.index), quarter, reason
    is_str, s = _split_typed(col)
    spos = np.flatnonzero(is_str.to_numpy())
    tpos = np.flatnonzero(~is_str.to_numpy())
    num_pos, num_val = [], []  # numbers: Excel serial dates or not, decided over the column
    for p in tpos:  # Excel cells: datetime/date objects or serial numbers (few distinct types)
        v = col.iat[p]
        if isinstance(v, datetime) or isinstance(v, date):
            year[p], month[p], day[p] = v.year, v.month, v.day
        elif v is None or (isinstance(v, float) and np.isnan(v)):
            reason[p] = "date_blank"
        elif isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            num_pos.append(p)
            num_val.append(float(v))
        else:
            reason[p] = "date_unparsable"
    if len(s):
        s = s.str.strip()
        missing = s.str.lower().isin(MISSING).to_numpy()
        got = np.zeros(len(s), dtype=bool)

        def put(mask, y, m, d):
            idx = np.flatnonzero(mask)
            year[spos[idx]] = y[idx]
            month[spos[idx]] = m[idx]
            day[spos[idx]] = d[idx]

        iso = s.str.extract(_ISO)
        m = iso[0].notna().to_numpy()
        put(
            m,
            _year(iso[0]).to_numpy(),
            pd.to_numeric(iso[1]).to_numpy(),
            pd.to_numeric(iso[2]).to_numpy(),
        )
        got |= m
        dmy = s.str.extract(_DMY)
        m = dmy[0].notna().to_numpy() & ~got
        first, second = pd.to_numeric(dmy[0]).to_numpy(), pd.to_numeric(dmy[1]).to_numpy()
        d, mo = (first, second) if order == "dmy" else (second, first)
        put(m, _year(dmy[2]).to_numpy(), mo, d)
        got |= m
        comp = s.str.extract(_COMPACT)
        m = comp[0].notna().to_numpy() & ~got
        put(
            m,
            pd.to_numeric(comp[0]).to_numpy(),
            pd.to_numeric(comp[1]).to_numpy(),
            pd.to_numeric(comp[2]).to_numpy(),
        )
        got |= m
        named = s.str.extract(_NAMED)
        mon = named[1].str.lower().str[:3].map(MONTHS)
        m = named[0].notna().to_numpy() & mon.notna().to_numpy() & ~got
        put(
            m,
            _year(named[2]).to_numpy(),
            mon.to_numpy(dtype=float),
            pd.to_numeric(named[0]).to_numpy(),
        )
        got |= m
        qt = s.str.extract(_QUARTER)
        qy = qt[0].fillna(qt[3])
        qn = qt[1].fillna(qt[2])
        m = qy.notna().to_numpy() & ~got
        quarter[spos[m]] = (qy[m] + "-Q" + qn[m]).to_numpy()
        got |= m
        serial = s.str.fullmatch(_SERIAL).to_numpy(dtype=bool) & ~got
        num_pos.extend(spos[serial].tolist())
        num_val.extend(pd.to_numeric(s[serial].str.replace(",", ".", regex=False)).tolist())
        got |= serial
        r = np.where(missing, "date_blank", np.where(got, None, "date_unparsable"))
        reason[spos] = np.where(r == None, reason[spos], r)  # noqa: E711
    if num_pos:
        _serial_dates(np.array(num_pos), np.array(num_val), plausible, (year, month, day), reason)
    has_parts = ~np.isnan(year)
    ts = pd.Series(pd.NaT, index=col.index, dtype="datetime64[s]")
    if has_parts.any():
        ok = has_parts & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31) & (year >= 1900)
        built = pd.to_datetime(
            pd.DataFrame(
                {
                    "year": np.where(ok, year, 2000),
                    "month": np.where(ok, month, 1),
                    "day": np.where(ok, day, 1),
                }
            ).astype("int64"),
            errors="coerce",
        )
        valid = ok & built.notna().to_numpy()
        ts = pd.Series(np.where(valid, built.to_numpy(), np.datetime64("NaT")), index=col.index)
        ts = ts.astype("datetime64[s]")
        bad = has_parts & ~valid
        reason[bad] = "date_impossible"
    return ts, quarter, reason


EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 date system, its 1900 leap-year bug included
MAX_SERIAL = 2958465  # 9999-12-31


def serial_window(plausible: Plausible | None = None) -> tuple[int, int]:
    """The Excel serial numbers of the plausible window's first and last day
    (defaults: 1990-01-01 = 32874 .. one year from today)."""
    plausible = plausible or Plausible()
    return (plausible.first - EXCEL_EPOCH).days, (plausible.last - EXCEL_EPOCH).days


def _serial_dates(pos, values, plausible, parts, reason) -> None:
    """Numbers in a date column: Excel serial dates (``45292`` = 2024-01-01; a fraction is the
    time of day) when most of the column's distinct numbers are days inside the plausible
    window; the odd one outside it is then a date outside the window (rejected as too early or
    too late, with its row and column). A column whose numbers are mostly not plausible serials
    (years, day numbers, amounts) is ambiguous: each number is rejected as not a date."""
    year, month, day = parts
    lo, hi = serial_window(plausible)
    whole = np.floor(values)
    inside = (whole >= lo) & (whole <= hi)
    distinct = pd.unique(whole)
    if 2 * len(pd.unique(whole[inside])) <= len(distinct):
        reason[pos] = "date_number"
        return
    ok = (whole >= 1) & (whole <= MAX_SERIAL)
    reason[pos[~ok]] = "date_impossible"
    days = whole[ok].astype("int64").astype("timedelta64[D]")
    stamps = pd.DatetimeIndex(np.datetime64(EXCEL_EPOCH, "D") + days)
    year[pos[ok]] = stamps.year
    month[pos[ok]] = stamps.month
    day[pos[ok]] = stamps.day


def quarter_of(ts: pd.Series) -> pd.Series:
    q = (ts.dt.month - 1) // 3 + 1
    return ts.dt.year.astype("Int64").astype(str) + "-Q" + q.astype("Int64").astype(str)


# ----------------------------------------------------------------------------- text


def _clean_text(col: pd.Series) -> pd.Series:
    """Cells as trimmed text, numbers from Excel without a spurious ``.0``; missing -> None."""

    def one(v):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, (datetime, date)):
            v = v.isoformat()
        return str(v)

    s = col.map(one) if len(col) else col.astype(object)
    s = s.astype(object)
    strs = strip_controls(s.dropna().astype(str)).str.strip()
    s.loc[strs.index] = strs
    missing = s.isna() | s.astype(str).str.lower().isin(MISSING)
    return s.where(~missing, None)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(s: pd.Series) -> pd.Series:
    """Text without control characters (NUL, escape, C1) nor bidirectional overrides, which
    would be stored invisibly in names or reverse how they read; tab and line breaks stay (names
    collapse them to spaces). Checked once over all the distinct values: usually nothing to do."""
    if not len(s) or not _CONTROLS.search("".join(s.tolist())):
        return s
    return s.str.replace(_CONTROLS, "", regex=True)


# ----------------------------------------------------------------------------- plausible values


class Plausible(NamedTuple):
    """What a line may hold (settings ``max_abs_amount``, ``date_min_year``,
    ``date_max_years_ahead``): larger amounts and dates outside the window are rejected rows.
    ``today`` fixes the window's end in tests."""

    max_abs_amount: float = 1e12
    min_year: int = 1990
    years_ahead: int = 1
    today: date | None = None

    @classmethod
    def from_settings(cls, values: dict) -> Plausible:
        return cls(
            float(values["max_abs_amount"]),
            int(values["date_min_year"]),
            int(values["date_max_years_ahead"]),
        )

    @property
    def first(self) -> date:
        return date(self.min_year, 1, 1)

    @property
    def last(self) -> date:
        today = self.today or date.today()
        try:
            return today.replace(year=today.year + self.years_ahead)
        except ValueError:  # 29 February
            return today.replace(year=today.year + self.years_ahead, day=28)

    def quarter_ok(self, quarter: str) -> bool:
        """A quarter (``YYYY-Qn``) is plausible when it starts inside the window and ends after
        its first day."""
        year, q = int(quarter[:4]), int(quarter[-1])
        return year >= self.min_year and date(year, 3 * q - 2, 1) <= self.last


def _implausible_amounts(cols, column, amount: np.ndarray, bad: np.ndarray, plausible) -> None:
    """Amounts larger than the limit (either sign): rejected on the amount column."""
    with np.errstate(invalid="ignore"):
        big = (np.abs(amount) > plausible.max_abs_amount) & ~bad
    if big.any():
        limit = int(plausible.max_abs_amount)
        cols.reject(big, column, "rej.amount_too_large", limit)
        bad |= big


def _implausible_dates(cols, column, quarter, line_date, bad: np.ndarray, plausible) -> None:
    """Dates (or quarter cells) outside the plausible window: rejected rows."""
    first = np.datetime64(plausible.first, "s")
    last = np.datetime64(plausible.last, "s")
    ts = np.asarray(line_date, dtype="datetime64[s]")
    has = ~np.isnat(ts)
    early = has & (ts < first)
    late = has & (ts > last)
    only_q = ~has & ~bad
    if only_q.any():  # (a str column as Python objects is ~65 bytes a row: only when needed)
        qtext = np.asarray(quarter, dtype=object)
        only_q &= pd.notna(qtext)
    if only_q.any():  # quarter cells (``2024-Q1``), judged once per distinct quarter
        outside = [q for q in pd.unique(qtext[only_q]) if not plausible.quarter_ok(str(q))]
        too_early = [q for q in outside if int(str(q)[:4]) < plausible.min_year]
        early |= only_q & np.isin(qtext, too_early)
        late |= only_q & np.isin(qtext, [q for q in outside if q not in too_early])
    early &= ~bad
    late &= ~bad & ~early
    if early.any():
        cols.reject(early, column, "rej.date_too_early", plausible.min_year)
    if late.any():
        cols.reject(late, column, "rej.date_too_late", plausible.years_ahead)
    bad |= early | late


# ----------------------------------------------------------------------------- distinct values
# Real files repeat themselves (a few hundred dates, a few thousand customers per million lines):
# every parser runs once per distinct value and the result is spread back with the codes.


def _uniques(col: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(codes into uniques, uniques as an object Series whose last entry is the missing value)."""
    if col.dtype == object:
        codes, uniq = pd.factorize(col.to_numpy(dtype=object), use_na_sentinel=True)
    else:  # str columns from the Arrow CSV path: hashed natively, same codes and uniques
        codes, uniq = pd.factorize(col.array, use_na_sentinel=True)
        uniq = uniq.to_numpy(dtype=object)
    u = pd.Series(list(uniq) + [None], dtype=object)
    # int32 codes: half the memory of every column's codes (all are held through validate).
    codes = codes.astype(np.int32 if len(u) < 2**31 else np.int64, copy=False)
    codes[codes < 0] = len(u) - 1
    return codes, u


def parse_numbers(col: pd.Series, decimal: str, uniques=None):
    """-> (float values with NaN, reason per row: None | 'blank' | 'text' | 'not_finite')."""
    codes, u = (uniques or _uniques(col))[:2]
    vals, why = _parse_numbers(u, decimal)
    return vals[codes], why[codes]


def parse_dates(col: pd.Series, order: str, plausible: Plausible | None = None):
    """-> (datetime64 values, quarter text from a quarter cell or None, reason per row)."""
    codes, u = _uniques(col)
    ts, quarter, why = _parse_dates(u, order, plausible)
    return (pd.Series(ts.to_numpy()[codes], index=col.index), quarter[codes], why[codes])


def clean_text(col: pd.Series, collapse: bool = False) -> pd.Series:
    """Cells as trimmed text, numbers from Excel without a spurious ``.0``; missing -> None.
    ``collapse``: runs of whitespace become one space (account names, F-IN-5)."""
    codes, text = clean_text_coded(col, collapse)
    return pd.Series(text[codes], index=col.index, dtype=object)


def clean_text_coded(
    col: pd.Series, collapse: bool = False, uniques=None
) -> tuple[np.ndarray, np.ndarray]:
    """``clean_text`` as (codes, distinct cleaned values as an object array)."""
    codes, u = (uniques or _uniques(col))[:2]
    text = _clean_text(u)
    if collapse:
        text = collapse_spaces(text.astype("string")).astype(object).where(text.notna(), None)
    return codes, text.to_numpy(dtype=object)


def spread_text(codes: np.ndarray, values: np.ndarray):
    """``values[codes]`` as the column pandas would make of it (``str`` when there is any text),
    built by Arrow from the distinct values instead of one Python object per row."""
    if not len(codes) or pd.isna(values).all():
        return values[codes]
    import pyarrow as pa

    arr = pa.array(values, type=pa.large_string()).take(pa.array(codes))
    return pd.array(arr, dtype="str")


def _combine(codes_a, values_a, codes_b, values_b, fn):
    """Codes and distinct values of ``fn(a, b)`` over the distinct (a, b) pairs of two columns."""
    pair = codes_a.astype(np.int64) * (len(values_b) + 1) + codes_b
    codes, upair = pd.factorize(pair)
    a, b = upair // (len(values_b) + 1), upair % (len(values_b) + 1)
    values = np.array(
        [fn(values_a[i], values_b[j]) for i, j in zip(a, b, strict=True)] or [], dtype=object
    )
    return codes.reshape(-1), values


def collapse_spaces(s: pd.Series) -> pd.Series:
    return s.str.replace(r"\s+", " ", regex=True).str.strip()


# ----------------------------------------------------------------------------- the rows


REASON_KEYS = {
    ("amount", "blank"): "rej.amount_blank",
    ("amount", "text"): "rej.amount_text",
    ("amount", "not_finite"): "rej.amount_not_finite",
}


def validate(
    raw,
    mapping: dict,
    *,
    decimal_hint: str,
    date_hint: str = "dmy",
    date_order_override: str | None = None,
    default_quarter: str | None = None,
    uniques: dict | None = None,
    plausible: Plausible | None = None,
):
    """Raw table + mapping -> (lines, rejects, info). Never raises on row content.
    ``uniques``: column -> ``_uniques(column)`` already computed (by the caller's hints).
    ``plausible``: the amount and date window beyond which a row is rejected (defaults)."""
    info = {"decimal": {}, "date_order": None, "date_ambiguous": False}
    cols = _Columns(raw.data, {} if uniques is None else uniques, decimal_hint, info)
    accounts = _accounts(cols, mapping)
    bad = accounts.missing.copy()
    parts = amount_parts(mapping.get("amount"), raw.columns)
    amount, parsed = _amount(cols, parts, bad)
    plausible = plausible or Plausible()
    _implausible_amounts(cols, parts[0], amount, bad, plausible)
    if mapping.get("date"):
        quarter, line_date = _dates(
            cols, mapping["date"], date_hint, date_order_override, bad, plausible
        )
        _implausible_dates(cols, mapping["date"], quarter, line_date, bad, plausible)
    else:
        quarter = np.full(len(raw.data), default_quarter, dtype=object)
        line_date = pd.Series(pd.NaT, index=raw.data.index, dtype="datetime64[s]").to_numpy()
    lines = _lines(cols, mapping, raw.source_rows, accounts, amount, parsed, quarter, line_date)
    if bad.any():  # (filtering copies every column)
        lines = lines[~bad].reset_index(drop=True)
    return lines, _rejects_frame(raw, cols.problems), info


class _Columns:
    """The raw frame's columns as ``validate`` reads them. Each column's distinct values are
    computed once (and shared with the caller's hints): every parser runs on those, and the
    rejects are collected here, in the order they are found, as (positions, column, key, values).
    """

    def __init__(self, df: pd.DataFrame, uniques: dict, decimal_hint: str, info: dict):
        self.df = df
        self.uniques = uniques
        self.decimal_hint = decimal_hint
        self.info = info
        self.problems = []

    def reject(self, mask, column, key, expected=None):
        """Record the rows of ``mask`` as rejected for ``key``, with the cell as the file had it."""
        idx = np.flatnonzero(mask)
        if len(idx):
            vals = self.df[column].iloc[idx].map(lambda v: "" if v is None else str(v)).to_numpy()
            self.problems.append((idx, column, key, vals, expected))

    def distinct(self, column):
        """``_uniques`` of a column, computed on first use only."""
        if column not in self.uniques:
            self.uniques[column] = _uniques(self.df[column])
        return self.uniques[column]

    def text(self, column, collapse=False):
        """The column's cleaned text as (codes, distinct values)."""
        return clean_text_coded(self.df[column], collapse, self.distinct(column))

    def as_column(self, coded, column=None):
        """The cleaned text as a column; the file's own column (no copy) when cleaning left
        every distinct value as it was (Arrow-read text that is already trimmed)."""
        codes, values = coded
        if column is not None and self._unchanged(coded, column):
            return self.df[column].array
        return spread_text(codes, values)

    def _unchanged(self, coded, column) -> bool:
        """True when ``coded`` is the str column's own distinct values, none missing: cleaning
        changed nothing, so the column can be reused as it is."""
        if self.df[column].dtype == object:
            return False
        codes, values = coded
        raw_codes, raw_u = self.distinct(column)[:2]
        return bool(
            codes is raw_codes
            and len(raw_u) == len(values)
            and (codes < len(values) - 1).all()  # no missing cell
            and all(type(a) is str and a == b for a, b in zip(raw_u[:-1], values[:-1], strict=True))
        )

    def numbers(self, column):
        """Parse a numeric column with the decimal separator its own values prove (else the
        hint), noting the choice in ``info``; -> (values, reason per row)."""
        if len(self.distinct(column)) == 2:
            self.uniques[column] = with_evidence(self.uniques[column])
        dec = decide_decimal(self.df[column], self.decimal_hint, self.uniques[column])
        self.info["decimal"][column] = dec
        return parse_numbers(self.df[column], dec, self.uniques[column])


class _Accounts(NamedTuple):
    """Account columns as (codes, distinct values) until the lines are built."""

    key: tuple  # what identifies the account
    display: tuple  # what the account is called
    name: tuple | None  # cleaned name column, if mapped
    acc_id: tuple | None  # cleaned id column, if mapped
    missing: np.ndarray  # rows without a key (already rejected)


def _accounts(cols: _Columns, mapping: dict) -> _Accounts:
    """Account: id when mapped (F-IN-5), else the trimmed, whitespace-collapsed name. The name
    shown is the name, or the id where the name is blank. Rows without a key are rejected."""
    name = cols.text(mapping["account"], collapse=True) if mapping.get("account") else None
    acc_id = cols.text(mapping["account_id"]) if mapping.get("account_id") else None
    if acc_id is None:
        key_missing = _none(name)
        cols.reject(key_missing, mapping["account"], "rej.account_blank")
        return _Accounts(name, name, name, None, key_missing)
    key = cols.text(mapping["account_id"], collapse=True)
    key_missing = _none(key)
    cols.reject(key_missing, mapping["account_id"], "rej.account_blank")
    if name is None:
        display = key
    elif not _none(name).any():
        display = name
    else:
        display = _combine(*name, *key, lambda a, b: b if pd.isna(a) else a)
    return _Accounts(key, display, name, acc_id, key_missing)


def _amount_column(cols: _Columns, column: str, bad: np.ndarray) -> np.ndarray:
    """One amount column's values; its unreadable cells are rejected and marked in ``bad``."""
    values, why = cols.numbers(column)
    for r in ("blank", "text", "not_finite"):
        cols.reject(why == r, column, REASON_KEYS[("amount", r)])
    bad |= why != None  # noqa: E711
    return values


def _amount(cols: _Columns, parts: list, bad: np.ndarray) -> tuple[np.ndarray, dict]:
    """Amount from one column, or quantity x unit price -> (amount, values per part column).
    A product that overflows is rejected on the first part; rejected rows are marked in ``bad``."""
    if len(parts) == 1:
        return _amount_column(cols, parts[0], bad), {}
    amount = np.ones(len(cols.df))
    parsed = {}
    for p in parts:
        parsed[p] = _amount_column(cols, p, bad)
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a reject below
            amount = amount * parsed[p]
    with np.errstate(over="ignore", invalid="ignore"):
        over = ~np.isfinite(amount) & ~bad
    cols.reject(over, parts[0], "rej.amount_not_finite")
    bad |= over
    return amount, parsed


def _dates(
    cols: _Columns,
    column: str,
    hint: str,
    override: str | None,
    bad: np.ndarray,
    plausible: Plausible | None = None,
):
    """Date column -> (quarter per row, date per row). The day/month order is decided over the
    whole column unless overridden; unreadable dates are rejected and marked in ``bad``. Parsed
    once per distinct value (as ``parse_dates``), keeping them for the quarters."""
    order, ambiguous = date_order(cols.df[column], hint, cols.distinct(column))
    if override in ("dmy", "mdy"):
        order, ambiguous = override, False
    cols.info["date_order"], cols.info["date_ambiguous"] = order, ambiguous
    codes, u = cols.distinct(column)[:2]
    uts, uqtext, uwhy = _parse_dates(u, order, plausible)
    why = uwhy[codes]
    for r in ("date_blank", "date_unparsable", "date_impossible", "date_number"):
        cols.reject(why == r, column, f"rej.{r}")
    bad |= why != None  # noqa: E711
    uquarter = quarter_of(pd.Series(uts.to_numpy())).astype(object).to_numpy()
    uquarter = np.where(pd.isna(uts).to_numpy(), uqtext, uquarter)
    return spread_text(codes, uquarter), uts.to_numpy()[codes]


def _lines(cols: _Columns, mapping, rows, accounts: _Accounts, amount, parsed, quarter, line_date):
    """Every row as a revenue line (rejected rows are dropped by the caller)."""
    acc_id = accounts.acc_id
    lines = pd.DataFrame(
        {
            "source_row": rows,
            "account_key": cols.as_column(
                accounts.key, mapping.get("account_id") or mapping["account"]
            ),
            "account_name": cols.as_column(
                accounts.display,
                mapping.get("account") if accounts.display is accounts.name else None,
            ),
            "account_id": (
                cols.as_column(acc_id, mapping["account_id"]) if acc_id is not None else None
            ),
            "line_date": line_date,
            "quarter": quarter,
            "amount": amount,
        },
        copy=False,  # the arrays are this function's own: no second copy of every column
    )
    _add_optional_fields(cols, mapping, lines, parsed)
    return lines.drop(columns=["cost"], errors="ignore")


def _add_optional_fields(cols: _Columns, mapping, lines: pd.DataFrame, parsed: dict) -> None:
    """Optional numbers (unreadable -> empty, not a reject; quantity and unit price reuse the
    amount's parse), margin from cost when only cost is mapped, and the text fields."""
    # A field the file does not have is left out (commit stores it as NULL): a column of NaN or
    # None per line was 40 MB per field at 5M lines.
    for f in NUMERIC_FIELDS:
        if f in ("quantity", "unit_price") and f in mapping and mapping[f] in parsed:
            lines[f] = parsed[mapping[f]]
        elif mapping.get(f):
            lines[f] = cols.numbers(mapping[f])[0]
    if mapping.get("cost") and not mapping.get("margin"):
        lines["margin"] = lines["amount"] - lines["cost"]
    for f in TEXT_FIELDS:
        if mapping.get(f):
            lines[f] = cols.as_column(cols.text(mapping[f]), mapping[f])


def _none(coded) -> np.ndarray:
    """Rows whose cleaned text is missing."""
    codes, values = coded
    return np.asarray(pd.isna(values), dtype=bool)[codes]


def _rejects_frame(raw, problems) -> pd.DataFrame:
    frames = []
    for idx, column, key, vals, expected in problems:
        frames.append(
            pd.DataFrame(
                {
                    "row": raw.source_rows[idx],
                    "column": column,
                    "reason": key,
                    "value": vals,
                    "expected": pd.array([expected] * len(idx), dtype="Int64"),
                }
            )
        )
    if len(raw.ragged):
        rg = raw.ragged
        frames.append(
            pd.DataFrame(
                {
                    "row": rg["row"].to_numpy(dtype=np.int64),
                    "column": "",
                    "reason": "rej.ragged",
                    "value": rg["got"].astype(int).astype(str).to_numpy(),
                    "expected": pd.array(rg["expected"].astype(int), dtype="Int64"),
                }
            )
        )
    if not frames:
        out = pd.DataFrame(
            {
                "row": pd.Series([], dtype=np.int64),
                "column": [],
                "reason": [],
                "value": [],
                "expected": pd.array([], dtype="Int64"),
            }
        )
    else:
        out = pd.concat(frames, ignore_index=True)
    out.insert(0, "file", raw.file_name)
    return out.sort_values(["row", "column"], kind="mergesort").reset_index(drop=True)
