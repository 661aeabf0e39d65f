"""The served app in headless Chromium: first chart, language switch, deep links, presentation."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

NAV = ".st-key-cartera_nav"  # the translated menu app.py draws with st.page_link


def test_first_visit_shows_a_chart_and_switches_language(demo_app, page):
    page.goto(demo_app.url)
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_role("heading").first).to_be_visible()
    # Switch to Spanish through the sidebar selector: the URL and the navigation follow.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Español").click()
    expect(page.locator(NAV)).to_contain_text("Cargar datos")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"lang=es"))
    expect(page.locator(NAV)).to_contain_text("Ajustes")


def test_raw_page_menu_never_shows_on_a_fresh_server(start_app, demo_copy, page):
    """Streamlit's automatic menu of pages/ ("app account portfolio ...") never appears, not even
    while the first request after a server start imports the app; a deep link works at once."""
    app = start_app(demo_copy)
    seen = []
    page.goto(app.url + "/tiers?lang=es")
    for _ in range(40):  # poll the DOM while the first run is under way (about 4 s)
        seen.append(page.locator('[data-testid="stSidebarNav"]').count())
        page.wait_for_timeout(100)
    expect(page.locator(NAV)).to_contain_text("Niveles", timeout=30_000)
    wait_for_app(page)
    assert max(seen) == 0
    expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
    expect(page.get_by_role("heading").first).to_be_visible()


def test_deep_link_paths_and_presentation_mode(demo_app, page):
    for path, text in [
        ("/tiers?lang=es", "Niveles"),
        ("/upload", "Upload"),
        ("/settings?lang=es", "Ajustes"),
    ]:
        page.goto(demo_app.url + path)
        expect(page.locator(NAV)).to_contain_text(text, timeout=30_000)
        wait_for_app(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.goto(demo_app.url + "/?present=1")
    exit_button = page.get_by_role("button", name=re.compile("Exit presentation"))
    expect(exit_button).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    exit_button.click()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    expect(page.locator(NAV)).to_contain_text("Portfolio")
