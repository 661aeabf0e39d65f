"""The deck and the review pack downloaded through the real buttons, in a real browser (#10)."""

from __future__ import annotations

import io
import subprocess

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from tests.e2e.conftest import TIMEOUT, goto, wait_for_app

pytestmark = pytest.mark.e2e

BUILD_TIMEOUT = 180_000  # ms: building draws every chart in Chromium, on a loaded 2-core machine


def test_portfolio_deck_downloads_from_its_button(demo_app, page):
    goto(page, demo_app.url + "/?from=2025-Q4&to=2026-Q3", first="Portfolio deck (PPTX)")
    button = page.get_by_role("button", name="Portfolio deck (PPTX)")
    expect(button).to_be_enabled(timeout=TIMEOUT)
    with page.expect_download(timeout=BUILD_TIMEOUT) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "portfolio-deck-2025-Q4_2026-Q3.pptx"
    prs = Presentation(io.BytesIO(open(download.path(), "rb").read()))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[:3] == ["Portfolio review", "The period in brief", "Key figures"]
    assert len(titles) == 14
    # the copy-link control offers this view's address
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("from=2025-Q4&to=2026-Q3").first).to_be_visible(timeout=TIMEOUT)


def test_review_pack_pdf_downloads_from_its_button_in_spanish(demo_app, page, tmp_path):
    goto(
        page,
        demo_app.url + "/account?account=C1000&from=2025-Q4&to=2026-Q3&lang=es",
        first="Dossier de revisión (PDF)",
    )
    expect(page.get_by_role("button", name="Dossier de revisión (PPTX)")).to_be_visible()
    button = page.get_by_role("button", name="Dossier de revisión (PDF)")
    expect(button).to_be_enabled(timeout=TIMEOUT)
    wait_for_app(page)
    with page.expect_download(timeout=BUILD_TIMEOUT) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "dossier-revision-C1000-2025-Q4_2026-Q3.pdf"
    pdf = tmp_path / "pack.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Transportes Cantábrica S.L.U.: revisión de la cuenta" in text
    assert "Mapa de relaciones" in text and "Salud de la cuenta" in text
