"""The relationship map figure: an org chart of the buying centre, drawn with plotly.

Layout (networkx tree + a compact org-chart rule, computed in pixels so it can be checked):
- the reports-to hierarchy (archived managers skipped) is a forest under a virtual root;
- subtrees are laid side by side in columns as wide as the longest label, parents centred over
  their children; a manager whose reports are all leaves gets them stacked in one column below
  (as org-chart tools do), which keeps 15+ contacts within a slide's width;
- labels sit to the right of each node, so two nodes at least one column apart never collide;
- our people sit in a band underneath, linked by dotted lines to the contacts they cover.
Colour = stance, size = influence, solid elbows = reports-to, dashed arrows = informal influence.
The figure is meant to be shown at its own pixel size (it does not stretch).

``client=True`` draws the map for the client's eyes (presentation mode, audience client, F-PR-1):
who is who and who reports to whom, with none of our judgements of their people: one colour and
one size for everyone (no stance, no influence, not even in the order of a manager's reports),
no informal-influence arrows, no warning outlines, none of our relationship levels (our people
are left out: the page header names the account team), and a hover with name, title,
department and buying role only.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from kam_core.accounts.relationships import LEVEL_RANK, effective_managers
from kam_core.charts import theme  # noqa: F401  (sets the default template)
from kam_core.i18n import fmt_date, plotly_separators, t

STANCE_COLORS = {
    "champion": "#1a9850",
    "supporter": "#91cf60",
    "neutral": "#b0b0b0",
    "non_supporter": "#fc8d59",
    "enemy": "#d73027",
}
INFLUENCE_SIZE = {"high": 30, "medium": 22, "low": 15}
CLIENT_COLOR = "#718096"  # every contact alike when the client is watching
CLIENT_SIZE = 22
PERSON_COLOR = "#2b6cb0"
LEVEL_WIDTH = {"brief": 1.0, "regular": 1.8, "trusted": 2.8}
FONT_PX = 11
LINE_PX = 14  # line height of a label line at 11 px
CHAR_PX = 6.4  # average advance of an 11 px sans-serif character (bold ~7)
MAX_CHARS = 26
LEVEL_GAP = 110  # vertical distance between hierarchy levels
STACK_GAP = 58  # vertical distance between stacked reports
INDENT = 26  # stacked reports sit this far right of their manager's spine
PAD = 24
MARGIN = {"l": 10, "r": 10, "t": 76, "b": 10}


def _short(text, limit: int = MAX_CHARS) -> str:
    s = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _label_lines(row, lang: str) -> list[str]:
    lines = [_short(row.name)]
    if _short(row.title):
        lines.append(_short(row.title))
    lines.append(_short(t(f"rel.role.{row.buying_role}", lang)))
    return lines


def _text_width(lines: list[str]) -> float:
    return max(
        (len(s) * (CHAR_PX + (0.7 if i == 0 else 0)) for i, s in enumerate(lines)), default=0
    )


@dataclass
class MapLayout:
    pos: dict[str, tuple[float, float]] = field(default_factory=dict)  # node -> (x px, y px down)
    size: dict[str, float] = field(default_factory=dict)  # marker diameter px
    labels: dict[str, list[str]] = field(default_factory=dict)
    reports_edges: list[tuple[str, str, bool]] = field(
        default_factory=list
    )  # (boss, report, stacked)
    width: float = 0
    height: float = 0

    def label_box(self, node: str) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in pixels of the node's label (to the right of its marker)."""
        x, y = self.pos[node]
        lines = self.labels[node]
        x0 = x + self.size[node] / 2 + 4
        h = len(lines) * LINE_PX
        return (x0, y - h / 2, x0 + _text_width(lines), y + h / 2)


def hierarchy(contacts_df: pd.DataFrame) -> nx.DiGraph:
    """Directed forest manager -> report over active contacts, rooted at the virtual node 'root'."""
    managers = effective_managers(contacts_df)
    g = nx.DiGraph()
    g.add_node("root")
    for cid, m in managers.items():
        g.add_edge(f"c{m}" if m is not None else "root", f"c{cid}")
    while True:  # data written before validation existed could loop: cut loops at the root
        try:
            cycle = nx.find_cycle(g)
        except nx.NetworkXNoCycle:
            return g
        boss, rep = cycle[0][0], cycle[0][1]
        g.remove_edge(boss, rep)
        g.add_edge("root", rep)


