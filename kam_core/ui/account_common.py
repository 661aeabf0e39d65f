"""Small Streamlit helpers shared by the Account 360 and team pages: saving with a clear message,
and language-aware labels and dates."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.i18n import fmt_date
from kam_core.ui.flash import flash


def today() -> date:
    """The app uses the real date; pure functions take it as a parameter (tests inject theirs)."""
    return date.today()


def save(ctx, fn, *args, ok_key: str = "acc.saved", **kwargs) -> bool:
    """Run one write; on a CarteraError show it in the user's language (nothing was written)."""
    try:
        fn(*args, **kwargs)
    except CarteraError as exc:
        st.error(exc.render(ctx.lang), icon=":material/error:")
        return False
    flash(ctx.t(ok_key))
    st.rerun()
    return True


def label_fn(ctx, prefix: str):
    """format_func for option codes: ``prefix.code`` in the user's language."""
    return lambda code: (
        "–"
        if code is None or (not isinstance(code, str) and pd.isna(code))
        else ctx.t(f"{prefix}.{code}")
    )


def date_text(ctx, d) -> str:
    """A date as the user types it: 2026-03-31 (en) / 31/03/2026 (es)."""
    return "" if d is None or (not isinstance(d, str) and pd.isna(d)) else fmt_date(d, ctx.lang)


def last_edit_caption(ctx, by, at, stale: bool | None = None) -> None:
    if at is None or (not isinstance(at, str) and pd.isna(at)):
        st.caption(ctx.t("acc.never_edited"))
        return
    text = ctx.t("acc.last_edit", who=by or "–", when=fmt_date(at, ctx.lang))
    if stale:
        text += " · " + ctx.t("acc.stale_flag")
    st.caption(text)
