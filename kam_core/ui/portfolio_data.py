"""Cached reads for the portfolio and tiers pages, keyed on small values only.

Keys: database path, ``data_version`` (bumped by every write that changes figures, settings
included), the frozen :class:`Filters` and a few scalars. Never DataFrames.
"""

from __future__ import annotations

import streamlit as st

from kam_core.analytics import metrics, trends
from kam_core.charts import portfolio as portfolio_charts
from kam_core.common.quarter import quarters_between
from kam_core.i18n import LANGS, fmt_date, t
from kam_core.portfolio import reads, tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings
from kam_core.ui.sections import PARAM as SECTION_PARAM
from kam_core.ui.setup import TAB_KEYS, TAB_STATE, TAB_WIDGET, _connection


def _con(path: str):
    return _connection(path)


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def settings_cached(path: str, version: int) -> dict:
    return settings.get_all(_con(path))


@st.cache_resource(ttl=3600, max_entries=2, show_spinner=False)
def cube(path: str, version: int) -> reads.RevenueCube | None:
    """Every line summed per account, quarter and filter dimension, once per data version: a
    selection never seen before is then a mask over it (a few ms) instead of a query over every
    line (25 ms on 1M lines, about five times that on 5M). None when it would not be much
    smaller than the lines. Shared as built: nothing may change it."""
    return reads.revenue_cube(_con(path))


def account_revenue(path: str, version: int, filters: Filters):
    """``reads.account_revenue`` of the selection, from the cube when there is one."""
    c = cube(path, version)
    return (
        c.account_revenue(filters) if c is not None else reads.account_revenue(_con(path), filters)
    )


@st.cache_resource(ttl=3600, max_entries=64, show_spinner=False)
def pareto(path: str, version: int, filters: Filters):
    """(account revenue, Pareto table) of a selection, kept built: st.cache_data would pickle
    both 20,000-row frames on every store and hit (a third of a new selection's cost). Shared
    objects: nothing may change them (pages and tabs only read them; copy before changing)."""
    cfg = settings_cached(path, version)
    rev = account_revenue(path, version, filters)
    return rev, metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"])


@st.cache_resource(ttl=3600, max_entries=32, show_spinner=False)
def pareto_figure(path: str, version: int, filters: Filters, lang: str):
    """The Pareto figure of a selection, built once: about 0.1 s of CPU on 20,000 accounts, which
    every rerun of the page paid (any click). st.cache_resource keeps the built object;
    st.plotly_chart copies it before sending and nothing may change it (see ui/cache.py)."""
    cfg = settings_cached(path, version)
    _, pt = pareto(path, version, filters)
    return portfolio_charts.pareto_figure(
        pt, lang, int(cfg["pareto_top_n"]), cfg["pareto_a"], cfg["pareto_b"]
    )


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def summary(path: str, version: int, filters: Filters) -> dict:
    cfg = settings_cached(path, version)
    rev, pt = pareto(path, version, filters)
    out = metrics.concentration(rev, cfg["pareto_a"], cfg["pareto_b"], pt=pt)
    # Net total of every line = sum of every account's net revenue (credit notes included).
    out["total_revenue"] = float(rev["revenue"].sum())
    return out


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def key_accounts(path: str, version: int, filters: Filters):
    return tiers.key_accounts(_con(path), filters)


def keys(ctx) -> tuple[str, int]:
    """The cache key prefix of this page run: (database path, data version)."""
    return db.db_path(), ctx.data_version


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def attributes(path: str, version: int):
    return reads.account_attributes(_con(path))


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def trend(path: str, version: int, filters: Filters):

    return trends.quarterly_trend(reads.quarter_totals(_con(path), filters))


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def revenue(path: str, version: int, filters: Filters):
    return account_revenue(path, version, filters)


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def whitespace(path: str, version: int, filters: Filters):

    con = _con(path)
    ka = key_accounts(path, version, filters)
    key = ka.loc[ka["is_key_account"]]
    return trends.whitespace(
        reads.account_product_revenue(con, filters), key, attributes(path, version)
    )


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def scored(path: str, version: int, filters: Filters, weights: tuple | None = None):
    ka = key_accounts(path, version, filters)
    return tiers.scored_accounts(_con(path), filters, dict(weights) if weights else None, ka=ka)


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def quarterly_tiers(path: str, version: int, filters: Filters, quarters: tuple[str, ...]):
    return tiers.quarterly_tiers(_con(path), filters, list(quarters))


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def abc_xyz(path: str, version: int, filters: Filters):
    """ABC of the selection crossed with XYZ over its quarters (CV of quarterly revenue)."""
    cfg = settings.get_all(_con(path))
    _, pt = pareto(path, version, filters)
    quarters = quarters_between(filters.q_from, filters.q_to)
    var = metrics.variability(quarter_revenue(path, version, filters), quarters)
    out = pt[["account_key", "account_name", "revenue", "share", "tier"]].merge(
        var, on="account_key", how="left"
    )
    out["xyz"] = metrics.xyz_class(out["cv"], cfg["xyz_x_max"], cfg["xyz_y_max"])
    return out


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def what_if(path: str, version: int, filters: Filters, account_key: str) -> dict:
    cfg = settings.get_all(_con(path))
    return metrics.what_if_lose(
        revenue(path, version, filters), account_key, cfg["pareto_a"], cfg["pareto_b"]
    )


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def quarter_revenue(path: str, version: int, filters: Filters):
    return reads.account_quarter_revenue(_con(path), filters)


