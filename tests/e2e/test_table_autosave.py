"""Issue 8 in a real browser: a plan table cell edited and left (no button) is kept after going
to another page and back; "Restore defaults" on Settings shows the defaults and a later save
keeps them."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT, goto, wait_for_app

pytestmark = pytest.mark.e2e

ROW, HEADER = 35, 35  # Streamlit's default grid row and header heights (px)


def _plan(page, url):
    goto(page, url + "/account?view=Plan+de+cuenta&lang=es", "Objetivos")
    grid = page.locator("[class*='st-key-plan_ed_objectives_']").first
    grid.scroll_into_view_if_needed()
    expect(grid.locator("td").first).to_be_attached(timeout=TIMEOUT)
    return grid


def test_a_plan_cell_edit_is_kept_without_any_button(demo_app, page):
    grid = _plan(page, demo_app.url)
    cells = grid.locator("td")
    expect(cells.nth(1)).to_have_text("4852000")  # the first objective's revenue target
    box = grid.bounding_box()
    # select the first row's "Objetivo de facturación" cell (the right-hand column), type, Enter
    page.mouse.click(box["x"] + box["width"] * 0.85, box["y"] + HEADER + ROW / 2)
    page.keyboard.press("Enter")  # open the cell's editor, replace its number, commit
    expect(page.locator("#portal input, #portal textarea").first).to_be_visible()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("5100000", delay=50)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Cambio guardado.").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    goto(page, demo_app.url + "/?lang=es", "Cartera")  # leave for another page ...
    grid = _plan(page, demo_app.url)  # ... and come back in the same session
    expect(grid.locator("td").nth(1)).to_have_text("5100000", timeout=TIMEOUT)
    # the progress figures read the saved target: 5,1 M EUR
    expect(page.get_by_text(re.compile(r"^5,1\sM\sEUR$")).first).to_be_visible(timeout=TIMEOUT)


def test_restore_defaults_shows_and_keeps_the_defaults(demo_app, page):
    goto(page, demo_app.url + "/settings", "Settings")
    weight = page.get_by_label("Score weight: revenue", exact=True)
    weight.fill("10")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    page.get_by_role("button", name="Restore defaults").click()
    expect(page.get_by_text("Defaults restored.").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(weight).to_have_value("40", timeout=TIMEOUT)  # the browser shows the default ...
    page.get_by_label("Score weight: growth", exact=True).fill("25")
    page.get_by_role("button", name="Save settings").click()  # ... and a later save keeps it
    expect(page.get_by_text("Settings saved.").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_label("Score weight: revenue", exact=True)).to_have_value(
        "40", timeout=TIMEOUT
    )
    expect(page.get_by_label("Score weight: growth", exact=True)).to_have_value("25")
