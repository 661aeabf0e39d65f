"""The portfolio deck (F-PR-2) and the figures of the written brief (F-PR-5), from the database.

    pf = portfolio_figures(con, Filters("2025-Q4", "2026-Q3"))
    text = brief_text(brief_figures(pf), "es")
    data = build_deck(con, Filters("2025-Q4", "2026-Q3"), "es")     # .pptx bytes

Every number is read through the same domain functions, with the same defaults, as the screen
that shows it, so a slide never disagrees with the app:

==============================  ===========================================================
slide / brief figure            screen, and the functions both call
==============================  ===========================================================
KPIs, Pareto, concentration     portfolio page (``ui.portfolio_data.summary``):
                                ``reads.account_revenue`` -> ``metrics.pareto_table`` ->
                                ``metrics.concentration``; equal to ``report --json``
growth                          the revenue KPI's delta: total vs ``periods.comparable_previous``
                                (the same quarters a year earlier for a year to date; none when
                                that period is not wholly loaded)
growers, decliners, won, lost   trend tab: ``trends.movers`` / ``trends.won_lost``, against the
                                same comparable period (so the paragraph compares one thing)
tiers                           ``concentration()["abc"]`` (``report --json`` "abc")
tier migration                  tiers page defaults: the quarter a year before the period's last
                                -> its last, by count, ``tiers.quarterly_tiers`` (with the
                                stability rule when the setting asks for it)
key accounts                    tiers page, key accounts tab: ``tiers.key_accounts`` and
                                ``plans.freshness``
revenue bridge                  bridge tab defaults: previous period -> period
KAM load                        team page: ``roster.workload`` (that page has no product, region,
                                segment or KAM filters, so neither has this slide)
early warnings, brief warnings  ``kam_core.alerts.early_warnings.build`` (the warnings screen and
                                ``python -m kam_core warnings``) and its ``brief_figures``
==============================  ===========================================================

A missing ``--from``/``--to`` means the first/last quarter with data, as for ``report``.
Charts are drawn in one browser for the whole deck (``images.image_session``).
"""

from __future__ import annotations

import contextvars
import html
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from kam_core.accounts import plans
from kam_core.alerts import early_warnings as ew
from kam_core.alerts import text as wtext
from kam_core.analytics import bridge, metrics, tier_migration, trends
from kam_core.charts import account as account_charts
from kam_core.charts import portfolio as portfolio_charts
from kam_core.charts import tiers as tier_charts
from kam_core.common.quarter import quarters_between, shift_quarter
from kam_core.i18n import fmt_date, fmt_money, fmt_num, fmt_pct, norm_lang, t, use_currency
from kam_core.portfolio import periods, reads, tiers
from kam_core.portfolio.periods import DIMENSIONS, Filters
from kam_core.reports import images
from kam_core.reports.blocks import format_cell
from kam_core.reports.brief import brief, brief_text
from kam_core.reports.deck import Deck
from kam_core.store import rates, settings
from kam_core.team import roster

MOVERS = 3  # growers / decliners handed to the brief (it names at most three)
TOP_ACCOUNTS = 5  # largest accounts handed to the brief (ties at the top)
LARGEST_ROWS = 10  # rows of the "largest accounts" slide
KEY_ROWS = 10  # rows of the key-account slide (a note says how many are left out)
WARNING_ROWS = 12  # rows of the early-warnings slide, largest revenue at stake first
MAX_LOAD_PX = 560  # the KAM load chart grows with the team; cap its height on the slide
LOAD_FONT_PX = 13  # its type at the slide chart's height (as the other charts' 13 px)


@dataclass(frozen=True)
class PortfolioFigures:
    """The period's numbers, read once, shared by the brief and the deck."""

    filters: Filters  # with q_from / q_to filled in
    previous: Filters | None  # the comparable previous period (None: none wholly loaded)
    cfg: dict
    revenue: pd.DataFrame  # account_key, account_name, revenue, lines
    pareto: pd.DataFrame  # metrics.pareto_table of ``revenue``
    summary: dict  # metrics.concentration plus total_revenue (the portfolio page's ``summary``)
    previous_revenue: pd.DataFrame  # account revenue of the previous period (may be empty)
    growth: float | None  # total vs the previous period's total (None when that is <= 0)
    names: pd.DataFrame  # account_key, account_name, kam, segment, region
    currency: str | None = None  # the reporting currency every amount is in


