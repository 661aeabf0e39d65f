"""Early-warning rules (F-PA-8); imports pandas, numpy, stdlib, common and analytics.forecast.

Pure functions over one account's small frames: ``kam_core.common`` gives the quarter
arithmetic and the vocabularies (``LEVEL_RANK``). No database, no Streamlit, no I/O.

Public API::

    revenue_fell_two_quarters(quarterly, fall_quarters=2, fall_min_share=0.05) -> EarlyWarning|None
    below_expected_range(actual, expectation) -> EarlyWarning | None
    order_frequency_drop(orders, threshold=0.3, window=4, revenue=None, as_of=None,
                         min_orders=2.0) -> EarlyWarning | None
    lost_product_lines(product_quarter, lookback=4, as_of=None, min_quarters=2)
        -> EarlyWarning | None
    relationship_decay(contacts, coverage, plan_last_edit, last_activity, today,
                       thresholds=DEFAULTS, account_revenue=0.0) -> list[EarlyWarning]
    evaluate(quarterly, *, expectation=None, orders=None, product_quarter=None, contacts=None,
             coverage=None, plan_last_edit=None, last_activity=None, today=None,
             thresholds=None, as_of=None) -> list[EarlyWarning]
    evaluate_dense(quarters, values, *, expectation=None, orders=None, product_rows=None,
                   contacts=None, best_levels=None, plan_last_edit=None, last_activity=None,
                   today=None, thresholds=None) -> list[EarlyWarning]   # the batch form
    contact_records(contacts) -> list[dict]; best_levels(coverage) -> dict   # its inputs
    severity_signature(warnings) -> dict        # what an acknowledgement stores (JSON-ready)
    is_acknowledged(ack_record, warning, margin=0.10) -> bool
    unacknowledged(warnings, ack_record, margin=0.10) -> list[EarlyWarning]

A warning carries ``kind`` (one of ``KINDS``), ``message_key`` (an i18n key, ``warn.<kind>`` or a
variant listed below) with ``params`` (numbers, quarters and names the message shows, never
English prose) and ``revenue_at_stake``.

Revenue at stake, one definition for every kind: the revenue of one year (four quarters) the
account would not bring if the situation the warning describes persists. Run-rates come from the
latest quarter; nothing is extrapolated beyond a year. Warnings of one account overlap, so their
stakes are never added up: the account's figure is the largest.

- ``revenue_fell``: 4 x (revenue of the quarter before the fall - latest quarter).
- ``below_expected_range``: 4 x (expected mean - actual) for the latest quarter.
- ``order_frequency_drop``: drop share x the revenue of the ``window`` quarters before the
  latest, scaled to four quarters (order value assumed unchanged).
- ``lost_product_lines``: the lost lines' revenue over the lookback window, scaled to four
  quarters (with the default lookback of 4: their revenue in the last four quarters before).
- relationship kinds (``no_decision_maker``, ``champion_gone``, ``champion_not_seen``,
  ``plan_stale``, ``no_recent_activity``): the account's revenue of the last four quarters; the
  relationship carries the whole account.

Message key variants: ``warn.plan_missing`` (plan never edited), ``warn.no_activity_ever``,
``warn.champion_never_seen`` (``params["days"]`` is None in all three).

Input columns. ``contacts``: contact_id, name, buying_role, influence, stance, last_contact, and
either ``archived_at`` (as read from the database; null = active) or ``archived`` (bool).
``coverage``: contact_id, person_id and ``level_current`` (database name) or ``current_level``;
``level_desired`` / ``desired_level`` are not needed. ``product_quarter``: product_line, quarter,
revenue. Quarterly series are indexed by 'YYYY-Qn' (missing quarters count as 0).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from kam_core.analytics.forecast import Expectation, dense_series, expect_next
from kam_core.common.quarter import shift_quarter, valid_quarter
from kam_core.common.vocab import LEVEL_RANK

REVENUE_KINDS = (
    "revenue_fell",
    "below_expected_range",
    "order_frequency_drop",
    "lost_product_lines",
)
RELATIONSHIP_KINDS = (
    "no_decision_maker",
    "champion_gone",
    "champion_not_seen",
    "plan_stale",
    "no_recent_activity",
)
KINDS = REVENUE_KINDS + RELATIONSHIP_KINDS

# Thresholds, declared once here; the settings layer exposes them (same names).
DEFAULTS: dict[str, float | int] = {
    "fall_quarters": 2,  # quarters falling in a row
    "fall_min_share": 0.05,  # ... losing at least this share of the revenue before the fall
    "expectation_level": 0.80,  # range the latest quarter is compared with
    "frequency_drop": 0.30,  # orders below their trailing average by more than this share
    "frequency_window": 4,  # quarters in that trailing average
    "frequency_min_orders": 2.0,  # ... only for accounts averaging at least this many a quarter
    "product_lookback_quarters": 4,  # a line bought in these quarters, not in the latest: lost
    "product_min_quarters": 2,  # ... if bought in at least this many of them (a habit)
    "not_seen_days": 90,  # champion not contacted for more than this
    "plan_stale_days": 90,  # account plan not edited for more than this
    "no_activity_days": 90,  # no activity logged for more than this
    "worsen_margin": 0.10,  # an acknowledged warning returns when its stake grows beyond this
}
DECISION_ROLES = ("decision_maker", "economic_buyer")
_CONTACT_COLUMNS = ("contact_id", "name", "buying_role", "stance", "last_contact")
_YEAR = 4  # quarters: revenue at stake is one year's worth


@dataclass(frozen=True)
class EarlyWarning:
    """One warning for one account (at most one per kind and account)."""

    kind: str
    message_key: str
    params: dict = field(default_factory=dict)
    revenue_at_stake: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def _warning(kind: str, params: dict, stake: float, key: str | None = None) -> EarlyWarning:
    return EarlyWarning(kind, key or f"warn.{kind}", params, round(max(float(stake), 0.0), 2))


def _f(x) -> float:
    return round(float(x), 2)


# ---------------------------------------------------------------- revenue rules
def revenue_fell_two_quarters(
    quarterly: pd.Series,
    fall_quarters: int = DEFAULTS["fall_quarters"],
    fall_min_share: float = DEFAULTS["fall_min_share"],
) -> EarlyWarning | None:
    """Revenue fell (strictly) in each of the last ``fall_quarters`` or more quarters, losing at
    least ``fall_min_share`` of the revenue of the quarter before the fall began.

    params: quarters (length of the run), from_quarter / from_revenue (the quarter before the
    fall), to_quarter / to_revenue (latest), fall, fall_share. Stake: 4 x fall.
    """
    quarters, v = dense_series(quarterly)
    return _fell(quarters, v, fall_quarters, fall_min_share)


def _fell(quarters: list[str], v: np.ndarray, fall_quarters, fall_min_share) -> EarlyWarning | None:
    i = len(v) - 1
    while i > 0 and v[i] < v[i - 1]:
        i -= 1
    run = len(v) - 1 - i
    if run < max(int(fall_quarters), 1) or v[i] <= 0:
        return None
    start, latest = float(v[i]), float(v[-1])
    fall = start - latest
    if fall < fall_min_share * start:
        return None
    params = {
        "quarters": run,
        "from_quarter": quarters[i],
        "from_revenue": _f(start),
        "to_quarter": quarters[-1],
        "to_revenue": _f(latest),
        "fall": _f(fall),
        "fall_share": round(fall / start, 4),
    }
    return _warning("revenue_fell", params, _YEAR * fall)


def below_expected_range(actual: float, expectation: Expectation) -> EarlyWarning | None:
    """The latest quarter's ``actual`` revenue is below the low end of ``expectation``, the
    range computed from the history before that quarter (``expect_next`` of the series without
    its last quarter, or ``expect_many(..., as_of=previous quarter)``). Nothing without enough
    history.

    params: quarter, actual, low, mean, high, level, method, shortfall (mean - actual).
    Stake: 4 x shortfall.
    """
    if not expectation.enough_history or expectation.low is None:
        return None
    actual = float(actual)
    if not actual < expectation.low:
        return None
    shortfall = expectation.mean - actual
    params = {
        "quarter": expectation.quarter,
        "actual": _f(actual),
        "low": _f(expectation.low),
        "mean": _f(expectation.mean),
        "high": _f(expectation.high),
        "level": expectation.level,
        "method": expectation.method,
        "shortfall": _f(shortfall),
    }
    return _warning("below_expected_range", params, _YEAR * shortfall)


def order_frequency_drop(
    orders: pd.Series | None,
    threshold: float = DEFAULTS["frequency_drop"],
    window: int = DEFAULTS["frequency_window"],
    revenue: pd.Series | None = None,
    as_of: str | None = None,
    min_orders: float = DEFAULTS["frequency_min_orders"],
) -> EarlyWarning | None:
    """Orders (or invoices, or active months) in the latest quarter fell below the average of
    the ``window`` quarters before it by more than ``threshold`` (a share). Accounts averaging
    fewer than ``min_orders`` a quarter are skipped: for an account that orders once or twice a
    year an empty quarter is its normal rhythm, not a drop (on the public datasets this rule
    flagged a third of the key accounts without it).

    ``orders``: count per quarter; None or empty (files without order/invoice data) -> no
    warning. ``as_of`` is the latest quarter (default the last in ``orders``; quarters without
    orders up to it count as 0). Needs ``window`` quarters before the latest. params: quarter,
    orders, trailing_average, window, drop_share. Stake: drop share x the ``revenue`` of the
    window quarters x 4 / window (0 without ``revenue``).
    """
    if orders is None or len(orders) == 0:
        return None
    quarters, n = dense_series(orders, last=as_of)
    found = _order_drop(n, threshold, window, min_orders)
    if found is None:
        return None
    rq, rv = (
        dense_series(revenue, last=quarters[-1])
        if revenue is not None and len(revenue)
        else ([], None)
    )
    return _order_warning(quarters, n, *found, int(window), rq, rv)


def _order_drop(n: np.ndarray, threshold, window, min_orders) -> tuple[float, float] | None:
    """(trailing average, drop share) when the latest quarter's orders dropped, else None."""
    window = int(window)
    if len(n) < window + 1:
        return None
    base = n[-window - 1 : -1]
    avg = float(base.mean())
    if avg <= 0 or avg < min_orders:
        return None
    drop = 1.0 - float(n[-1]) / avg
    if not drop > threshold + 1e-9:  # "by more than": exactly the threshold is no warning
        return None
    return avg, drop


