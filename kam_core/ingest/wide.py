"""Wide reports (F-IN-8): one row per account, one column per period, turned into long lines.

May import only pandas, numpy, the standard library, ``kam_core.common.quarter`` and
``kam_core.ingest.totals`` (pure, no I/O). Nothing here reads a file or parses an amount.

Public API
    ``Period``: what a header means: ``kind`` (``month``/``quarter``/``year``), ``year``,
    ``month`` (months only), ``quarter_number`` (months and quarters), ``quarters`` (every quarter
    it covers), ``quarter`` (the one its lines land in) and ``date``.
    ``parse_period_header(text, title_year=None) -> Period | None``: read one header.
    ``find_year_in_title(title_rows) -> int | None``: the year stated in the title block.
    ``WideLayout`` / ``detect_wide(columns, title_year=None) -> WideLayout | None``: which columns
    are periods, ids, totals and skipped periods.
    ``melt(frame, layout) -> pd.DataFrame``: the long lines.

Headers understood (accents, case, dots and extra spaces ignored; a two-digit year ``yy`` is
``20yy``):
  * months: ``Ene 2024``, ``ene-24``, ``enero-24``, ``Enero 2024``, ``enero de 2024``, ``Jan 2024``,
    ``Jan-24``, ``January 2024``, ``2024 ene``, ``01/2024``, ``1/2024``, ``2024-01``, ``2024/01``,
    ``202401``, an ISO first of the month ``2024-01-01`` (with or without a zero time), a date
    or datetime cell, and a bare month name (``Enero``, ``January``) only when ``title_year`` is
    given;
  * quarters: ``T1 2025``, ``1T 2025``, ``1T25``, ``Q1 2025``, ``Q1-2025``, ``2025-Q1``,
    ``2025 Q1``, ``1er trimestre 2025``, ``1º trimestre 2025``, ``Trimestre 1 2025``,
    ``primer trimestre 2025``, ``1st quarter 2025``, ``first quarter 2025`` and, with
    ``title_year``, the same without a year (``T1``, ``Q1``, ``1er trimestre``);
  * years: ``2024`` (1990-2100, text or a number cell), ``Año 2024``, ``FY2024``, ``FY24``,
    ``Ejercicio 2024``, ``Year 2024``.
Anything else (``Cliente``, ``Total``, ``Región``, ``01/24``, ``2024-13``) is not a period.

Where the lines land: a month on its first day and its quarter; a quarter on its first day and
that quarter; a YEAR column is not spread over its quarters: its lines are dated ``YYYY-12-31``,
land in ``YYYY-Q4`` and carry ``period_kind = "year"`` so the preview can say so.

Layout rules (``detect_wide``): total headers (``totals.is_total_label``: ``Total``,
``Total general``, ``Suma``, ``Grand total``, ``Total 2024``...) are never periods. The report's
kind is the kind most headers have (ties: the finer kind). Headers of a coarser kind that cover a
chosen period (``T1 2024`` or ``2024`` next to monthly columns of 2024) are subtotals, so total
columns; other period headers (another kind, a repeated period, periods outside the main block)
are skipped: listed, never read. The main block is the longest run of chosen-kind columns not
interrupted by an id column; it needs at least two periods, else the file is not wide (None).
"""

from __future__ import annotations

import numbers
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from kam_core.common.quarter import quarter_of
from kam_core.ingest.totals import is_total_label

KINDS = ("month", "quarter", "year")  # finest first
OUTPUT_COLUMNS = ("period_label", "period_kind", "quarter", "date", "amount", "source_row")

_MONTHS = {
    **dict.fromkeys(["enero", "ene", "january", "jan"], 1),
    **dict.fromkeys(["febrero", "feb", "february"], 2),
    **dict.fromkeys(["marzo", "mar", "march"], 3),
    **dict.fromkeys(["abril", "abr", "april", "apr"], 4),
    **dict.fromkeys(["mayo", "may"], 5),
    **dict.fromkeys(["junio", "jun", "june"], 6),
    **dict.fromkeys(["julio", "jul", "july"], 7),
    **dict.fromkeys(["agosto", "ago", "august", "aug"], 8),
    **dict.fromkeys(["septiembre", "setiembre", "sep", "sept", "set", "september"], 9),
    **dict.fromkeys(["octubre", "oct", "october"], 10),
    **dict.fromkeys(["noviembre", "nov", "november"], 11),
    **dict.fromkeys(["diciembre", "dic", "december", "dec"], 12),
}
_ORDINAL_WORDS = {
    **dict.fromkeys(["primer", "primero", "first"], 1),
    **dict.fromkeys(["segundo", "second"], 2),
    **dict.fromkeys(["tercer", "tercero", "third"], 3),
    **dict.fromkeys(["cuarto", "fourth"], 4),
}