def period_label(filters: Filters) -> str:
    """'2025-Q4 – 2026-Q3', or one quarter (as ``ui.filters.period_label``)."""
    if filters.q_from == filters.q_to:
        return filters.q_from or ""
    return f"{filters.q_from} – {filters.q_to}"


def resolve(con, filters: Filters) -> Filters:
    """A missing end of the range becomes the first / last quarter with data."""
    if filters.q_from and filters.q_to:
        return filters
    qs = reads.quarters(con)
    if not qs:
        return filters
    return replace(filters, q_from=filters.q_from or qs[0], q_to=filters.q_to or qs[-1])


def filters_text(filters: Filters, lang: str) -> str:
    """'Product line: Equipos, Software; Region: Norte' (empty without dimension filters)."""
    parts = [
        f"{t(f'flt.dim.{name}', lang)}: {', '.join(getattr(filters, name))}"
        for name in DIMENSIONS
        if getattr(filters, name)
    ]
    return "; ".join(parts)


def portfolio_figures(con, filters: Filters = Filters()) -> PortfolioFigures:
    """Read the period's figures as the portfolio page does."""
    f = resolve(con, filters)
    cfg = settings.get_all(con)
    rev = reads.account_revenue(con, f)
    pt = metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"])
    summ = metrics.concentration(rev, cfg["pareto_a"], cfg["pareto_b"], pt=pt)
    # Net total of every line = sum of every account's net revenue (credit notes included).
    summ["total_revenue"] = float(rev["revenue"].sum())
    prev = periods.comparable_previous(f, reads.quarters(con))
    start = reads.account_revenue(con, prev) if prev else rev.iloc[0:0]
    prev_total = float(start["revenue"].sum())
    growth = summ["total_revenue"] / prev_total - 1 if prev_total > 0 else None
    names = reads.account_attributes(con)
    currency = rates.reporting_currency(con)
    return PortfolioFigures(f, prev, cfg, rev, pt, summ, start, growth, names, currency)


def _named(rows: pd.DataFrame) -> list[dict]:
    """``[{"name", "share"}]`` of Pareto-table rows."""
    return [
        {"name": n, "share": float(v)}
        for n, v in zip(rows["account_name"], rows["share"], strict=True)
    ]


def brief_figures(pf: PortfolioFigures, warnings: dict | None = None) -> dict:
    """The figures dict of :mod:`kam_core.reports.brief`, from the screens' numbers.

    ``warnings`` (``{"count", "revenue_at_stake"}``) comes from the early warnings when they
    exist (see :func:`early_warnings`).
    """
    s, cfg, pt = pf.summary, pf.cfg, pf.pareto
    fig: dict = {
        "q_from": pf.filters.q_from,
        "q_to": pf.filters.q_to,
        "accounts": s["accounts"],
        "total_revenue": s["total_revenue"],
        "currency": pf.currency,
    }
    if s["accounts"]:
        majors = metrics.major_customers(pt, cfg["major_customer_share"])
        fig |= {
            "accounts_to_80": s["accounts_to_80"],
            "share_accounts_to_80": s["share_accounts_to_80"],
            "pareto_threshold": cfg["pareto_a"],
            "top_accounts": _named(pt.head(TOP_ACCOUNTS)),
            "top_shares": dict(s["top_shares"]),
            "hhi": s["hhi"],
            "hhi_moderate": cfg["hhi_moderate"],
            "hhi_high": cfg["hhi_high"],
            "gini": s["gini"],
            "major_customers": _named(majors),
            "major_threshold": cfg["major_customer_share"],
        }
    if pf.previous is not None and not pf.previous_revenue.empty:
        positive = s["positive_revenue"]
        up, down = trends.movers(pf.previous_revenue, pf.revenue, pf.names, n=MOVERS)
        won, lost = trends.won_lost(pf.previous_revenue, pf.revenue, pf.names)

        def movers(df: pd.DataFrame) -> list[dict]:
            return [
                {"name": r.account_name, "growth": float(r.growth), "share": r.end / positive}
                for r in df.itertuples()
            ]

        fig |= {
            "growth": pf.growth,
            "prev_label": period_label(pf.previous),
            "top_growers": movers(up),
            "top_decliners": movers(down),
            "accounts_won": len(won),
            "accounts_lost": len(lost),
        }
    if warnings is not None:
        fig["warnings"] = warnings
    return fig


