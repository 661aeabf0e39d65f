"""Account 360: header KPIs, relationship map, account plan, activity log and health of one account.

``/account?account=KEY`` opens that account; without a key the top key account opens.
"""

import streamlit as st

from kam_core.ui import (
    account_activity,
    account_client,
    account_header,
    account_plan,
    account_relationships,
    admin,
    exports,
    warnings_view,
)
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, period_label
from kam_core.ui.portfolio_data import lazy_tabs
from kam_core.ui.setup import page_setup

ctx = page_setup("account")
require_data(ctx)
filters = filter_bar(ctx, dimensions=False)
key = account_header.pick_account(ctx, filters)
if key is None:
    st.info(ctx.t("acc.no_accounts"))
    st.stop()
if not ctx.can("read_account", key):  # a KAM limited to their own accounts (a setting)
    st.warning(ctx.t("au.read_denied"), icon=":material/lock:")
    st.stop()
# The header's place is kept and filled after the tabs: presenting, its figures, trend and early
# warnings belong to the first screen (the map), and the other tabs' screens keep one clean
# table or chart under the account's name.
head = st.container()

# Only the open tab runs (bound to ?view=, like the portfolio page): a click costs one tab.
# Presenting to the client: the plan's shared part only, and no health score or edit history.
plan = account_client.plan if ctx.client else account_plan.render
screens = [
    ("acc.tab.relationships", lambda: account_relationships.render(ctx, key)),
    ("acc.tab.plan", lambda: plan(ctx, key)),
    ("acc.tab.activity", lambda: account_activity.render_activity(ctx, key)),
    ("acc.tab.health", lambda: account_activity.render_health(ctx, key)),
    ("au.tab.history", lambda: admin.account_history(ctx, key)),
]
opened = lazy_tabs(ctx, screens[:3] if ctx.client else screens)
full = not ctx.present or opened == "acc.tab.relationships"
with head:
    account_header.render(ctx, key, filters, period_label(ctx, filters), full=full)
    if full and not ctx.client:  # early warnings and our forecast: internal assessments
        warnings_view.account_section(ctx, key, filters)
    exports.account_bar(ctx, key, filters)  # not while presenting (the pack has our assessments)
