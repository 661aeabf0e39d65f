"""Placeholder: this page is being built."""

import streamlit as st

from kam_core.ui.empty import require_data
from kam_core.ui.setup import page_setup

ctx = page_setup("upload")
require_data(ctx)
st.title(ctx.t("nav.upload"))
st.info(ctx.t("ui.coming"))
