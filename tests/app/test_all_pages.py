"""Every page renders under AppTest, on the demo database and on an empty one, in both languages."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["portfolio", "tiers", "account", "team", "warnings", "upload", "accounts", "settings"]
PAGES += ["admin"]  # issue 12


def _run(page: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_page_renders_on_demo(page, lang, demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = _run(page, lang)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_empty_db(page, tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = _run(page)
    assert not at.exception, [e.message for e in at.exception]


@pytest.mark.parametrize("lang, greeting", [("en", "Welcome"), ("es", "Bienvenido")])
def test_empty_portfolio_greets_and_offers_demo(lang, greeting, tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = _run("portfolio", lang)
    assert greeting in at.title[0].value
    demo_button = at.button(key="empty_load_demo")
    demo_button.click().run()
    assert not at.exception
    con = db.connect(path)
    assert db.scalar(con, "SELECT count(DISTINCT account_key) FROM revenue_lines") == 400
    con.close()


def test_router_serves_portfolio_by_default(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title and at.title[0].value
