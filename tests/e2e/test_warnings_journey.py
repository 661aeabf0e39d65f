"""Early warnings in a real browser (F-PA-8): the portfolio's count links to the warnings page, a
KAM acknowledges a warning with a note, opens the account and sees next quarter's band on its
revenue chart."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT, goto, wait_for_app

pytestmark = pytest.mark.e2e

BAND = 'path[style*="fill: rgb(221, 107, 32); fill-opacity: 0.25"]'  # the expected range


def test_count_link_acknowledge_and_band(demo_app, page):
    goto(page, demo_app.url + "/?lang=es")
    link = page.get_by_role("link", name=re.compile(r"cuentas clave muestran alertas tempranas"))
    expect(link).to_be_visible(timeout=TIMEOUT)
    link.click()
    expect(page).to_have_url(re.compile(r"/warnings"), timeout=TIMEOUT)
    expect(page.locator("h1").first).to_have_text("Alertas tempranas", timeout=TIMEOUT)
    wait_for_app(page)

    first = page.get_by_role("link", name=re.compile(r"^1\. ")).first
    name = first.inner_text().split(". ", 1)[1].strip()
    page.get_by_role("button", name=re.compile("Dar por vista con una nota")).first.click()
    page.get_by_label("Nota", exact=True).fill("Visita al director general el lunes.")
    page.get_by_role("button", name="Dar por vista", exact=True).click()
    expect(page.get_by_text("Alerta dada por vista").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    # it left the ranked list and is counted among the quiet ones
    expect(page.get_by_role("link", name=re.compile(r"^1\. ")).first).not_to_have_text(
        re.compile(re.escape(name)), timeout=TIMEOUT
    )

    page.get_by_role("link", name=re.compile(r"^1\. ")).first.click()
    expect(page).to_have_url(re.compile(r"/account\?account="), timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.locator(BAND).first).to_be_attached(timeout=TIMEOUT)
    expect(page.get_by_text("Previsión 2026-Q4").first).to_be_visible(timeout=TIMEOUT)
