"""The copy-link control's addresses (F-PR-3): page, account, period, tab, language, and the same
view in presentation mode."""

from types import SimpleNamespace

import pytest

from kam_core.ui.exports import view_links


@pytest.mark.parametrize(
    "page, base, expected",
    [
        ("portfolio", "http://host:8501", "http://host:8501/?"),
        ("account", "http://host:8501/account", "http://host:8501/account?"),
        ("account", None, "/account?"),  # no browser address (AppTest): the page's path
        ("portfolio", None, "/?"),
    ],
)
def test_links_keep_the_view_and_add_presentation_mode(page, base, expected):
    ctx = SimpleNamespace(page=page, lang="es")
    params = {"account": "C1000", "from": "2025-Q4", "to": "2026-Q3", "present": "1", "lang": "en"}
    this, present = view_links(ctx, base, params)
    assert this == expected + "account=C1000&from=2025-Q4&to=2026-Q3&lang=es"
    assert present == this + "&present=1"


def test_link_values_are_url_encoded():
    ctx = SimpleNamespace(page="portfolio", lang="en")
    this, _ = view_links(ctx, None, {"product_line": "Equipos & Co", "view": "What if we lose…"})
    assert this == "/?product_line=Equipos+%26+Co&view=What+if+we+lose%E2%80%A6&lang=en"
