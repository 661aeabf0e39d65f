"""Long pages, one section per screen while presenting (issue 8, F-PR-1 "one clean chart or table
per screen"): the warnings page (7,255 px presented), the account plan tab (3,387 px) and the
portfolio's trend (2,816 px), whitespace (2,320 px) and bridge (1,893 px) tabs. Each presents one
section at a time under Previous / Next, bound to ``?section=``; out of presentation mode each
shows everything, as before."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.alerts import early_warnings as ew
from kam_core.portfolio.periods import Filters
from kam_core.store import db
from kam_core.ui import warnings_view

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Filters(q_from="2025-Q4", q_to="2026-Q3")  # the demo's last four quarters
PLAN_PARTS = [
    "Objectives",
    "Value proposition",
    "SWOT",
    "Competitors in the account",
    "Opportunities",
    "Risks",
    "Actions",
]
PLAN_KINDS = ["objectives", "competitors", "opportunities", "risks", "actions"]


@pytest.fixture
def demo(demo_db, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_db))  # read only: nothing here writes
    return demo_db


@pytest.fixture
def flagged(demo) -> list[str]:
    """The demo's key accounts with warnings, ranked (what the warnings page shows)."""
    con = db.connect(demo)
    try:
        return [a.account_key for a in ew.build(con, DEFAULT, date.today()).flagged]
    finally:
        con.close()


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    for k, v in {"lang": "en", **params}.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def step(at: AppTest, button: str = "section_next") -> AppTest:
    at.button(key=button).click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def position(at: AppTest) -> str | None:
    """The section bar's "label · i / n", or None without a bar."""
    found = [m.value.replace("**", "") for m in at.main.markdown if " / " in m.value]
    found = [m for m in found if " · " in m]
    assert len(found) <= 1, found
    return found[0] if found else None


def has_bar(at: AppTest) -> bool:
    return any(b.key in ("section_prev", "section_next") for b in at.get("button"))


def param(at: AppTest, name: str):
    v = at.query_params.get(name)
    return v[0] if isinstance(v, list) else v


def subheaders(at: AppTest) -> list[str]:
    return [h.value for h in at.main.get("subheader")]


def charts(at: AppTest) -> list[str]:
    return [c.key for c in at.get("plotly_chart")]


def tables(at: AppTest) -> list[str]:
    """What each table on screen is, told by one of its columns (AppTest gives no keys)."""
    names = {
        "warn_expect": "Lead KAM",  # the expectations of every key account
        "pa_ws_gaps": "Product line",
        "objectives": "revenue_target",
        "competitors": "share_of_wallet",
        "opportunities": "stage",
        "risks": "mitigation",
        "actions": "owner",
    }
    found = []
    for d in at.get("dataframe"):
        cols = set(d.value.columns)
        found.append(next((k for k, c in names.items() if c in cols), "table"))
    return found


def cards(at: AppTest) -> list[str]:
    """The account keys of the warnings page's cards, in order."""
    links = [m.value for m in at.markdown if "account?account=" in m.value]
    return [c.split("account?account=")[1].split(")")[0] for c in links]


# ---------------------------------------------------------------- the warnings page
def test_warnings_page_presents_overview_then_cards_then_expectations(demo, flagged):
    groups = math.ceil(len(flagged) / 2)
    n = 2 + groups
    at = run("warnings", present="1")
    assert position(at) == f"Overview · 1 / {n}"
    assert at.button(key="section_prev").disabled
    assert any(m.label == "Key accounts with warnings" for m in at.metric)
    assert cards(at) == [] and "warn_expect" not in tables(at)  # only the shown section runs

    step(at)
    assert param(at, "section") == "2"
    assert position(at) == f"Key accounts 1–2 of {len(flagged)} with warnings · 2 / {n}"
    assert cards(at) == flagged[:2]
    assert not any(m.label == "Key accounts with warnings" for m in at.metric)
    step(at)
    assert cards(at) == flagged[2:4]
    step(at, "section_prev")
    assert cards(at) == flagged[:2]

    at = run("warnings", present="1", section=str(n))  # a link reopens the last screen
    assert position(at).endswith(f"· {n} / {n}") and at.button(key="section_next").disabled
    assert cards(at) == [] and tables(at) == ["warn_expect"]
    assert "Next quarter for every key account" in subheaders(at)


