"""Decks, PDF packs and chart images from hand-made data (kam_core.reports).

Tests that draw charts need Chromium, and the PDF tests need poppler's ``pdftoppm`` and
``pdftotext``. CI installs both; when one is missing these tests FAIL and say what to install,
rather than skip silently.
"""

import io
import os
import shutil
import subprocess
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from kam_core.reports import ReportError, images
from kam_core.reports.blocks import (
    Heading,
    Image,
    Kpis,
    PageBreak,
    Paragraphs,
    Table,
    format_cell,
    keep_units,
)
from kam_core.reports.deck import Deck
from kam_core.reports.pdf import pack_html, pdf_bytes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HOSTILE = 'Acme <script>alert(1)</script> & "Co"'


@pytest.fixture(scope="module")
def chromium():
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            "Chromium is required to turn charts into images (kam_core.reports.images): "
            "apt-get install chromium, or set BROWSER_PATH to a Chromium/Chrome binary.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def poppler():
    missing = [tool for tool in ("pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: apt-get install poppler-utils to check PDF output.",
            pytrace=False,
        )


def bar_figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Acme", "Beta", "Gamma"], y=[5, 3, 2], marker_color="#1f4e79"))
    fig.update_layout(title="Revenue", template="plotly_white")
    return fig


@pytest.fixture(scope="module")
def chart_png(chromium) -> bytes:
    return images.png(bar_figure(), width=640, height=360, scale=1)


def plain_png(width: int = 400, height: int = 200) -> bytes:
    """A PNG drawn without a browser, for tests of the PDF alone."""
    img = PILImage.new("RGB", (width, height), "#ffffff")
    img.paste((31, 78, 121), (40, 40, width - 40, height - 40))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


ACCOUNTS = pd.DataFrame(
    {
        "name": [HOSTILE, "Beta", "Gamma", "Delta"],
        "revenue": [1_234_567.0, 20_000.4, 999.0, None],
        "share": [0.123, 0.0456, 0.001, float("nan")],
        "growth": [0.25, -0.04, 0.0, None],
        "since": [date(2024, 3, 31), date(2023, 1, 5), None, date(2020, 12, 1)],
        "internal": ["x", "y", "z", "w"],
    }
)
COLUMNS = {
    "name": "Account",
    "revenue": "Revenue",
    "share": "Share",
    "growth": "Growth",
    "since": "Since",
}
FORMATS = {"revenue": "money", "share": "pct", "growth": "growth", "since": "date"}


# ---- cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, fmt, lang, expected",
    [
        (1_234_567, "money", "es", "1.234.567"),
        (1_234_567, "money", "en", "1,234,567"),
        (1_234_567, "money_compact", "es", "1,2 M"),
        (0.123, "pct", "es", "12,3 %"),
        (0.123, "pct", "en", "12.3%"),
        (0.5, "pct0", "en", "50%"),
        (0.25, "growth", "en", "+25.0%"),
        (-0.04, "growth", "es", "−4,0 %"),
        (0.0, "growth", "en", "0.0%"),
        (1234.5, "num1", "es", "1.234,5"),
        (date(2024, 3, 31), "date", "es", "31/03/2024"),
        (None, "money", "en", "–"),
        (float("nan"), "pct", "es", "–"),
        (pd.NaT, "date", "en", "–"),
        ("=1+1", "text", "en", "=1+1"),
        (7, lambda v, lang: f"#{v}", "en", "#7"),
    ],
)
def test_format_cell(value, fmt, lang, expected):
    assert format_cell(value, fmt, lang) == expected


def test_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown column format"):
        format_cell(1, "euros", "en")


# ---- images ------------------------------------------------------------------------------------


def test_png_is_a_real_png_of_the_asked_size(chart_png):
    assert chart_png.startswith(PNG_SIGNATURE)
    with PILImage.open(io.BytesIO(chart_png)) as img:
        assert img.format == "PNG" and img.size == (640, 360)
        # the navy bars are drawn in the figure's own colour
        assert (31, 78, 121) in {c[:3] for _, c in img.convert("RGB").getcolors(1 << 16)}


def test_one_browser_for_many_images(chromium):
    with images.image_session():
        assert images.session_open()
        first = images.png(bar_figure(), width=300, height=200, scale=2)
        with images.image_session():  # nested: same browser
            second = images.png(bar_figure().to_dict(), width=300, height=200, scale=1)
        assert images.session_open()
    assert not images.session_open()
    assert PILImage.open(io.BytesIO(first)).size == (600, 400)
    assert PILImage.open(io.BytesIO(second)).size == (300, 200)