def _order_warning(quarters, n, avg, drop, window, rq, rv) -> EarlyWarning:
    """The warning of :func:`_order_drop`'s finding; ``rq``/``rv`` the account's dense
    revenue up to the latest quarter (empty: no revenue given, stake 0)."""
    base_revenue = 0.0
    if len(rq):
        got = dict(zip(rq, rv))
        base_revenue = sum(got.get(q, 0.0) for q in quarters[-window - 1 : -1])
    params = {
        "quarter": quarters[-1],
        "orders": _f(n[-1]),
        "trailing_average": _f(avg),
        "window": window,
        "drop_share": round(drop, 4),
    }
    return _warning("order_frequency_drop", params, drop * base_revenue * _YEAR / window)


def lost_product_lines(
    product_quarter: pd.DataFrame | None,
    lookback: int = DEFAULTS["product_lookback_quarters"],
    as_of: str | None = None,
    min_quarters: int = DEFAULTS["product_min_quarters"],
) -> EarlyWarning | None:
    """Product lines the account bought (net revenue > 0) in at least ``min_quarters`` of the
    ``lookback`` quarters before the latest, and not (net <= 0) in the latest quarter ``as_of``
    (default the last in the frame). ``min_quarters=1`` is "bought at all in the window"; the
    default 2 keeps a line bought once a year from being "lost" every other quarter.

    ``product_quarter``: product_line, quarter, revenue (rows without a product line are
    ignored). params: quarter, from_quarter, to_quarter (the window), lines (sorted), count,
    window_revenue. Stake: the lost lines' window revenue x 4 / lookback.
    """
    rows = product_rows(product_quarter)
    return _lost_lines(rows, lookback, as_of, min_quarters) if rows else None


