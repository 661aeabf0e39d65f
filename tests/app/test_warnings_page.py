"""AppTest: the early-warnings page on the demo (both languages), acknowledging a warning, and the
warnings' places on the portfolio, account and team pages (F-PA-8)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.alerts import early_warnings as ew
from kam_core.portfolio.periods import Filters
from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Filters(q_from="2025-Q4", q_to="2026-Q3")  # the demo's last four quarters


def _app(page: str, path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("CARTERA_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def _texts(at) -> list[str]:
    return (
        [m.value for m in at.markdown if not m.value.startswith("<style>")]
        + [c.value for c in at.caption]
        + [m.label for m in at.metric]
        + [m.value for m in at.metric]
        + [t.value for t in at.title]
        + [s.value for s in at.subheader]
    )


def _expected(path) -> ew.WarningsReport:
    con = db.connect(path)
    try:
        return ew.build(con, DEFAULT, date.today())
    finally:
        con.close()


@pytest.mark.parametrize(
    "lang, title, flagged_label, of",
    [
        ("en", "Early warnings", "Key accounts with warnings", "of"),
        ("es", "Alertas tempranas", "Cuentas clave con alertas", "de"),
    ],
)
def test_warnings_ranked_by_revenue_at_stake(
    demo_copy, monkeypatch, lang, title, flagged_label, of
):
    rep = _expected(demo_copy)
    assert rep.as_of == "2026-Q3" and len(rep.flagged) >= 9  # every kind, a few accounts each
    at = _app("warnings", demo_copy, monkeypatch, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == title
    kpi = next(m for m in at.metric if m.label == flagged_label)
    assert kpi.value == f"{len(rep.flagged)} {of} {len(rep.accounts)}"
    # one card per account with warnings, in the order of their revenue at stake
    cards = [m.value for m in at.markdown if "account?account=" in m.value]
    keys = [c.split("account?account=")[1].rstrip(")") for c in cards]
    assert keys == [a.account_key for a in rep.flagged]
    stakes = [a.revenue_at_stake for a in rep.flagged]
    assert stakes == sorted(stakes, reverse=True)
    texts = " ".join(_texts(at))
    assert not re.search(r"\bwarn\.|\bNone\b|\bnan\b", texts)  # no raw keys, no missing values
    if lang == "es":  # Spanish numbers and words, with the currency
        assert "EUR" in texts and "en juego" in texts and "Previsión" in texts
        assert "Revenue" not in texts and "expected" not in texts
    # next quarter for every key account, in a table
    table = next(d for d in at.dataframe if len(d.value) == len(rep.accounts))
    assert len(table.value.columns) == 7


def test_acknowledge_with_a_note_then_quiet(demo_copy, monkeypatch):
    rep = _expected(demo_copy)
    first = rep.flagged[0]
    at = _app("warnings", demo_copy, monkeypatch)
    key = f"warn_ack_note_page_{first.account_key}"
    at.text_input(key=key).input("Call booked with the new buyer on Monday.")
    at.button(key=f"FormSubmitter:warn_ack_page_{first.account_key}-Acknowledge").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("stays quiet until it gets worse" in s.value for s in at.success)
    after = _expected(demo_copy)
    acc = after.account(first.account_key)
    assert acc.warnings == () and {w.kind for w in acc.quiet} == set(first.kinds)
    assert acc.ack.note == "Call booked with the new buyer on Monday."
    assert len(after.flagged) == len(rep.flagged) - 1
    assert next(m for m in at.metric if m.label == "Acknowledged, quiet").value == "1"


def test_presentation_mode_shows_no_acknowledge_form(demo_copy, monkeypatch):
    at = _app("warnings", demo_copy, monkeypatch, present="1")
    assert not at.exception
    assert not [t for t in at.text_input if str(t.key).startswith("warn_ack_note")]
    assert at.title[0].value == "Early warnings"


def test_portfolio_page_counts_and_links(demo_db, monkeypatch):
    rep = _expected(demo_db)
    at = _app("portfolio", demo_db, monkeypatch, lang="es")
    assert not at.exception
    link = next(m.value for m in at.markdown if "(/warnings)" in m.value)
    assert f"{len(rep.flagged)} de {len(rep.accounts)} cuentas clave" in link
    assert "2026-Q3" in link and "EUR en juego" in link


def test_account_page_band_and_warnings(demo_db, monkeypatch):
    rep = _expected(demo_db)
    acc = rep.flagged[0]
    at = _app("account", demo_db, monkeypatch, account=acc.account_key)
    assert not at.exception, [e.message for e in at.exception]
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart") if el.proto.spec]
    spark = next(s for s in specs if any(t.get("meta") == "expectation_band" for t in s["data"]))
    band = next(t for t in spark["data"] if t.get("meta") == "expectation_band")
    e = acc.expectation
    assert e.quarter in band["x"] and band["fill"] == "toself"
    assert max(band["y"]) == pytest.approx(e.high) and min(band["y"]) <= e.low + 1e-6
    assert any(s.value == "Early warnings" for s in at.subheader)
    cards = " ".join(m.value for m in at.markdown)
    assert all(w.kind.replace("_", " ") not in cards for w in acc.warnings)  # words, not codes


def test_team_page_per_kam(demo_db, monkeypatch):
    rep = _expected(demo_db)
    at = _app("team", demo_db, monkeypatch)
    assert not at.exception
    assert any(s.value == "Early warnings per KAM" for s in at.subheader)
    per = rep.per_lead()
    table = next(d for d in at.dataframe if "With warnings" in d.value.columns)
    assert sorted(int(x) for x in table.value["With warnings"]) == sorted(per["flagged"])