def compute_layout(
    contacts_df: pd.DataFrame,
    people_ids: list[tuple[int, str, str]],
    lang: str = "en",
    client: bool = False,
) -> MapLayout:
    """Pixel positions of every active contact and of our people (``(person_id, name, role)``).
    ``client``: one marker size, and reports ordered by name only (influence orders them
    otherwise, which would show it)."""
    ml = MapLayout()
    active = (
        contacts_df[contacts_df["archived_at"].isna()]
        if "archived_at" in contacts_df
        else contacts_df
    )
    rows = {f"c{int(r.contact_id)}": r for r in active.itertuples()}
    for node, r in rows.items():
        ml.labels[node] = _label_lines(r, lang)
        ml.size[node] = CLIENT_SIZE if client else INFLUENCE_SIZE.get(r.influence, 22)
    for pid, name, role in people_ids:
        node = f"p{pid}"
        ml.labels[node] = [_short(name), _short(t(f"team.role.{role}", lang))]
        ml.size[node] = 16
    widest = max((_text_width(v) + ml.size[k] / 2 for k, v in ml.labels.items()), default=120)
    col_w = max(170.0, widest + INDENT + 30)

    g = hierarchy(contacts_df) if rows else nx.DiGraph([("root", "root")])
    rank = {} if client else {"high": 0, "medium": 1, "low": 2}

    def kids(n):
        ks = [k for k in g.successors(n) if k != n]
        return sorted(ks, key=lambda k: (rank.get(rows[k].influence, 1), rows[k].name.lower(), k))

    placed_cols = [0]

    def place(n, depth) -> tuple[float, float]:
        """Place subtree ``n``; returns the x range (first column x, last column x)."""
        y = PAD + 20 + (depth - 1) * LEVEL_GAP
        ks = kids(n)
        if not ks:
            x = PAD + placed_cols[0] * col_w
            placed_cols[0] += 1
            ml.pos[n] = (x, y)
            return x, x
        if len(ks) >= 2 and all(not kids(k) for k in ks):
            x = PAD + placed_cols[0] * col_w
            placed_cols[0] += 1
            ml.pos[n] = (x, y)
            for i, k in enumerate(ks, start=1):
                ml.pos[k] = (x + INDENT, y + LEVEL_GAP * 0.62 + (i - 1) * STACK_GAP)
                ml.reports_edges.append((n, k, True))
            return x, x
        spans = [place(k, depth + 1) for k in ks]
        x = (ml.pos[ks[0]][0] + ml.pos[ks[-1]][0]) / 2
        ml.pos[n] = (x, y)
        for k in ks:
            ml.reports_edges.append((n, k, False))
        return spans[0][0], spans[-1][1]

    for top in kids("root") if rows else []:
        place(top, 1)
    ncols = max(placed_cols[0], 1)
    bottom = max((p[1] for p in ml.pos.values()), default=PAD)
    # our people: a band under the chart, spread over the columns
    n_people = len(people_ids)
    if n_people:
        per_row = max(1, int((ncols * col_w) // col_w))
        step = (ncols * col_w) / min(n_people, per_row)
        for i, (pid, _, _) in enumerate(people_ids):
            r, c = divmod(i, per_row)
            ml.pos[f"p{pid}"] = (PAD + c * step, bottom + LEVEL_GAP * 0.9 + r * STACK_GAP)
        bottom = max(p[1] for p in ml.pos.values())
    ml.width = PAD * 2 + ncols * col_w
    ml.height = bottom + PAD + 24
    return ml


def overlapping_labels(ml: MapLayout) -> list[tuple[str, str]]:
    """Pairs of nodes whose label boxes (or label and a marker) intersect; [] means readable."""
    boxes = {n: ml.label_box(n) for n in ml.pos}
    markers = {
        n: (x - ml.size[n] / 2, y - ml.size[n] / 2, x + ml.size[n] / 2, y + ml.size[n] / 2)
        for n, (x, y) in ml.pos.items()
    }

    def hit(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    nodes = sorted(boxes)
    out = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if hit(boxes[a], boxes[b]) or hit(boxes[a], markers[b]) or hit(boxes[b], markers[a]):
                out.append((a, b))
    return out


def _hover(r, cov: pd.DataFrame, lang: str, client: bool = False) -> str:
    e = html.escape
    parts = [f"<b>{e(str(r.name))}</b>"]
    if isinstance(r.title, str) and r.title:
        parts.append(e(r.title))
    if isinstance(r.department, str) and r.department:
        parts.append(f"{t('acc.f.department', lang)}: {e(r.department)}")
    parts.append(f"{t('acc.f.buying_role', lang)}: {t(f'rel.role.{r.buying_role}', lang)}")
    if client:  # stance, influence, our levels and notes are our judgements
        return "<br>".join(parts)
    parts.append(f"{t('acc.f.influence', lang)}: {t(f'rel.influence.{r.influence}', lang)}")
    parts.append(f"{t('acc.f.stance', lang)}: {t(f'rel.stance.{r.stance}', lang)}")
    last = r.last_contact if not pd.isna(r.last_contact) else None
    parts.append(f"{t('acc.f.last_contact', lang)}: {fmt_date(last, lang)}")
    mine = cov[cov["contact_id"] == r.contact_id]
    for c in mine.itertuples():
        parts.append(
            f"{e(c.person)}: {t(f'rel.level.{c.level_current}', lang)} → "
            f"{t(f'rel.level.{c.level_desired}', lang)}"
        )
    if isinstance(r.notes, str) and r.notes:
        parts.append(f"<i>{e(_short(r.notes, 80))}</i>")
    return "<br>".join(parts)


def _line(fig, xs, ys, color, width, dash, name, legend, hover=None, opacity=1.0) -> None:
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name=name,
            showlegend=legend,
            line={"color": color, "width": width, "dash": dash},
            hoverinfo="skip" if hover is None else "text",
            opacity=opacity,
            legendgroup=name,
        )
    )


def _add_reports_to(fig, ml, lang: str) -> None:
    """Reports-to: solid elbows (one trace, None-separated)."""
    xs, ys = [], []
    for boss, rep, stacked in ml.reports_edges:
        (bx, by), (rx, ry) = ml.pos[boss], ml.pos[rep]
        if stacked:
            xs += [bx, bx, rx, None]
            ys += [by, ry, ry, None]
        else:
            mid = by + LEVEL_GAP / 2
            xs += [bx, bx, rx, rx, None]
            ys += [by, mid, mid, ry, None]
    _line(fig, xs, ys, "#4a5568", 1.6, "solid", t("rel.map.reports_to", lang), True)


def _add_coverage(fig, ml, coverage_df: pd.DataFrame, lang: str) -> None:
    """Our coverage: dotted, thicker for stronger relationships."""
    for level in ("brief", "regular", "trusted"):
        sub = coverage_df[coverage_df["level_current"] == level]
        xs, ys = [], []
        for c in sub.itertuples():
            a, b = f"p{int(c.person_id)}", f"c{int(c.contact_id)}"
            if a in ml.pos and b in ml.pos:
                xs += [ml.pos[a][0], ml.pos[b][0], None]
                ys += [ml.pos[a][1], ml.pos[b][1], None]
        if xs:
            _line(
                fig,
                xs,
                ys,
                PERSON_COLOR,
                LEVEL_WIDTH[level],
                "dot",
                f"{t('rel.map.coverage', lang)}: {t(f'rel.level.{level}', lang)}",
                True,
                opacity=0.45,
            )


def _add_influence(fig, ml, lines_df: pd.DataFrame, lang: str) -> None:
    """Influence: dashed, with an arrowhead at the influenced contact."""
    xs, ys = [], []
    for ln in lines_df.itertuples():
        a, b = f"c{int(ln.from_contact)}", f"c{int(ln.to_contact)}"
        if a in ml.pos and b in ml.pos:
            xs += [ml.pos[a][0], ml.pos[b][0], None]
            ys += [ml.pos[a][1], ml.pos[b][1], None]
            (x0, y0), (x1, y1) = ml.pos[a], ml.pos[b]
            dist = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1.0)
            back = min(dist, ml.size[b] / 2 + 26) / dist  # only the arrowhead: a short solid tail
            fig.add_annotation(
                x=x1,
                y=y1,
                ax=x1 - (x1 - x0) * back,
                ay=y1 - (y1 - y0) * back,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                text="",
                showarrow=True,
                arrowhead=2,
                arrowsize=1.3,
                arrowwidth=1.6,
                arrowcolor="#b7791f",
                standoff=ml.size[b] / 2 + 2,
                opacity=0.9,
            )
    if xs:
        _line(fig, xs, ys, "#b7791f", 1.8, "dash", t("rel.map.influence", lang), True)