@pytest.mark.parametrize("section, first", [("3", 2), ("4", 4)])
def test_a_link_reopens_its_warning_cards(demo, flagged, section, first):
    assert cards(run("warnings", present="1", section=section)) == flagged[first : first + 2]


def test_one_card_per_screen_reads_as_one_account(demo, flagged, monkeypatch):
    monkeypatch.setattr(warnings_view, "CARDS_PER_SCREEN", 1)
    n = len(flagged)
    at = run("warnings", present="1", section=str(n))
    assert position(at) == f"Key account {n - 1} of {n} with warnings · {n} / {n + 2}"
    assert cards(at) == [flagged[n - 2]]


def test_warnings_sections_in_spanish(demo, flagged):
    n = 2 + math.ceil(len(flagged) / 2)
    at = run("warnings", present="1", lang="es", section="2")
    assert position(at) == f"Cuentas clave 1–2 de {len(flagged)} con alertas · 2 / {n}"
    assert at.button(key="section_next").label == "Siguiente"
    assert position(run("warnings", present="1", lang="es")) == f"Resumen · 1 / {n}"


def test_warnings_page_shows_everything_outside_presentation(demo, flagged):
    at = run("warnings")
    assert not has_bar(at) and position(at) is None
    assert cards(at) == flagged
    assert any(m.label == "Key accounts with warnings" for m in at.metric)
    assert subheaders(at) == ["Ranked by revenue at stake", "Next quarter for every key account"]
    assert tables(at) == ["warn_expect"]


# ---------------------------------------------------------------- the account plan tab
def plan_tables(at: AppTest) -> list[str]:
    return [k for k in tables(at) if k in PLAN_KINDS]


def test_account_plan_presents_one_part_at_a_time(demo):
    at = run("account", present="1", view="Account plan")
    assert position(at) == "Objectives · 1 / 7"
    assert [h for h in subheaders(at) if h in PLAN_PARTS] == ["Objectives"]
    assert plan_tables(at) == ["objectives"]
    assert any(m.label == "Progress" for m in at.metric)
    year = next(s for s in at.selectbox if s.key.startswith("plan_year_"))
    assert year.disabled and year.format_func(year.value) == f"Plan year {year.value}"
    step(at)
    assert param(at, "section") == "2" and param(at, "view") == "Account plan"
    assert [h for h in subheaders(at) if h in PLAN_PARTS] == ["Value proposition"]
    assert plan_tables(at) == []  # only the shown part runs
    for part, kind in zip(PLAN_PARTS[2:], [None, "competitors", "opportunities", "risks"]):
        step(at)
        assert [h for h in subheaders(at) if h in PLAN_PARTS] == [part]
        assert plan_tables(at) == ([kind] if kind else [])
    step(at)
    assert position(at) == "Actions · 7 / 7" and at.button(key="section_next").disabled
    assert plan_tables(at) == ["actions"]


@pytest.mark.parametrize("section, part", [("3", "SWOT"), ("6", "Risks"), ("99", "Actions")])
def test_a_link_reopens_its_plan_part(demo, section, part):
    at = run("account", present="1", view="Account plan", section=section)
    assert [h for h in subheaders(at) if h in PLAN_PARTS] == [part]


def test_account_plan_parts_in_spanish(demo):
    at = run("account", present="1", lang="es", view="Plan de cuenta", section="3")
    assert position(at) == "DAFO · 3 / 7"
    assert "DAFO" in subheaders(at) and "Propuesta de valor" not in subheaders(at)


def test_account_plan_shows_everything_outside_presentation(demo):
    at = run("account", view="Account plan")
    assert not has_bar(at)
    assert [h for h in subheaders(at) if h in PLAN_PARTS] == PLAN_PARTS
    assert plan_tables(at) == PLAN_KINDS + ["actions"]  # editors, and the actions' view + editor


