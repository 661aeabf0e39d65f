"""Account plan tab: year, revenue objective progress, value proposition, SWOT, competitors,
opportunities, risks and actions (overdue highlighted); who/when per section, stale ones flagged."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kam_core.accounts import plans
from kam_core.common.quarter import quarters_between
from kam_core.ui import cache, table_editor
from kam_core.ui.account_common import date_text, label_fn, last_edit_caption, save, today
from kam_core.ui.sections import sections
from kam_core.ui.tables import money_format, percent_format

_CHOICES = {
    "threat": ("plan.threat", plans.THREATS),
    "impact": ("plan.impact", plans.THREATS),
    "stage": ("plan.stage", plans.STAGES),
    "status": ("plan.status", plans.ACTION_STATUSES),
}


def render(ctx, key: str) -> None:
    now = today()
    k = cache.keys(ctx)
    years = sorted(set(cache.plan_years(k, key)) | {now.year, now.year + 1})
    year = st.selectbox(
        ctx.t("plan.year"),
        years,
        index=years.index(now.year),
        key=f"plan_year_{key}",
        disabled=ctx.present,
        # presenting: one line, "Plan year 2026", above each plan part (the same widget: keyed)
        label_visibility="collapsed" if ctx.present else "visible",
        format_func=(lambda y: f"{ctx.t('plan.year')} {y}") if ctx.present else str,
    )
    cfg = cache.settings(k)
    data = cache.plan(k, key, year)
    stale = plans.staleness(data["edits"], now, cfg["section_stale_days"]).set_index("section")

    def caption(section):
        r = stale.loc[section]
        last_edit_caption(ctx, r["updated_by"], r["updated_at"], bool(r["stale"]))

    def objectives():
        n_stale = int(stale.loc[list(plans.SECTIONS), "stale"].sum())
        if n_stale:
            st.warning(
                ctx.t("plan.stale_sections", n=n_stale, days=cfg["section_stale_days"]),
                icon=":material/history:",
            )
        _progress(ctx, data, year)
        st.subheader(ctx.t("plan.sec.objectives"), anchor=False)
        caption("objectives")
        _section_table(ctx, "objectives", key, year, data["items"]["objectives"])
        if not ctx.read_only(key):
            _objective_form(ctx, key, year)

    def value_proposition():
        st.subheader(ctx.t("plan.sec.value_proposition"), anchor=False)
        caption("value_proposition")
        _texts(ctx, key, year, ("value_proposition", "differentiator"), data["texts"])

    def swot():
        st.subheader(ctx.t("plan.sec.swot"), anchor=False)
        caption("swot")
        _texts(
            ctx, key, year, ("strengths", "weaknesses", "opportunities", "threats"), data["texts"]
        )

    def texts():  # side by side on the working page
        c1, c2 = st.columns(2)
        with c1:
            value_proposition()
        with c2:
            swot()

    def table(kind):
        st.subheader(ctx.t(f"plan.sec.{kind}"), anchor=False)
        caption(kind)
        _section_table(ctx, kind, key, year, data["items"][kind])
        if kind == "competitors" and not ctx.read_only(key):
            _competitor_form(ctx, key, year)
        if kind == "actions" and not ctx.read_only(key):
            _action_form(ctx, key, year)

    # Presenting: one plan part per screen (F-PR-1; the tab was 3,387 px tall).
    parts = [("plan.sec.objectives", objectives)]
    if ctx.present:
        parts += [("plan.sec.value_proposition", value_proposition), ("plan.sec.swot", swot)]
    else:
        parts += [("plan.sec.value_proposition", texts)]
    kinds = ("competitors", "opportunities", "risks", "actions")
    parts += [(f"plan.sec.{kind}", lambda kind=kind: table(kind)) for kind in kinds]
    sections(ctx, parts)


def _progress(ctx, data: dict, year) -> None:
    actual, nq = data["actual"], data["quarters"]
    p = plans.progress(data["items"]["objectives"], actual, nq)
    c = st.columns(4)
    c[0].metric(ctx.t("plan.target"), ctx.money(p["target"], compact=True) if p["target"] else "–")
    c[1].metric(
        ctx.t("plan.actual", year=year),
        ctx.money(actual, compact=True),
        help=ctx.t("plan.actual.help", n=nq),
    )
    c[2].metric(
        ctx.t("plan.progress"), ctx.pct(p["progress"], 0) if p["progress"] is not None else "–"
    )
    c[3].metric(
        ctx.t("plan.pace"),
        ctx.pct(p["pace"], 0) if p["pace"] is not None else "–",
        help=ctx.t("plan.pace.help"),
    )
    if p["progress"] is not None:
        st.progress(
            min(1.0, max(0.0, p["progress"])),
            text=ctx.t(
                "plan.progress_text",
                progress=ctx.pct(p["progress"], 0),
                expected=ctx.pct(p["expected"], 0),
            ),
        )
    else:
        st.info(ctx.t("plan.no_target"), icon=":material/flag:")


def _quarters(year: int, shown) -> list[str]:
    """Quarters offered for "expected quarter": the plan year, the one before and two after,
    plus any stored value outside them (never silently dropped)."""
    span = quarters_between(f"{year - 1}-Q1", f"{year + 2}-Q4")
    return sorted(set(span) | {q for q in shown if isinstance(q, str) and q})


def _column(ctx, f, quarters=()):
    """The editor column of one plan field, formatted for the user's language: whole amounts
    grouped the user's way (``number_format``), dates as the user writes them, quarters picked
    from a list (codes as everywhere in the app, ``2026-Q4``), empty cells blank."""
    cc = st.column_config
    label = ctx.t(f.label)
    if f.name in _CHOICES:
        prefix, opts = _CHOICES[f.name]
        return cc.SelectboxColumn(label, options=opts, format_func=label_fn(ctx, prefix))
    if f.name in ("revenue_target", "value"):
        return cc.NumberColumn(label, min_value=0, format=money_format(ctx.lang))
    if f.name == "share_of_wallet":
        return cc.NumberColumn(label, min_value=0, max_value=100, format=percent_format(ctx.lang))
    if f.name == "due_date":
        return cc.DateColumn(label, format="DD/MM/YYYY" if ctx.lang == "es" else "YYYY-MM-DD")
    if f.name == "expected_quarter":
        return cc.SelectboxColumn(label, options=list(quarters))
    return cc.TextColumn(label, required=f.required)


def _overdue_styled(df, show):
    late = plans.overdue_mask(df, today()).to_numpy()
    return show.style.apply(
        lambda r: ["background-color: #fde8e8; color: #9b1c1c" if late[r.name] else "" for _ in r],
        axis=1,
    )


def _section_table(ctx, kind: str, key: str, year: int, items: pd.DataFrame) -> None:
    table, id_col, _, fields = plans.KINDS[kind]
    df = items[[id_col] + [f.name for f in fields]].copy()
    qs = _quarters(year, df["expected_quarter"]) if "expected_quarter" in df else ()
    conf = {id_col: None} | {f.name: _column(ctx, f, qs) for f in fields}
    if "share_of_wallet" in df:
        df["share_of_wallet"] = df["share_of_wallet"] * 100
    if "due_date" in df:
        df["due_date"] = pd.to_datetime(df["due_date"])
    if kind == "actions":
        late = plans.overdue_mask(df, today())
        if late.any():
            st.warning(ctx.t("plan.overdue", n=int(late.sum())), icon=":material/alarm:")
    if not (ctx.read_only(key) or kind == "actions"):
        _editor(ctx, kind, key, year, df, conf)
        return
    show = df.drop(columns=[id_col])
    st.dataframe(
        _overdue_styled(df, show) if kind == "actions" else show,
        hide_index=True,
        width="stretch",
        column_config=conf,
        placeholder="",
        key=f"plan_view_{kind}_{key}_{year}",
    )
    if not ctx.read_only(key):
        with st.expander(ctx.t("plan.edit_table")):
            _editor(ctx, kind, key, year, df, conf)


def _editor(ctx, kind, key, year, df, conf) -> None:
    """Every change saved as it is made (F-AC-2): ``table_editor`` runs the one table save.
    The editor shows share of wallet as 0-100, which is what the core expects from users."""
    con, user, lang = ctx.con, ctx.user, ctx.lang

    def save_rows(rows):
        return plans.save_items_table(con, kind, key, year, rows, user, lang)

    table_editor.editor(
        ctx,
        df,
        key=f"plan_ed_{kind}_{key}_{year}",
        column_config=conf,
        save=save_rows,
        hint=kind == "objectives",  # the first table of the tab says it for all
    )


def _texts(ctx, key, year, fields, current: dict) -> None:
    if ctx.read_only(key):
        for f in fields:
            st.markdown(f"**{ctx.t(f'plan.f.{f}')}**")
            st.text(current.get(f) or "–")
        return
    with st.form(f"plan_texts_{fields[0]}_{key}_{year}", border=False):
        values = {}
        cols = st.columns(2) if len(fields) == 4 else [st.container(), st.container()]
        for i, f in enumerate(fields):
            with cols[i % 2]:
                values[f] = st.text_area(
                    ctx.t(f"plan.f.{f}"),
                    value=current.get(f) or "",
                    key=f"plan_t_{f}_{key}_{year}",
                    height=100,
                )
        if st.form_submit_button(ctx.t("plan.save_texts"), key=f"plan_t_save_{fields[0]}_{key}"):
            save(ctx, plans.save_texts, ctx.con, key, year, values, ctx.user)


def _objective_form(ctx, key, year) -> None:
    with st.form(f"plan_obj_form_{key}_{year}", clear_on_submit=True, border=True):
        c1, c2 = st.columns([3, 1])
        desc = c1.text_input(ctx.t("plan.f.objective"), key=f"plan_obj_desc_{key}")
        target = c2.text_input(
            ctx.t("plan.f.revenue_target"),
            key=f"plan_obj_target_{key}",
            placeholder=ctx.money(1250000),
        )
        if st.form_submit_button(ctx.t("plan.add_objective"), key=f"plan_obj_add_{key}"):
            save(
                ctx,
                plans.add_item,
                ctx.con,
                "objectives",
                key,
                year,
                {"description": desc, "revenue_target": target},
                ctx.user,
                ctx.lang,
            )


def _competitor_form(ctx, key, year) -> None:
    with st.form(f"plan_comp_form_{key}_{year}", clear_on_submit=True, border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        name = c1.text_input(ctx.t("plan.f.competitor"), key=f"plan_comp_name_{key}")
        sow = c2.text_input(
            ctx.t("plan.f.share_of_wallet"), key=f"plan_comp_sow_{key}", placeholder="25"
        )
        threat = c3.selectbox(
            ctx.t("plan.f.threat"),
            plans.THREATS,
            index=1,
            format_func=label_fn(ctx, "plan.threat"),
            key=f"plan_comp_threat_{key}",
        )
        notes = st.text_input(ctx.t("plan.f.notes"), key=f"plan_comp_notes_{key}")
        if st.form_submit_button(ctx.t("plan.add_competitor"), key=f"plan_comp_add_{key}"):
            save(
                ctx,
                plans.add_item,
                ctx.con,
                "competitors",
                key,
                year,
                {"name": name, "share_of_wallet": sow, "threat": threat, "notes": notes},
                ctx.user,
                ctx.lang,
            )


def _action_form(ctx, key, year) -> None:
    owners = [None] + cache.people(cache.keys(ctx))["name"].tolist()
    with st.form(f"plan_act_form_{key}_{year}", clear_on_submit=True, border=True):
        desc = st.text_input(ctx.t("plan.f.action"), key=f"plan_act_desc_{key}")
        c1, c2, c3 = st.columns(3)
        owner = c1.selectbox(
            ctx.t("plan.f.owner"),
            owners,
            key=f"plan_act_owner_{key}",
            format_func=lambda o: "–" if o is None else o,
        )
        due = c2.text_input(
            ctx.t("plan.f.due_date"),
            key=f"plan_act_due_{key}",
            placeholder=ctx.t("acc.date_placeholder"),
            value=date_text(ctx, today()),
        )
        status = c3.selectbox(
            ctx.t("plan.f.status"),
            plans.ACTION_STATUSES,
            format_func=label_fn(ctx, "plan.status"),
            key=f"plan_act_status_{key}",
        )
        if st.form_submit_button(
            ctx.t("plan.add_action"), key=f"plan_act_add_{key}", icon=":material/add_task:"
        ):
            save(
                ctx,
                plans.add_item,
                ctx.con,
                "actions",
                key,
                year,
                {"description": desc, "owner": owner, "due_date": due, "status": status},
                ctx.user,
                ctx.lang,
            )