_Y = r"(?P<y>\d{4}|\d{2})"
_Y4 = r"(?P<y>\d{4})"
_SEP = r"\s*(?:del?\s+|[-/_.' ]\s*)?"  # between the parts: space, - / _ . ' or "de"/"del"
_OPT_Y = rf"(?:{_SEP}{_Y})?"
_Q = r"(?P<q>[1-4])"
_QWORD = r"(?:trimestre|trim|quarter|qtr)"
_ORD = r"(?:er|ero|o|a|do|ro|to|st|nd|rd|th)?"
_MONTH_PATTERNS = [
    re.compile(rf"(?P<name>[a-z]+){_OPT_Y}"),
    re.compile(rf"{_Y4}{_SEP}(?P<name>[a-z]+)"),
    re.compile(r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})\s*[/.-]\s*(?P<m>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>0[1-9]|1[0-2])"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-01(?:[ t]00:00(?::00(?:\.0+)?)?)?"),
]
_QUARTER_PATTERNS = [
    re.compile(rf"[qt]\s*{_Q}{_OPT_Y}"),
    re.compile(rf"{_Q}\s*[qt]{_OPT_Y}"),
    re.compile(rf"{_Y4}{_SEP}[qt]\s*{_Q}"),
    re.compile(rf"{_Q}\s*{_ORD}\.?\s*{_QWORD}{_OPT_Y}"),
    re.compile(rf"{_QWORD}\s*{_Q}{_OPT_Y}"),
    re.compile(rf"(?P<word>[a-z]+)\s+{_QWORD}{_OPT_Y}"),
]
_YEAR_PATTERNS = [
    re.compile(r"(?P<y>\d{4})(?:\.0+)?"),
    re.compile(r"(?:ano|anio|ejercicio|year|fiscal year|ano fiscal)\s*[-:/]?\s*(?P<y>\d{4})"),
    re.compile(r"fy\s*[-:/]?\s*(?P<y>\d{4}|\d{2})"),
]
_TITLE_YEAR = re.compile(r"(?<!\d)(19[9]\d|20\d\d|2100)(?!\d)")
_ZERO = re.compile(
    r"[\s\u00a0+\-(]*(?:€|\$|£|eur)?\s*0+(?:[.,]0+)*\s*(?:€|\$|£|eur)?[\s\u00a0)\-]*",
    re.IGNORECASE,
)
# Written-out blanks make no line; Excel errors (#N/A, #VALUE!) go on for the validator to report.
_BLANKS = {"-", "--", "–", "—", "na", "n/a", "null", "none"}


@dataclass(frozen=True)
class Period:
    """What a period header means (``month`` is None unless ``kind == "month"``)."""

    kind: str
    year: int
    month: int | None = None
    quarter_number: int | None = None

    @property
    def quarters(self) -> tuple[str, ...]:
        """Every quarter the period covers: one, or four for a year."""
        if self.kind == "year":
            return tuple(f"{self.year}-Q{n}" for n in range(1, 5))
        return (f"{self.year}-Q{self.quarter_number}",)

    @property
    def quarter(self) -> str:
        """The quarter its lines land in (a year's lines land in its Q4)."""
        return self.quarters[-1]

    @property
    def date(self) -> date:
        if self.kind == "month":
            return date(self.year, self.month, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.quarter_number - 2, 1)
        return date(self.year, 12, 31)

    def covers(self, other: Period) -> bool:
        """True when ``other`` is a finer period inside this one (a year covers its quarters)."""
        coarser = KINDS.index(self.kind) > KINDS.index(other.kind)
        return coarser and set(other.quarters) <= set(self.quarters)


def _month(year: int, month: int) -> Period | None:
    if not 1 <= month <= 12 or not _plausible(year):
        return None
    number = int(quarter_of(year, month)[-1])
    return Period("month", year, month, number)


