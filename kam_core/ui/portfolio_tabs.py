"""The portfolio page's screens, one function per tab, so each can be presented alone."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from kam_core.analytics import bridge, metrics, trends
from kam_core.charts import portfolio as portfolio_charts
from kam_core.common.quarter import quarters_between, shift_quarter
from kam_core.portfolio import periods, reads
from kam_core.portfolio.periods import Filters
from kam_core.ui import portfolio_data as data
from kam_core.ui.filters import period_label
from kam_core.ui.sections import sections
from kam_core.ui.tables import show_table
from kam_core.ui.text import plain


def risk_callouts(ctx, summ: dict, pt, cfg: dict) -> None:
    """Concentration warnings: major customers (>= threshold) and the HHI band."""
    major = metrics.major_customers(pt, cfg["major_customer_share"])
    for _, r in major.iterrows():
        st.warning(
            ctx.t(
                "pa.risk.major",
                name=plain(r["account_name"]),
                share=ctx.pct(r["share"]),
                pct=ctx.pct(cfg["major_customer_share"], 0),
            ),
            icon=":material/warning:",
        )
    band = metrics.hhi_band(summ["hhi"], cfg["hhi_moderate"], cfg["hhi_high"])
    if band != "low":
        st.warning(
            ctx.t(
                f"pa.risk.hhi_{band}",
                hhi=ctx.num(summ["hhi"]),
                eff=ctx.num(summ["effective_accounts"], 1),
            ),
            icon=":material/warning:",
        )


def pareto_tab(ctx, summ: dict, pt, cfg: dict, fig=None) -> None:
    """``fig``: the page's cached Pareto figure of this selection (else built here)."""
    pct_a = ctx.pct(cfg["pareto_a"], 0)
    headline = "pa.headline.one" if summ["accounts_to_80"] == 1 else "pa.headline"
    st.markdown(
        ctx.t(
            headline,
            k=ctx.num(summ["accounts_to_80"]),
            share=ctx.pct(summ["share_accounts_to_80"]),
            pct=pct_a,
        )
    )
    if fig is None:
        fig = portfolio_charts.pareto_figure(
            pt, ctx.lang, int(cfg["pareto_top_n"]), cfg["pareto_a"], cfg["pareto_b"]
        )
    st.plotly_chart(fig, key="pa_pareto")
    abc = summ["abc"]
    cols = st.columns(3)
    for col, tier in zip(cols, ("A", "B", "C"), strict=True):
        col.metric(
            ctx.t(f"pa.tier.{tier}"),
            ctx.num(abc[tier]["count"]),
            help=ctx.t("pa.tier.help", share=ctx.pct(abc[tier]["revenue_share"])),
        )
        col.caption(ctx.t("pa.tier.caption", share=ctx.pct(abc[tier]["revenue_share"])))


def concentration_tab(ctx, summ: dict, pt, cfg: dict) -> None:
    c = st.columns(4)
    c[0].metric(ctx.t("pa.conc.gini"), ctx.num(summ["gini"], 2), help=ctx.t("pa.conc.gini.help"))
    c[1].metric(
        ctx.t("pa.conc.hhi"),
        ctx.num(summ["hhi"]),
        help=ctx.t(
            "pa.conc.hhi.help", moderate=ctx.num(cfg["hhi_moderate"]), high=ctx.num(cfg["hhi_high"])
        ),
    )
    c[2].metric(
        ctx.t("pa.conc.effective"),
        ctx.num(summ["effective_accounts"], 1),
        help=ctx.t("pa.conc.effective.help"),
    )
    band = metrics.hhi_band(summ["hhi"], cfg["hhi_moderate"], cfg["hhi_high"])
    c[3].metric(ctx.t("pa.conc.band"), ctx.t(f"pa.conc.band.{band}"))
    top = summ["top_shares"]
    t = st.columns(4)
    for col, n in zip(t, ("1", "5", "10", "20"), strict=True):
        label = ctx.t("pa.conc.top1") if n == "1" else ctx.t("pa.conc.top", n=n)
        col.metric(label, ctx.pct(top[n]))
    left, right = st.columns(2)
    left.plotly_chart(
        portfolio_charts.pareto_curve_figure(pt, ctx.lang, cfg["pareto_a"], cfg["pareto_b"]),
        key="pa_curve",
    )
    right.plotly_chart(portfolio_charts.lorenz_figure(pt, ctx.lang), key="pa_lorenz")


def _periods(filters: Filters) -> tuple[Filters, Filters]:
    return periods.previous_period(filters), filters


