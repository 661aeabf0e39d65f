"""A sales director in a real browser: changes the quarter range (the URL follows), marks an
account strategic on the tiers page, and sees the Sankey and the key-account list change."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT, pick, wait_for_app

pytestmark = pytest.mark.e2e

NAV = ".st-key-cartera_nav"  # the translated menu app.py draws with st.page_link


def metric(page, label: str):
    """The value of the metric labelled ``label`` (a locator: expect waits for it)."""
    m = (
        page.locator('[data-testid="stMetric"]')
        .filter(has=page.get_by_text(label, exact=True))
        .first
    )
    return m.locator('[data-testid="stMetricValue"]')


def sankey_title(page):
    return page.locator('[data-testid="stPlotlyChart"] .gtitle', has_text="Tier migration").first


def in_url(**params) -> re.Pattern:
    """Matches a URL whose query has these parameters, in any order."""
    return re.compile("".join(rf"(?=.*[?&]{k}={re.escape(v)}(&|$))" for k, v in params.items()))


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name, selected=True)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)


def test_range_mark_sankey_and_key_list(demo_app, page):
    page.goto(demo_app.url + "/")
    expect(page.get_by_text("Accounts making 80%").first).to_be_visible(timeout=TIMEOUT)
    expect(metric(page, "Revenue")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    revenue_4q = metric(page, "Revenue").inner_text()

    # Quarter range: a single quarter, 2026-Q1; the figures and the URL follow.
    page.get_by_text("Quarter", exact=True).first.click()  # the period radio: "Quarter"
    pick(page, "Quarter", "2026-Q1")  # the selectbox that replaces "Ending quarter"
    page.wait_for_url(in_url(**{"from": "2026-Q1", "to": "2026-Q1"}), timeout=TIMEOUT)
    expect(metric(page, "Revenue")).not_to_have_text(revenue_4q, timeout=TIMEOUT)

    # The tiers page keeps the range (same session) and the Sankey ends in that quarter.
    page.locator(NAV).get_by_role("link", name="Tiers").click()
    expect(page.get_by_role("tab", name="Tier migration")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    open_tab(page, "Tier migration")
    page.wait_for_url(re.compile(r"view=Tier"), timeout=TIMEOUT)  # the open screen is linkable
    expect(sankey_title(page)).to_have_text("Tier migration 2025-Q1 → 2026-Q1", timeout=TIMEOUT)
    open_tab(page, "ABC tiers")
    key_accounts = metric(page, "Key accounts")
    expect(key_accounts).to_have_text(re.compile(r"^\d+$"), timeout=TIMEOUT)
    key_before = int(key_accounts.inner_text())
    open_tab(page, "Key accounts")
    expect(page.get_by_text(f"Key accounts: {key_before}").first).to_be_visible(timeout=TIMEOUT)

    # Mark a tier C account (in 2026-Q1) strategic: the key list grows and names it.
    page.get_by_label("Find the account").fill("Granite Health")
    page.keyboard.press("Enter")
    account = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_text("Account", exact=True)
    )
    # the search narrows the list: the box now offers (and shows) the one match
    expect(account.get_by_role("combobox")).to_have_value(
        re.compile("Granite Health B.V."), timeout=TIMEOUT
    )
    wait_for_app(page)
    pick(page, "Account", "Granite Health B.V.")
    pick(page, "Reason", "Growth potential")
    page.locator('[data-testid="stTextArea"] textarea').first.fill(
        "New plant in Tarragona from 2027"
    )
    page.get_by_role("button", name="Save mark").click()
    expect(page.get_by_text("Saved: Granite Health B.V.").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(f"Key accounts: {key_before + 1}").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("New plant in Tarragona from 2027").first).to_be_attached(
        timeout=TIMEOUT
    )
    wait_for_app(page)

    # Another range: the Sankey changes with it.
    pick(page, "Quarter", "2025-Q4")
    page.wait_for_url(in_url(**{"from": "2025-Q4", "to": "2025-Q4"}), timeout=TIMEOUT)
    open_tab(page, "Tier migration")
    expect(sankey_title(page)).to_have_text("Tier migration 2024-Q4 → 2025-Q4", timeout=TIMEOUT)