def early_warnings(con, filters: Filters, today: date) -> ew.WarningsReport:
    """The early warnings of the period's key accounts (``kam_core.alerts``, issue #11), as the
    warnings screen and ``python -m kam_core warnings`` compute them."""
    return ew.build(con, filters, today)


def warnings_summary(report: ew.WarningsReport | None) -> dict | None:
    """The brief's ``warnings`` entry: key accounts whose revenue fell two quarters running."""
    return None if report is None or report.as_of is None else ew.brief_figures(report)


def warnings_table(report: ew.WarningsReport, lang: str) -> pd.DataFrame:
    """account_name, lead, kinds (short labels), revenue_at_stake of the flagged accounts."""
    rows = [
        {
            "account_name": a.account_name,
            "lead": a.lead or "–",
            "kinds": ", ".join(wtext.kind_label(k, lang) for k in a.kinds),
            "revenue_at_stake": a.revenue_at_stake,
        }
        for a in report.flagged
    ]
    return pd.DataFrame(rows, columns=["account_name", "lead", "kinds", "revenue_at_stake"])


def brief_for(
    con,
    filters: Filters,
    lang: str,
    today: date | None = None,
    warnings: ew.WarningsReport | None = None,
) -> str:
    """The written brief of ``filters`` in ``lang`` (two paragraphs). ``warnings``: the early
    warnings of the same filters when the caller has them (the app caches them), else built."""
    pf = portfolio_figures(con, filters)
    warn = warnings or early_warnings(con, pf.filters, today or date.today())
    return brief_text(brief_figures(pf, warnings_summary(warn)), lang)


# ---- the deck ------------------------------------------------------------------------------


def _chart(fig, height: int | None = None) -> tuple[str, bytes]:
    """The figure's title (the slide says it) and the figure as a PNG without it."""
    title = html.unescape(fig.layout.title.text or "")
    fig.update_layout(title={"text": None}, margin={"t": 50})
    size = dict(images.SLIDE_CHART)
    if height:  # a taller chart is drawn wider too, keeping the slide's proportions
        size["width"] = round(size["width"] * height / size["height"])
        size["height"] = height
    return title, images.png(fig, **size)


def in_reporting_currency(con, fn, *args):
    """``fn(*args)`` with amounts in the database's reporting currency (``i18n.use_currency``),
    in a copy of the caller's context: a deck may be built in a thread of its own (a download
    button's), and the caller's setting is left as it was."""

    def run():
        use_currency(rates.reporting_currency(con))
        return fn(*args)

    return contextvars.copy_context().run(run)


def build_deck(
    con,
    filters: Filters = Filters(),
    lang: str = "en",
    today: date | None = None,
    warnings: ew.WarningsReport | None = None,
) -> bytes:
    """The portfolio deck (PPTX bytes) of ``filters`` in ``lang``.

    Slides: title; the brief; key figures; Pareto; Lorenz curve; concentration figures; largest
    accounts (major customers); tiers; tier migration (Sankey and matrix); key accounts with
    plan freshness; revenue bridge; KAM load; early warnings (``warnings``: those of the same
    filters when the caller has them, else built here). Raises ``ReportError`` when the charts
    cannot be drawn (no Chromium).
    """
    lang = norm_lang(lang)
    return in_reporting_currency(con, _build_deck, con, filters, lang, today, warnings)


