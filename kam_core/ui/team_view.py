"""KAM team page pieces: workload against capacity, unassigned key accounts and suggested
reassignments, relationship risk per KAM, account teams and people."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kam_core.i18n import fmt_money, t
from kam_core.portfolio.periods import Filters
from kam_core.team import roster
from kam_core.ui import cache
from kam_core.ui.account_common import label_fn, save, today
from kam_core.ui.text import plain


def data(ctx, filters: Filters) -> dict:
    """The page's figures, cached on (database, data version, writes, selection, date)."""
    k, now = cache.keys(ctx), today()
    return {
        **cache.team(k, filters, now),
        "figures": cache.team_figures(k, filters, now, ctx.lang),
        "risk_accounts": _risk_accounts(k, filters, now, ctx.lang),
    }


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _risk_accounts(k: cache.Keys, filters: Filters, day: date, lang: str) -> pd.DataFrame:
    """The key accounts at risk as shown, largest first: thousands of rows on a big portfolio,
    whose formatting cost about 0.1 s a rerun before it was cached. (The reporting currency
    is a setting: the data version in ``k`` changes with it.)"""
    risk = cache.team(k, filters, day)["acc_risk"]
    acc = risk[risk["at_risk"]].sort_values("revenue", ascending=False)
    yes = t("team.yes", lang)
    return pd.DataFrame(
        {
            "account": acc["account_name"],
            "lead": acc["lead"].fillna("–"),
            "revenue": [fmt_money(x, lang) for x in acc["revenue"]],
            "no_decision_maker": [yes if x else "" for x in acc["no_decision_maker"]],
            "single_threaded": [yes if x else "" for x in acc["single_threaded"]],
            "stale": [yes if x else "" for x in acc["stale"]],
        }
    )


def _text_cols(ctx, view: pd.DataFrame, prefix: str) -> dict:
    cc = st.column_config
    return {c: cc.TextColumn(ctx.t(f"{prefix}.{c}")) for c in view}


def kpis(ctx, d) -> None:
    c = st.columns(4)
    c[0].metric(ctx.t("team.kpi.people"), ctx.num(len(d["people"])))
    c[1].metric(ctx.t("team.kpi.key_accounts"), ctx.num(int(d["ka"]["is_key_account"].sum())))
    c[2].metric(ctx.t("team.kpi.unassigned"), ctx.num(len(d["un"])))
    c[3].metric(ctx.t("team.kpi.overloaded"), ctx.num(int(d["load"]["overloaded"].sum())))


