"""Cartera router: page config and navigation. Each page does its own set-up (kam_core.ui.setup).

Navigation is drawn here with ``st.page_link`` (translated titles) while ``st.navigation`` only
routes (``position="hidden"``): ``client.showSidebarNavigation = false`` in .streamlit/config.toml
keeps Streamlit's automatic menu of the ``pages/`` folder hidden, even on a server's first request.
"""

import streamlit as st

from kam_core.i18n import t
from kam_core.ui.setup import current_lang, is_present, page_allowed

st.set_page_config(page_title="Cartera", page_icon=":material/donut_large:", layout="wide")

lang = current_lang()
# (file, url path, title key, icon); "/" is the portfolio (PRODUCT.md F-PR-3 fixes these paths).
ROUTES = [
    ("pages/portfolio.py", "portfolio", "nav.portfolio", ":material/leaderboard:"),
    ("pages/tiers.py", "tiers", "nav.tiers", ":material/stacks:"),
    ("pages/account.py", "account", "nav.account", ":material/domain:"),
    ("pages/team.py", "team", "nav.team", ":material/groups:"),
    ("pages/warnings.py", "warnings", "nav.warnings", ":material/notification_important:"),
    ("pages/upload.py", "upload", "nav.upload", ":material/upload_file:"),
    ("pages/accounts.py", "accounts", "nav.accounts", ":material/merge:"),
    ("pages/settings.py", "settings", "nav.settings", ":material/tune:"),
    ("pages/admin.py", "admin", "nav.admin", ":material/admin_panel_settings:"),
]
PAGES = [
    st.Page(path, title=t(key, lang), icon=icon, url_path=url, default=(url == "portfolio"))
    for path, url, key, icon in ROUTES
]
current = st.navigation(PAGES, position="hidden")
# The menu's place is kept at the top of the sidebar and filled after the page has run (also when
# it stops early): the page's own content, and its first chart, reach the browser first.
nav = st.sidebar.container(key="cartera_nav") if not is_present() else None
try:
    current.run()
finally:
    if nav is not None:
        with nav:
            for page, (_, url, _, _) in zip(PAGES, ROUTES):
                if page_allowed(url):  # signed in: only the pages this role opens (issue 12)
                    st.page_link(page)
