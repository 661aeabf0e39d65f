"""The served app in headless Chromium: first chart, language switch, deep links, presentation."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app


def test_first_visit_shows_a_chart_and_switches_language(demo_app, page):
    page.goto(demo_app.url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading").first).to_be_visible()
    # Switch to Spanish through the sidebar selector: the URL and the navigation follow.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Español").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"lang=es"))
    expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("Cargar datos")
    expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("Ajustes")


def test_deep_link_paths_and_presentation_mode(demo_app, page):
    for path, text in [("/tiers?lang=es", "Niveles"), ("/upload", "Upload"),
                       ("/settings?lang=es", "Ajustes")]:
        page.goto(demo_app.url + path)
        wait_for_app(page)
        expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text(text)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.goto(demo_app.url + "/?present=1")
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.get_by_role("button", name=re.compile("Exit presentation")).click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
