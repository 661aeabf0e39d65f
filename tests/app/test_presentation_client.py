"""Presenting to the client (``present=client``, F-PR-1): nothing that judges the client's
people or shows our internal assessments, on the demo's top account, whose buying centre has
Fernando Ugalde, purchasing director, high influence and against us ("non-supporter").

Neutral facts stay: the revenue, who the contacts are with their roles and reporting lines, the
plan's objectives and the open actions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.charts.relmap import STANCE_COLORS
from kam_core.i18n import t

ROOT = Path(__file__).resolve().parents[2]
JUDGED = ["influence", "stance", "against us", "champion", "supporter", "non-supporter", "health"]
JUDGED += ["early warning", "at risk", "swot", "competitor", "opportunit", "risks", "key account"]
JUDGED += ["relationship: brief", "relationship: regular", "trusted advisor", "tier", "rank"]
JUDGED += ["prefiere al proveedor actual"]  # the KAM's note on Fernando Ugalde


@pytest.fixture
def demo(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))


def run(page="account", present="client", lang="en", view=None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["present"] = present
    if view:
        at.query_params["view"] = view
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def main_texts(at: AppTest) -> str:
    """Everything the main area says (the sidebar is hidden while presenting)."""
    out = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error"):
        for el in at.main.get(kind):
            if not str(el.value).lstrip().startswith("<style"):
                out.append(str(el.value))
    for m in at.main.get("metric"):
        out += [m.label, str(m.value)]
    out += [tab.label for tab in at.main.get("tab")]
    for df in at.main.get("dataframe"):
        frame = df.value
        out += [str(c) for c in frame.columns]
        out += [str(v) for v in frame.astype(str).to_numpy().ravel()]
    return "\n".join(out)


def relmap_spec(at: AppTest) -> dict:
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if (spec["layout"].get("title") or {}).get("text") in ("Buying centre", "Centro de compra"):
            return spec
    raise AssertionError("relationship map not found")


def map_texts(spec: dict) -> str:
    out = []
    for tr in spec["data"]:
        out.append(str(tr.get("name", "")))
        out += [str(h) for h in tr.get("hovertext") or []]
    return "\n".join(out)


def test_internal_audience_sees_the_judgements(demo):
    """The reference: presenting to our team shows them, so the client test below means
    something."""
    at = run(present="1")
    texts = main_texts(at)
    assert "Fernando Ugalde has high influence and is against us." in texts
    assert {"Health", "History"} <= {tab.label for tab in at.main.get("tab")}
    spec = relmap_spec(at)
    assert "Stance toward us: Non-supporter" in map_texts(spec)


@pytest.mark.parametrize("view", ["Relationship map", "Account plan", "Activity and requests"])
def test_client_sees_no_judgement_on_any_tab(demo, view):
    at = run(view=view)
    assert not at.exception, [e.message for e in at.exception]
    texts = main_texts(at).lower()
    found = [w for w in JUDGED if w in texts]
    assert found == [], found
    assert [tab.label for tab in at.main.get("tab")] == [
        "Relationship map",
        "Account plan",
        "Activity and requests",
    ]
    labels = [m.label for m in at.main.get("metric")]
    # the account's figures head the first screen; the others keep one table under its name
    assert (labels[:1] == ["Revenue"]) == (view == "Relationship map"), labels
    assert at.main.title[0].value == "Transportes Cantábrica S.L.U."


def test_client_map_shows_people_and_lines_without_stances(demo):
    at = run()
    spec = relmap_spec(at)
    texts = map_texts(spec)
    assert "Fernando Ugalde" in texts and "Director de Compras" in texts  # who he is, his role
    assert "Gatekeeper / procurement" in texts
    for word in ("Stance", "Influence:", "Non-supporter", "Champion", "Prefiere", "Informal"):
        assert word not in texts
    colours = set()
    for tr in spec["data"]:
        marker = tr.get("marker") or {}
        if isinstance(marker.get("color"), str):
            colours.add(marker["color"])
        line = marker.get("line") or {}
        assert "#7b1010" not in (line.get("color") or [])  # no warning outline
    assert not colours & set(STANCE_COLORS.values())
    assert any(tr.get("name") == "Reports to" for tr in spec["data"])
    assert "acc_relmap" in [c.key for c in at.get("plotly_chart")]


def test_client_plan_keeps_objectives_and_open_actions(demo):
    at = run(view="Account plan")
    subheaders = [s.value for s in at.main.get("subheader")]
    assert subheaders[0].startswith("Objectives") and "Open actions" in subheaders
    texts = main_texts(at)
    assert "Presentar el caso de coste total a la Directora Financiera" in texts


@pytest.mark.parametrize("lang", ["en", "es"])
def test_client_link_tabs_of_internal_views_open_the_map(demo, lang):
    """A client link can not open an internal tab: an unknown ``view`` shows the first."""
    at = run(lang=lang, view=t("acc.tab.health", lang))
    assert not at.exception
    assert relmap_spec(at)
    assert t("health.score", lang) not in [m.label for m in at.main.get("metric")]


@pytest.mark.parametrize("page", ["portfolio", "tiers", "team", "warnings", "accounts"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_with_other_clients_are_not_shown_to_the_client(demo, page, lang):
    """Only the client's own account: every other page lists other customers' revenue and our
    assessments of them (tiers, key status, warnings, KAM load, duplicates)."""
    at = run(page, lang=lang)
    assert [i.value for i in at.main.get("info")] == [t("pr.not_for_client", lang)]
    assert not at.main.get("metric") and not at.main.get("tabs")
    links = [m.value for m in at.main.markdown if "present=client" in m.value]
    assert links and t("pr.to_account", lang) in links[0] and "(/account?" in links[0]
    assert t("pr.not_for_client", lang) not in main_texts(run(page, present="1", lang=lang))


def test_the_audience_is_in_the_url_and_the_sidebar(demo):
    at = run(present="1")
    assert at.selectbox(key="_present_audience").value == "internal"
    at = run(present="client")
    assert at.selectbox(key="_present_audience").value == "client"
    assert at.main.caption[0].value == "Presenting to the client"
    # entering from the sidebar with the client chosen puts present=client in the URL
    at = AppTest.from_file(str(ROOT / "pages" / "account.py"), default_timeout=90).run()
    at.selectbox(key="_present_audience").set_value("client").run()
    at.toggle(key="_present_toggle").set_value(True).run()
    assert at.query_params["present"] in ("client", ["client"])
    assert "Fernando Ugalde has high influence and is against us." not in main_texts(at)
    at.button(key="_present_exit").click().run()
    assert "present" not in at.query_params
