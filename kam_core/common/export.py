"""Table exports (CSV and XLSX) that are safe to open in a spreadsheet.

A cell that starts with ``= + - @`` (or tab / CR) is a formula to Excel and LibreOffice: an account
called ``=HYPERLINK("http://x","click")`` would run when the file is opened (OWASP "CSV
injection"). CSV cells get a leading apostrophe; XLSX cells are written as text cells, which no
spreadsheet evaluates, so the value stays exactly as typed. Real negative numbers stay numbers.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pandas as pd

_REAL_NUMBER = re.compile(r"^-\s?[\d.,\s]+$")
_FORMULA_START = "=+-@\t\r"


def safe_cell(v):
    """Neutralise a spreadsheet formula in a CSV cell, keeping real negative numbers."""
    if isinstance(v, str) and v and v[0] in _FORMULA_START and not _REAL_NUMBER.match(v):
        return "'" + v
    return v


def to_csv(df: pd.DataFrame, lang: str = "en") -> bytes:
    """UTF-8 with BOM (Excel detects it); Spanish: ``;`` separator and decimal comma, as a
    Spanish Excel expects."""

    def _safe(col: pd.Series) -> pd.Series:
        if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
            return col
        return col.map(safe_cell)  # text (object or pandas' string dtype)

    safe = df.apply(_safe)
    buf = io.StringIO()
    if lang == "es":
        safe.to_csv(buf, index=False, sep=";", decimal=",")
    else:
        safe.to_csv(buf, index=False)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(df: pd.DataFrame, sheet: str = "Cartera") -> bytes:
    """One sheet with a bold header; text cells typed as text, numbers and dates as such."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\[\]:*?/\\]", " ", sheet)[:31] or "Cartera"
    ws.append([str(c) for c in df.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in df.itertuples(index=False):
        out = []
        for v in row:
            if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
                out.append(None)
            elif isinstance(v, pd.Timestamp):
                out.append(v.to_pydatetime())
            elif isinstance(v, (int, float, date, datetime)) and not isinstance(v, bool):
                out.append(v)
            elif hasattr(v, "item"):  # numpy scalars
                out.append(v.item())
            else:
                out.append(str(v))
        ws.append(out)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, even when it starts with '='
    for i, col in enumerate(df.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in df.iloc[:200, i - 1]]) + 2
        ws.column_dimensions[ws.cell(1, i).column_letter].width = min(width, 60)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
