"""Exchange rates on screen (F-IN-10): the Settings page's rate table and rates-file import, and
the upload preview's "enter the missing rates here" form.

Every save goes through ``kam_core.store.rates`` (validated whole, then one transaction that also
converts the stored lines again); a refusal is shown as the user's-language message and nothing is
written.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.ingest import rates_file
from kam_core.store import rates
from kam_core.ui.flash import flash


def _column_config(ctx) -> dict:
    cc = st.column_config
    return {
        "rate_id": None,
        "currency": cc.TextColumn(ctx.t("fx.col.currency"), required=True, max_chars=3),
        "quarter": cc.TextColumn(ctx.t("fx.col.quarter"), required=True, max_chars=7),
        "rate": cc.NumberColumn(
            ctx.t("fx.col.rate_in", currency=rates.reporting_currency(ctx.con)),
            required=True,
            min_value=0.0,
            format="%.6f",
        ),
    }


def _save(ctx, fn, *args) -> None:
    try:
        n = fn(ctx.con, *args, ctx.user)
    except CarteraError as exc:
        st.error(exc.render(ctx.lang))
        return
    flash(ctx.t("fx.saved") if n else ctx.t("sp.unchanged"))
    st.rerun()


def settings_section(ctx) -> None:
    """The rates into the reporting currency: a table to edit, and a file to import."""
    base = rates.reporting_currency(ctx.con)
    st.subheader(ctx.t("fx.title", currency=base))
    st.caption(ctx.t("fx.intro", currency=base))
    table = rates.rates_table(ctx.con, base)[["rate_id", "currency", "quarter", "rate"]]
    if ctx.present:
        st.dataframe(table, hide_index=True, column_config=_column_config(ctx))
        return
    edited = st.data_editor(
        table,
        key="fx_editor",
        num_rows="dynamic",
        hide_index=True,
        column_config=_column_config(ctx),
    )
    if st.button(ctx.t("fx.save"), key="fx_save", icon=":material/save:"):
        _save(ctx, rates.save_table, edited)
    up = st.file_uploader(
        ctx.t("fx.import"),
        type=["csv", "txt", "xlsx", "xls"],
        key="fx_file",
        help=ctx.t("fx.import.help"),
    )
    if up is not None and st.button(ctx.t("fx.import.go"), key="fx_import"):
        try:
            rows = rates_file.read_rates(up.getvalue(), up.name, base)
        except CarteraError as exc:
            st.error(exc.render(ctx.lang))
            return
        _save(ctx, lambda con, r, user: sum(rates.upsert(con, r, user)), rows)


def missing_form(ctx, p, key: str) -> None:
    """The upload preview's missing rates: the currencies and quarters named, and a small table
    to enter them without leaving the page (saved rates convert the preview at once)."""
    st.warning(
        ctx.t("fx.preview.missing", missing=rates.describe_missing(p.missing_rates)),
        icon=":material/currency_exchange:",
    )
    if ctx.present:
        return
    rows = [(c, q) for c, qs in sorted(p.missing_rates.items()) for q in qs]
    table = pd.DataFrame(
        {
            "currency": [c for c, _ in rows],
            "quarter": [q for _, q in rows],
            "rate": pd.Series([None] * len(rows), dtype="float64"),
        }
    )
    conf = _column_config(ctx)
    conf["currency"] = st.column_config.TextColumn(ctx.t("fx.col.currency"), disabled=True)
    conf["quarter"] = st.column_config.TextColumn(ctx.t("fx.col.quarter"), disabled=True)
    edited = st.data_editor(table, key=key, hide_index=True, column_config=conf)
    if st.button(ctx.t("fx.preview.save"), key=f"{key}_save", icon=":material/save:"):
        _save(ctx, lambda con, r, user: sum(rates.upsert(con, r, user)), edited.to_dict("records"))