def product_rows(product_quarter: pd.DataFrame | None) -> list[tuple] | None:
    """``(product_line, quarter, revenue)`` of the rows with a product line (None: no rows)."""
    if product_quarter is None or product_quarter.empty:
        return None
    return [
        (p, str(q), float(r))
        for p, q, r in zip(
            product_quarter["product_line"], product_quarter["quarter"], product_quarter["revenue"]
        )
        if not pd.isna(p)
    ]


def _lost_lines(rows: list[tuple], lookback, as_of, min_quarters) -> EarlyWarning | None:
    latest = as_of or max(q for _, q, _ in rows)
    if not valid_quarter(latest):
        raise ValueError(f"not a YYYY-Qn quarter: {latest!r}")
    lookback = int(lookback)
    first = shift_quarter(latest, -lookback)
    before = shift_quarter(latest, -1)
    # Plain Python over one account's few rows (pandas groupby costs milliseconds per call).
    per_quarter: dict[tuple, float] = {}
    now: dict = {}
    for p, q, r in rows:
        if first <= q <= before:
            per_quarter[(p, q)] = per_quarter.get((p, q), 0.0) + r
        elif q == latest:
            now[p] = now.get(p, 0.0) + r
    window: dict = {}
    quarters_bought: dict = {}
    for (p, _), r in per_quarter.items():
        window[p] = window.get(p, 0.0) + r
        quarters_bought[p] = quarters_bought.get(p, 0) + (r > 0)
    need = max(int(min_quarters), 1)
    bought = {p: r for p, r in window.items() if r > 0 and quarters_bought[p] >= need}
    lost = sorted(str(p) for p in bought if now.get(p, 0.0) <= 0)
    if not lost:
        return None
    lost_revenue = float(sum(r for p, r in bought.items() if str(p) in lost))
    params = {
        "quarter": latest,
        "from_quarter": first,
        "to_quarter": before,
        "lines": lost,
        "count": len(lost),
        "window_revenue": _f(lost_revenue),
    }
    return _warning("lost_product_lines", params, lost_revenue * _YEAR / lookback)


