"""The real upload widget in Chromium: three shared datasets at once, then the figures on disk."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kam_core.portfolio.report import report
from kam_core.store import db
from tests.e2e.conftest import TIMEOUT, wait_for_app
from tests.fixtures.expected import combined_expected

pytestmark = pytest.mark.e2e

NAMES = ["superstore.csv", "sales_data_sample.csv", "online_retail_sample.csv"]


def open_upload(page, url: str) -> None:
    page.goto(url)
    expect(page.locator('[data-testid="stFileUploaderDropzone"]').first).to_be_visible(
        timeout=TIMEOUT
    )
    wait_for_app(page)


def test_upload_three_datasets_then_report_matches_pandas(page, empty_app, datasets):
    open_upload(page, f"{empty_app.url}/upload?lang=en")
    page.locator('input[type="file"]').set_input_files([str(datasets / n) for n in NAMES])
    commit = page.get_by_role("button", name=re.compile(r"Load the 27,739 valid rows from 3 files"))
    expect(commit).to_be_enabled(timeout=90_000)
    # The preview: Online Retail's lines without a customer are listed before anything is written.
    expect(page.get_by_text("5,078 rows will not be loaded.", exact=False)).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text("Quarters in the file: 2003-Q1", exact=False)).to_be_visible(
        timeout=TIMEOUT
    )
    wait_for_app(page)
    commit.click()
    expect(page.get_by_text("Loaded 27,739 rows in 3 upload(s)", exact=False)).to_be_visible(
        timeout=90_000
    )
    empty_app.stop()  # DuckDB locks the file: read it once the server is gone
    con = db.connect(empty_app.db_path)
    try:
        got = report(con)
        batches = db.query_rows(
            con, "SELECT file_name, rows_loaded, rows_rejected FROM batches ORDER BY batch_id"
        )
    finally:
        con.close()
    assert batches == [
        ("superstore.csv", 9994, 0),
        ("sales_data_sample.csv", 2823, 0),
        ("online_retail_sample.csv", 14922, 5078),
    ]
    want = combined_expected(datasets)
    for k in ("accounts", "non_positive_accounts", "accounts_to_80"):
        assert got[k] == want[k], k
    for k in ("total_revenue", "share_accounts_to_80", "gini", "hhi"):
        assert got[k] == pytest.approx(want[k], abs=1e-6), k
    assert got["top_shares"] == pytest.approx(want["top_shares"], abs=1e-6)
    assert {t: v["count"] for t, v in got["abc"].items()} == {
        t: v["count"] for t, v in want["abc"].items()
    }
    assert got["quarters"] == pytest.approx(want["quarters"], abs=1e-6)


def test_bad_file_shows_its_message(page, empty_app, tmp_path):
    bad = tmp_path / "ventas.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    open_upload(page, f"{empty_app.url}/upload?lang=es")
    page.locator('input[type="file"]').set_input_files(str(bad))
    expect(
        page.get_by_text("ventas.xlsx no es un archivo CSV ni Excel", exact=False)
    ).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name=re.compile("Cargar"))).to_be_disabled(timeout=TIMEOUT)
