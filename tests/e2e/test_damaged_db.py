"""Issue 14 in the browser: a damaged database shows the reason and the restore offer (never a
blank page), and hostile workbooks through the real upload widget leave the server up."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from kam_core.store import backup, db
from tests.e2e.conftest import TIMEOUT, wait_for_app
from tests.unit.test_hardening_excel import SALES, STRAY, sheet_xml, write_xlsx, xlsx_bytes

pytestmark = pytest.mark.e2e


def _healthy(app) -> bool:
    with urllib.request.urlopen(app.url + "/_stcore/health", timeout=5) as r:
        return r.status == 200 and app.proc.poll() is None


@pytest.mark.parametrize(
    "lang, title, offer",
    [
        ("en", "The database cannot be used", "Restore the latest backup"),
        ("es", "La base de datos no se puede usar", "Restaurar la copia más reciente"),
    ],
)
def test_damaged_database_shows_message_and_restore_offer(
    start_app, demo_copy, page, lang, title, offer
):
    con = db.connect(demo_copy)
    backup.make(con, "daily")
    accounts = db.scalar(con, "SELECT count(*) FROM accounts")
    con.close()
    data = demo_copy.read_bytes()
    demo_copy.write_bytes(data[: len(data) // 2])  # truncated, as by a copy cut short
    app = start_app(demo_copy)
    page.goto(f"{app.url}/?lang={lang}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(title, timeout=TIMEOUT)
    alert = page.locator('[data-testid="stAlert"]').first
    expect(alert).to_contain_text(str(demo_copy.name))
    expect(alert).to_contain_text("kam_core restore")
    button = page.get_by_role("button", name=re.compile(re.escape(offer)))
    expect(button).to_be_visible()
    button.click()
    wait_for_app(page)
    expect(page.locator("h1").first).not_to_have_text(title, timeout=TIMEOUT)
    expect(page.locator('[data-testid="stAlert"]').first).to_contain_text(
        "damaged" if lang == "en" else "dañado", timeout=TIMEOUT
    )
    app.stop()
    con = db.connect(demo_copy)
    assert db.scalar(con, "SELECT count(*) FROM accounts") == accounts
    con.close()


def _upload(page, app, path) -> None:
    page.goto(f"{app.url}/upload?lang=en")
    expect(page.locator('[data-testid="stFileUploaderDropzone"]').first).to_be_visible(
        timeout=TIMEOUT
    )
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(str(path))


def test_stray_cell_and_bomb_through_the_real_widget_server_stays_up(empty_app, page, tmp_path):
    stray = tmp_path / "stray.xlsx"
    stray.write_bytes(xlsx_bytes({"Ventas": sheet_xml(SALES, STRAY)}))
    _upload(page, empty_app, stray)
    expect(page.get_by_role("button", name=re.compile("Load 2 rows"))).to_be_enabled(timeout=90_000)
    assert _healthy(empty_app)
    bomb = tmp_path / "bomb.xlsx"
    write_xlsx(bomb, {}, stream_rows=("Ventas", ["Cliente", "Importe"], 5_000_000, None))
    _upload(page, empty_app, bomb)
    expect(page.get_by_text("more than Excel itself allows", exact=False)).to_be_visible(
        timeout=90_000
    )
    assert _healthy(empty_app)
    # Another visitor is served as usual.
    other = page.context.new_page()
    other.goto(f"{empty_app.url}/settings?lang=es")
    wait_for_app(other)
    expect(other.locator("h1").first).to_have_text("Ajustes", timeout=TIMEOUT)


def test_streamlit_own_upload_texts_in_spanish(start_app, tmp_path, page, monkeypatch):
    """The size line, the button and the too-large tooltip are drawn by the browser (the file
    never reaches the server): Cartera's CSS puts its own Spanish text there."""
    monkeypatch.setenv("STREAMLIT_SERVER_MAX_UPLOAD_SIZE", "1")
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    app = start_app(path)
    page.goto(f"{app.url}/upload?lang=es")
    zone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    expect(zone).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    after = "el => getComputedStyle(el, '::after').content"
    line = page.locator('[data-testid="stFileUploaderDropzoneInstructions"] span').first
    assert "Hasta 1 MB por archivo" in line.evaluate(after)
    button = zone.locator('[data-testid="stBaseButton-secondary"] p').first
    assert "Subir" in button.evaluate(after)
    big = tmp_path / "big.csv"
    big.write_text("Cliente,Importe\n" + "Acme,1\n" * 300_000)
    page.locator('input[type="file"]').set_input_files(str(big))
    page.locator('[data-testid="stFileChip"]').first.hover()
    tip = page.locator('[data-testid="stTooltipErrorContent"]').first
    expect(tip).to_be_visible(timeout=TIMEOUT)
    assert "debe ser un CSV o un Excel de 1 MB como máximo" in tip.evaluate(after)
    assert _healthy(app)