# ---------------------------------------------------------------- relationship rules
def _days_since(value, today: date) -> int | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return (today - pd.Timestamp(value).date()).days


def _active_flags(contacts: pd.DataFrame) -> list[bool]:
    if "archived" in contacts:
        return [not (False if pd.isna(a) else bool(a)) for a in contacts["archived"]]
    if "archived_at" in contacts:
        return [bool(pd.isna(a)) for a in contacts["archived_at"]]
    return [True] * len(contacts)


def contact_records(contacts: pd.DataFrame) -> list[dict]:
    """One plain dict per contact (plus ``active``): the rules below loop over a handful of
    contacts, where pandas filtering costs milliseconds per account. Row by row, so a batch
    caller may take the records of many accounts' contacts at once and split them."""
    cols = {
        c: list(contacts[c]) if c in contacts else [None] * len(contacts) for c in _CONTACT_COLUMNS
    }
    active = _active_flags(contacts)
    return [{**{c: cols[c][i] for c in cols}, "active": active[i]} for i in range(len(contacts))]


def best_levels(coverage: pd.DataFrame | None) -> dict[int, int]:
    """Strongest current level (rank in LEVEL_RANK) any of our people has with each contact.
    Contact ids are unique across accounts: one dict may serve many accounts."""
    if coverage is None or coverage.empty:
        return {}
    col = "level_current" if "level_current" in coverage else "current_level"
    best: dict[int, int] = {}
    for contact, level in zip(coverage["contact_id"], coverage[col]):
        rank = LEVEL_RANK.get(level, 0) if isinstance(level, str) else 0
        best[int(contact)] = max(best.get(int(contact), 0), rank)
    return best