def trend_tab(ctx, path: str, version: int, filters: Filters) -> None:
    """Presenting: the chart, the quarterly table, the movers, the accounts won and lost, one
    per screen (F-PR-1); otherwise all of them."""

    def chart():
        tr = data.trend(path, version, replace(filters, q_from=None, q_to=None))
        st.plotly_chart(portfolio_charts.trend_figure(tr, ctx.lang), key="pa_trend")
        st.caption(ctx.t("pa.trend.caption"))

    def table():
        tr = data.trend(path, version, replace(filters, q_from=None, q_to=None))
        if ctx.present:  # the chart's caption, on its own screen
            st.caption(ctx.t("pa.trend.caption"))
        st.dataframe(
            data.fmt_table(
                ctx,
                tr.iloc[::-1],
                [
                    ("quarter", "pa.col.quarter", "text"),
                    ("revenue", "pa.col.revenue", "money"),
                    ("qoq", "pa.trend.qoq", "pct_signed"),
                    ("yoy", "pa.trend.yoy", "pct_signed"),
                    ("accounts", "pa.trend.accounts", "int"),
                ],
            ),
            hide_index=True,
        )

    prev, cur = _periods(filters)
    screens = [("pr.trend.chart", chart), ("pr.trend.table", table)]
    if not ctx.present:
        screens.append(("pr.trend.movers", lambda: _changes(ctx, path, version, prev, cur)))
    else:
        screens += [
            ("pr.trend.movers", lambda: _changes(ctx, path, version, prev, cur, "movers")),
            ("pr.trend.won_lost", lambda: _changes(ctx, path, version, prev, cur, "won_lost")),
        ]
    sections(ctx, screens)


def _changes(ctx, path: str, version: int, prev: Filters, cur: Filters, part=None) -> None:
    """Accounts that moved most, and accounts won and lost, from ``prev`` to ``cur``; ``part``:
    only ``"movers"`` or ``"won_lost"`` (each under the period's title)."""
    start = data.revenue(path, version, prev)
    end = data.revenue(path, version, cur)
    st.subheader(
        ctx.t("pa.movers.title", before=period_label(ctx, prev), after=period_label(ctx, cur))
    )
    if start.empty:
        st.info(ctx.t("pa.movers.no_previous", period=period_label(ctx, prev)))
        return
    names = data.attributes(path, version)
    spec = [
        ("account_name", "pa.col.account", "text"),
        ("start", "pa.col.before", "compact"),
        ("end", "pa.col.after", "compact"),
        ("delta", "pa.col.delta", "compact"),
        ("growth", "pa.col.growth", "pct_signed"),
    ]
    if part in (None, "movers"):
        up, down = trends.movers(start, end, names, n=10)
        a, b = st.columns(2)
        a.markdown(ctx.t("pa.movers.up"))
        a.dataframe(data.fmt_table(ctx, up, spec), hide_index=True)
        b.markdown(ctx.t("pa.movers.down"))
        b.dataframe(data.fmt_table(ctx, down, spec), hide_index=True)
    if part in (None, "won_lost"):
        won, lost = trends.won_lost(start, end, names)
        a, b = st.columns(2)
        a.markdown(ctx.t("pa.won", n=ctx.num(len(won)), rev=ctx.money(won["end"].sum())))
        a.dataframe(
            data.fmt_table(
                ctx,
                won,
                [("account_name", "pa.col.account", "text"), ("end", "pa.col.after", "money")],
            ),
            hide_index=True,
        )
        b.markdown(ctx.t("pa.lost", n=ctx.num(len(lost)), rev=ctx.money(lost["start"].sum())))
        b.dataframe(
            data.fmt_table(
                ctx,
                lost,
                [("account_name", "pa.col.account", "text"), ("start", "pa.col.before", "money")],
            ),
            hide_index=True,
        )


