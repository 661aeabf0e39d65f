"""A contact's personal data on request (issue 12): export it (JSON) and erase it (anonymise).

A contact is a real person at a client: name, title, email, notes about them, our judgement of
their stance. When that person asks, we hand over what we hold (:func:`export_contact`) or
remove it (:func:`erase_contact`) while the account keeps its history and figures.

Erasing replaces the person, everywhere Cartera keeps text about the account, by a neutral token
(``#<contact id>``):

* the contact's row: name = the token; title, department, email, notes and last contact emptied;
  archived (off the map) and marked erased. Their buying role, influence, stance, reports-to,
  influence lines and our coverage stay: they are the account's structure, no longer anyone's;
* every text and JSON value of the account's rows (activities, plan, acknowledgements, other
  contacts' notes...) and of its audit entries that carries the person's name (as a whole word),
  email or notes, including earlier versions of them found in the audit log;
* the audit entries about the contact: their personal values are replaced too.

The erasure itself is audited without the erased data. Revenue lines and accounts are company
data and are not touched. Backups taken before the erasure still hold the person until they are
pruned (``backup_keep_days``); restoring one brings them back (erase again after a restore).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pandas as pd

from kam_core.accounts import relationships as rel
from kam_core.accounts.sections import mark_section
from kam_core.common.errors import ValidationError
from kam_core.store import audit, authz, db

PERSONAL_FIELDS = ("name", "title", "department", "email", "notes", "last_contact")
# Company data, never text about a contact (and large): left out of the search.
_NOT_SEARCHED = {"revenue_lines", "revenue_lines_archive", "accounts", "batches"}


def token(contact_id: int) -> str:
    """What the erased person becomes in every text: ``#12``."""
    return f"#{int(contact_id)}"


# ---------------------------------------------------------------- reads
def _contact(con, account_key: str, contact_id: int) -> dict:
    df = rel.contacts(con, account_key, include_archived=True)
    row = df[df["contact_id"] == int(contact_id)]
    if row.empty:
        raise ValidationError("err.rel.unknown_contact")
    return row.iloc[0].to_dict()


def _history(con, contact_id: int) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT changed_at, actor, action, before_values, after_values FROM audit_log "
        "WHERE entity = 'contacts' AND entity_key = ? ORDER BY audit_id",
        [str(int(contact_id))],
    )


def _identifiers(con, contact: dict) -> dict[str, set[str]]:
    """The person's names, emails and notes, now and in every earlier version the audit keeps."""
    found = {"name": set(), "email": set(), "notes": set()}
    for r in _history(con, contact["contact_id"]).itertuples():
        for raw in (r.before_values, r.after_values):
            values = json.loads(raw) if isinstance(raw, str) else {}
            for f in found:
                if values.get(f):
                    found[f].add(str(values[f]))
    for f in found:
        v = contact.get(f)
        if isinstance(v, str) and v.strip():
            found[f].add(v)
    found["name"].discard(token(contact["contact_id"]))
    return {f: {v.strip() for v in vs if len(v.strip()) >= 2} for f, vs in found.items()}


def export_contact(con, account_key: str, contact_id: int, user: str | None) -> dict:
    """Everything Cartera holds about one contact, as plain JSON-able data (the export itself is
    audited, without the data)."""
    authz.require(con, user, "export_contact", account_key)
    c = _contact(con, account_key, contact_id)
    every = rel.contacts(con, account_key, include_archived=True)
    names = dict(zip(every["contact_id"].astype(int), every["name"]))
    cid = int(contact_id)
    lines = rel.influence_lines(con, account_key)
    cov = rel.coverage(con, account_key)
    ids = _identifiers(con, c)
    acts = db.query_df(
        con,
        "SELECT activity_id, kind, subject, opened_on, resolved_on, notes FROM activities "
        "WHERE account_key = ? ORDER BY opened_on, activity_id",
        [account_key],
    )
    words = [w.lower() for w in ids["name"] | ids["email"]]
    mentioned = acts[
        [
            any(w in f"{s} {n}".lower() for w in words)
            for s, n in zip(acts["subject"].fillna(""), acts["notes"].fillna(""))
        ]
    ]
    data = {
        "exported_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "account": account_key,
        "contact": {f: c.get(f) for f in ("contact_id", *rel.CONTACT_FIELDS)}
        | {
            "reports_to": names.get(int(c["reports_to"])) if pd.notna(c["reports_to"]) else None,
            "archived_at": c.get("archived_at"),
        },
        "direct_reports": sorted(
            names[int(r.contact_id)]
            for r in every.itertuples()
            if pd.notna(r.reports_to) and int(r.reports_to) == cid
        ),
        "influences": sorted(
            names.get(int(t), "?") for t in lines.loc[lines["from_contact"] == cid, "to_contact"]
        ),
        "influenced_by": sorted(
            names.get(int(f), "?") for f in lines.loc[lines["to_contact"] == cid, "from_contact"]
        ),
        "our_coverage": cov.loc[
            cov["contact_id"] == cid, ["person", "level_current", "level_desired"]
        ].to_dict("records"),
        "activities_mentioning": mentioned.drop(columns=["activity_id"]).to_dict("records"),
        "history": [
            {
                "changed_at": r.changed_at,
                "by": r.actor,
                "action": r.action,
                "before": _json(r.before_values),
                "after": _json(r.after_values),
            }
            for r in _history(con, cid).itertuples()
        ],
    }
    with db.transaction(con) as cur:
        audit.record(cur, user, "export", "contacts", cid, None, None, account=account_key)
    return audit.jsonable(data)