def _build_deck(con, filters: Filters, lang: str, today: date | None, warnings) -> bytes:
    today = today or date.today()
    # Chromium starts (2-3 s) while the figures are read.
    with images.image_session(background=True):
        pf = portfolio_figures(con, filters)
        f, s = pf.filters, pf.summary
        deck = Deck(lang, period=period_label(f))
        subtitle = [t("exp.prepared", lang, date=fmt_date(today, lang))]
        if filters_text(f, lang):
            subtitle.insert(0, t("exp.filtered", lang, filters=filters_text(f, lang)))
        deck.title_slide(t("exp.deck.title", lang), " · ".join(subtitle))
        warn = warnings or early_warnings(con, f, today)
        deck.text_slide(
            t("exp.deck.brief", lang),
            brief_text(brief_figures(pf, warnings_summary(warn)), lang).split("\n\n"),
        )
        deck.kpi_slide(t("exp.deck.kpis", lang), _kpis(pf, lang))
        if not s["accounts"]:
            deck.text_slide(t("exp.deck.kpis", lang), [t("pa.no_positive", lang)])
            return deck.to_bytes()
        _pareto_slides(deck, pf, lang)
        _tier_slides(deck, con, pf, lang, today)
        _bridge_slide(deck, con, pf, lang)
        _load_slide(deck, con, pf, lang, today)
        if warn is not None:
            _warnings_slide(deck, warn, lang)
    return deck.to_bytes()


def _kpis(pf: PortfolioFigures, lang: str) -> list[tuple[str, str]]:
    s, cfg = pf.summary, pf.cfg
    pct_a = fmt_pct(cfg["pareto_a"], lang, 0)
    growth_label = (
        t("exp.kpi.growth", lang, period=period_label(pf.previous))
        if pf.previous
        else t("exp.kpi.no_growth", lang)
    )
    to80 = t(
        "pa.kpi.to80.value",
        lang,
        k=fmt_num(s["accounts_to_80"], lang),
        share=fmt_pct(s["share_accounts_to_80"], lang),
    )
    return [
        (t("pa.kpi.revenue", lang), fmt_money(s["total_revenue"], lang, compact=True)),
        (growth_label, format_cell(pf.growth, "growth", lang)),
        (t("pa.kpi.accounts", lang), fmt_num(s["accounts"], lang)),
        (t("pa.kpi.to80", lang, pct=pct_a), to80),
        (t("pa.conc.gini", lang), fmt_num(s["gini"], lang, 2)),
        (t("pa.conc.hhi", lang), fmt_num(s["hhi"], lang)),
    ]


def concentration_table(pf: PortfolioFigures, lang: str) -> pd.DataFrame:
    """Figure / value rows of the concentration slide (the values of ``report --json``)."""
    s, a = pf.summary, pf.cfg["pareto_a"]
    pct_a = fmt_pct(a, lang, 0)
    rows = [
        (t("exp.row.accounts", lang), fmt_num(s["accounts"], lang)),
        (t("exp.row.revenue", lang), fmt_money(s["total_revenue"], lang)),
        (t("pa.kpi.to80", lang, pct=pct_a), fmt_num(s["accounts_to_80"], lang)),
        (t("exp.row.share_to80", lang, pct=pct_a), fmt_pct(s["share_accounts_to_80"], lang)),
        (t("pa.conc.top1", lang), fmt_pct(s["top_shares"]["1"], lang)),
    ]
    rows += [
        (t("pa.conc.top", lang, n=n), fmt_pct(s["top_shares"][n], lang)) for n in ("5", "10", "20")
    ]
    rows += [
        (t("pa.conc.gini", lang), fmt_num(s["gini"], lang, 2)),
        (t("pa.conc.hhi", lang), fmt_num(s["hhi"], lang)),
        (t("pa.conc.effective", lang), fmt_num(s["effective_accounts"], lang, 1)),
    ]
    return pd.DataFrame(rows, columns=["figure", "value"])


def tiers_table(pf: PortfolioFigures) -> pd.DataFrame:
    """Tier, accounts, share of accounts, revenue, share of revenue (``report --json`` abc)."""
    s, pt = pf.summary, pf.pareto
    rows = []
    for tier in ("A", "B", "C"):
        abc = s["abc"][tier]
        rows.append(
            {
                "tier": tier,
                "accounts": abc["count"],
                "share_accounts": abc["count"] / s["accounts"],
                "revenue": float(pt.loc[pt["tier"] == tier, "revenue"].sum()),
                "share_revenue": abc["revenue_share"],
            }
        )
    return pd.DataFrame(rows)


