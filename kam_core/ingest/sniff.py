"""Read an uploaded file into a raw table of cells: kind, encoding, delimiter, header row, sheet.

Nothing here interprets values (numbers, dates): that is ``validate``. What is decided here:

* the kind, from the bytes and never from the extension (a PNG renamed ``.xlsx`` is a PNG);
* the text encoding: BOMs, then strict UTF-8, then cp1252 (what Spanish Excel CSV exports really
  are: ``€ “ ”`` live in 0x80-0x9F), then latin-1 which never fails. A strict chain is deterministic,
  where statistical detectors guess on short files;
* the delimiter (``,`` ``;`` tab ``|``), by which one splits the first lines most consistently;
* the header row, which may sit below a title block: the first row that names known fields, else the
  first row as wide as the data below it;
* ragged rows (a different number of fields than the header), kept aside to be reported.

Big regular files (one record per line, every line as wide as the header, quotes only as plain
field quoting within a line) are split by Arrow's CSV reader instead of row by row: the cells, row
numbers and everything else come out the same (``tests/unit/test_ingest_fastpath.py``); anything
irregular (a quoted field spanning lines, stray quotes, ragged or blank lines, lone CR, NUL,
UTF-16) takes the exact reader.

``source_rows`` are what the user sees: the 1-based physical line in a text editor (the first line
of a record that spans several lines) or the spreadsheet row number in Excel.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kam_core.common.errors import UploadError
from kam_core.ingest.limits import DEFAULT_LIMITS, ReadLimits
from kam_core.ingest.xlsx_reader import CalamineBook, Workbook, check_zip_directory

DELIMITERS = [";", ",", "\t", "|"]
SNIFF_LINES = 200
HEADER_SEARCH_ROWS = 30


@dataclass
class RawTable:
    """A file's cells as text (CSV) or Python values (Excel), with what was detected."""

    file_name: str
    kind: str  # 'csv' | 'xlsx' | 'xls'
    columns: list[str]
    data: pd.DataFrame  # object columns named like ``columns``
    source_rows: np.ndarray  # int64, one per data row
    header_row: int  # 1-based line / row number of the header
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    ragged: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"row": [], "got": [], "expected": []})
    )
    title_rows: list = field(default_factory=list)  # the cells above the header (wide reports)

    def describe(self) -> dict:
        return {
            "kind": self.kind,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "header_row": self.header_row,
            "sheet": self.sheet,
        }


# --------------------------------------------------------------------------------------------
# kind and encoding


