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

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from kam_core.accounts import activities, health, overview, plans, search
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
# The picker lists a bounded set (search.TOP accounts of the selection plus the open one) and a
# search box finds any other (issue 9): a selectbox of all 100,000 accounts of the 5M-line
# benchmark cost ~100 ms a rerun (Streamlit maps and sends every option). Everything here is
# st.cache_resource, shared as built (callers never change it): 100,000 keys and labels took
# about 50 ms a rerun to unpickle from st.cache_data. ``own``: the sorted keys a KAM limited to
# their own accounts may read (a tuple: a cache key), None for everyone else.
@dataclass(frozen=True, eq=False)
class AccountOrder:
    """Every account of a selection in picker order (key accounts by rank, then the rest by
    revenue rank, then by name), with its name and tag, and the account opened by default."""

    keys: list[str]
    names: list[str]
    tags: list[tuple[bool, str | None]]  # (is a key account, tier)
    default: str | None


def account_picker(k: Keys, filters: Filters, lang: str) -> tuple[AccountOrder, dict[str, str]]:
    """``(order, labels)``: every account in picker order and its label in ``lang``."""
    return _account_order(k.figures, filters), _account_labels(k.figures, filters, lang)


def account_top(k: Keys, filters: Filters, own: tuple | None = None) -> list[str]:
    """The accounts the picker lists without a search: the first ``search.TOP``."""
    if own is None:
        return _account_order(k.figures, filters).keys[: search.TOP]
    return _account_top(k.figures, filters, own)


def account_search(
    k: Keys, filters: Filters, query: str, own: tuple | None = None
) -> tuple[list[str], int]:
    """``(keys, total)``: the best ``search.LIMIT`` accounts matching ``query`` and how many match
    (:func:`kam_core.accounts.search.find`); cached per query, so reruns with a search in the box
    do not search again."""
    return _account_search(k.figures, filters, search.fold(query), own)


@st.cache_resource(ttl=_TTL, max_entries=16, show_spinner=False)
def _account_order(k: Keys, filters: Filters) -> AccountOrder:
    ka = key_accounts(k.path, k.data, filters)
    opts = overview.account_options(_con(k), filters, ka=ka)
    if opts.empty:
        return AccountOrder([], [], [], None)
    keys = [str(x) for x in opts["account_key"]]
    tags = [
        (bool(is_key), tier if isinstance(tier, str) else None)
        for is_key, tier in zip(opts["is_key_account"], opts["tier"], strict=True)
    ]
    default = overview.default_account(_con(k), filters, ka=ka)
    return AccountOrder(keys, [str(n) for n in opts["account_name"]], tags, default or keys[0])


@st.cache_resource(ttl=_TTL, max_entries=16, show_spinner=False)
def _account_labels(k: Keys, filters: Filters, lang: str) -> dict[str, str]:
    """``name · key account`` or ``name · tier B``; the key is added to a label two accounts
    share, so each option names one account (the widget tells options apart by label)."""
    order = _account_order(k, filters)
    key_tag = t("acc.key_tag", lang)
    labels = {}
    for acc, name, (is_key, tier) in zip(order.keys, order.names, order.tags, strict=True):
        tag = key_tag if is_key else (t("acc.tier_tag", lang, tier=tier) if tier else "")
        labels[acc] = f"{name} · {tag}" if tag else name
    seen = Counter(labels.values())
    return {acc: f"{lab} · {acc}" if seen[lab] > 1 else lab for acc, lab in labels.items()}


@st.cache_resource(ttl=_TTL, max_entries=16, show_spinner=False)
def _account_top(k: Keys, filters: Filters, own: tuple) -> list[str]:
    return search.top(_account_order(k, filters).keys, search.TOP, frozenset(own))


@st.cache_resource(ttl=_TTL, max_entries=4, show_spinner=False)
def _account_index(k: Keys, filters: Filters) -> search.Index:
    """Built on the first search of a selection (about 0.2 s at 100,000 accounts)."""
    order = _account_order(k, filters)
    return search.build(order.keys, order.names)


@st.cache_resource(ttl=_TTL, max_entries=64, show_spinner=False)
def _account_search(
    k: Keys, filters: Filters, query: str, own: tuple | None
) -> tuple[list[str], int]:
    index = _account_index(k, filters)
    return search.find(index, query, search.LIMIT, None if own is None else frozenset(own))


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
