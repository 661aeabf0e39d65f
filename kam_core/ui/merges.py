"""Accounts page pieces (F-IN-5): likely duplicate accounts with their evidence, merged with one
click (or with the surviving name picked first), and the merges made so far, each undone with one
click. In presentation mode the page shows the same facts without a control that writes.

Suggestions are cached on (database path, data version): every merge, unmerge and upload bumps the
version. Pairs a user turned down ("not the same company") are filtered out after the cache, so
turning one down needs no recomputation.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from kam_core.accounts import merge
from kam_core.common.errors import CarteraError
from kam_core.i18n import fmt_date
from kam_core.store import db
from kam_core.ui.flash import flash
from kam_core.ui.setup import _connection
from kam_core.ui.text import plain

PAGE_SIZE = 10


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _suggestions(path: str, version: int) -> list[dict]:
    return merge.suggestions_all(_connection(path))


def suggestions(ctx) -> list[dict]:
    """The groups to confirm, most confident first (cached; dismissed pairs left out)."""
    groups = _suggestions(db.db_path(), ctx.data_version)
    return merge.without_dismissed(groups, merge.dismissed(ctx.con))


def _group_id(group: dict) -> str:
    """A short stable widget-key part for a group (keys are user text of any length)."""
    return hashlib.sha1("\x1f".join(group["accounts"]).encode()).hexdigest()[:12]


def _quarters(ctx, m: dict) -> str:
    if not m["quarters"]:
        return "–"
    span = m["first_quarter"]
    if m["last_quarter"] != m["first_quarter"]:
        span = f"{m['first_quarter']} – {m['last_quarter']}"
    return ctx.t("mg.quarters", span=span, n=ctx.num(len(m["quarters"])))


def _members_table(ctx, group: dict) -> pd.DataFrame:
    members = group["members"]
    compared = group["evidence"].get("normalised", {})
    return pd.DataFrame(
        {
            ctx.t("mg.col.name"): [m["name"] for m in members],
            ctx.t("mg.col.key"): [m["key"] for m in members],
            ctx.t("mg.col.compared"): [compared.get(m["key"], "") for m in members],
            ctx.t("mg.col.revenue"): [ctx.money(m["revenue"]) for m in members],
            ctx.t("mg.col.lines"): [ctx.num(m["lines"]) for m in members],
            ctx.t("mg.col.quarters"): [_quarters(ctx, m) for m in members],
            ctx.t("mg.col.product_lines"): [", ".join(m["product_lines"]) for m in members],
            ctx.t("mg.col.regions"): [", ".join(m["regions"]) for m in members],
        }
    )


def _evidence_line(ctx, group: dict) -> str:
    ev = group["evidence"]
    reasons = [ctx.t(f"mg.reason.{r}") for r in merge.reasons(group)]
    if ev.get("typo_distance"):
        reasons.append(ctx.t("mg.typo_edits", n=ev["typo_distance"]))
    return ctx.t("mg.group.head", pct=ctx.pct(group["score"], 0), reasons=" · ".join(reasons))


def _run(ctx, action, message: str) -> None:
    """Run one write; flash its message and rerun, or show the domain error in place."""
    try:
        action()
    except CarteraError as exc:
        st.error(exc.render(ctx.lang, escape=plain))
        return
    flash(message)
    st.rerun()


def _group_controls(ctx, group: dict, gid: str) -> None:
    names = group["names"]
    keys = group["accounts"]
    c1, c2, c3 = st.columns([3, 1.2, 1.2], vertical_alignment="bottom")
    survivor = c1.radio(
        ctx.t("mg.pick"),
        keys,
        format_func=lambda k: plain(names[k]) if names[k] == k else plain(f"{names[k]} ({k})"),
        horizontal=True,
        key=f"mg_pick_{gid}",
        help=ctx.t("mg.pick.help"),
    )
    others = [k for k in keys if k != survivor]
    if c2.button(ctx.t("mg.merge"), type="primary", icon=":material/merge:", key=f"mg_merge_{gid}"):
        _run(
            ctx,
            lambda: merge.merge(ctx.con, [survivor, *others], ctx.user, score=group["score"]),
            ctx.t(
                "mg.merged",
                others=", ".join(ctx.t("mg.quoted", name=plain(names[k])) for k in others),
                survivor=plain(names[survivor]),
            ),
        )
    if c3.button(ctx.t("mg.dismiss"), icon=":material/call_split:", key=f"mg_dismiss_{gid}"):
        _run(
            ctx,
            lambda: merge.dismiss(ctx.con, keys, ctx.user),
            ctx.t("mg.dismissed", survivor=plain(names[keys[0]])),
        )


def suggestions_section(ctx, groups: list[dict]) -> None:
    """Each group in a box: its score and reasons, one row per account, and (outside
    presentation mode) the surviving name, Merge and Not the same."""
    st.subheader(ctx.t("mg.suggestions"), anchor=False)
    if not groups:
        st.success(ctx.t("mg.none"), icon=":material/check_circle:")
        return
    st.caption(ctx.t("mg.suggestions.help", n=ctx.num(len(groups))))
    shown = st.session_state.setdefault("mg_shown", PAGE_SIZE)
    for group in groups[:shown]:
        gid = _group_id(group)
        with st.container(border=True, key=f"mg_group_{gid}"):
            st.markdown(_evidence_line(ctx, group))
            st.dataframe(_members_table(ctx, group), hide_index=True, width="stretch")
            if not ctx.present and ctx.can("merge_accounts"):
                _group_controls(ctx, group, gid)
    if len(groups) > shown:
        if st.button(
            ctx.t("mg.more", n=ctx.num(min(PAGE_SIZE, len(groups) - shown))), key="mg_more"
        ):
            st.session_state["mg_shown"] = shown + PAGE_SIZE
            st.rerun()


def _status(ctx, r) -> str:
    if r.active:
        return ctx.t("mg.status.active")
    return ctx.t(
        "mg.status.undone", when=fmt_date(r.unmerged_at, ctx.lang), by=r.unmerged_by or "–"
    )


def history_section(ctx) -> None:
    """Every merge, newest first; one in force is undone with Unmerge."""
    st.subheader(ctx.t("mg.history"), anchor=False)
    h = merge.history(ctx.con)
    if h.empty:
        st.caption(ctx.t("mg.history.empty"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                ctx.t("mg.h.when"): [f"{fmt_date(d, ctx.lang)} {d:%H:%M}" for d in h["merged_at"]],
                ctx.t("mg.h.status"): [_status(ctx, r) for r in h.itertuples()],
                ctx.t("mg.h.survivor"): h["survivor_name"],
                ctx.t("mg.h.merged"): h["merged_name"],
                ctx.t("mg.h.merged_key"): h["merged_key"],
                ctx.t("mg.h.lines"): [ctx.num(v) for v in h["lines_moved"]],
                ctx.t("mg.h.revenue"): [ctx.money(v) for v in h["revenue_moved"]],
                ctx.t("mg.h.kept"): [ctx.num(v) for v in h["kept"]],
                ctx.t("mg.h.by"): h["merged_by"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            ctx.t("mg.h.kept"): st.column_config.TextColumn(help=ctx.t("mg.h.kept.help"))
        },
    )
    active = h[h["active"]]
    if ctx.present or active.empty or not ctx.can("merge_accounts"):
        return
    rows = {r.merged_key: r for r in active.itertuples()}
    labels = {
        k: ctx.t("mg.unmerge.option", merged=r.merged_name, survivor=r.survivor_name)
        for k, r in rows.items()
    }
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    key = c1.selectbox(
        ctx.t("mg.unmerge.pick"), list(labels), format_func=labels.get, key="mg_unmerge_pick"
    )
    if c2.button(ctx.t("mg.unmerge"), icon=":material/undo:", key="mg_unmerge"):
        _run(
            ctx,
            lambda: merge.unmerge(ctx.con, key, ctx.user),
            ctx.t(
                "mg.unmerged",
                merged=plain(rows[key].merged_name),
                survivor=plain(rows[key].survivor_name),
            ),
        )
