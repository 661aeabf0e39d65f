"""Activity and requests log per account (F-AC-4): meetings, calls, requests and problems.

Requests and problems are open until resolved; the response time is opened -> first response, the
resolution time opened -> resolved, in calendar days. Meetings and calls are logged as done.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kam_core.common.fields import FieldError, clean_text, parse_choice, parse_date
from kam_core.common.vocab import ACTIVITY_KINDS, TICKETS
from kam_core.store import audit, authz, db

KINDS = ACTIVITY_KINDS


def log(con, account_key: str) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT activity_id, kind, subject, opened_on, responded_on, resolved_on, person, notes, "
        "updated_by, updated_at FROM activities WHERE account_key = ? "
        "ORDER BY opened_on DESC, activity_id DESC",
        [account_key],
    )


def all_open_problems(con) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT account_key, count(*) AS open_problems FROM activities "
        "WHERE kind = 'problem' AND resolved_on IS NULL GROUP BY account_key",
    )


def clean(data: dict) -> dict:
    out = {
        "kind": parse_choice(data.get("kind"), "act.f.kind", KINDS),
        "subject": clean_text(data.get("subject"), "act.f.subject", required=True, max_len=300),
        "opened_on": parse_date(data.get("opened_on"), "act.f.opened_on", required=True),
        "responded_on": parse_date(data.get("responded_on"), "act.f.responded_on"),
        "resolved_on": parse_date(data.get("resolved_on"), "act.f.resolved_on"),
        "person": clean_text(data.get("person"), "act.f.person", max_len=120),
        "notes": clean_text(data.get("notes"), "act.f.notes"),
    }
    for f in ("responded_on", "resolved_on"):
        if out[f] is not None and out[f] < out["opened_on"]:
            raise FieldError("err.act.before_open", field=f"act.f.{f}")
    return out


def add(con, account_key: str, data: dict, user: str | None) -> int:
    authz.require(con, user, "edit_account", account_key)
    c = clean(data)
    with db.transaction(con) as cur:
        new_id = cur.execute(
            "INSERT INTO activities (account_key, kind, subject, opened_on, responded_on, "
            "resolved_on, person, notes, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?) RETURNING activity_id",
            [
                account_key,
                c["kind"],
                c["subject"],
                c["opened_on"],
                c["responded_on"],
                c["resolved_on"],
                c["person"],
                c["notes"],
                user,
                db.utcnow(),
            ],
        ).fetchall()[0][0]
        audit.record_change(cur, user, "activities", new_id, None, c, account=account_key)
    return int(new_id)


def resolve(con, account_key: str, activity_id: int, resolved_on, user: str | None) -> None:
    """Close a request/problem on ``resolved_on`` (also its first response if none was logged)."""
    authz.require(con, user, "edit_account", account_key)
    rows = db.query_rows(
        con,
        "SELECT opened_on, responded_on, resolved_on FROM activities "
        "WHERE activity_id = ? AND account_key = ?",
        [activity_id, account_key],
    )
    if not rows:
        raise FieldError("err.acc.bad_choice", field="act.f.subject", value=str(activity_id))
    when = parse_date(resolved_on, "act.f.resolved_on", required=True)
    if when < rows[0][0]:
        raise FieldError("err.act.before_open", field="act.f.resolved_on")
    with db.transaction(con) as cur:
        cur.execute(
            "UPDATE activities SET resolved_on = ?, responded_on = coalesce(responded_on, "
            "?), updated_by = ?, updated_at = ? WHERE activity_id = ?",
            [when, when, user, db.utcnow(), activity_id],
        )
        audit.record_change(
            cur,
            user,
            "activities",
            activity_id,
            {"responded_on": rows[0][1], "resolved_on": rows[0][2]},
            {"responded_on": rows[0][1] or when, "resolved_on": when},
            account=account_key,
        )


def with_times(df: pd.DataFrame, today: date) -> pd.DataFrame:
    """Adds is_open, response_days, resolution_days and age_days (open tickets)."""
    out = df.copy()
    if out.empty:
        for c in ("is_open", "response_days", "resolution_days", "age_days"):
            out[c] = pd.Series(dtype="float")
        return out
    opened = pd.to_datetime(out["opened_on"])
    responded = pd.to_datetime(out["responded_on"])
    resolved = pd.to_datetime(out["resolved_on"])
    ticket = out["kind"].isin(TICKETS)
    out["is_open"] = ticket & resolved.isna()
    out["response_days"] = ((responded - opened).dt.days).where(ticket)
    out["resolution_days"] = ((resolved - opened).dt.days).where(ticket)
    out["age_days"] = ((pd.Timestamp(today) - opened).dt.days).where(out["is_open"])
    return out


def summary(df: pd.DataFrame, today: date) -> dict:
    """Open requests/problems and median response / resolution days (None without data)."""
    t = with_times(df, today)

    def med(col):
        s = t[col].dropna() if not t.empty else pd.Series([], dtype=float)
        return float(s.median()) if len(s) else None

    is_open = t["is_open"] if not t.empty else pd.Series([], dtype=bool)
    return {
        "open_requests": int((is_open & (t["kind"] == "request")).sum()) if not t.empty else 0,
        "open_problems": int((is_open & (t["kind"] == "problem")).sum()) if not t.empty else 0,
        "median_response_days": med("response_days"),
        "median_resolution_days": med("resolution_days"),
        "last_meeting": (
            pd.to_datetime(t.loc[t["kind"] == "meeting", "opened_on"]).max()
            if not t.empty and (t["kind"] == "meeting").any()
            else None
        ),
    }