def _bridge_periods(ctx, filters: Filters) -> tuple[Filters, Filters]:
    """The two periods the bridge compares, picked above it (on each of its screens while
    presenting, so the chart and the table always compare the same periods)."""
    qs = reads.quarters(ctx.con)
    prev = periods.previous_period(filters)
    c1, c2 = st.columns(2)
    options = list(qs)
    default_start = prev.q_to if prev.q_to in options else options[0]
    span = f"{filters.q_from}_{filters.q_to}"  # a new range resets both periods to it
    q_start = c1.selectbox(
        ctx.t("pa.bridge.start_q"),
        options,
        key=f"pa_bridge_start_{span}",
        index=options.index(default_start),
        help=ctx.t("pa.bridge.start_q.help"),
    )
    q_end = c2.selectbox(
        ctx.t("pa.bridge.end_q"),
        options,
        key=f"pa_bridge_end_{span}",
        index=options.index(filters.q_to) if filters.q_to in options else len(options) - 1,
    )
    n = len(quarters_between(filters.q_from, filters.q_to))
    f_start = replace(filters, q_from=shift_quarter(q_start, -(n - 1)), q_to=q_start)
    f_end = replace(filters, q_from=shift_quarter(q_end, -(n - 1)), q_to=q_end)
    st.caption(
        ctx.t(
            "pa.bridge.caption", n=n, start=period_label(ctx, f_start), end=period_label(ctx, f_end)
        )
    )
    return f_start, f_end


def bridge_tab(ctx, path: str, version: int, filters: Filters, cfg: dict) -> None:
    """Presenting: the chart with its figures, then the table by tier or KAM (F-PR-1)."""

    def classified(f_start: Filters, f_end: Filters):
        return bridge.classify(
            data.revenue(path, version, f_start), data.revenue(path, version, f_end)
        )

    def chart():
        f_start, f_end = _bridge_periods(ctx, filters)
        b = bridge.summarise(classified(f_start, f_end))
        k = st.columns(4)
        change = b["end"] / b["start"] - 1 if b["start"] > 0 else None
        k[0].metric(
            ctx.t("pa.bridge.net_change"),
            ctx.money(b["end"] - b["start"]),
            **data.delta(change, ctx.pct(change)),
        )
        k[1].metric(ctx.t("pa.bridge.nrr"), ctx.pct(b["nrr"]), help=ctx.t("pa.bridge.nrr.help"))
        k[2].metric(ctx.t("pa.bridge.grr"), ctx.pct(b["grr"]), help=ctx.t("pa.bridge.grr.help"))
        k[3].metric(
            ctx.t("pa.bridge.new_lost"),
            f"+{ctx.num(b['accounts_new'])} / −{ctx.num(b['accounts_lost'])}",
        )
        st.plotly_chart(
            portfolio_charts.bridge_figure(
                b, ctx.lang, period_label(ctx, f_start), period_label(ctx, f_end)
            ),
            key="pa_bridge",
        )
        return f_start, f_end

    def table(periods_shown=None):
        f_start, f_end = periods_shown or _bridge_periods(ctx, filters)
        cls = classified(f_start, f_end)
        by = st.radio(
            ctx.t("pa.bridge.by"),
            ["tier", "kam"],
            horizontal=True,
            key="pa_bridge_by",
            format_func=lambda v: ctx.t(f"pa.bridge.by.{v}"),
        )
        if by == "tier":
            start_pt = metrics.pareto_table(
                data.revenue(path, version, f_start), cfg["pareto_a"], cfg["pareto_b"]
            )
            groups = start_pt.set_index("account_key")["tier"]
            groups = cls["account_key"].map(groups).fillna(ctx.t("pa.bridge.group_new"))
            groups.index = cls["account_key"]
        else:
            attrs = data.attributes(path, version).set_index("account_key")["kam"]
            groups = cls["account_key"].map(attrs)
            groups.index = cls["account_key"]
        st.dataframe(
            data.fmt_table(
                ctx,
                bridge.bridge_by(cls, groups, "group"),
                [
                    ("group", f"pa.bridge.by.{by}", "text"),
                    ("start", "pa.bridge.start", "money"),
                    ("new", "pa.bridge.new", "money"),
                    ("growth", "pa.bridge.growth", "money"),
                    ("decline", "pa.bridge.decline", "money"),
                    ("lost", "pa.bridge.lost", "money"),
                    ("end", "pa.bridge.end", "money"),
                    ("nrr", "pa.bridge.nrr", "pct"),
                    ("grr", "pa.bridge.grr", "pct"),
                ],
            ),
            hide_index=True,
        )

    if not ctx.present:  # one page: the periods picked once, above the chart
        table(chart())
        return
    sections(ctx, [("pr.bridge.chart", chart), ("pr.bridge.table", table)])


