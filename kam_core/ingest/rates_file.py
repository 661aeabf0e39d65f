"""A file of exchange rates (``rates import``, the Settings page): columns ``currency``, ``quarter``
(``YYYY-Qn``) and ``rate`` (units of the reporting currency per unit), ``;`` or ``,`` separated,
decimal comma or point (each cell tells: ``0,92`` and ``1.234,5`` have a decimal comma, ``0.92``
and ``1,234.5`` a point). Headers may be Spanish (``moneda``/``divisa``, ``trimestre``,
``tipo``/``cambio``/``tasa``) and may sit below a title; an Excel file works too.

Read with the upload's own sniffer (encoding, delimiter, header row). Nothing is written here:
``read_rates`` returns the rows, or raises one :class:`UploadError` listing every bad cell by row
and column, so a file is taken whole or not at all.
"""

from __future__ import annotations

import math
import re

from kam_core.common.errors import UploadError
from kam_core.common.quarter import valid_quarter
from kam_core.i18n import t
from kam_core.ingest import sniff
from kam_core.ingest.mapping import compact
from kam_core.store import rates

HEADERS = {
    "currency": ("currency", "moneda", "divisa", "curr", "currencycode", "codigo"),
    "quarter": ("quarter", "trimestre", "periodo", "period", "qtr"),
    "rate": ("rate", "tipo", "tipodecambio", "cambio", "tasa", "fxrate", "exchangerate", "valor"),
}
_KNOWN = {name: field for field, names in HEADERS.items() for name in names}
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[QT]([1-4])$|^[QT]([1-4])\s*-?\s*(\d{4})$")
MAX_LISTED = 20


class RatesFileError(UploadError):
    """A rates file with bad cells: every one is listed (row, column, why), in the user's
    language. ``problems``: ``(row, column, why, value)`` with ``why`` in currency / quarter /
    rate / duplicate (``value`` is then the row it repeats)."""

    key = "fx.file.bad_cells"

    def __init__(self, file: str, problems: list[tuple]):
        self.problems = problems
        super().__init__(self.key, file=file, n=len(problems))

    def render(self, lang: str, escape=None) -> str:
        esc = escape or (lambda v: v)
        lines = [t(self.key, lang, file=esc(self.params["file"]), n=self.params["n"])]
        for row, column, why, value in self.problems[:MAX_LISTED]:
            reason = t(f"fx.file.why.{why}", lang, value=esc(str(value)))
            lines.append(t("fx.file.cell", lang, row=row, column=esc(column), reason=reason))
        if len(self.problems) > MAX_LISTED:
            lines.append(t("ingest.cli.more", lang, n=len(self.problems) - MAX_LISTED))
        return "\n".join(lines)


def _known(cell: str) -> bool:
    return compact(cell) in _KNOWN


def parse_rate(cell) -> float | None:
    """``0,92`` / ``0.92`` / ``1.234,5`` / ``1,234.5`` / a number cell -> float; None if not."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip().replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"[0-9.,]+", text):
        return None
    if "," in text and "." in text:
        dec = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if dec == "," else ",", "").replace(",", ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1 or text.count(".") > 1:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _quarter(cell) -> str | None:
    text = re.sub(r"\s+", "", str(cell or "")).upper()
    m = _QUARTER.match(text)
    if not m:
        return None
    q = f"{m.group(1) or m.group(4)}-Q{m.group(2) or m.group(3)}"
    return q if valid_quarter(q) else None


def read_rates(data: bytes, file_name: str, base: str) -> list[dict]:
    """The file's rates as ``{"currency", "quarter", "rate"}``, validated against ``base`` (the
    reporting currency, which needs no rate); :class:`UploadError` naming every bad cell."""
    raw = sniff.read_table(data, file_name, _known)
    cols = {_KNOWN[compact(c)]: c for c in reversed(raw.columns) if compact(c) in _KNOWN}
    absent = [f for f in HEADERS if f not in cols]
    if absent:
        raise UploadError(
            "fx.file.columns",
            file=file_name,
            missing=", ".join(absent),
            columns=", ".join(raw.columns),
        )
    out, problems, seen = [], [], {}
    for row, cur, q, r in zip(
        raw.source_rows,
        raw.data[cols["currency"]],
        raw.data[cols["quarter"]],
        raw.data[cols["rate"]],
        strict=True,
    ):
        found = _row(int(row), cur, q, r, cols, base, problems)
        if found is None:
            continue
        key = (found["currency"], found["quarter"])
        if key in seen:
            problems.append((int(row), cols["quarter"], "duplicate", seen[key]))
            continue
        seen[key] = int(row)
        out.append(found)
    if problems:
        raise RatesFileError(file_name, problems)
    if not out:
        raise UploadError("fx.file.empty", file=file_name)
    return out


def _row(row: int, cur, q, r, cols: dict, base: str, problems: list) -> dict | None:
    """One row checked cell by cell (each bad cell is a problem); None when blank or bad."""
    if all(str(v or "").strip() == "" for v in (cur, q, r)):
        return None
    code = rates.normalize_code(cur)
    bad = len(problems)
    if not code or not rates.CODE_RE.match(code) or code == base:
        why, shown = ("same_as_base", code) if code == base else ("currency", str(cur or ""))
        problems.append((row, cols["currency"], why, shown))
    quarter = _quarter(q)
    if quarter is None:
        problems.append((row, cols["quarter"], "quarter", str(q or "")))
    rate = parse_rate(r)
    if rate is None or not math.isfinite(rate) or rate <= 0:
        problems.append((row, cols["rate"], "rate", str(r if r is not None else "")))
    if len(problems) > bad:
        return None
    return {"currency": code, "quarter": quarter, "rate": rate}
