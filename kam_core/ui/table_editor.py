"""An editable table whose every change is saved at once (PRODUCT F-AC-2).

``st.data_editor`` keeps edits in the browser until something reads them; a "Save" button lost
them whenever the user left the page first. Here the editor's ``on_change`` callback, which
Streamlit runs before the next script run, rebuilds the edited table from the editor's state
(``store.table_edits.edited_frame``) and hands it to the caller's ``save`` (a kam_core write that
checks the role, validates every row, writes in one transaction and audits). Whatever the outcome
the editor is then drawn again from the database (its key carries a version bumped by every
save), so the table always shows what is stored: a refused value goes back to the stored one and
the message says which row and column, and why.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.store import table_edits


def _version_key(key: str) -> str:
    return f"{key}__version"


def _message_key(key: str) -> str:
    return f"{key}__message"


def widget_key(key: str, state=None) -> str:
    """The key of the editor as drawn now (``key`` plus the save version)."""
    state = st.session_state if state is None else state
    return f"{key}__{state.get(_version_key(key), 0)}"


def save_changes(
    key: str, base: pd.DataFrame, save: Callable[[pd.DataFrame], int], lang: str, state=None
) -> bool:
    """The editor's ``on_change``: save what changed in the editor ``key`` drawn from ``base``.

    ``state`` is ``st.session_state`` (a dict in tests). Leaves a message for :func:`editor`
    to show, bumps the version so the editor is drawn fresh from the database, and returns
    whether the save went through (nothing written when not).
    """
    state = st.session_state if state is None else state
    rows = table_edits.edited_frame(base, state.get(widget_key(key, state)))
    try:
        n = save(rows)
    except CarteraError as exc:
        state[_message_key(key)] = ("error", exc.render(lang))
        ok = False
    else:
        state[_message_key(key)] = ("saved", "") if n else ("none", "")
        ok = True
    state[_version_key(key)] = state.get(_version_key(key), 0) + 1
    return ok


def editor(
    ctx,
    df: pd.DataFrame,
    *,
    key: str,
    column_config: dict,
    save: Callable[[pd.DataFrame], int],
    num_rows: str = "dynamic",
    hint: bool = True,
) -> None:
    """``st.data_editor`` of ``df`` saving each change through ``save(rows) -> rows changed``.

    Required columns (``required=True`` in ``column_config``) keep a new row in the browser
    until they are filled in, so half-typed rows are not refused. Empty cells are blank.
    ``hint``: say under the table that changes are saved as made (once per screen is enough).
    """
    st.data_editor(
        df,
        key=widget_key(key),
        num_rows=num_rows,
        hide_index=True,
        width="stretch",
        column_config=column_config,
        placeholder="",
        on_change=save_changes,
        args=(key, df, save, ctx.lang),
    )
    kind, text = st.session_state.pop(_message_key(key), (None, None))
    if kind == "error":
        st.error(text, icon=":material/error:")
    elif kind == "saved":
        st.caption(":material/check_circle: " + ctx.t("acc.table.saved"))
    elif hint:
        st.caption(ctx.t("acc.table.autosave"))
