"""What a review pack is made of, and how a table cell is written, shared by ``deck`` and ``pdf``.

A pack is a list of blocks: ``Heading``, ``Kpis``, ``Image``, ``Table``, ``Paragraphs`` and
``PageBreak``. Blocks hold plain data and finished text (already translated); numbers in tables
are formatted here, per column, in the document's language, so a slide and a PDF page show
``1.234.567`` in Spanish and ``1,234,567`` in English from the same frame.

Column formats (``Table.formats`` / ``Deck.table_slide(formats=...)``), by column name:

===================  ===============================================  =============
``"text"``           ``str(value)`` (the default)                     left-aligned
``"int"``            ``1,234`` / ``1.234``                            right
``"num1"``           one decimal                                      right
``"num2"``           two decimals                                     right
``"money"``          amount, no decimals                              right
``"money_compact"``  ``1.2M`` / ``1,2 M``                             right
``"pct"``            fraction -> ``12.3%`` / ``12,3 %``               right
``"pct0"``           fraction -> ``12%`` / ``12 %``                   right
``"growth"``         fraction -> ``+12.3%`` / ``−4.0%``               right
``"date"``           ``2024-03-31`` / ``31/03/2024``                  left
``"numtext"``        a number already written as text (a figures     right
                     table mixing counts, amounts and shares)
a callable           ``f(value, lang) -> str``                        left
===================  ===============================================  =============

Missing values (None, NaN, NaT) show as an en dash.

``keep_units`` joins a number to its unit with a no-break space ("21,4 %", "1,2 M"): Spanish
writes a space there, and a line must not break inside the figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from kam_core.i18n import fmt_date, fmt_money, fmt_num, fmt_pct

# The app's chart colours (kam_core.charts.theme): navy and blue for data, orange as the one accent.
NAVY = "#1f4e79"
BLUE = "#4f8fc0"
ACCENT = "#e07b00"
INK = "#222222"  # body text
MUTED = "#5f6b7a"  # captions, labels, footers
RULE = "#d5dbe3"  # table lines
BAND = "#f2f5f9"  # alternate table rows

MISSING = "–"

Format = str | Callable[[object, str], str]


@dataclass(frozen=True)
class Heading:
    """A section title."""

    text: str


@dataclass(frozen=True)
class Kpis:
    """Headline figures: ``[(label, value_text), ...]`` with values already formatted."""

    items: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Image:
    """A PNG (e.g. ``images.png(fig)``) with an optional caption."""

    png: bytes
    caption: str | None = None


@dataclass(frozen=True)
class Table:
    """Rows of ``df``; ``columns`` maps the column names to show, in order, to their headers."""

    df: pd.DataFrame
    columns: Mapping[str, str]
    formats: Mapping[str, Format] = field(default_factory=dict)
    max_rows: int | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Paragraphs:
    """Plain-text paragraphs (e.g. the written brief)."""

    lines: Sequence[str]


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (PDF)."""


Block = Heading | Kpis | Image | Table | Paragraphs | PageBreak


_UNIT_SPACE = re.compile(r"(?<=\d) (?=%|k\b|M\b|mil\b)")


def keep_units(text: str) -> str:
    """``text`` with a no-break space between a number and its %, k, M or "mil"."""
    return _UNIT_SPACE.sub("\u00a0", text)


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other non-scalars
        return False


def _growth(value, lang: str) -> str:
    text = fmt_pct(value, lang, 1)
    return ("+" + text) if float(value) > 0 and text[0].isdigit() else text


_FORMATTERS: dict[str, Callable[[object, str], str]] = {
    "text": lambda v, lang: str(v),
    "int": lambda v, lang: fmt_num(v, lang, 0),
    "num1": lambda v, lang: fmt_num(v, lang, 1),
    "num2": lambda v, lang: fmt_num(v, lang, 2),
    "money": lambda v, lang: fmt_money(v, lang, 0),
    "money_compact": lambda v, lang: fmt_money(v, lang, compact=True),
    "pct": lambda v, lang: fmt_pct(v, lang, 1),
    "pct0": lambda v, lang: fmt_pct(v, lang, 0),
    "growth": _growth,
    "date": lambda v, lang: fmt_date(v, lang),
    "numtext": lambda v, lang: str(v),
}

NUMERIC_FORMATS = frozenset(
    {"int", "num1", "num2", "money", "money_compact", "pct", "pct0", "growth", "numtext"}
)


def format_cell(value, fmt: Format, lang: str) -> str:
    """One cell as text in ``lang``; a missing value is an en dash."""
    if _is_missing(value):
        return MISSING
    if callable(fmt):
        return str(fmt(value, lang))
    if fmt not in _FORMATTERS:
        raise ValueError(f"unknown column format {fmt!r}; one of {sorted(_FORMATTERS)}")
    if fmt in NUMERIC_FORMATS and isinstance(value, float) and math.isinf(value):
        return MISSING
    return _FORMATTERS[fmt](value, lang)


def is_numeric(fmt: Format) -> bool:
    """Right-align this column (numbers line up on their last digit)."""
    return isinstance(fmt, str) and fmt in NUMERIC_FORMATS


def table_rows(
    df: pd.DataFrame,
    columns: Mapping[str, str],
    formats: Mapping[str, Format] | None,
    lang: str,
    max_rows: int | None = None,
) -> tuple[list[str], list[list[str]], list[bool], int]:
    """Headers, formatted rows (at most ``max_rows``), right-alignment flags, total row count."""
    formats = formats or {}
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the frame: {missing}")
    shown = df if max_rows is None else df.head(max_rows)
    fmts = [formats.get(c, "text") for c in columns]
    rows = [
        [format_cell(v, f, lang) for v, f in zip(values, fmts, strict=True)]
        for values in shown[list(columns)].itertuples(index=False, name=None)
    ]
    return list(columns.values()), rows, [is_numeric(f) for f in fmts], len(df)
