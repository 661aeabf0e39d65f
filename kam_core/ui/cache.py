"""Cached reads of the account and team pages, keyed on small values only (STYLE.md principle 8).

The same layer as :mod:`kam_core.ui.portfolio_data` (portfolio and tiers pages), with whose
``key_accounts`` and ``settings_cached`` it shares entries: key-account status is computed once per
data version for every page, and settings are read only when something changed.

Keys (:class:`Keys`, one per page run):

- ``path``: the database file;
- ``data``: the data version, read once per run (bumped by uploads, undo, settings, marks);
- ``writes``: writes this process has committed (:func:`kam_core.store.db.write_count`, no query).
  Contacts, plans, activities and teams change without bumping the data version; only this
  process can write to the file while it runs, so an unchanged count means unchanged data.

Plus an account key, a year, the frozen Filters, the date and the language. Never DataFrames.
Every reader returns copies (``st.cache_data``), so callers may edit what they get.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from kam_core.accounts import activities, health, overview, plans
from kam_core.accounts import relationships as rel
from kam_core.charts import account as account_charts
from kam_core.i18n import t
from kam_core.portfolio.periods import Filters
from kam_core.store import db
from kam_core.team import roster
from kam_core.ui.portfolio_data import key_accounts, settings_cached
from kam_core.ui.setup import _connection

_TTL = 3600


@dataclass(frozen=True)
class Keys:
    """The cache key prefix of one page run: database path, data version, committed writes."""

    path: str
    data: int
    writes: int

    @property
    def figures(self) -> Keys:
        """The key without the write count, for reads of revenue, accounts and settings only:
        those change only with the data version, so a contact or plan edit leaves them cached."""
        return Keys(self.path, self.data, 0)


def keys(ctx) -> Keys:
    return Keys(db.db_path(), ctx.data_version, db.write_count())


def settings(k: Keys) -> dict:
    return settings_cached(k.path, k.data)


def _con(k: Keys):
    return _connection(k.path)


# ---------------------------------------------------------------- Account 360: picker and header
def account_picker(k: Keys, filters: Filters, lang: str) -> tuple[list, dict, str | None]:
    """``(keys, labels, default key)``: every account, key accounts first, labelled in ``lang``."""
    return _account_picker(k.figures, filters, lang)


# st.cache_resource: every account's key and label (100,000 on the 5M-line benchmark) took about
# 50 ms a rerun to unpickle from st.cache_data. Shared as built: callers never change them.
@st.cache_resource(ttl=_TTL, max_entries=16, show_spinner=False)
def _account_picker(k: Keys, filters: Filters, lang: str) -> tuple[list, dict, str | None]:
    ka = key_accounts(k.path, k.data, filters)
    opts = overview.account_options(_con(k), filters, ka=ka)
    if opts.empty:
        return [], {}, None
    key_tag = t("acc.key_tag", lang)
    labels = {}
    for acc, name, tier, is_key in zip(
        opts["account_key"], opts["account_name"], opts["tier"], opts["is_key_account"]
    ):
        tag = (
            key_tag
            if is_key
            else (t("acc.tier_tag", lang, tier=tier) if isinstance(tier, str) else "")
        )
        labels[acc] = f"{name} · {tag}" if tag else name
    default = overview.default_account(_con(k), filters, ka=ka)
    return list(opts["account_key"]), labels, default or str(opts["account_key"].iloc[0])


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def header(k: Keys, account_key: str, filters: Filters) -> dict:
    ka = key_accounts(k.path, k.data, filters)
    return overview.header(_con(k), account_key, filters, ka=ka)


def quarterly_revenue(k: Keys, account_key: str, filters: Filters = Filters()) -> pd.DataFrame:
    return _quarterly_revenue(k.figures, account_key, filters)


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def _quarterly_revenue(k: Keys, account_key: str, filters: Filters) -> pd.DataFrame:
    return overview.quarterly_revenue(_con(k), account_key, filters)


@st.cache_data(ttl=_TTL, max_entries=16, show_spinner=False)
def people(k: Keys) -> pd.DataFrame:
    return roster.people(_con(k))


# ---------------------------------------------------------------- Account 360: tabs
@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def relationships(k: Keys, account_key: str, today: date) -> dict:
    """Everything the relationship-map tab shows: contacts (archived too), coverage, influence
    lines, our people, warnings and the map's last edit."""
    con = _con(k)
    every = rel.contacts(con, account_key, include_archived=True)
    cov = rel.coverage(con, account_key)
    warns = rel.warnings(every, cov, today, settings(k)["contact_not_seen_days"])
    return {
        "every": every,
        "cov": cov,
        "lines": rel.influence_lines(con, account_key),
        "people": people(k),
        "warns": warns,
        "last_edit": rel.last_edit(con, account_key),
    }


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def plan_years(k: Keys, account_key: str) -> list[int]:
    return plans.plan_years(_con(k), account_key)


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def plan(k: Keys, account_key: str, year: int) -> dict:
    """One account's plan for one year: every section's rows, the texts, the last edits and the
    revenue of that year so far (objective progress)."""
    con = _con(k)
    actual, nq = overview.revenue_in_year(con, account_key, year)
    return {
        "items": {kind: plans.items(con, kind, account_key, year) for kind in plans.KINDS},
        "texts": plans.texts(con, account_key, year),
        "edits": plans.section_edits(con, account_key, year),
        "actual": actual,
        "quarters": nq,
    }


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def activity_log(k: Keys, account_key: str) -> pd.DataFrame:
    return activities.log(_con(k), account_key)


