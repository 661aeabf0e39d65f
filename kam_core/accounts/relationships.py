"""Relationship map (buying centre) of an account: contacts, reports-to, influence, our coverage.

Reads and writes go through ``kam_core.db``; every save is one transaction and records the
map's last edit (``section_edits``, plan_year 0). Contacts who leave are archived, never deleted;
the map skips archived managers (their reports attach to the next active manager up, or become
roots), so archiving never breaks the drawing. Coverage warnings are a pure function.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from kam_core.accounts.sections import mark_section
from kam_core.common.errors import ValidationError
from kam_core.common.fields import FieldError, clean_text, parse_choice, parse_date
from kam_core.common.vocab import BUYING_ROLES, DETRACTORS, INFLUENCE, LEVEL_RANK, LEVELS, STANCES
from kam_core.store import audit, authz, db, table_edits

MAP_SECTION = "relationships"
MAP_YEAR = 0


CONTACT_FIELDS = (
    "name",
    "title",
    "department",
    "reports_to",
    "buying_role",
    "influence",
    "stance",
    "last_contact",
    "notes",
    "email",
)


# ---------------------------------------------------------------- reads
def contacts(con, account_key: str, include_archived: bool = False) -> pd.DataFrame:
    sql = (
        "SELECT contact_id, name, title, department, reports_to, buying_role, influence, "
        "stance, last_contact, notes, email, archived_at, updated_by, updated_at FROM contacts "
        "WHERE account_key = ?"
        + ("" if include_archived else " AND archived_at IS NULL")
        + " ORDER BY contact_id"
    )
    df = db.query_df(con, sql, [account_key])
    df["reports_to"] = df["reports_to"].astype("Int64")
    return df


def coverage(con, account_key: str) -> pd.DataFrame:
    """Our people's relationship with each contact: contact_id, person_id, person, levels."""
    return db.query_df(
        con,
        "SELECT cc.contact_id, cc.person_id, p.name AS person, cc.level_current, "
        "cc.level_desired FROM contact_coverage cc JOIN contacts c USING (contact_id) "
        "JOIN people p USING (person_id) WHERE c.account_key = ? ORDER BY cc.contact_id, p.name",
        [account_key],
    )


def influence_lines(con, account_key: str) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT il.from_contact, il.to_contact FROM influence_lines il "
        "JOIN contacts c ON c.contact_id = il.from_contact WHERE c.account_key = ? "
        "ORDER BY 1, 2",
        [account_key],
    )


def last_edit(con, account_key: str) -> tuple[str | None, object]:
    rows = db.query_rows(
        con,
        "SELECT updated_by, updated_at FROM section_edits WHERE account_key = ? AND "
        "plan_year = ? AND section = ?",
        [account_key, MAP_YEAR, MAP_SECTION],
    )
    return rows[0] if rows else (None, None)


# ---------------------------------------------------------------- pure rules
def effective_managers(contacts_df: pd.DataFrame) -> dict[int, int | None]:
    """Manager of every ACTIVE contact, skipping archived ones (their reports move up a level,
    or become roots). ``contacts_df`` must include archived rows (``archived_at`` set)."""
    if contacts_df.empty:
        return {}
    archived = (
        contacts_df["archived_at"].notna()
        if "archived_at" in contacts_df
        else pd.Series(False, index=contacts_df.index)
    )
    parent = {
        int(r.contact_id): (None if pd.isna(r.reports_to) else int(r.reports_to))
        for r in contacts_df.itertuples()
    }
    gone = {int(c) for c in contacts_df.loc[archived, "contact_id"]}
    out: dict[int, int | None] = {}
    for cid in parent:
        if cid in gone:
            continue
        m, seen = parent[cid], {cid}
        while m is not None and (m in gone or m not in parent) and m not in seen:
            seen.add(m)
            m = parent.get(m)
        out[cid] = m if (m is not None and m not in gone and m in parent and m != cid) else None
    return out


def find_cycle(managers: dict[int, int | None]) -> list[int] | None:
    """Contact ids forming a reports-to loop, or None."""
    for start in managers:
        path, node = [], start
        while node is not None and node in managers:
            if node in path:
                return path[path.index(node) :]
            path.append(node)
            node = managers[node]
    return None