def fmt_table(ctx, df, spec):
    """A display copy: translated headers, numbers formatted per language (text cells).

    ``spec`` is a list of ``(column, label_key, kind)`` with kind money | compact | num | pct | pct_signed |
    int | text | date. Rows keep the order given (tables are sorted before display).
    """
    import pandas as pd

    out = {}
    for col, key, kind in spec:
        s = df[col]
        if kind == "money":
            v = ["–" if pd.isna(x) else ctx.money(x) for x in s]
        elif kind == "compact":
            v = ["–" if pd.isna(x) else ctx.money(x, compact=True) for x in s]
        elif kind == "num":
            v = ["–" if pd.isna(x) else ctx.num(x, 2) for x in s]
        elif kind == "int":
            v = ["–" if pd.isna(x) else ctx.num(x) for x in s]
        elif kind == "pct":
            v = ["–" if pd.isna(x) else ctx.pct(x) for x in s]
        elif kind == "pct_signed":
            v = ["–" if pd.isna(x) else ("+" if x > 0 else "") + ctx.pct(x) for x in s]
        elif kind == "date":
            v = ["–" if pd.isna(x) else fmt_date(x, ctx.lang) for x in s]
        else:
            v = ["" if pd.isna(x) else str(x) for x in s]
        out[ctx.t(key)] = v
    return pd.DataFrame(out)


def delta(value, text: str | None, up_is_good: bool | None = True) -> dict:
    """st.metric delta arguments for a formatted (language-aware) delta text.

    Streamlit infers direction and colour from a leading ASCII '-', which our formatted
    numbers do not use (they use the true minus sign), so both are set explicitly.
    ``up_is_good=None`` shows a neutral grey delta.
    """
    if value is None or text is None or value != value:
        return {}
    arrow = "up" if value > 0 else "down" if value < 0 else "off"
    if up_is_good is None or value == 0:
        color = "gray"
    else:
        color = "green" if (value > 0) == up_is_good else "red"
    return {"delta": text, "delta_arrow": arrow, "delta_color": color}


def _on_tab(labels: list[str]) -> None:
    """A tab was clicked: its label goes to the URL (the first tab needs none), and the tab
    opens on its first section when presented one section per screen (``ui.sections``)."""
    label = st.session_state[TAB_WIDGET]
    if SECTION_PARAM in st.query_params:
        del st.query_params[SECTION_PARAM]
    if label == labels[0]:
        if TAB_STATE in st.query_params:
            del st.query_params[TAB_STATE]
    else:
        st.query_params[TAB_STATE] = label


def lazy_tabs(ctx, screens) -> str:
    """Tabs where only the open one runs, bound to the URL (``?view=<tab label>``). Returns the
    label key of the open tab.

    ``screens`` is a list of ``(label_key, render)``; ``render()`` draws one screen. Only the
    selected screen is computed (a filter change costs one screen, not six) and a link reopens
    the same screen, so each can be presented alone.

    The URL parameter is kept here rather than by Streamlit's ``bind="query-params"``: that
    binding holds the label text, so a switch of language found no tab of that name, reopened
    the first tab and dropped ``view`` from the URL (issue 8). Here a label in either language
    opens its tab, and the URL always names it in the page's language.
    """
    keys = [k for k, _ in screens]
    labels = [ctx.t(k) for k in keys]
    st.session_state[TAB_KEYS] = keys  # for the language picker (setup._on_lang_change)
    wanted = st.query_params.get(TAB_STATE)
    index = next((i for i, k in enumerate(keys) if wanted in {t(k, lang) for lang in LANGS}), None)
    if wanted is not None and (index is None or wanted != labels[index]):
        if index is None:  # a tab this page (or audience) does not have: the first one
            del st.query_params[TAB_STATE]
        else:  # a link in the other language
            st.query_params[TAB_STATE] = labels[index]
    if st.session_state.get(TAB_WIDGET) != labels[index or 0]:
        st.session_state[TAB_WIDGET] = labels[index or 0]
    containers = st.tabs(labels, key=TAB_WIDGET, on_change=_on_tab, args=(labels,))
    opened = keys[index or 0]
    for container, (key, render) in zip(containers, screens, strict=True):
        if container.open is False:
            continue
        opened = key
        with container:
            render()
    return opened
