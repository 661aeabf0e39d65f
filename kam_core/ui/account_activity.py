"""Activity tab (meetings, calls, requests, problems with response/resolution times) and the
health tab (one score, every factor's contribution)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kam_core.accounts import activities
from kam_core.ui import cache
from kam_core.ui.account_common import date_text, label_fn, save, today


def _days(ctx, x) -> str:
    return "–" if x is None or pd.isna(x) else ctx.t("act.days", n=ctx.num(x, 1 if x % 1 else 0))


def render_activity(ctx, key: str) -> None:
    log = cache.activity_log(cache.keys(ctx), key)
    now = today()
    s = activities.summary(log, now)
    c = st.columns(4)
    c[0].metric(ctx.t("act.open_requests"), ctx.num(s["open_requests"]))
    c[1].metric(ctx.t("act.open_problems"), ctx.num(s["open_problems"]))
    c[2].metric(ctx.t("act.median_response"), _days(ctx, s["median_response_days"]))
    c[3].metric(ctx.t("act.median_resolution"), _days(ctx, s["median_resolution_days"]))
    df = activities.with_times(log, now)
    if df.empty:
        st.info(ctx.t("act.empty"))
    else:
        view = pd.DataFrame(
            {
                "kind": [ctx.t(f"act.kind.{k}") for k in df["kind"]],
                "subject": df["subject"],
                "opened_on": [date_text(ctx, d) for d in df["opened_on"]],
                "state": [
                    ctx.t("act.open")
                    if o
                    else (ctx.t("act.closed") if k in activities.TICKETS else ctx.t("act.done"))
                    for o, k in zip(df["is_open"], df["kind"], strict=False)
                ],
                "response": [_days(ctx, x) for x in df["response_days"]],
                "resolution": [
                    _days(ctx, x) if not o else ctx.t("act.open_for", n=ctx.num(a))
                    for x, o, a in zip(
                        df["resolution_days"], df["is_open"], df["age_days"], strict=False
                    )
                ],
                "person": df["person"].fillna("–"),
            }
        )
        cc = st.column_config
        st.dataframe(
            view,
            hide_index=True,
            width="stretch",
            key=f"act_table_{key}",
            column_config={c: cc.TextColumn(ctx.t(f"act.col.{c}")) for c in view},
        )
    if ctx.read_only(key):  # presenting, or a role that does not edit this account
        return
    c1, c2 = st.columns(2)
    with c1:
        _add_form(ctx, key)
    with c2:
        _resolve_form(ctx, key, df)


def _add_form(ctx, key) -> None:
    people = [None] + cache.people(cache.keys(ctx))["name"].tolist()
    with st.form(f"act_form_{key}", clear_on_submit=True, border=True):
        st.markdown("**" + ctx.t("act.add_title") + "**")
        c1, c2 = st.columns([1, 2])
        kind = c1.selectbox(
            ctx.t("act.f.kind"),
            activities.KINDS,
            key=f"act_kind_{key}",
            format_func=label_fn(ctx, "act.kind"),
        )
        subject = c2.text_input(ctx.t("act.f.subject"), key=f"act_subject_{key}")
        c1, c2, c3 = st.columns(3)
        opened = c1.text_input(
            ctx.t("act.f.opened_on"),
            value=date_text(ctx, today()),
            key=f"act_opened_{key}",
            placeholder=ctx.t("acc.date_placeholder"),
        )
        responded = c2.text_input(
            ctx.t("act.f.responded_on"),
            key=f"act_resp_{key}",
            placeholder=ctx.t("acc.date_placeholder"),
        )
        resolved = c3.text_input(
            ctx.t("act.f.resolved_on"),
            key=f"act_res_{key}",
            placeholder=ctx.t("acc.date_placeholder"),
        )
        person = st.selectbox(
            ctx.t("act.f.person"),
            people,
            key=f"act_person_{key}",
            format_func=lambda p: "–" if p is None else p,
        )
        notes = st.text_input(ctx.t("act.f.notes"), key=f"act_notes_{key}")
        if st.form_submit_button(ctx.t("act.add"), key=f"act_add_{key}"):
            save(
                ctx,
                activities.add,
                ctx.con,
                key,
                {
                    "kind": kind,
                    "subject": subject,
                    "opened_on": opened,
                    "responded_on": responded,
                    "resolved_on": resolved,
                    "person": person,
                    "notes": notes,
                },
                ctx.user,
            )


def _resolve_form(ctx, key, df) -> None:
    open_items = df[df["is_open"]] if not df.empty else df
    if open_items.empty:
        return
    subjects = dict(zip(open_items["activity_id"].astype(int), open_items["subject"], strict=False))
    with st.form(f"act_resolve_{key}", border=True):
        st.markdown("**" + ctx.t("act.resolve_title") + "**")
        aid = st.selectbox(
            ctx.t("act.f.subject"),
            list(subjects),
            format_func=subjects.get,
            key=f"act_resolve_which_{key}",
        )
        when = st.text_input(
            ctx.t("act.f.resolved_on"), value=date_text(ctx, today()), key=f"act_resolve_when_{key}"
        )
        if st.form_submit_button(ctx.t("act.resolve"), key=f"act_resolve_submit_{key}"):
            save(ctx, activities.resolve, ctx.con, key, aid, when, ctx.user)


def _evidence(ctx, f: dict) -> str:
    name = f["factor"]
    if name == "revenue_trend":
        return (
            ctx.t("health.ev.trend", growth=ctx.pct(f["growth"]))
            if f["growth"] is not None
            else ctx.t("health.ev.trend_none")
        )
    if name == "relationships":
        return ctx.t("health.ev.rel", high=f["high"], medium=f["medium"])
    if name == "plan_progress":
        return (
            ctx.t("health.ev.pace", pace=ctx.pct(f["pace"], 0))
            if f["pace"] is not None
            else ctx.t("health.ev.no_target")
        )
    if name == "plan_freshness":
        return ctx.t("health.ev.fresh", share=ctx.pct(f["fresh_share"], 0))
    return ctx.t("health.ev.problems", n=f["open_problems"])


def render_health(ctx, key: str) -> None:
    if ctx.client:  # our score of the account: never on a client's screen (the page drops the tab)
        return
    k, now = cache.keys(ctx), today()
    result = cache.account_health(k, key, now)
    c1, c2 = st.columns([1, 3])
    with c1:
        st.metric(ctx.t("health.score"), ctx.num(result["score"], 1) + " / 100")
        band = result["band"]
        {"good": st.success, "watch": st.warning, "at_risk": st.error}[band](
            ctx.t(f"health.band.{band}")
        )
        st.caption(ctx.t("health.explain"))
    with c2:
        st.plotly_chart(
            cache.health_figure(k, key, now, ctx.lang),
            key=f"health_chart_{key}",
            config={"displayModeBar": False},
        )
    view = pd.DataFrame(
        {
            "factor": [ctx.t(f"health.f.{f['factor']}") for f in result["factors"]],
            "evidence": [_evidence(ctx, f) for f in result["factors"]],
            "value": [ctx.pct(f["value"], 0) for f in result["factors"]],
            "weight": [ctx.num(f["weight"], 0) for f in result["factors"]],
            "points": [ctx.num(f["points"], 1) for f in result["factors"]],
        }
    )
    view.loc[len(view)] = [ctx.t("health.total"), "", "", "100", ctx.num(result["score"], 1)]
    cc = st.column_config
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        key=f"health_table_{key}",
        column_config={c: cc.TextColumn(ctx.t(f"health.col.{c}")) for c in view},
    )
