"""One section per screen while presenting (PRODUCT.md F-PR-1: "one clean chart or table per
screen").

A long page hands its parts to :func:`sections` as ``(label_key, render)`` pairs. Out of
presentation mode they all render, in order, as before. In presentation mode only one renders,
under a bar with Previous / Next and its position ("2 / 5"); the position lives in the URL
(``?section=2``) so a link, or a reload, reopens the same screen. Only the shown section runs.

A label is a catalog key, or ``(key, params)`` for a label with figures ("Accounts 3-4 of 20").
Inside a tab (``portfolio_data.lazy_tabs``, ``?view=``) a change of tab drops ``section``, so
each tab opens on its first section.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

PARAM = "section"

Label = str | tuple[str, Mapping]


def current(n: int) -> int:
    """The 1-based position asked for in the URL, within 1..n (anything else: the first)."""
    try:
        i = int(st.query_params.get(PARAM, "1"))
    except ValueError:
        i = 1
    return min(max(i, 1), max(n, 1))


def _go(i: int) -> None:
    st.query_params[PARAM] = str(i)


def label_text(ctx, label: Label) -> str:
    """The label of a section in the page's language."""
    if isinstance(label, tuple):
        key, params = label
        return ctx.t(key, **params)
    return ctx.t(label)


def sections(ctx, screens: Sequence[tuple[Label, Callable[[], None]]]) -> None:
    """Render ``screens``: all of them, or, presenting, the one in ``?section=`` with its bar."""
    screens = list(screens)
    if not ctx.present or len(screens) < 2:
        for _, render in screens:
            render()
        return
    n = len(screens)
    i = current(n)
    label, render = screens[i - 1]
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="section_bar"):
        st.button(
            ctx.t("pr.section.prev"),
            icon=":material/chevron_left:",
            key="section_prev",
            disabled=i == 1,
            shortcut="PageUp",  # what a presentation clicker sends
            on_click=_go,
            args=(i - 1,),
        )
        st.markdown(
            ctx.t("pr.section.position", label=label_text(ctx, label), i=ctx.num(i), n=ctx.num(n))
        )
        st.button(
            ctx.t("pr.section.next"),
            icon=":material/chevron_right:",
            icon_position="right",
            key="section_next",
            disabled=i == n,
            shortcut="PageDown",
            on_click=_go,
            args=(i + 1,),
        )
    render()
