"""The tiers page's screens, one function per tab (each can be presented alone)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kam_core.accounts import plans
from kam_core.analytics import metrics, tier_migration
from kam_core.charts import tiers as tier_charts
from kam_core.common.errors import CarteraError
from kam_core.common.quarter import quarters_between, shift_quarter
from kam_core.i18n import fmt_date
from kam_core.portfolio import reads, tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import settings
from kam_core.ui import portfolio_data as data
from kam_core.ui.flash import flash
from kam_core.ui.tables import show_table
from kam_core.ui.text import plain

SORTS = ("rank", "name", "tier", "score")
MAX_ROWS = 1000  # a table longer than this is searched, not scrolled


def key_statuses(ctx, df) -> list[str]:
    """The 'key account' cell of every row, vectorised (tables can hold 20,000 accounts)."""
    reasons = {
        r: ctx.t("tr.status.marked", reason=ctx.t(f"tr.reason.{r}")) for r in tiers.MARK_REASONS
    }
    marked = df["mark_reason"].map(reasons).fillna("")
    out = pd.Series("", index=df.index, dtype=object)
    out = out.where(df["key_reason"] != "marked", marked)
    out = out.where(df["key_reason"] != "tier_a", ctx.t("tr.status.tier_a"))
    out = out.where(~df["excluded"].astype(bool), ctx.t("tr.status.excluded"))
    return out.tolist()


def key_status(ctx, row) -> str:
    if row["excluded"]:
        return ctx.t("tr.status.excluded")
    if row["key_reason"] == "tier_a":
        return ctx.t("tr.status.tier_a")
    if row["key_reason"] == "marked":
        return ctx.t("tr.status.marked", reason=ctx.t(f"tr.reason.{row['mark_reason']}"))
    return ""


def abc_tab(ctx, path: str, version: int, filters: Filters) -> None:
    ka = data.scored(path, version, filters)
    c = st.columns(4)
    c[0].metric(ctx.t("tr.kpi.key"), ctx.num(int(ka["is_key_account"].sum())))
    c[1].metric(ctx.t("tr.kpi.tier_a"), ctx.num(int((ka["tier"] == "A").sum())))
    c[2].metric(ctx.t("tr.kpi.marked"), ctx.num(int((ka["key_reason"] == "marked").sum())))
    c[3].metric(ctx.t("tr.kpi.excluded"), ctx.num(int(ka["excluded"].sum())))
    a, b, cc = st.columns([2, 1, 1])
    query = a.text_input(ctx.t("tr.search"), key="tr_search", placeholder=ctx.t("tr.search.ph"))
    tiers_sel = b.multiselect(
        ctx.t("tr.tier_filter"), ["A", "B", "C"], key="tr_tier_filter", placeholder=ctx.t("flt.all")
    )
    sort = cc.selectbox(
        ctx.t("tr.sort"), SORTS, key="tr_sort", format_func=lambda s: ctx.t(f"tr.sort.{s}")
    )
    view = ka
    if query:
        q = query.strip().casefold()
        view = view.loc[
            view["account_name"].str.casefold().str.contains(q, regex=False)
            | view["account_key"].str.casefold().str.contains(q, regex=False)
        ]
    if tiers_sel:
        view = view.loc[view["tier"].isin(tiers_sel)]
    order = {
        "rank": (["rank"], [True]),
        "name": (["account_name"], [True]),
        "tier": (["tier", "rank"], [True, True]),
        "score": (["score"], [False]),
    }[sort]
    view = view.sort_values(order[0], ascending=order[1], kind="mergesort")
    full = view.assign(status=key_statuses(ctx, view))
    if len(view) > MAX_ROWS:
        st.caption(ctx.t("tr.rows_capped", n=ctx.num(MAX_ROWS), total=ctx.num(len(view))))
    else:
        st.caption(ctx.t("tr.rows", n=ctx.num(len(view)), total=ctx.num(len(ka))))
    show_table(
        ctx,
        full.head(MAX_ROWS),
        [
            ("rank", "tr.col.rank", "int"),
            ("account_name", "pa.col.account", "text"),
            ("revenue", "pa.col.revenue", "money"),
            ("share", "tr.col.share", "pct"),
            ("cum_share", "tr.col.cum_share", "pct"),
            ("tier", "tr.col.tier", "text"),
            ("status", "tr.col.key", "text"),
            ("score", "tr.col.score", "num"),
            ("score_tier", "tr.col.score_tier", "text"),
        ],
        name=ctx.t("nav.tiers"),
        key="tr_abc_table",
        full=full,
        height=520,
    )


def marks_tab(ctx, path: str, version: int, filters: Filters) -> None:
    ka = data.key_accounts(path, version, filters)
    key = ka.loc[ka["is_key_account"]]
    key = key.assign(why=key_statuses(ctx, key))
    stale_days = int(settings.get(ctx.con, "section_stale_days"))
    key = plans.with_freshness(key, plans.freshness(ctx.con, date.today(), stale_days))
    key["attention"] = [
        " · ".join(ctx.t(f"tr.stale.{w}") for w, s in (("plan", p), ("map", m)) if s) or "–"
        for p, m in zip(key["plan_stale"], key["map_stale"], strict=True)
    ]
    st.subheader(ctx.t("tr.key.title", n=ctx.num(len(key))))
    n_stale = int((key["plan_stale"] | key["map_stale"]).sum())
    if n_stale:
        st.caption(ctx.t("tr.stale.caption", n=ctx.num(n_stale), days=stale_days))
    show_table(
        ctx,
        key,
        [
            ("rank", "tr.col.rank", "int"),
            ("account_name", "pa.col.account", "text"),
            ("revenue", "pa.col.revenue", "money"),
            ("tier", "tr.col.tier", "text"),
            ("why", "tr.col.why", "text"),
            ("attention", "tr.col.attention", "text"),
            ("plan_updated_at", "tr.col.plan_updated", "date"),
            ("map_updated_at", "tr.col.map_updated", "date"),
            ("mark_note", "tr.col.note", "text"),
            ("marked_by", "tr.col.by", "text"),
            ("marked_at", "tr.col.when", "date"),
        ],
        name=ctx.t("tr.tab.key"),
        key="tr_key_list",
    )
    if ctx.present or not ctx.can("mark_account"):  # directors and admins mark accounts
        return
    st.subheader(ctx.t("tr.mark.title"))
    st.caption(ctx.t("tr.mark.caption"))
    names = dict(zip(ka["account_key"], ka["account_name"], strict=True))
    account = st.selectbox(
        ctx.t("pa.col.account"),
        mark_candidates(ctx, ka),
        key="tr_mark_account",
        format_func=lambda k: f"{names.get(k, k)} · {k}",
    )
    row = ka.loc[ka["account_key"] == account].iloc[0]
    if pd.notna(row["mark_kind"]):
        st.info(
            ctx.t(
                "tr.mark.current",
                what=key_status(ctx, row) or ctx.t("tr.status.excluded"),
                by=plain(row["marked_by"]),
                when=ctx_date(ctx, row["marked_at"]),
                note=plain(row["mark_note"]) if row["mark_note"] else "–",
            )
        )
    # Saved in the submit button's callback, not with clear_on_submit: the form keeps the kind
    # and reason chosen (clearing sent them back to the first ones, "Brand image") and only the
    # note is emptied, through session state so the browser shows it emptied too.
    with st.form("tr_mark_form"):
        st.radio(
            ctx.t("tr.mark.kind"),
            tiers.MARK_KINDS,
            horizontal=True,
            key="tr_mark_kind",
            format_func=lambda k: ctx.t(f"tr.kind.{k}"),
        )
        st.selectbox(
            ctx.t("tr.mark.reason"),
            tiers.MARK_REASONS,
            key="tr_mark_reason",
            format_func=lambda r: ctx.t(f"tr.reason.{r}"),
        )
        st.text_area(
            ctx.t("tr.mark.note"),
            key="tr_mark_note",
            max_chars=tiers.NOTE_MAX,
            help=ctx.t("tr.mark.note.help"),
        )
        st.form_submit_button(
            ctx.t("tr.mark.save"),
            type="primary",
            on_click=_save_mark,
            args=(ctx, account, plain(names.get(account))),
        )
    if error := st.session_state.pop("tr_mark_error", None):
        st.error(error)
    if pd.notna(row["mark_kind"]) and st.button(ctx.t("tr.mark.clear"), key="tr_mark_clear"):
        tiers.clear_mark(ctx.con, account, ctx.user)
        flash(ctx.t("tr.mark.cleared", name=plain(names.get(account))))
        st.rerun()
    with st.expander(ctx.t("tr.mark.history")):
        hist = tiers.mark_history(ctx.con).assign(
            what=lambda d: [ctx.t(f"tr.kind.{k}") for k in d["kind"]],
            reason_t=lambda d: [ctx.t(f"tr.reason.{r}") for r in d["reason"]],
        )
        st.dataframe(
            data.fmt_table(
                ctx,
                hist,
                [
                    ("account_name", "pa.col.account", "text"),
                    ("what", "tr.mark.kind", "text"),
                    ("reason_t", "tr.mark.reason", "text"),
                    ("note", "tr.col.note", "text"),
                    ("marked_by", "tr.col.by", "text"),
                    ("marked_at", "tr.col.when", "date"),
                    ("removed_by", "tr.col.removed_by", "text"),
                    ("removed_at", "tr.col.removed_at", "date"),
                ],
            ),
            hide_index=True,
        )


def _save_mark(ctx, account: str, name: str) -> None:
    """The mark form's submit callback (runs before the page): save, or keep the message."""
    state = st.session_state
    try:
        tiers.set_mark(
            ctx.con,
            account,
            state["tr_mark_kind"],
            state["tr_mark_reason"],
            state["tr_mark_note"],
            ctx.user,
        )
    except CarteraError as exc:
        state["tr_mark_error"] = exc.render(ctx.lang)
    else:
        state["tr_mark_note"] = ""
        flash(ctx.t("tr.mark.saved", name=name))


