"""Portfolio: how concentrated the business is, which accounts carry it, how it moves."""

import streamlit as st

from kam_core import charts
from kam_core.ui import portfolio_data as data
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, period_label
from kam_core.ui.setup import page_setup

ctx = page_setup("portfolio")
require_data(ctx)
filters = filter_bar(ctx)
path, version = data.keys(ctx)
cfg = data.settings_cached(path, version)
summ = data.summary(path, version, filters)
_, pt = data.pareto(path, version, filters)

st.title(ctx.t("pa.title"))
st.caption(ctx.t("pa.period", period=period_label(ctx, filters)))

pct_a = ctx.pct(cfg["pareto_a"], 0)
c1, c2, c3 = st.columns(3)
c1.metric(ctx.t("pa.kpi.revenue"), ctx.money(summ["total_revenue"]),
          help=ctx.t("pa.kpi.revenue.help"))
c2.metric(ctx.t("pa.kpi.accounts"), ctx.num(summ["accounts"]),
          help=ctx.t("pa.kpi.accounts.help", np=ctx.num(summ["non_positive_accounts"])))
c3.metric(ctx.t("pa.kpi.to80", pct=pct_a),
          ctx.t("pa.kpi.to80.value", k=ctx.num(summ["accounts_to_80"]),
                share=ctx.pct(summ["share_accounts_to_80"])),
          help=ctx.t("pa.kpi.to80.help", pct=pct_a))

if summ["accounts"] == 0:
    st.warning(ctx.t("pa.no_positive"))
    st.stop()

headline = "pa.headline.one" if summ["accounts_to_80"] == 1 else "pa.headline"
st.markdown(ctx.t(headline, k=ctx.num(summ["accounts_to_80"]),
                  share=ctx.pct(summ["share_accounts_to_80"]), pct=pct_a))
fig = charts.pareto_figure(pt, ctx.lang, int(cfg["pareto_top_n"]), cfg["pareto_a"],
                           cfg["pareto_b"])
st.plotly_chart(fig, key="pa_pareto")
