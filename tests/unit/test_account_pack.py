"""The account review pack (PPTX and PDF) built from the demo database (issue #10).

The PPTX is reopened with python-pptx (slide count, titles in the chosen language, real chart
images, table cells equal to the Account 360 figures); the PDF is rendered to PNG with pdftoppm
and its pages counted. An account with no contacts, plan or activity still gets a clean pack
that says so.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image as PILImage
from pptx import Presentation

from kam_core.accounts import overview
from kam_core.demo.accounts import DEMO_TODAY
from kam_core.i18n import fmt_money, fmt_pct
from kam_core.portfolio.periods import Filters
from kam_core.reports import images
from kam_core.reports.account_pack import account_pack, pack_pdf, pack_pptx
from kam_core.store import db

FILTERS = Filters("2025-Q4", "2026-Q3")
FULL, EMPTY = "C1000", "C1010"  # the demo's best-documented account; one with nothing recorded
PICTURE = 13

TITLES = {
    "en": [
        "Transportes Cantábrica S.L.U.: account review",
        "Key figures",
        "Product lines bought",
        "Early warnings",
        "Revenue by quarter",
        "Revenue by quarter",
        "Relationship map",
        "Coverage warnings",
        "Account plan 2026: objectives",
        "Account plan 2026: objectives",
        "Competitors in the account",
        "Opportunities",
        "Open and overdue actions",
        "Account health",
        "Account health",
    ],
    "es": [
        "Transportes Cantábrica S.L.U.: revisión de la cuenta",
        "Cifras clave",
        "Líneas de producto compradas",
        "Alertas tempranas",
        "Facturación por trimestre",
        "Facturación por trimestre",
        "Mapa de relaciones",
        "Alertas de cobertura",
        "Plan de cuenta 2026: objetivos",
        "Plan de cuenta 2026: objetivos",
        "Competidores en la cuenta",
        "Oportunidades",
        "Acciones pendientes y vencidas",
        "Salud de la cuenta",
        "Salud de la cuenta",
    ],
}
NONE_RECORDED = {
    "en": [
        "No contacts recorded: the relationship map is empty.",
        "No objectives recorded for 2026.",
        "No competitors recorded.",
        "No opportunities recorded.",
        "No open actions.",
    ],
    "es": [
        "No hay contactos registrados: el mapa de relaciones está vacío.",
        "No hay objetivos registrados para 2026.",
        "No hay competidores registrados.",
        "No hay oportunidades registradas.",
        "No hay acciones pendientes.",
    ],
}


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def poppler():
    missing = [tool for tool in ("pdftoppm", "pdfinfo", "pdftotext") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: apt-get install poppler-utils")


def _build(demo_db, key: str, lang: str):
    if not images.chromium_found():
        pytest.fail("Chromium is needed to draw the pack's charts (apt-get install chromium)")
    con = db.connect(demo_db)
    try:
        pack = account_pack(con, key, FILTERS, lang, today=DEMO_TODAY)
        products = overview.products(con, key, FILTERS)
    finally:
        con.close()
    return pack, Presentation(io.BytesIO(pack_pptx(pack))), pack_pdf(pack), products


@pytest.fixture(scope="module", params=["en", "es"])
def full(request, demo_db):
    return (request.param, *_build(demo_db, FULL, request.param))


@pytest.fixture(scope="module", params=["en", "es"])
def empty(request, demo_db):
    return (request.param, *_build(demo_db, EMPTY, request.param))


def pdf_pages(pdf: bytes, tmp_path) -> tuple[int, list, str]:
    """(pages per pdfinfo, the PNG pages pdftoppm drew, the text per pdftotext)."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, pngs, text


def test_pptx_slides_and_titles_in_the_chosen_language(full):
    lang, pack, prs, _, _ = full
    assert [s.shapes.title.text for s in prs.slides] == TITLES[lang]
    assert pack.file_stem == {"en": "review-pack", "es": "dossier-revision"}[lang] + (
        "-C1000-2025-Q4_2026-Q3"
    )


def test_pptx_charts_are_real_pngs(full):
    _, _, prs, _, _ = full
    pictures = [
        (i, s) for i, sl in enumerate(prs.slides) for s in sl.shapes if s.shape_type == PICTURE
    ]
    assert [i for i, _ in pictures] == [4, 6, 13]  # revenue by quarter, map, health
    for i, pic in pictures:
        img = PILImage.open(io.BytesIO(pic.image.blob))
        colours = {c[:3] for _, c in img.convert("RGB").getcolors(1 << 20)}
        assert img.format == "PNG" and len(colours) > 50, f"slide {i + 1}"
        if i != 6:  # the map is drawn at its own size; the others in the slide's proportions
            w, h, k = (images.SLIDE_CHART[x] for x in ("width", "height", "scale"))
            assert img.size == (w * k, h * k)


def test_pptx_tables_hold_the_account_figures(full):
    lang, _, prs, _, products = full
    rows = [
        [plain(c.text) for c in r.cells]
        for s in prs.slides[2].shapes
        if s.has_table
        for r in s.table.rows
    ]
    assert [r[0] for r in rows[1:]] == list(products["product_line"])
    assert rows[1][1] == plain(fmt_money(products["revenue"].iloc[0], lang, currency="EUR"))
    assert rows[1][2] == plain(fmt_pct(products["share"].iloc[0], lang))


def test_pdf_pages_render(full, poppler, tmp_path):
    lang, _, _, pdf, _ = full
    assert pdf.startswith(b"%PDF")
    pages, pngs, text = pdf_pages(pdf, tmp_path)
    assert pages == len(pngs) == 6
    assert all(PILImage.open(p).size[0] > PILImage.open(p).size[1] for p in pngs)  # landscape
    headings = TITLES[lang][1:]
    assert all(h in text for h in headings), [h for h in headings if h not in text]
    other = TITLES["es" if lang == "en" else "en"][1:]
    assert not [h for h in other if h in text]


def test_an_account_with_nothing_recorded_says_so(empty, poppler, tmp_path):
    lang, _, prs, pdf, _ = empty
    texts = [
        s.text_frame.text for sl in prs.slides for s in sl.shapes if s.name.startswith("TextBox")
    ]
    for sentence in NONE_RECORDED[lang]:
        assert sentence in texts
    pages, pngs, text = pdf_pages(pdf, tmp_path)
    assert pages == len(pngs) == 4
    flat = " ".join(text.split())
    assert all(sentence in flat for sentence in NONE_RECORDED[lang])