def mark_candidates(ctx, ka, limit: int = 300) -> list[str]:
    """Accounts offered for marking: a search box narrows 20,000 accounts to a short list.

    Without a search: the largest accounts and every account already marked or excluded.
    """
    query = (
        st.text_input(ctx.t("tr.mark.find"), key="tr_mark_find", placeholder=ctx.t("tr.search.ph"))
        .strip()
        .casefold()
    )
    if query:
        hit = ka["account_name"].str.casefold().str.contains(query, regex=False) | ka[
            "account_key"
        ].str.casefold().str.contains(query, regex=False)
        keys = ka.loc[hit, "account_key"].head(limit).tolist()
        if not keys:
            st.caption(ctx.t("tr.mark.no_match"))
        return keys or ka["account_key"].head(limit).tolist()
    marked = ka.loc[ka["mark_kind"].notna(), "account_key"].tolist()
    top = ka["account_key"].head(limit).tolist()
    return top + [k for k in marked if k not in set(top)]


def ctx_date(ctx, x) -> str:

    return fmt_date(x, ctx.lang) if pd.notna(x) else "–"


def score_tab(ctx, path: str, version: int, filters: Filters, cfg: dict) -> None:
    st.caption(ctx.t("tr.score.caption"))
    cols = st.columns(len(tiers.SCORE_WEIGHTS))
    weights = {}
    for col, (crit, skey) in zip(cols, tiers.SCORE_WEIGHTS.items(), strict=True):
        weights[crit] = col.slider(
            ctx.t(f"tr.crit.{crit}"),
            0,
            100,
            int(cfg[skey]),
            step=5,
            key=f"tr_w_{crit}",
            help=ctx.t(f"set.{skey}.help"),
        )
    if sum(weights.values()) == 0:
        st.warning(ctx.t("tr.score.no_weights"))
        return
    sc = data.scored(path, version, filters, tuple(sorted(weights.items())))
    used = sc.attrs.get("criteria_used", ())
    dropped = [
        ctx.t(f"tr.crit.{c}") for c in metrics.SCORE_CRITERIA if weights[c] > 0 and c not in used
    ]
    if dropped:
        st.info(ctx.t("tr.score.dropped", what=", ".join(dropped)))
    moved = int((sc["score_tier"] != sc["tier"]).sum())
    st.markdown(ctx.t("tr.score.headline", n=ctx.num(moved)))
    if (
        not ctx.present
        and ctx.can("settings")
        and st.button(ctx.t("tr.score.save"), key="tr_w_save")
    ):
        settings.set_values(
            ctx.con, {tiers.SCORE_WEIGHTS[c]: w for c, w in weights.items()}, ctx.user
        )
        st.success(ctx.t("tr.score.saved"))
    view = sc.sort_values("score_rank").head(MAX_ROWS)
    st.dataframe(
        data.fmt_table(
            ctx,
            view,
            [
                ("score_rank", "tr.col.score_rank", "int"),
                ("account_name", "pa.col.account", "text"),
                ("score", "tr.col.score", "num"),
                ("score_tier", "tr.col.score_tier", "text"),
                ("tier", "tr.col.tier", "text"),
                ("rank", "tr.col.rank", "int"),
                ("revenue", "pa.col.revenue", "money"),
                ("growth_rate", "pa.col.growth", "pct_signed"),
            ],
        ),
        hide_index=True,
        height=480,
    )


