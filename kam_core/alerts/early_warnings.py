"""Early warnings and next-quarter expectations of the key accounts (F-PA-8).

:func:`build` answers "which key accounts of this selection are slipping, by how much, and what
should next quarter bring?": key accounts are those of ``kam_core.portfolio.tiers.key_accounts``
over the selection; the warnings are judged on the last COMPLETE quarter up to the selection's
end (``inputs.last_complete_quarter``); the relationship rules look at ``today``. Each account
gets its warnings still to show (never acknowledged, or worse since), the quiet ones (acknowledged
and not worse) and its expectation for the quarter after, with its range; the portfolio total gets
one too. Accounts are ranked by revenue at stake (``warning_rules``: a year of the revenue the
warning puts at risk; an account's figure is its largest warning's, never a sum).

Thresholds are the settings of group ``warnings`` (same names as ``warning_rules.DEFAULTS``) plus
``contact_not_seen_days`` and ``section_stale_days``. Reads only; :func:`acknowledge` is the
one write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from kam_core.alerts import acks, inputs
from kam_core.analytics import warning_rules as wr
from kam_core.analytics.forecast import Expectation, dense_values, expect_many, expect_next
from kam_core.common.errors import ValidationError
from kam_core.common.quarter import shift_quarter
from kam_core.portfolio import tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings

# Rule threshold -> setting key (declared once in kam_core.store.settings).
RULE_SETTINGS = {k: k for k in wr.DEFAULTS} | {
    "not_seen_days": "contact_not_seen_days",
    "plan_stale_days": "section_stale_days",
}


def thresholds(cfg: dict) -> dict:
    """The rules' thresholds from the settings values ``cfg`` (defaults where one is missing)."""
    return {k: cfg.get(s, wr.DEFAULTS[k]) for k, s in RULE_SETTINGS.items()}


def _no_expectation(quarter: str | None, history: int = 0, level: float = 0.8) -> Expectation:
    return Expectation(quarter or "", False, None, None, None, level, "none", history)


@dataclass(frozen=True)
class AccountWarnings:
    """One account: warnings to show, quiet (acknowledged) ones and next quarter's expectation."""

    account_key: str
    account_name: str
    lead: str | None
    tier: str | None
    revenue: float  # over the selection
    last_quarter_revenue: float  # in the quarter judged
    warnings: tuple[wr.EarlyWarning, ...] = ()
    quiet: tuple[wr.EarlyWarning, ...] = ()
    ack: acks.Ack | None = None
    expectation: Expectation | None = None

    @property
    def kinds(self) -> list[str]:
        return [w.kind for w in self.warnings]

    @property
    def revenue_at_stake(self) -> float:
        return max((w.revenue_at_stake for w in self.warnings), default=0.0)

    def to_dict(self) -> dict:
        exp = self.expectation.to_dict() if self.expectation else None
        return {
            "account": self.account_key,
            "account_name": self.account_name,
            "lead": self.lead,
            "kinds": self.kinds,
            "revenue_at_stake": round(self.revenue_at_stake, 2),
            "warnings": [w.to_dict() for w in self.warnings],
            "acknowledged_kinds": [w.kind for w in self.quiet],
            "expectation": exp,
        }


