"""Plotly figure builders for the portfolio and tiers screens: data in, Figure out, no I/O.

Every text goes through i18n; numbers in hover text use d3 formats, which follow the language's
separators (``layout.separators``). Account names are user data: they are HTML-escaped because
plotly renders a small HTML subset in labels (``<a href>``, ``<b>``...).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kam_core.i18n import fmt_money, fmt_num, fmt_pct, plotly_separators, t

TIER_COLORS = {"A": "#1f4e79", "B": "#4f8fc0", "C": "#b4c7dc", "new": "#2e9d5b",
               "lost": "#c0392b", "none": "#9e9e9e"}
ACCENT = "#e07b00"
OTHERS_COLOR = "#c8ccd2"


def safe(text) -> str:
    """A user-supplied label as plain text inside plotly's pseudo-HTML."""
    return html.escape(str(text), quote=False)


def short(text, n: int = 22) -> str:
    s = str(text)
    return safe(s if len(s) <= n else s[: n - 1] + "…")


def _base(fig: go.Figure, lang: str, title: str, height: int = 460) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 18}},
        separators=plotly_separators(lang),
        template="plotly_white",
        height=height,
        margin={"l": 70, "r": 70, "t": 70, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font_size": 13},
        font={"size": 13},
    )
    return fig


def pareto_figure(pt: pd.DataFrame, lang: str, top_n: int = 50, a: float = 0.80,
                  b: float = 0.95) -> go.Figure:
    """Revenue bars by account (top ``top_n`` plus one 'all others' bar), cumulative share on a
    second axis and the ``a`` line. ``pt`` is :func:`metrics.pareto_table` output."""
    n = len(pt)
    top = pt.head(top_n)
    names = [safe(x) for x in top["account_name"]]
    x = [str(r) for r in top["rank"]]
    y = top["revenue"].to_numpy(dtype=float)
    share = top["share"].to_numpy(dtype=float)
    cum = top["cum_share"].to_numpy(dtype=float)
    colors = [TIER_COLORS.get(tr, TIER_COLORS["C"]) for tr in top["tier"]]
    others = n - len(top)
    fig = go.Figure()
    fig.add_bar(
        x=x, y=y, marker_color=colors, name=t("pa.chart.revenue", lang),
        customdata=np.column_stack([names, share, cum, top["tier"].to_numpy()]) if n else None,
        hovertemplate=(f"#%{{x}} %{{customdata[0]}}<br>{t('pa.chart.revenue', lang)}: "
                       f"%{{y:,.0f}}<br>{t('pa.chart.share', lang)}: %{{customdata[1]:.1%}}"
                       f"<br>{t('pa.chart.cum_share', lang)}: %{{customdata[2]:.1%}}"
                       f"<br>{t('pa.chart.tier', lang)}: %{{customdata[3]}}<extra></extra>"),
    )
    line_x, line_y = list(x), list(cum)
    y_top = float(y.max()) * 1.12 if len(y) else 1.0
    others_label = None
    if others > 0:
        rest = pt.iloc[len(top):]
        rest_rev = float(rest["revenue"].sum())
        others_label = t("pa.chart.others", lang, n=fmt_num(others, lang))
        fig.add_bar(
            # Drawn no taller than the axis: one bar of hundreds of accounts would flatten the
            # bars that matter; its real total is written on it.
            x=[others_label], y=[min(rest_rev, y_top)], marker_color=OTHERS_COLOR,
            name=t("pa.chart.others_legend", lang),
            text=[fmt_money(rest_rev, lang, compact=True)], textposition="inside",
            insidetextanchor="end" if rest_rev > y_top else "middle",
            customdata=[[rest_rev, float(rest["share"].sum())]],
            hovertemplate=(f"{others_label}<br>{t('pa.chart.revenue', lang)}: "
                           f"%{{customdata[0]:,.0f}}<br>{t('pa.chart.share', lang)}: "
                           f"%{{customdata[1]:.1%}}<extra></extra>"),
        )
        line_x.append(others_label)
        line_y.append(1.0)
    fig.add_scatter(
        x=line_x, y=line_y, yaxis="y2", mode="lines+markers" if len(line_x) <= 60 else "lines",
        line={"color": ACCENT, "width": 3}, marker={"size": 5},
        name=t("pa.chart.cum_share", lang),
        hovertemplate=f"{t('pa.chart.cum_share', lang)}: %{{y:.1%}}<extra></extra>",
    )
    k_a = int((pt["tier"] == "A").sum())
    where = (t("pa.chart.reached_at", lang, k=fmt_num(k_a, lang)) if k_a else "")
    fig.add_hline(y=a, yref="y2", line={"color": ACCENT, "dash": "dash", "width": 1.5},
                  annotation_text=t("pa.chart.threshold", lang, pct=fmt_pct(a, lang, 0)) + where,
                  annotation_position="top left")
    if 0 < k_a <= len(top):
        fig.add_vline(x=k_a - 1, line={"color": "#555", "dash": "dot", "width": 1})
    if len(x) <= 25:
        tickvals, ticktext = x, [short(s, 16) for s in top["account_name"]]
    else:
        step = 5 if len(x) <= 60 else 10
        tickvals = [v for v in x if (int(v) == 1 or int(v) % step == 0)
                    and (not others or int(v) <= len(x) - 3)]
        ticktext = list(tickvals)
    if others_label:
        tickvals, ticktext = tickvals + [others_label], ticktext + [others_label]
    fig.update_layout(
        xaxis={"type": "category", "title": t("pa.chart.x", lang),
               "tickangle": -40 if len(x) <= 25 else 0, "tickvals": tickvals,
               "ticktext": ticktext},
        yaxis={"title": t("pa.chart.y", lang), "tickformat": "~s", "range": [0, y_top]},
        yaxis2={"title": t("pa.chart.y2", lang), "overlaying": "y", "side": "right",
                "range": [0, 1.04], "tickformat": ".0%", "dtick": 0.2, "showgrid": False},
        bargap=0.15, showlegend=True,
    )
    return _base(fig, lang, t("pa.chart.pareto_title", lang), height=480)
