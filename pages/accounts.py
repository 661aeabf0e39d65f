"""Accounts: one customer under many names (F-IN-5). Likely duplicates with their evidence, merged
with one click; the merges made so far, each undone with one click."""

import streamlit as st

from kam_core.ui import merges
from kam_core.ui.empty import require_data
from kam_core.ui.setup import page_setup

ctx = page_setup("accounts")
require_data(ctx)
st.title(ctx.t("mg.title"), anchor=False)
st.caption(ctx.t("mg.intro"))
if ctx.present:
    st.info(ctx.t("mg.present"), icon=":material/visibility:")
elif not ctx.can("merge_accounts"):
    st.info(ctx.t("mg.no_right"), icon=":material/lock:")

merges.suggestions_section(ctx, merges.suggestions(ctx))
st.divider()
merges.history_section(ctx)
