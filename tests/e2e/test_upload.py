"""The real upload widget in Chromium: three shared datasets at once, then the figures on disk."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kam_core.portfolio.report import report
from kam_core.store import db
from tests.e2e.conftest import TIMEOUT, pick, wait_for_app
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


SWAP = (
    "Cliente;Nombre comercial;Importe;Fecha\r\n"
    "ACME IBERICA SA;Acme;100,00;45306\r\n"  # Excel serial: 2024-01-15
    "BETA SERVICIOS SL;Beta;50,00;20/02/2024\r\n"
    "ACME IBERICA SA;Acme;120,00;15/04/2024\r\n"
    "DELTA SL;Delta;30,00;20/05/2024\r\n"
).encode("cp1252")


def test_swapped_mapping_and_reupload_diff_in_spanish(page, empty_app, tmp_path):
    """Issue 8: the uploader's own texts in Spanish; choosing the column another field reads
    swaps the two in the browser (no false "no account column"); the same file again changes
    nothing in the diff, and adding a file over a loaded quarter shows the sum."""
    shots = Path(os.environ.get("CARTERA_SHOTS", tmp_path))
    page.set_viewport_size({"width": 1400, "height": 2400})  # the whole page in a screenshot
    f = tmp_path / "ventas.csv"
    f.write_bytes(SWAP)
    open_upload(page, f"{empty_app.url}/upload?lang=es")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    # Streamlit draws these itself; kam_core/ui/setup.py paints our Spanish over them.
    assert _drawn(zone, '[data-testid="stBaseButton-secondary"] p') == '"Subir"'
    assert _drawn(zone, '[data-testid="stFileUploaderDropzoneInstructions"] span') == (
        '"Hasta 200 MB por archivo • CSV, TXT, TSV, XLSX, XLSM, XLS"'
    )
    zone.screenshot(path=str(shots / "uploader_es.png"))
    page.locator('input[type="file"]').set_input_files(str(f))
    expect(page.get_by_text("2024-Q2 comparado con 2024-Q1")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    pick(page, "Cuenta (nombre)", "Nombre comercial")
    page.get_by_text("Más columnas (opcionales)").click()
    kam = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_text("KAM / comercial", exact=True)
    )
    expect(kam.get_by_role("combobox")).to_have_value("Cliente", timeout=TIMEOUT)
    expect(page.get_by_text("no se encuentra la columna de cuenta")).to_have_count(0)
    commit = page.get_by_role("button", name=re.compile("Cargar 4 filas"))
    expect(commit).to_be_enabled(timeout=TIMEOUT)
    expect(page.get_by_text("Moneda", exact=True)).to_be_in_viewport(ratio=1, timeout=TIMEOUT)
    page.screenshot(path=str(shots / "upload_swap_es.png"))
    commit.click()
    expect(page.get_by_text("Cargadas 4 filas", exact=False).first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(str(f))
    expect(page.get_by_text("Esta carga deja 2024-Q1, 2024-Q2 como están")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text("Cuentas perdidas")).to_have_count(0)
    wait_for_app(page)
    page.screenshot(path=str(shots / "upload_reupload_es.png"))
    more = tmp_path / "junio.csv"
    more.write_bytes(b"Cliente;Nombre comercial;Importe;Fecha\r\nDELTA SL;Delta;20,00;45444\r\n")
    page.locator('input[type="file"]').set_input_files(str(more))
    page.get_by_text("Añadir estas líneas a los existentes").click()
    expect(page.get_by_text("Facturación tras la carga")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    page.screenshot(path=str(shots / "upload_add_es.png"))


def _drawn(zone, selector: str) -> str:
    """The text a CSS ``::after`` rule draws over an element (what the user reads)."""
    return zone.locator(selector).first.evaluate(
        "e => getComputedStyle(e, '::after').getPropertyValue('content')"
    )