def _decision_maker_warning(active: list[dict], best: dict, stake) -> EarlyWarning | None:
    deciders = [r for r in active if r["buying_role"] in DECISION_ROLES]
    regular = LEVEL_RANK["regular"]
    if any(best.get(int(r["contact_id"]), 0) >= regular for r in deciders):
        return None
    return _warning("no_decision_maker", {"decision_makers": len(deciders)}, stake)


def _champion_warnings(contacts: list[dict], today, not_seen_days, stake) -> list[EarlyWarning]:
    champs = [r for r in contacts if r["stance"] == "champion"]
    active = [r for r in champs if r["active"]]
    if not active:
        gone = [r for r in champs if not r["active"]]
        if not gone:
            return []
        params = {
            "contact_ids": [int(r["contact_id"]) for r in gone],
            "names": [str(r["name"]) for r in gone],
        }
        return [_warning("champion_gone", params, stake)]
    days = [_days_since(r["last_contact"], today) for r in active]
    seen = [d for d in days if d is not None]
    recent = min(seen) if seen else None
    if recent is not None and recent <= not_seen_days:
        return []
    params = {"days": recent, "contact_ids": [int(r["contact_id"]) for r in active]}
    key = "warn.champion_never_seen" if recent is None else None
    return [_warning("champion_not_seen", params, stake, key)]


def _age_warning(kind, last, today, limit, stake, never_key) -> EarlyWarning | None:
    days = _days_since(last, today)
    if days is not None and days <= limit:
        return None
    return _warning(
        kind, {"days": days, "limit": int(limit)}, stake, never_key if days is None else None
    )


def relationship_decay(
    contacts: pd.DataFrame | None,
    coverage: pd.DataFrame | None,
    plan_last_edit,
    last_activity,
    today: date,
    thresholds: dict | None = None,
    account_revenue: float = 0.0,
) -> list[EarlyWarning]:
    """Signs the relationship is decaying, each its own kind:

    - ``no_decision_maker``: no active decision maker or economic buyer that one of our people
      knows at level ``regular`` or better (also when the map has none); params decision_makers.
    - ``champion_gone``: the account had champions and every one is archived; params
      contact_ids, names.
    - ``champion_not_seen``: no active champion contacted within ``not_seen_days`` (days since
      the most recent contact with any of them; None = never); params days, contact_ids.
    - ``plan_stale``: the account plan was last edited more than ``plan_stale_days`` ago, or
      never (``plan_last_edit`` None); params days, limit.
    - ``no_recent_activity``: nothing logged for more than ``no_activity_days``, or ever;
      params days, limit.

    ``contacts`` None skips the three contact rules (no map data passed); dates may be date,
    datetime, Timestamp or ISO strings. Stake of each: ``account_revenue`` (its last four
    quarters).
    """
    records = None if contacts is None else contact_records(contacts)
    best = None if contacts is None else best_levels(coverage)
    return _decay(records, best, plan_last_edit, last_activity, today, thresholds, account_revenue)


