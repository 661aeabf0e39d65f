"""The greeting shown when the database has no revenue yet: points to Upload and to the demo."""

from __future__ import annotations

import streamlit as st

from kam_core.demo import builder
from kam_core.store import db
from kam_core.ui.flash import flash
from kam_core.ui.setup import _connection


def _load_demo(con):
    builder.ensure_demo(con)


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _has_data(path: str, version: int) -> bool:
    """Revenue lines change only with the data version (uploads, undo, the demo bump it)."""
    return builder.has_data(_connection(path))


def require_data(ctx) -> None:
    """Render the greeting and stop the page when there is no revenue data."""
    if _has_data(db.db_path(), ctx.data_version):
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
        if ctx.can("settings") and st.button(
            ctx.t("empty.demo"), icon=":material/auto_awesome:", key="empty_load_demo"
        ):
            _load_demo(ctx.con)
            st.rerun()
    st.stop()


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _has_demo(path: str, version: int) -> bool:
    return builder.has_demo(_connection(path))


def demo_section(ctx) -> None:
    """Settings: take the demo out once the team starts with its own data (asks first)."""
    if ctx.present or not _has_demo(db.db_path(), ctx.data_version):
        return
    st.subheader(ctx.t("demo.remove.title"))
    st.caption(ctx.t("demo.remove.help"))
    sure = st.checkbox(ctx.t("demo.remove.confirm"), key="demo_remove_sure")
    if st.button(
        ctx.t("demo.remove.button"),
        icon=":material/delete_sweep:",
        disabled=not sure,
        key="demo_remove",
    ):
        gone = builder.remove_demo(ctx.con)
        flash(
            ctx.t(
                "demo.remove.done", accounts=ctx.num(gone["accounts"]), lines=ctx.num(gone["lines"])
            )
        )
        st.rerun()
