"""A link to another page of the app, the same from the router and from a page run on its own."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError


def page_link(label: str, page: str, icon: str, query: dict | None = None) -> None:
    """A link to ``pages/<page>.py`` (``page`` is its url path) with ``query`` parameters.

    A page run on its own (AppTest runs ``pages/x.py`` without the router) has no navigation to
    resolve a page file against: the same link is then written as a relative URL."""
    try:
        st.page_link(f"pages/{page}.py", label=label, icon=icon, query_params=query)
    except StreamlitPageNotFoundError:
        url = f"/{page}" + (f"?{urlencode(query)}" if query else "")
        st.markdown(f"{icon} [{label}]({url})")