def _add_contacts(
    fig, ml, active, coverage_df, lang: str, warned_ids: set[int], client: bool = False
) -> None:
    """Contacts, one trace per stance; the legend gets a clean marker per stance (``client``:
    one trace, one colour, no legend entry, no warning outline)."""
    groups = (
        [(None, CLIENT_COLOR, active)]
        if client
        else [(s, c, active[active["stance"] == s]) for s, c in STANCE_COLORS.items()]
    )
    for stance, color, sub in groups:
        if sub.empty:
            continue
        name = t("pr.map.contacts", lang) if client else t(f"rel.stance.{stance}", lang)
        if not client:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=name,
                    marker={"size": 12, "color": color},
                    hoverinfo="skip",
                )
            )
        nodes = [f"c{int(c)}" for c in sub["contact_id"]]
        outlined = set() if client else warned_ids
        fig.add_trace(
            go.Scatter(
                x=[ml.pos[n][0] for n in nodes],
                y=[ml.pos[n][1] for n in nodes],
                showlegend=client,  # the stances have their own clean legend markers
                mode="markers+text",
                name=name,
                marker={
                    "size": [ml.size[n] for n in nodes],
                    "color": color,
                    "opacity": 1,
                    "line": {
                        "color": ["#7b1010" if int(n[1:]) in outlined else "white" for n in nodes],
                        "width": [3 if int(n[1:]) in outlined else 1.5 for n in nodes],
                    },
                },
                text=[
                    "<b>"
                    + html.escape(ml.labels[n][0])
                    + "</b><br>"
                    + "<br>".join(html.escape(s) for s in ml.labels[n][1:])
                    for n in nodes
                ],
                textposition="middle right",
                textfont={"size": FONT_PX, "color": "#1a202c"},
                hovertext=[_hover(r, coverage_df, lang, client) for r in sub.itertuples()],
                hoverinfo="text",
                customdata=[int(c) for c in sub["contact_id"]],
            )
        )


