"""Account picker (writes ``account`` to the URL) and the header KPIs of the Account 360 page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kam_core.accounts import overview
from kam_core.charts import account as account_charts
from kam_core.portfolio.periods import Filters
from kam_core.ui.text import plain


def _on_pick():
    st.query_params["account"] = st.session_state["_acc_picker"]


def pick_account(ctx, filters: Filters) -> str | None:
    """Searchable picker over every account (key accounts first); the choice lives in the URL.
    Without ``account`` in the URL the top key account opens."""
    opts = overview.account_options(ctx.con, filters)
    if opts.empty:
        return None
    keys = list(opts["account_key"])
    names = dict(zip(opts["account_key"], opts["account_name"], strict=False))
    tiers = dict(zip(opts["account_key"], opts["tier"], strict=False))
    key_flags = dict(zip(opts["account_key"], opts["is_key_account"], strict=False))
    wanted = st.query_params.get("account")
    if wanted not in names:
        wanted = overview.default_account(ctx.con, filters) or keys[0]
        st.query_params["account"] = wanted
    st.session_state["_acc_picker"] = wanted

    def fmt(k):
        tier = tiers.get(k)
        tag = (
            ctx.t("acc.key_tag")
            if key_flags.get(k)
            else (ctx.t("acc.tier_tag", tier=tier) if isinstance(tier, str) else "")
        )
        return f"{names[k]} · {tag}" if tag else names[k]

    if ctx.present:
        return wanted
    st.selectbox(
        ctx.t("acc.pick"),
        keys,
        format_func=fmt,
        key="_acc_picker",
        on_change=_on_pick,
        help=ctx.t("acc.pick.help"),
    )
    return wanted


def render(ctx, key: str, filters: Filters, period: str) -> dict:
    h = overview.header(ctx.con, key, filters)
    st.title(plain(h["account_name"]), anchor=False)
    status = ctx.t("acc.is_key") if h["is_key_account"] else ctx.t("acc.not_key")
    team = ", ".join(plain(p) for p in h["team"]) if h["team"] else "–"
    lead = plain(h["lead"]) if h["lead"] else ctx.t("acc.no_lead")
    st.caption(f"{period} · {status} · {ctx.t('acc.lead')}: {lead} · {ctx.t('acc.team')}: {team}")
    c = st.columns([1, 1, 1, 1, 2.4])
    c[0].metric(
        ctx.t("acc.revenue"), ctx.money(h["revenue"], compact=True), help=ctx.money(h["revenue"])
    )
    c[1].metric(ctx.t("acc.share"), ctx.pct(h["share"]))
    c[2].metric(
        ctx.t("acc.rank"),
        ctx.t("acc.rank_of", rank=ctx.num(h["rank"]), total=ctx.num(h["accounts"]))
        if h["rank"]
        else "–",
    )
    c[3].metric(ctx.t("acc.tier"), h["tier"] or "–")
    with c[4]:
        full = overview.quarterly_revenue(ctx.con, key, Filters())
        st.plotly_chart(
            account_charts.sparkline(full, ctx.lang),
            key="acc_spark",
            config={"displayModeBar": False},
        )
    prods = h["products"]
    if not prods.empty:
        parts = [
            f"{p} ({ctx.pct(s, 0)})"
            for p, s in zip(prods["product_line"], prods["share"], strict=False)
            if not pd.isna(s)
        ]
        st.caption(ctx.t("acc.products") + ": " + " · ".join(parts))
    return h