def detect_kind(data: bytes, file_name: str) -> str:
    """'csv', 'xlsx' or 'xls' from the content; refuses empty and binary files."""
    blank = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
    if not data or not (data[:65536].strip(blank) or data.strip(blank)):
        raise UploadError("upload.empty", file=file_name)
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        check_zip_directory(data, file_name)  # entry count, before zipfile builds its index
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UploadError("upload.excel_unreadable", file=file_name, detail=str(exc)) from exc
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise UploadError("upload.zip_not_excel", file=file_name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"\x89PNG"):
        raise UploadError("upload.binary", file=file_name, what="PNG")
    if head.startswith(b"%PDF"):
        raise UploadError("upload.binary", file=file_name, what="PDF")
    if head[:3] == b"\xff\xd8\xff":
        raise UploadError("upload.binary", file=file_name, what="JPEG")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text (Excel's "Unicode text" export)
    sample = data[:65536]
    controls = sum(sample.count(bytes([b])) for b in (0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16))
    if b"\x00" in sample or controls > len(sample) * 0.01:
        raise UploadError("upload.binary", file=file_name, what="?")
    return "csv"


_C1_BYTES = bytes(1 if 0x80 <= b <= 0x9F else 0 for b in range(256))  # translate table


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``: BOMs, strict UTF-8, cp1252, latin-1 (which never fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    # Bytes 0x80-0x9F are printable in cp1252 (€ “ ” …) and C1 controls in latin-1: a file that
    # has them and decodes as cp1252 is cp1252. Without them both decode the same text.
    if b"\x01" in data.translate(_C1_BYTES):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def _decode_mixed(data: bytes) -> str | None:
    """A file whose lines mix UTF-8 and cp1252 (two exports pasted together), decoded line by
    line, or None when no line is UTF-8 with accents. Decoding it all as cp1252 would turn the
    UTF-8 ``Café`` into ``CafÃ©``, a different account. With ``surrogateescape`` every invalid
    byte stays one character, so the text is shorter than the bytes only if some multi-byte UTF-8
    sequence is valid: a cheap test before any per-line work."""
    if len(data.decode("utf-8", errors="surrogateescape")) == len(data):
        return None
    lines = []
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                lines.append(line.decode("latin-1"))
    return "".join(lines)


# --------------------------------------------------------------------------------------------
# CSV

# Any field length is read (a 200 MB upload cannot hold a longer field); the default of 131,072
# characters made ``csv`` raise on long names.
csv.field_size_limit(2**31 - 1)


def _count_records(text: str, delimiter: str, stop: int) -> int:
    """Records after the header, counted without keeping them, stopping past ``stop``."""
    n = 0
    for n, _ in enumerate(_records(text, delimiter), start=1):
        if n > stop:
            break
    return n


def _check_csv_rows(
    text: str, delimiter: str, file_name: str, header_line: int, width: int, limits: ReadLimits
) -> None:
    """Refuse a CSV over the row or cell limits before its body is split into cells. Physical
    lines bound the records from above, so most files pass on one count; a file over the limit
    by lines is counted exactly (quoted fields may span lines) without keeping the records."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1) - header_line
    try:
        limits.check(file_name, lines, width)
        return
    except UploadError:
        if '"' not in text:
            raise
    records = _count_records(text, delimiter, limits.max_rows + header_line) - header_line
    limits.check(file_name, max(0, records), width)


def _records(text: str, delimiter: str, limit: int | None = None):
    """Yield ``(first_physical_line, fields)`` for each record, blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    prev = 0
    for n, fields in enumerate(_guarded(reader)):
        start = prev + 1
        prev = reader.line_num
        if limit is not None and n >= limit:
            return
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        yield start, fields


def _guarded(reader):
    """csv's own errors as ValueError naming the line (the intake turns it into a message)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ValueError(f"line {reader.line_num + 1}: {exc}") from exc


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    first = text[:20].lower()
    if first.startswith("sep=") and len(first) > 4:
        return first[4]
    sample = text[: 256 * 1024]
    best, best_score = ",", (-1, -1, -1)
    for rank, d in enumerate(DELIMITERS):
        if d not in sample:
            continue
        widths = [len(f) for _, f in _records(sample, d, SNIFF_LINES)]
        widths = widths[:-1] if len(widths) > 2 else widths  # the sample may cut the last one
        if not widths:
            continue
        width, freq = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = (freq, width, -rank)
        if score > best_score:
            best, best_score = d, score
    return best


def _is_number_like(cell: str) -> bool:
    c = cell.strip().replace(".", "").replace(",", "").replace("-", "").replace("/", "")
    return c.isdigit()


def find_header(rows: list[list], known) -> int:
    """Index (in ``rows``) of the header: names known fields, else first full-width text row."""
    cells = [[str(c).strip() for c in r] for r in rows[:HEADER_SEARCH_ROWS]]
    widths = [sum(1 for c in r if c) for r in cells]
    if not cells:
        return 0
    data_width = Counter(w for w in widths if w >= 2).most_common(1)
    data_width = data_width[0][0] if data_width else max(widths)
    best, best_hits = None, 0
    for i, r in enumerate(cells):
        filled = [c for c in r if c]
        if len(filled) < 2 or len(filled) < 0.5 * data_width:
            continue
        hits = sum(1 for c in filled if known(c))
        if hits > best_hits:
            best, best_hits = i, hits
    if best is not None:
        return best
    for i, r in enumerate(cells):
        filled = [c for c in r if c]
        if len(filled) >= max(2, 0.6 * data_width) and not any(_is_number_like(c) for c in filled):
            return i
    return 0


def _column_names(header: list) -> list[str]:
    names, seen = [], Counter()
    for j, raw in enumerate(header):
        name = " ".join(str(raw).split()) if raw is not None else ""
        if not name:
            name = f"Col{j + 1}"
        seen[name] += 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        names.append(name)
    return names


def _trim_header(header: list) -> list:
    header = list(header)
    while header and not str(header[-1]).strip():
        header.pop()
    return header


def _head_records(text: str, delimiter: str, skip_sep_line: bool) -> list:
    """The first ``HEADER_SEARCH_ROWS`` records, read from a prefix of the text when the prefix
    surely holds them whole (one more record starts after them), else from the whole text."""
    for chunk in (text[: 1 << 20], text):
        rows = []
        for start, fields in _records(chunk, delimiter):
            if skip_sep_line and start == 1:
                continue
            rows.append((start, fields))
            if len(rows) > HEADER_SEARCH_ROWS:
                return rows[:HEADER_SEARCH_ROWS]
        if len(chunk) == len(text):
            return rows
    return rows


_QUOTE, _NL, _CR = 0x22, 0x0A, 0x0D
_CHECK_CHUNK = 1 << 24


def _quotes_well_formed(buf, start: int, delimiter: str) -> bool:
    """True if every quote in ``buf[start:]`` (which begins at a line start) is CSV quoting that
    ``csv.reader`` and Arrow read alike and that never spans a line: each quoted field opens at
    the start of a field (line start or after the delimiter) and closes at its end (before the
    delimiter or the line end), with only doubled quotes ``""`` inside.

    Counting quotes from a line start, the 1st, 3rd... open and the 2nd, 4th... close (a doubled
    quote closes and reopens with nothing between, which leaves every other character's state
    right). So: each opener must follow a line start, the delimiter or the previous closer (a
    doubled quote); each closer must precede the delimiter, the line end or the next opener; and
    every line must hold an even number of quotes (no opener-closer pair holds a line feed). Anything else (a quote inside an unquoted field,
    text after a closing quote, a field spanning lines) sends the file to the exact reader.
    Checked in slices cut at line ends, so memory stays small."""
    arr = np.frombuffer(buf, dtype=np.uint8)
    d = ord(delimiter)
    n = len(arr)
    lo = start
    while lo < n:
        hi = n if n - lo <= _CHECK_CHUNK else int(buf.rfind(b"\n", lo, lo + _CHECK_CHUNK)) + 1
        if hi <= lo:  # one line longer than a slice: take it whole
            nl = buf.find(b"\n", lo + _CHECK_CHUNK)
            hi = n if nl < 0 else nl + 1
        part = arr[lo:hi]
        q = np.flatnonzero(part == _QUOTE)
        if q.size:
            if q.size % 2:
                return False
            opener, closer = q[0::2], q[1::2]
            before = part[np.maximum(opener - 1, 0)]
            ok_open = (opener == 0) | (before == d) | (before == _NL) | (before == _QUOTE)
            after = part[np.minimum(closer + 1, len(part) - 1)]
            ok_close = (
                (closer + 1 == len(part))
                | (after == d)
                | (after == _NL)
                | (after == _CR)
                | (after == _QUOTE)
            )
            if not (ok_open.all() and ok_close.all()):
                return False
            # An even number of quotes before every line feed: no pair spans a line.
            if (np.searchsorted(q, np.flatnonzero(part == _NL)) & 1).any():
                return False
        lo = hi
    return True


def _fast_body(data: bytes, text: str, encoding: str, delimiter: str, header_line: int, width: int):
    """``(frame of str columns, source rows)`` for a regular body, else None (exact reader).

    Regular: after the header line there is no NUL, lone CR or blank line, every quote is plain
    field quoting on one line (:func:`_quotes_well_formed`; no quote at all is the common case),
    and every line has ``width`` fields (or the same larger number whose extra fields are all
    empty: padded exports). Then each physical line is one record, as ``csv.reader`` would see it,
    and Arrow (quoting on, doubled quotes, no escapes, no null values) gives the same cells.
    """
    if width < 2 or encoding not in ("utf-8", "utf-8-sig", "cp1252", "latin-1"):
        return None
    buf = _utf8_bytes(data, text, encoding)
    body = _regular_body(buf, header_line, delimiter)
    if body is None:
        return None
    pos, quoted = body
    n_lines = buf.count(b"\n", pos) + (0 if buf.endswith(b"\n") else 1)
    ncols = _first_line_width(buf, pos, delimiter, quoted)
    if ncols < width:
        return None
    # Strictly decoded UTF-8 or our own encoding is valid; a BOM file was decoded leniently.
    table = _arrow_cells(buf, pos, ncols, delimiter, quoted, check_utf8=encoding == "utf-8-sig")
    if table is None or table.num_rows != n_lines:
        return None
    table = _without_empty_extras(table, width)
    if table is None:
        return None
    frame = table.to_pandas()
    del table
    starts = np.arange(header_line + 1, header_line + 1 + n_lines, dtype=np.int64)
    return frame, starts


def _utf8_bytes(data: bytes, text: str, encoding: str) -> bytes:
    """The file as UTF-8 bytes for Arrow: the upload itself when it already is UTF-8 (no copy),
    else the decoded text re-encoded (cp1252, latin-1, or a BOM file that was decoded leniently)."""
    if encoding == "utf-8" or (encoding == "utf-8-sig" and not text.startswith("\ufeff")):
        return data[3:] if encoding == "utf-8-sig" else data
    return text.encode("utf-8")


def _regular_body(buf: bytes, header_line: int, delimiter: str):
    """``(offset of the first body line, whether the file has quotes)`` when every line from the
    header on is one record (no lone CR, NUL, blank line, nor quote beyond plain field quoting on
    one line), else None: those are what would make Arrow's rows differ from ``csv.reader``'s."""
    if b"\r" in buf and buf.count(b"\r") != buf.count(b"\r\n"):
        return None  # a lone CR ends a line for csv.reader
    pos = _after_lines(buf, header_line)
    if pos is None:
        return None
    head_start = buf.rfind(b"\n", 0, pos - 1) + 1
    # NUL, blank lines (Arrow would make them rows): exact reader.
    if (
        pos >= len(buf)
        or buf.find(b"\x00", pos) >= 0
        or buf.find(b"\n\n", pos - 1) >= 0
        or buf.find(b"\n\r\n", pos - 1) >= 0
    ):
        return None
    # Quotes from the header on (a quoted header may span lines too) only as plain field quoting.
    quoted = buf.find(b'"', head_start) >= 0
    if quoted and not _quotes_well_formed(buf, head_start, delimiter):
        return None
    return pos, quoted


def _after_lines(buf: bytes, count: int) -> int | None:
    """Offset just past the first ``count`` physical lines (the header and everything above it
    are one line each on the fast path), None when the buffer has fewer."""
    pos = 0
    for _ in range(count):
        nl = buf.find(b"\n", pos)
        if nl < 0:
            return None
        pos = nl + 1
    return pos


def _first_line_width(buf: bytes, pos: int, delimiter: str, quoted: bool) -> int:
    """Fields on the body's first line: every line must have as many for Arrow to read them,
    so this is the width Arrow is asked for (a quoted delimiter is not a separator)."""
    end = buf.find(b"\n", pos)
    first = bytes(buf[pos : end if end >= 0 else len(buf)]).rstrip(b"\r")
    if quoted:
        return len(next(csv.reader([first.decode("utf-8", "replace")], delimiter=delimiter)))
    return first.count(delimiter.encode()) + 1


def _arrow_cells(buf: bytes, pos: int, ncols: int, delimiter: str, quoted: bool, check_utf8: bool):
    """The body from ``pos`` as an Arrow table of ``ncols`` string columns ``c0, c1...``, every
    cell as written (no nulls, no type guessing), or None when Arrow refuses it (a ragged line,
    invalid UTF-8...)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(ncols)]
    try:
        return pacsv.read_csv(
            pa.py_buffer(buf)[pos:],  # a view, no copy
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                quote_char='"' if quoted else False,
                double_quote=quoted,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.large_string() for c in names},
                null_values=[],
                check_utf8=check_utf8,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                true_values=[],
                false_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None  # ragged line, invalid UTF-8...


def _without_empty_extras(table, width: int):
    """The first ``width`` columns when every column past them is empty (padded exports), the
    table itself when it has no more; None when an unnamed column holds data (the exact reader
    decides)."""
    if table.num_columns <= width:
        return table
    import pyarrow.compute as pc

    names = table.column_names
    for c in names[width:]:
        if pc.any(pc.not_equal(table[c], "")).as_py():
            return None  # data in unnamed columns: the exact reader decides
    return table.select(names[:width])


FAST_PATH = True  # tests switch it off to compare with the exact reader


def _decoded(data: bytes) -> tuple[str, str]:
    text, encoding = decode(data)
    return (text[1:] if text.startswith("\ufeff") else text), encoding


def _fast_table(data, text, encoding, delimiter, header_line, header, title_rows, file_name):
    """The body read by Arrow (None when it cannot: the slow reader then judges each row)."""
    table = _fast_body(data, text, encoding, delimiter, header_line, len(header))
    if table is None:
        return None
    frame, starts = table
    columns = _column_names(header)
    frame.columns = columns
    return RawTable(
        file_name=file_name,
        kind="csv",
        columns=columns,
        data=frame,
        source_rows=starts,
        header_row=header_line,
        encoding=encoding,
        delimiter=delimiter,
        ragged=pd.DataFrame({"row": [], "got": [], "expected": []}),
        title_rows=title_rows,
    )


def read_csv_table(
    data: bytes, file_name: str, known, fast: bool = True, limits: ReadLimits = DEFAULT_LIMITS
) -> RawTable:
    text, encoding = _decoded(data)
    delimiter = sniff_delimiter(text)
    skip_sep_line = text[:4].lower() == "sep="
    head_rows = _head_records(text, delimiter, skip_sep_line)
    if not head_rows:
        raise UploadError("upload.empty", file=file_name)
    h = find_header([f for _, f in head_rows], known)
    header_line = head_rows[h][0]
    header = _trim_header(head_rows[h][1])
    title_rows = [f for _, f in head_rows[:h]]
    width = len(header)
    _check_csv_rows(text, delimiter, file_name, header_line, width, limits)
    if fast and FAST_PATH:
        if encoding == "utf-8":  # Arrow reads the bytes: the decoded copy is not kept meanwhile
            text = None
        args = (encoding, delimiter, header_line, header, title_rows, file_name)
        table = _fast_table(data, text, *args)
        if table is not None:
            return table
        text = text or _decoded(data)[0]  # decoded again only when Arrow could not read it

    starts, rows, ragged = [], [], []
    for start, fields in _records(text, delimiter):
        if start <= header_line:
            continue
        n = len(fields)
        if n > width and not any(f.strip() for f in fields[width:]):
            fields = fields[:width]  # trailing empty fields (padded exports) are not ragged
            n = width
        if n != width:
            ragged.append((start, n, width))
            continue
        starts.append(start)
        rows.append(fields)
    if not rows and not ragged:
        raise UploadError("upload.header_only", file=file_name)
    # A header shorter than (almost) every data row: the data has unnamed columns; widen it.
    if ragged:
        widest, count = Counter(g for _, g, _ in ragged).most_common(1)[0]
        if widest > width and count > (len(rows) + len(ragged)) / 2:
            header = header + [""] * (widest - width)
            table = _rebuild_wider(text, delimiter, file_name, encoding, header, header_line)
            table.title_rows = title_rows
            return table
    columns = _column_names(header)
    frame = (
        pd.DataFrame(rows, columns=columns, dtype=object)
        if rows
        else pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    )
    return RawTable(
        file_name=file_name,
        kind="csv",
        columns=columns,
        data=frame,
        source_rows=np.asarray(starts, dtype=np.int64),
        header_row=header_line,
        encoding=encoding,
        delimiter=delimiter,
        ragged=pd.DataFrame(ragged, columns=["row", "got", "expected"]),
        title_rows=title_rows,
    )


def _rebuild_wider(text, delimiter, file_name, encoding, header, header_line) -> RawTable:
    width = len(header)
    starts, rows, ragged = [], [], []
    for start, fields in _records(text, delimiter):
        if start <= header_line:
            continue
        if len(fields) != width:
            ragged.append((start, len(fields), width))
            continue
        starts.append(start)
        rows.append(fields)
    columns = _column_names(header)
    return RawTable(
        file_name=file_name,
        kind="csv",
        columns=columns,
        data=pd.DataFrame(rows, columns=columns, dtype=object),
        source_rows=np.asarray(starts, dtype=np.int64),
        header_row=header_line,
        encoding=encoding,
        delimiter=delimiter,
        ragged=pd.DataFrame(ragged, columns=["row", "got", "expected"]),
    )


# --------------------------------------------------------------------------------------------
# Excel


def read_excel_table(
    data: bytes,
    file_name: str,
    kind: str,
    known,
    sheet: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RawTable:
    try:
        filled_rows, used, names = _excel_rows(data, file_name, kind, known, sheet, limits)
    except UploadError:
        raise
    except Exception as exc:  # noqa: BLE001 - the reader is native code; any failure = unreadable
        raise UploadError("upload.excel_unreadable", file=file_name, detail=str(exc)) from exc
    head = [[_cell_text(c) for c in r] for _, r in filled_rows[:HEADER_SEARCH_ROWS]]
    h = find_header(head, known)
    header_row = filled_rows[h][0]
    header = _trim_header([_cell_text(c) for c in filled_rows[h][1]])
    width = len(header)
    body = filled_rows[h + 1 :]
    if not body:
        raise UploadError("upload.header_only", file=file_name)
    # Data beyond the header's last named column is kept only if the header names it.
    rows = [list(r[:width]) + [""] * max(0, width - len(r)) for _, r in body]
    columns = _column_names(header)
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return RawTable(
        file_name=file_name,
        kind=kind,
        columns=columns,
        data=frame,
        source_rows=np.asarray([n for n, _ in body], dtype=np.int64),
        header_row=header_row,
        sheet=used,
        sheets=names,
        title_rows=[list(r) for _, r in filled_rows[:h]],
    )


def _open_book(data: bytes, file_name: str, kind: str, limits: ReadLimits):
    """.xlsx through the bounded streaming reader, .xls through the native one."""
    return (
        Workbook(data, file_name, limits)
        if kind == "xlsx"
        else CalamineBook(data, file_name, limits)
    )


def excel_sheets(data: bytes, file_name: str) -> list[str]:
    """The workbook's sheet names (for the upload page's sheet choice)."""
    kind = detect_kind(data, file_name)
    if kind == "csv":
        return []
    try:
        return list(_open_book(data, file_name, kind, DEFAULT_LIMITS).sheet_names)
    except UploadError:
        raise
    except Exception as exc:  # noqa: BLE001 - native reader: any failure = unreadable
        raise UploadError("upload.excel_unreadable", file=file_name, detail=str(exc)) from exc


def _head(book, name: str) -> list:
    """A sheet's first filled rows (enough to find its header), read lazily."""
    head = []
    for n, r in book.rows(name):
        if any(_filled(c) for c in r):
            head.append((n, r))
            if len(head) > HEADER_SEARCH_ROWS:
                break
    return head


def _choose_sheet(book, names: list[str], known) -> str | None:
    """The first sheet whose header names a Cartera field and has rows below it (text or notes
    on the first sheets are passed over), else the first sheet with anything in it."""
    first = None
    for name in names:
        head = _head(book, name)
        if not head:
            continue
        first = first or name
        texts = [[_cell_text(c) for c in r] for _, r in head[:HEADER_SEARCH_ROWS]]
        h = find_header(texts, known)
        if len(head) > h + 1 and any(known(c) for c in texts[h] if c):
            return name
    return first


def _excel_rows(data, file_name, kind, known, sheet, limits: ReadLimits):
    """``(filled rows as (excel row, values), sheet used, sheet names)``, within the limits.

    The sheet is counted first (refused before any value is built when over a limit); rows after
    the first ``HEADER_SEARCH_ROWS`` are cut to the header's width as they come, so memory is
    the rows x header width that the limits allow, whatever the sheet declares.
    """
    book = _open_book(data, file_name, kind, limits)
    names = list(book.sheet_names)
    if sheet is not None and sheet not in names:
        raise UploadError("upload.no_sheet", file=file_name, sheet=sheet, sheets=", ".join(names))
    used = sheet if sheet is not None else _choose_sheet(book, names, known)
    if used is None or (sheet is not None and not _head(book, sheet)):
        raise UploadError("upload.empty", file=file_name)
    book.count(used)
    filled, width = [], None
    for n, r in book.rows(used):
        if not any(_filled(c) for c in r):
            continue
        if width is None and len(filled) >= HEADER_SEARCH_ROWS:
            head = [[_cell_text(c) for c in row] for _, row in filled[:HEADER_SEARCH_ROWS]]
            h = find_header(head, known)
            width = len(_trim_header(head[h]))
        if width is not None:
            r = r[:width]
            if not any(_filled(c) for c in r):
                continue  # only cells right of the header (a stray far-away cell): nothing to read
        filled.append((n, r))
        if len(filled) % 65_536 == 0:
            limits.check(file_name, len(filled), width or 1)
    if width is None and filled:  # fewer rows than the header search: the same cut at the end
        head = [[_cell_text(c) for c in row] for _, row in filled]
        h = find_header(head, known)
        width = len(_trim_header(head[h]))
        filled = filled[: h + 1] + [
            (n, r) for n, r in filled[h + 1 :] if any(_filled(c) for c in r[:width])
        ]
    limits.check(file_name, len(filled), width or 1)
    return filled, used, names


def _filled(c) -> bool:
    return c is not None and not (isinstance(c, str) and not c.strip())


def _cell_text(c) -> str:
    if c is None:
        return ""
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return str(c).strip()


def read_table(
    data: bytes,
    file_name: str,
    known,
    sheet: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RawTable:
    """Kind, then the CSV or Excel reader. ``known(cell)`` says if a cell names a Cartera field.
    ``limits``: rows and cells allowed (refused while reading, issue 14)."""
    kind = detect_kind(data, file_name)
    if kind == "csv":
        return read_csv_table(data, file_name, known, limits=limits)
    return read_excel_table(data, file_name, kind, known, sheet, limits)
