"""The relationship map for the client's eyes (``client=True``, issue 8 / F-PR-1): the same
people, titles, roles and reporting lines, none of our judgements of them."""

from __future__ import annotations

import pandas as pd

from kam_core.charts import relmap

COV_COLS = ["contact_id", "person_id", "person", "level_current", "level_desired"]


def buying_centre():
    contacts = pd.DataFrame(
        [
            (
                1,
                "Ana Jefa",
                "Directora General",
                "Dirección",
                None,
                "decision_maker",
                "high",
                "champion",
                "siempre nos apoya",
            ),
            (
                2,
                "Fernando Compras",
                "Director de Compras",
                "Compras",
                1,
                "gatekeeper",
                "high",
                "enemy",
                "prefiere a la competencia",
            ),
            (3, "Zoe Usuaria", "Técnica", "Operaciones", 1, "user", "low", "supporter", None),
        ],
        columns=[
            "contact_id",
            "name",
            "title",
            "department",
            "reports_to",
            "buying_role",
            "influence",
            "stance",
            "notes",
        ],
    ).assign(last_contact=None, archived_at=None)
    cov = pd.DataFrame(
        [[1, 7, "Lucía", "trusted", "trusted"], [2, 7, "Lucía", "brief", "regular"]],
        columns=COV_COLS,
    )
    lines = pd.DataFrame([[2, 1]], columns=["from_contact", "to_contact"])
    people = pd.DataFrame([[7, "Lucía", "kam"]], columns=["person_id", "name", "role"])
    return contacts, cov, lines, people


def everything_said(fig) -> str:
    out = [str(fig.layout.title.text)]
    for tr in fig.data:
        out.append(str(tr.name))
        for attr in ("text", "hovertext"):
            v = getattr(tr, attr, None)
            out += [str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)]
    return "\n".join(out)


def test_internal_map_shows_stances_influence_and_levels():
    fig = relmap.figure(*buying_centre(), "en", warned_ids={2})
    said = everything_said(fig)
    assert "Stance toward us: Opponent" in said and "Influence: High" in said
    assert "Our relationship: Trusted advisor" in said
    assert len(fig.layout.annotations) == 1  # the influence arrow


def test_client_map_keeps_people_roles_and_reporting_lines():
    fig = relmap.figure(*buying_centre(), "en", title="Buying centre", client=True)
    said = everything_said(fig)
    for fact in ("Ana Jefa", "Director de Compras", "Gatekeeper / procurement", "Compras"):
        assert fact in said
    reports = next(t for t in fig.data if t.name == "Reports to")
    assert sum(1 for x in reports.x if x is None) == 2  # both reporting lines
    assert "Lucía" not in said  # our people and their levels: the header names our team


def test_client_map_has_no_judgement():
    fig = relmap.figure(*buying_centre(), "es", warned_ids={2}, client=True)
    said = everything_said(fig).lower()
    for word in (
        "postura",
        "influencia",
        "enemigo",
        "promotor",
        "partidario",
        "confianza",
        "puntual",
        "prefiere",
        "apoya",
    ):
        assert word not in said, word
    assert not fig.layout.annotations  # no influence arrows
    markers = [t.marker for t in fig.data if t.mode == "markers+text" and t.customdata]
    assert len(markers) == 1  # one trace for every contact, whatever their stance
    m = markers[0]
    assert m.color == relmap.CLIENT_COLOR and m.color not in relmap.STANCE_COLORS.values()
    assert set(m.size) == {relmap.CLIENT_SIZE}  # influence does not set the size
    assert "#7b1010" not in m.line.color  # no warning outline
    assert not [t for t in fig.data if t.mode == "lines" and t.line.dash == "dot"]  # coverage


def test_client_layout_orders_reports_by_name_not_influence():
    contacts, *_ = buying_centre()
    aitor = contacts.iloc[[2]].assign(contact_id=4, name="Aitor Bajo", influence="low")
    contacts = pd.concat([contacts, aitor], ignore_index=True)
    contacts.loc[contacts["contact_id"] == 3, "influence"] = "high"  # Zoe

    def in_order(ml):  # Fernando (high), Zoe (high), Aitor (low) report to Ana
        return sorted((2, 3, 4), key=lambda c: ml.pos[f"c{c}"])  # columns, then rows

    assert in_order(relmap.compute_layout(contacts, [], "en")) == [2, 3, 4]  # influence
    client = relmap.compute_layout(contacts, [], "en", client=True)
    assert in_order(client) == [4, 2, 3]  # Aitor, Fernando, Zoe: by name only
    assert set(client.size.values()) == {relmap.CLIENT_SIZE}