@dataclass(frozen=True)
class WarningsReport:
    """Every key account of a selection, those with warnings first (by revenue at stake)."""

    as_of: str | None  # the quarter judged (None: no complete quarter yet)
    today: date
    accounts: tuple[AccountWarnings, ...] = ()
    total: Expectation | None = None  # the portfolio total next quarter
    total_last: float | None = None  # the portfolio total in the quarter judged
    level: float = 0.80
    thresholds: dict = field(default_factory=dict)
    currency: str | None = None  # the reporting currency, shown with amounts
    # False when no contact, plan or activity is recorded anywhere: relationship rules not run
    relationships_recorded: bool = True

    @property
    def next_quarter(self) -> str | None:
        return shift_quarter(self.as_of, 1) if self.as_of else None

    @property
    def flagged(self) -> list[AccountWarnings]:
        return [a for a in self.accounts if a.warnings]

    @property
    def quiet(self) -> list[AccountWarnings]:
        """Accounts whose only warnings are acknowledged ones."""
        return [a for a in self.accounts if a.quiet and not a.warnings]

    @property
    def revenue_at_stake(self) -> float:
        return float(sum(a.revenue_at_stake for a in self.flagged))

    def account(self, key: str) -> AccountWarnings | None:
        return next((a for a in self.accounts if a.account_key == key), None)

    def to_json(self) -> list[dict]:
        """The accounts with warnings to show, ranked: what ``warnings --json`` prints."""
        return [{**a.to_dict(), "as_of": self.as_of} for a in self.flagged]

    def per_lead(self) -> pd.DataFrame:
        """Per lead KAM (None: no lead): key_accounts, flagged, revenue_at_stake, kinds."""
        cols = ["lead", "key_accounts", "flagged", "revenue_at_stake", "kinds"]
        rows: dict = {}
        for a in self.accounts:
            r = rows.setdefault(a.lead, {"key_accounts": 0, "flagged": 0, "stake": 0.0, "k": {}})
            r["key_accounts"] += 1
            if a.warnings:
                r["flagged"] += 1
                r["stake"] += a.revenue_at_stake
                for k in a.kinds:
                    r["k"][k] = r["k"].get(k, 0) + 1
        out = pd.DataFrame(
            [
                (lead, r["key_accounts"], r["flagged"], r["stake"], r["k"])
                for lead, r in rows.items()
            ],
            columns=cols,
        )
        return out.sort_values(
            ["revenue_at_stake", "flagged"], ascending=False, kind="mergesort"
        ).reset_index(drop=True)


# ---------------------------------------------------------------- one account
def _slices(df: pd.DataFrame, cols: list[str]) -> dict[str, dict[str, list]]:
    """``{account_key: {column: values}}``, each account's rows in their order: one stable sort
    and one list per column, then list slices (a frame or a Python loop per account cost
    milliseconds each over thousands of key accounts)."""
    if df.empty:
        return {}
    codes, uniques = pd.factorize(df["account_key"])
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1)).tolist()
    ordered = df.iloc[order]
    columns = {c: list(ordered[c]) for c in cols}
    return {
        str(key): {c: v[bounds[i] : bounds[i + 1]] for c, v in columns.items()}
        for i, key in enumerate(uniques)
    }


def _dense(part: dict | None, col: str, last: str | None):
    if part is None:
        return None
    return dense_values(part["quarter"], np.asarray(part[col], dtype="float64"), last)


def _expectations(quarterly: pd.DataFrame, as_of: str, level: float) -> tuple[dict, dict]:
    """(expectation for as_of from the history before it, expectation for the quarter after)."""
    out = []
    for when in (shift_quarter(as_of, -1), as_of):
        df = expect_many(quarterly, level, as_of=when)
        out.append(
            {
                str(r.account_key): Expectation(
                    quarter=str(r.quarter),
                    enough_history=bool(r.enough_history),
                    mean=None if pd.isna(r.mean) else float(r.mean),
                    low=None if pd.isna(r.low) else float(r.low),
                    high=None if pd.isna(r.high) else float(r.high),
                    level=float(level),
                    method=str(r.method),
                    history_quarters=int(r.history_quarters),
                )
                for r in df.itertuples(index=False)
            }
        )
    return out[0], out[1]


@dataclass
class _Parts:
    """Per-account pieces of the gathered inputs, ready for the rules
    (``warning_rules.evaluate_dense``): plain lists, no pandas object per account."""

    quarterly: dict  # key -> {"quarter": [...], "revenue": [...]} as read (not dense)
    orders: dict  # key -> (quarters, orders) dense up to as_of
    products: dict  # key -> [(product_line, quarter, revenue)]
    contacts: dict  # key -> contact records (warning_rules.contact_records)
    best_levels: dict  # contact_id -> strongest level of ours (contact ids are unique)

    @classmethod
    def of(cls, data: inputs.Inputs) -> _Parts:
        products = {
            key: [
                (p, str(q), float(r))
                for p, q, r in zip(v["product_line"], v["quarter"], v["revenue"])
                if not pd.isna(p)
            ]
            for key, v in _slices(data.products, ["product_line", "quarter", "revenue"]).items()
        }
        contacts: dict = {}
        for key, rec in zip(data.contacts["account_key"], wr.contact_records(data.contacts)):
            contacts.setdefault(str(key), []).append(rec)
        orders = _slices(data.orders, ["quarter", "orders"])
        return cls(
            quarterly=_slices(data.quarterly, ["quarter", "revenue"]),
            orders={k: _dense(v, "orders", data.as_of) for k, v in orders.items()},
            products={k: v for k, v in products.items() if v},
            contacts=contacts,
            best_levels=wr.best_levels(data.coverage),
        )

    def series(self, key: str) -> pd.Series | None:
        """The account's quarterly revenue as read (acknowledgements look at it)."""
        part = self.quarterly.get(key)
        if part is None:
            return None
        return pd.Series(part["revenue"], index=part["quarter"], dtype="float64")