def _quarter(year: int, number: int) -> Period | None:
    return Period("quarter", year, None, number) if _plausible(year) else None


def _year(year: int) -> Period | None:
    return Period("year", year) if _plausible(year) else None


def _plausible(year: int) -> bool:
    return 1990 <= year <= 2100


def _full_year(text: str | None, title_year: int | None) -> int | None:
    if text is None:
        return title_year
    return 2000 + int(text) if len(text) == 2 else int(text)


def _clean(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", plain).strip(" .:")


# --------------------------------------------------------------------------- one header


def _from_value(value) -> Period | None:
    """Typed cells: dates and datetimes are months, whole numbers 1990-2100 are years."""
    if isinstance(value, datetime | date):
        if pd.isna(value):
            return None
        return _month(value.year, value.month)
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return _year(int(value))
    return None


def _match_month(s: str, title_year: int | None) -> Period | None:
    for pattern in _MONTH_PATTERNS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS.get(groups["name"]) if "name" in groups else int(groups["m"])
        year = _full_year(groups.get("y"), title_year)
        if month is not None and year is not None:
            return _month(year, month)
    return None


def _match_quarter(s: str, title_year: int | None) -> Period | None:
    for pattern in _QUARTER_PATTERNS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        groups = m.groupdict()
        number = _ORDINAL_WORDS.get(groups["word"]) if "word" in groups else int(groups["q"])
        year = _full_year(groups.get("y"), title_year)
        if number is not None and year is not None:
            return _quarter(year, number)
    return None


def _match_year(s: str) -> Period | None:
    for pattern in _YEAR_PATTERNS:
        m = pattern.fullmatch(s)
        if m:
            return _year(_full_year(m.group("y"), None))
    return None


def parse_period_header(text, title_year: int | None = None) -> Period | None:
    """The period a column header names, or None (forms in the module docstring).

    ``title_year`` (from ``find_year_in_title``) completes headers without a year (``Enero``,
    ``T1``); headers with their own year ignore it.
    """
    if text is None or not isinstance(text, str):
        return _from_value(text)
    s = _clean(text)
    if not s or is_total_label(s):
        return None
    return _match_year(s) or _match_quarter(s, title_year) or _match_month(s, title_year)


def find_year_in_title(title_rows: list[list]) -> int | None:
    """The one year (1990-2100) stated in the rows above the header, or None if none or several.

    ``Ventas por cliente - Ejercicio 2024`` and ``Del 01/01/2024 al 31/12/2024`` give 2024;
    ``Comparativa 2023-2024`` gives None (bare months there would be ambiguous).
    """
    years: set[int] = set()
    for row in title_rows:
        for cell in row:
            years.update(_years_in_cell(cell))
    return years.pop() if len(years) == 1 else None


def _years_in_cell(cell) -> set[int]:
    if isinstance(cell, datetime | date):
        return set() if pd.isna(cell) else {cell.year}
    if isinstance(cell, numbers.Real) and not isinstance(cell, bool):
        period = _from_value(cell)
        return {period.year} if period else set()
    if isinstance(cell, str):
        return {int(y) for y in _TITLE_YEAR.findall(cell)}
    return set()


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class WideLayout:
    """How a wide report reads. Columns are kept as the frame names them (not only str)."""

    kind: str
    period_columns: tuple[tuple[object, Period], ...]
    id_columns: tuple = ()
    total_columns: tuple = ()
    skipped_columns: tuple = ()


def _classify(columns: list, title_year: int | None) -> list[tuple[str, Period | None]]:
    out: list[tuple[str, Period | None]] = []
    for col in columns:
        if isinstance(col, str) and is_total_label(col):
            out.append(("total", None))
            continue
        period = parse_period_header(col, title_year)
        out.append(("period", period) if period else ("id", None))
    return out


def _chosen_kind(periods: list[Period]) -> str | None:
    counts = {k: sum(p.kind == k for p in periods) for k in KINDS}
    best = max(KINDS, key=lambda k: (counts[k], -KINDS.index(k)))
    return best if counts[best] >= 2 else None


def _main_run(classes: list[tuple[str, Period | None]], kind: str) -> list[int]:
    """Positions of the chosen-kind periods in the longest run not broken by an id column."""
    runs: list[list[int]] = [[]]
    for pos, (role, period) in enumerate(classes):
        if role == "id":
            runs.append([])
        elif role == "period" and period.kind == kind:
            runs[-1].append(pos)
    return max(runs, key=len)


def _first_of_each_period(positions: list[int], classes) -> list[int]:
    seen: set[Period] = set()
    keep = []
    for pos in positions:
        period = classes[pos][1]
        if period not in seen:
            seen.add(period)
            keep.append(pos)
    return keep


def detect_wide(columns: list, title_year: int | None = None) -> WideLayout | None:
    """The layout of a wide report, or None when fewer than two columns read as periods."""
    columns = list(columns)
    classes = _classify(columns, title_year)
    kind = _chosen_kind([p for role, p in classes if role == "period"])
    if kind is None:
        return None
    main = _first_of_each_period(_main_run(classes, kind), classes)
    if len(main) < 2:
        return None
    chosen = [classes[pos][1] for pos in main]
    roles = {pos: "period" for pos in main}
    for pos, (role, period) in enumerate(classes):
        if role == "total" or (role == "period" and any(period.covers(c) for c in chosen)):
            roles.setdefault(pos, "total")
        elif role == "period":
            roles.setdefault(pos, "skipped")
    return WideLayout(
        kind=kind,
        period_columns=tuple((columns[pos], classes[pos][1]) for pos in main),
        id_columns=tuple(c for pos, c in enumerate(columns) if pos not in roles),
        total_columns=tuple(c for pos, c in enumerate(columns) if roles.get(pos) == "total"),
        skipped_columns=tuple(c for pos, c in enumerate(columns) if roles.get(pos) == "skipped"),
    )


# --------------------------------------------------------------------------- melt


def _blank_or_zero(cells: pd.Series) -> pd.Series:
    """Cells that make no line: missing, blank, a dash, ``n/a``, or a zero however written."""
    missing = cells.isna()
    if pd.api.types.is_numeric_dtype(cells.dtype):
        return missing | cells.eq(0)
    text = cells.astype("string").str.strip().fillna("")
    numbers = pd.to_numeric(cells.where(~cells.map(lambda v: isinstance(v, str))), errors="coerce")
    return (
        missing
        | text.eq("")
        | text.str.lower().isin(_BLANKS)
        | text.str.fullmatch(_ZERO).fillna(False).astype(bool)
        | numbers.eq(0).fillna(False).astype(bool)
    )


def melt(frame: pd.DataFrame, layout: WideLayout) -> pd.DataFrame:
    """Long lines: the id columns, then ``OUTPUT_COLUMNS``.

    One line per account row and period column whose cell is not blank or zero, in row order then
    column order. ``amount`` is the cell exactly as read (text or number: the validator parses
    it); ``source_row`` is the row's label in ``frame.index``; ``date`` is a datetime64 column.
    Raises ValueError when an id column has one of the output names.
    """
    ids = list(layout.id_columns)
    clash = [c for c in ids if c in OUTPUT_COLUMNS]
    if clash:
        raise ValueError(f"id columns named like output columns: {clash}")
    cols = [c for c, _ in layout.period_columns]
    periods = [p for _, p in layout.period_columns]
    if not cols:
        return pd.DataFrame(columns=[*ids, *OUTPUT_COLUMNS])
    # Every cell at once, row by row (row-major): the lines come out in row order, then column
    # order, with one pass over the cells instead of one per column.
    cells = frame[cols].to_numpy(dtype=object).ravel()
    keep = ~_blank_or_zero(pd.Series(cells, dtype=object)).to_numpy()
    row = np.repeat(np.arange(len(frame)), len(cols))[keep]
    col = np.tile(np.arange(len(cols)), len(frame))[keep]
    long = frame[ids].iloc[row].reset_index(drop=True)

    def per_column(values) -> np.ndarray:
        return np.asarray(values, dtype=object)[col]

    long["period_label"] = per_column([str(c) for c in cols])
    long["period_kind"] = per_column([p.kind for p in periods])
    long["quarter"] = per_column([p.quarter for p in periods])
    long["date"] = pd.to_datetime(pd.Series(per_column([p.date for p in periods]), dtype=object))
    long["amount"] = cells[keep]
    long["source_row"] = frame.index.to_numpy()[row]
    return long
