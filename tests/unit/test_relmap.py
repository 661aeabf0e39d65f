"""The relationship map: readable (no label collisions) at 15+ contacts, drawable after archiving,
and every node and edge present in the figure."""

from datetime import date

import pandas as pd
import pytest

from kam_core.accounts import overview
from kam_core.accounts import relationships as rel
from kam_core.charts import relmap
from kam_core.store import db
from kam_core.team import roster


def contacts(n, boss_of, names=None, archived=()):
    names = names or [f"Persona Número {i:02d} Apellido" for i in range(n)]
    return pd.DataFrame(
        [
            {
                "contact_id": i + 1,
                "name": names[i],
                "title": "Directora de Operaciones y Logística",
                "department": "Ops",
                "reports_to": boss_of(i),
                "buying_role": "technical_evaluator",
                "influence": ["high", "medium", "low"][i % 3],
                "stance": "neutral",
                "last_contact": None,
                "notes": None,
                "archived_at": pd.Timestamp("2026-01-01") if i + 1 in archived else None,
            }
            for i in range(n)
        ]
    )


def no_cov():
    return pd.DataFrame(
        columns=["contact_id", "person_id", "person", "level_current", "level_desired"]
    )


SHAPES = {
    "flat: 14 report to one boss": lambda i: None if i == 0 else 1,
    "no hierarchy: 15 roots": lambda i: None,
    "a chain 15 deep": lambda i: None if i == 0 else i,
    "two levels of managers": lambda i: None if i == 0 else (1 if i < 4 else 2 + i % 3),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_labels_never_overlap_at_15_contacts(shape):
    df = contacts(15, SHAPES[shape])
    people = [(1, "Lucía Fernández", "kam"), (2, "Sergio Vidal", "technical")]
    ml = relmap.compute_layout(df, people)
    assert len(ml.pos) == 17
    assert relmap.overlapping_labels(ml) == []
    # everything inside the drawing area
    for node in ml.pos:
        x0, y0, x1, y1 = ml.label_box(node)
        assert 0 <= x0 and x1 <= ml.width and 0 <= y0 and y1 <= ml.height, node


def test_overlap_detector_can_fail():
    ml = relmap.compute_layout(contacts(2, lambda i: None), [])
    ml.pos["c2"] = (ml.pos["c1"][0] + 10, ml.pos["c1"][1] + 5)
    assert relmap.overlapping_labels(ml) == [("c1", "c2")]


def test_archiving_a_manager_keeps_the_map_drawable():
    # 1 <- 2 <- (3, 4); archive 2: 3 and 4 attach to 1
    df = contacts(4, lambda i: [None, 1, 2, 2][i], archived={2})
    fig = relmap.figure(
        df,
        no_cov(),
        pd.DataFrame(columns=["from_contact", "to_contact"]),
        pd.DataFrame(columns=["person_id", "name", "role"]),
    )
    ml = relmap.compute_layout(df, [])
    assert set(ml.pos) == {"c1", "c3", "c4"}
    assert sorted((a, b) for a, b, _ in ml.reports_edges) == [("c1", "c3"), ("c1", "c4")]
    texts = " ".join(str(t.text) for t in fig.data if t.text is not None)
    assert "Persona Número 00" in texts and "Persona Número 01" not in texts


def test_figure_has_every_node_edge_and_legend_in_spanish():
    df = contacts(3, lambda i: [None, 1, 1][i])
    df.loc[0, "stance"] = "champion"
    cov = pd.DataFrame([[2, 7, "Lucía", "trusted", "trusted"]], columns=no_cov().columns)
    lines = pd.DataFrame([[3, 2]], columns=["from_contact", "to_contact"])
    people = pd.DataFrame([[7, "Lucía", "kam"]], columns=["person_id", "name", "role"])
    fig = relmap.figure(df, cov, lines, people, "es")
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert {
        "Dependencia jerárquica",
        "Influencia informal",
        "Promotor",
        "Neutral",
        "Nuestro equipo",
        "Nuestra relación: Asesor de confianza",
    } <= set(names)
    reports = next(t for t in fig.data if t.name == "Dependencia jerárquica")
    assert sum(1 for x in reports.x if x is None) == 2  # two reports-to edges
    assert len(fig.layout.annotations) == 1  # the influence arrowhead
    assert fig.layout.separators == ",."


def test_user_text_is_escaped_in_the_figure():
    df = contacts(1, lambda i: None, names=["<b>Eve</b><script>x</script>"])
    fig = relmap.figure(
        df,
        no_cov(),
        pd.DataFrame(columns=["from_contact", "to_contact"]),
        pd.DataFrame(columns=["person_id", "name", "role"]),
    )
    node = next(t for t in fig.data if t.mode == "markers+text")
    assert "<script>" not in node.text[0] and "&lt;script&gt;" in node.text[0]


def test_demo_top_account_map_is_complete_and_readable(demo_db):
    con = db.connect(demo_db)
    try:
        key = overview.default_account(con)
        every = rel.contacts(con, key, include_archived=True)
        active = every[every["archived_at"].isna()]
        assert len(active) == 15 and len(every) == 16  # one contact left and was archived
        cov = rel.coverage(con, key)
        fig = relmap.figure(every, cov, rel.influence_lines(con, key), roster.people(con))
        ml = relmap.compute_layout(every, [(1, "x", "kam")])
        assert relmap.overlapping_labels(ml) == []
        assert fig.layout.width <= 1400  # fits a slide / a wide browser window
        shown = {int(c) for t in fig.data if t.customdata is not None for c in t.customdata}
        assert shown == set(active["contact_id"].astype(int))
        warns = rel.warnings(every, cov, date(2026, 11, 22))
        assert {w["code"] for w in warns} == {"dm_uncovered", "detractor", "not_seen"}
    finally:
        con.close()