def _decay(records, best, plan_last_edit, last_activity, today, thresholds, account_revenue):
    """:func:`relationship_decay` on :func:`contact_records` (None: skip the contact rules)
    and :func:`best_levels`."""
    t = {**DEFAULTS, **(thresholds or {})}
    today = pd.Timestamp(today).date()
    stake = float(account_revenue)
    out: list[EarlyWarning] = []
    if records is not None:
        dm = _decision_maker_warning([r for r in records if r["active"]], best or {}, stake)
        out += [dm] if dm else []
        out += _champion_warnings(records, today, t["not_seen_days"], stake)
    for w in (
        _age_warning(
            "plan_stale", plan_last_edit, today, t["plan_stale_days"], stake, "warn.plan_missing"
        ),
        _age_warning(
            "no_recent_activity",
            last_activity,
            today,
            t["no_activity_days"],
            stake,
            "warn.no_activity_ever",
        ),
    ):
        if w:
            out.append(w)
    return out


# ---------------------------------------------------------------- one account
def evaluate(
    quarterly: pd.Series,
    *,
    expectation: Expectation | None = None,
    orders: pd.Series | None = None,
    product_quarter: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    coverage: pd.DataFrame | None = None,
    plan_last_edit=None,
    last_activity=None,
    today: date | None = None,
    thresholds: dict | None = None,
    as_of: str | None = None,
) -> list[EarlyWarning]:
    """Every warning of one account, in ``KINDS`` order.

    ``quarterly``: the account's revenue by quarter. ``as_of`` is "the latest quarter" (default
    the last in ``quarterly``; pass the portfolio's last COMPLETE quarter so an account that
    stopped buying shows its empty quarters, and a quarter still in progress does not look like
    a fall; later quarters are ignored). ``expectation``: the
    expectation for that latest quarter from the history before it; computed here with
    ``expect_next`` when None (batch callers pass the row of ``expect_many(..., as_of=previous
    quarter)`` as an Expectation). ``orders`` / ``product_quarter`` None: those rules are
    skipped. The relationship rules run only when ``today`` is given (``contacts`` None skips
    the contact ones). ``thresholds`` override ``DEFAULTS`` key by key.
    """
    quarters, values = dense_series(quarterly, last=as_of)
    latest = quarters[-1] if quarters else None
    return evaluate_dense(
        quarters,
        values,
        expectation=expectation,
        orders=dense_series(orders, last=latest)
        if latest and orders is not None and len(orders)
        else None,
        product_rows=product_rows(product_quarter) if latest else None,
        contacts=None if contacts is None or today is None else contact_records(contacts),
        best_levels=None if contacts is None or today is None else best_levels(coverage),
        plan_last_edit=plan_last_edit,
        last_activity=last_activity,
        today=today,
        thresholds=thresholds,
    )


def evaluate_dense(
    quarters: list[str],
    values: np.ndarray,
    *,
    expectation: Expectation | None = None,
    orders: tuple[list[str], np.ndarray] | None = None,
    product_rows: list[tuple] | None = None,
    contacts: list[dict] | None = None,
    best_levels: dict | None = None,
    plan_last_edit=None,
    last_activity=None,
    today: date | None = None,
    thresholds: dict | None = None,
) -> list[EarlyWarning]:
    """:func:`evaluate` on inputs already taken apart, for a caller judging many accounts
    (``kam_core.alerts.early_warnings``: a pandas object per account and rule cost
    milliseconds each, seconds over a portfolio). Same rules, same code, same results:

    ``quarters``/``values``: the account's dense revenue up to the latest quarter
    (``forecast.dense_values``); ``orders``: its orders the same way, up to the same latest
    quarter, or None; ``product_rows``: :func:`product_rows`; ``contacts``:
    :func:`contact_records` (None skips the contact rules); ``best_levels``:
    :func:`best_levels` (of any coverage that includes this account's contacts)."""
    t = {**DEFAULTS, **(thresholds or {})}
    out: list[EarlyWarning] = []
    if quarters:
        out += _revenue_warnings(quarters, values, expectation, orders, product_rows, t)
    if today is not None:
        trailing = float(np.sum(values[-_YEAR:])) if len(values) else 0.0
        out += _decay(
            contacts, best_levels, plan_last_edit, last_activity, today, t, max(trailing, 0.0)
        )
    return out


