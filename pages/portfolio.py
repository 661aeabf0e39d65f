"""Portfolio: how concentrated the business is, which accounts carry it, how it moves."""

import streamlit as st

from kam_core.portfolio import periods
from kam_core.ui import exports, warnings_view
from kam_core.ui import portfolio_data as data
from kam_core.ui import portfolio_tabs as tabs
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, loaded_quarters, period_label
from kam_core.ui.setup import page_setup

ctx = page_setup("portfolio")
require_data(ctx)
filters = filter_bar(ctx)
path, version = data.keys(ctx)
cfg = data.settings_cached(path, version)
summ = data.summary(path, version, filters)
prev_period = periods.comparable_previous(filters, loaded_quarters(path, version))
prev = data.summary(path, version, prev_period) if prev_period else None
_, pt = data.pareto(path, version, filters)


def header(full: bool = True) -> None:
    """Title and period; with ``full``, the export bar, the KPIs and the risk callouts."""
    st.title(ctx.t("pa.title"))
    st.caption(ctx.t("pa.period", period=period_label(ctx, filters)))
    if not full:
        return
    exports.portfolio_bar(ctx, filters)

    pct_a = ctx.pct(cfg["pareto_a"], 0)
    growth = (
        (summ["total_revenue"] / prev["total_revenue"] - 1)
        if prev and prev["total_revenue"] > 0
        else None
    )
    c1, c2, c3 = st.columns(3)
    c1.metric(
        ctx.t("pa.kpi.revenue"),
        ctx.money(summ["total_revenue"]),
        help=ctx.t("pa.kpi.revenue.help"),
        **(
            data.delta(
                growth,
                ctx.t(
                    "pa.kpi.vs_prev",
                    pct=ctx.pct(growth),
                    period=period_label(ctx, prev_period, note=False),
                ),
            )
            if growth is not None
            else {"delta": ctx.t("pa.kpi.no_prev"), "delta_arrow": "off", "delta_color": "gray"}
        ),
    )
    c2.metric(
        ctx.t("pa.kpi.accounts"),
        ctx.num(summ["accounts"]),
        help=ctx.t("pa.kpi.accounts.help", np=ctx.num(summ["non_positive_accounts"])),
    )
    c3.metric(
        ctx.t("pa.kpi.to80", pct=pct_a),
        ctx.t(
            "pa.kpi.to80.value",
            k=ctx.num(summ["accounts_to_80"]),
            share=ctx.pct(summ["share_accounts_to_80"]),
        ),
        help=ctx.t("pa.kpi.to80.help", pct=pct_a),
    )

    if summ["accounts"] == 0:
        st.warning(ctx.t("pa.no_positive"))
        st.stop()
    tabs.risk_callouts(ctx, summ, pt, cfg)


# The first chart is drawn before the header above it: its place is kept (a container) and
# filled once the tabs are drawn, so the browser starts loading the chart library first
# (first visit, PRODUCT.md section 9). The page reads the same from top to bottom.
head = st.container()
if summ["accounts"] == 0:
    with head:
        header()
warn_slot = st.empty()  # key accounts with early warnings (F-PA-8), filled after the tabs
screens = [
    (
        "pa.tab.pareto",
        lambda: tabs.pareto_tab(
            ctx, summ, pt, cfg, data.pareto_figure(path, version, filters, ctx.lang)
        ),
    ),
    ("pa.tab.concentration", lambda: tabs.concentration_tab(ctx, summ, pt, cfg)),
    ("pa.tab.trend", lambda: tabs.trend_tab(ctx, path, version, filters)),
    ("pa.tab.bridge", lambda: tabs.bridge_tab(ctx, path, version, filters, cfg)),
    ("pa.tab.whitespace", lambda: tabs.whitespace_tab(ctx, path, version, filters)),
    ("pa.tab.whatif", lambda: tabs.whatif_tab(ctx, path, version, filters, pt, cfg)),
    ("exp.tab.brief", lambda: exports.brief_tab(ctx, filters)),
]
# (a client audience never gets here: page_setup shows it only the client's own account)
opened = data.lazy_tabs(ctx, screens)
with head:  # presenting, the figures above the tabs belong to the Pareto screen: one per screen
    header(full=not ctx.present or opened == "pa.tab.pareto")
warnings_view.portfolio_link(ctx, warn_slot)  # last: the chart is on screen before it
