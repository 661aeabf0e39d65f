"""The account review pack (F-PR-2): one account's story as a PPTX deck and an A4 PDF.

    pack = account_pack(con, "C1000", Filters("2025-Q4", "2026-Q3"), "es")
    pptx, pdf = pack_pptx(pack), pack_pdf(pack)

One content model for both files: a title, a subtitle and a list of sections, each a title and
its blocks (``reports.blocks``). The PDF prints every section under its heading; the deck gives
every block a slide of its own with the section's title.

The figures are those of the Account 360 page, read through the same functions with the same
defaults: header KPIs over the period (``overview.header``), revenue of every quarter with data
(the header's sparkline, with next quarter's expected range), early warnings
(``alerts.early_warnings.for_account``, as on the page), the plan of the current year (the plan
tab's default), coverage warnings (``relationships.warnings``) and health
(``health.account_health``) as of ``today``.
A section with nothing recorded says so in words; the pack of an account without contacts,
plan or activity still builds.
"""

from __future__ import annotations

import contextvars
import html
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from kam_core.accounts import health, overview, plans
from kam_core.accounts import relationships as rel
from kam_core.alerts import early_warnings as ew
from kam_core.alerts import text as wtext
from kam_core.charts import account as account_charts
from kam_core.charts import relmap
from kam_core.common.quarter import shift_quarter
from kam_core.i18n import current_currency, fmt_money, fmt_num, fmt_pct, norm_lang, t, use_currency
from kam_core.portfolio.periods import Filters
from kam_core.reports import images
from kam_core.reports.blocks import (
    MUTED,
    Block,
    Heading,
    Image,
    Kpis,
    PageBreak,
    Paragraphs,
    Table,
)
from kam_core.reports.deck import Deck
from kam_core.reports.pdf import pdf_bytes
from kam_core.reports.portfolio_deck import in_reporting_currency, period_label, resolve
from kam_core.store import settings
from kam_core.team import roster

MAP_MAX_PX = (1400, 900)  # the relationship map is drawn at its own size, at most this
# Wide, low charts: on an A4 landscape page the chart and the table under it share the page.
WIDE_CHART = {"width": 900, "height": 230, "scale": 2}
SLIDE_FONT_PX = 15  # on a slide the same charts are drawn at images.SLIDE_CHART, type a size up


@dataclass(frozen=True)
class PackImage(Image):
    """A chart drawn twice: ``png`` low and wide for an A4 page (the table under it shares the
    page), ``slide_png`` in the slide's proportions with larger type."""

    slide_png: bytes | None = None


@dataclass
class Section:
    """A titled part of the pack: a heading in the PDF, the title of its slides in the deck."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False  # in the PDF: large pictures read better on a page of their own


@dataclass
class Pack:
    """A review pack ready to be written as PPTX or PDF (text already in ``lang``)."""

    lang: str
    title: str
    subtitle: str
    period: str
    sections: list[Section]
    file_stem: str  # e.g. "review-pack-C1000-2025-Q4_2026-Q3"
    currency: str | None = None  # tables format their amounts when the file is written

    def written(self, fn):
        """``fn(self)`` with amounts in the pack's currency (the caller's setting untouched)."""

        def run():
            use_currency(self.currency)
            return fn(self)

        return contextvars.copy_context().run(run)


def _label(prefix: str, code, lang: str) -> str:
    return "–" if code is None or pd.isna(code) else t(f"{prefix}.{code}", lang)


def _none(text: str) -> list[Block]:
    return [Paragraphs([text])]


def _chart(fig, **size) -> tuple[str, bytes]:
    """The figure's title (a caption in the pack) and the figure drawn without it."""
    title = html.unescape(fig.layout.title.text or "")
    fig.update_layout(title={"text": None})
    return title, images.png(fig, **(size or images.SLIDE_CHART))


def _page_and_slide(fig, caption: str | None) -> PackImage:
    """``fig`` for the page (WIDE_CHART) and for a slide (SLIDE_CHART, type 15 px)."""
    fig.update_layout(margin={"r": 30})  # room for the last tick label at the right edge
    _, page = _chart(fig, **WIDE_CHART)
    fig.update_layout(font={"size": SLIDE_FONT_PX})
    fig.update_xaxes(tickfont={"size": SLIDE_FONT_PX})
    fig.update_yaxes(tickfont={"size": SLIDE_FONT_PX})
    _, slide = _chart(fig)
    return PackImage(page, caption, slide_png=slide)


