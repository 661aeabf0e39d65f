"""Issue 14: Excel files are read by their real cells, within limits, never by what they declare.

A stray cell at XFD1048576 made the native reader ask for 549 GB and abort the process; a small
.xlsx expanding to millions of rows was materialised whole. The workbooks here are written by
hand (a few XML parts in a zip), so the tests build exactly the hostile file they describe.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from kam_core.cli import main as cli_main
from kam_core.common.errors import UploadError
from kam_core.ingest import prepare, sheet_names
from kam_core.ingest.limits import ReadLimits
from kam_core.store import db, settings

ROOT = Path(__file__).resolve().parents[2]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def _cell(ref: str, value) -> str:
    if isinstance(value, str):
        text = value.replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def col_letters(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows: list[list], extra: str = "") -> str:
    """Rows from A1 down; ``extra``: raw XML appended inside <sheetData> (a far-away cell...)."""
    body = "".join(
        f'<row r="{i}">'
        + "".join(_cell(f"{col_letters(j)}{i}", v) for j, v in enumerate(r) if v is not None)
        + "</row>"
        for i, r in enumerate(rows, start=1)
    )
    return f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{body}{extra}</sheetData></worksheet>'


def write_xlsx(target, sheets: dict[str, str], *, stream_rows=None) -> None:
    """A workbook with the given sheet XML texts; ``stream_rows=(name, header, n, row_fn)``
    writes one more sheet row by row (for bombs: small on disk, never held in memory). A
    ``row_fn`` of None repeats one row without references (what a bomb looks like)."""
    names = list(sheets) + ([stream_rows[0]] if stream_rows else [])
    wb = (
        f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets>'
        + "".join(
            f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1)
        )
        + "</sheets></workbook>"
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_WS}" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, text in enumerate(sheets.values(), 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", text)
        if stream_rows:
            _stream_sheet(z, f"xl/worksheets/sheet{len(names)}.xml", *stream_rows[1:])


_BOMB_ROW = '<row><c t="inlineStr"><is><t>Acme</t></is></c><c><v>1</v></c></row>'


def _stream_sheet(z, member: str, header, n: int, row_fn) -> None:
    with z.open(member, "w", force_zip64=True) as f:
        f.write(f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode())
        head = "".join(_cell(f"{col_letters(j)}1", h) for j, h in enumerate(header))
        f.write(f'<row r="1">{head}</row>'.encode())
        if row_fn is None:  # one block of identical rows, written again and again
            block = (_BOMB_ROW * 16_384).encode()
            for _ in range(n // 16_384):
                f.write(block)
            f.write((_BOMB_ROW * (n % 16_384)).encode())
        else:
            chunk = []
            for i in range(2, n + 2):
                chunk.append(row_fn(i))
                if len(chunk) == 20_000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write("".join(chunk).encode())
        f.write(b"</sheetData></worksheet>")


def xlsx_bytes(sheets: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    write_xlsx(buf, sheets)
    return buf.getvalue()


SALES = [["Cliente", "Fecha", "Importe"], ["Acme", "2025-03-01", 100.5], ["Beta", "2025-04-02", 20]]
STRAY = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def _bomb_row(i: int) -> str:
    return (
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>C{i % 97}</t></is></c>'
        f'<c r="B{i}"><v>{i % 1000}</v></c></row>'
    )


# ----------------------------------------------------------------------------- far-away cell


def test_stray_cell_at_xfd1048576_reads_the_real_data():
    data = xlsx_bytes({"Ventas": sheet_xml(SALES, STRAY)})
    assert len(data) < 2_000  # the file: 1.7 KB
    p = prepare(data, "stray.xlsx")
    assert p.rows_valid == 2 and p.rows_rejected == 0
    assert p.lines["account_key"].tolist() == ["Acme", "Beta"]
    assert p.lines["amount"].tolist() == [100.5, 20.0]


def test_stray_cell_through_the_cli_in_a_subprocess_with_little_memory(tmp_path):
    """The process that read the issue's file aborted (SIGABRT, Rust backtrace); under a 1 GB
    address-space cap it now loads the real rows and exits 0."""
    path = tmp_path / "stray.xlsx"
    path.write_bytes(xlsx_bytes({"Ventas": sheet_xml(SALES, STRAY)}))
    dbf = tmp_path / "s.duckdb"
    code = (
        "import resource,sys; resource.setrlimit(resource.RLIMIT_AS,(3<<30,3<<30));"
        "from kam_core.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "ingest", str(path), "--db", str(dbf)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "backtrace" not in done.stderr
    con = db.connect(dbf)
    assert db.scalar(con, "SELECT count(*) FROM revenue_lines") == 2
    con.close()


def test_cells_outside_excel_grid_are_refused():
    bad = '<row r="5"><c r="XFE5"><v>1</v></c></row>'
    with pytest.raises(UploadError) as err:
        prepare(xlsx_bytes({"S": sheet_xml(SALES, bad)}), "bad.xlsx")
    assert err.value.key == "hd.upload.excel_bad_ref"
    assert "XFE5" in err.value.render("en") and "fuera de la cuadrícula" in err.value.render("es")


# ----------------------------------------------------------------------------- bombs and limits


def _peak_child(path: Path, extra: str = "") -> dict:
    """Peak resident memory (MB) of a child that only imports Cartera and prepares ``path``."""
    code = f"""
