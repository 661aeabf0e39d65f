"""TODO docstring (charts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kam_core.analytics import metrics
from kam_core.charts import theme  # noqa: F401  (sets the default template)
from kam_core.charts.theme import ACCENT, OTHERS_COLOR, TIER_COLORS, _base, safe, short
from kam_core.i18n import fmt_money, fmt_num, fmt_pct, t


def pareto_figure(
    pt: pd.DataFrame, lang: str, top_n: int = 50, a: float = 0.80, b: float = 0.95
) -> go.Figure:
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
        x=x,
        y=y,
        marker_color=colors,
        name=t("pa.chart.revenue", lang),
        customdata=np.column_stack([names, share, cum, top["tier"].to_numpy()]) if n else None,
        hovertemplate=(
            f"#%{{x}} %{{customdata[0]}}<br>{t('pa.chart.revenue', lang)}: "
            f"%{{y:,.0f}}<br>{t('pa.chart.share', lang)}: %{{customdata[1]:.1%}}"
            f"<br>{t('pa.chart.cum_share', lang)}: %{{customdata[2]:.1%}}"
            f"<br>{t('pa.chart.tier', lang)}: %{{customdata[3]}}<extra></extra>"
        ),
    )
    line_x, line_y = list(x), list(cum)
    y_top = float(y.max()) * 1.12 if len(y) else 1.0
    others_label = None
    if others > 0:
        rest = pt.iloc[len(top) :]
        rest_rev = float(rest["revenue"].sum())
        others_label = t("pa.chart.others", lang, n=fmt_num(others, lang))
        fig.add_bar(
            # Drawn no taller than the axis: one bar of hundreds of accounts would flatten the
            # bars that matter; its real total is in its axis label.
            x=[others_label],
            y=[min(rest_rev, y_top)],
            marker_color=OTHERS_COLOR,
            name=t("pa.chart.others_legend", lang),
            customdata=[[rest_rev, float(rest["share"].sum())]],
            hovertemplate=(
                f"{others_label}<br>{t('pa.chart.revenue', lang)}: "
                f"%{{customdata[0]:,.0f}}<br>{t('pa.chart.share', lang)}: "
                f"%{{customdata[1]:.1%}}<extra></extra>"
            ),
        )
        line_x.append(others_label)
        line_y.append(1.0)
    fig.add_scatter(
        x=line_x,
        y=line_y,
        yaxis="y2",
        mode="lines+markers" if len(line_x) <= 60 else "lines",
        line={"color": ACCENT, "width": 3},
        marker={"size": 5},
        name=t("pa.chart.cum_share", lang),
        hovertemplate=f"{t('pa.chart.cum_share', lang)}: %{{y:.1%}}<extra></extra>",
    )
    k_a = int((pt["tier"] == "A").sum())
    where = t("pa.chart.reached_at", lang, k=fmt_num(k_a, lang)) if k_a else ""
    fig.add_hline(
        y=a,
        yref="y2",
        line={"color": ACCENT, "dash": "dash", "width": 1.5},
        annotation_text=t("pa.chart.threshold", lang, pct=fmt_pct(a, lang, 0)) + where,
        annotation_position="top left",
    )
    if 0 < k_a <= len(top):
        fig.add_vline(x=k_a - 1, line={"color": "#555", "dash": "dot", "width": 1})
    if len(x) <= 25:
        tickvals, ticktext = x, [short(s, 16) for s in top["account_name"]]
    else:
        step = 5 if len(x) <= 60 else 10
        tickvals = [
            v
            for v in x
            if (int(v) == 1 or int(v) % step == 0) and (not others or int(v) <= len(x) - 3)
        ]
        ticktext = list(tickvals)
    if others_label:
        # Its bar is capped at the axis top; the real total is written under it.
        total_txt = fmt_money(float(pt["revenue"].iloc[len(top) :].sum()), lang, compact=True)
        tickvals = tickvals + [others_label]
        ticktext = ticktext + [f"{others_label}<br>{total_txt}"]
    fig.update_layout(
        xaxis={
            "type": "category",
            "title": t("pa.chart.x", lang),
            "tickangle": -40 if len(x) <= 25 else 0,
            "tickvals": tickvals,
            "ticktext": ticktext,
        },
        yaxis={"title": t("pa.chart.y", lang), "tickformat": "~s", "range": [0, y_top]},
        yaxis2={
            "title": t("pa.chart.y2", lang),
            "overlaying": "y",
            "side": "right",
            "range": [0, 1.04],
            "tickformat": ".0%",
            "dtick": 0.2,
            "showgrid": False,
        },
        bargap=0.15,
        showlegend=True,
    )
    return _base(fig, lang, t("pa.chart.pareto_title", lang), height=480)


def lorenz_figure(pt: pd.DataFrame, lang: str, max_points: int = 400) -> go.Figure:
    """Lorenz curve (accounts ascending) against the line of equality, Gini in the title."""

    x, y = metrics.lorenz_points(pt["revenue"].to_numpy(dtype=float))
    idx = metrics.downsample_curve(y, max_points)
    g = metrics.gini(pt["revenue"])
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1],
        y=[0, 1],
        mode="lines",
        line={"color": "#999", "dash": "dash"},
        name=t("pa.lorenz.equality", lang),
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=x[idx],
        y=y[idx],
        mode="lines",
        fill="tonexty",
        fillcolor="rgba(31,78,121,0.12)",
        line={"color": TIER_COLORS["A"], "width": 3},
        name=t("pa.lorenz.curve", lang),
        hovertemplate=t("pa.lorenz.hover", lang) + "<extra></extra>",
    )
    fig.update_layout(
        xaxis={"title": t("pa.lorenz.x", lang), "tickformat": ".0%", "range": [0, 1]},
        yaxis={"title": t("pa.lorenz.y", lang), "tickformat": ".0%", "range": [0, 1]},
    )
    return _base(fig, lang, t("pa.lorenz.title", lang, gini=fmt_num(g, lang, 2)), height=440)


def pareto_curve_figure(
    pt: pd.DataFrame, lang: str, a: float = 0.80, b: float = 0.95, max_points: int = 400
) -> go.Figure:
    """Cumulative share of revenue against share of accounts (largest first), every account,
    downsampled server-side with the tier-cut points exact and marked."""

    curve = metrics.pareto_curve(pt, a, b, max_points)
    n = len(pt)
    fig = go.Figure()
    fig.add_scatter(
        x=np.concatenate([[0.0], curve["account_share"]]),
        y=np.concatenate([[0.0], curve["cum_share"]]),
        mode="lines",
        line={"color": ACCENT, "width": 3},
        name=t("pa.chart.cum_share", lang),
        hovertemplate=t("pa.curve.hover", lang) + "<extra></extra>",
    )
    for thr, tier in ((a, "A"), (b, "B")):
        k = metrics.accounts_to_share(pt["cum_share"].to_numpy(), thr)
        if not k:
            continue
        xs, ys = k / n, float(pt["cum_share"].iloc[k - 1])
        fig.add_scatter(
            x=[xs],
            y=[ys],
            mode="markers+text",
            marker={"size": 11, "color": TIER_COLORS[tier]},
            text=[
                t(
                    "pa.curve.point",
                    lang,
                    k=fmt_num(k, lang),
                    share=fmt_pct(xs, lang),
                    pct=fmt_pct(thr, lang, 0),
                )
            ],
            textposition="bottom right" if tier == "A" else "top left",
            showlegend=False,
            hoverinfo="skip",
        )
    fig.update_layout(
        xaxis={"title": t("pa.curve.x", lang), "tickformat": ".0%", "range": [0, 1]},
        yaxis={"title": t("pa.chart.y2", lang), "tickformat": ".0%", "range": [0, 1.02]},
        showlegend=False,
    )
    return _base(fig, lang, t("pa.curve.title", lang), height=440)


def trend_figure(tr: pd.DataFrame, lang: str) -> go.Figure:
    """Revenue per quarter (bars) and active accounts (line, right axis); growth in the hover."""
    fig = go.Figure()
    fig.add_bar(
        x=tr["quarter"],
        y=tr["revenue"],
        name=t("pa.chart.revenue", lang),
        marker_color=TIER_COLORS["A"],
        customdata=np.column_stack(
            [tr["qoq"].to_numpy(dtype=float), tr["yoy"].to_numpy(dtype=float)]
        ),
        hovertemplate=(
            f"%{{x}}<br>{t('pa.chart.revenue', lang)}: %{{y:,.0f}}<br>"
            f"{t('pa.trend.qoq', lang)}: %{{customdata[0]:+.1%}}<br>"
            f"{t('pa.trend.yoy', lang)}: %{{customdata[1]:+.1%}}<extra></extra>"
        ),
    )
    fig.add_scatter(
        x=tr["quarter"],
        y=tr["accounts"],
        yaxis="y2",
        mode="lines+markers",
        line={"color": ACCENT, "width": 3},
        name=t("pa.trend.accounts", lang),
        hovertemplate=f"{t('pa.trend.accounts', lang)}: %{{y:,}}<extra></extra>",
    )
    fig.update_layout(
        xaxis={"title": t("pa.trend.x", lang), "type": "category"},
        yaxis={"title": t("pa.chart.y", lang), "tickformat": "~s", "rangemode": "tozero"},
        yaxis2={
            "title": t("pa.trend.accounts", lang),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickformat": ",d",
        },
    )
    return _base(fig, lang, t("pa.trend.title", lang))


def bridge_figure(b: dict, lang: str, start_label: str, end_label: str) -> go.Figure:
    """Waterfall: start + new + growth - decline - lost = end."""
    steps = [
        ("start", b["start"], "absolute"),
        ("new", b["new"], "relative"),
        ("growth", b["growth"], "relative"),
        ("decline", -b["decline"], "relative"),
        ("lost", -b["lost"], "relative"),
        ("end", b["end"], "total"),
    ]
    labels = [
        start_label if k == "start" else end_label if k == "end" else t(f"pa.bridge.{k}", lang)
        for k, _, _ in steps
    ]
    fig = go.Figure(
        go.Waterfall(
            x=labels,
            y=[v for _, v, _ in steps],
            measure=[m for _, _, m in steps],
            text=[
                fmt_money(abs(v) if k in ("decline", "lost") else v, lang, compact=True)
                if k not in ("decline", "lost")
                else "−" + fmt_money(abs(v), lang, compact=True)
                for k, v, _ in steps
            ],
            textposition="outside",
            increasing={"marker": {"color": TIER_COLORS["new"]}},
            decreasing={"marker": {"color": TIER_COLORS["lost"]}},
            totals={"marker": {"color": TIER_COLORS["A"]}},
            connector={"line": {"color": "#999"}},
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    top = max(b["start"], b["end"], b["start"] + b["new"] + b["growth"])
    fig.update_layout(
        yaxis={
            "title": t("pa.chart.y", lang),
            "tickformat": "~s",
            "range": [0, top * 1.12] if top > 0 else None,
        },
        showlegend=False,
    )
    return _base(fig, lang, t("pa.bridge.title", lang))


def whitespace_figure(
    matrix: pd.DataFrame, names: dict, lang: str, max_rows: int = 25
) -> go.Figure:
    """Key accounts x product lines: revenue where bought, blank where not (the whitespace)."""
    m = matrix.head(max_rows)
    z = m.to_numpy(dtype=float)
    ylab = [short(names.get(k, k), 28) for k in m.index]
    text = [[fmt_money(v, lang, compact=True) if v == v else "" for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[safe(c).replace(" ", "<br>") for c in m.columns],
            y=ylab,
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#dbe7f3"], [1, TIER_COLORS["A"]]],
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate=f"%{{y}} · %{{x}}<br>{t('pa.chart.revenue', lang)}: %{{z:,.0f}}"
            "<extra></extra>",
        )
    )
    fig.update_layout(
        yaxis={"autorange": "reversed"}, xaxis={"side": "top"}, plot_bgcolor="#f6f1e7"
    )
    fig = _base(fig, lang, t("pa.ws.title", lang), height=max(320, 28 * len(m) + 140))
    fig.update_layout(margin={"l": 220, "t": 120}, xaxis={"tickangle": 0})
    return fig