def account_pack(
    con,
    account_key: str,
    filters: Filters = Filters(),
    lang: str = "en",
    today: date | None = None,
    warned: ew.AccountWarnings | None = None,
) -> Pack:
    """Gather one account's figures and draw its charts (one browser for all of them), with
    amounts in the reporting currency. ``warned``: the account's early warnings when the caller
    has them (the app caches them), else read here."""
    lang = norm_lang(lang)
    return in_reporting_currency(con, _account_pack, con, account_key, filters, lang, today, warned)


def _account_pack(con, account_key: str, filters: Filters, lang: str, today, warned) -> Pack:
    today = today or date.today()
    # Chromium starts (2-3 s) while the figures are read.
    with images.image_session(background=True):
        f = resolve(con, filters)
        period = period_label(f)
        h = overview.header(con, account_key, f)
        hl = health.account_health(con, account_key, today)
        warned = warned or ew.for_account(con, account_key, f, today)
        name = str(h["account_name"])
        sections = [
            _key_figures(h, hl, lang),
            _products(h, lang),
            _early_warnings(warned, lang),
            *_revenue(con, account_key, f, lang, warned),
            *_relationships(con, account_key, lang, today),
            *_plan(con, account_key, lang, today),
            _health(hl, lang),
        ]
    status = t("acc.is_key" if h["is_key_account"] else "acc.not_key", lang)
    lead = h["lead"] or t("acc.no_lead", lang)
    team = ", ".join(h["team"]) if h["team"] else "–"
    subtitle = f"{status} · {t('acc.lead', lang)}: {lead} · {t('acc.team', lang)}: {team}"
    stem = f"{t('exp.file.pack', lang)}-{account_key}-{f.q_from}_{f.q_to}"
    title = t("exp.pack.title", lang, name=name)
    return Pack(lang, title, subtitle, period, sections, stem, current_currency())


# ---- sections ------------------------------------------------------------------------------


def _key_figures(h: dict, hl: dict, lang: str) -> Section:
    rank = (
        t("acc.rank_of", lang, rank=fmt_num(h["rank"], lang), total=fmt_num(h["accounts"], lang))
        if h["rank"]
        else "–"
    )
    score = t("exp.pack.health_value", lang, score=fmt_num(hl["score"], lang, 1))
    band = t(f"health.band.{hl['band']}", lang)
    items = [
        (t("acc.revenue", lang), fmt_money(h["revenue"], lang, compact=True)),
        # two decimals for a share too small to show with one (0.03%, not 0.0%)
        (t("acc.share", lang), fmt_pct(h["share"], lang, 2 if 0 < h["share"] < 0.0005 else 1)),
        (t("acc.rank", lang), rank),
        (t("acc.tier", lang), h["tier"] or "–"),
        (f"{t('exp.pack.health_kpi', lang)} · {band}", score),
    ]
    return Section(t("exp.pack.kpis", lang), [Kpis(items)])


def quarter_table(quarterly: pd.DataFrame) -> pd.DataFrame:
    """quarter, revenue, change vs the quarter before and vs the same quarter a year earlier."""
    out = quarterly[["quarter", "revenue"]].reset_index(drop=True).copy()
    rev = out["revenue"].astype(float)

    def change(lag: int) -> pd.Series:
        base = rev.shift(lag)
        return (rev / base - 1).where(base > 0)

    out["qoq"], out["yoy"] = change(1), change(4)
    return out


def _revenue(con, key: str, f: Filters, lang: str, warned) -> list[Section]:
    full = overview.quarterly_revenue(con, key, Filters())
    expectation = warned.expectation if warned is not None else None
    fig = account_charts.sparkline(full, lang, expectation)
    # The header's sparkline (with next quarter's expected range, as on screen) drawn for a
    # page: no title (the section says it), a value axis, type that reads on paper and on a
    # wall, and the period under review shaded.
    qs = list(full["quarter"])
    if expectation is not None and expectation.enough_history and expectation.quarter:
        qs.append(expectation.quarter)
    fig.update_layout(
        height=None,
        margin={"l": 70, "r": 30, "t": 30, "b": 50},
        font={"size": 13},
        xaxis={"tickfont": {"size": 13}, "type": "category", "range": [-0.5, len(qs) - 0.5]},
        yaxis={
            "visible": True,
            "tickformat": "~s",
            "gridcolor": "#e6e9ef",
            "tickfont": {"size": 13},
        },
    )
    inside = [i for i, q in enumerate(qs) if f.q_from <= q <= f.q_to]
    if inside:
        fig.add_vrect(
            x0=inside[0] - 0.5, x1=inside[-1] + 0.5, fillcolor=MUTED, opacity=0.1, line_width=0
        )
    image = _page_and_slide(fig, t("exp.pack.revenue.caption", lang, period=period_label(f)))
    table = Table(
        quarter_table(full).iloc[::-1],
        {
            "quarter": t("pa.col.quarter", lang),
            "revenue": t("pa.col.revenue", lang),
            "qoq": t("pa.trend.qoq", lang),
            "yoy": t("pa.trend.yoy", lang),
        },
        {"revenue": "money", "qoq": "growth", "yoy": "growth"},
    )
    return [Section(t("exp.pack.revenue", lang), [image, table], new_page=True)]


