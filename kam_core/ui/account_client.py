"""The account plan as a client may see it (presentation mode, audience client; F-PR-1).

The plan tab (``account_plan``) is our working document: SWOT, competitors and their threat,
opportunities in our pipeline, risks, stale-section flags and who edited what. In front of the
client only the neutral, shared part shows: this year's revenue objectives with their progress,
and the actions still open (what, who, by when, status), without overdue colouring.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kam_core.accounts import plans
from kam_core.ui import cache
from kam_core.ui.account_common import today
from kam_core.ui.portfolio_data import fmt_table


def plan(ctx, key: str) -> None:
    year = today().year
    data = cache.plan(cache.keys(ctx), key, year)
    objectives, actions = data["items"]["objectives"], data["items"]["actions"]
    p = plans.progress(objectives, data["actual"], data["quarters"])
    st.subheader(f"{ctx.t('plan.sec.objectives')} {year}", anchor=False)
    c = st.columns(3)
    c[0].metric(ctx.t("plan.target"), ctx.money(p["target"], compact=True) if p["target"] else "–")
    c[1].metric(ctx.t("plan.actual", year=year), ctx.money(data["actual"], compact=True))
    c[2].metric(
        ctx.t("plan.progress"), ctx.pct(p["progress"], 0) if p["progress"] is not None else "–"
    )
    if objectives.empty:
        st.caption(ctx.t("pr.acc.no_objectives", year=year))
    else:
        _table(
            ctx,
            objectives,
            [
                ("description", "plan.f.objective", "text"),
                ("revenue_target", "plan.f.revenue_target", "money"),
            ],
            f"pr_objectives_{key}",
        )
    st.subheader(ctx.t("pr.acc.open_actions"), anchor=False)
    still_open = actions[actions["status"] != "done"] if not actions.empty else actions
    if still_open.empty:
        st.caption(ctx.t("pr.acc.no_open_actions"))
        return
    shown = still_open.assign(
        status=[ctx.t(f"plan.status.{s}") for s in still_open["status"]],
        owner=still_open["owner"].fillna("–"),
    ).sort_values("due_date", na_position="last")
    _table(
        ctx,
        shown,
        [
            ("description", "plan.f.action", "text"),
            ("owner", "plan.f.owner", "text"),
            ("due_date", "plan.f.due_date", "date"),
            ("status", "plan.f.status", "text"),
        ],
        f"pr_actions_{key}",
    )


def _table(ctx, df: pd.DataFrame, spec, key: str) -> None:
    view = fmt_table(ctx, df.reset_index(drop=True), spec)
    st.dataframe(view, hide_index=True, width="stretch", key=key)