def _pareto_slides(deck: Deck, pf: PortfolioFigures, lang: str) -> None:
    s, cfg, pt = pf.summary, pf.cfg, pf.pareto
    a, b = cfg["pareto_a"], cfg["pareto_b"]
    title, png = _chart(portfolio_charts.pareto_figure(pt, lang, int(cfg["pareto_top_n"]), a, b))
    key = "exp.pareto.caption.one" if s["accounts_to_80"] == 1 else "exp.pareto.caption.many"
    caption = t(
        key,
        lang,
        k=fmt_num(s["accounts_to_80"], lang),
        share=fmt_pct(s["share_accounts_to_80"], lang),
        pct=fmt_pct(a, lang, 0),
    )
    deck.image_slide(title, png, caption=caption)

    title, png = _chart(portfolio_charts.lorenz_figure(pt, lang))
    band = metrics.hhi_band(s["hhi"], cfg["hhi_moderate"], cfg["hhi_high"])
    lo, hi = fmt_num(cfg["hhi_moderate"], lang), fmt_num(cfg["hhi_high"], lang)
    caption = t(
        "exp.lorenz.caption",
        lang,
        hhi=fmt_num(s["hhi"], lang),
        band=t(f"rep.brief.band.{band}", lang, lo=lo, hi=hi),
        eff=fmt_num(s["effective_accounts"], lang, 1),
    )
    deck.image_slide(title, png, caption=caption)

    deck.table_slide(
        t("exp.conc.title", lang),
        concentration_table(pf, lang),
        {"figure": t("exp.col.figure", lang), "value": t("exp.col.value", lang)},
        {"value": "numtext"},
    )
    majors = metrics.major_customers(pt, cfg["major_customer_share"])
    callout = " ".join(
        brief(
            {
                "major_customers": _named(majors),
                "major_threshold": cfg["major_customer_share"],
            },
            lang,
        )
    )
    deck.table_slide(
        t("exp.largest.title", lang),
        pt.head(LARGEST_ROWS),
        {
            "rank": t("tr.col.rank", lang),
            "account_name": t("pa.col.account", lang),
            "revenue": t("pa.col.revenue", lang),
            "share": t("tr.col.share", lang),
            "cum_share": t("tr.col.cum_share", lang),
            "tier": t("tr.col.tier", lang),
        },
        {"rank": "int", "revenue": "money", "share": "pct", "cum_share": "pct"},
        max_rows=LARGEST_ROWS,
        caption=callout,
    )


def _tier_slides(deck: Deck, con, pf: PortfolioFigures, lang: str, today: date) -> None:
    cfg = pf.cfg
    deck.table_slide(
        t("exp.tiers.title", lang),
        tiers_table(pf),
        {
            "tier": t("exp.col.tier", lang),
            "accounts": t("exp.col.accounts", lang),
            "share_accounts": t("exp.col.share_accounts", lang),
            "revenue": t("pa.col.revenue", lang),
            "share_revenue": t("exp.col.share_revenue", lang),
        },
        {"accounts": "int", "share_accounts": "pct", "revenue": "money", "share_revenue": "pct"},
        caption=t(
            "exp.tiers.caption",
            lang,
            a=fmt_pct(cfg["pareto_a"], lang, 0),
            b=fmt_pct(cfg["pareto_b"], lang, 0),
        ),
    )
    _migration_slides(deck, con, pf, lang)
    _key_accounts_slide(deck, con, pf, lang, today)