def workload(ctx, d) -> None:
    st.subheader(ctx.t("team.workload"), anchor=False)
    w = d["weights"]
    st.caption(
        ctx.t(
            "team.workload.help",
            a=ctx.num(w["load_tier_a"], 1),
            b=ctx.num(w["load_tier_b"], 1),
            c=ctx.num(w["load_tier_c"], 1),
            member=ctx.pct(w["load_member_share"], 0),
            open=ctx.num(w["load_open_action"], 1),
            overdue=ctx.num(w["load_overdue_action"], 1),
        )
    )
    load = d["load"]
    if load.empty:
        st.info(ctx.t("team.no_people"))
        return
    for r in load[load["overloaded"]].itertuples():
        st.warning(
            ctx.t(
                "team.overload",
                name=plain(r.name),
                load=ctx.num(r.load, 1),
                capacity=ctx.num(r.capacity, 0),
                pct=ctx.pct(r.utilisation, 0),
            ),
            icon=":material/warning:",
        )
    st.plotly_chart(
        d["figures"]["workload"],
        key="team_workload",
        config={"displayModeBar": False},
    )
    view = pd.DataFrame(
        {
            "name": load["name"],
            "role": [ctx.t(f"team.role.{r}") for r in load["role"]],
            "lead_accounts": [ctx.num(x) for x in load["lead_accounts"]],
            "member_accounts": [ctx.num(x) for x in load["member_accounts"]],
            "open_actions": [ctx.num(x) for x in load["open_actions"]],
            "overdue_actions": [ctx.num(x) for x in load["overdue_actions"]],
            "load": [ctx.num(x, 1) for x in load["load"]],
            "capacity": [ctx.num(x, 0) for x in load["capacity"]],
            "utilisation": [ctx.pct(x, 0) for x in load["utilisation"]],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        key="team_load_table",
        column_config=_text_cols(ctx, view, "team.col"),
    )


def unassigned(ctx, d) -> None:
    st.subheader(ctx.t("team.unassigned"), anchor=False)
    if d["un"].empty:
        st.success(ctx.t("team.all_assigned"))
    else:
        view = pd.DataFrame(
            {
                "account": d["un"]["account_name"],
                "tier": d["un"]["tier"],
                "revenue": [ctx.money(x) for x in d["un"]["revenue"]],
            }
        )
        st.dataframe(
            view,
            hide_index=True,
            width="stretch",
            key="team_unassigned",
            column_config=_text_cols(ctx, view, "team.col"),
        )
    st.subheader(ctx.t("team.suggestions"), anchor=False)
    if not d["sugg"]:
        st.caption(ctx.t("team.no_suggestions"))
    for s in d["sugg"]:
        k = "team.sugg.assign" if s["from"] is None else "team.sugg.move"
        st.markdown(
            "- "
            + ctx.t(
                k,
                account=plain(s["account_name"]),
                to=plain(s["to"]),
                frm=plain(s["from"] or ""),
                points=ctx.num(s["points"], 1),
            )
        )


def risk(ctx, d) -> None:
    st.subheader(ctx.t("team.risk"), anchor=False)
    st.caption(ctx.t("team.risk.help"))
    per = d["per"]
    if per.empty:
        st.info(ctx.t("team.no_key_accounts"))
        return
    c1, c2 = st.columns([1, 1])
    with c1:
        st.plotly_chart(
            d["figures"]["risk"],
            key="team_risk_chart",
            config={"displayModeBar": False},
        )
    with c2:
        view = pd.DataFrame(
            {
                "lead": [n or ctx.t("team.no_lead") for n in per["lead"]],
                "accounts": [ctx.num(x) for x in per["accounts"]],
                "at_risk": [ctx.num(x) for x in per["at_risk"]],
                "revenue_at_risk": [ctx.money(x, compact=True) for x in per["revenue_at_risk"]],
                "risk_share": [ctx.pct(x, 0) for x in per["risk_share"]],
            }
        )
        st.dataframe(
            view,
            hide_index=True,
            width="stretch",
            key="team_risk_table",
            column_config=_text_cols(ctx, view, "team.col"),
        )
    view = d["risk_accounts"]
    with st.expander(ctx.t("team.risk.accounts", n=len(view))):
        st.dataframe(
            view,
            hide_index=True,
            width="stretch",
            key="team_risk_accounts",
            column_config=_text_cols(ctx, view, "team.col"),
        )


def assignments(ctx, d) -> None:
    if not ctx.can("manage_team"):  # directors and admins assign KAMs (issue 12)
        return
    st.subheader(ctx.t("team.assign"), anchor=False)
    keys = d["ka"][d["ka"]["is_key_account"]]
    if keys.empty or d["people"].empty:
        return
    names = dict(zip(keys["account_key"], keys["account_name"], strict=False))
    pnames = dict(zip(d["people"]["person_id"].astype(int), d["people"]["name"], strict=False))
    acc = st.selectbox(
        ctx.t("team.f.account"), list(names), format_func=names.get, key="team_assign_account"
    )
    with st.form(f"team_assign_form_{acc}", border=True):
        cur = d["assign"][d["assign"]["account_key"] == acc]
        lead_now = cur.loc[cur["team_role"] == "lead", "person_id"].tolist()
        opts = [None] + list(pnames)
        lead = st.selectbox(
            ctx.t("team.f.lead"),
            opts,
            format_func=lambda p: "–" if p is None else pnames[p],
            index=opts.index(int(lead_now[0])) if lead_now else 0,
            key=f"team_assign_lead_{acc}",
        )
        members = st.multiselect(
            ctx.t("team.f.members"),
            list(pnames),
            format_func=pnames.get,
            key=f"team_assign_members_{acc}",
            default=[int(p) for p in cur.loc[cur["team_role"] == "member", "person_id"]],
        )
        effort = st.text_input(
            ctx.t("team.f.effort"),
            value=ctx.num(d["eff"].get(acc, 1.0), 1),
            key=f"team_assign_effort_{acc}",
            help=ctx.t("team.f.effort.help"),
        )
        st.caption(ctx.t("team.assign.help"))
        if st.form_submit_button(ctx.t("team.assign.save"), key="team_assign_submit"):
            save(ctx, roster.set_team, ctx.con, acc, lead, members, ctx.user, effort, ctx.lang)


def people_section(ctx, d) -> None:
    st.subheader(ctx.t("team.people"), anchor=False)
    people = d["people"]
    view = pd.DataFrame(
        {
            "name": people["name"],
            "role": [ctx.t(f"team.role.{r}") for r in people["role"]],
            "capacity": [ctx.num(x, 0) for x in people["capacity"]],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        key="team_people_table",
        column_config=_text_cols(ctx, view, "team.col"),
    )
    if ctx.present or not ctx.can("manage_team"):
        return
    pnames = dict(zip(people["person_id"].astype(int), people["name"], strict=False))
    which = st.selectbox(
        ctx.t("team.person.which"),
        [None] + list(pnames),
        key="team_person_which",
        format_func=lambda p: ctx.t("team.person.new") if p is None else pnames[p],
    )
    row = people[people["person_id"] == which].iloc[0] if which is not None else None
    sfx = which or "new"
    with st.form(f"team_person_form_{sfx}", clear_on_submit=which is None, border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        name = c1.text_input(
            ctx.t("team.f.name"),
            value="" if row is None else row["name"],
            key=f"team_person_name_{sfx}",
        )
        role = c2.selectbox(
            ctx.t("team.f.role"),
            roster.ROLES,
            key=f"team_person_role_{sfx}",
            index=roster.ROLES.index(row["role"]) if row is not None else 0,
            format_func=label_fn(ctx, "team.role"),
        )
        cap = c3.text_input(
            ctx.t("team.f.capacity"),
            key=f"team_person_cap_{sfx}",
            value="" if row is None else ctx.num(row["capacity"], 0),
            help=ctx.t("team.f.capacity.help"),
        )
        if st.form_submit_button(ctx.t("team.person.save"), key=f"team_person_submit_{sfx}"):
            save(
                ctx,
                roster.save_person,
                ctx.con,
                {"name": name, "role": role, "capacity": cap},
                ctx.user,
                which,
                ctx.lang,
            )