def matrix_tab(ctx, path: str, version: int, filters: Filters) -> None:
    ka = data.key_accounts(path, version, filters)
    rt = tiers.ratings(ctx.con)
    df = ka.merge(rt, on="account_key", how="inner").dropna(subset=["attractiveness", "strength"])
    st.plotly_chart(tier_charts.portfolio_matrix_figure(df, ctx.lang), key="tr_matrix")
    st.caption(ctx.t("tr.matrix.caption", n=ctx.num(len(df))))
    if ctx.present or not ctx.can("mark_account"):  # directors and admins rate accounts
        return
    st.subheader(ctx.t("tr.rate.title"))
    key = ka.loc[ka["is_key_account"], ["account_key", "account_name", "revenue"]].merge(
        rt[["account_key", "attractiveness", "strength"]], on="account_key", how="left"
    )
    col_acc, col_att, col_str = (
        ctx.t("pa.col.account"),
        ctx.t("tr.attractiveness"),
        ctx.t("tr.strength"),
    )
    table = pd.DataFrame(
        {col_acc: key["account_name"], col_att: key["attractiveness"], col_str: key["strength"]}
    )
    edited = st.data_editor(
        table,
        hide_index=True,
        key="tr_ratings",
        disabled=[col_acc],
        column_config={
            col_att: st.column_config.NumberColumn(
                min_value=1, max_value=5, step=1, help=ctx.t("tr.attractiveness.help")
            ),
            col_str: st.column_config.NumberColumn(
                min_value=1, max_value=5, step=1, help=ctx.t("tr.strength.help")
            ),
        },
    )
    if st.button(ctx.t("tr.rate.save"), key="tr_ratings_save", type="primary"):
        rows = [
            {"account_key": k, "attractiveness": a, "strength": s}
            for k, a, s in zip(key["account_key"], edited[col_att], edited[col_str], strict=True)
        ]
        changed = [
            r
            for r, (_, old) in zip(rows, key.iterrows(), strict=True)
            if not (
                _same(r["attractiveness"], old["attractiveness"])
                and _same(r["strength"], old["strength"])
            )
        ]
        try:
            tiers.set_ratings(ctx.con, changed, ctx.user)
        except CarteraError as exc:
            st.error(exc.render(ctx.lang))
        else:
            flash(ctx.t("tr.rate.saved", n=len(changed)))
            st.rerun()