def _products(h: dict, lang: str) -> Section:
    title = t("exp.pack.products", lang)
    prods = h["products"]
    if prods.empty:
        return Section(title, _none(t("exp.pack.products.none", lang)))
    cols = {
        "product_line": t("pa.col.product_line", lang),
        "revenue": t("pa.col.revenue", lang),
        "share": t("tr.col.share", lang),
    }
    return Section(title, [Table(prods, cols, {"revenue": "money", "share": "pct"})])


def _early_warnings(warned, lang: str) -> Section:
    """The account's early warnings as on its page: each in words, then next quarter's
    expectation (``kam_core.alerts``)."""
    title = t("warn.account.title", lang)
    if warned is None or warned.expectation is None:
        return Section(title, _none(t("exp.pack.warnings.unjudged", lang)))
    e = warned.expectation
    judged = shift_quarter(e.quarter, -1) if e.quarter else "–"
    lines = [
        f"{wtext.kind_label(w.kind, lang)}: {wtext.describe(w, lang)}" for w in warned.warnings
    ]
    if not lines:
        lines = [t("warn.account.none", lang, quarter=judged)]
    if e.quarter and e.enough_history:
        money = {k: fmt_money(getattr(e, k), lang) for k in ("mean", "low", "high")}
        lines.append(
            t("warn.expect", lang, quarter=e.quarter, level=fmt_pct(e.level, lang, 0), **money)
        )
    elif e.quarter:
        lines.append(
            t("warn.expect.short", lang, quarter=e.quarter, n=fmt_num(e.history_quarters, lang))
        )
    return Section(title, [Paragraphs(lines)])


def warning_text(w: dict, lang: str) -> str:
    """One coverage warning as the relationship tab writes it."""
    days = fmt_num(w["days"], lang) if w["days"] is not None else ""
    return t(f"rel.warn.{w['code']}", lang, name=w["name"] or "", days=days)


def _map_size(fig) -> dict:
    w, h = int(fig.layout.width or 900), int(fig.layout.height or 500)
    shrink = min(1.0, MAP_MAX_PX[0] / w, MAP_MAX_PX[1] / h)
    return {"width": round(w * shrink), "height": round(h * shrink), "scale": 2}


def _relationships(con, key: str, lang: str, today: date) -> list[Section]:
    cfg = settings.get_all(con)
    every = rel.contacts(con, key, include_archived=True)
    active = every[every["archived_at"].isna()]
    cov = rel.coverage(con, key)
    warns = rel.warnings(every, cov, today, cfg["contact_not_seen_days"])
    title = t("exp.pack.map", lang)
    if active.empty:
        blocks = _none(t("exp.pack.map.none", lang))
    else:
        high = {w["contact_id"] for w in warns if w["severity"] == "high" and w["contact_id"]}
        lines = rel.influence_lines(con, key)
        fig = relmap.figure(every, cov, lines, roster.people(con), lang, warned_ids=high)
        _, png = _chart(fig, **_map_size(fig))
        blocks = [Image(png, t("exp.pack.map.legend", lang))]
    texts = [warning_text(w, lang) for w in warns] or [t("exp.pack.warnings.none", lang)]
    return [
        Section(title, blocks, new_page=True),
        Section(t("exp.pack.warnings", lang), [Paragraphs(texts)]),
    ]


