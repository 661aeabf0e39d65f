"""TODO docstring (charts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kam_core.analytics.tier_migration import FROM_STATES, TO_STATES
from kam_core.charts import theme  # noqa: F401  (sets the default template)
from kam_core.charts.theme import TIER_COLORS, _base, safe, short
from kam_core.i18n import fmt_num, fmt_pct, t


def migration_sankey(fl: pd.DataFrame, lang: str, by: str, before: str, after: str) -> go.Figure:
    """Tier migration as a Sankey: A/B/C/new on the left, A/B/C/lost on the right."""

    left = [t("tr.sankey.new", lang) if s == "new" else f"{s} · {before}" for s in FROM_STATES]
    right = [t("tr.sankey.lost", lang) if s == "lost" else f"{s} · {after}" for s in TO_STATES]
    agg = (
        fl.groupby(["from_tier", "to_tier"])
        .agg(count=("account_key", "size"), revenue=("revenue", "sum"))
        .reset_index()
    )
    agg = agg.loc[agg["count"] > 0]
    src = [FROM_STATES.index(s) for s in agg["from_tier"]]
    dst = [len(FROM_STATES) + TO_STATES.index(s) for s in agg["to_tier"]]
    val = agg["count" if by == "count" else "revenue"].to_numpy(dtype=float)
    color = {
        "A": "rgba(31,78,121,0.45)",
        "B": "rgba(79,143,192,0.45)",
        "C": "rgba(150,170,195,0.45)",
        "new": "rgba(46,157,91,0.45)",
    }
    link_colors = [
        "rgba(192,57,43,0.45)" if d == "lost" else color[s]
        for s, d in zip(agg["from_tier"], agg["to_tier"], strict=True)
    ]
    node_colors = [TIER_COLORS[s] for s in FROM_STATES] + [TIER_COLORS[s] for s in TO_STATES]
    fmt = ",.0f"
    unit = t("tr.mig.accounts" if by == "count" else "pa.chart.revenue", lang)
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            textfont={"size": 14, "color": "#1b1b1b"},
            node={
                "label": left + right,
                "color": node_colors,
                "pad": 22,
                "thickness": 22,
                "line": {"width": 0},
                "hovertemplate": f"%{{label}}<br>{unit}: %{{value:{fmt}}}<extra></extra>",
            },
            link={
                "source": src,
                "target": dst,
                "value": val,
                "color": link_colors,
                "customdata": agg["count"].to_numpy(),
                "hovertemplate": (
                    f"%{{source.label}} → %{{target.label}}<br>{unit}: "
                    f"%{{value:{fmt}}}<extra></extra>"
                ),
            },
            valueformat=fmt,
        )
    )
    fig = _base(fig, lang, t("tr.mig.title", lang, before=before, after=after), height=480)
    fig.update_layout(font={"size": 14})
    return fig


def _spread(x: np.ndarray, y: np.ndarray, radius: float = 0.22) -> tuple[np.ndarray, np.ndarray]:
    """Deterministic offsets for points sharing the same rating cell (ratings are integers,
    so many accounts would sit on one spot)."""
    x, y = x.astype(float).copy(), y.astype(float).copy()
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(x, y, strict=True)):
        groups.setdefault(key, []).append(i)
    for idx in groups.values():
        k = len(idx)
        if k < 2:
            continue
        for j, i in enumerate(idx):
            ang = 2 * np.pi * j / k
            x[i] += radius * np.cos(ang)
            y[i] += radius * np.sin(ang)
    return x, y


def portfolio_matrix_figure(df: pd.DataFrame, lang: str, labels: int = 12) -> go.Figure:
    """KAM portfolio matrix: attractiveness (y) x our strength (x), bubbles sized by revenue.

    ``df`` has account_name, attractiveness, strength (1-5), revenue, is_key_account. The
    ``labels`` largest accounts are named on the chart; every bubble has a hover.
    """
    fig = go.Figure()
    quads = {
        "tr.quad.develop": (0.5, 3, 3, 5.5, 0.55, 5.42, "left"),
        "tr.quad.key": (3, 5.5, 3, 5.5, 5.45, 5.42, "right"),
        "tr.quad.maintain": (0.5, 3, 0.5, 3, 0.55, 0.58, "left"),
        "tr.quad.efficient": (3, 5.5, 0.5, 3, 5.45, 0.58, "right"),
    }
    for q_key, (x0, x1, y0, y1, tx, ty, anchor) in quads.items():
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            y0=y0,
            y1=y1,
            line={"width": 0},
            fillcolor="rgba(31,78,121,0.07)" if q_key == "tr.quad.key" else "rgba(0,0,0,0.02)",
            layer="below",
        )
        fig.add_annotation(
            x=tx,
            y=ty,
            text=f"<b>{t(q_key, lang)}</b>",
            showarrow=False,
            xanchor=anchor,
            font={"size": 14, "color": "#777"},
        )
    if len(df):
        df = df.sort_values("revenue", ascending=False).reset_index(drop=True)
        size = df["revenue"].clip(lower=0).to_numpy(dtype=float)
        sizeref = 2.0 * size.max() / (55**2) if size.max() > 0 else 1
        x, y = _spread(df["strength"].to_numpy(), df["attractiveness"].to_numpy())
        text = [short(n, 20) if i < labels else "" for i, n in enumerate(df["account_name"])]
        fig.add_scatter(
            x=x,
            y=y,
            mode="markers+text",
            text=text,
            textposition="top center",
            textfont={"size": 11},
            cliponaxis=False,
            marker={
                "size": size,
                "sizemode": "area",
                "sizeref": sizeref,
                "sizemin": 7,
                "color": [
                    TIER_COLORS["A"] if k else TIER_COLORS["B"] for k in df["is_key_account"]
                ],
                "opacity": 0.7,
                "line": {"color": "white", "width": 1},
            },
            customdata=np.column_stack(
                [
                    [safe(n) for n in df["account_name"]],
                    df["revenue"].to_numpy(dtype=float),
                    df["attractiveness"].to_numpy(dtype=float),
                    df["strength"].to_numpy(dtype=float),
                ]
            ),
            hovertemplate=(
                f"%{{customdata[0]}}<br>{t('tr.attractiveness', lang)}: "
                f"%{{customdata[2]}}<br>{t('tr.strength', lang)}: %{{customdata[3]}}"
                f"<br>{t('pa.chart.revenue', lang)}: %{{customdata[1]:,.0f}}"
                "<extra></extra>"
            ),
            showlegend=False,
        )
    fig.add_vline(x=3, line={"color": "#aaa", "width": 1})
    fig.add_hline(y=3, line={"color": "#aaa", "width": 1})
    fig.update_layout(
        xaxis={
            "title": t("tr.strength_axis", lang),
            "range": [0.5, 5.5],
            "dtick": 1,
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={
            "title": t("tr.attractiveness_axis", lang),
            "range": [0.5, 5.6],
            "dtick": 1,
            "showgrid": False,
            "zeroline": False,
        },
    )
    return _base(fig, lang, t("tr.matrix.title", lang), height=600)


def abc_xyz_figure(cells: pd.DataFrame, lang: str) -> go.Figure:
    """The 9-cell ABC x XYZ matrix: accounts per cell, revenue share in the text."""
    z = (
        cells.pivot(index="tier", columns="xyz", values="count")
        .reindex(index=["A", "B", "C"], columns=["X", "Y", "Z"])
        .fillna(0)
    )
    sh = (
        cells.pivot(index="tier", columns="xyz", values="share")
        .reindex(index=["A", "B", "C"], columns=["X", "Y", "Z"])
        .fillna(0)
    )
    text = [
        [f"{fmt_num(z.iloc[i, j], lang)} · {fmt_pct(sh.iloc[i, j], lang)}" for j in range(3)]
        for i in range(3)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=[t(f"tr.xyz.{c}", lang) for c in "XYZ"],
            y=[t(f"tr.abc.{c}", lang) for c in "ABC"],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 16},
            colorscale=[[0, "#eef3f8"], [1, TIER_COLORS["B"]]],
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate=f"%{{y}} · %{{x}}<br>{t('tr.mig.accounts', lang)}: %{{z:,}}<extra></extra>",
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"side": "top"})
    return _base(fig, lang, t("tr.xyz.title", lang), height=400)
