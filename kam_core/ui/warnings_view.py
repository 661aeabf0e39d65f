"""Early warnings on screen (F-PA-8): the warnings page, the count on the portfolio page, one
account's warnings and expected band on the account page, and the roll-up per KAM on the team page.

Cached on small keys: database path, data version (uploads, settings), writes committed by this
process (acknowledgements, contacts, plans and activities change without a new data version), the
frozen Filters and the date (the relationship rules count days). Never DataFrames.

The report of a selection is built once per those keys and kept as built (``st.cache_resource``:
thousands of key accounts cost 60-170 ms to unpickle from ``st.cache_data`` on every rerun). What
the team and portfolio pages show of it (the roll-up per KAM, the count) is cached on its own, so
their reruns never touch the report.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kam_core.alerts import early_warnings as ew
from kam_core.alerts import inputs
from kam_core.alerts import text as wtext
from kam_core.analytics.forecast import Expectation
from kam_core.analytics.warning_rules import REVENUE_KINDS
from kam_core.common.quarter import shift_quarter
from kam_core.i18n import fmt_date
from kam_core.portfolio.periods import Filters
from kam_core.store import db
from kam_core.ui.account_common import save, today
from kam_core.ui.filters import loaded_quarters
from kam_core.ui.links import page_link
from kam_core.ui.portfolio_data import key_accounts, settings_cached
from kam_core.ui.sections import sections
from kam_core.ui.setup import _connection
from kam_core.ui.tables import show_table
from kam_core.ui.text import plain

_TTL = 3600
_BADGE = {"revenue": "red", "relationship": "orange"}


# ---------------------------------------------------------------- cached reads
@st.cache_data(ttl=_TTL, max_entries=32, show_spinner=False)
def judged_quarter(path: str, version: int, q_to: str | None, day: date) -> str | None:
    """The last complete quarter up to ``q_to``: the quarter the warnings judge."""
    return inputs.last_complete_quarter(_connection(path), day, q_to)


def _known(path: str, version: int, filters: Filters, day: date) -> dict:
    """What the domain would otherwise compute again: key accounts and settings are shared with
    every page (one computation per data version)."""
    return {
        "ka": key_accounts(path, version, filters),
        "cfg": settings_cached(path, version),
        "as_of": judged_quarter(path, version, filters.q_to, day),
    }


@st.cache_resource(ttl=_TTL, max_entries=16, show_spinner=False)
def report(path: str, version: int, writes: int, filters: Filters, day: date) -> ew.WarningsReport:
    """The selection's warnings, shared as built: a WarningsReport is frozen and nothing may
    change it (its warnings' ``params`` dicts included)."""
    return ew.build(_connection(path), filters, day, **_known(path, version, filters, day))


@st.cache_data(ttl=_TTL, max_entries=16, show_spinner=False)
def per_lead(path: str, version: int, writes: int, filters: Filters, day: date) -> tuple:
    """``(quarter judged, key accounts, the roll-up per lead KAM)`` of the team page."""
    rep = report(path, version, writes, filters, day)
    return rep.as_of, len(rep.accounts), rep.per_lead() if rep.accounts else None


@st.cache_data(ttl=_TTL, max_entries=16, show_spinner=False)
def counts(path: str, version: int, writes: int, filters: Filters, day: date) -> tuple:
    """``(quarter judged, flagged, key accounts, revenue at stake)``: the portfolio's link."""
    rep = report(path, version, writes, filters, day)
    return rep.as_of, len(rep.flagged), len(rep.accounts), rep.revenue_at_stake


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def account(
    path: str, version: int, writes: int, key: str, filters: Filters, day: date
) -> ew.AccountWarnings | None:
    known = _known(path, version, filters, day)
    return ew.for_account(_connection(path), key, filters, day, **known)


def _keys(ctx) -> tuple[str, int, int]:
    return db.db_path(), ctx.data_version, db.write_count()


def current(ctx, filters: Filters) -> ew.WarningsReport:
    return report(*_keys(ctx), filters, today())


def default_filters(ctx) -> Filters:
    """The app's opening selection: the last four quarters with data (as the filter bar)."""
    quarters = loaded_quarters(db.db_path(), ctx.data_version)
    if not quarters:
        return Filters()
    return Filters(q_from=shift_quarter(quarters[-1], -3), q_to=quarters[-1])


# ---------------------------------------------------------------- pieces
def _link(label: str, page: str, icon: str, query: dict | None = None) -> None:
    page_link(label, page, icon, query)


def expectation_text(ctx, e: Expectation | None) -> str:
    if e is None or not e.quarter:
        return ""
    if not e.enough_history:
        return ctx.t("warn.expect.short", quarter=e.quarter, n=ctx.num(e.history_quarters))
    return ctx.t(
        "warn.expect",
        quarter=e.quarter,
        mean=ctx.money(e.mean),
        level=ctx.pct(e.level, 0),
        low=ctx.money(e.low),
        high=ctx.money(e.high),
    )


def _badges(ctx, a: ew.AccountWarnings) -> None:
    row = st.container(horizontal=True, gap="small")
    for w in a.warnings:
        color = _BADGE["revenue"] if w.kind in REVENUE_KINDS else _BADGE["relationship"]
        row.badge(wtext.kind_label(w.kind, ctx.lang), color=color)


def _evidence(ctx, warnings) -> None:
    lines = [
        f"- **{wtext.kind_label(w.kind, ctx.lang)}**: "
        + wtext.describe(w, ctx.lang, money=ctx.money, escape=plain)
        for w in warnings
    ]
    st.markdown("\n".join(lines))


def _ack_form(ctx, a: ew.AccountWarnings, filters: Filters, where: str) -> None:
    if ctx.read_only(a.account_key):  # presenting, or a role that does not edit this account
        return
    with st.popover(ctx.t("warn.ack.open"), icon=":material/done_all:"):
        with st.form(f"warn_ack_{where}_{a.account_key}", border=False):
            note = st.text_input(
                ctx.t("warn.ack.note"),
                key=f"warn_ack_note_{where}_{a.account_key}",
                help=ctx.t("warn.ack.note.help"),
                max_chars=500,
            )
            if st.form_submit_button(ctx.t("warn.ack.button"), type="primary"):
                save(
                    ctx,
                    ew.acknowledge,
                    ctx.con,
                    a.account_key,
                    note,
                    ctx.user,
                    filters,
                    today(),
                    ok_key="warn.ack.done",
                )


def _ack_caption(ctx, a: ew.AccountWarnings) -> None:
    if a.ack is None:
        return
    kinds = ", ".join(wtext.kind_label(w.kind, ctx.lang) for w in a.quiet)
    st.caption(
        kinds
        + " · "
        + ctx.t(
            "warn.ack.by",
            who=plain(a.ack.by),
            when=fmt_date(a.ack.at, ctx.lang),
            note=plain(a.ack.note),
        )
    )


def _account_card(ctx, a: ew.AccountWarnings, filters: Filters, rank: int) -> None:
    with st.container(border=True, key=f"warn_card_{a.account_key}"):
        c1, c2 = st.columns([3, 1])
        with c1:
            _link(
                f"{rank}. {plain(a.account_name)}",
                "account",
                ":material/domain:",
                {"account": a.account_key},
            )
            st.caption(
                ctx.t(
                    "warn.account_meta",
                    lead=plain(a.lead) if a.lead else ctx.t("warn.no_lead"),
                    tier=a.tier or "–",
                    revenue=ctx.money(a.revenue),
                )
            )
            _badges(ctx, a)
        c2.metric(ctx.t("warn.kpi.stake"), ctx.money(a.revenue_at_stake))
        _evidence(ctx, a.warnings)
        st.caption(expectation_text(ctx, a.expectation))
        _ack_caption(ctx, a)
        _ack_form(ctx, a, filters, "page")


def _kpis(ctx, rep: ew.WarningsReport) -> None:
    c = st.columns(4)
    c[0].metric(
        ctx.t("warn.kpi.flagged"),
        ctx.t(
            "warn.kpi.flagged.value",
            n=ctx.num(len(rep.flagged)),
            total=ctx.num(len(rep.accounts)),
        ),
    )
    c[1].metric(
        ctx.t("warn.kpi.stake"),
        ctx.money(rep.revenue_at_stake, compact=True),
        help=ctx.t("warn.kpi.stake.help"),
    )
    e = rep.total
    if e is not None and e.enough_history:
        growth = e.mean / rep.total_last - 1 if rep.total_last else None
        delta = {}
        if growth is not None:
            delta = {
                "delta": ctx.t("warn.kpi.total.delta", pct=ctx.pct(growth), quarter=rep.as_of),
                "delta_arrow": "up" if growth > 0 else "down" if growth < 0 else "off",
                "delta_color": "gray",
            }
        c[2].metric(
            ctx.t("warn.kpi.total", quarter=e.quarter),
            ctx.money(e.mean, compact=True),
            help=ctx.t(
                "warn.kpi.total.help",
                level=ctx.pct(e.level, 0),
                low=ctx.money(e.low),
                high=ctx.money(e.high),
            ),
            **delta,
        )
    c[3].metric(ctx.t("warn.kpi.quiet"), ctx.num(len(rep.quiet)), help=ctx.t("warn.kpi.quiet.help"))


def _expectations_table(ctx, rep: ew.WarningsReport) -> None:
    st.subheader(ctx.t("warn.expect.title"), anchor=False)
    st.caption(ctx.t("warn.expect.caption", quarter=rep.next_quarter, level=ctx.pct(rep.level, 0)))
    short = ctx.t("warn.short_history")
    rows = []
    for a in sorted(rep.accounts, key=lambda a: (-a.revenue, a.account_key)):
        e = a.expectation
        ok = e is not None and e.enough_history
        rows.append(
            {
                "account": a.account_name,
                "lead": a.lead or "–",
                "last": a.last_quarter_revenue,
                "expected": e.mean if ok else None,
                "low": e.low if ok else None,
                "high": e.high if ok else None,
                "warnings": ", ".join(wtext.kind_label(k, ctx.lang) for k in a.kinds)
                or ("" if ok else short),
            }
        )
    df = pd.DataFrame(
        rows, columns=["account", "lead", "last", "expected", "low", "high", "warnings"]
    )
    spec = [
        ("account", "warn.col.account", "text"),
        ("lead", "warn.col.lead", "text"),
        ("last", "warn.col.last", "money"),
        ("expected", "warn.col.expected", "money"),
        ("low", "warn.col.low", "money"),
        ("high", "warn.col.high", "money"),
        ("warnings", "warn.col.warnings", "text"),
    ]
    show_table(
        ctx, df, spec, name=f"expectations_{rep.next_quarter}", key="warn_expect", width="stretch"
    )


# ---------------------------------------------------------------- the warnings page
CARDS_PER_SCREEN = 2  # presenting: two account cards fill a 1400x900 screen (issue 8)


def _overview(ctx, rep: ew.WarningsReport, period: str) -> None:
    st.caption(
        ctx.t(
            "warn.caption",
            period=period,
            quarter=rep.as_of,
            today=fmt_date(rep.today, ctx.lang),
        )
    )
    _kpis(ctx, rep)
    if not rep.relationships_recorded:
        st.info(ctx.t("warn.rel_not_recorded"), icon=":material/info:")


def _cards(ctx, rep: ew.WarningsReport, filters: Filters, first: int, last: int) -> None:
    """The flagged accounts ranked ``first`` to ``last`` (1-based, inclusive)."""
    for i, a in enumerate(rep.flagged[first - 1 : last], first):
        _account_card(ctx, a, filters, i)


def _ranked_title(ctx, rep: ew.WarningsReport) -> None:
    st.subheader(ctx.t("warn.ranked"), anchor=False)
    if not rep.flagged:
        st.success(ctx.t("warn.none", quarter=rep.as_of))


def _quiet(ctx, rep: ew.WarningsReport) -> None:
    if rep.quiet:
        with st.expander(ctx.t("warn.quiet.title") + f" ({ctx.num(len(rep.quiet))})"):
            for a in rep.quiet:
                st.markdown(f"**{plain(a.account_name)}**")
                _ack_caption(ctx, a)


def _screens(ctx, rep: ew.WarningsReport, filters: Filters, period: str) -> list:
    """The page's parts. Presenting (F-PR-1, one screen each): the overview (with the quiet
    accounts and, if none is flagged, the all-clear), the flagged accounts a few at a time, and
    the expectations table. Otherwise one run of the page, in its usual order."""
    n = len(rep.flagged)
    if not ctx.present:

        def ranked():
            _ranked_title(ctx, rep)
            _cards(ctx, rep, filters, 1, n)
            _quiet(ctx, rep)

        return [
            ("pr.warn.overview", lambda: _overview(ctx, rep, period)),
            ("pr.warn.accounts", ranked),
            ("pr.warn.expectations", lambda: _expectations_table(ctx, rep)),
        ]

    def overview():
        _overview(ctx, rep, period)
        if not rep.flagged:
            _ranked_title(ctx, rep)
        _quiet(ctx, rep)

    screens = [("pr.warn.overview", overview)]
    for first in range(1, n + 1, CARDS_PER_SCREEN):
        last = min(first + CARDS_PER_SCREEN - 1, n)
        params = {"first": ctx.num(first), "last": ctx.num(last), "n": ctx.num(n)}
        label = ("pr.warn.account" if first == last else "pr.warn.account_range", params)
        screens.append((label, lambda f=first, la=last: _cards(ctx, rep, filters, f, la)))
    screens.append(("pr.warn.expectations", lambda: _expectations_table(ctx, rep)))
    return screens


def render(ctx, filters: Filters, period: str) -> None:
    rep = current(ctx, filters)
    st.title(ctx.t("warn.title"), anchor=False)
    if rep.as_of is None:
        st.info(ctx.t("warn.no_quarter"))
        return
    sections(ctx, _screens(ctx, rep, filters, period))


# ---------------------------------------------------------------- other pages
def portfolio_link(ctx, slot=None) -> None:
    """The count on the portfolio page, linking to the warnings page (as of the app's opening
    selection, so a filter change costs nothing here). ``slot``: a placeholder higher up the
    page, filled at the end of the run so the page's chart is not kept waiting."""
    as_of, flagged, total, stake = counts(*_keys(ctx), default_filters(ctx), today())
    if as_of is None:
        return
    if flagged:
        label = ctx.t(
            "warn.portfolio_link",
            n=ctx.num(flagged),
            total=ctx.num(total),
            quarter=as_of,
            money=ctx.money(stake, compact=True),
        )
    else:
        label = ctx.t("warn.portfolio_none", quarter=as_of)
    with slot.container() if slot is not None else st.container():
        _link(label, "warnings", ":material/notification_important:")


def account_expectation(ctx, key: str, filters: Filters) -> Expectation | None:
    """The account's expectation for the quarter after the one judged (the chart's band)."""
    a = account(*_keys(ctx), key, filters, today())
    return a.expectation if a is not None else None


def account_section(ctx, key: str, filters: Filters) -> None:
    """The account page's early warnings: evidence, stake, acknowledgement and expectation."""
    a = account(*_keys(ctx), key, filters, today())
    if a is None or a.expectation is None:
        return
    judged = shift_quarter(a.expectation.quarter, -1) if a.expectation.quarter else "–"
    if not a.warnings:
        st.caption(
            ctx.t("warn.account.none", quarter=judged) + " " + expectation_text(ctx, a.expectation)
        )
        _ack_caption(ctx, a)
        return
    with st.container(border=True, key="acc_warnings"):
        c1, c2 = st.columns([3, 1])
        c1.subheader(ctx.t("warn.account.title"), anchor=False)
        with c1:
            _badges(ctx, a)
        c2.metric(ctx.t("warn.kpi.stake"), ctx.money(a.revenue_at_stake))
        _evidence(ctx, a.warnings)
        st.caption(expectation_text(ctx, a.expectation))
        _ack_caption(ctx, a)
        _ack_form(ctx, a, filters, "account")


def per_kam(ctx, filters: Filters) -> None:
    """The team page's roll-up: key accounts with warnings and revenue at stake per lead KAM."""
    as_of, n, per = per_lead(*_keys(ctx), filters, today())
    if as_of is None or not n:
        return
    st.subheader(ctx.t("warn.team.title"), anchor=False)
    st.caption(ctx.t("warn.team.caption", quarter=as_of))
    df = pd.DataFrame(
        {
            "lead": [ctx.t("team.no_lead") if pd.isna(n) or not n else n for n in per["lead"]],
            "key_accounts": per["key_accounts"],
            "flagged": per["flagged"],
            "stake": per["revenue_at_stake"],
            "kinds": [
                ", ".join(
                    f"{wtext.kind_label(k, ctx.lang)} ({ctx.num(n)})" for k, n in kinds.items()
                )
                for kinds in per["kinds"]
            ],
        }
    )
    spec = [
        ("lead", "warn.col.lead", "text"),
        ("key_accounts", "warn.col.key_accounts", "int"),
        ("flagged", "warn.col.flagged", "int"),
        ("stake", "warn.col.stake", "money"),
        ("kinds", "warn.col.warnings", "text"),
    ]
    show_table(ctx, df, spec, name=f"warnings_per_kam_{as_of}", key="warn_per_kam")
    _link(ctx.t("nav.warnings"), "warnings", ":material/arrow_forward:")