def migration_flows(con, pf: PortfolioFigures) -> tuple[pd.DataFrame, str, str] | None:
    """Tier flows with the tiers page's defaults: (flows, before, after); None with one quarter."""
    qs = reads.quarters(con)
    if len(qs) < 2:
        return None
    f, cfg = pf.filters, pf.cfg
    after = f.q_to if f.q_to in qs else qs[-1]
    before = shift_quarter(after, -4)
    before = before if before in qs else qs[max(0, qs.index(after) - 1)]
    n_stable = int(cfg["tier_stability_quarters"])
    stable = n_stable >= 2
    span = qs[: qs.index(max(before, after)) + 1] if stable else sorted({before, after})
    qt = tiers.quarterly_tiers(con, f, span)
    if stable:
        qt = qt.drop(columns=["tier"]).merge(
            tier_migration.stable_tiers(
                qt[["account_key", "quarter", "tier"]], span, max(n_stable, 2)
            ),
            on=["account_key", "quarter"],
        )
    names = pf.names[["account_key", "account_name"]]
    b = qt.loc[qt["quarter"] == before].merge(names, on="account_key", how="left")
    a = qt.loc[qt["quarter"] == after].merge(names, on="account_key", how="left")
    return tier_migration.flows(b, a), before, after


def migration_table(fl: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict, dict]:
    """The migration matrix (counts) as a frame, its column labels and formats."""
    m = tier_migration.matrix(fl, "count")
    out = m.reset_index()
    out["from"] = [
        t("tr.total", lang) if s == "total" else t(f"tr.state.{s}", lang) for s in m.index
    ]
    labels = {"from": t("tr.mig.from_to", lang)} | {
        c: t("tr.total", lang) if c == "total" else t(f"tr.state.{c}", lang) for c in m.columns
    }
    return out, labels, {c: "int" for c in m.columns}


def _migration_slides(deck: Deck, con, pf: PortfolioFigures, lang: str) -> None:
    got = migration_flows(con, pf)
    if got is None:
        deck.text_slide(t("exp.tiers.title", lang), [t("tr.mig.one_quarter", lang)])
        return
    fl, before, after = got
    title, png = _chart(tier_charts.migration_sankey(fl, lang, "count", before, after))
    deck.image_slide(title, png)
    table, labels, formats = migration_table(fl, lang)
    deck.table_slide(
        t("exp.migration.matrix", lang, before=before, after=after),
        table,
        labels,
        formats,
        caption=t("exp.migration.caption", lang, before=before, after=after),
    )


def key_accounts_table(con, pf: PortfolioFigures, lang: str, today: date) -> pd.DataFrame:
    """Key accounts with why they are key and how fresh their plan and map are (tiers page)."""
    ka = tiers.key_accounts(con, pf.filters)
    key = ka.loc[ka["is_key_account"]].copy()
    # Shorter than the tiers page's "Yes · tier A": every row here is a key account.
    key["why"] = [
        t("exp.why.marked", lang, reason=t(f"tr.reason.{m}", lang))
        if r == "marked"
        else t("exp.why.tier_a", lang)
        for r, m in zip(key["key_reason"], key["mark_reason"], strict=True)
    ]
    stale_days = int(pf.cfg["section_stale_days"])
    key = plans.with_freshness(key, plans.freshness(con, today, stale_days))
    key["attention"] = [
        " · ".join(t(f"tr.stale.{w}", lang) for w, s in (("plan", p), ("map", m)) if s) or "–"
        for p, m in zip(key["plan_stale"], key["map_stale"], strict=True)
    ]
    return key


def _key_accounts_slide(deck: Deck, con, pf: PortfolioFigures, lang: str, today: date) -> None:
    key = key_accounts_table(con, pf, lang, today)
    deck.table_slide(
        t("exp.key.title", lang),
        key,
        {
            "rank": t("tr.col.rank", lang),
            "account_name": t("pa.col.account", lang),
            "revenue": t("pa.col.revenue", lang),
            "why": t("tr.col.why", lang),
            "attention": t("tr.col.attention", lang),
            "plan_updated_at": t("tr.col.plan_updated", lang),
            "map_updated_at": t("tr.col.map_updated", lang),
        },
        {"rank": "int", "revenue": "money", "plan_updated_at": "date", "map_updated_at": "date"},
        max_rows=KEY_ROWS,
        caption=t("exp.key.caption", lang, days=int(pf.cfg["section_stale_days"])),
    )


