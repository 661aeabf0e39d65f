"""Total and subtotal rows and columns in raw cells (F-IN-9); imports only pandas, numpy, stdlib.

Pure functions, no I/O. A row or column found here is listed as "not loaded" and never counted.

Public API
    ``total_label_kind(text) -> "strong" | "weak" | None``: how a label reads (below).
    ``is_total_label(text) -> bool``: a strong total label (what a total column header must be).
    ``total_columns(columns) -> list``: the headers that are totals (``Total``, ``Total general``,
    ``Suma``, ``Sum``, ``Grand total``, ``Total 2024``, ``Total año``, ``Acumulado``...). Meant for
    wide layouts: in a long file ``Importe total`` is the amount column, and mapping comes first.
    ``total_reasons(frame, label_columns, amount_columns) -> pd.Series[str]``: per row, ``""``
    for a row to load or the reason code of a total row: ``label``, ``group_subtotal``,
    ``sum_of_above``.
    ``total_rows(frame, label_columns, amount_columns) -> pd.Series[bool]``: the same as a mask.

Labels (accents, case and punctuation ignored; only whole words count, so ``TotalEnergies`` and
``Totalgaz`` are companies): a label is a total when it STARTS with a total word (``total``,
``totales``, ``subtotal``, ``sub-total``, ``suma``, ``sum``, ``grand total``, ``gran total``,
``suma total``, ``importe total``, ``total general``, ``acumulado``) and
  * nothing follows, or a colon, or a qualifier (``cliente``, ``general``, ``año``, ``de``,
    ``por``, ``ventas``, a number such as a year or an account code, a month...): ``strong``,
    always a total (``Total: Acme``, ``Total cliente Acme``, ``Total 2024``);
  * anything else follows (``Total Acme SA``, ``Total Energía S.L.``): ``weak``. A weak label is a
    total only when the rows confirm it: what follows the total word is the label of the rows just
    above (``label``), or the amount equals their sum (``group_subtotal`` / ``sum_of_above``).
    Otherwise it is a company whose name starts with "Total" and it is loaded.

Amounts (``label_columns`` are searched for labels, ``amount_columns`` summed; with no label
columns given, every non-amount column is a label column). Rows are read top to bottom; the
"group" is the rows loaded since the last total row found:
  * ``group_subtotal``: a row with a blank (or weak) label whose amounts equal the group's sums,
    when the group has at least two rows (one row when the frame already shows two or more such
    subtotals: ERP exports that subtotal every customer, even one-line customers);
  * ``sum_of_above``: the last row with an amount, with a blank (or weak) label, whose amounts
    equal the sums of all loaded rows above it;
  * "equal": in every amount column, within max(0.01, 0.5 %) of the sum; a column the row leaves
    blank must sum to zero, and at least one amount is not zero.
Known limit: when an export prints the customer only on the first line of its block, a blank-label
line that happens to equal the sum of the lines above it in the block is read as a subtotal.

Amount cells may be numbers or raw text: ``_parse_amounts`` (private, only for these sums; the
real validator lives in ``validate.py``) understands currency symbols, spaces, ``(12,50)`` and a
trailing minus, and decides the decimal mark per column: ``1.234,56`` / ``12,50`` prove a comma,
``1,234.56`` / ``12.50`` a point; a column with only ``1.234`` / ``1,234`` style values reads both
marks as thousands separators (money rarely has three decimals).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

_LEADS = [
    tuple(p.split())
    for p in (
        "grand total",
        "gran total",
        "suma total",
        "importe total",
        "sub total",
        "total",
        "totales",
        "totals",
        "subtotal",
        "subtotales",
        "subtotals",
        "suma",
        "sum",
        "acumulado",
    )
]
_QUALIFIERS = frozenset(
    """
    general generales cliente clientes customer customers account accounts cuenta cuentas
    ano anual year yearly ejercicio mes month mensual trimestre quarter periodo period
    de del por por of for by a al
    ventas venta sales importe importes amount amounts facturacion facturado revenue neto net
    bruto gross eur euros usd
    ene enero feb febrero mar marzo abr abril may mayo jun junio jul julio ago agosto sep sept
    septiembre setiembre oct octubre nov noviembre dic diciembre jan january february march apr
    april june july aug august september october november dec december
    q1 q2 q3 q4 t1 t2 t3 t4