@st.cache_data(ttl=_TTL, max_entries=64, show_spinner=False)
def account_health(k: Keys, account_key: str, today: date) -> dict:
    return health.account_health(_con(k), account_key, today)


# ---------------------------------------------------------------- KAM team
@st.cache_data(ttl=_TTL, max_entries=16, show_spinner=False)
def team(k: Keys, filters: Filters, today: date) -> dict:
    """Workload, unassigned key accounts, suggestions and relationship risk of the selection."""
    con = _con(k)
    ka = key_accounts(k.path, k.data, filters)
    people_df = people(k)
    assign = roster.assignments(con)
    eff = roster.efforts(con)
    weights = roster.weights(con)
    load = roster.workload(people_df, ka, assign, eff, plans.all_actions(con), today, weights)
    un = roster.unassigned(ka, assign)
    sugg = roster.suggest_reassignments(load, ka, assign, eff, un, weights)
    acc_risk, per = roster.relationship_risk(
        ka,
        assign,
        roster.all_contacts(con),
        roster.all_coverage(con),
        roster.map_edits(con),
        today,
        settings(k)["section_stale_days"],
    )
    return {
        "ka": ka.loc[ka["is_key_account"]].reset_index(drop=True),
        "people": people_df,
        "assign": assign,
        "eff": eff,
        "weights": weights,
        "load": load,
        "un": un,
        "sugg": sugg,
        "acc_risk": acc_risk,
        "per": per,
    }


# ---------------------------------------------------------------- figures
# A Plotly figure takes 5-70 ms to build, and st.cache_data would rebuild it when unpickling:
# st.cache_resource keeps the built object. st.plotly_chart copies it (to_dict) before sending
# and never changes it; nothing else may. (The relationship map's figure is cached the same way
# in account_relationships, which alone imports networkx for its layout.)
@st.cache_resource(ttl=_TTL, max_entries=64, show_spinner=False)
def health_figure(k: Keys, account_key: str, today: date, lang: str):
    return account_charts.health_bars(account_health(k, account_key, today), lang)


@st.cache_resource(ttl=_TTL, max_entries=16, show_spinner=False)
def team_figures(k: Keys, filters: Filters, today: date, lang: str) -> dict:
    d = team(k, filters, today)
    return {
        "workload": account_charts.workload_chart(d["load"], lang),
        "risk": account_charts.risk_chart(d["per"], lang) if not d["per"].empty else None,
    }
