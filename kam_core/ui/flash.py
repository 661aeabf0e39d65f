"""The one flash message: a confirmation that survives the rerun after a save.

A write queues its message with :func:`flash` and reruns; ``page_setup`` shows it once at the top
of the next run, in the language it was written in.
"""

from __future__ import annotations

import streamlit as st

_KEY = "_flash"
_SHOW = {
    "success": (st.success, ":material/check_circle:"),
    "info": (st.info, ":material/info:"),
    "warning": (st.warning, ":material/warning:"),
}


def flash(message: str, kind: str = "success") -> None:
    st.session_state[_KEY] = (kind, message)


def show() -> None:
    kind, message = st.session_state.pop(_KEY, (None, None))
    if message:
        fn, icon = _SHOW.get(kind, _SHOW["info"])
        fn(message, icon=icon)