def _add_people(fig, ml, ppl, lang: str) -> None:
    """Our people (those covering someone), as squares."""
    if ppl:
        nodes = [f"p{pid}" for pid, _, _ in ppl]
        fig.add_trace(
            go.Scatter(
                x=[ml.pos[n][0] for n in nodes],
                y=[ml.pos[n][1] for n in nodes],
                mode="markers+text",
                name=t("rel.map.our_people", lang),
                marker={"size": 16, "color": PERSON_COLOR, "symbol": "square"},
                text=[
                    "<b>" + html.escape(ml.labels[n][0]) + "</b><br>" + html.escape(ml.labels[n][1])
                    for n in nodes
                ],
                textposition="middle right",
                textfont={"size": FONT_PX, "color": PERSON_COLOR},
                hovertext=[html.escape(name) for _, name, _ in ppl],
                hoverinfo="text",
            )
        )


def figure(
    contacts_df: pd.DataFrame,
    coverage_df: pd.DataFrame,
    lines_df: pd.DataFrame,
    people_df: pd.DataFrame,
    lang: str = "en",
    title: str | None = None,
    warned_ids: set[int] | None = None,
    client: bool = False,
) -> go.Figure:
    """The map. ``people_df`` (person_id, name, role): our people to show (those covering
    someone); ``warned_ids``: contacts with a high-severity warning get a dark red outline;
    ``client``: the map a client may see (module docstring): no stance, influence or levels."""
    # ``client``: their people and reporting lines only; our team is named in the page header
    # (lines to each contact crossed the whole chart, too busy for a client's screen).
    covering = (
        set()
        if client
        else set(coverage_df.loc[coverage_df["level_current"] != "none", "person_id"])
    )
    ppl = [
        (int(p.person_id), p.name, p.role)
        for p in people_df.itertuples()
        if p.person_id in covering
    ]
    ml = compute_layout(contacts_df, ppl, lang, client)
    active = (
        contacts_df[contacts_df["archived_at"].isna()]
        if "archived_at" in contacts_df
        else contacts_df
    )
    fig = go.Figure()
    _add_reports_to(fig, ml, lang)
    if not client:
        _add_coverage(fig, ml, coverage_df, lang)
    if not client:  # who sways whom is our reading of their people
        _add_influence(fig, ml, lines_df, lang)
    _add_contacts(fig, ml, active, coverage_df, lang, warned_ids or set(), client)
    _add_people(fig, ml, ppl, lang)
    # An empty map still needs room for its message (the layout of no one is a few px wide).
    width = max(ml.width, 640) if active.empty else ml.width
    if active.empty:
        fig.add_annotation(
            x=width / 2,
            y=max(ml.height, 160) / 2,
            text=t("rel.map.empty", lang),
            showarrow=False,
            font={"size": 14, "color": "#718096"},
        )
    fig.update_layout(
        title={
            "text": html.escape(title) if title else None,
            "x": 0.01,
            "y": 0.98,
            "font": {"size": 16},
        },
        width=width + MARGIN["l"] + MARGIN["r"],
        height=max(ml.height, 160) + MARGIN["t"] + MARGIN["b"],
        margin=MARGIN,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="closest",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 11}},
        separators=plotly_separators(lang),
        dragmode=False,
        xaxis={"range": [0, width], "visible": False, "fixedrange": True},
        yaxis={"range": [max(ml.height, 160), 0], "visible": False, "fixedrange": True},
    )
    return fig


def strongest_level(coverage_df: pd.DataFrame) -> dict[int, str]:
    out: dict[int, str] = {}
    for r in coverage_df.itertuples():
        if LEVEL_RANK.get(r.level_current, 0) > LEVEL_RANK.get(out.get(r.contact_id, "none"), 0):
            out[int(r.contact_id)] = r.level_current
    return out
