"""Acknowledgements of early warnings: stored with who / when / note and the warnings' severity.

An account's latest acknowledgement is the one in force. A warning it covers stays quiet until it
is worse than when acknowledged (``warning_rules.is_acknowledged``: more revenue at stake beyond
the margin, a longer or new fall, another lost line or archived champion) or until its episode
ended and a new one began, which :func:`lapsed_kinds` detects from what happened since:

- ``plan_stale``: the plan was edited after the acknowledgement;
- ``no_recent_activity``: something was logged after it;
- ``champion_not_seen``: a champion was contacted after it;
- ``below_expected_range``: a complete quarter between then and now was within its range.

(``revenue_fell`` carries its start quarter in the signature, so a new fall is already new.) Rows
are only ever added, one transaction each; the history stays.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from kam_core.analytics import warning_rules as wr
from kam_core.analytics.forecast import dense_series, expect_next
from kam_core.common.errors import ValidationError
from kam_core.common.fields import clean_text
from kam_core.common.quarter import quarters_between, shift_quarter
from kam_core.store import audit, authz, db

NOTE_MAX = 500


@dataclass(frozen=True)
class Ack:
    """One acknowledgement: the account's warnings as judged on ``as_of`` and their severity."""

    account_key: str
    as_of: str
    kinds: tuple[str, ...]
    signature: dict
    note: str
    by: str
    at: datetime  # UTC


# The acknowledgement in force of the account ``k.account_key`` of an outer query, as one struct
# (kam_core.alerts.inputs reads it beside the other per-account facts, in the same query).
LATEST_SQL = (
    "(SELECT {'as_of': w.as_of_quarter, 'kinds': w.kinds, 'signature': w.signature, "
    "'note': w.note, 'by': w.acknowledged_by, 'at': w.acknowledged_at} FROM warning_acks w "
    "WHERE w.account_key = k.account_key ORDER BY w.acknowledged_at DESC, w.ack_id DESC LIMIT 1)"
)


def from_struct(account_key: str, row: dict | None) -> Ack | None:
    """An :class:`Ack` from a :data:`LATEST_SQL` struct (None: never acknowledged)."""
    if row is None or (not isinstance(row, dict) and pd.isna(row)):
        return None
    sig = row["signature"]
    return Ack(
        account_key,
        row["as_of"],
        tuple(row["kinds"] or ()),
        json.loads(sig) if isinstance(sig, str) else dict(sig),
        row["note"],
        row["by"],
        pd.Timestamp(row["at"]).to_pydatetime(),
    )


def latest(con, keys: list[str]) -> dict[str, Ack]:
    """The acknowledgement in force per account (its latest), for ``keys``."""
    rows = db.query_rows(
        con,
        f"SELECT k.account_key, {LATEST_SQL} FROM (SELECT unnest(?::VARCHAR[]) AS account_key) k",
        [sorted({str(k) for k in keys})],
    )
    return {key: ack for key, row in rows if (ack := from_struct(key, row)) is not None}


def history(con, account_key: str) -> pd.DataFrame:
    """Every acknowledgement of one account, newest first."""
    return db.query_df(
        con,
        "SELECT as_of_quarter, kinds, note, acknowledged_by, acknowledged_at FROM warning_acks "
        "WHERE account_key = ? ORDER BY acknowledged_at DESC, ack_id DESC",
        [account_key],
    )


def record(
    con, account_key: str, as_of: str, warnings: list[wr.EarlyWarning], note, user: str
) -> int:
    """Store an acknowledgement of ``warnings`` (all the account's current ones) in one
    transaction; returns its id. Raises :class:`ValidationError` (nothing written) without
    warnings, without a note or with a note longer than :data:`NOTE_MAX`."""
    authz.require(con, user, "edit_account", account_key)
    if not warnings:
        raise ValidationError("err.warn.nothing_to_ack")
    text = clean_text(note, "warn.ack.note", required=True, max_len=NOTE_MAX)
    sig = wr.severity_signature(warnings)
    with db.transaction(con) as cur:
        rows = cur.execute(
            "INSERT INTO warning_acks (account_key, as_of_quarter, kinds, signature, note, "
            "acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ack_id",
            [
                account_key,
                as_of,
                [w.kind for w in warnings],
                json.dumps(sig),
                text,
                user,
                db.utcnow(),
            ],
        ).fetchall()
        audit.record_change(
            cur,
            user,
            "warning_acks",
            rows[0][0],
            None,
            {"as_of_quarter": as_of, "kinds": [w.kind for w in warnings], "note": text},
            account=account_key,
        )
    return int(rows[0][0])


# ---------------------------------------------------------------- episodes
def _after(value, moment: datetime) -> bool:
    """``value`` (a date or timestamp) falls after ``moment`` (dates: after its day)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return False
    ts = pd.Timestamp(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return ts.date() > moment.date()
    return ts.to_pydatetime() > moment


def _in_range_since(ack: Ack, quarterly: pd.Series, as_of: str, level: float) -> bool:
    """Some complete quarter strictly between the acknowledged one and ``as_of`` was not below
    its expected range (the episode ended)."""
    if ack.as_of >= as_of:
        return False
    quarters, values = dense_series(quarterly, last=as_of)
    series = pd.Series(values, index=quarters)
    for q in quarters_between(shift_quarter(ack.as_of, 1), shift_quarter(as_of, -1)):
        history = series[series.index < q]
        if history.empty:
            continue
        exp = expect_next(history, level=level)
        if wr.below_expected_range(float(series.get(q, 0.0)), exp) is None:
            return True
    return False


def lapsed_kinds(
    ack: Ack,
    *,
    as_of: str,
    quarterly: pd.Series | None = None,
    plan_last_edit=None,
    last_activity=None,
    champion_last_contact=None,
    level: float = wr.DEFAULTS["expectation_level"],
) -> set[str]:
    """The kinds of ``ack`` whose episode ended since it was made (see the module docstring); an
    acknowledgement made for a later quarter than ``as_of`` covers nothing."""
    if ack.as_of > as_of:
        return set(ack.kinds) | set(ack.signature)
    out = set()
    if _after(plan_last_edit, ack.at):
        out.add("plan_stale")
    if _after(last_activity, ack.at):
        out.add("no_recent_activity")
    if _after(champion_last_contact, ack.at):
        out.add("champion_not_seen")
    if (
        "below_expected_range" in ack.signature
        and quarterly is not None
        and _in_range_since(ack, quarterly, as_of, level)
    ):
        out.add("below_expected_range")
    return out


def in_force(ack: Ack | None, lapsed: set[str]) -> dict | None:
    """The signature still in force once the lapsed kinds are dropped (None when nothing is)."""
    if ack is None:
        return None
    sig = {k: v for k, v in ack.signature.items() if k not in lapsed}
    return sig or None
