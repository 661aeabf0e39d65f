"""The caching mechanisms behind "every page as fast as the portfolio" (issue 9), tested by
counting, not timing: queries per rerun stay under a small bound, a second rerun with the same
inputs hits the caches, key-account status is computed once per data version for every page,
only the open tab runs, and a write shows on the next run (the keys move)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pandas.testing as pdt
import pytest
from streamlit.testing.v1 import AppTest

from kam_core.accounts import overview, plans
from kam_core.accounts import relationships as rel
from kam_core.analytics import metrics
from kam_core.portfolio import reads, tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings
from kam_core.team import roster
from kam_core.ui import portfolio_data as data

ROOT = Path(__file__).resolve().parents[2]
PLAN = "Account plan"


@pytest.fixture
def counted(demo_copy, monkeypatch):
    """A private demo database; counts every query and a few expensive core calls."""
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    calls: Counter = Counter()

    def count(module, name, label):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[label] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    count(db, "query_df", "query")
    count(db, "query_rows", "query")  # db.scalar goes through query_rows
    count(db, "data_version", "data_version")
    count(tiers, "key_accounts", "key_accounts")
    count(settings, "get_all", "settings")
    count(plans, "items", "plan_items")
    count(rel, "contacts", "contacts")
    count(roster, "relationship_risk", "relationship_risk")
    count(overview, "account_options", "picker")
    return demo_copy, calls


def page(name: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    for k, v in query.items():
        at.query_params[k] = v
    return at


def rerun(at: AppTest, calls: Counter) -> Counter:
    """Run again with the same inputs; return what that run cost."""
    calls.clear()
    at.run()
    assert not at.exception, at.exception
    return Counter(calls)


@pytest.mark.parametrize("name", ["account", "team", "portfolio", "tiers"])
def test_a_warm_rerun_runs_at_most_two_queries_and_computes_nothing(counted, name):
    _, calls = counted
    at = page(name).run()
    assert not at.exception, at.exception
    cost = rerun(at, calls)
    # the data version, once per run (today the only one; one more allowed for a cheap check)
    assert cost["query"] <= 2, cost
    assert cost["data_version"] == 1, cost
    assert cost["key_accounts"] == cost["settings"] == cost["relationship_risk"] == 0, cost
    assert cost["contacts"] == cost["plan_items"] == 0, cost


def test_first_visit_of_the_account_page_stays_under_a_query_bound(counted):
    _, calls = counted
    page("settings").run()  # the server's once-a-day work (file check, daily backup) first
    calls.clear()
    at = page("account").run()
    assert not at.exception
    # Before issue 9: 48 queries, key accounts three times, settings six times, all four tabs.
    assert calls["query"] <= 30, calls
    assert calls["key_accounts"] == 1, calls
    assert calls["settings"] <= 2, calls
    assert calls["data_version"] == 1, calls


def test_only_the_open_tab_is_computed(counted):
    _, calls = counted
    page("account").run()
    assert calls["contacts"] >= 1 and calls["plan_items"] == 0  # the map tab only
    calls.clear()
    at = page("account", view=PLAN).run()
    assert not at.exception
    assert calls["plan_items"] >= 1 and calls["contacts"] == 0  # the plan tab only (map cached)


def test_key_account_status_is_computed_once_per_data_version_for_every_page(counted):
    path, calls = counted
    for name in ("account", "team", "tiers"):
        at = page(name).run()
        assert not at.exception, (name, at.exception)
    # same default selection (last four quarters), same data version: one computation
    assert calls["key_accounts"] == 1, calls
    con = db.connect(path)
    key = overview.default_account(con)
    tiers.set_mark(con, key, "exclude", "other", "bench", "ana")  # bumps the data version
    calls.clear()
    page("account").run()
    assert calls["key_accounts"] == 1, calls


def test_another_account_reuses_the_selection_and_a_rerun_hits_the_cache(counted):
    path, calls = counted
    at = page("account").run()
    other = overview.account_options(db.connect(path))["account_key"].iloc[7]
    calls.clear()
    at.query_params["account"] = other
    at.run()
    assert not at.exception
    assert calls["key_accounts"] == 0 and calls["settings"] <= 1, calls
    assert rerun(at, calls)["query"] <= 2


def test_a_write_anywhere_in_the_process_shows_on_the_next_run(counted):
    """Account data (contacts) changes without a data-version bump: the write count moves."""
    path, calls = counted
    con = db.connect(path)
    at = page("account").run()
    key = at.query_params["account"]
    key = key[0] if isinstance(key, list) else key
    writes = db.write_count()
    rel.save_contact(con, key, {"name": "Zoe Cache", "buying_role": "user"}, "test")
    assert db.write_count() == writes + 1
    calls.clear()
    at.run()
    assert not at.exception
    assert "Zoe Cache" in " ".join(el.proto.spec for el in at.get("plotly_chart"))
    assert calls["contacts"] >= 1
    # reads of revenue and accounts only are keyed on the data version: they stay cached
    assert calls["picker"] == calls["key_accounts"] == calls["settings"] == 0, calls


def test_the_data_version_is_read_once_per_run(counted, monkeypatch):
    _, calls = counted
    at = page("portfolio").run()
    assert calls["data_version"] == 1, calls
    assert rerun(at, calls)["data_version"] == 1


HEAVY = ("statsmodels", "kaleido", "pptx", "weasyprint")


@pytest.mark.parametrize("name", ["portfolio", "account", "team", "tiers"])
def test_a_page_load_imports_no_report_or_forecast_library(demo_db, name):
    """A new user's first visit waits on what the page imports: report and forecast libraries
    (seconds to import) belong to the moment a report or forecast is asked for."""
    import subprocess
    import sys

    code = (
        "import os, sys; from streamlit import config; from streamlit.testing.v1 import AppTest; "
        "config.set_option('runner.enforceSerializableSessionState', False); "
        f"AppTest.from_file({str(ROOT / 'pages' / (name + '.py'))!r}, default_timeout=120).run(); "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    env = {**os.environ, "CARTERA_DB": str(demo_db)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


# ---------------------------------------------------------------- issue 9: warnings and the cube
@pytest.fixture
def warned(counted, monkeypatch):
    """``counted`` plus the early-warnings build and the warnings report's reads."""
    from kam_core.alerts import early_warnings
    from kam_core.ui import warnings_view

    path, calls = counted
    for module, name, label in (
        (early_warnings, "build", "warnings_build"),
        (warnings_view, "report", "warnings_report"),
        (reads, "account_revenue", "lines_query"),
    ):
        original = getattr(module, name)

        def wrapper(*args, _original=original, _label=label, **kwargs):
            calls[_label] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)
    return path, calls


