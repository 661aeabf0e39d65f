"""The shared filter bar: quarter range (preset or custom) and product line / region / segment / KAM.

The range lives in the URL as ``from`` / ``to`` (YYYY-Qn, PRODUCT.md F-PR-3) so a link reopens the
same view. Values persist across pages in plain session keys (``flt.*``); widgets use their own
keys and copy back on change, because Streamlit drops a widget's state on pages that do not draw it.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from kam_core.i18n import t
from kam_core.portfolio import periods, reads
from kam_core.portfolio.periods import DIMENSIONS, PRESETS, Filters
from kam_core.store import db
from kam_core.ui.setup import _connection

_DIM_LABELS = {name: f"flt.dim.{name}" for name in DIMENSIONS}


def _preset_label(lang: str, preset: str) -> str:
    return t(f"flt.preset.{preset}", lang)


def _sync(widget_key: str, state_key: str):
    def _cb():
        st.session_state[state_key] = st.session_state[widget_key]

    return _cb


def _init_from_url(quarters: list[str]) -> None:
    """First run of the session: preset and choice from ``?from=&to=``, else the last 4 quarters."""
    if st.session_state.get("flt.init"):
        return
    q_from, q_to = st.query_params.get("from"), st.query_params.get("to")
    problem = periods.url_range_problem(q_from, q_to, quarters)
    if problem:  # said in words on the page (filter_bar), then a valid period is shown
        st.session_state["flt.url_problem"] = (problem, q_from, q_to)
        q_from = q_to = None
    preset, pick, rng = periods.infer_preset(quarters, q_from, q_to)
    st.session_state["flt.preset"] = preset
    st.session_state["flt.pick"] = pick
    st.session_state["flt.range"] = rng
    for name in DIMENSIONS:  # product line, region, segment, KAM from the link too
        st.session_state.setdefault(f"flt.{name}", list(st.query_params.get_all(name)))
    st.session_state["flt.init"] = True


def _widget(fn, label: str, name: str, **kw):
    wkey, skey = f"_flt_{name}", f"flt.{name}"
    st.session_state[wkey] = st.session_state[skey]
    return fn(label, key=wkey, on_change=_sync(wkey, skey), **kw)


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def loaded_quarters(path: str, version: int) -> list[str]:
    """Quarters with data, ascending (cached per database and data version)."""
    return reads.quarters(_connection(path))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _dimension_values(path: str, version: int, name: str) -> list[str]:
    return reads.dimension_values(_connection(path), name)


def filter_bar(ctx, dimensions: bool = True) -> Filters:
    """Draw the filter bar in the sidebar; return the Filters and keep ``from``/``to`` in the URL."""
    path, version = db.db_path(), ctx.data_version
    quarters = loaded_quarters(path, version)
    if not quarters:
        return Filters()
    _init_from_url(quarters)
    # Data may have changed since the choice was made (upload, undo): keep choices valid.
    pick, rng, _, _ = periods.resolve_period(
        st.session_state["flt.preset"],
        quarters,
        st.session_state["flt.pick"],
        st.session_state["flt.range"],
    )
    st.session_state.update({"flt.pick": pick, "flt.range": rng})
    years = periods.years(quarters)
    with st.sidebar:
        st.subheader(ctx.t("flt.title"))
        preset = _widget(
            st.radio,
            ctx.t("flt.period"),
            "preset",
            options=list(PRESETS),
            format_func=partial(_preset_label, ctx.lang),
        )
        if preset in ("quarter", "trailing4"):
            label = "flt.quarter" if preset == "quarter" else "flt.ending"
            _widget(st.selectbox, ctx.t(label), "pick", options=quarters[::-1])
        elif preset == "year":
            _widget(st.selectbox, ctx.t("flt.year"), "pick", options=years[::-1])
        elif preset == "custom":
            if len(quarters) > 1:
                _widget(st.select_slider, ctx.t("flt.range"), "range", options=quarters)
        filters_kw = _dimension_filters(ctx, path, version) if dimensions else {}
    _, _, q_from, q_to = periods.resolve_period(
        st.session_state["flt.preset"],
        quarters,
        st.session_state["flt.pick"],
        st.session_state["flt.range"],
    )
    if st.query_params.get("from") != q_from or st.query_params.get("to") != q_to:
        st.query_params["from"] = q_from
        st.query_params["to"] = q_to
    _dimensions_to_url(filters_kw)
    _say_url_problem(ctx)
    chosen = Filters(q_from=q_from, q_to=q_to, **filters_kw)
    st.session_state["flt.missing"] = periods.missing_quarters(chosen, quarters)
    return periods.covered(chosen, quarters)


MORE_KEY = "_flt_more"  # the "More filters" expander's open state


def _dimension_filters(ctx, path: str, version: int) -> dict:
    """Product line / region / segment / KAM under "More filters", chosen values kept valid.

    The expander tracks its state and its multiselects are drawn only while it is open (it opens
    by itself when a value is chosen, e.g. from a link): four multiselects were a good part of the
    browser's work on a new visitor's first view (issue 9). Closed, the choices still apply
    from the session, so the figures never depend on whether the expander is open."""
    chosen, values_of = {}, {}
    for name in DIMENSIONS:
        values = _dimension_values(path, version, name)
        st.session_state[f"flt.{name}"] = [
            v for v in st.session_state.get(f"flt.{name}", []) if v in values
        ]
        if values:
            values_of[name] = values
            chosen[name] = tuple(st.session_state[f"flt.{name}"])
    more = st.expander(
        ctx.t("flt.more"),
        expanded=any(chosen.values()),
        key=MORE_KEY,
        on_change="rerun",
    )
    if more.open:
        with more:
            for name, values in values_of.items():
                chosen[name] = tuple(
                    _widget(
                        st.multiselect,
                        ctx.t(_DIM_LABELS[name]),
                        name,
                        options=values,
                        placeholder=ctx.t("flt.all"),
                    )
                )
    return chosen


def _dimensions_to_url(chosen: dict) -> None:
    """Product line / region / segment / KAM in the URL, so a shared link reopens the same view."""
    for name in DIMENSIONS:
        values = list(chosen.get(name, ()))
        if values and st.query_params.get_all(name) != values:
            st.query_params[name] = values
        elif not values and name in st.query_params:
            del st.query_params[name]


def _say_url_problem(ctx) -> None:
    problem = st.session_state.pop("flt.url_problem", None)
    if problem:
        kind, q_from, q_to = problem
        st.warning(ctx.t(f"flt.url_{kind}", q_from=q_from, q_to=q_to), icon=":material/event_busy:")


def period_label(ctx, filters: Filters, note: bool = True) -> str:
    """'2025-Q4 – 2026-Q3' or a single quarter, for titles and captions; the quarters the figures
    really cover, with a note when the chosen period has quarters without data yet."""
    text = (
        filters.q_from or ""
        if filters.q_from == filters.q_to
        else f"{filters.q_from} – {filters.q_to}"
    )
    missing = st.session_state.get("flt.missing") or []
    if note and missing and filters.q_to and all(q > filters.q_to for q in missing):
        text += " " + ctx.t("flt.incomplete", missing=", ".join(missing))
    return text