def check_reports_to(
    managers: dict[int, int | None],
    names: dict[int, str],
    contact_id: int | None,
    manager_id: int | None,
) -> None:
    """Refuse a reports-to that would make a loop (A reports to B who reports to A)."""
    if manager_id is None or contact_id is None:
        return
    if manager_id == contact_id:
        raise ValidationError("err.rel.self", name=names.get(contact_id, "?"))
    trial = dict(managers)
    trial[contact_id] = manager_id
    cycle = find_cycle(trial)
    if cycle:
        raise ValidationError(
            "err.rel.cycle", chain=" → ".join(names.get(c, "?") for c in cycle + [cycle[0]])
        )


def best_levels(coverage_df: pd.DataFrame) -> dict[int, str]:
    """Strongest current level any of our people has with each contact."""
    out: dict[int, str] = {}
    for r in coverage_df.itertuples():
        cur = out.get(int(r.contact_id), "none")
        if LEVEL_RANK.get(r.level_current, 0) > LEVEL_RANK[cur]:
            out[int(r.contact_id)] = r.level_current
    return out


def _warning(code: str, severity: str, row=None, days=None) -> dict:
    return {
        "code": code,
        "severity": severity,
        "contact_id": None if row is None else int(row.contact_id),
        "name": None if row is None else row.name,
        "days": days,
    }


def _coverage_warnings(active: pd.DataFrame, best: dict[int, str]) -> list[dict]:
    """Decision makers without a regular relationship; no champion; none or one strong thread."""
    regular = LEVEL_RANK["regular"]
    covered = {
        int(r.contact_id): LEVEL_RANK[best.get(int(r.contact_id), "none")] >= regular
        for r in active.itertuples()
    }
    out = [
        _warning("dm_uncovered", "high", r)
        for r in active.itertuples()
        if r.buying_role in ("decision_maker", "economic_buyer") and not covered[int(r.contact_id)]
    ]
    if not (active["stance"] == "champion").any():
        out.append(_warning("no_champion", "high"))
    strong = [r for r in active.itertuples() if covered[int(r.contact_id)]]
    if not strong:
        out.append(_warning("no_strong", "high"))
    elif len(strong) == 1:
        out.append(_warning("single_threaded", "high", strong[0]))
    return out


def _people_warnings(active: pd.DataFrame, today: date, not_seen_days: int) -> list[dict]:
    """Detractors with high influence; contacts never seen or not seen for ``not_seen_days``."""
    out = [
        _warning("detractor", "high", r)
        for r in active.itertuples()
        if r.influence == "high" and r.stance in DETRACTORS
    ]
    for r in active.itertuples():
        last = r.last_contact
        if last is None or pd.isna(last):
            out.append(_warning("never_seen", "medium", r))
            continue
        days = (today - pd.Timestamp(last).date()).days
        if days > not_seen_days:
            out.append(_warning("not_seen", "medium", r, days))
    return out


def warnings(
    contacts_df: pd.DataFrame, coverage_df: pd.DataFrame, today: date, not_seen_days: int = 90
) -> list[dict]:
    """Coverage warnings for the active contacts of one account (PRODUCT.md F-AC-2).

    Each warning: ``{"code", "severity": "high"|"medium", "contact_id", "name", "days"}``.
    """
    active = contacts_df
    if "archived_at" in active:
        active = active[active["archived_at"].isna()]
    if active.empty:
        return [_warning("no_contacts", "high")]
    return _coverage_warnings(active, best_levels(coverage_df)) + _people_warnings(
        active, today, not_seen_days
    )


# ---------------------------------------------------------------- validation
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_email(value) -> str | None:
    """A contact's email (optional): trimmed, refused unless it looks like one."""
    text = clean_text(value, "acc.f.email", max_len=254)
    if text is not None and not _EMAIL.match(text):
        raise FieldError("err.acc.bad_choice", field="acc.f.email", value=text)
    return text


