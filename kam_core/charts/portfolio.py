"""Portfolio page figures: Pareto, Lorenz, cumulative curve, quarterly trend, revenue bridge and
whitespace. Data in, Figure out, no I/O."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kam_core.analytics import metrics
from kam_core.charts import theme  # noqa: F401  (sets the default template)
from kam_core.charts.theme import ACCENT, TIER_COLORS, _base, safe, short
from kam_core.i18n import fmt_money, fmt_num, fmt_pct, t


def _bar_bins(n: int, max_bars: int, cuts: tuple[int, ...]) -> np.ndarray:
    """Edges (0-based, half-open) of the bars: one account per bar up to ``max_bars`` accounts,
    else about ``max_bars`` bars of neighbouring accounts, with the tier cuts as bar edges so no
    bar mixes two tiers."""
    if n <= max_bars:
        return np.arange(n + 1)
    edges = np.linspace(0, n, max_bars + 1).round().astype(int)
    return np.unique(np.concatenate([edges, [c for c in cuts if 0 < c < n]]))


def _pareto_bars(fig, pt: pd.DataFrame, lang: str, max_bars: int, k_a: int, k_b: int) -> float:
    """Revenue bars over every account (grouped when many); returns the tallest bar."""
    rev = pt["revenue"].to_numpy(dtype=float)
    edges = _bar_bins(len(pt), max_bars, (k_a, k_b))
    start, end = edges[:-1], edges[1:]
    sums = np.add.reduceat(rev, start) if len(rev) else np.array([])
    mean = sums / np.maximum(end - start, 1)
    tiers = pt["tier"].to_numpy()[start] if len(rev) else np.array([])
    cum = pt["cum_share"].to_numpy(dtype=float)[end - 1] if len(rev) else np.array([])
    single = bool(len(rev)) and bool((end - start == 1).all())
    if single:
        names = [safe(x) for x in pt["account_name"]]
        label = [f"#{s + 1} {nm}" for s, nm in zip(start, names)]
    else:
        label = [
            f"#{s + 1}"
            if e - s == 1
            else f"#{s + 1}–{e} ({t('pa.chart.n_accounts', lang, n=e - s)})"
            for s, e in zip(start, end)
        ]
    value_name = t("pa.chart.revenue", lang) if single else t("pa.chart.avg_revenue", lang)
    fig.add_bar(
        x=(start + end + 1) / 2,
        y=mean,
        width=(end - start) * (0.85 if single else 1.0),
        marker={
            "color": [TIER_COLORS.get(tr, TIER_COLORS["C"]) for tr in tiers],
            "line": {"width": 0},
        },
        name=t("pa.chart.revenue", lang),
        customdata=np.column_stack([label, sums / max(rev[rev > 0].sum(), 1e-12), cum, tiers])
        if len(rev)
        else None,
        hovertemplate=(
            f"%{{customdata[0]}}<br>{value_name}: %{{y:,.0f}}"
            f"<br>{t('pa.chart.share', lang)}: %{{customdata[1]:.1%}}"
            f"<br>{t('pa.chart.cum_share', lang)}: %{{customdata[2]:.1%}}"
            f"<br>{t('pa.chart.tier', lang)}: %{{customdata[3]}}<extra></extra>"
        ),
    )
    return float(mean.max()) if len(mean) else 1.0


def _threshold_marker(fig, pt: pd.DataFrame, lang: str, share: float, k: int, emphasis: bool):
    """The exact point where the cumulative curve first reaches ``share``: marker + label."""
    n = len(pt)
    if not k:
        return
    c_k = float(pt["cum_share"].iloc[k - 1])
    fig.add_scatter(
        x=[k],
        y=[c_k],
        yaxis="y2",
        mode="markers",
        marker={
            "size": 11 if emphasis else 8,
            "color": ACCENT,
            "line": {"color": "white", "width": 2},
        },
        showlegend=False,
        hovertemplate=t(
            "pa.chart.reached",
            lang,
            pct=fmt_pct(share, lang, 0),
            k=fmt_num(k, lang),
            n=fmt_num(n, lang),
            acc_pct=fmt_pct(k / n, lang, 1),
        )
        + "<extra></extra>",
    )
    if emphasis:
        fig.add_annotation(
            x=k,
            y=c_k,
            yref="y2",
            text=t(
                "pa.chart.reached",
                lang,
                pct=fmt_pct(share, lang, 0),
                k=fmt_num(k, lang),
                n=fmt_num(n, lang),
                acc_pct=fmt_pct(k / n, lang, 1),
            ),
            showarrow=True,
            arrowhead=0,
            arrowcolor=ACCENT,
            # Below-right of the point when it sits in the first half of the axis, else left.
            ax=40 if k <= n / 2 else -40,
            ay=45,
            xanchor="left" if k <= n / 2 else "right",
            bgcolor="rgba(255,255,255,0.92)",
            bordercolor=ACCENT,
            borderpad=4,
            font={"size": 13, "color": "#1b2430"},
        )
        fig.add_vline(x=k, line={"color": "#555", "dash": "dot", "width": 1})


def pareto_figure(
    pt: pd.DataFrame, lang: str, top_n: int = 200, a: float = 0.80, b: float = 0.95
) -> go.Figure:
    """Revenue by account (bars, tier colours) and the cumulative share of EVERY account (line on
    a second axis), with the ``a`` line and the exact point where it is reached.

    ``pt`` is :func:`metrics.pareto_table` output. Up to ``top_n`` accounts each get a bar; above
    that, neighbouring accounts share a bar of equal width (their average revenue) so the chart
    still spans the whole portfolio from 5 to 100,000 accounts; the curve is downsampled with the
    threshold points kept exact (:func:`metrics.pareto_curve`), so the figure stays small.
    """
    n = len(pt)
    k_a = int((pt["tier"] == "A").sum())
    k_b = k_a + int((pt["tier"] == "B").sum())
    fig = go.Figure()
    y_max = _pareto_bars(fig, pt, lang, max(int(top_n), 5), k_a, k_b)
    curve = metrics.pareto_curve(pt, a, b, max_points=600)
    # From the origin when accounts are many (a curve); from the first bar when they are few.
    origin = ([0], [0.0]) if n > 25 else ([], [])
    fig.add_scatter(
        x=origin[0] + curve["rank"].tolist(),
        y=origin[1] + curve["cum_share"].tolist(),
        yaxis="y2",
        mode="lines",
        line={"color": ACCENT, "width": 3},
        name=t("pa.chart.cum_share", lang),
        hovertemplate=f"#%{{x:,}}<br>{t('pa.chart.cum_share', lang)}: %{{y:.1%}}<extra></extra>",
    )
    fig.add_hline(
        y=a,
        yref="y2",
        line={"color": ACCENT, "dash": "dash", "width": 1.2},
        annotation_text=t("pa.chart.threshold", lang, pct=fmt_pct(a, lang, 0)),
        annotation_position="bottom right",
        annotation_font={"color": ACCENT},
    )
    _threshold_marker(fig, pt, lang, a, k_a, emphasis=True)
    _threshold_marker(fig, pt, lang, b, k_b, emphasis=False)
    xaxis = {"title": t("pa.chart.x", lang), "range": [0.5 - n * 0.01, n + 0.5 + n * 0.01]}
    if 0 < n <= 25:
        xaxis |= {
            "tickvals": list(range(1, n + 1)),
            "tickangle": -40,
            "ticktext": [short(safe(s), 16) for s in pt["account_name"]],
        }
    else:
        xaxis |= {"tickformat": ",d"}
    fig.update_layout(
        xaxis=xaxis,
        yaxis={"title": t("pa.chart.y", lang), "tickformat": "~s", "range": [0, y_max * 1.08]},
        yaxis2={
            "title": t("pa.chart.y2", lang),
            "overlaying": "y",
            "side": "right",
            "range": [0, 1.06],
            "tickformat": ".0%",
            "dtick": 0.2,
            "showgrid": False,
        },
        bargap=0,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    fig = _base(fig, lang, t("pa.chart.pareto_title", lang), height=480)
    # Margins fixed with room for the legend above the plot and the right axis title: with
    # ``autoexpand`` the browser draws the figure, finds the legend pushing the margin and draws
    # it all again (Plotly's doAutoMargin, about 0.1 s of a new visitor's first chart on two busy
    # cores, bench/bench_first_visit.py).
    fig.update_layout(
        margin={"t": 90, "r": 80, "autoexpand": False}, title={"y": 0.97, "yanchor": "top"}
    )
    return fig


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
