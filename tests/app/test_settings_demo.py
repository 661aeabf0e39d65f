"""AppTest: the Settings page takes the demo out (after a confirmation), in the user's language."""

from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from tests.fixtures.expected import DUCKDB_CONFIG

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "settings.py")


def _count(path, sql):
    c = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    try:
        return c.execute(sql).fetchall()[0][0]
    finally:
        c.close()


def test_remove_the_demo_from_settings(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    button = at.button(key="demo_remove")
    assert button.disabled  # nothing happens without the confirmation
    at.checkbox(key="demo_remove_sure").check().run()
    at.button(key="demo_remove").click().run()
    assert not at.exception
    assert any("Demostración eliminada" in s.value for s in at.success)
    assert _count(demo_copy, "SELECT count(*) FROM revenue_lines") == 0
    assert _count(demo_copy, "SELECT count(*) FROM people") == 0
    assert not [b for b in at.button if b.key == "demo_remove"]  # nothing left to remove


def test_no_demo_section_in_presentation_mode(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["present"] = "1"
    at.run()
    assert not [b for b in at.button if b.key == "demo_remove"]
