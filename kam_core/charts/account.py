"""Plotly figures of the Account 360 and team pages: data in, Figure out, no I/O."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from kam_core.analytics.forecast import Expectation
from kam_core.charts import theme  # noqa: F401  (sets the default template)
from kam_core.common.quarter import shift_quarter
from kam_core.i18n import fmt_money, fmt_num, fmt_pct, plotly_separators, t

GOOD, WATCH, BAD, GREY = "#2f855a", "#d69e2e", "#c53030", "#cbd5e0"


def sparkline(
    quarterly: pd.DataFrame, lang: str = "en", expectation: Expectation | None = None
) -> go.Figure:
    """Quarterly revenue as a small area line, last point marked; hover shows the amount.

    ``expectation`` (F-PA-8, with enough history): next quarter's range drawn as a shaded band
    fanning out from the quarter before it, its most likely value dashed."""
    q = list(quarterly["quarter"]) if not quarterly.empty else []
    rev = [float(x) for x in quarterly["revenue"]] if not quarterly.empty else []
    fig = go.Figure(
        go.Scatter(
            x=q,
            y=rev,
            mode="lines+markers",
            fill="tozeroy",
            line={"color": "#2b6cb0", "width": 2},
            marker={"size": [4] * (len(q) - 1) + [8] if q else [], "color": "#2b6cb0"},
            fillcolor="rgba(43,108,176,0.12)",
            hovertext=[f"{x}: {fmt_money(v, lang)}" for x, v in zip(q, rev, strict=False)],
            hoverinfo="text",
            name=t("acc.revenue", lang),
        )
    )
    if expectation is not None and expectation.enough_history:
        _expectation_band(fig, dict(zip(q, rev, strict=False)), expectation, lang)
    fig.update_layout(
        height=130,
        margin={"l": 4, "r": 4, "t": 22, "b": 4},
        showlegend=False,
        title={"text": t("acc.sparkline", lang), "font": {"size": 12}, "x": 0},
        separators=plotly_separators(lang),
        plot_bgcolor="white",
        xaxis={"showgrid": False, "tickfont": {"size": 9}},
        yaxis={"visible": False, "rangemode": "tozero"},
    )
    return fig


BAND = "#dd6b20"


def _expectation_band(fig: go.Figure, actual: dict, e: Expectation, lang: str) -> None:
    """Two traces: the range (a polygon from the last judged quarter's revenue to next quarter's
    low and high) and the most likely path, both named so the chart explains itself."""
    start = shift_quarter(e.quarter, -1)
    x0 = [start] if start in actual else []
    y0 = [actual[start]] if x0 else []
    name = t("warn.account.band", lang, level=fmt_pct(e.level, lang, 0))
    hover = (
        f"{e.quarter}: {fmt_money(e.mean, lang)} "
        f"({fmt_money(e.low, lang)} – {fmt_money(e.high, lang)})"
    )
    fig.add_trace(
        go.Scatter(
            x=x0 + [e.quarter, e.quarter] + x0,
            y=y0 + [e.high, e.low] + y0,
            fill="toself",
            mode="lines",
            line={"width": 0},
            fillcolor="rgba(221,107,32,0.25)",
            hoveron="fills",
            hoverinfo="text",
            text=hover,
            name=name,
            meta="expectation_band",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x0 + [e.quarter],
            y=y0 + [e.mean],
            mode="lines+markers",
            line={"color": BAND, "width": 2, "dash": "dot"},
            marker={"size": [0] * len(x0) + [7], "color": BAND},
            hovertext=[""] * len(x0) + [hover],
            hoverinfo="text",
            name=name,
            meta="expectation_mean",
        )
    )


def health_bars(result: dict, lang: str = "en") -> go.Figure:
    """Each factor's points earned (coloured) and points missed (grey) out of its weight."""
    rows = result["factors"][::-1]
    names = [t(f"health.f.{r['factor']}", lang) for r in rows]
    earned = [r["points"] for r in rows]
    missed = [max(0.0, round(r["weight"] - r["points"], 1)) for r in rows]
    colors = [GOOD if r["value"] >= 0.7 else WATCH if r["value"] >= 0.4 else BAD for r in rows]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=earned,
            orientation="h",
            marker_color=colors,
            name=t("health.earned", lang),
            text=[fmt_num(e, lang, 1) for e in earned],
            textposition="inside",
            hovertext=[
                f"{n}: {fmt_num(e, lang, 1)} / {fmt_num(r['weight'], lang, 0)}"
                for n, e, r in zip(names, earned, rows, strict=False)
            ],
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Bar(
            y=names,
            x=missed,
            orientation="h",
            marker_color=GREY,
            name=t("health.missed", lang),
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        barmode="stack",
        height=270,
        margin={"l": 8, "r": 8, "t": 40, "b": 40},
        title={
            "text": t("health.chart_title", lang, score=fmt_num(result["score"], lang, 1)),
            "font": {"size": 14},
            "x": 0,
        },
        showlegend=False,  # bars are labelled; grey is what the factor misses
        plot_bgcolor="white",
        separators=plotly_separators(lang),
        xaxis={
            "title": t("health.points", lang),
            "range": [0, max([r["weight"] for r in rows] + [1])],
        },
    )
    return fig


def workload_chart(load: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Load per person as bars (red when above capacity) with capacity as a marker."""
    df = load.sort_values("utilisation", ascending=True)
    colors = [
        BAD if o else (WATCH if (u or 0) > 0.85 else GOOD)
        for o, u in zip(df["overloaded"], df["utilisation"], strict=False)
    ]
    names = [html.escape(str(n)) for n in df["name"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=df["load"],
            orientation="h",
            marker_color=colors,
            name=t("team.load", lang),
            text=[fmt_pct(u, lang, 0) for u in df["utilisation"]],
            textposition="outside",
            hovertext=[
                f"{n}: {fmt_num(lv, lang, 1)} / {fmt_num(c, lang, 0)}"
                for n, lv, c in zip(names, df["load"], df["capacity"], strict=False)
            ],
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=df["capacity"],
            mode="markers",
            name=t("team.capacity", lang),
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#1a202c"}},
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=max(240, 36 * len(df) + 90),
        margin={"l": 8, "r": 30, "t": 40, "b": 8},
        title={"text": t("team.chart_title", lang), "font": {"size": 14}, "x": 0},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        plot_bgcolor="white",
        separators=plotly_separators(lang),
        xaxis={"title": t("team.points", lang), "gridcolor": "#edf2f7"},
    )
    return fig


def risk_chart(per_kam: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Revenue of each KAM's key accounts: at relationship risk vs safe."""
    df = per_kam.sort_values("revenue_at_risk")
    names = [html.escape(n) if n else t("team.no_lead", lang) for n in df["lead"]]
    safe = df["revenue"] - df["revenue_at_risk"]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=df["revenue_at_risk"],
            orientation="h",
            marker_color=BAD,
            name=t("team.rev_at_risk", lang),
            hovertext=[fmt_money(v, lang) for v in df["revenue_at_risk"]],
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Bar(
            y=names,
            x=safe,
            orientation="h",
            marker_color=GREY,
            name=t("team.rev_safe", lang),
            hovertext=[fmt_money(v, lang) for v in safe],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        barmode="stack",
        height=max(240, 36 * len(df) + 90),
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
        plot_bgcolor="white",
        title={"text": t("team.risk_title", lang), "font": {"size": 14}, "x": 0},
        legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        separators=plotly_separators(lang),
        xaxis={"title": t("team.revenue", lang), "gridcolor": "#edf2f7"},
    )
    return fig
