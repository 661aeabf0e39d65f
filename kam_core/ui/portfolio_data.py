"""Cached reads for the portfolio and tiers pages, keyed on small values only.

Keys: database path, ``data_version`` (bumped by every write that changes figures, settings
included), the frozen :class:`Filters` and a few scalars. Never DataFrames.
"""

from __future__ import annotations

import streamlit as st

from kam_core import db, metrics, portfolio, settings, tiers
from kam_core.portfolio import Filters
from kam_core.ui.setup import _connection


def _con(path: str):
    return _connection(path)


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def settings_cached(path: str, version: int) -> dict:
    return settings.get_all(_con(path))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def pareto(path: str, version: int, filters: Filters):
    cfg = settings.get_all(_con(path))
    rev = portfolio.account_revenue(_con(path), filters)
    return rev, metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"])


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def summary(path: str, version: int, filters: Filters) -> dict:
    cfg = settings.get_all(_con(path))
    rev, _ = pareto(path, version, filters)
    out = metrics.concentration(rev, cfg["pareto_a"], cfg["pareto_b"])
    out["total_revenue"] = portfolio.total_revenue(_con(path), filters)
    return out


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def key_accounts(path: str, version: int, filters: Filters):
    return tiers.key_accounts(_con(path), filters)


def keys(ctx) -> tuple[str, int]:
    """The cache key prefix of this page run: (database path, data version)."""
    return db.db_path(), ctx.data_version
