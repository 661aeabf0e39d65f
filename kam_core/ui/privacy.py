"""A contact's personal data on request (issue 12), under the relationship map: export (JSON,
built when the button is clicked, and audited) and erase (anonymise, asks first). Shown only to
roles that may (``export_contact`` / ``erase_contact``); the core checks again."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from kam_core.accounts import privacy
from kam_core.ui.account_common import save


def section(ctx, key: str, every: pd.DataFrame) -> None:
    can_export = ctx.can("export_contact", key)
    can_erase = ctx.can("erase_contact", key)
    if not (can_export or can_erase) or every.empty:
        return
    people = {
        int(r.contact_id): r.name
        for r in every.itertuples()
        if r.name != privacy.token(r.contact_id)  # already erased
    }
    if not people:
        return
    with st.expander(ctx.t("au.priv.title"), icon=":material/shield_person:"):
        st.caption(ctx.t("au.priv.help"))
        cid = st.selectbox(
            ctx.t("rel.contact"), list(people), format_func=people.get, key=f"au_priv_{key}"
        )
        c1, c2 = st.columns(2)
        if can_export:
            stem = re.sub(r"[^\w-]+", "_", f"contact_{cid}").strip("_")
            c1.download_button(
                ctx.t("au.priv.export"),
                lambda: privacy.export_json(privacy.export_contact(ctx.con, key, cid, ctx.user)),
                file_name=f"{stem}.json",
                mime="application/json",
                on_click="ignore",
                icon=":material/download:",
                key=f"au_priv_export_{key}",
            )
        if can_erase:
            sure = c2.checkbox(ctx.t("au.priv.confirm"), key=f"au_priv_sure_{key}_{cid}")
            if c2.button(
                ctx.t("au.priv.erase"),
                icon=":material/person_remove:",
                disabled=not sure,
                key=f"au_priv_erase_{key}",
            ):
                save(
                    ctx, privacy.erase_contact, ctx.con, key, cid, ctx.user, ok_key="au.priv.erased"
                )