""".split()
)
_NOT_WORD = re.compile(r"[^\w:]+|_+")  # a colon stays a word: "Total: Acme" is a total
_CURRENCY = re.compile(r"[\s\u00a0\u202f'’€$£¥]|(?i:eur|usd|gbp)")
_COMMA_PROOF = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d*$|^\d+,(?:\d{1,2}|\d{4,})$")
_POINT_PROOF = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d*$|^\d+\.(?:\d{1,2}|\d{4,})$")
_NUMBER = re.compile(r"^[0-9.,]+$")
REASONS = ("label", "group_subtotal", "sum_of_above")


# --------------------------------------------------------------------------- labels


def _words(text) -> list[str]:
    if text is None or (pd.api.types.is_scalar(text) and bool(pd.isna(text))):
        return []
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return _NOT_WORD.sub(" ", plain.replace(":", " : ")).split()


def _split_lead(words: list[str]) -> list[str] | None:
    """What follows the total word(s) at the start, or None when the label does not start so."""
    for lead in _LEADS:
        if tuple(words[: len(lead)]) == lead:
            return words[len(lead) :]
    return None


def total_label_kind(text) -> str | None:
    """``"strong"``, ``"weak"`` or ``None`` for a label or header (rules in the module doc)."""
    rest = _split_lead(_words(text))
    if rest is None:
        return None
    if not rest or rest[0] in _QUALIFIERS or rest[0][0].isdigit() or rest[0] == ":":
        return "strong"
    return "weak"


def is_total_label(text) -> bool:
    """True for a label that is always a total (``Total``, ``Total cliente X``, ``Suma``...)."""
    return total_label_kind(text) == "strong"


def total_columns(columns) -> list:
    """The column headers that are totals, never periods or amounts to load (in their order)."""
    return [c for c in columns if is_total_label(c)]


# --------------------------------------------------------------------------- amounts


def _decimal_mark(texts: pd.Series) -> str | None:
    comma = int(texts.str.match(_COMMA_PROOF).sum())
    point = int(texts.str.match(_POINT_PROOF).sum())
    if comma == point:
        return None
    return "," if comma > point else "."


def _parse_text(texts: pd.Series) -> pd.Series:
    t = texts.str.strip().str.replace(_CURRENCY, "", regex=True)
    paren = t.str.startswith("(") & t.str.endswith(")")
    t = t.where(~paren, t.str[1:-1])
    trailing = t.str.endswith("-") & (t.str.len() > 1)
    t = t.where(~trailing, t.str[:-1])
    lead = t.str.startswith("-")
    t = t.where(~lead, t.str[1:]).str.lstrip("+")
    t = t.where(t.str.match(_NUMBER))
    mark = _decimal_mark(t.dropna())
    if mark == ",":
        t = t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    elif mark == ".":
        t = t.str.replace(",", "", regex=False)
    else:
        t = t.str.replace(r"[.,](?=\d{3}(?:[.,]|$))", "", regex=True)
    sign = np.where(paren ^ trailing ^ lead, -1.0, 1.0)
    return pd.to_numeric(t, errors="coerce") * sign


def _parse_amounts(column: pd.Series) -> pd.Series:
    """Raw cells -> floats (NaN for blank or unreadable): numbers as they are, text parsed."""
    values = column.astype(object)
    is_number = values.map(
        lambda v: isinstance(v, int | float | np.number) and not isinstance(v, bool)
    ).astype(bool)
    out = pd.Series(np.nan, index=column.index, dtype=float)
    out[is_number] = values[is_number].astype(float)
    is_text = values.map(lambda v: isinstance(v, str)).astype(bool)
    if is_text.any():
        out[is_text] = _parse_text(values[is_text].astype(str)).to_numpy()
    return out


def _close(row: np.ndarray, sums: np.ndarray) -> bool:
    """The row's amounts equal the sums (NaN = blank cell; blank only where the sum is zero)."""
    present = ~np.isnan(row)
    if not present.any() or not (np.abs(row[present]) > 0.01).any():
        return False
    tolerance = np.maximum(0.01, 0.005 * np.abs(sums))
    if (np.abs(sums[~present]) > tolerance[~present]).any():
        return False
    return bool((np.abs(row[present] - sums[present]) <= tolerance[present]).all())


