"""A sales manager about to show the account to the client: in the sidebar chooses "The client",
turns presentation mode on, and sees the account without our judgements of the client's people
(issue 8, F-PR-1); the link carries the audience; Exit brings everything back."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT, wait_for_app

pytestmark = pytest.mark.e2e

MAP_TEXT = '[data-testid="stPlotlyChart"] svg text'


def test_present_the_account_to_the_client(demo_app, page):
    page.goto(demo_app.url + "/account")
    expect(page.get_by_role("tab", name="Health")).to_be_visible(timeout=TIMEOUT)
    expect(
        page.get_by_text("Fernando Ugalde has high influence and is against us.")
    ).to_be_visible()
    wait_for_app(page)

    sidebar = page.locator('section[data-testid="stSidebar"]')
    sidebar.locator(".st-key-_present_audience").click()  # "Present to": a select box
    page.get_by_role("option", name="The client", exact=True).click()
    wait_for_app(page)
    sidebar.get_by_text("Presentation mode", exact=True).click()
    expect(page.get_by_role("button", name="Exit presentation")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"[?&]present=client(&|$)"))

    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Presenting to the client")).to_be_visible()
    expect(sidebar).to_be_hidden()
    expect(page.get_by_role("tab", name="Relationship map")).to_be_visible()
    for hidden in ("Health", "History"):
        expect(page.get_by_role("tab", name=hidden)).to_have_count(0)
    # who is who stays, drawn without stances
    labels = page.locator(MAP_TEXT)
    expect(labels.filter(has_text="Fernando Ugalde").first).to_be_attached(timeout=TIMEOUT)
    legend = " ".join(labels.all_text_contents())
    assert "Contact" in legend and "Reports to" in legend
    for word in ("Opponent", "Non-supporter", "Champion", "Informal influence", "Trusted advisor"):
        assert word not in legend, word
    text = main.inner_text()
    for word in ("against us", "Early warnings", "· Key account ·", "Rank", "Tier", "Share of"):
        assert word not in text, word
    assert "Revenue" in text
    page.get_by_role("tab", name="Account plan").click()
    expect(main.get_by_text("Open actions")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    text = main.inner_text()
    for word in ("SWOT", "Competitors", "Opportunities", "Risks"):
        assert word not in text, word
    page.screenshot(path=str(demo_app.log_path.parent / "account-client.png"))

    # a reload (the link) reopens the same view for the same audience
    page.reload()
    expect(page.get_by_text("Presenting to the client")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("tab", name="Health")).to_have_count(0)
    wait_for_app(page)

    page.get_by_role("button", name="Exit presentation").click()
    expect(page.get_by_role("tab", name="Health")).to_be_visible(timeout=TIMEOUT)
    expect(page).not_to_have_url(re.compile(r"present="))
