"""A KAM in a real browser: adds a contact under a manager with a stance and an action, reloads,
opens a new browser session, and finds all of it on the map and in the plan."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT, pick, wait_for_app

pytestmark = pytest.mark.e2e

ACTION = "Demo del taller para Zoe"


def open_account(page, url: str | None = None) -> None:
    """Open the Account 360 page (or reload it: the open tab is kept) and wait until it is drawn."""
    if url is None:
        page.reload()
    else:
        page.goto(url + "/account")
    expect(page.get_by_role("tab", name="Relationship map")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)


def open_tab(page, name: str, shows: str) -> None:
    """Click the tab ``name`` and wait for the text ``shows`` in it."""
    page.get_by_role("tab", name=name).click()
    panel = page.get_by_role("tabpanel", name=name)
    expect(panel.get_by_text(shows).first).to_be_visible(timeout=TIMEOUT)


def map_labels(page):
    return page.locator('[data-testid="stPlotlyChart"] svg text')


def test_contact_and_action_survive_reload_and_new_session(demo_app, page, browser):
    open_account(page, demo_app.url)
    expect(page.get_by_text("Buying centre").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Name", exact=True).fill("Zoe Test")
    page.get_by_label("Job title", exact=True).fill("Jefa de Taller")
    pick(page, "Reports to", "Raúl Goikoetxea")
    pick(page, "Stance toward us", "Champion")
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text("Saved.").first).to_be_visible(timeout=TIMEOUT)
    expect(map_labels(page).filter(has_text="Zoe Test").first).to_be_attached(timeout=TIMEOUT)
    wait_for_app(page)

    open_tab(page, "Account plan", "Objectives")
    page.get_by_label("Action", exact=True).fill(ACTION)
    page.get_by_label("Due date", exact=True).fill("2026-12-15")
    page.get_by_role("button", name="Add action").click()
    # "Saved." from the contact may still be on screen: wait for the action in the plan table
    # (a canvas grid: its accessible cells are in the DOM, not "visible").
    expect(page.get_by_text(ACTION).first).to_be_attached(timeout=TIMEOUT)
    wait_for_app(page)

    def check(p):
        open_tab(p, "Relationship map", "Buying centre")
        expect(map_labels(p).filter(has_text="Raúl Goikoetxea").first).to_be_attached(
            timeout=TIMEOUT
        )
        labels = map_labels(p).all_text_contents()
        assert any(t.startswith("Zoe TestJefa de Taller") for t in labels), labels
        open_tab(p, "Account plan", "Objectives")
        expect(p.get_by_text(ACTION).first).to_be_attached(timeout=TIMEOUT)

    open_account(page)  # reload
    check(page)

    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    other.set_default_timeout(TIMEOUT)  # as the `page` fixture (tests/e2e/conftest.py)
    try:
        fresh = other.new_page()
        open_account(fresh, demo_app.url)
        check(fresh)
    finally:
        other.close()
