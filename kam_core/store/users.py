"""The users of a signed-in Cartera (issue 12): email, name, role and the person they are.

Managed by an admin on the admin page and by ``python -m kam_core users add|list|remove`` (the
command line acts as the local admin). Every change is checked (``manage_users``) and audited in
its transaction. The last admin cannot be removed or demoted: nobody could manage users then.
"""

from __future__ import annotations

import numbers
import re

import pandas as pd

from kam_core.common.errors import ValidationError
from kam_core.common.fields import clean_text
from kam_core.store import audit, authz, db

ROLES = authz.ROLES
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def clean_email(email) -> str:
    """Lower-case, trimmed; refused unless it looks like an email (one @, no spaces)."""
    e = authz.normalise_email(email)
    if not _EMAIL.match(e) or len(e) > 254:
        raise ValidationError("au.err.bad_email", email=str(email or "").strip()[:80])
    return e


def get(con, email) -> dict | None:
    """The user with this email (any case), or None."""
    df = list_users(con, authz.normalise_email(email))
    return None if df.empty else df.iloc[0].to_dict()


def list_users(con, email: str | None = None) -> pd.DataFrame:
    """Every user (or one): email, name, role, person_id, person (name), updated_by/at."""
    sql = (
        "SELECT u.email, u.name, u.role, u.person_id, p.name AS person, u.updated_by, "
        "u.updated_at FROM users u LEFT JOIN people p USING (person_id)"
    )
    params: list = []
    if email is not None:
        sql += " WHERE u.email = ?"
        params.append(email)
    df = db.query_df(con, sql + " ORDER BY u.email", params)
    df["person_id"] = df["person_id"].astype("Int64")
    return df


def person_id(con, person: str | int | None) -> int | None:
    """A person by id or by name (any case); None for none; refused when unknown."""
    if person is None or (isinstance(person, str) and not person.strip()):
        return None
    if isinstance(person, numbers.Integral) or (
        isinstance(person, str) and person.strip().isdigit()
    ):
        found = db.scalar(con, "SELECT person_id FROM people WHERE person_id = ?", [int(person)])
    else:
        found = db.scalar(
            con, "SELECT min(person_id) FROM people WHERE lower(name) = lower(?)", [person.strip()]
        )
    if found is None:
        raise ValidationError("au.err.unknown_person", person=str(person))
    return int(found)


def _admins_after(con, email: str, role: str | None) -> int:
    others = db.scalar(
        con, "SELECT count(*) FROM users WHERE role = 'admin' AND email <> ?", [email]
    )
    return int(others or 0) + (1 if role == "admin" else 0)


def _row(cur, email: str) -> dict | None:
    rows = cur.execute(
        "SELECT u.name, u.role, p.name FROM users u LEFT JOIN people p USING (person_id) "
        "WHERE u.email = ?",
        [email],
    ).fetchall()
    return None if not rows else {"name": rows[0][0], "role": rows[0][1], "person": rows[0][2]}


def save(
    con,
    email,
    role: str,
    user: str | None,
    *,
    name: str | None = None,
    person: str | int | None = None,
) -> bool:
    """Add the user, or change their role, name and person; one transaction. Returns True when
    the user is new."""
    authz.require(con, user, "manage_users")
    email = clean_email(email)
    if role not in ROLES:
        raise ValidationError("au.err.bad_role", role=str(role), roles=", ".join(ROLES))
    name = clean_text(name, "au.f.name", max_len=120)
    pid = person_id(con, person)
    was = get(con, email)
    if was is not None and was["role"] == "admin" and role != "admin":
        if _admins_after(con, email, role) == 0:
            raise ValidationError("au.err.last_admin")
    now = db.utcnow()
    who = authz.actor(user)
    with db.transaction(con) as cur:
        before = _row(cur, email)
        cur.execute(
            "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
            "name = excluded.name, role = excluded.role, person_id = excluded.person_id, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            [email, name, role, pid, who, now, who, now],
        )
        audit.record_change(cur, user, "users", email, before, _row(cur, email))
    return was is None


def remove(con, email, user: str | None) -> bool:
    """Take a user out (they can no longer sign in). False when there was no such user."""
    authz.require(con, user, "manage_users")
    email = authz.normalise_email(email)
    was = get(con, email)
    if was is None:
        return False
    if was["role"] == "admin" and _admins_after(con, email, None) == 0:
        raise ValidationError("au.err.last_admin")
    with db.transaction(con) as cur:
        before = _row(cur, email)
        cur.execute("DELETE FROM users WHERE email = ?", [email])
        audit.record_change(cur, user, "users", email, before, None)
    return True
