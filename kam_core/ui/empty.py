"""The greeting shown when the database has no revenue yet: points to Upload and to the builder."""

from __future__ import annotations

import streamlit as st

from kam_core.demo import builder


def _load_demo(con):
    builder.ensure_demo(con)


def require_data(ctx) -> None:
    """Render the greeting and stop the page when there is no revenue data."""
    if builder.has_data(ctx.con):
        return
    st.title(ctx.t("empty.title"))
    st.write(ctx.t("empty.body"))
    c1, c2 = st.columns(2)
    with c1:
        if st.button(
            ctx.t("empty.upload"),
            icon=":material/upload_file:",
            type="primary",
            key="empty_go_upload",
        ):
            st.switch_page("pages/upload.py")
    with c2:
        if st.button(ctx.t("empty.demo"), icon=":material/auto_awesome:", key="empty_load_demo"):
            _load_demo(ctx.con)
            st.rerun()
    st.stop()
