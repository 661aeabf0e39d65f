"""Read an .xlsx sheet by its real cells, streaming, within the upload limits (issue 14).

Why not the native reader (python-calamine) for .xlsx: it builds a sheet's whole rectangle before
giving back any cell, so one stray cell at ``XFD1048576`` asks for 17 billion cells (549 GB, and the
process aborts), and a small zip that expands to 20 million rows is materialised whole before
anything can count it. Here:

* the zip directory is checked first (entries, and the declared unzipped size against the
  ``max_expanded_mb`` setting); Python's zip reader never yields more than a member declares;
* the chosen sheet is counted in a first streaming pass (rows and cells, a few MB in memory), so
  a bomb is refused with the limit named before a single value is built;
* the second pass yields only rows that have a value, as ``(excel row number, values)`` with
  ``values`` running to the row's last real cell: a far-away cell costs one short row, never the
  empty rectangle before it. Cells outside Excel's grid mean a damaged or crafted file: refused.

Values come out as the native reader gives them (the Excel reader above this relies on it):
numbers as ``float``, text as ``str``, ``bool``, dates as ``date``/``datetime``/``time`` (by the cell's
number format, 1900 or 1904 date system), error cells as their text (``#DIV/0!``), empty as ``""``.
"""

from __future__ import annotations

import html
import io
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime, timedelta
from typing import Iterator

from python_calamine import CalamineWorkbook

from kam_core.common.errors import UploadError
from kam_core.ingest.limits import EXCEL_MAX_COLS, EXCEL_MAX_ROWS, ReadLimits, grouped

MAX_ENTRIES = 10_000  # real workbooks have dozens of parts
_SMALL_PART = 64 * 1_048_576  # workbook.xml, rels, styles: read whole, at most this
_CHUNK = 1 << 20

_P = rb"(?:[A-Za-z_][\w.\-]*:)?"  # an optional namespace prefix (x:row, x:c from .NET writers)
# One pass of the regular-expression engine per row start or cell: groups are (row tag, row
# number, column letters, row digits, style, type, <v> when it is the only content, other content).
# Attributes are read by look-aheads, in any order; a missing one leaves its group empty.
_TOKEN = re.compile(
    rb"<" + _P + rb'(?:(row)\b(?=(?:[^>]*?\sr="([0-9]+)")?)[^>]*>'
    rb'|c\b(?=(?:[^>]*?\sr="([A-Z]{1,3})([0-9]{1,7})")?)(?=(?:[^>]*?\ss="([0-9]+)")?)'
    rb'(?=(?:[^>]*?\st="([A-Za-z]+)")?)[^>]*?'
    rb"(?:/>|>(?:<" + _P + rb"v>([^<]*)</" + _P + rb"v>|(.*?))</" + _P + rb"c>))",
    re.S,
)
_V = re.compile(rb"<" + _P + rb"v(?:\s[^>]*)?>(.*?)</" + _P + rb"v>", re.S)
_T = re.compile(rb"<" + _P + rb"t(?:\s[^>]*)?>(.*?)</" + _P + rb"t>", re.S)
_RPH = re.compile(rb"<" + _P + rb"rPh\b.*?</" + _P + rb"rPh>", re.S)
_SI = re.compile(rb"<" + _P + rb"si\b[^>]*?(?:/>|>(.*?)</" + _P + rb"si>)", re.S)
_END = re.compile(rb"</" + _P + rb"(?:c|row|si)>|<" + _P + rb"(?:c|row|si)\b[^>]*/>")
_ROW_END = re.compile(rb"</" + _P + rb"row>")
_CELL_START = re.compile(rb"<" + _P + rb"c[\s/>]")
_XESC = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NS_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# Built-in number formats that are dates or times (ECMA-376 18.8.30 and the CJK ones).
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_DURATION_IDS = {46}