def _plan(con, key: str, lang: str, today: date) -> list[Section]:
    year = today.year  # the plan tab opens on the current year
    actual, nq = overview.revenue_in_year(con, key, year)
    objectives = plans.items(con, "objectives", key, year)
    p = plans.progress(objectives, actual, nq)
    kpis = Kpis(
        [
            (
                t("plan.target", lang),
                fmt_money(p["target"], lang, compact=True) if p["target"] else "–",
            ),
            (t("plan.actual", lang, year=year), fmt_money(actual, lang, compact=True)),
            (
                t("plan.progress", lang),
                fmt_pct(p["progress"], lang, 0) if p["progress"] is not None else "–",
            ),
            (t("plan.pace", lang), fmt_pct(p["pace"], lang, 0) if p["pace"] is not None else "–"),
        ]
    )
    if objectives.empty:
        obj: list[Block] = _none(t("exp.pack.plan.none", lang, year=year))
    else:
        obj = [
            Table(
                objectives,
                {
                    "description": t("plan.f.objective", lang),
                    "revenue_target": t("plan.f.revenue_target", lang),
                },
                {"revenue_target": "money"},
            )
        ]
    return [
        Section(t("exp.pack.plan", lang, year=year), [kpis, *obj]),
        _competitors(con, key, year, lang),
        _opportunities(con, key, year, lang),
        _actions(con, key, year, lang, today),
    ]


def _competitors(con, key: str, year: int, lang: str) -> Section:
    title = t("exp.pack.competitors", lang)
    df = plans.items(con, "competitors", key, year)
    if df.empty:
        return Section(title, _none(t("exp.pack.competitors.none", lang)))
    df = df.assign(threat=[_label("plan.threat", v, lang) for v in df["threat"]])
    cols = {
        "name": t("plan.f.competitor", lang),
        "share_of_wallet": t("plan.f.share_of_wallet", lang),
        "threat": t("plan.f.threat", lang),
        "notes": t("plan.f.notes", lang),
    }
    return Section(title, [Table(df, cols, {"share_of_wallet": "pct0"})])


def _opportunities(con, key: str, year: int, lang: str) -> Section:
    title = t("exp.pack.opportunities", lang)
    df = plans.items(con, "opportunities", key, year)
    if df.empty:
        return Section(title, _none(t("exp.pack.opportunities.none", lang)))
    df = df.assign(stage=[_label("plan.stage", v, lang) for v in df["stage"]])
    cols = {
        "name": t("plan.f.opportunity", lang),
        "value": t("plan.f.value", lang),
        "stage": t("plan.f.stage", lang),
        "expected_quarter": t("plan.f.expected_quarter", lang),
    }
    return Section(title, [Table(df, cols, {"value": "money"})])


def open_actions(con, key: str, year: int, today: date) -> pd.DataFrame:
    """Actions not done, overdue first, then by due date; ``overdue`` is a bool column."""
    df = plans.items(con, "actions", key, year)
    df = df.assign(overdue=plans.overdue_mask(df, today).to_numpy(dtype=bool))
    df = df.loc[df["status"] != "done"].copy()
    df["_due"] = pd.to_datetime(df["due_date"], errors="coerce")
    df = df.sort_values(["overdue", "_due"], ascending=[False, True], kind="mergesort")
    return df.drop(columns="_due").reset_index(drop=True)


def _actions(con, key: str, year: int, lang: str, today: date) -> Section:
    title = t("exp.pack.actions", lang)
    df = open_actions(con, key, year, today)
    if df.empty:
        return Section(title, _none(t("exp.pack.actions.none", lang)))
    n_late = int(df["overdue"].sum())
    caption = None
    if n_late:
        key_ = "exp.pack.actions.overdue.one" if n_late == 1 else "exp.pack.actions.overdue.many"
        caption = t(key_, lang, n=fmt_num(n_late, lang))
    view = df.assign(
        status=[_label("plan.status", v, lang) for v in df["status"]],
        overdue=[t("exp.col.overdue", lang) if x else "" for x in df["overdue"]],
    )
    cols = {
        "description": t("plan.f.action", lang),
        "owner": t("plan.f.owner", lang),
        "due_date": t("plan.f.due_date", lang),
        "status": t("plan.f.status", lang),
        "overdue": t("exp.col.overdue", lang),
    }
    return Section(title, [Table(view, cols, {"due_date": "date"}, caption=caption)])


def evidence(f: dict, lang: str) -> str:
    """Why a health factor scored what it did (the health tab's 'Why' column)."""
    name = f["factor"]
    if name == "revenue_trend":
        if f["growth"] is None:
            return t("health.ev.trend_none", lang)
        return t("health.ev.trend", lang, growth=fmt_pct(f["growth"], lang))
    if name == "relationships":
        return _coverage_counts(int(f["high"]), int(f["medium"]), lang)
    if name == "plan_progress":
        if f["pace"] is None:
            return t("health.ev.no_target", lang)
        return t("health.ev.pace", lang, pace=fmt_pct(f["pace"], lang, 0))
    if name == "plan_freshness":
        return t("health.ev.fresh", lang, share=fmt_pct(f["fresh_share"], lang, 0))
    n = int(f["open_problems"])
    suffix = "none" if n == 0 else "one" if n == 1 else "many"
    return t(f"exp.health.problems.{suffix}", lang, n=fmt_num(n, lang))


