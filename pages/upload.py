"""Upload: quarterly revenue files in (CSV / Excel), previewed and checked before anything is written.

Works on an empty database too (it is where a new user starts), so no ``require_data`` here.
"""

import streamlit as st

from kam_core.ui import upload as up
from kam_core.ui.setup import page_setup

ctx = page_setup("upload")
st.title(ctx.t("up.title"))
st.caption(ctx.t("up.intro"))

files = up.file_input(ctx)
if files:
    prepared = up.previews(ctx, files)  # each file within what the upload has left
    ready = [p for p in prepared if p is not None]
    if ready:
        up.diff_panel(ctx, ready)
    up.commit_bar(ctx, prepared, len(files))

st.divider()
up.history(ctx)
