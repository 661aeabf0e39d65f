"""Backups on screen (issue 14): the Settings page's list with "back up now" and "restore", and
the page shown instead of a blank one when the database file cannot be used.

Every path and file name is user-controlled text (the database path comes from the environment):
it goes through :func:`kam_core.ui.text.plain` before markdown. A restore clears every cached
figure (a restored database may reuse a data version the caches have seen).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kam_core.common.errors import (
    CarteraError,
    DatabaseDamagedError,
    DatabaseFileError,
    SchemaTooNewError,
)
from kam_core.i18n import fmt_date, fmt_num, t
from kam_core.store import backup, db
from kam_core.ui.flash import flash
from kam_core.ui.text import plain


def _when(b: backup.Backup, lang: str) -> str:
    return f"{fmt_date(b.created, lang)} {b.created:%H:%M:%S}"


def _label(b: backup.Backup, lang: str) -> str:
    return f"{_when(b, lang)} · {t(f'hd.reason.{b.reason}', lang)}"


def damaged_page(lang: str, exc: DatabaseFileError, forget_connection) -> None:
    """What a page shows when the database cannot be opened: the reason, what to do, and the
    latest backup to restore (the damaged file is kept aside first). Stops the page."""
    st.title(t("hd.ui.damaged_title", lang))
    st.error(exc.render(lang, escape=plain), icon=":material/database_off:")
    path = exc.path or db.db_path()
    if not isinstance(exc, (DatabaseDamagedError, SchemaTooNewError)):
        st.stop()  # permissions: a backup would not help; the message says what to check
    latest = backup.latest(path)
    if latest is None:
        st.info(t("hd.ui.no_backup", lang, folder=plain(str(backup.folder(path)))))
        st.stop()
    label = t("hd.ui.restore_latest", lang, when=_when(latest, lang), reason=_reason(latest, lang))
    if st.button(
        label,
        type="primary",
        icon=":material/settings_backup_restore:",
        help=t("hd.ui.restore_help", lang),
        key="hd_restore_latest",
    ):
        try:
            kept, _ = backup.restore_path(path, latest.path)
        except CarteraError as err:
            st.error(err.render(lang, escape=plain))
            st.stop()
        forget_connection()
        st.cache_data.clear()
        flash(
            t("hd.ui.restored_file", lang, when=_when(latest, lang), kept=plain(kept.name)),
        )
        st.rerun()
    st.stop()


def _reason(b: backup.Backup, lang: str) -> str:
    return t(f"hd.reason.{b.reason}", lang)


def settings_section(ctx) -> None:
    """The Settings page's backups: list, back up now, restore one (reversible)."""
    path = db.file_of(ctx.con)
    st.subheader(ctx.t("hd.sp.backups"))
    if not path:
        st.caption(ctx.t("hd.err.backup_memory"))
        return
    st.caption(ctx.t("hd.sp.backups.intro", folder=plain(str(backup.folder(path)))))
    found = backup.list_backups(path)
    if not found:
        st.caption(ctx.t("hd.sp.none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    ctx.t("hd.sp.col.when"): [_when(b, ctx.lang) for b in found],
                    ctx.t("hd.sp.col.reason"): [_reason(b, ctx.lang) for b in found],
                    ctx.t("hd.sp.col.size"): [
                        fmt_num(b.size / 1_048_576, ctx.lang, 1) for b in found
                    ],
                    ctx.t("hd.sp.col.file"): [b.path.name for b in found],
                }
            ),
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(found), 320),
        )
    if ctx.present:
        return
    if st.button(ctx.t("hd.sp.backup_now"), key="hd_backup_now", icon=":material/backup:"):
        try:
            made = backup.make(ctx.con, "manual", user=ctx.user)
        except CarteraError as exc:
            st.error(exc.render(ctx.lang, escape=plain))
        else:
            flash(ctx.t("hd.sp.backed_up", file=plain(made.name)))
            st.rerun()
    restorable = [b for b in found if b.reason != "damaged"]
    if restorable:
        _restore_form(ctx, restorable)


def _restore_form(ctx, found: list[backup.Backup]) -> None:
    by_name = {b.path.name: b for b in found}
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    name = c1.selectbox(
        ctx.t("hd.sp.pick"),
        list(by_name),
        format_func=lambda n: _label(by_name[n], ctx.lang),
        key="hd_restore_pick",
    )
    sure = st.checkbox(ctx.t("hd.sp.confirm"), key="hd_restore_sure")
    if c2.button(
        ctx.t("hd.sp.restore"),
        key="hd_restore",
        disabled=not sure,
        icon=":material/settings_backup_restore:",
    ):
        chosen = by_name[name]
        try:
            undo = backup.restore(ctx.con, chosen.path, ctx.user)
        except CarteraError as exc:
            st.error(exc.render(ctx.lang, escape=plain))
            return
        st.cache_data.clear()
        for key in [k for k in st.session_state if str(k).startswith(("sp_", "hd_restore"))]:
            st.session_state.pop(key, None)  # the settings form shows the restored values
        flash(
            ctx.t(
                "hd.sp.restored",
                when=_when(chosen, ctx.lang),
                undo=plain(undo.name if undo else "–"),
            )
        )
        st.rerun()