import json, resource, sys
from kam_core.ingest import prepare
from kam_core.common.errors import CarteraError
{extra}
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = open({str(path)!r}, "rb").read()
try:
    p = prepare(data, {path.name!r})
    out = {{"rows": p.rows_valid}}
except CarteraError as exc:
    out = {{"key": exc.key, "en": exc.render("en"), "es": exc.render("es")}}
out["base_mb"] = base / 1024
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_bomb_beyond_excel_rows_refused_with_bounded_memory(tmp_path):
    """The issue's bomb: 20 million rows in a file of about a megabyte (1.2 GB unzipped, under
    the unzipped-size limit). Refused while counting, memory stays flat."""
    path = tmp_path / "bomb.xlsx"
    write_xlsx(path, {}, stream_rows=("Ventas", ["Cliente", "Importe"], 20_000_000, None))
    assert path.stat().st_size < 6_000_000  # 1.3 GB of XML
    out = _peak_child(path)
    print(
        f"\nbomb {path.stat().st_size / 1e6:.1f} MB on disk: peak {out['peak_mb']:.0f} MB "
        f"(after imports {out['base_mb']:.0f} MB)"
    )
    assert out["key"] == "hd.upload.excel_too_many_rows"
    assert "1\u202f048\u202f576" in out["en"] and "más de" in out["es"]
    assert out["peak_mb"] - out["base_mb"] < 150


def test_rows_limit_setting_named_in_the_refusal(tmp_path):
    path = tmp_path / "many.xlsx"
    write_xlsx(path, {}, stream_rows=("Ventas", ["Cliente", "Importe"], 300_000, _bomb_row))
    con = db.connect(tmp_path / "l.duckdb")
    settings.set_values(con, {"max_rows_per_file": 100_000})
    with pytest.raises(UploadError) as err:
        prepare(path.read_bytes(), path.name, con)
    con.close()
    assert err.value.key == "hd.upload.too_many_rows"
    assert "100\u202f000" in err.value.render("en") and "Rows per file" in err.value.render("en")
    assert "Filas por archivo" in err.value.render("es")


def test_declared_unzipped_size_over_the_limit_refused_before_reading(tmp_path):
    data = xlsx_bytes({"S": sheet_xml(SALES + [["x" * 2000, "2025-01-01", 1]] * 3000)})
    limits = ReadLimits(expanded_bytes=1_048_576)
    with pytest.raises(UploadError) as err:
        prepare(data, "big.xlsx", limits=limits)
    assert err.value.key == "hd.upload.expanded"
    assert "1 MB" in err.value.render("en").replace("\u202f", " ")


def test_cells_limit_refuses_a_wide_sheet():
    row = ["Acme", "2025-01-01", 1] + ["n"] * 60
    data = xlsx_bytes({"S": sheet_xml([SALES[0] + [f"c{i}" for i in range(60)]] + [row] * 200)})
    with pytest.raises(UploadError) as err:
        prepare(data, "wide.xlsx", limits=ReadLimits(cells=5_000))
    assert err.value.key == "hd.upload.too_many_cells"