def check_zip_directory(data: bytes, file_name: str) -> None:
    """Refuse a zip whose directory lists absurdly many entries before Python parses it (each
    entry costs memory); cheap: reads the end-of-directory records only."""
    tail = data[-(65_536 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return  # zipfile will say it is not a zip
    entries = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if entries == 0xFFFF and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
        offset = struct.unpack("<Q", tail[at - 12 : at - 4])[0]
        rec = data[offset : offset + 56]
        if rec[:4] == b"PK\x06\x06" and len(rec) >= 40:
            entries = struct.unpack("<Q", rec[32:40])[0]
    if entries > MAX_ENTRIES:
        raise UploadError(
            "upload.excel_unreadable", file=file_name, detail=f"{grouped(entries)} zip entries"
        )


def _text(raw: bytes) -> str:
    s = raw.decode("utf-8", errors="replace")
    if "&" in s:
        s = html.unescape(s)
    if "_x" in s:
        s = _XESC.sub(lambda m: chr(int(m.group(1), 16)), s)
    return s


_COLS: dict[bytes, int] = {}  # column letters -> number (at most 16,384 + a few bad ones)


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _is_date_code(code: str) -> tuple[bool, bool]:
    """(is a date/time format, is a duration) for a custom number format code."""
    low = code.lower()
    duration = bool(re.search(r"\[(h+|m+|s+)\]", low))
    # Strip quoted text, escaped characters and [colour]/[$-locale] sections.
    low = re.sub(r'"[^"]*"|\\.|_.|\*.', "", low)
    low = re.sub(r"\[[^\]]*\]", "", low)
    section = low.split(";")[0]
    return duration or any(ch in section for ch in "dmyhs"), duration


class Workbook:
    """An .xlsx opened for bounded reading: sheet names, shared strings, date styles."""

    def __init__(self, data: bytes, file_name: str, limits: ReadLimits):
        self.file_name = file_name
        self.limits = limits
        check_zip_directory(data, file_name)
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UploadError("upload.excel_unreadable", file=file_name, detail=str(exc)) from exc
        expanded = sum(i.file_size for i in infos)
        if expanded > limits.expanded_bytes:
            raise UploadError(
                "hd.upload.expanded",
                file=file_name,
                size=grouped(expanded // 1_048_576),
                limit=grouped(limits.expanded_bytes // 1_048_576),
            )
        self._names = {i.filename for i in infos}
        self.sheets, self.date1904 = self._workbook()
        self._styles = self._date_styles()
        self._strings: list[str] | None = None

    # ------------------------------------------------------------------ parts

    def _member(self, name: str) -> str | None:
        name = name.lstrip("/")
        if name in self._names:
            return name
        lower = {n.lower(): n for n in self._names}
        return lower.get(name.lower())

    def _small(self, name: str) -> bytes | None:
        member = self._member(name)
        if member is None:
            return None
        if self.zf.getinfo(member).file_size > _SMALL_PART:
            raise UploadError(
                "upload.excel_unreadable", file=self.file_name, detail=f"{member} is too large"
            )
        return self._read(member)

    def _read(self, member: str) -> bytes:
        try:
            with self.zf.open(member) as f:
                return f.read()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise UploadError(
                "upload.excel_unreadable", file=self.file_name, detail=str(exc)
            ) from exc

    def _stream(self, member: str) -> Iterator[bytes]:
        """The member's bytes in chunks (never more than it declares: zipfile stops there)."""
        try:
            with self.zf.open(member) as f:
                while True:
                    chunk = f.read(_CHUNK)
                    if not chunk:
                        return
                    yield chunk
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise UploadError(
                "upload.excel_unreadable", file=self.file_name, detail=str(exc)
            ) from exc

    def _xml(self, raw: bytes):
        if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw[:4096]:
            raise UploadError("upload.excel_unreadable", file=self.file_name, detail="DTD")
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise UploadError(
                "upload.excel_unreadable", file=self.file_name, detail=str(exc)
            ) from exc

    def _workbook(self) -> tuple[list[tuple[str, str]], bool]:
        raw = self._small("xl/workbook.xml")
        if raw is None:
            raise UploadError(
                "upload.excel_unreadable", file=self.file_name, detail="no xl/workbook.xml"
            )
        root = self._xml(raw)
        rels = {}
        rel_raw = self._small("xl/_rels/workbook.xml.rels")
        if rel_raw is not None:
            for el in self._xml(rel_raw):
                target = el.get("Target") or ""
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                rels[el.get("Id")] = re.sub(r"[^/]+/\.\./", "", target)
        sheets = []
        date1904 = False
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "workbookPr":
                date1904 = el.get("date1904") in ("1", "true")
            elif tag == "sheet":
                target = rels.get(el.get(_NS_R))
                if target and self._member(target):
                    sheets.append((el.get("name") or "", self._member(target)))
        return sheets, date1904

    def _date_styles(self) -> list[tuple[bool, bool]]:
        """Per cell style index: (is a date, is a duration)."""
        raw = self._small("xl/styles.xml")
        if raw is None:
            return []
        root = self._xml(raw)
        custom = {}
        styles = []
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "numFmt":
                custom[int(el.get("numFmtId", "0"))] = el.get("formatCode") or ""
        for el in root.iter():
            if el.tag.rsplit("}", 1)[-1] == "cellXfs":
                for xf in el:
                    fid = int(xf.get("numFmtId", "0") or 0)
                    if fid in custom:
                        styles.append(_is_date_code(custom[fid]))
                    else:
                        styles.append((fid in _DATE_IDS, fid in _DURATION_IDS))
                break
        return styles

    def strings(self) -> list[str]:
        """Shared strings, read once, streamed; at most as many as the cells limit."""
        if self._strings is not None:
            return self._strings
        out: list[str] = []
        member = None
        for name in ("xl/sharedStrings.xml", "xl/SharedStrings.xml"):
            member = self._member(name)
            if member:
                break
        if member:
            for part in _complete(self._stream(member)):
                for m in _SI.finditer(part):
                    body = m.group(1) or b""
                    if b"rPh" in body:
                        body = _RPH.sub(b"", body)
                    out.append("".join(_text(t) for t in _T.findall(body)))
                if len(out) > self.limits.cells:
                    raise UploadError(
                        "hd.upload.too_many_cells",
                        file=self.file_name,
                        limit=grouped(self.limits.cells),
                    )
        self._strings = out
        return out

    # ------------------------------------------------------------------ sheets

    @property
    def sheet_names(self) -> list[str]:
        return [n for n, _ in self.sheets]

    def _sheet_member(self, name: str) -> str:
        for n, member in self.sheets:
            if n == name:
                return member
        raise KeyError(name)

    def count(self, name: str) -> None:
        """First pass over a sheet: refuse it when its rows or cells pass a limit (or Excel's
        grid) before any value is built. Memory: one chunk."""
        rows = cells = 0
        row_cap = min(self.limits.max_rows, EXCEL_MAX_ROWS)
        for part in _complete(self._stream(self._sheet_member(name))):
            r, c = _tally(part)
            rows, cells = rows + r, cells + c
            if rows > row_cap:
                if rows > EXCEL_MAX_ROWS and self.limits.max_rows >= EXCEL_MAX_ROWS:
                    raise UploadError(
                        "hd.upload.excel_too_many_rows",
                        file=self.file_name,
                        sheet=name,
                        limit=grouped(EXCEL_MAX_ROWS),
                    )
                self.limits.check(self.file_name, rows, 1)
            if cells > self.limits.cells:
                self.limits.check(self.file_name, 1, cells)

    def rows(self, name: str) -> Iterator[tuple[int, list]]:
        """``(excel row number, values)`` for every row with a value, in sheet order."""
        strings = None
        styles = self._styles
        base = datetime(1904, 1, 1) if self.date1904 else datetime(1899, 12, 30)
        row_no, values, col = 0, [], 0
        for part in _complete(self._stream(self._sheet_member(name))):
            for m in _TOKEN.finditer(part):
                is_row, row_r, letters, digits, style, kind, v, inner = m.groups()
                if is_row is not None:
                    if values:
                        yield row_no, _trimmed(values)
                    row_no = int(row_r) if row_r else row_no + 1
                    if row_no > EXCEL_MAX_ROWS:
                        self._bad_ref(name, f"row {row_no}")
                    values, col = [], 0
                    continue
                col = self._column(name, letters, digits, col)
                if kind is None and style is None and v is not None:  # a plain number
                    try:
                        value = float(v)
                    except ValueError:
                        value = _text(v)
                else:
                    if kind == b"s" and strings is None:
                        strings = self.strings()
                    value = _value(kind or b"n", v, inner, style, strings, styles, base)
                if value == "" and not values:
                    continue
                if len(values) < col:
                    values.extend([""] * (col - len(values)))
                values[col - 1] = value
        if values:
            yield row_no, _trimmed(values)

    def _column(self, sheet: str, letters, digits, previous: int) -> int:
        """1-based column of a cell: from its reference, else the one after the previous."""
        if letters is None:
            col = previous + 1
            if col > EXCEL_MAX_COLS:
                self._bad_ref(sheet, f"column {col}")
            return col
        col = _COLS.get(letters)
        if col is None:
            col = _COLS[letters] = _col_index(letters)
        if col > EXCEL_MAX_COLS or (len(digits) == 7 and int(digits) > EXCEL_MAX_ROWS):
            self._bad_ref(sheet, (letters + digits).decode("ascii"))
        return col

    def _bad_ref(self, sheet: str, ref: str) -> None:
        raise UploadError("hd.upload.excel_bad_ref", file=self.file_name, sheet=sheet, ref=ref)


def _tally(part: bytes) -> tuple[int, int]:
    """(rows closed, cells opened) in a piece of sheet XML: byte counts (fast) for the usual
    unprefixed tags, the regular expressions when a namespace prefix is in use."""
    if b":row" in part or b":c " in part or b":c>" in part:
        return len(_ROW_END.findall(part)), len(_CELL_START.findall(part))
    cells = part.count(b"<c ") + part.count(b"<c>") + part.count(b"<c/>")
    return part.count(b"</row>"), cells


def _trimmed(values: list) -> list:
    while values and values[-1] == "":
        values.pop()
    return values


def _complete(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Re-cut a stream of chunks so that each piece ends after a complete cell, row or shared
    string (the regular expressions never see half an element)."""
    tail = b""
    for chunk in chunks:
        buf = tail + chunk if tail else chunk
        cut = _last_end(buf)
        if cut == 0:
            tail = buf
            continue
        yield buf[:cut]
        tail = buf[cut:]
    if tail:
        yield tail


def _last_end(buf: bytes) -> int:
    for window in (1 << 16, 1 << 20, len(buf)):
        ends = [m.end() for m in _END.finditer(buf, max(0, len(buf) - window))]
        if ends:
            return ends[-1]
        if window >= len(buf):
            break
    return 0


def _value(kind: bytes, v, inner, style, strings, styles, base):
    """One cell's value, as the native reader would give it."""
    if kind == b"inlineStr":
        return _inline(inner)
    if v is None:
        found = _V.search(inner) if inner else None
        if found is None:
            return ""
        v = found.group(1)
    raw = v
    if kind == b"s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            return ""
    if kind in (b"str", b"e"):
        return _text(raw)
    if kind == b"b":
        return raw.strip() in (b"1", b"true")
    if kind == b"d":
        try:
            return datetime.fromisoformat(_text(raw).strip().replace("Z", ""))
        except ValueError:
            return _text(raw)
    return _number(raw, style, styles, base)


def _inline(inner: bytes | None) -> str:
    if not inner:
        return ""
    if b"rPh" in inner:
        inner = _RPH.sub(b"", inner)
    return "".join(_text(t) for t in _T.findall(inner))


def _number(raw: bytes, style: bytes | None, styles, base):
    try:
        number = float(raw)
    except ValueError:
        return _text(raw)
    if style is not None and styles:
        try:
            is_date, duration = styles[int(style)]
        except (ValueError, IndexError):
            is_date, duration = False, False
        if is_date:
            return _as_date(number, duration, base)
    return number


def _as_date(number: float, duration: bool, base: datetime):
    if duration:
        return timedelta(days=number)
    if not (-1 < number < 2_958_466):  # beyond 9999-12-31: keep the number
        return number
    try:
        dt = base + timedelta(seconds=round(number * 86_400))  # to the second, as Excel shows it
    except OverflowError:
        return number
    if 0 <= number < 1:
        return dt.time()
    if dt.hour == dt.minute == dt.second == 0 and float(number).is_integer():
        return date(dt.year, dt.month, dt.day)
    return dt


class CalamineBook:
    """An .xls (BIFF) workbook through the native reader, with the same interface as
    :class:`Workbook`. Its grid is bounded by the format (65,536 x 256 cells), so the native
    rectangle stays bounded too; rows are taken lazily and empty ones skipped."""

    def __init__(self, data: bytes, file_name: str, limits: ReadLimits):
        self.file_name = file_name
        self.limits = limits
        self.wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self.sheet_names = list(self.wb.sheet_names)
        self._loaded: dict = {}

    def _sheet(self, name: str):
        if name not in self._loaded:
            self._loaded = {name: self.wb.get_sheet_by_name(name)}  # one sheet held at a time
        return self._loaded[name]

    def count(self, name: str) -> None:
        sheet = self._sheet(name)
        self.limits.check(self.file_name, int(sheet.height), 1)
        self.limits.check(self.file_name, 1, int(sheet.height) * int(sheet.width))

    def rows(self, name: str) -> Iterator[tuple[int, list]]:
        sheet = self._sheet(name)
        # iter_rows starts at row 1 but at the first used column: put the columns back.
        pad = [""] * (sheet.start[1] if sheet.start else 0)
        for i, row in enumerate(sheet.iter_rows()):
            values = _trimmed([("" if v is None else v) for v in row])
            if values:
                yield i + 1, pad + values