def bridge_periods(con, pf: PortfolioFigures) -> tuple[Filters, Filters]:
    """Start and end periods with the bridge tab's defaults (previous period -> period)."""
    qs = reads.quarters(con)
    f = pf.filters
    prev = periods.previous_period(f)
    q_start = prev.q_to if prev.q_to in qs else qs[0]
    q_end = f.q_to if f.q_to in qs else qs[-1]
    n = len(quarters_between(f.q_from, f.q_to))
    return (
        replace(f, q_from=shift_quarter(q_start, -(n - 1)), q_to=q_start),
        replace(f, q_from=shift_quarter(q_end, -(n - 1)), q_to=q_end),
    )


def _bridge_slide(deck: Deck, con, pf: PortfolioFigures, lang: str) -> None:
    f_start, f_end = bridge_periods(con, pf)
    b = bridge.summarise(
        bridge.classify(reads.account_revenue(con, f_start), reads.account_revenue(con, f_end))
    )
    start, end = period_label(f_start), period_label(f_end)
    title, png = _chart(portfolio_charts.bridge_figure(b, lang, start, end))
    caption = t(
        "exp.bridge.caption",
        lang,
        start=start,
        end=end,
        nrr=fmt_pct(b["nrr"], lang),
        grr=fmt_pct(b["grr"], lang),
        won=fmt_num(b["accounts_new"], lang),
        lost=fmt_num(b["accounts_lost"], lang),
    )
    deck.image_slide(title, png, caption=caption)


def kam_load(con, pf: PortfolioFigures, today: date) -> pd.DataFrame:
    """Load per person as on the team page (period filters only)."""
    f = Filters(q_from=pf.filters.q_from, q_to=pf.filters.q_to)
    return roster.workload(
        roster.people(con),
        tiers.key_accounts(con, f),
        roster.assignments(con),
        roster.efforts(con),
        plans.all_actions(con),
        today,
        roster.weights(con),
    )


def _load_slide(deck: Deck, con, pf: PortfolioFigures, lang: str, today: date) -> None:
    load = kam_load(con, pf, today)
    if load.empty:
        deck.text_slide(t("exp.load.title", lang), [t("exp.load.nobody", lang)])
        return
    fig = account_charts.workload_chart(load, lang)
    # The chart grows with the team (36 px a person); drawn wider in proportion and with larger
    # type, so that its labels stay readable once the slide scales it to the image area.
    height = min(MAX_LOAD_PX, max(images.SLIDE_CHART["height"], int(fig.layout.height or 0)))
    size = round(LOAD_FONT_PX * height / images.SLIDE_CHART["height"])
    # room on the right for the utilisation written past the longest bar (Plotly clips bar
    # text at the axis end)
    top = float(max(load["load"].max(), load["capacity"].max(), 1.0))
    fig.update_layout(font={"size": size}, xaxis={"range": [0, top * 1.18]})
    legend, png = _chart(fig, height=height)
    over = load.loc[load["overloaded"], "name"].tolist()
    status = (
        t("exp.load.over", lang, names=", ".join(over)) if over else t("exp.load.none_over", lang)
    )
    deck.image_slide(t("exp.load.title", lang), png, caption=f"{legend}. {status}")


def _warnings_slide(deck: Deck, report: ew.WarningsReport, lang: str) -> None:
    title = t("exp.warnings.title", lang)
    if report.as_of is None or not report.flagged:
        deck.text_slide(title, [t("exp.warnings.none", lang)])
        return
    deck.table_slide(
        title,
        warnings_table(report, lang),
        {
            "account_name": t("pa.col.account", lang),
            "lead": t("acc.lead", lang),
            "kinds": t("exp.col.kinds", lang),
            "revenue_at_stake": t("exp.col.at_stake", lang),
        },
        {"revenue_at_stake": "money"},
        max_rows=WARNING_ROWS,
        caption=t(
            "exp.warnings.caption",
            lang,
            quarter=report.as_of,
            n=fmt_num(len(report.flagged), lang),
            money=fmt_money(report.revenue_at_stake, lang, compact=True),
        ),
    )
