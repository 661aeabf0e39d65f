"""The real upload widget in Chromium with a wide XLSX (issue 7): Superstore pivoted to one row per
customer and one column per quarter (Spanish headers, a title block, a Total column and a Total
general row). The preview shows how each column was read and the total row it leaves out; once
loaded, the figures are those of the long data."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from kam_core.portfolio.report import report
from kam_core.store import db
from tests.e2e.conftest import TIMEOUT, wait_for_app
from tests.fixtures import shapes
from tests.fixtures.expected import (
    assert_report_matches,
    expected_report,
    quarter_of,
    superstore_raw,
)

pytestmark = pytest.mark.e2e


def test_wide_xlsx_preview_shows_period_columns_and_skipped_total_rows(
    page, empty_app, datasets, tmp_path
):
    df = superstore_raw(datasets)
    long = pd.DataFrame(
        {
            "key": df["Customer ID"],
            "name": df["Customer Name"],
            "date": df["Order Date"],
            "amount": df["Sales"],
        }
    )
    path = shapes.write_wide(
        long,
        tmp_path / "informe_trimestral.xlsx",
        kind="quarter",
        lang="es",
        title=["Ventas por cliente y trimestre", "Generado el 15/01/2018"],
    )
    page.goto(f"{empty_app.url}/upload?lang=en")
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(str(path))
    expect(
        page.get_by_text(
            "Read as a report by quarters: 16 period columns, 2014-Q1 to 2017-Q4", exact=False
        )
    ).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Not loaded: Total.", exact=False)).to_be_visible()
    # The reading table: each period column of the file and the quarter it was read as.
    cells = page.locator('[data-testid="stDataFrame"] td')
    expect(cells.filter(has_text=re.compile(r"^T1 2014$")).first).to_be_attached()
    expect(cells.filter(has_text=re.compile(r"^2014-Q1$")).first).to_be_attached()
    # The total row is listed apart, as not loaded (not as a rejected row).
    expect(page.get_by_text("1 total rows, not loaded", exact=False)).to_be_visible()
    expect(cells.filter(has_text=re.compile(r"^Total general$")).first).to_be_attached()
    expect(page.get_by_text("rows will not be loaded", exact=False)).to_have_count(0)
    commit = page.get_by_role("button", name=re.compile(r"Load 4,036 rows"))
    expect(commit).to_be_enabled(timeout=TIMEOUT)
    commit.click()
    expect(page.get_by_text("Loaded 4,036 rows", exact=False)).to_be_visible(timeout=60_000)
    empty_app.stop()  # DuckDB locks the file: read it once the server is gone
    con = db.connect(empty_app.db_path)
    try:
        got = report(con)
    finally:
        con.close()
    lines = pd.DataFrame(
        {"account_key": long["key"], "quarter": quarter_of(long["date"]), "amount": long["amount"]}
    )
    assert_report_matches(got, expected_report(lines))
