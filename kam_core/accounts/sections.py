"""TODO docstring (accounts)."""

from __future__ import annotations

from kam_core.store import db


def mark_section(cur, account_key: str, plan_year: int, section: str, user: str | None) -> None:
    """Record the last edit of a section (inside the caller's transaction)."""
    cur.execute(
        "INSERT INTO section_edits VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_key, plan_year, "
        "section) DO UPDATE SET updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        [account_key, int(plan_year), section, user, db.utcnow()],
    )