def test_zip_with_absurdly_many_entries_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(10_050):
            z.writestr(f"xl/x{i}", b"")
    with pytest.raises(UploadError) as err:
        prepare(buf.getvalue(), "many.xlsx")
    assert err.value.key == "upload.excel_unreadable"
    assert "zip entries" in err.value.render("en")


# ----------------------------------------------------------------------------- same values as before


def test_values_as_the_native_reader_gives_them(tmp_path):
    """Numbers, text, dates by number format, times, booleans, formulas without a cached value:
    the streaming reader returns what python-calamine returned for the same workbook."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(
        [
            "x",
            10,
            10.5,
            "t",
            date(2024, 3, 1),
            datetime(2024, 3, 1, 12, 30),
            True,
            "=1/0",
            45000,
            time(12, 30),
            "",
            -3,
            12345678901234,
        ]
    )
    for ref, value, fmt in [
        ("N1", 45000, "dd/mm/yyyy"),
        ("O1", 45000.5, "yyyy-mm-dd hh:mm"),
        ("P1", 0.5, "0%"),
        ("Q1", 45000, "[$-409]d-mmm-yy;@"),
        ("R1", 45000, '#,##0.00 "d"'),
    ]:
        ws[ref] = value
        ws[ref].number_format = fmt
    ws2 = wb.create_sheet("Other")
    ws2["B3"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    from kam_core.ingest.xlsx_reader import Workbook

    book = Workbook(data, "t.xlsx", ReadLimits())
    native = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in ("Data", "Other"):
        grid = native.get_sheet_by_name(name).to_python(skip_empty_area=False)
        expected = [(i + 1, r) for i, r in enumerate(grid) if any(c != "" for c in r)]
        expected = [(n, r[: max(j for j, c in enumerate(r) if c != "") + 1]) for n, r in expected]
        got = list(book.rows(name))
        assert got == expected
        assert [[type(c) for c in r] for _, r in got] == [[type(c) for c in r] for _, r in expected]


# ----------------------------------------------------------------------------- which sheet


def test_data_on_the_third_sheet_is_found_and_offered():
    notes = sheet_xml([["Informe de ventas"], ["Notas: cifras sin IVA"]])
    data = xlsx_bytes({"Portada": notes, "Notas": notes, "Datos": sheet_xml(SALES)})
    assert sheet_names(data, "libro.xlsx") == ["Portada", "Notas", "Datos"]
    p = prepare(data, "libro.xlsx")
    assert p.source_format["sheet"] == "Datos" and p.rows_valid == 2
    with pytest.raises(UploadError):
        prepare(data, "libro.xlsx", sheet="Portada")


def test_cli_reports_a_bomb_without_traceback(tmp_path, capsys):
    path = tmp_path / "bomb.xlsx"
    write_xlsx(path, {}, stream_rows=("Ventas", ["Cliente", "Importe"], 1_100_000, None))
    dbf = tmp_path / "b.duckdb"
    con = db.connect(dbf)
    before = db.table_snapshot(con)
    con.close()
    assert cli_main(["--lang", "es", "ingest", str(path), "--db", str(dbf)]) == 1
    err = capsys.readouterr().err
    assert "más de 1\u202f048\u202f576 filas" in err and "Traceback" not in err
    con = db.connect(dbf)
    assert db.table_snapshot(con) == before
    con.close()


def test_prefixed_tags_and_cells_without_references():
    """Writers of the OpenXML SDK prefix every tag (``x:row``, ``x:c``); some omit ``r``."""
    rows = (
        '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>Cliente</x:t></x:is></x:c>'
        '<x:c t="inlineStr"><x:is><x:t>Importe</x:t></x:is></x:c></x:row>'
        '<x:row><x:c t="inlineStr"><x:is><x:t>Acme &amp; Co</x:t></x:is></x:c>'
        "<x:c><x:v>12.5</x:v></x:c></x:row>"
    )
    xml = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{NS}"><x:sheetData>{rows}'
        "</x:sheetData></x:worksheet>"
    )
    p = prepare(xlsx_bytes({"S": xml}), "sdk.xlsx", default_quarter="2025-Q1")
    assert p.lines["account_key"].tolist() == ["Acme & Co"]
    assert p.lines["amount"].tolist() == [12.5]
