"""Account picker (writes ``account`` to the URL) and the header KPIs of the Account 360 page."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kam_core.accounts import merge, search
from kam_core.charts import account as account_charts
from kam_core.portfolio.periods import Filters
from kam_core.store.authz import OWN
from kam_core.ui import cache, warnings_view
from kam_core.ui.account_common import today
from kam_core.ui.text import plain


def _on_pick():
    st.query_params["account"] = st.session_state["_acc_picker"]


def _on_find(k: cache.Keys, filters: Filters, own: tuple | None) -> None:
    """A search with one match opens that account at once (several: the list offers them)."""
    found, total = cache.account_search(k, filters, st.session_state.get("_acc_find", ""), own)
    if total == 1:
        st.query_params["account"] = found[0]


def pick_account(ctx, filters: Filters) -> str | None:
    """The account picker; the choice lives in the URL (``?account=KEY``; without it the top key
    account opens, an unknown key says so). The drop-down lists the selection's top
    ``search.TOP`` accounts (key accounts first) and the open one; the search box beside it finds
    any account by part of its name or key, and its matches replace the list. KAMs limited to
    their own accounts see only those. Everything but the widgets is cached (ui/cache.py)."""
    k = cache.keys(ctx)
    order, labels = cache.account_picker(k, filters, ctx.lang)
    # a KAM who reads only their own accounts (a setting): their accounts, in the same order
    own = tuple(sorted(ctx.grants.own)) if ctx.grants.reach("read_account") == OWN else None
    allowed = None if own is None else frozenset(own)
    top = cache.account_top(k, filters, own)
    if not top:
        return None
    default = order.default if allowed is None or order.default in allowed else top[0]

    def opens(key) -> bool:
        return key in labels and (allowed is None or key in allowed)

    wanted = st.query_params.get("account")
    if not opens(wanted):
        survivor = merge.aliases(ctx.con).get(wanted)  # a merged-away key's link still works
        if wanted is not None and not opens(survivor):  # a link to an unknown account: say so
            st.warning(
                ctx.t("acc.not_found", wanted=plain(wanted), shown=plain(labels[default])),
                icon=":material/search_off:",
            )
        wanted = survivor if opens(survivor) else default
        st.query_params["account"] = wanted
    st.session_state["_acc_picker"] = wanted
    if ctx.present:
        return wanted
    query = str(st.session_state.get("_acc_find") or "").strip()
    found, total = cache.account_search(k, filters, query, own) if query else ([], 0)
    options = found if total else top
    if wanted not in options:
        options = [*options, wanted]
    pick, find = st.columns([3, 2], vertical_alignment="bottom")
    pick.selectbox(
        ctx.t("acc.pick"),
        options,
        format_func=labels.__getitem__,
        key="_acc_picker",
        on_change=_on_pick,
        help=ctx.t("acc.pick.help", n=ctx.num(search.TOP)),
    )
    find.text_input(
        ctx.t("acc.find"),
        key="_acc_find",
        type="search",
        placeholder=ctx.t("acc.find.ph"),
        help=ctx.t("acc.find.help"),
        on_change=_on_find,
        args=(k, filters, own),
    )
    if query and not total:
        st.caption(ctx.t("acc.find.none", q=plain(query)))
    elif total > len(found):
        st.caption(ctx.t("acc.find.more", n=ctx.num(total), shown=ctx.num(len(found))))
    elif total > 1 or (total and found[0] != wanted):  # one match is open already: no note
        st.caption(ctx.t("acc.find.some", n=ctx.num(total)))
    return wanted


SPARK_PX = 260  # the sparkline's width: eight quarters and the forecast stay legible


@st.cache_resource(ttl=3600, max_entries=64, show_spinner=False)
def _sparkline(
    k: cache.Keys, key: str, filters: Filters, day: date, lang: str, forecast: bool = True
):
    """Quarterly revenue with the early-warnings band of the next quarter (``forecast``; our
    own expectation, not shown to a client), kept built (Plotly figures cost tens of ms to build
    on every rerun; see ui/cache.py on figures)."""
    warned = (
        warnings_view.account(k.path, k.data, k.writes, key, filters, day) if forecast else None
    )
    expectation = warned.expectation if warned is not None else None
    full = cache.quarterly_revenue(k, key, Filters())
    return account_charts.sparkline(full, lang, expectation)


def render(ctx, key: str, filters: Filters, period: str, full: bool = True) -> dict:
    """The account's name and who leads it; with ``full``, its figures, trend and products."""
    k = cache.keys(ctx)
    h = cache.header(k, key, filters)
    st.title(plain(h["account_name"]), anchor=False)
    team = ", ".join(plain(p) for p in h["team"]) if h["team"] else "–"
    lead = plain(h["lead"]) if h["lead"] else ctx.t("acc.no_lead")
    people = f"{ctx.t('acc.lead')}: {lead} · {ctx.t('acc.team')}: {team}"
    if ctx.client:  # key status, tier, rank and share are our classification of the client
        st.caption(f"{period} · {people}")
    else:
        status = ctx.t("acc.is_key") if h["is_key_account"] else ctx.t("acc.not_key")
        st.caption(f"{period} · {status} · {people}")
    if not full:
        return h
    # Each figure as wide as it needs ("737,3 k EUR" at presentation size, in either language:
    # in fixed columns it was cut to "737,3 …"), then the sparkline at a readable width, on the
    # same row when there is room for it, else under the figures (a flex row wraps).
    row = st.container(horizontal=True, gap="medium", vertical_alignment="top")
    with row.container(horizontal=True, gap="medium", width="content"):
        st.metric(
            ctx.t("acc.revenue"),
            ctx.money(h["revenue"], compact=True),
            help=ctx.money(h["revenue"]),
            width="content",
        )
        if not ctx.client:
            st.metric(ctx.t("acc.share"), ctx.pct(h["share"]), width="content")
            st.metric(
                ctx.t("acc.rank"),
                ctx.t("acc.rank_of", rank=ctx.num(h["rank"]), total=ctx.num(h["accounts"]))
                if h["rank"]
                else "–",
                width="content",
            )
            st.metric(ctx.t("acc.tier"), h["tier"] or "–", width="content")
    with row.container(width=SPARK_PX * (2 if ctx.client else 1)):  # the client: one figure
        st.plotly_chart(
            _sparkline(k, key, filters, today(), ctx.lang, forecast=not ctx.client),
            key="acc_spark",
            config={"displayModeBar": False},
        )
    prods = h["products"]
    if not prods.empty:
        parts = [
            f"{plain(p)} ({ctx.pct(s, 0)})"
            for p, s in zip(prods["product_line"], prods["share"], strict=False)
            if not pd.isna(s)
        ]
        st.caption(ctx.t("acc.products") + ": " + " · ".join(parts))
    return h