def clean_contact(data: dict, valid_ids: set[int]) -> dict:
    """Validate one contact's fields; raise FieldError / ValidationError with i18n keys."""
    out = {
        "name": clean_text(data.get("name"), "acc.f.name", required=True, max_len=120),
        "title": clean_text(data.get("title"), "acc.f.title", max_len=120),
        "department": clean_text(data.get("department"), "acc.f.department", max_len=120),
        "buying_role": parse_choice(
            data.get("buying_role"), "acc.f.buying_role", BUYING_ROLES, "user"
        ),
        "influence": parse_choice(data.get("influence"), "acc.f.influence", INFLUENCE, "medium"),
        "stance": parse_choice(data.get("stance"), "acc.f.stance", STANCES, "neutral"),
        "last_contact": parse_date(data.get("last_contact"), "acc.f.last_contact"),
        "notes": clean_text(data.get("notes"), "acc.f.notes"),
        "email": clean_email(data.get("email")),
    }
    rt = data.get("reports_to")
    if rt is None or (not isinstance(rt, str) and pd.isna(rt)) or rt == "":
        out["reports_to"] = None
    else:
        try:
            out["reports_to"] = int(rt)
        except (TypeError, ValueError):
            raise FieldError(
                "err.acc.bad_choice", field="acc.f.reports_to", value=str(rt)
            ) from None
        if out["reports_to"] not in valid_ids:
            raise FieldError("err.acc.bad_choice", field="acc.f.reports_to", value=str(rt))
    return out


def _graph(con, account_key: str) -> tuple[dict[int, int | None], dict[int, str], set[int]]:
    df = contacts(con, account_key, include_archived=True)
    active = df[df["archived_at"].isna()]
    managers = {
        int(r.contact_id): (None if pd.isna(r.reports_to) else int(r.reports_to))
        for r in active.itertuples()
    }
    names = {int(r.contact_id): r.name for r in df.itertuples()}
    return managers, names, set(managers)


# ---------------------------------------------------------------- writes
def save_contact(
    con, account_key: str, data: dict, user: str | None, contact_id: int | None = None
) -> int:
    """Add (``contact_id`` None) or update one contact; one transaction. Returns its id."""
    authz.require(con, user, "edit_account", account_key)
    managers, names, ids = _graph(con, account_key)
    if contact_id is not None and contact_id not in ids:
        raise ValidationError("err.rel.unknown_contact")
    clean = clean_contact(data, ids)
    check_reports_to(
        managers,
        names | ({contact_id: clean["name"]} if contact_id else {}),
        contact_id,
        clean["reports_to"],
    )
    changes = table_edits.TableChanges(
        inserts=[clean] if contact_id is None else [],
        updates=[(contact_id, clean)] if contact_id is not None else [],
    )
    with db.transaction(con) as cur:
        new_ids = table_edits.apply(
            cur,
            "contacts",
            "contact_id",
            CONTACT_FIELDS,
            changes,
            {"account_key": account_key},
            user,
            db.utcnow(),
        )
        contact_id = new_ids[0] if new_ids else contact_id
        mark_section(cur, account_key, MAP_YEAR, MAP_SECTION, user)
    return int(contact_id)


def save_contacts_table(con, account_key: str, rows: pd.DataFrame, user: str | None) -> int:
    """Save the table editor (the one algorithm: ``store.table_edits``): rows with a contact_id
    are updates, rows without are new contacts; a contact is never deleted here (archive it).

    Every row is validated and the resulting reports-to graph checked for loops BEFORE anything is
    written; then all changes go in one transaction. Returns the number of rows changed.
    """
    authz.require(con, user, "edit_account", account_key)
    managers, names, ids = _graph(con, account_key)
    changes = table_edits.diff_rows(
        rows,
        contacts(con, account_key),
        "contact_id",
        CONTACT_FIELDS,
        lambda row: clean_contact(row, ids),
        unknown_key="err.rel.unknown_contact",
        allow_delete=False,
    )
    for cid, clean in changes.updates:
        managers[cid] = clean["reports_to"]
        names[cid] = clean["name"]
    cycle = find_cycle(managers)
    if cycle:
        raise ValidationError(
            "err.rel.cycle", chain=" → ".join(names.get(c, "?") for c in cycle + [cycle[0]])
        )
    for cid, _ in changes.updates:
        if managers[cid] == cid:
            raise ValidationError("err.rel.self", name=names[cid])
    if not changes:
        return 0
    with db.transaction(con) as cur:
        table_edits.apply(
            cur,
            "contacts",
            "contact_id",
            CONTACT_FIELDS,
            changes,
            {"account_key": account_key},
            user,
            db.utcnow(),
        )
        mark_section(cur, account_key, MAP_YEAR, MAP_SECTION, user)
    return len(changes)