# ---------------------------------------------------------------- portfolio tabs
def test_trend_presents_chart_table_movers_then_won_and_lost(demo):
    at = run("portfolio", present="1", view="Quarterly trend")
    assert position(at) == "Revenue per quarter · 1 / 4"
    assert "pa_trend" in charts(at) and tables(at) == []
    step(at)
    assert position(at) == "Quarter by quarter · 2 / 4" and param(at, "section") == "2"
    assert "pa_trend" not in charts(at) and len(tables(at)) == 1
    step(at)
    assert position(at) == "Growers and decliners · 3 / 4" and len(tables(at)) == 2
    assert not any("Accounts won" in m.value for m in at.markdown)
    step(at)
    assert position(at) == "Accounts won and lost · 4 / 4" and len(tables(at)) == 2
    assert any("Accounts won" in m.value for m in at.markdown)
    at = run("portfolio", present="1", view="Quarterly trend", section="2")
    assert position(at) == "Quarter by quarter · 2 / 4"


def test_bridge_presents_chart_then_table_on_the_same_periods(demo):
    at = run("portfolio", present="1", view="Revenue bridge")
    assert position(at) == "Revenue bridge · 1 / 2"
    assert "pa_bridge" in charts(at) and tables(at) == []
    assert not [r for r in at.radio if r.key == "pa_bridge_by"]
    start = next(s for s in at.selectbox if s.key.startswith("pa_bridge_start_"))
    start.set_value("2025-Q1").run()  # the presenter picks another start
    caption = [c.value for c in at.caption if "2025-Q1" in c.value]
    assert len(caption) == 1  # "4-quarter periods: 2024-Q2 – 2025-Q1 → ..."
    step(at)
    assert position(at) == "Bridge by group · 2 / 2" and param(at, "section") == "2"
    assert "pa_bridge" not in charts(at) and len(tables(at)) == 1
    assert at.radio(key="pa_bridge_by").value == "tier"
    # the table compares the periods the chart compared
    assert next(s for s in at.selectbox if s.key.startswith("pa_bridge_start_")).value == "2025-Q1"
    assert [c.value for c in at.caption if "2025-Q1" in c.value] == caption


def test_whitespace_presents_chart_then_gaps(demo):
    at = run("portfolio", present="1", view="Whitespace")
    assert position(at) == "Products per key account · 1 / 2"
    assert "pa_ws" in charts(at) and "pa_ws_gaps" not in tables(at)
    step(at)
    assert position(at) == "Cross-sell gaps · 2 / 2"
    assert "pa_ws" not in charts(at) and tables(at) == ["pa_ws_gaps"]
    at = run("portfolio", present="1", lang="es", view="Venta cruzada", section="2")
    assert position(at) == "Oportunidades de venta cruzada · 2 / 2"


@pytest.mark.parametrize(
    "view, chart, n_tables",
    [
        ("Quarterly trend", "pa_trend", 5),
        ("Revenue bridge", "pa_bridge", 1),
        ("Whitespace", "pa_ws", 1),
    ],
)
def test_portfolio_tabs_show_everything_outside_presentation(demo, view, chart, n_tables):
    at = run("portfolio", view=view)
    assert not has_bar(at)
    assert chart in charts(at) and len(tables(at)) == n_tables


@pytest.mark.parametrize("view", ["Quarterly trend", "Revenue bridge", "Whitespace"])
def test_presented_tabs_keep_the_portfolio_figures_on_the_pareto_screen(demo, view):
    """Presenting, the title and period head every tab, but the KPIs and risk callouts belong to
    the Pareto screen (about 600 px that pushed every chart below the fold); out of presentation
    mode every tab keeps them."""
    kpis = ["Revenue", "Accounts", "Accounts making 80%"]
    assert [m.label for m in run("portfolio", present="1").metric][:3] == kpis
    presented = run("portfolio", present="1", view=view)
    assert presented.title[0].value == "Portfolio" and presented.caption[0].value
    assert not [m for m in presented.metric if m.label in kpis]
    assert not presented.warning  # the major-customer callout stays with the Pareto screen
    assert [m.label for m in run("portfolio", view=view).metric][:3] == kpis
