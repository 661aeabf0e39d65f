"""A KAM in a real browser: adds a contact under a manager with a stance and an action, reloads,
opens a new browser session, and finds all of it on the map and in the plan."""


import pytest

from tests.e2e.conftest import pick, wait_for_app

pytestmark = pytest.mark.e2e



def open_account(page, url: str) -> None:
    page.goto(url + "/account")
    wait_for_app(page)
    page.get_by_text("Buying centre").first.wait_for(timeout=30_000)


def test_contact_and_action_survive_reload_and_new_session(demo_app, page, browser):
    open_account(page, demo_app.url)
    page.get_by_label("Name", exact=True).fill("Zoe Test")
    page.get_by_label("Job title", exact=True).fill("Jefa de Taller")
    pick(page, "Reports to", "Raúl Goikoetxea")
    pick(page, "Stance toward us", "Champion")
    page.get_by_role("button", name="Add contact").click()
    wait_for_app(page)
    page.get_by_text("Saved.").first.wait_for(timeout=30_000)

    page.get_by_role("tab", name="Account plan").click()
    page.get_by_label("Action", exact=True).fill("Demo del taller para Zoe")
    page.get_by_label("Due date", exact=True).fill("2026-12-15")
    page.get_by_role("button", name="Add action").click()
    wait_for_app(page)
    page.get_by_text("Saved.").first.wait_for(timeout=30_000)

    def check(p):
        p.locator('[data-testid="stPlotlyChart"] svg text', has_text="Raúl Goikoetxea"
                  ).first.wait_for(timeout=30_000)
        labels = p.locator('[data-testid="stPlotlyChart"] svg text').all_text_contents()
        assert any(t.startswith("Zoe TestJefa de Taller") for t in labels), labels
        p.get_by_role("tab", name="Account plan").click()
        # the table is a canvas grid: its accessible cells are in the DOM, not "visible"
        p.get_by_text("Demo del taller para Zoe").first.wait_for(state="attached",
                                                                 timeout=30_000)

    page.reload()
    open_account(page, demo_app.url)
    check(page)

    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        fresh = other.new_page()
        open_account(fresh, demo_app.url)
        check(fresh)
    finally:
        other.close()