def archive_contact(con, account_key: str, contact_id: int, user: str | None) -> None:
    """The contact left (or no longer matters): hidden from the map, kept in the database."""
    authz.require(con, user, "edit_account", account_key)
    _, _, ids = _graph(con, account_key)
    if contact_id not in ids:
        raise ValidationError("err.rel.unknown_contact")
    with db.transaction(con) as cur:
        now = db.utcnow()
        cur.execute(
            "UPDATE contacts SET archived_at = ?, archived_by = ? WHERE contact_id = ?",
            [now, user, contact_id],
        )
        audit.record(
            cur,
            user,
            "archive",
            "contacts",
            contact_id,
            {"archived_at": None},
            {"archived_at": now},
            account=account_key,
        )
        mark_section(cur, account_key, MAP_YEAR, MAP_SECTION, user)


def set_coverage(
    con,
    account_key: str,
    contact_id: int,
    person_id: int,
    current: str,
    desired: str,
    user: str | None,
) -> None:
    authz.require(con, user, "edit_account", account_key)
    _, _, ids = _graph(con, account_key)
    if contact_id not in ids:
        raise ValidationError("err.rel.unknown_contact")
    if not db.scalar(con, "SELECT count(*) FROM people WHERE person_id = ?", [person_id]):
        raise FieldError("err.acc.bad_choice", field="acc.f.person", value=str(person_id))
    cur_level = parse_choice(current, "acc.f.level_current", LEVELS)
    des_level = parse_choice(desired, "acc.f.level_desired", LEVELS)
    with db.transaction(con) as cur:
        before = _coverage_row(cur, contact_id, person_id)
        cur.execute(
            "INSERT INTO contact_coverage VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (contact_id, "
            "person_id) DO UPDATE SET level_current = excluded.level_current, level_desired = "
            "excluded.level_desired, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at",
            [contact_id, person_id, cur_level, des_level, user, db.utcnow()],
        )
        audit.record_change(
            cur,
            user,
            "contact_coverage",
            f"{contact_id}:{person_id}",
            before,
            _coverage_row(cur, contact_id, person_id),
            account=account_key,
        )
        mark_section(cur, account_key, MAP_YEAR, MAP_SECTION, user)


def _coverage_row(cur, contact_id: int, person_id: int) -> dict | None:
    rows = cur.execute(
        "SELECT level_current, level_desired FROM contact_coverage WHERE contact_id = ? "
        "AND person_id = ?",
        [contact_id, person_id],
    ).fetchall()
    return {"level_current": rows[0][0], "level_desired": rows[0][1]} if rows else None


def _influence_exists(cur, account_key: str, from_contact: int, to_contact: int) -> bool:
    return bool(
        cur.execute(
            "SELECT count(*) FROM influence_lines WHERE from_contact = ? AND to_contact = ? "
            "AND from_contact IN (SELECT contact_id FROM contacts WHERE account_key = ?)",
            [from_contact, to_contact, account_key],
        ).fetchall()[0][0]
    )


def add_influence(
    con, account_key: str, from_contact: int, to_contact: int, user: str | None
) -> None:
    authz.require(con, user, "edit_account", account_key)
    _, _, ids = _graph(con, account_key)
    if from_contact not in ids or to_contact not in ids:
        raise ValidationError("err.rel.unknown_contact")
    if from_contact == to_contact:
        raise ValidationError("err.rel.influence_self")
    with db.transaction(con) as cur:
        if not _influence_exists(cur, account_key, from_contact, to_contact):
            cur.execute(
                "INSERT INTO influence_lines VALUES (?, ?, ?, ?)",
                [from_contact, to_contact, user, db.utcnow()],
            )
            audit.record(
                cur,
                user,
                "create",
                "influence_lines",
                f"{from_contact}>{to_contact}",
                None,
                {"from_contact": from_contact, "to_contact": to_contact},
                account=account_key,
            )
        mark_section(cur, account_key, MAP_YEAR, MAP_SECTION, user)


def remove_influence(
    con, account_key: str, from_contact: int, to_contact: int, user: str | None
) -> None:
    """Only a line between this account's contacts (a crafted id of another account: nothing)."""
    authz.require(con, user, "edit_account", account_key)
    with db.transaction(con) as cur:
        if not _influence_exists(cur, account_key, from_contact, to_contact):
            return
        cur.execute(
            "DELETE FROM influence_lines WHERE from_contact = ? AND to_contact = ?",
            [from_contact, to_contact],
        )
        audit.record(
            cur,
            user,
            "delete",
            "influence_lines",
            f"{from_contact}>{to_contact}",
            {"from_contact": from_contact, "to_contact": to_contact},
            None,
            account=account_key,
        )
        mark_section(cur, account_key, MAP_YEAR, MAP_SECTION, user)