def _coverage_counts(high: int, medium: int, lang: str) -> str:
    """'2 serious coverage warnings and 1 minor one' (whole templates per case, both languages)."""

    def count(prefix: str, n: int) -> str:
        return t(f"{prefix}.{'one' if n == 1 else 'many'}", lang, n=fmt_num(n, lang))

    if high and medium:
        return t(
            "exp.health.rel.both",
            lang,
            high=count("exp.health.rel.high", high),
            medium=count("exp.health.rel.and_minor", medium),
        )
    if high:
        return count("exp.health.rel.high", high)
    if medium:
        return count("exp.health.rel.minor", medium)
    return t("exp.health.rel.none", lang)


def health_table(hl: dict, lang: str) -> pd.DataFrame:
    rows = [
        {
            "factor": t(f"health.f.{f['factor']}", lang),
            "evidence": evidence(f, lang),
            "value": f["value"],
            "weight": f["weight"],
            "points": f["points"],
        }
        for f in hl["factors"]
    ]
    rows.append(
        {
            "factor": t("health.total", lang),
            "evidence": "",
            "value": None,
            "weight": 100.0,
            "points": hl["score"],
        }
    )
    return pd.DataFrame(rows)


def _health(hl: dict, lang: str) -> Section:
    fig = account_charts.health_bars(hl, lang)
    title = html.unescape(fig.layout.title.text or "")
    image = _page_and_slide(fig, f"{title} · {t('health.band.' + hl['band'], lang)}")
    table = Table(
        health_table(hl, lang),
        {
            "factor": t("health.col.factor", lang),
            "evidence": t("health.col.evidence", lang),
            "value": t("health.col.value", lang),
            "weight": t("health.col.weight", lang),
            "points": t("health.col.points", lang),
        },
        {"value": "pct0", "weight": "int", "points": "num1"},
    )
    return Section(t("exp.pack.health", lang), [image, table], new_page=True)


# ---- the two files -------------------------------------------------------------------------


def pack_pptx(pack: Pack) -> bytes:
    """The pack as a deck: a title slide, then one slide per block, titled by its section."""
    return pack.written(_pptx)


def _pptx(pack: Pack) -> bytes:
    deck = Deck(pack.lang, period=pack.period)
    deck.title_slide(pack.title, pack.subtitle)
    for section in pack.sections:
        for block in section.blocks:
            _slide(deck, section.title, block)
    return deck.to_bytes()


def _slide(deck: Deck, title: str, block: Block) -> None:
    if isinstance(block, Kpis):
        deck.kpi_slide(title, block.items)
    elif isinstance(block, Image):
        png = getattr(block, "slide_png", None) or block.png
        deck.image_slide(title, png, caption=block.caption)
    elif isinstance(block, Table):
        deck.table_slide(
            title,
            block.df,
            block.columns,
            block.formats,
            max_rows=block.max_rows or 15,
            caption=block.caption,
        )
    elif isinstance(block, Paragraphs):
        deck.text_slide(title, block.lines)
    # Heading and PageBreak have no slide of their own: every slide has its title.


def pack_pdf(pack: Pack) -> bytes:
    """The pack as an A4 landscape PDF: every section under its heading."""
    return pack.written(_pdf)


def _pdf(pack: Pack) -> bytes:
    blocks: list[Block] = []
    for section in pack.sections:
        if blocks and section.new_page:
            blocks.append(PageBreak())
        blocks.append(Heading(section.title))
        blocks.extend(section.blocks)
    return pdf_bytes(pack.title, blocks, pack.lang, subtitle=pack.subtitle, period=pack.period)


def build_pptx(
    con, account_key: str, filters: Filters = Filters(), lang: str = "en", today=None, warned=None
) -> bytes:
    return pack_pptx(account_pack(con, account_key, filters, lang, today, warned))


def build_pdf(
    con, account_key: str, filters: Filters = Filters(), lang: str = "en", today=None, warned=None
) -> bytes:
    return pack_pdf(account_pack(con, account_key, filters, lang, today, warned))
