"""AppTest: the portfolio page on the demo and on an empty database; numbers checked by pandas."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import duckdb
import numpy as np
from streamlit.testing.v1 import AppTest

from tests.fixtures.expected import DUCKDB_CONFIG, expected_report, stored_lines

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "portfolio.py")


_LINES = {}


def _lines(db_path):
    """The database's revenue_lines (read once: same configuration as the app's connection)."""
    if db_path not in _LINES:
        _LINES[db_path] = stored_lines(db_path)
    return _LINES[db_path]


def _expected(db_path, q_from, q_to):
    """Independent figures (PRODUCT.md section 8, the one oracle): total, accounts, k(80%)."""
    exp = expected_report(_lines(db_path), q_from, q_to)
    return exp["total_revenue"], exp["accounts"], exp["accounts_to_80"]


def _app(db_path, monkeypatch, query=None):
    monkeypatch.setenv("CARTERA_DB", str(db_path))
    at = AppTest.from_file(PAGE, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


def _array(value):
    """A Plotly JSON array: a plain list or a typed array ({"dtype", "bdata"} in base64)."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    return np.asarray(value if isinstance(value, list) else [value], dtype=float)


def _metrics(at):
    """Label -> value of the first metric with that label (the KPI row comes first)."""
    out = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def test_default_is_last_four_quarters_with_exact_kpis(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch).run()
    assert not at.exception
    total, n, k80 = _expected(demo_db, "2025-Q4", "2026-Q3")
    m = _metrics(at)
    assert m["Revenue"] == f"{total:,.0f}\u00a0EUR"
    assert m["Accounts"] == f"{n:,}"
    assert m["Accounts making 80%"] == f"{k80} ({k80 / n:.1%})"
    assert f"**{k80} accounts ({k80 / n:.1%} of accounts) make 80% of revenue.**" in [
        md.value for md in at.markdown
    ]
    assert (at.query_params["from"], at.query_params["to"]) == ("2025-Q4", "2026-Q3")


def test_single_quarter_from_url_in_spanish(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"lang": "es", "from": "2025-Q2", "to": "2025-Q2"}).run()
    assert not at.exception
    assert at.radio(key="_flt_preset").value == "quarter"
    total, n, k80 = _expected(demo_db, "2025-Q2", "2025-Q2")
    m = _metrics(at)
    es = f"{total:,.0f}".replace(",", ".")
    assert m["Facturación"] == es + "\u00a0EUR"
    assert m["Cuentas que suman el 80 %"] == f"{k80} ({k80 / n * 100:.1f} %)".replace(".", ",")


def test_changing_the_range_changes_figures_and_url(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch).run()
    at.radio(key="_flt_preset").set_value("year").run()
    at.selectbox(key="_flt_pick").set_value(2025).run()
    assert not at.exception
    total, n, _ = _expected(demo_db, "2025-Q1", "2025-Q4")
    m = _metrics(at)
    assert m["Revenue"] == f"{total:,.0f}\u00a0EUR"
    assert m["Accounts"] == f"{n:,}"
    assert (at.query_params["from"], at.query_params["to"]) == ("2025-Q1", "2025-Q4")
    at.radio(key="_flt_preset").set_value("custom").run()
    at.select_slider(key="_flt_range").set_value(("2024-Q4", "2026-Q3")).run()
    total, n, _ = _expected(demo_db, "2024-Q4", "2026-Q3")
    assert _metrics(at)["Revenue"] == f"{total:,.0f}\u00a0EUR"


def test_pareto_chart_has_bars_line_and_threshold(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch).run()
    charts = [
        el
        for el in at.main
        if type(el).__name__ == "UnknownElement" and getattr(el.proto, "spec", None)
    ]
    spec = json.loads(charts[0].proto.spec)
    kinds = [tr["type"] for tr in spec["data"]]
    assert kinds == ["bar", "scatter", "scatter", "scatter"]  # bars, curve, 80% and 95% points
    _, n, k80 = _expected(demo_db, "2025-Q4", "2026-Q3")
    widths = _array(spec["data"][0]["width"])
    assert widths.sum() == n  # every account drawn, each once
    assert _array(spec["data"][1]["y"])[-1] == 1.0 and _array(spec["data"][1]["x"])[-1] == n
    assert list(_array(spec["data"][2]["x"])) == [k80]  # the 80% point at its true rank
    assert spec["layout"]["yaxis2"]["overlaying"] == "y"
    assert any(sh.get("y0") == 0.8 for sh in spec["layout"]["shapes"])


def test_empty_database_greets(tmp_path, monkeypatch):
    from kam_core.store import db

    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    at = _app(path, monkeypatch).run()
    assert not at.exception
    assert at.title[0].value == "Welcome to Cartera"
    assert not at.metric


def test_product_line_and_kam_filters(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch).run()
    # the dimension filters are drawn only while "More filters" is open (issue 9: first visit)
    assert not at.sidebar.get("multiselect")
    at.session_state["_flt_more"] = True
    at.run()
    at.multiselect(key="_flt_product_line").set_value(["Spare Parts"]).run()
    at.multiselect(key="_flt_kam").set_value(["Marta Sánchez"]).run()
    assert not at.exception
    c = duckdb.connect(str(demo_db), config=DUCKDB_CONFIG)
    total = c.execute(
        "SELECT sum(amount) FROM revenue_lines WHERE quarter BETWEEN '2025-Q4' AND '2026-Q3' "
        "AND product_line = 'Spare Parts' AND kam = 'Marta Sánchez'"
    ).fetchall()[0][0]
    c.close()
    assert _metrics(at)["Revenue"] == f"{total:,.0f}\u00a0EUR"
    # the range is still in the URL; the dimension filters stay in the session
    assert (at.query_params["from"], at.query_params["to"]) == ("2025-Q4", "2026-Q3")
    at.session_state["_flt_more"] = False  # closed again: the choices still apply
    at.run()
    assert not at.exception and not at.sidebar.get("multiselect")
    assert _metrics(at)["Revenue"] == f"{total:,.0f}\u00a0EUR"


def test_whatif_and_bridge_tabs_show_hand_checked_figures(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, {"view": "Revenue bridge"}).run()
    assert "Revenue at risk" not in _metrics(at)  # only the open tab is computed
    cur = expected_report(_lines(demo_db), "2025-Q4", "2026-Q3")
    prev = expected_report(_lines(demo_db), "2024-Q4", "2025-Q3")
    m = _metrics(at)
    net = cur["total_revenue"] - prev["total_revenue"]
    assert m["Net change"] == f"{net:,.0f}\u00a0EUR".replace("-", "−")
    at.query_params["view"] = "What if we lose…"
    at.run()
    m = _metrics(at)
    assert m["Revenue at risk"] == f"{cur['pareto'].iloc[0]:,.0f}\u00a0EUR"  # the top account
