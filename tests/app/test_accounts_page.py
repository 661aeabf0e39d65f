"""Accounts page (F-IN-5) under AppTest: a suggested group with its evidence, merged with one
click, listed under Merges, and unmerged; the surviving name picked; Spanish; presentation mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core import ingest
from kam_core.accounts import merge
from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "q1.csv": "Cliente;Fecha;Importe\r\nACME S.A.;10/01/2024;100,00\r\nBeta SL;01/02/2024;50,00\r\n",
    "q2.csv": "Cliente;Fecha;Importe\r\nAcme SA;10/04/2024;70,00\r\nBeta SL;01/05/2024;20,00\r\n",
}


@pytest.fixture
def dup_db(tmp_path, monkeypatch):
    path = tmp_path / "dups.duckdb"
    con = db.connect(path)
    prepared = [ingest.prepare(text.encode(), name, con) for name, text in FILES.items()]
    ingest.commit(con, prepared, user="tester")
    con.close()
    monkeypatch.setenv("CARTERA_DB", str(path))
    return path


def _page(lang="en", present=False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "accounts.py"), default_timeout=60)
    at.query_params["lang"] = lang
    if present:
        at.query_params["present"] = "1"
    return at.run()


def _button(at, prefix: str):
    return next(b for b in at.button if b.key and b.key.startswith(prefix))


def _keys(path) -> list[str]:
    con = db.connect(path)
    try:
        return [r[0] for r in db.query_rows(con, "SELECT account_key FROM accounts ORDER BY 1")]
    finally:
        con.close()


def test_merge_with_one_click_then_unmerge(dup_db):
    at = _page()
    assert not at.exception and not at.error
    assert at.title[0].value == "One customer, many names"
    [table] = [d.value for d in at.dataframe][:1]
    assert list(table["Name"]) == ["ACME S.A.", "Acme SA"]  # the survivor first
    assert list(table["Compared as"]) == ["acme", "acme"]
    heads = " ".join(m.value for m in at.markdown)
    assert "Match 96%" in heads and "one name stops when the other starts" in heads
    assert "No merges yet." in [c.value for c in at.caption]

    _button(at, "mg_merge_").click().run()
    assert not at.exception and not at.error
    assert _keys(dup_db) == ["ACME S.A.", "Beta SL"]
    assert any("Merged “Acme SA” into “ACME S.A.”." in s.value for s in at.success)
    assert "No likely duplicates among the accounts." in [s.value for s in at.success]
    history = at.dataframe[-1].value
    assert list(history["Merged name"]) == ["Acme SA"] and list(history["Status"]) == ["In force"]

    at.button(key="mg_unmerge").click().run()
    assert not at.exception and not at.error
    assert _keys(dup_db) == ["ACME S.A.", "Acme SA", "Beta SL"]
    assert any("“Acme SA” is its own account again" in s.value for s in at.success)
    assert list(at.dataframe[-1].value["Status"])[0].startswith("Undone")
    assert at.dataframe[0].value["Name"].tolist() == ["ACME S.A.", "Acme SA"]  # suggested again


def test_pick_the_surviving_name(dup_db):
    at = _page()
    at.radio[0].set_value("Acme SA").run()
    _button(at, "mg_merge_").click().run()
    assert not at.exception and not at.error
    assert _keys(dup_db) == ["Acme SA", "Beta SL"]
    con = db.connect(dup_db)
    try:
        assert merge.aliases(con) == {"ACME S.A.": "Acme SA"}
    finally:
        con.close()


def test_not_the_same_hides_the_group(dup_db):
    at = _page()
    _button(at, "mg_dismiss_").click().run()
    assert not at.exception and not at.error
    assert "No likely duplicates among the accounts." in [s.value for s in at.success]
    assert _keys(dup_db) == ["ACME S.A.", "Acme SA", "Beta SL"]


def test_spanish(dup_db):
    at = _page("es")
    assert not at.exception and not at.error
    assert at.title[0].value == "Un cliente, varios nombres"
    assert list(at.dataframe[0].value.columns)[:2] == ["Nombre", "Clave"]
    assert _button(at, "mg_merge_").label == "Fusionar"
    assert "Coincidencia 96" in " ".join(m.value for m in at.markdown)


def test_presentation_mode_shows_no_merge_controls(dup_db):
    con = db.connect(dup_db)
    merge.merge(con, ["ACME S.A.", "Beta SL"], "tester")
    merge.unmerge(con, "Beta SL", "tester")
    con.close()
    at = _page(present=True)
    assert not at.exception and not at.error
    assert at.dataframe[0].value["Name"].tolist() == ["ACME S.A.", "Acme SA"]  # facts shown
    assert len(at.dataframe[-1].value) == 1
    assert not at.main.radio  # no surviving-name choice (the sidebar has the audience)
    assert not [b for b in at.button if b.key and b.key.startswith("mg_")]
    assert "mg_unmerge_pick" not in [s.key for s in at.selectbox]


def test_a_link_to_a_merged_away_account_opens_the_survivor(dup_db):
    con = db.connect(dup_db)
    merge.merge(con, ["ACME S.A.", "Acme SA"], "tester")
    con.close()
    at = AppTest.from_file(str(ROOT / "pages" / "account.py"), default_timeout=60)
    at.query_params["account"] = "Acme SA"
    at.run()
    assert not at.exception
    assert at.title[0].value == "ACME S.A."
    assert at.query_params["account"] == "ACME S.A."
