"""KAM team: workload against capacity, unassigned key accounts and suggested reassignments,
relationship risk per KAM, account teams and people."""

import streamlit as st

from kam_core.ui import team_view, warnings_view
from kam_core.ui.empty import require_data
from kam_core.ui.filters import filter_bar, period_label
from kam_core.ui.sections import sections
from kam_core.ui.setup import page_setup

ctx = page_setup("team")
require_data(ctx)
filters = filter_bar(ctx, dimensions=False)
st.title(ctx.t("team.title"), anchor=False)
st.caption(ctx.t("team.caption", period=period_label(ctx, filters)))
data = team_view.data(ctx, filters)


def workload():
    team_view.kpis(ctx, data)
    team_view.workload(ctx, data)


def unassigned():
    if ctx.present:  # the assignment form writes
        team_view.unassigned(ctx, data)
        return
    c1, c2 = st.columns([3, 2])
    with c1:
        team_view.unassigned(ctx, data)
    with c2:
        team_view.assignments(ctx, data)


# Presenting: one section per screen (F-PR-1); never shown to a client audience (setup).
sections(
    ctx,
    [
        ("pr.team.workload", workload),
        ("pr.team.unassigned", unassigned),
        ("pr.team.risk", lambda: team_view.risk(ctx, data)),
        ("pr.team.warnings", lambda: warnings_view.per_kam(ctx, filters)),  # per lead KAM
        ("pr.team.people", lambda: team_view.people_section(ctx, data)),
    ],
)
