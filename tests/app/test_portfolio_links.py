"""AppTest: what a shared link reopens on the portfolio page, and honest comparisons (issue #8)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "portfolio.py")


def _app(db_path, monkeypatch, query=None):
    monkeypatch.setenv("CARTERA_DB", str(db_path))
    at = AppTest.from_file(PAGE, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


def _revenue_delta(at) -> str:
    return next(m for m in at.metric if m.label in ("Revenue", "Facturación")).proto.delta


def test_year_to_date_says_so_and_compares_the_same_quarters_a_year_earlier(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"from": "2026-Q1", "to": "2026-Q4"}).run()
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "2026-Q1 – 2026-Q3" in caption and "2026-Q4" in caption  # the missing quarter named
    assert _revenue_delta(at).endswith("vs 2025-Q1 – 2025-Q3")  # no "incomplete" note there


def test_no_comparison_when_the_earlier_period_is_not_loaded(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"from": "2025-Q1", "to": "2025-Q4", "lang": "es"}).run()
    assert not at.exception
    assert _revenue_delta(at) == "No hay un periodo anterior comparable cargado"


def test_a_reversed_link_is_explained_not_computed(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"from": "2026-Q3", "to": "2025-Q1"}).run()
    assert not at.exception
    assert any("reversed" in w.value and "2026-Q3" in w.value for w in at.warning)
    assert (at.query_params["from"], at.query_params["to"]) == ("2025-Q4", "2026-Q3")


def test_a_link_without_data_is_explained(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"from": "2019-Q1", "to": "2019-Q4", "lang": "es"}).run()
    assert not at.exception
    assert any("No hay datos entre 2019-Q1 y 2019-Q4" in w.value for w in at.warning)


def test_dimension_filters_live_in_the_link(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"product_line": "Spare Parts"}).run()
    assert not at.exception
    assert at.multiselect(key="_flt_product_line").value == ["Spare Parts"]
    at.multiselect(key="_flt_region").set_value(
        [at.multiselect(key="_flt_region").options[0]]
    ).run()
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    assert as_list(at.query_params["product_line"]) == ["Spare Parts"]
    assert len(as_list(at.query_params["region"])) == 1
