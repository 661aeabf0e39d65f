"""The portfolio deck built from the demo database, reopened with python-pptx (issue #10).

Slide count and titles in the chosen language, charts that are real PNGs of the expected size,
and tables whose cells are the figures of ``python -m kam_core report --json``.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import json

import pytest
from PIL import Image as PILImage
from pptx import Presentation

from kam_core.cli import main
from kam_core.demo.accounts import DEMO_TODAY
from kam_core.i18n import fmt_money, fmt_num, fmt_pct
from kam_core.portfolio.periods import Filters
from kam_core.reports import images
from kam_core.reports.portfolio_deck import brief_figures, build_deck, portfolio_figures
from kam_core.store import db

FILTERS = Filters("2025-Q4", "2026-Q3")
PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE
NAVY = (31, 78, 121)  # the app's tier-A colour: the charts are drawn in the screen's colours

TITLES = {
    "en": [
        "Portfolio review",
        "The period in brief",
        "Key figures",
        "Pareto: revenue by account",
        "Lorenz curve · Gini {gini}",
        "Concentration figures",
        "Largest accounts",
        "Tiers: ABC by revenue",
        "Tier migration 2025-Q3 → 2026-Q3",
        "Tier migration 2025-Q3 → 2026-Q3: accounts",
        "Key accounts and their plans",
        "Revenue bridge",
        "KAM load",
        "Early warnings",
    ],
    "es": [
        "Revisión de la cartera",
        "El periodo en pocas palabras",
        "Cifras clave",
        "Pareto: facturación por cuenta",
        "Curva de Lorenz · Gini {gini}",
        "Cifras de concentración",
        "Mayores cuentas",
        "Niveles: ABC por facturación",
        "Migración de nivel 2025-Q3 → 2026-Q3",
        "Migración de nivel 2025-Q3 → 2026-Q3: cuentas",
        "Cuentas clave y sus planes",
        "Puente de facturación",
        "Carga de los KAM",
        "Alertas tempranas",
    ],
}


def report_json(db_path, q_from: str, q_to: str) -> dict:
    """``python -m kam_core report --json`` (its currency setting stays inside its context)."""
    out = io.StringIO()
    argv = ["report", "--json", "--db", str(db_path), "--from", q_from, "--to", q_to]
    with contextlib.redirect_stdout(out):
        assert contextvars.copy_context().run(main, argv) == 0
    return json.loads(out.getvalue())


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def demo_report(demo_db) -> dict:
    return report_json(demo_db, FILTERS.q_from, FILTERS.q_to)


@pytest.fixture(scope="module", params=["en", "es"])
def deck(request, demo_db):
    if not images.chromium_found():
        pytest.fail("Chromium is needed to draw the deck's charts (apt-get install chromium)")
    con = db.connect(demo_db)
    try:
        data = build_deck(con, FILTERS, request.param, today=DEMO_TODAY)
    finally:
        con.close()
    return request.param, Presentation(io.BytesIO(data))


def _table(slide):
    tables = [s for s in slide.shapes if s.has_table]
    assert len(tables) == 1, "tables are real PowerPoint tables"
    return [[plain(c.text) for c in row.cells] for row in tables[0].table.rows]


def test_slides_and_titles_in_the_chosen_language(deck, demo_report):
    lang, prs = deck
    gini = fmt_num(demo_report["gini"], lang, 2)
    expected = [x.format(gini=gini) for x in TITLES[lang]]
    assert [s.shapes.title.text for s in prs.slides] == expected
    other = TITLES["es" if lang == "en" else "en"]
    assert not {x.format(gini=gini) for x in other} & set(expected[1:])


def test_charts_are_real_pngs_of_the_expected_size(deck):
    _, prs = deck
    pictures = {
        i: s for i, slide in enumerate(prs.slides) for s in slide.shapes if s.shape_type == PICTURE
    }
    assert sorted(pictures) == [3, 4, 8, 11, 12]  # Pareto, Lorenz, Sankey, bridge, KAM load
    w, h = images.SLIDE_CHART["width"], images.SLIDE_CHART["height"]
    scale = images.SLIDE_CHART["scale"]
    for i, pic in pictures.items():
        blob = pic.image.blob
        img = PILImage.open(io.BytesIO(blob))
        assert img.format == "PNG"
        colours = {c[:3] for _, c in img.convert("RGB").getcolors(1 << 20)}
        assert len(blob) > 20_000 and len(colours) > 50, f"slide {i + 1}: not a drawn chart"
        if i == 12:  # KAM load: taller with a larger team, in the slide's proportions
            assert h * scale <= img.size[1] <= 560 * scale
            assert img.size[0] / img.size[1] == pytest.approx(w / h, rel=0.01)
        else:
            assert img.size == (w * scale, h * scale)
            assert NAVY in colours, f"slide {i + 1}: not in the app's colours"
        assert pic.width / pic.height == pytest.approx(img.size[0] / img.size[1], rel=0.01)


def test_tables_hold_the_figures_of_report_json(deck, demo_report):
    lang, prs = deck
    rep, slides = demo_report, list(prs.slides)
    cur = rep["currency"]
    figures = [row[1] for row in _table(slides[5])[1:]]
    assert figures == [
        plain(x)
        for x in (
            fmt_num(rep["accounts"], lang),
            fmt_money(rep["total_revenue"], lang, currency=cur),
            fmt_num(rep["accounts_to_80"], lang),
            fmt_pct(rep["share_accounts_to_80"], lang),
            fmt_pct(rep["top_shares"]["1"], lang),
            fmt_pct(rep["top_shares"]["5"], lang),
            fmt_pct(rep["top_shares"]["10"], lang),
            fmt_pct(rep["top_shares"]["20"], lang),
            fmt_num(rep["gini"], lang, 2),
            fmt_num(rep["hhi"], lang),
            fmt_num(rep["effective_accounts"], lang, 1),
        )
    ]
    tiers = _table(slides[7])[1:]
    assert [r[0] for r in tiers] == ["A", "B", "C"]
    for row, tier in zip(tiers, "ABC", strict=True):
        abc = rep["abc"][tier]
        assert row[1] == fmt_num(abc["count"], lang)
        assert row[2] == plain(fmt_pct(abc["count"] / rep["accounts"], lang))
        assert row[4] == plain(fmt_pct(abc["revenue_share"], lang))
    largest = _table(slides[6])
    assert largest[1][3] == plain(fmt_pct(rep["top_shares"]["1"], lang))
    kpis = [plain(s.text_frame.text) for s in slides[2].shapes if s.name == "KPI value"]
    assert kpis[0] == plain(fmt_money(rep["total_revenue"], lang, compact=True, currency=cur))
    assert kpis[2] == fmt_num(rep["accounts"], lang)


def test_brief_slide_tells_the_same_numbers(deck, demo_report):
    lang, prs = deck
    text = plain(" ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame))
    k, share = demo_report["accounts_to_80"], demo_report["share_accounts_to_80"]
    assert f"{fmt_num(k, lang)} " in text and plain(fmt_pct(share, lang)) in text
    assert fmt_num(demo_report["accounts"], lang) in text


def test_every_shape_stays_on_the_slide(deck):
    _, prs = deck
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (n, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (n, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (n, shape.name)


def test_a_period_without_a_previous_one_and_a_filter_still_builds(demo_db):
    """The first quarter of the data: no growth, no previous bridge; one product line only."""
    con = db.connect(demo_db)
    try:
        first = Filters("2024-Q4", "2024-Q4", product_line=("Software Licences",))
        prs = Presentation(io.BytesIO(build_deck(con, first, "es", today=DEMO_TODAY)))
    finally:
        con.close()
    assert len(prs.slides) == 14
    subtitle = prs.slides[0].placeholders[1].text_frame.text
    assert "Línea de producto: Software Licences" in subtitle
    # no wholly loaded period before it: growth is not told (as the revenue KPI on screen)
    labels = [s.text_frame.text for s in prs.slides[2].shapes if s.name == "KPI label"]
    values = [s.text_frame.text for s in prs.slides[2].shapes if s.name == "KPI value"]
    assert (labels[1], values[1]) == ("Crecimiento", "–")
    brief = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert "creció" not in brief and "cayó un" not in brief


def test_brief_figures_are_the_figures_of_report_json(demo_db, demo_report):
    con = db.connect(demo_db)
    try:
        fig = brief_figures(portfolio_figures(con, FILTERS))
    finally:
        con.close()
    rep = demo_report
    assert (fig["q_from"], fig["q_to"]) == (FILTERS.q_from, FILTERS.q_to)
    assert fig["accounts"] == rep["accounts"]
    assert fig["accounts_to_80"] == rep["accounts_to_80"]
    for key in ("share_accounts_to_80", "gini", "hhi", "total_revenue"):
        assert fig[key] == pytest.approx(rep[key], rel=1e-9), key
    assert fig["top_shares"] == pytest.approx(rep["top_shares"], rel=1e-9)
    assert fig["top_accounts"][0]["share"] == pytest.approx(rep["top_shares"]["1"], rel=1e-9)
    assert all(m["share"] >= fig["major_threshold"] for m in fig["major_customers"])
    # growth against the comparable previous period, as the revenue KPI's delta
    before = report_json(demo_db, "2024-Q4", "2025-Q3")
    assert fig["growth"] == pytest.approx(rep["total_revenue"] / before["total_revenue"] - 1)
    assert fig["prev_label"] == "2024-Q4 – 2025-Q3"