def whitespace_tab(ctx, path: str, version: int, filters: Filters) -> None:
    """Presenting: the matrix, then the gaps table (F-PR-1)."""
    matrix, gaps = data.whitespace(path, version, filters)
    if matrix.shape[1] == 0:
        st.info(ctx.t("pa.ws.no_products"))
        return

    def chart():
        names = data.key_accounts(path, version, filters).set_index("account_key")
        st.caption(ctx.t("pa.ws.caption"))
        st.plotly_chart(
            portfolio_charts.whitespace_figure(matrix, names["account_name"].to_dict(), ctx.lang),
            key="pa_ws",
        )

    def table():
        st.subheader(ctx.t("pa.ws.gaps"))
        st.caption(ctx.t("pa.ws.gaps.caption"))
        show_table(
            ctx,
            gaps,
            [
                ("account_name", "pa.col.account", "text"),
                ("product_line", "pa.col.product_line", "text"),
                ("account_revenue", "pa.col.revenue", "money"),
                ("penetration", "pa.ws.penetration", "pct"),
                ("peer_share", "pa.ws.peer_share", "pct"),
                ("potential", "pa.ws.potential", "money"),
            ],
            name=ctx.t("pa.ws.gaps"),
            key="pa_ws_gaps",
        )

    sections(ctx, [("pr.ws.chart", chart), ("pr.ws.table", table)])


def _signed(text: str, value) -> str:
    return ("+" + text) if value > 0 else text


def whatif_tab(ctx, path: str, version: int, filters: Filters, pt, cfg: dict) -> None:
    options = pt["account_key"].head(200).tolist()
    names = dict(zip(pt["account_key"], pt["account_name"], strict=True))
    key = st.selectbox(
        ctx.t("pa.whatif.pick"),
        options,
        key="pa_whatif_account",
        format_func=lambda k: f"{names.get(k, k)} (#{options.index(k) + 1})",
    )
    rev = data.revenue(path, version, filters)
    w = data.what_if(path, version, filters, key)
    st.markdown(
        ctx.t(
            "pa.whatif.headline",
            name=plain(names.get(key, key)),
            rev=ctx.money(w["revenue_at_risk"]),
            share=ctx.pct(w["share_at_risk"]),
        )
    )
    c = st.columns(4)
    d_gini = w["gini_after"] - w["gini_before"]
    d_hhi = w["hhi_after"] - w["hhi_before"]
    d_k = w["accounts_to_80_after"] - w["accounts_to_80_before"]
    c[0].metric(
        ctx.t("pa.whatif.at_risk"),
        ctx.money(w["revenue_at_risk"]),
        **data.delta(-w["share_at_risk"], ctx.pct(-w["share_at_risk"])),
    )
    c[1].metric(
        ctx.t("pa.conc.gini"),
        ctx.num(w["gini_after"], 2),
        **data.delta(d_gini, _signed(ctx.num(d_gini, 3), d_gini), False),
    )
    c[2].metric(
        ctx.t("pa.conc.hhi"),
        ctx.num(w["hhi_after"]),
        **data.delta(d_hhi, _signed(ctx.num(d_hhi), d_hhi), False),
    )
    c[3].metric(
        ctx.t("pa.kpi.to80", pct=ctx.pct(cfg["pareto_a"], 0)),
        ctx.num(w["accounts_to_80_after"]),
        **data.delta(d_k, _signed(ctx.num(d_k), d_k), None),
    )
    attrs = data.attributes(path, version).set_index("account_key")
    kam = attrs["kam"].get(key)
    if kam:
        ka = data.key_accounts(path, version, filters)
        ka = ka.assign(kam=ka["account_key"].map(attrs["kam"]))
        mine = ka.loc[(ka["kam"] == kam) & ka["is_key_account"]]
        kam_rev = float(rev.loc[rev["account_key"].map(attrs["kam"]) == kam, "revenue"].sum())
        st.info(
            ctx.t(
                "pa.whatif.kam",
                kam=plain(kam),
                n=ctx.num(len(mine)),
                n_after=ctx.num(len(mine) - int(key in set(mine["account_key"]))),
                rev=ctx.money(kam_rev),
                rev_after=ctx.money(kam_rev - w["revenue_at_risk"]),
                share=ctx.pct(w["revenue_at_risk"] / kam_rev if kam_rev > 0 else 0),
            )
        )
    shifts = w["tier_shifts"]
    st.subheader(ctx.t("pa.whatif.shifts", n=ctx.num(len(shifts))))
    if len(shifts):
        st.dataframe(
            data.fmt_table(
                ctx,
                shifts,
                [
                    ("account_name", "pa.col.account", "text"),
                    ("revenue", "pa.col.revenue", "money"),
                    ("tier_before", "pa.col.tier_before", "text"),
                    ("tier_after", "pa.col.tier_after", "text"),
                ],
            ),
            hide_index=True,
        )