def _json(raw):
    return json.loads(raw) if isinstance(raw, str) else None


def export_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- erase
def _scrubber(ids: dict[str, set[str]], tok: str):
    """A function text -> text that puts ``tok`` in place of the person: emails and notes
    anywhere, names as whole words ("Ana" is not erased out of "Banana"), any case; longest
    first, so a full name goes before a part of it."""

    def alternatives(kinds) -> str:
        found = {v for kind in kinds for v in ids[kind]}
        return "|".join(re.escape(v) for v in sorted(found, key=len, reverse=True))

    steps = []
    anywhere = alternatives(("notes", "email"))
    if anywhere:
        steps.append(re.compile(anywhere, re.IGNORECASE))
    names = alternatives(("name",))
    if names:
        steps.append(re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE))

    def scrub(text: str) -> str:
        for step in steps:
            text = step.sub(tok, text)
        return text

    return scrub if steps else None


def _scrub_value(value, scrub):
    """``scrub`` applied to a text, or to every text (keys included) inside parsed JSON."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(k): _scrub_value(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_value(v, scrub) for v in value]
    return value


def _text_columns(cur) -> dict[str, list[tuple[str, str]]]:
    """Per table: its (column, type) that hold text or JSON, among tables with an account."""
    rows = cur.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_catalog = current_database() "
        "ORDER BY table_name, ordinal_position"
    ).fetchall()
    cols: dict[str, list] = {}
    keyed = {t for t, c, _ in rows if c == "account_key"}
    for table, col, kind in rows:
        if table in keyed and table not in _NOT_SEARCHED and kind in ("VARCHAR", "JSON"):
            if col != "account_key" and re.fullmatch(r"[a-z_][a-z0-9_]*", table + col):
                cols.setdefault(table, []).append((col, kind))
    return cols


def _scrub(cur, table: str, cols, where: str, params: list, scrub) -> None:
    """Apply ``scrub`` to the text and JSON columns ``cols`` of the rows ``where`` selects; only
    rows that change are written (identifiers from the catalogue; values as parameters)."""
    if scrub is None or not cols:
        return
    names = [c for c, _ in cols]
    rows = cur.execute(
        f"SELECT rowid, {', '.join(names)} FROM {table} WHERE {where}", params
    ).fetchall()
    for rowid, *values in rows:
        changed = {}
        for (col, kind), v in zip(cols, values):
            if v is None:
                continue
            if kind == "JSON":
                parsed = json.loads(v)
                new = _scrub_value(parsed, scrub)
                if new != parsed:
                    changed[col] = audit.to_json(new)
            elif scrub(v) != v:
                changed[col] = scrub(v)
        if changed:
            sets = ", ".join(f"{c} = ?" for c in changed)
            cur.execute(f"UPDATE {table} SET {sets} WHERE rowid = ?", [*changed.values(), rowid])


def _anonymise_history(cur, contact_id: int, tok: str) -> None:
    """The audit entries about the contact keep their shape, without the person's values."""
    rows = cur.execute(
        "SELECT audit_id, before_values, after_values FROM audit_log "
        "WHERE entity = 'contacts' AND entity_key = ?",
        [str(contact_id)],
    ).fetchall()
    for audit_id, before, after in rows:
        out = []
        for raw in (before, after):
            values = json.loads(raw) if raw else None
            if values:
                for f in PERSONAL_FIELDS:
                    if values.get(f) is not None:
                        values[f] = tok if f == "name" else None
            out.append(audit.to_json(values))
        cur.execute(
            "UPDATE audit_log SET before_values = ?, after_values = ? WHERE audit_id = ?",
            [*out, audit_id],
        )


def erase_contact(con, account_key: str, contact_id: int, user: str | None) -> None:
    """Anonymise one contact everywhere (see the module docstring); one transaction."""
    authz.require(con, user, "erase_contact", account_key)
    c = _contact(con, account_key, contact_id)
    cid = int(contact_id)
    tok = token(cid)
    scrub = _scrubber(_identifiers(con, c), tok)
    now = db.utcnow()
    with db.transaction(con) as cur:
        cur.execute(
            "UPDATE contacts SET name = ?, title = NULL, department = NULL, email = NULL, "
            "notes = NULL, last_contact = NULL, archived_at = coalesce(archived_at, ?), "
            "archived_by = coalesce(archived_by, ?), erased_at = ?, erased_by = ? "
            "WHERE contact_id = ? AND account_key = ?",
            [tok, now, authz.actor(user), now, authz.actor(user), cid, account_key],
        )
        _anonymise_history(cur, cid, tok)
        for table, cols in _text_columns(cur).items():
            if table == "contacts":  # other contacts' own names stay theirs ("Ana" in "Ana López")
                cols = [(c, k) for c, k in cols if c not in ("name", "email")]
            _scrub(cur, table, cols, "account_key = ?", [account_key], scrub)
        _scrub(
            cur,
            "audit_log",
            [("entity_key", "VARCHAR"), ("before_values", "JSON"), ("after_values", "JSON")],
            "(account = ? OR (entity = 'contacts' AND entity_key = ?))",
            [account_key, str(cid)],
            scrub,
        )
        audit.record(cur, user, "erase", "contacts", cid, None, None, account=account_key)
        mark_section(cur, account_key, rel.MAP_YEAR, rel.MAP_SECTION, user)


def is_erased(con, contact_id: int) -> bool:
    return bool(
        db.scalar(
            con, "SELECT erased_at IS NOT NULL FROM contacts WHERE contact_id = ?", [contact_id]
        )
    )
