"""Relationship map tab: the map, coverage warnings, the contacts table editor and the forms
(add/edit contact, our coverage, influence line, archive)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kam_core.accounts import relationships as rel
from kam_core.charts import relmap
from kam_core.i18n import t
from kam_core.ui import cache, table_editor
from kam_core.ui import privacy as privacy_ui
from kam_core.ui.account_common import date_text, label_fn, last_edit_caption, save, today
from kam_core.ui.text import plain


def _warning_text(ctx, w) -> str:
    return ctx.t(
        f"rel.warn.{w['code']}",
        name=plain(w["name"] or ""),
        days=ctx.num(w["days"]) if w["days"] is not None else "",
    )


@st.cache_resource(ttl=3600, max_entries=64, show_spinner=False)
def _figure(k: cache.Keys, account_key: str, today: date, lang: str, client: bool = False):
    """The map (tens of ms to lay out and build), kept built: see cache.py on figures.
    ``client``: the map without our judgements of their people (presenting to the client)."""
    d = cache.relationships(k, account_key, today)
    high = {w["contact_id"] for w in d["warns"] if w["severity"] == "high" and w["contact_id"]}
    title = t("rel.map.title", lang)
    return relmap.figure(
        d["every"],
        d["cov"],
        d["lines"],
        d["people"],
        lang,
        title=title,
        warned_ids=set() if client else high,
        client=client,
    )


def render(ctx, key: str) -> None:
    k, now = cache.keys(ctx), today()
    d = cache.relationships(k, key, now)
    every, people, warns = d["every"], d["people"], d["warns"]
    active = every[every["archived_at"].isna()]
    if not ctx.client:  # who last edited our map: internal bookkeeping
        by, at = d["last_edit"]
        last_edit_caption(ctx, by, at)
    fig = _figure(k, key, now, ctx.lang, ctx.client)
    with st.container(horizontal=True, horizontal_alignment="center"):
        st.plotly_chart(
            fig,
            width="content",
            key="acc_relmap",
            config={"displayModeBar": False, "scrollZoom": False},
        )
    if ctx.client:  # people and reporting lines only: no warnings, no coverage gaps, no editing
        st.caption(ctx.t("pr.map.legend"))
        return
    st.caption(ctx.t("rel.map.legend"))
    if warns:
        with st.container(border=True):
            st.markdown("**" + ctx.t("rel.warnings") + "**")
            for w in warns:
                icon = ":material/error:" if w["severity"] == "high" else ":material/schedule:"
                st.markdown(f"{icon} " + _warning_text(ctx, w))
    if ctx.read_only(key):  # presenting, or a role that does not edit this account
        return
    _table_editor(ctx, key, active)
    c1, c2 = st.columns(2)
    with c1:
        _contact_form(ctx, key, active)
    with c2:
        _coverage_form(ctx, key, active, people)
        _influence_form(ctx, key, active)
        _archive_form(ctx, key, active)
    privacy_ui.section(ctx, key, every)  # export / erase a contact's personal data (issue 12)


def _table_editor(ctx, key, active: pd.DataFrame) -> None:
    st.subheader(ctx.t("rel.table"), anchor=False)
    names = dict(zip(active["contact_id"].astype(int), active["name"], strict=False))
    df = active[["contact_id", *rel.CONTACT_FIELDS]].copy()
    df["last_contact"] = pd.to_datetime(df["last_contact"])
    df["reports_to"] = df["reports_to"].astype("float")
    cc = st.column_config
    con, user = ctx.con, ctx.user

    def save_rows(rows):  # every change saved as it is made (F-AC-2), the one table save
        return rel.save_contacts_table(con, key, rows, user)

    table_editor.editor(
        ctx,
        df,
        key=f"rel_editor_{key}",
        num_rows="add",
        save=save_rows,
        column_config={
            "contact_id": None,
            "name": cc.TextColumn(ctx.t("acc.f.name"), required=True, max_chars=120),
            "title": cc.TextColumn(ctx.t("acc.f.title")),
            "department": cc.TextColumn(ctx.t("acc.f.department")),
            "reports_to": cc.SelectboxColumn(
                ctx.t("acc.f.reports_to"),
                options=[float(i) for i in names],
                format_func=lambda i: names.get(int(i), "–"),
            ),
            "buying_role": cc.SelectboxColumn(
                ctx.t("acc.f.buying_role"),
                options=rel.BUYING_ROLES,
                format_func=label_fn(ctx, "rel.role"),
            ),
            "influence": cc.SelectboxColumn(
                ctx.t("acc.f.influence"),
                options=rel.INFLUENCE,
                format_func=label_fn(ctx, "rel.influence"),
            ),
            "stance": cc.SelectboxColumn(
                ctx.t("acc.f.stance"), options=rel.STANCES, format_func=label_fn(ctx, "rel.stance")
            ),
            "last_contact": cc.DateColumn(
                ctx.t("acc.f.last_contact"),
                format="DD/MM/YYYY" if ctx.lang == "es" else "YYYY-MM-DD",
            ),
            "notes": cc.TextColumn(ctx.t("acc.f.notes")),
            "email": cc.TextColumn(ctx.t("acc.f.email"), max_chars=254),
        },
    )


def _contact_form(ctx, key, active: pd.DataFrame) -> None:
    names = dict(zip(active["contact_id"].astype(int), active["name"], strict=False))
    st.subheader(ctx.t("rel.form"), anchor=False)
    cid = st.selectbox(
        ctx.t("rel.form.which"),
        [None] + list(names),
        key=f"rel_which_{key}",
        format_func=lambda i: ctx.t("rel.form.new") if i is None else names[i],
    )
    row = active[active["contact_id"] == cid].iloc[0] if cid is not None else None

    def val(col, default=None):
        if row is None:
            return default
        v = row[col]
        return default if (not isinstance(v, str) and pd.isna(v)) else v

    sfx = f"{key}_{cid or 'new'}"
    with st.form(f"rel_form_{sfx}", clear_on_submit=cid is None, border=True):
        name = st.text_input(ctx.t("acc.f.name"), value=val("name", ""), key=f"rel_name_{sfx}")
        c1, c2 = st.columns(2)
        title = c1.text_input(ctx.t("acc.f.title"), value=val("title", ""), key=f"rel_title_{sfx}")
        dept = c2.text_input(
            ctx.t("acc.f.department"), value=val("department", ""), key=f"rel_dept_{sfx}"
        )
        bosses = [None] + [i for i in names if i != cid]
        boss = val("reports_to")
        reports_to = st.selectbox(
            ctx.t("acc.f.reports_to"),
            bosses,
            key=f"rel_boss_{sfx}",
            index=bosses.index(int(boss)) if boss is not None and int(boss) in bosses else 0,
            format_func=lambda i: ctx.t("rel.nobody") if i is None else names[i],
        )
        c1, c2, c3 = st.columns(3)
        role = c1.selectbox(
            ctx.t("acc.f.buying_role"),
            rel.BUYING_ROLES,
            key=f"rel_role_{sfx}",
            index=rel.BUYING_ROLES.index(val("buying_role", "user")),
            format_func=label_fn(ctx, "rel.role"),
        )
        infl = c2.selectbox(
            ctx.t("acc.f.influence"),
            rel.INFLUENCE,
            key=f"rel_infl_{sfx}",
            index=rel.INFLUENCE.index(val("influence", "medium")),
            format_func=label_fn(ctx, "rel.influence"),
        )
        stance = c3.selectbox(
            ctx.t("acc.f.stance"),
            rel.STANCES,
            key=f"rel_stance_{sfx}",
            index=rel.STANCES.index(val("stance", "neutral")),
            format_func=label_fn(ctx, "rel.stance"),
        )
        last = st.text_input(
            ctx.t("acc.f.last_contact"),
            key=f"rel_last_{sfx}",
            value=date_text(ctx, val("last_contact")),
            placeholder=ctx.t("acc.date_placeholder"),
        )
        notes = st.text_area(
            ctx.t("acc.f.notes"), value=val("notes", ""), key=f"rel_notes_{sfx}", height=68
        )
        email = st.text_input(ctx.t("acc.f.email"), value=val("email", ""), key=f"rel_email_{sfx}")
        label = ctx.t("rel.form.add") if cid is None else ctx.t("rel.form.update")
        if st.form_submit_button(label, key=f"rel_submit_{sfx}", icon=":material/person_add:"):
            data = {
                "name": name,
                "title": title,
                "department": dept,
                "reports_to": reports_to,
                "buying_role": role,
                "influence": infl,
                "stance": stance,
                "last_contact": last,
                "notes": notes,
                "email": email,
            }
            save(ctx, rel.save_contact, ctx.con, key, data, ctx.user, contact_id=cid)


def _coverage_form(ctx, key, active, people) -> None:
    names = dict(zip(active["contact_id"].astype(int), active["name"], strict=False))
    pnames = dict(zip(people["person_id"].astype(int), people["name"], strict=False))
    if not names or not pnames:
        return
    with st.form(f"rel_cov_{key}", border=True):
        st.markdown("**" + ctx.t("rel.cov.title") + "**")
        c1, c2 = st.columns(2)
        cid = c1.selectbox(
            ctx.t("rel.contact"), list(names), format_func=names.get, key=f"rel_cov_contact_{key}"
        )
        pid = c2.selectbox(
            ctx.t("acc.f.person"), list(pnames), format_func=pnames.get, key=f"rel_cov_person_{key}"
        )
        c1, c2 = st.columns(2)
        cur = c1.selectbox(
            ctx.t("acc.f.level_current"),
            rel.LEVELS,
            index=2,
            format_func=label_fn(ctx, "rel.level"),
            key=f"rel_cov_cur_{key}",
        )
        des = c2.selectbox(
            ctx.t("acc.f.level_desired"),
            rel.LEVELS,
            index=3,
            format_func=label_fn(ctx, "rel.level"),
            key=f"rel_cov_des_{key}",
        )
        if st.form_submit_button(ctx.t("rel.cov.save"), key=f"rel_cov_submit_{key}"):
            save(ctx, rel.set_coverage, ctx.con, key, cid, pid, cur, des, ctx.user)


def _influence_form(ctx, key, active) -> None:
    names = dict(zip(active["contact_id"].astype(int), active["name"], strict=False))
    if len(names) < 2:
        return
    with st.form(f"rel_infl_form_{key}", border=True):
        st.markdown("**" + ctx.t("rel.infl.title") + "**")
        c1, c2 = st.columns(2)
        a = c1.selectbox(
            ctx.t("rel.infl.from"), list(names), format_func=names.get, key=f"rel_infl_from_{key}"
        )
        b = c2.selectbox(
            ctx.t("rel.infl.to"),
            list(names),
            format_func=names.get,
            index=1,
            key=f"rel_infl_to_{key}",
        )
        c1, c2 = st.columns(2)
        if c1.form_submit_button(ctx.t("rel.infl.add"), key=f"rel_infl_add_{key}"):
            save(ctx, rel.add_influence, ctx.con, key, a, b, ctx.user)
        if c2.form_submit_button(ctx.t("rel.infl.remove"), key=f"rel_infl_rm_{key}"):
            save(ctx, rel.remove_influence, ctx.con, key, a, b, ctx.user)


def _archive_form(ctx, key, active) -> None:
    names = dict(zip(active["contact_id"].astype(int), active["name"], strict=False))
    if not names:
        return
    with st.form(f"rel_archive_{key}", border=True):
        st.markdown("**" + ctx.t("rel.archive.title") + "**")
        cid = st.selectbox(
            ctx.t("rel.contact"),
            list(names),
            format_func=names.get,
            key=f"rel_archive_contact_{key}",
        )
        st.caption(ctx.t("rel.archive.help"))
        if st.form_submit_button(
            ctx.t("rel.archive.button"),
            key=f"rel_archive_submit_{key}",
            icon=":material/inventory_2:",
        ):
            save(ctx, rel.archive_contact, ctx.con, key, cid, ctx.user)
