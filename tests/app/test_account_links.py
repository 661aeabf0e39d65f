"""AppTest: a link to an account that does not exist says so instead of silently opening another."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kam_core.accounts import overview
from kam_core.store import db

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "account.py")


def test_unknown_account_in_the_link_is_named(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    con = db.connect(demo_copy)
    top = overview.default_account(con)
    name = db.scalar(con, "SELECT account_name FROM accounts WHERE account_key = ?", [top])
    con.close()
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = "es"
    at.query_params["account"] = "NO-SUCH-KEY"
    at.run()
    assert not at.exception
    warning = [w.value for w in at.warning if "NO" in w.value]
    assert warning and "No se encontró" in warning[0] and "NO-SUCH-KEY" in warning[0]
    assert at.title[0].value == name
    assert at.query_params["account"] in (top, [top])


def test_a_known_account_opens_without_a_warning(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["account"] = "C1150"
    at.run()
    assert not at.exception
    assert not [w for w in at.warning if "found" in w.value]
