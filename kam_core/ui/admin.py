"""The admin page (issue 12): users and roles, and the audit log with its filters; plus the audit
history an account page shows for its own account.

Every value shown comes from the database and may be user text (names, notes, file names): it
goes into dataframes (never markdown) or through :func:`kam_core.ui.text.plain`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from kam_core.common import export
from kam_core.common.errors import CarteraError
from kam_core.i18n import fmt_date, has
from kam_core.store import audit, users
from kam_core.team import roster
from kam_core.ui.flash import flash
from kam_core.ui.text import plain

_MAX_VALUE = 80  # characters of one value in the change column (the CSV has everything)


# ---------------------------------------------------------------- users
def users_section(ctx) -> None:
    st.subheader(ctx.t("au.users.title"), anchor=False)
    if not ctx.signed_in:
        st.info(ctx.t("au.users.local"), icon=":material/info:")
    df = users.list_users(ctx.con)
    if df.empty:
        st.caption(ctx.t("au.users.none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    ctx.t("au.f.email"): df["email"],
                    ctx.t("au.f.name"): df["name"].fillna(""),
                    ctx.t("au.f.role"): [ctx.t(f"au.role.{r}") for r in df["role"]],
                    ctx.t("au.f.person"): df["person"].fillna("–"),
                    ctx.t("au.f.updated"): [
                        f"{fmt_date(a, ctx.lang)} · {b}"
                        for a, b in zip(df["updated_at"], df["updated_by"])
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            key="au_users_table",
        )
    if ctx.present:
        return
    c1, c2 = st.columns([3, 2])
    with c1:
        _user_form(ctx)
    with c2:
        _remove_form(ctx, df)


def _user_form(ctx) -> None:
    people = roster.people(ctx.con)
    pnames = dict(zip(people["person_id"].astype(int), people["name"]))
    with st.form("au_user_form", clear_on_submit=True, border=True):
        st.markdown("**" + ctx.t("au.users.add") + "**")
        st.caption(
            "  \n".join(
                f"**{ctx.t(f'au.role.{r}')}**: {ctx.t(f'au.role.{r}.help')}" for r in users.ROLES
            )
        )
        c1, c2 = st.columns(2)
        email = c1.text_input(ctx.t("au.f.email"), key="au_email", placeholder="ana@example.com")
        name = c2.text_input(ctx.t("au.f.name"), key="au_name")
        c1, c2 = st.columns(2)
        role = c1.selectbox(
            ctx.t("au.f.role"),
            users.ROLES,
            index=users.ROLES.index("kam"),
            format_func=lambda r: ctx.t(f"au.role.{r}"),
            key="au_role",
        )
        person = c2.selectbox(
            ctx.t("au.f.person"),
            [None, *pnames],
            format_func=lambda p: "–" if p is None else pnames[p],
            key="au_person",
            help=ctx.t("au.f.person.help"),
        )
        if st.form_submit_button(ctx.t("au.users.save"), icon=":material/person_add:"):
            try:
                new = users.save(ctx.con, email, role, ctx.user, name=name, person=person)
            except CarteraError as exc:
                st.error(exc.render(ctx.lang, escape=plain), icon=":material/error:")
                return
            key = "au.users.added" if new else "au.users.updated"
            flash(ctx.t(key, email=plain(email.strip().lower())))
            st.rerun()


def _remove_form(ctx, df: pd.DataFrame) -> None:
    if df.empty:
        return
    with st.form("au_remove_form", border=True):
        st.markdown("**" + ctx.t("au.users.remove") + "**")
        email = st.selectbox(ctx.t("au.f.email"), list(df["email"]), key="au_remove_email")
        sure = st.checkbox(ctx.t("au.users.remove.confirm"), key="au_remove_sure")
        if st.form_submit_button(ctx.t("au.users.remove.button"), icon=":material/person_remove:"):
            if not sure:
                st.warning(ctx.t("au.users.remove.confirm"))
                return
            try:
                users.remove(ctx.con, email, ctx.user)
            except CarteraError as exc:
                st.error(exc.render(ctx.lang, escape=plain), icon=":material/error:")
                return
            flash(ctx.t("au.users.removed", email=plain(email)))
            st.rerun()


# ---------------------------------------------------------------- audit log
def _label(ctx, prefix: str, code) -> str:
    key = f"{prefix}.{code}"
    return ctx.t(key) if has(key) else str(code)


def _short(value) -> str:
    if value is None:
        return "–"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def change_text(before, after) -> str:
    """``field: old → new`` for every value of an entry (one line, for the table)."""
    b = (json.loads(before) if isinstance(before, str) else None) or {}  # NULL: NaN or None
    a = (json.loads(after) if isinstance(after, str) else None) or {}
    keys = list(dict.fromkeys([*b, *a]))
    if not keys:
        return ""
    return "; ".join(f"{k}: {_short(b.get(k))} → {_short(a.get(k))}" for k in keys)


def _view(ctx, df: pd.DataFrame, with_account: bool = True) -> pd.DataFrame:
    out = {
        ctx.t("au.col.when"): [
            f"{fmt_date(w, ctx.lang)} {pd.Timestamp(w):%H:%M}" for w in df["changed_at"]
        ],
        ctx.t("au.col.who"): df["actor"],
        ctx.t("au.col.action"): [_label(ctx, "au.act", a) for a in df["action"]],
        ctx.t("au.col.what"): [_label(ctx, "au.ent", e) for e in df["entity"]],
        ctx.t("au.col.key"): df["entity_key"].fillna(""),
    }
    if with_account:
        out[ctx.t("au.col.account")] = df["account"].fillna("")
    out[ctx.t("au.col.change")] = [
        change_text(b, a) for b, a in zip(df["before_values"], df["after_values"])
    ]
    return pd.DataFrame(out)


def _download(ctx, df: pd.DataFrame, key: str) -> None:
    if ctx.present or df.empty:
        return
    full = _view(ctx, df).assign(
        **{
            ctx.t("au.col.before"): df["before_values"].fillna("").astype(str).to_numpy(),
            ctx.t("au.col.after"): df["after_values"].fillna("").astype(str).to_numpy(),
        }
    )
    st.download_button(
        ctx.t("ui.export.csv"),
        lambda: export.to_csv(full, ctx.lang),
        file_name="cartera_audit.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_csv",
    )


def audit_section(ctx) -> None:
    st.subheader(ctx.t("au.log.title"), anchor=False)
    st.caption(ctx.t("au.log.intro"))
    opts = audit.choices(ctx.con)
    c = st.columns([2, 2, 2, 2])
    actor = c[0].selectbox(
        ctx.t("au.col.who"), [None, *opts["actor"]], format_func=_all(ctx), key="au_f_actor"
    )
    entity = c[1].selectbox(
        ctx.t("au.col.what"),
        [None, *opts["entity"]],
        format_func=_all(ctx, "au.ent"),
        key="au_f_entity",
    )
    action = c[2].selectbox(
        ctx.t("au.col.action"),
        [None, *opts["action"]],
        format_func=_all(ctx, "au.act"),
        key="au_f_action",
    )
    account = c[3].text_input(ctx.t("au.col.account"), key="au_f_account").strip()
    c = st.columns([2, 2, 4])
    today = date.today()
    since = c[0].date_input(
        ctx.t("au.f.since"),
        value=today - timedelta(days=90),
        format="DD/MM/YYYY" if ctx.lang == "es" else "YYYY-MM-DD",
        key="au_f_since",
    )
    until = c[1].date_input(
        ctx.t("au.f.until"),
        value=today,
        format="DD/MM/YYYY" if ctx.lang == "es" else "YYYY-MM-DD",
        key="au_f_until",
    )
    text = c[2].text_input(ctx.t("au.f.text"), key="au_f_text").strip()
    df = audit.entries(
        ctx.con,
        actor=actor,
        entity=entity,
        action=action,
        account=account or None,
        since=since,
        until=until,
        text=text or None,
        limit=2000,
    )
    st.caption(ctx.t("au.log.count", n=ctx.num(len(df)), total=ctx.num(audit.count(ctx.con))))
    if df.empty:
        st.info(ctx.t("au.log.empty"))
        return
    st.dataframe(_view(ctx, df), hide_index=True, width="stretch", key="au_log_table")
    _download(ctx, df, "au_log")


def _all(ctx, prefix: str | None = None):
    def fmt(v):
        if v is None:
            return ctx.t("au.f.all")
        return _label(ctx, prefix, v) if prefix else str(v)

    return fmt


def account_history(ctx, key: str) -> None:
    """The account page's History tab: every audited change of this account, newest first."""
    df = audit.entries(ctx.con, account=key, limit=500)
    st.caption(ctx.t("au.history.intro"))
    if df.empty:
        st.info(ctx.t("au.history.empty"))
        return
    st.dataframe(
        _view(ctx, df, with_account=False), hide_index=True, width="stretch", key="au_history"
    )
    _download(ctx, df, f"au_history_{key}")
