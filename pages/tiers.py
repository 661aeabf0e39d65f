"""Tiers: ABC by revenue, strategic key accounts, score, portfolio matrix, migration, ABC-XYZ."""

import streamlit as st

from kam_core.ui import portfolio_data as data
from kam_core.ui import tiers_tabs as tabs
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, period_label
from kam_core.ui.setup import page_setup

ctx = page_setup("tiers")
require_data(ctx)
filters = filter_bar(ctx)
path, version = data.keys(ctx)
cfg = data.settings_cached(path, version)

st.title(ctx.t("tr.title"))
st.caption(ctx.t("tr.subtitle", period=period_label(ctx, filters),
                 a=ctx.pct(cfg["pareto_a"], 0), b=ctx.pct(cfg["pareto_b"], 0)))

names = ("abc", "key", "score", "matrix", "migration", "xyz")
t_abc, t_key, t_score, t_matrix, t_mig, t_xyz = st.tabs([ctx.t(f"tr.tab.{n}") for n in names])
with t_abc:
    tabs.abc_tab(ctx, path, version, filters)
with t_key:
    tabs.marks_tab(ctx, path, version, filters)
with t_score:
    tabs.score_tab(ctx, path, version, filters, cfg)
with t_matrix:
    tabs.matrix_tab(ctx, path, version, filters)
with t_mig:
    tabs.migration_tab(ctx, path, version, filters, cfg)
with t_xyz:
    tabs.xyz_tab(ctx, path, version, filters, cfg)
