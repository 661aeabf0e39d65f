"""AppTest: the portfolio page's Brief tab tells the figures the same page shows (F-PR-5), and the
page offers the deck and the link to the view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "portfolio.py")

# Per language: brief tab label, KPI labels, and how the brief words the same figures.
LANG = {
    "en": {
        "tab": "Brief",
        "accounts": "Accounts",
        "to80": "Accounts making 80%",
        "n_accounts": "from {n} accounts",
        "pareto": "{k} accounts, {share} of the portfolio, make 80% of revenue",
        "growth": "Revenue grew {pct} compared with 2024-Q4 – 2025-Q3",
        "major": "{name} is the only major customer (10% of revenue or more), with {share}",
        "deck": "Portfolio deck (PPTX)",
    },
    "es": {
        "tab": "Resumen",
        "accounts": "Cuentas",
        "to80": "Cuentas que suman el 80 %",
        "n_accounts": "con {n} cuentas",
        "pareto": "{k} cuentas, el {share} de la cartera, concentran el 80 % de la facturación",
        "growth": "La facturación creció un {pct} respecto a 2024-Q4 – 2025-Q3",
        "major": "{name} es el único cliente principal (10 % de la facturación o más), con el "
        "{share}",
        "deck": "Presentación de la cartera (PPTX)",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_brief_tells_the_screens_figures(demo_db, monkeypatch, lang):
    words = LANG[lang]
    monkeypatch.setenv("CARTERA_DB", str(demo_db))
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["view"] = words["tab"]
    at.run()
    assert not at.exception
    links = [c.value for c in at.code if c.value.startswith("/")]  # the copy-link popover
    assert links[0] == f"/?lang={lang}&view={words['tab']}&from=2025-Q4&to=2026-Q3"
    assert links[1] == links[0] + "&present=1"
    # the copyable text, the same as the prose above it
    brief = next(c.value for c in at.code if not c.value.startswith("/"))
    shown = " ".join(md.value for md in at.markdown)
    assert brief.split("\n\n")[0].replace("\\", "")[:40] in shown.replace("\\", "")

    kpi = {m.label: m for m in at.metric}
    assert words["n_accounts"].format(n=kpi[words["accounts"]].value) in brief
    k, share = re.fullmatch(r"(\S+) \((.+)\)", kpi[words["to80"]].value).groups()
    assert words["pareto"].format(k=k, share=share) in brief
    pct = re.match(r"\+?(\d+[.,]\d+ ?%)", at.metric[0].delta)[1]  # the revenue KPI's change
    assert words["growth"].format(pct=pct) in brief
    # the major-customer callout above the tabs names the same account with the same share
    callout = at.warning[0].value
    name = "Transportes Cantábrica S.L.U."
    assert name in callout.replace("\\", "")
    major_share = re.search(r"\d+[.,]\d+ ?%", callout)[0]
    assert words["major"].format(name=name, share=major_share) in brief

    assert words["deck"] in [b.label for b in at.get("download_button")]


def test_presentation_mode_keeps_the_brief_and_hides_the_controls(demo_db, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_db))
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["view"] = "Brief"
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    assert len(at.code) == 0 and not at.get("download_button") and not at.get("popover")
    assert any("revenue was" in md.value for md in at.markdown)