def _revenue_warnings(quarters, values, expectation, orders, rows, t) -> list[EarlyWarning]:
    latest = quarters[-1]
    if expectation is None and len(quarters) > 1:
        history = pd.Series(values[:-1], index=quarters[:-1])
        expectation = expect_next(history, level=t["expectation_level"])
    if expectation is not None and expectation.quarter != latest:
        raise ValueError(f"expectation is for {expectation.quarter}, latest quarter is {latest}")
    drop = None
    if orders is not None:
        found = _order_drop(
            orders[1], t["frequency_drop"], t["frequency_window"], t["frequency_min_orders"]
        )
        if found is not None:
            window = int(t["frequency_window"])
            drop = _order_warning(orders[0], orders[1], *found, window, quarters, values)
    found = [
        _fell(quarters, values, t["fall_quarters"], t["fall_min_share"]),
        below_expected_range(values[-1], expectation) if expectation else None,
        drop,
        _lost_lines(rows, t["product_lookback_quarters"], latest, t["product_min_quarters"])
        if rows
        else None,
    ]
    return [w for w in found if w is not None]


# ---------------------------------------------------------------- acknowledgement
def _signature(w: EarlyWarning) -> dict:
    sig: dict = {"stake": float(w.revenue_at_stake)}
    if w.kind == "revenue_fell":
        sig["quarters"] = int(w.params["quarters"])
        sig["since"] = w.params["from_quarter"]
    items = w.params.get(
        "lines", w.params.get("contact_ids") if w.kind == "champion_gone" else None
    )
    if items is not None:
        sig["items"] = sorted(str(i) for i in items)
    return sig


def severity_signature(warnings: list[EarlyWarning]) -> dict[str, dict]:
    """What to store when a user acknowledges an account's warnings: per kind its stake and,
    where they apply, the fall's length and start (``quarters``, ``since``) and the items
    involved (lost product lines, archived champions). JSON-ready."""
    return {w.kind: _signature(w) for w in warnings}


def is_acknowledged(
    ack_record: dict | None,
    current_warning: EarlyWarning,
    margin: float = DEFAULTS["worsen_margin"],
) -> bool:
    """True if ``current_warning`` was acknowledged (its kind is in ``ack_record``, a
    ``severity_signature``) and has not worsened since. It worsens, and shows again, when:

    1. its revenue at stake exceeds the acknowledged stake by more than ``margin`` (a share:
       stake > acknowledged x (1 + margin); from an acknowledged 0, any positive stake);
    2. ``revenue_fell``: the fall is longer (more quarters) or is a new fall (started in another
       quarter than the acknowledged one);
    3. it involves an item the acknowledged one did not (another lost product line, another
       archived champion).

    A kind absent from ``ack_record`` is never acknowledged (an additional kind shows). Day
    counts growing (not seen for 95, then 120 days) are not a worsening. The caller drops an
    account's acknowledgement when its warnings are gone, so a later episode starts fresh.
    """
    if not ack_record or current_warning.kind not in ack_record:
        return False
    ack, cur = ack_record[current_warning.kind], _signature(current_warning)
    ack_stake = float(ack.get("stake", 0.0))
    if cur["stake"] > ack_stake * (1 + margin) and cur["stake"] > ack_stake:
        return False
    if cur.get("quarters", 0) > ack.get("quarters", 0) or cur.get("since") != ack.get("since"):
        return False
    return set(cur.get("items", [])) <= set(ack.get("items", []))


def unacknowledged(
    warnings: list[EarlyWarning],
    ack_record: dict | None,
    margin: float = DEFAULTS["worsen_margin"],
) -> list[EarlyWarning]:
    """The warnings to show: those not acknowledged or worse than when acknowledged."""
    return [w for w in warnings if not is_acknowledged(ack_record, w, margin)]
