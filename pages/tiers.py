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
st.caption(
    ctx.t(
        "tr.subtitle",
        period=period_label(ctx, filters),
        a=ctx.pct(cfg["pareto_a"], 0),
        b=ctx.pct(cfg["pareto_b"], 0),
    )
)

screens = [
    ("tr.tab.abc", lambda: tabs.abc_tab(ctx, path, version, filters)),
    ("tr.tab.key", lambda: tabs.marks_tab(ctx, path, version, filters)),
    ("tr.tab.score", lambda: tabs.score_tab(ctx, path, version, filters, cfg)),
    ("tr.tab.matrix", lambda: tabs.matrix_tab(ctx, path, version, filters)),
    ("tr.tab.migration", lambda: tabs.migration_tab(ctx, path, version, filters, cfg)),
    ("tr.tab.xyz", lambda: tabs.xyz_tab(ctx, path, version, filters, cfg)),
]
data.lazy_tabs(ctx, screens)  # (never shown to a client audience: see setup.NOT_FOR_CLIENT)
