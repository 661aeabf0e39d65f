"""A sales director in a real browser: changes the quarter range (the URL follows), marks an
account strategic on the tiers page, and sees the Sankey and the key-account list change."""

import re

import pytest

from tests.e2e.conftest import pick, wait_for_app

pytestmark = pytest.mark.e2e



def metric(page, label: str) -> str:
    m = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text(label, exact=True)).first
    return m.locator('[data-testid="stMetricValue"]').inner_text()


def sankey_title(page) -> str:
    t = page.locator('[data-testid="stPlotlyChart"] .gtitle',
                     has_text="Tier migration").first
    t.wait_for(timeout=30_000)
    return t.text_content()


def test_range_mark_sankey_and_key_list(demo_app, page):
    page.goto(demo_app.url + "/")
    wait_for_app(page)
    page.get_by_text("Accounts making 80%").first.wait_for(timeout=30_000)
    revenue_4q = metric(page, "Revenue")

    # Quarter range: a single quarter, 2026-Q1; the figures and the URL follow.
    page.get_by_text("Quarter", exact=True).first.click()
    wait_for_app(page)
    pick(page, "Quarter", "2026-Q1")
    page.wait_for_url(re.compile(r"from=2026-Q1&to=2026-Q1"), timeout=30_000)
    assert metric(page, "Revenue") != revenue_4q

    # The tiers page keeps the range (same session) and the Sankey ends in that quarter.
    page.get_by_role("link", name="Tiers").first.click()
    wait_for_app(page)
    page.get_by_role("tab", name="Tier migration").click()
    wait_for_app(page)
    page.wait_for_url(re.compile(r"view=Tier"), timeout=30_000)  # the open screen is linkable
    assert sankey_title(page) == "Tier migration 2025-Q1 → 2026-Q1"
    page.get_by_role("tab", name="ABC tiers").click()
    wait_for_app(page)
    key_before = int(metric(page, "Key accounts"))
    page.get_by_role("tab", name="Key accounts").click()
    wait_for_app(page)
    page.get_by_text(f"Key accounts: {key_before}").first.wait_for(timeout=30_000)

    # Mark a tier C account (in 2026-Q1) strategic: the key list grows and names it.
    page.get_by_label("Find the account").fill("Granite Health")
    page.keyboard.press("Enter")
    wait_for_app(page)
    pick(page, "Account", "Granite Health B.V.")
    pick(page, "Reason", "Growth potential")
    page.locator('[data-testid="stTextArea"] textarea').first.fill(
        "New plant in Tarragona from 2027")
    page.get_by_role("button", name="Save mark").click()
    wait_for_app(page)
    page.get_by_text("Saved: Granite Health B.V.").first.wait_for(timeout=30_000)
    page.get_by_text(f"Key accounts: {key_before + 1}").first.wait_for(timeout=30_000)
    page.get_by_text("New plant in Tarragona from 2027").first.wait_for(state="attached",
                                                                        timeout=30_000)

    # Another range: the Sankey changes with it.
    pick(page, "Quarter", "2025-Q4")
    page.get_by_role("tab", name="Tier migration").click()
    wait_for_app(page)
    assert sankey_title(page) == "Tier migration 2024-Q4 → 2025-Q4"
