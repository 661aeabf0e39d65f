"""Account names are user data: in the browser they read exactly as typed, never as markup."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from kam_core.store import db
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e

NAMES = [
    "[click](http://evil.example) *now* $5 and $6 :red[alert]",
    "<script>alert(1)</script> <b>Bold</b>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
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
            cur.execute("INSERT INTO revenue_lines (batch_id, source_row, account_key, line_date, "
                        "quarter, amount) VALUES (1, ?, ?, DATE '2026-08-01', '2026-Q3', ?)",
                        [i + 2, key, 1000.0 if i == 0 else 10.0])
        db.bump_data_version(cur)
    con.close()
    return path


def test_names_render_as_typed(start_app, evil_db, page):
    app = start_app(evil_db)
    page.goto(app.url + "/")
    wait_for_app(page)
    callout = page.locator('[data-testid="stAlert"]').first
    expect(callout).to_contain_text(NAMES[0])
    for i, name in enumerate(NAMES):
        page.goto(app.url + f"/account?account={quote(f'E{i}')}")
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(name)
    assert page.locator('a[href^="http://evil"]').count() == 0
    assert page.locator('[data-testid="stMain"] script').count() == 0


def test_table_download_is_formula_safe(start_app, evil_db, page):
    app = start_app(evil_db)
    page.goto(app.url + "/tiers?from=2026-Q3&to=2026-Q3")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV").first.click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert "'=HYPERLINK(" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    assert NAMES[1] in text  # other names verbatim
    # Streamlit's own toolbar download (not formula-safe) is hidden.
    page.locator('[data-testid="stDataFrame"]').first.hover()
    assert not page.get_by_role("button", name="Download as CSV").is_visible()
