"""A table as users see it (formatted per language) with safe CSV and Excel downloads.

Streamlit's own "Download as CSV" in the table toolbar exports the raw text of each cell without
neutralising spreadsheet formulas; it is hidden (setup.py CSS) and these buttons replace it: same
columns and translated headers, real numbers and dates, formula-safe (kam_core.export).
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from kam_core.common import export
from kam_core.i18n import current_currency, norm_lang
from kam_core.ui.portfolio_data import fmt_table

_NUMERIC = {"money", "compact", "num", "int", "pct", "pct_signed"}


def number_format(lang: str, suffix: str = "") -> str:
    """printf format of a ``NumberColumn`` of whole numbers written the user's way:
    ``4,905,000`` (en) / ``4.905.000`` (es), then ``suffix`` (e.g. a currency code, " %").

    ``format="localized"`` follows the browser's language, not the app's (an English browser
    showed ``4,905,000`` in Spanish). Streamlit's printf (sprintf-js) takes a thousands separator
    (``%'.,d`` groups with a dot) but has no decimal comma, so only whole numbers are shown this
    way; tables of decimals are formatted as text (:func:`show_table`).
    """
    body = "%'.,.0f" if norm_lang(lang) == "es" else "%,.0f"
    return body + suffix.replace("%", "%%")


def money_format(lang: str) -> str:
    """``number_format`` of an amount in the reporting currency (``4.905.000 EUR``)."""
    code = current_currency()
    return number_format(lang, f"\u00a0{code}" if code else "")


def percent_format(lang: str) -> str:
    """A whole percentage 0-100: ``25%`` (en) / ``25 %`` (es), as ``fmt_pct`` writes it."""
    return number_format(lang, " %" if norm_lang(lang) == "es" else "%")


def export_frame(ctx, df: pd.DataFrame, spec) -> pd.DataFrame:
    """The same columns and headers as the screen, with values kept as numbers / dates."""
    out = {}
    for col, key, kind in spec:
        s = df[col]
        if kind in _NUMERIC:
            s = pd.to_numeric(s, errors="coerce")
        elif kind == "date":
            s = pd.to_datetime(s, errors="coerce")
        else:
            s = s.map(lambda v: "" if pd.isna(v) else str(v))
        code = current_currency() if kind in ("money", "compact") else None
        out[ctx.t(key) + (f" ({code})" if code else "")] = s.to_numpy()  # numbers keep no code
    return pd.DataFrame(out)


def show_table(
    ctx,
    df: pd.DataFrame,
    spec,
    *,
    name: str,
    key: str,
    container=None,
    full: pd.DataFrame | None = None,
    **dataframe_kw,
) -> None:
    """``st.dataframe`` of the formatted table, then CSV / Excel buttons (not when presenting).

    ``full``: the rows to export when the screen shows only the first ones of a long table.
    """
    where = container or st
    where.dataframe(fmt_table(ctx, df, spec), hide_index=True, key=key, **dataframe_kw)
    df = df if full is None else full
    if ctx.present or df.empty:
        return
    stem = re.sub(r"[^\w-]+", "_", name).strip("_") or "cartera"
    row = where.container(horizontal=True, gap="small")
    row.download_button(
        ctx.t("ui.export.csv"),
        lambda: export.to_csv(export_frame(ctx, df, spec), ctx.lang),
        file_name=f"{stem}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_csv",
    )
    row.download_button(
        ctx.t("ui.export.xlsx"),
        lambda: export.to_xlsx(export_frame(ctx, df, spec), name[:31]),
        file_name=f"{stem}.xlsx",
        on_click="ignore",
        icon=":material/table_view:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )
