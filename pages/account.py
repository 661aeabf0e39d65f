"""Account 360: header KPIs, relationship map, account plan, activity log and health of one account.

``/account?account=KEY`` opens that account; without a key the top key account opens.
"""

import streamlit as st

from kam_core.ui import account_activity, account_header, account_plan, account_relationships
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, period_label
from kam_core.ui.setup import page_setup

ctx = page_setup("account")
require_data(ctx)
filters = filter_bar(ctx, dimensions=False)
key = account_header.pick_account(ctx, filters)
if key is None:
    st.info(ctx.t("acc.no_accounts"))
    st.stop()
account_header.render(ctx, key, filters, period_label(ctx, filters))

tabs = st.tabs(
    [
        ctx.t("acc.tab.relationships"),
        ctx.t("acc.tab.plan"),
        ctx.t("acc.tab.activity"),
        ctx.t("acc.tab.health"),
    ]
)
with tabs[0]:
    account_relationships.render(ctx, key)
with tabs[1]:
    account_plan.render(ctx, key)
with tabs[2]:
    account_activity.render_activity(ctx, key)
with tabs[3]:
    account_activity.render_health(ctx, key)
