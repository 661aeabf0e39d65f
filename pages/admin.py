"""Admin: who may sign in with which role, and the audit log (who changed what, when, from what
to what). Admins only (``page_setup`` turns others away; the core refuses their writes anyway)."""

import streamlit as st

from kam_core.ui import admin
from kam_core.ui.setup import page_setup

ctx = page_setup("admin")
st.title(ctx.t("au.admin.title"), anchor=False)
st.caption(ctx.t("au.admin.intro"))
admin.users_section(ctx)
st.divider()
admin.audit_section(ctx)