def _same(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def migration_tab(ctx, path: str, version: int, filters: Filters, cfg: dict) -> None:
    qs = reads.quarters(ctx.con)
    if len(qs) < 2:
        st.info(ctx.t("tr.mig.one_quarter"))
        return
    after_default = filters.q_to if filters.q_to in qs else qs[-1]
    before_default = shift_quarter(after_default, -4)
    before_default = (
        before_default if before_default in qs else qs[max(0, qs.index(after_default) - 1)]
    )
    c = st.columns([1, 1, 1.1, 1.3])
    # Keys carry the selected range: a new range in the filter bar resets both quarters to it.
    before = c[0].selectbox(
        ctx.t("tr.mig.before"),
        qs,
        index=qs.index(before_default),
        key=f"tr_mig_before_{after_default}",
    )
    after = c[1].selectbox(
        ctx.t("tr.mig.after"),
        qs,
        index=qs.index(after_default),
        key=f"tr_mig_after_{after_default}",
    )
    by = c[2].radio(
        ctx.t("tr.mig.by"),
        ["count", "revenue"],
        key="tr_mig_by",
        horizontal=True,
        format_func=lambda v: ctx.t(f"tr.mig.by.{v}"),
    )
    # The rule is the Settings value: 0 or 1 quarter means off (stable_tiers returns raw tiers),
    # and the toggle says so instead of offering a number of quarters nobody set.
    n_stable = int(cfg["tier_stability_quarters"])
    stable = c[3].toggle(
        ctx.t("tr.mig.stable", n=n_stable) if n_stable >= 2 else ctx.t("tr.mig.stable_off"),
        value=n_stable >= 2,
        key=f"tr_mig_stable_{n_stable}",
        help=ctx.t("set.tier_stability_quarters.help"),
        disabled=n_stable < 2,
    )
    span = qs[: qs.index(max(before, after)) + 1] if stable else sorted({before, after})
    qt = data.quarterly_tiers(path, version, filters, tuple(span))
    if stable:
        qt = qt.drop(columns=["tier"]).merge(
            tier_migration.stable_tiers(qt[["account_key", "quarter", "tier"]], span, n_stable),
            on=["account_key", "quarter"],
        )
    names = data.attributes(path, version)[["account_key", "account_name"]]
    b = qt.loc[qt["quarter"] == before].merge(names, on="account_key", how="left")
    a = qt.loc[qt["quarter"] == after].merge(names, on="account_key", how="left")
    fl = tier_migration.flows(b, a)
    st.plotly_chart(tier_charts.migration_sankey(fl, ctx.lang, by, before, after), key="tr_sankey")
    m = tier_migration.matrix(fl, by)
    m.index = [ctx.t(f"tr.state.{s}") if s != "total" else ctx.t("tr.total") for s in m.index]
    m.columns = [ctx.t(f"tr.state.{s}") if s != "total" else ctx.t("tr.total") for s in m.columns]
    fmt = ctx.num if by == "count" else ctx.money
    shown = m.map(fmt)
    shown.index.name = ctx.t("tr.mig.from_to")
    st.dataframe(shown, key="tr_mig_matrix")
    pairs = [
        (f, t)
        for f in tier_migration.FROM_STATES
        for t in tier_migration.TO_STATES
        if len(tier_migration.flow_accounts(fl, f, t))
    ]
    pick = st.selectbox(
        ctx.t("tr.mig.flow"),
        pairs,
        key="tr_mig_flow",
        format_func=lambda p: ctx.t(
            "tr.mig.flow_label",
            a=ctx.t(f"tr.state.{p[0]}"),
            b=ctx.t(f"tr.state.{p[1]}"),
            n=len(tier_migration.flow_accounts(fl, *p)),
        ),
    )
    if pick:
        st.dataframe(
            data.fmt_table(
                ctx,
                tier_migration.flow_accounts(fl, *pick),
                [
                    ("account_name", "pa.col.account", "text"),
                    ("revenue_before", "tr.mig.rev_before", "money"),
                    ("revenue_after", "tr.mig.rev_after", "money"),
                ],
            ),
            hide_index=True,
        )


def xyz_tab(ctx, path: str, version: int, filters: Filters, cfg: dict) -> None:
    n_q = len(quarters_between(filters.q_from, filters.q_to))
    if n_q < 2:
        st.info(ctx.t("tr.xyz.one_quarter"))
        return
    ax = data.abc_xyz(path, version, filters)
    cells = (
        ax.groupby(["tier", "xyz"])
        .agg(count=("account_key", "size"), revenue=("revenue", "sum"))
        .reset_index()
    )
    cells["share"] = cells["revenue"] / ax["revenue"].sum()
    st.caption(
        ctx.t(
            "tr.xyz.caption", n=n_q, x=ctx.pct(cfg["xyz_x_max"], 0), y=ctx.pct(cfg["xyz_y_max"], 0)
        )
    )
    st.plotly_chart(tier_charts.abc_xyz_figure(cells, ctx.lang), key="tr_xyz")
    cell_opts = [(t, x) for t in "ABC" for x in "XYZ"]
    pick = st.selectbox(
        ctx.t("tr.xyz.cell"),
        cell_opts,
        key="tr_xyz_cell",
        format_func=lambda p: f"{p[0]}{p[1]} · {ctx.t('tr.xyz.' + p[1])}",
    )
    view = ax.loc[(ax["tier"] == pick[0]) & (ax["xyz"] == pick[1])]
    st.dataframe(
        data.fmt_table(
            ctx,
            view,
            [
                ("account_name", "pa.col.account", "text"),
                ("revenue", "pa.col.revenue", "money"),
                ("mean", "tr.xyz.mean", "money"),
                ("cv", "tr.xyz.cv", "pct"),
            ],
        ),
        hide_index=True,
    )