def _champion_last_contact(records: list[dict] | None):
    if not records:
        return None
    seen = [
        r["last_contact"]
        for r in records
        if r["stance"] == "champion" and r["active"] and not pd.isna(r["last_contact"])
    ]
    return max(seen) if seen else None


def _judge(key, parts: _Parts, data: inputs.Inputs, judged, today, th) -> list[wr.EarlyWarning]:
    quarters, values = _dense(parts.quarterly.get(key), "revenue", data.as_of) or (
        [data.as_of],  # a key account that has not bought yet: relationship rules only
        np.zeros(1),
    )
    return wr.evaluate_dense(
        quarters,
        values,
        expectation=judged.get(key) or _no_expectation(data.as_of, level=th["expectation_level"]),
        orders=parts.orders.get(key),
        product_rows=parts.products.get(key),
        contacts=parts.contacts.get(key, []),
        best_levels=parts.best_levels,
        plan_last_edit=data.plan_edits.get(key),
        last_activity=data.last_activity.get(key),
        today=today,
        thresholds=th,
    )


def _split(found, ack, key, parts, data, th) -> tuple[list, list, acks.Ack | None]:
    """(shown, quiet, the acknowledgement that applies)."""
    if ack is None or not found:
        return found, [], None
    lapsed = acks.lapsed_kinds(
        ack,
        as_of=data.as_of,
        quarterly=parts.series(key),
        plan_last_edit=data.plan_edits.get(key),
        last_activity=data.last_activity.get(key),
        champion_last_contact=_champion_last_contact(parts.contacts.get(key)),
        level=th["expectation_level"],
    )
    record = acks.in_force(ack, lapsed)
    shown = wr.unacknowledged(found, record, th["worsen_margin"])
    quiet = [w for w in found if w not in shown]
    return shown, quiet, ack if quiet else None


# ---------------------------------------------------------------- the report
def _candidates(con, ka: pd.DataFrame, keys: list[str] | None) -> pd.DataFrame:
    """Key accounts of the key-account table ``ka`` (or exactly ``keys``): account_key,
    account_name, tier, revenue."""
    cols = ["account_key", "account_name", "tier", "revenue"]
    if keys is None:
        return ka.loc[ka["is_key_account"], cols].reset_index(drop=True)
    chosen = ka.loc[ka["account_key"].isin(keys), cols]
    missing = [k for k in keys if k not in set(chosen["account_key"])]
    if missing:
        names = db.query_df(
            con,
            "SELECT account_key, account_name FROM accounts WHERE list_contains(?, account_key)",
            [missing],
        )
        extra = pd.DataFrame({"account_key": missing}).merge(names, how="left")
        extra["account_name"] = extra["account_name"].fillna(extra["account_key"])
        chosen = pd.concat([chosen, extra.assign(tier=None, revenue=0.0)], ignore_index=True)
    return chosen.reset_index(drop=True)


