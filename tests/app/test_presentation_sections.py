"""One section per screen while presenting (F-PR-1; the team page was 3,835 px tall), bound to
``?section=`` so a link reopens it; and switching language keeps the open tab (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
TEAM_SECTIONS = [
    "Workload against capacity",
    "Key accounts without a lead KAM",
    "Relationship risk per KAM",
    "Early warnings per KAM",
    "People",
]


@pytest.fixture
def demo(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    for k, v in {"lang": "en", **params}.items():
        at.query_params[k] = v
    return at.run()


def shown(at: AppTest) -> list[str]:
    return [s for s in TEAM_SECTIONS if s in [h.value for h in at.main.get("subheader")]]


def param(at: AppTest, name: str):
    v = at.query_params.get(name)
    return v[0] if isinstance(v, list) else v


def test_team_page_shows_every_section_outside_presentation(demo):
    assert shown(run("team")) == TEAM_SECTIONS


def test_team_page_presents_one_section_at_a_time(demo):
    at = run("team", present="1")
    assert not at.exception
    assert shown(at) == ["Workload against capacity"]
    assert "Workload · 1 / 5" in [m.value.replace("**", "") for m in at.main.markdown]
    assert at.button(key="section_prev").disabled
    at.button(key="section_next").click().run()
    assert shown(at) == ["Key accounts without a lead KAM"]
    assert param(at, "section") == "2"
    for _ in range(3):
        at.button(key="section_next").click().run()
    assert shown(at) == ["People"] and at.button(key="section_next").disabled
    at.button(key="section_prev").click().run()
    assert shown(at) == ["Early warnings per KAM"]


@pytest.mark.parametrize("section, expected", [("3", 2), ("5", 4), ("99", 4), ("x", 0)])
def test_a_link_reopens_its_section(demo, section, expected):
    at = run("team", present="1", section=section)
    assert shown(at) == [TEAM_SECTIONS[expected]]


def test_only_the_shown_section_runs(demo):
    """The risk chart is built only on its own screen."""
    keys = [c.key for c in run("team", present="1").get("plotly_chart")]
    assert "team_risk_chart" not in keys
    keys = [c.key for c in run("team", present="1", section="3").get("plotly_chart")]
    assert "team_risk_chart" in keys


def test_sections_in_spanish(demo):
    at = run("team", present="1", lang="es", section="2")
    assert "Cuentas clave sin asignar · 2 / 5" in [
        m.value.replace("**", "") for m in at.main.markdown
    ]
    assert at.button(key="section_next").label == "Siguiente"


def open_tab(at: AppTest) -> str:
    return at.session_state["_view_tabs"]


@pytest.mark.parametrize(
    "page, view, translated",
    [
        ("account", "Account plan", "Plan de cuenta"),
        ("portfolio", "Quarterly trend", "Evolución trimestral"),
        ("tiers", "Tier migration", "Migración entre niveles"),
    ],
)
def test_switching_language_keeps_the_open_tab(demo, page, view, translated):
    at = run(page, view=view)
    assert open_tab(at) == view
    at.selectbox(key="_lang_picker").set_value("es").run()
    assert not at.exception
    assert open_tab(at) == translated and param(at, "view") == translated  # the link too
    at.run()  # the next run (any click) keeps it
    assert open_tab(at) == translated and param(at, "view") == translated
    at.selectbox(key="_lang_picker").set_value("en").run()
    assert open_tab(at) == view and param(at, "view") == view


def test_a_link_with_the_tab_in_the_other_language_opens_that_tab(demo):
    at = run("account", lang="es", view="Account plan")
    assert open_tab(at) == "Plan de cuenta" and param(at, "view") == "Plan de cuenta"


def test_a_link_to_a_tab_the_page_has_not_opens_the_first(demo):
    at = run("account", view="Nonsense")
    assert open_tab(at) == "Relationship map" and param(at, "view") is None
