"""Cartera router: page config and navigation. Each page does its own set-up (kam_core.ui.setup)."""

import streamlit as st

from kam_core.i18n import t
from kam_core.ui.setup import current_lang

st.set_page_config(page_title="Cartera", page_icon=":material/donut_large:", layout="wide")

lang = current_lang()
PAGES = [
    st.Page("pages/portfolio.py", title=t("nav.portfolio", lang), icon=":material/leaderboard:",
            url_path="portfolio", default=True),
    st.Page("pages/tiers.py", title=t("nav.tiers", lang), icon=":material/stacks:",
            url_path="tiers"),
    st.Page("pages/account.py", title=t("nav.account", lang), icon=":material/domain:",
            url_path="account"),
    st.Page("pages/team.py", title=t("nav.team", lang), icon=":material/groups:",
            url_path="team"),
    st.Page("pages/upload.py", title=t("nav.upload", lang), icon=":material/upload_file:",
            url_path="upload"),
    st.Page("pages/settings.py", title=t("nav.settings", lang), icon=":material/tune:",
            url_path="settings"),
]
st.navigation(PAGES, position="hidden" if st.session_state.get("present") else "sidebar").run()