def test_missing_chromium_is_a_clear_domain_error(monkeypatch):
    assert not images.session_open()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(ReportError) as info:
        images.png(bar_figure(), width=100, height=100)
    assert info.value.key == "rep.err.no_chromium"
    assert "/nonexistent/chromium" in str(info.value)
    assert "Chromium" in info.value.render("es") and "Instálelo" in info.value.render("es")


def test_a_background_session_starts_the_browser_while_the_block_runs(chromium):
    with images.image_session(background=True):
        assert images.session_open()  # starting: the block goes on meanwhile
        drawn = images.png(bar_figure(), width=120, height=80)  # waits for the browser
    assert not images.session_open()
    assert PILImage.open(io.BytesIO(drawn)).size == (120, 80)


def test_a_background_start_that_fails_is_raised_by_the_first_image(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert not images.chromium_found()
    with images.image_session(background=True):
        with pytest.raises(ReportError) as info:
            images.png(bar_figure(), width=100, height=100)
    assert info.value.key == "rep.err.no_chromium"
    assert not images.session_open()


# ---- deck --------------------------------------------------------------------------------------


def build_deck(lang: str, png: bytes, max_rows: int = 15) -> bytes:
    deck = Deck(lang, period="2024-Q1 – 2024-Q4")
    deck.title_slide("Portfolio review", "Sales direction")
    deck.text_slide("Summary", ["First sentence of the brief.", "Second sentence."])
    deck.kpi_slide("Key figures", [("Revenue", "EUR 12.3M"), ("Accounts", "152")])
    deck.image_slide("Pareto", png, caption="Accounts by revenue")
    deck.table_slide("Largest accounts", ACCOUNTS, COLUMNS, FORMATS, max_rows=max_rows)
    return deck.to_bytes()


def table_of(slide):
    tables = [s for s in slide.shapes if s.has_table]
    assert len(tables) == 1, "the table must be a real PowerPoint table"
    return tables[0].table


@pytest.mark.parametrize(
    "lang, revenue, share, growth, since",
    [
        # Spanish writes "12,3 %"; the deck keeps number and unit together (no-break space).
        ("es", "1.234.567", "12,3\u00a0%", "+25,0\u00a0%", "31/03/2024"),
        ("en", "1,234,567", "12.3%", "+25.0%", "2024-03-31"),
    ],
)
def test_deck_has_every_slide_kind(chart_png, lang, revenue, share, growth, since):
    prs = Presentation(io.BytesIO(build_deck(lang, chart_png)))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    slides = list(prs.slides)
    assert [s.shapes.title.text for s in slides] == [
        "Portfolio review",
        "Summary",
        "Key figures",
        "Pareto",
        "Largest accounts",
    ]

    pictures = [s for s in slides[3].shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 1
    blob = pictures[0].image.blob
    assert blob.startswith(PNG_SIGNATURE)
    assert PILImage.open(io.BytesIO(blob)).size == (640, 360)
    assert pictures[0].width / pictures[0].height == pytest.approx(640 / 360, rel=0.01)

    table = table_of(slides[4])
    assert len(table.rows) == 1 + len(ACCOUNTS) and len(table.columns) == len(COLUMNS)
    assert [c.text for c in table.rows[0].cells] == list(COLUMNS.values())
    assert [c.text for c in table.rows[1].cells] == [HOSTILE, revenue, share, growth, since]
    assert [c.text for c in table.rows[4].cells][:4] == ["Delta", "–", "–", "–"]
    alignments = [c.text_frame.paragraphs[0].alignment for c in table.rows[1].cells]
    assert alignments == [PP_ALIGN.LEFT] + [PP_ALIGN.RIGHT] * 3 + [PP_ALIGN.LEFT]

    kpi_labels = [s.text_frame.text for s in slides[2].shapes if s.name == "KPI label"]
    kpi_values = [s.text_frame.text for s in slides[2].shapes if s.name == "KPI value"]
    assert (kpi_labels, kpi_values) == (["Revenue", "Accounts"], ["EUR 12.3M", "152"])
    for number, slide in enumerate(slides[1:], start=2):
        texts = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
        assert texts["Footer"] == "Cartera · 2024-Q1 – 2024-Q4"
        assert texts["Slide number"] == str(number)


def test_deck_shapes_stay_on_the_slide(chart_png):
    prs = Presentation(io.BytesIO(build_deck("en", chart_png)))
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top + shape.height <= prs.slide_height, shape.name


def test_deck_table_says_how_many_rows_it_leaves_out():
    deck = Deck("es")
    big = pd.DataFrame({"name": [f"Cuenta {i}" for i in range(1500)], "revenue": range(1500)})
    slide = deck.table_slide(
        "Todas", big, {"name": "Cuenta", "revenue": "Facturación"}, {"revenue": "int"}, max_rows=15
    )
    assert len(table_of(slide).rows) == 16
    captions = [s.text_frame.text for s in slide.shapes if s.name == "Caption"]
    assert captions == ["Las primeras 15 de 1.500 filas."]


def test_a_wide_long_table_is_clipped_to_the_slide_not_spilled():
    deck = Deck("es")
    long_name = "Corporación Alimentaria Peñasanta de Asturias Sociedad Anónima Unipersonal"
    big = pd.DataFrame({c: [long_name] * 40 for c in ("a", "b", "c")} | {"n": [123_456_789.0] * 40})
    slide = deck.table_slide(
        "Ancha", big, {"a": "A", "b": "B", "c": "C", "n": "N"}, {"n": "money"}, max_rows=40
    )
    table = [s for s in slide.shapes if s.has_table][0]
    assert table.top + table.height <= Inches(6.9)
    rows = table_of(slide).rows
    assert 2 <= len(rows) <= 40
    assert all(c.text.endswith("…") for c in list(rows[1].cells)[:3])
    assert rows[1].cells[3].text == "123.456.789"  # numbers are never cut
    captions = [s.text_frame.text for s in slide.shapes if s.name == "Caption"]
    assert captions == [f"Las primeras {len(rows) - 1} de 40 filas."]


def test_deck_rejects_bytes_that_are_not_png():
    with pytest.raises(ValueError, match="PNG"):
        Deck("en").image_slide("Broken", b"GIF89a not a png")


# ---- PDF ---------------------------------------------------------------------------------------


def pack_blocks(png: bytes) -> list:
    return [
        Paragraphs([f"{HOSTILE} grew 34.0%.", "Second paragraph."]),
        Heading("Key figures"),
        Kpis([("Revenue", "12,3 M EUR"), ("Accounts", "152"), ("HHI", "1.234")]),
        PageBreak(),
        Heading("Revenue trend"),
        Image(png, caption="Revenue per quarter <b>"),
        PageBreak(),
        Heading(f"Open actions of {HOSTILE}"),
        Table(ACCOUNTS, COLUMNS, FORMATS, max_rows=3, caption="Source: Cartera"),
    ]


def test_pack_html_escapes_every_user_text():
    html = pack_html(
        HOSTILE, pack_blocks(plain_png()), "es", subtitle="<i>sub</i>", period="2024-Q1 – 2024-Q4"
    )
    assert "<script>" not in html and "<b>" not in html and "<i>sub" not in html
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in html
    assert "1.234.567" in html and "12,3\u00a0%" in html
    assert "Las primeras 3 de 4 filas." in html


def test_pdf_rejects_bytes_that_are_not_png():
    with pytest.raises(ValueError, match="PNG"):
        pdf_bytes("Broken", [Image(b"GIF89a not a png")], "en")


def test_pdf_pages_render(poppler, tmp_path):
    data = pdf_bytes(
        HOSTILE,
        pack_blocks(plain_png()),
        "es",
        subtitle="Revisión de cuenta",
        period="2024-Q1 – 2024-Q4",
    )
    assert data.startswith(b"%PDF")
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    for page in pages:
        with PILImage.open(page) as img:
            assert img.width > img.height  # A4 landscape
            colours = img.convert("RGB").getcolors(1 << 20)
            assert len(colours) > 20, f"{page.name} looks blank"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    ).stdout
    assert "Acme <script>alert(1)</script>" in text  # shown as text, never run
    assert "Página 1 de 3" in text and "Página 3 de 3" in text
    assert "1.234.567" in text and "+25,0 %" in text


def test_pdf_with_a_real_chart(poppler, chart_png, tmp_path):
    data = pdf_bytes("Review", [Heading("Chart"), Image(chart_png)], "en")
    pdf = tmp_path / "chart.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    assert len(list(tmp_path.glob("page-*.png"))) == 1
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, timeout=60, capture_output=True, text=True
    ).stdout
    assert "Page 1 of 1" in text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("el 21,4 % de 1,2 M", "el 21,4\u00a0% de 1,2\u00a0M"),
        ("250 k EUR y 3 mil M", "250\u00a0k EUR y 3\u00a0mil M"),
        ("12.3% of 4 Mills", "12.3% of 4 Mills"),  # no space to keep; "Mills" is a word
    ],
)
def test_keep_units_joins_a_number_to_its_unit(text, expected):
    assert keep_units(text) == expected