# --------------------------------------------------------------------------- rows


def _label_cells(frame: pd.DataFrame, label_columns: list) -> list[list[list[str]]]:
    """Per row, the words of each non-blank label cell."""
    cells = [[_words(v) for v in frame[c].tolist()] for c in label_columns]
    return [[words for words in row if words] for row in zip(*cells, strict=True)]


def _kind(labels: list[list[str]]) -> str:
    kinds = {total_label_kind(" ".join(words)) for words in labels}
    if "strong" in kinds:
        return "strong"
    if "weak" in kinds:
        return "weak"
    return "blank" if not labels else "text"


def _names_group(labels: list[list[str]], group_labels: set[str]) -> bool:
    """A weak label whose words after "Total" are the label of the rows above it."""
    rests = [_split_lead(words) for words in labels]
    return any(rest and " ".join(rest) in group_labels for rest in rests)


class _Scan:
    """One pass over the rows, keeping the sums of the current group and of everything loaded."""

    def __init__(self, amounts: np.ndarray, labels: list, kinds: list[str], min_group: int):
        self.amounts, self.labels, self.kinds, self.min_group = amounts, labels, kinds, min_group
        with_amount = np.flatnonzero(~np.isnan(amounts).all(axis=1))
        self.last = int(with_amount[-1]) if len(with_amount) else -1
        self.total = np.zeros(amounts.shape[1])
        self._reset()

    def _reset(self) -> None:
        self.group = np.zeros(self.amounts.shape[1])
        self.size = 0
        self.group_labels: set[str] = set()

    def reason(self, i: int) -> str:
        kind, row = self.kinds[i], self.amounts[i]
        if kind == "strong":
            return "label"
        if np.isnan(row).all():
            return ""
        candidate = kind in ("blank", "weak")
        if candidate and i == self.last and _close(row, self.total):
            return "sum_of_above"
        if kind == "weak" and _names_group(self.labels[i], self.group_labels):
            return "label"
        if candidate and self.size >= self.min_group and _close(row, self.group):
            return "group_subtotal"
        return ""

    def run(self) -> list[str]:
        reasons = []
        for i in range(len(self.kinds)):
            reason = self.reason(i)
            reasons.append(reason)
            if reason:
                self._reset()
            else:
                self._add(i)
        return reasons

    def _add(self, i: int) -> None:
        """A loaded row (or a heading row without amounts, whose label still names the group)."""
        self.group_labels.update(" ".join(words) for words in self.labels[i])
        if np.isnan(self.amounts[i]).all():
            return
        row = np.nan_to_num(self.amounts[i])
        self.group += row
        self.total += row
        self.size += 1


def total_reasons(frame: pd.DataFrame, label_columns: list, amount_columns: list) -> pd.Series:
    """Per row (same index as ``frame``): ``""`` to load it, else why it is a total row."""
    labels_in = list(label_columns) or [c for c in frame.columns if c not in set(amount_columns)]
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    amounts = np.column_stack(
        [_parse_amounts(frame[c]).to_numpy() for c in amount_columns]
        or [np.full(len(frame), np.nan)]
    )
    labels = _label_cells(frame, labels_in)
    kinds = [_kind(row) for row in labels]
    reasons = _Scan(amounts, labels, kinds, min_group=2).run()
    if reasons.count("group_subtotal") >= 2:
        reasons = _Scan(amounts, labels, kinds, min_group=1).run()
    return pd.Series(reasons, index=frame.index, dtype=object)


def total_rows(frame: pd.DataFrame, label_columns: list, amount_columns: list) -> pd.Series:
    """True for the total and subtotal rows of ``frame`` (see ``total_reasons`` for why)."""
    return total_reasons(frame, label_columns, amount_columns).ne("")