def build(
    con,
    filters: Filters = Filters(),
    today: date | None = None,
    keys: list[str] | None = None,
    *,
    ka: pd.DataFrame | None = None,
    cfg: dict | None = None,
    as_of: str | None = None,
    with_total: bool = True,
) -> WarningsReport:
    """Warnings and expectations of the key accounts of ``filters`` (or of exactly ``keys``,
    key or not: the account page) as of the last complete quarter up to ``filters.q_to``.

    ``ka`` (``tiers.key_accounts`` of ``filters``), ``cfg`` (``settings.get_all``) and ``as_of``
    (``inputs.last_complete_quarter``) are computed here unless the caller has them (cached);
    ``with_total=False`` skips the portfolio total. Four queries when the caller gives all three
    (three for the inputs, one for the total)."""
    today = today or date.today()
    cfg = settings.get_all(con) if cfg is None else cfg
    th = thresholds(cfg)
    level = float(th["expectation_level"])
    currency = cfg.get("reporting_currency") or None
    cand = _candidates(con, tiers.key_accounts(con, filters) if ka is None else ka, keys)
    as_of = as_of or inputs.last_complete_quarter(con, today, filters.q_to)
    if as_of is None:
        return WarningsReport(None, today, level=level, thresholds=th, currency=currency)
    data = inputs.gather(
        con,
        list(cand["account_key"]),
        as_of,
        window=int(th["frequency_window"]),
        lookback=int(th["product_lookback_quarters"]),
    )
    parts = _Parts.of(data)
    judged, nxt = _expectations(data.quarterly, as_of, level) if len(data.quarterly) else ({}, {})
    in_force = data.acks
    rows = []
    for key, name, tier, revenue in zip(
        cand["account_key"], cand["account_name"], cand["tier"], cand["revenue"]
    ):
        found = _judge(key, parts, data, judged, today, th)
        if not data.recorded:  # nothing recorded by the team yet: no relationship can decay
            found = [w for w in found if w.kind not in wr.RELATIONSHIP_KINDS]
        shown, quiet, ack = _split(found, in_force.get(key), key, parts, data, th)
        got = parts.quarterly.get(key)
        last = dict(zip(got["quarter"], got["revenue"])).get(as_of, 0.0) if got else 0.0
        rows.append(
            AccountWarnings(
                account_key=key,
                account_name=str(name),
                lead=data.leads.get(key),
                tier=tier if isinstance(tier, str) else None,
                revenue=0.0 if pd.isna(revenue) else float(revenue),
                last_quarter_revenue=float(last),
                warnings=tuple(shown),
                quiet=tuple(quiet),
                ack=ack,
                expectation=nxt.get(key) or _no_expectation(shift_quarter(as_of, 1), 0, level),
            )
        )
    rows.sort(key=lambda a: (-a.revenue_at_stake, -a.revenue, a.account_key))
    total_q = inputs.portfolio_quarters(con, as_of) if with_total else pd.Series(dtype="float64")
    total = expect_next(total_q, level=level) if len(total_q) else None
    return WarningsReport(
        as_of=as_of,
        today=today,
        accounts=tuple(rows),
        total=total,
        total_last=float(total_q.get(as_of, 0.0)) if len(total_q) else None,
        level=level,
        thresholds=th,
        currency=currency,
        relationships_recorded=data.recorded,
    )


def for_account(
    con, account_key: str, filters: Filters = Filters(), today: date | None = None, **known
) -> AccountWarnings | None:
    """One account's warnings and expectation (the account page), key account or not.
    ``known``: ``ka``, ``cfg``, ``as_of`` as for :func:`build`."""
    rep = build(con, filters, today, keys=[account_key], with_total=False, **known)
    return rep.account(account_key)


def acknowledge(
    con,
    account_key: str,
    note,
    user: str,
    filters: Filters = Filters(),
    today: date | None = None,
) -> int:
    """Acknowledge every current warning of one account (those showing and the quiet ones),
    judged afresh here, with ``note``; one transaction. Raises :class:`ValidationError` when the
    account has no warning or the note is missing or too long."""
    rep = build(con, filters, today, keys=[account_key], with_total=False)
    acc = rep.account(account_key)
    if acc is None or rep.as_of is None or not (acc.warnings or acc.quiet):
        raise ValidationError("err.warn.nothing_to_ack")
    ordered = [w for w in (*acc.warnings, *acc.quiet)]
    ordered.sort(key=lambda w: wr.KINDS.index(w.kind))
    return acks.record(con, account_key, rep.as_of, ordered, note, user)


def brief_figures(report: WarningsReport) -> dict:
    """The brief's ``warnings`` figure (``kam_core.reports.brief``): key accounts whose revenue
    fell two quarters running (still showing) and the revenue those falls put at stake."""
    falls = [w for a in report.flagged for w in a.warnings if w.kind == "revenue_fell"]
    return {"count": len(falls), "revenue_at_stake": float(sum(w.revenue_at_stake for w in falls))}
