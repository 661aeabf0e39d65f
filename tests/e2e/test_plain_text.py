"""Account names are user data: in the browser they read exactly as typed, never as markup."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from kam_core.store import db
from tests.e2e.conftest import TIMEOUT, wait_for_app

pytestmark = pytest.mark.e2e

NAMES = [
    "[click](http://evil.example) *now* $5 and $6 :red[alert]",
    "<script>alert(1)</script> <b>Bold</b>",
    '=HYPERLINK("http://evil.example","x")',
    "Robert'); DROP TABLE accounts;--",
]


@pytest.fixture
def evil_db(tmp_path):
    path = tmp_path / "evil.duckdb"
    con = db.connect(path)
    with db.transaction(con) as cur:
        for i, name in enumerate(NAMES):
            key = f"E{i}"
            cur.execute("INSERT INTO accounts VALUES (?, ?, NULL, 1, now())", [key, name])
            # The first account carries most revenue, so it is named in the major-customer callout.
            cur.execute(
                "INSERT INTO revenue_lines (batch_id, source_row, account_key, line_date, "
                "quarter, amount) VALUES (1, ?, ?, DATE '2026-08-01', '2026-Q3', ?)",
                [i + 2, key, 1000.0 if i == 0 else 10.0],
            )
        db.bump_data_version(cur)
    con.close()
    return path


EVIL_LINK = 'a[href^="http://evil"]'


def as_typed(name: str) -> re.Pattern:
    """The name as the user reads it. kam_core.ui.text.plain() may put an invisible word joiner
    (U+2060) inside ``://``, ``www.`` or ``@`` so markdown cannot turn them into links."""
    return re.compile("^" + "".join(re.escape(c) + "\u2060?" for c in name) + "$")


def contains_typed(name: str) -> re.Pattern:
    return re.compile(as_typed(name).pattern[1:-1])


def test_names_render_as_typed(start_app, evil_db, page):
    app = start_app(evil_db)
    linked = []  # pages where a URL inside a name became a link
    page.goto(app.url + "/")
    # The major-customer callout names the first account, markdown characters and all.
    callout = page.locator('[data-testid="stAlert"]', has_text=contains_typed(NAMES[0]))
    expect(callout).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    if page.locator(EVIL_LINK).count():
        linked.append("/ (major-customer callout)")
    for i, name in enumerate(NAMES):
        page.goto(app.url + f"/account?account={quote(f'E{i}')}")
        expect(page.locator("h1").first).to_have_text(as_typed(name), timeout=TIMEOUT)
        wait_for_app(page)
        expect(page.locator('[data-testid="stMain"] script')).to_have_count(0)
        expect(page.locator("a", has_text="click")).to_have_count(0)  # no markdown link [click](..)
        expect(page.locator("b", has_text="Bold")).to_have_count(0)  # no HTML
        if page.locator(EVIL_LINK).count():
            linked.append(f"/account?account=E{i} (title)")
    assert not linked


def test_table_download_is_formula_safe(start_app, evil_db, page):
    app = start_app(evil_db)
    page.goto(app.url + "/tiers?from=2026-Q3&to=2026-Q3")
    table = page.locator('[data-testid="stDataFrame"]').first
    csv = page.get_by_role("button", name="CSV").first
    expect(table).to_be_visible(timeout=TIMEOUT)
    expect(csv).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    with page.expect_download(timeout=TIMEOUT) as info:
        csv.click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert "'=HYPERLINK(" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    assert NAMES[1] in text  # other names verbatim
    # Streamlit's own toolbar download (not formula-safe) is hidden: hover until the table's
    # toolbar shows, then its download button must not be among the visible ones.
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    expect(toolbar.locator("button").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Download as CSV")).to_be_hidden()