def test_early_warnings_are_built_once_and_a_warm_rerun_never_reads_them(warned):
    path, calls = warned
    at = page("team").run()
    assert not at.exception, at.exception
    assert calls["warnings_build"] == 1, calls
    for name in ("team", "portfolio"):
        at = page(name).run()  # the portfolio's count: same opening selection, same report
        assert not at.exception, (name, at.exception)
        cost = rerun(at, calls)
        assert cost["warnings_build"] == cost["warnings_report"] == 0, (name, cost)
    assert calls["warnings_build"] == 0, calls  # neither page built them again
    rel.save_contact(db.connect(path), "C1002", {"name": "Zoe Warn", "buying_role": "user"}, "t")
    calls.clear()
    at = page("team").run()  # a write: the relationship rules may see something new
    assert not at.exception, at.exception
    assert calls["warnings_build"] == 1, calls
    assert rerun(at, calls)["warnings_build"] == 0


def test_a_selection_never_seen_before_reads_no_line(warned):
    """The portfolio's first run builds the revenue cube of the data version; a new selection
    is then a mask over it: no query over the lines, only the data version read."""
    _, calls = warned
    at = page("portfolio").run()
    assert not at.exception, at.exception
    at.radio(key="_flt_preset").set_value("quarter").run()
    quarters = at.selectbox(key="_flt_pick").options
    assert len(quarters) >= 3
    for q in quarters[:3]:
        calls.clear()
        at.selectbox(key="_flt_pick").set_value(q).run()
        assert not at.exception, at.exception
        assert calls["lines_query"] == 0, calls
        assert calls["query"] <= 2 and calls["data_version"] == 1, calls


def test_every_portfolio_tab_leaves_the_shared_pareto_objects_unchanged(counted, monkeypatch):
    """``portfolio_data.pareto`` hands every rerun the same built frames (cache_resource, no
    pickling): drawing every tab must not change them, or a later rerun would show wrong
    figures. After all tabs ran, the cached frames equal a fresh computation."""
    path, _ = counted
    views = ["Pareto 80/20", "Concentration", "Quarterly trend", "Revenue bridge", "Whitespace"]
    for view in views + ["What if we lose…", "Brief"]:
        at = page("portfolio", view=view, **{"from": "2025-Q4", "to": "2026-Q3"}).run()
        assert not at.exception, at.exception
    con = db.connect(path)
    version = db.data_version(con)
    cfg = settings.get_all(con)
    filters = Filters(q_from="2025-Q4", q_to="2026-Q3")
    computed = []
    monkeypatch.setattr(metrics, "pareto_table", lambda *a, **k: computed.append(a))
    cached_rev, cached_pt = data.pareto(str(path), version, filters)
    assert computed == []  # the page's own objects, not a new computation
    monkeypatch.undo()
    rev = reads.account_revenue(con, filters)
    con.close()

    def by_key(df):
        return df.sort_values("account_key").reset_index(drop=True)

    pdt.assert_frame_equal(by_key(cached_rev), by_key(rev), check_exact=False, rtol=1e-12)
    pdt.assert_frame_equal(
        cached_pt, metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"]), rtol=1e-12
    )
