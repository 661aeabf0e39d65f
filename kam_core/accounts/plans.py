"""Account plan per year (F-AC-3, F-AC-6): objectives with revenue targets and progress against
actual revenue, value proposition, SWOT, competitors, opportunities, risks and actions.

Every list section is edited as a whole table (validated row by row, then written in one
transaction) or item by item through a form; every save records who/when for the section so stale
sections can be flagged. Progress, overdue actions and staleness are pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

import pandas as pd

from kam_core.accounts.sections import mark_section
from kam_core.common.errors import ValidationError
from kam_core.common.fields import (
    FieldError,
    clean_text,
    parse_choice,
    parse_date,
    parse_number,
    parse_quarter,
)
from kam_core.common.vocab import ACTION_STATUSES, STAGES, THREATS
from kam_core.store import audit, authz, db, table_edits

TEXT_FIELDS = {  # field -> section
    "value_proposition": "value_proposition",
    "differentiator": "value_proposition",
    "strengths": "swot",
    "weaknesses": "swot",
    "opportunities": "swot",
    "threats": "swot",
}
SECTIONS = (
    "objectives",
    "value_proposition",
    "swot",
    "competitors",
    "opportunities",
    "risks",
    "actions",
)


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # i18n key of the field name (error messages, column headers)
    parse: Callable  # (value, label, lang) -> clean value
    required: bool = False  # the table editor keeps a new row until this field is filled in


def _text(required=False, max_len=500):
    return lambda v, label, lang: clean_text(v, label, required=required, max_len=max_len)


def _choice(options, default):
    return lambda v, label, lang: parse_choice(v, label, options, default)


def _money(v, label, lang):
    return parse_number(v, label, minimum=0, lang=lang)


def _share(v, label, lang):
    """Share of wallet typed as a percentage 0-100, stored as a fraction 0-1."""
    x = parse_number(v, label, minimum=0, maximum=100, lang=lang)
    return None if x is None else x / 100.0


def _date(v, label, lang):
    return parse_date(v, label)


def _quarter(v, label, lang):
    return parse_quarter(v, label)


# kind -> (table, id column, section, fields). Identifiers only from this fixed list.
KINDS: dict[str, tuple[str, str, str, tuple[Field, ...]]] = {
    "objectives": (
        "plan_objectives",
        "objective_id",
        "objectives",
        (
            Field("description", "plan.f.objective", _text(True), True),
            Field("revenue_target", "plan.f.revenue_target", _money),
        ),
    ),
    "competitors": (
        "competitors",
        "competitor_id",
        "competitors",
        (
            Field("name", "plan.f.competitor", _text(True, 120), True),
            Field("share_of_wallet", "plan.f.share_of_wallet", _share),
            Field("threat", "plan.f.threat", _choice(THREATS, "medium")),
            Field("notes", "plan.f.notes", _text()),
        ),
    ),
    "opportunities": (
        "opportunities",
        "opportunity_id",
        "opportunities",
        (
            Field("name", "plan.f.opportunity", _text(True, 200), True),
            Field("value", "plan.f.value", _money),
            Field("stage", "plan.f.stage", _choice(STAGES, "identified")),
            Field("expected_quarter", "plan.f.expected_quarter", _quarter),
        ),
    ),
    "risks": (
        "risks",
        "risk_id",
        "risks",
        (
            Field("description", "plan.f.risk", _text(True), True),
            Field("impact", "plan.f.impact", _choice(THREATS, "medium")),
            Field("mitigation", "plan.f.mitigation", _text()),
        ),
    ),
    "actions": (
        "plan_actions",
        "action_id",
        "actions",
        (
            Field("description", "plan.f.action", _text(True), True),
            Field("owner", "plan.f.owner", _text(False, 120)),
            Field("due_date", "plan.f.due_date", _date),
            Field("status", "plan.f.status", _choice(ACTION_STATUSES, "open")),
        ),
    ),
}


# ---------------------------------------------------------------- reads
def items(con, kind: str, account_key: str, year: int) -> pd.DataFrame:
    table, id_col, _, fields = KINDS[kind]
    cols = ", ".join([id_col] + [f.name for f in fields])
    return db.query_df(
        con,
        f"SELECT {cols}, updated_by, updated_at FROM {table} "
        f"WHERE account_key = ? AND plan_year = ? ORDER BY {id_col}",
        [account_key, int(year)],
    )


def texts(con, account_key: str, year: int) -> dict[str, str]:
    rows = db.query_rows(
        con,
        "SELECT field, content FROM plan_texts WHERE account_key = ? AND plan_year = ?",
        [account_key, int(year)],
    )
    return {f: c for f, c in rows}


def section_edits(con, account_key: str, year: int) -> dict[str, tuple]:
    """Last edit (by, at) of every plan section and of the relationship map."""
    rows = db.query_rows(
        con,
        "SELECT section, updated_by, updated_at FROM section_edits WHERE account_key = ? "
        "AND plan_year IN (?, 0)",
        [account_key, int(year)],
    )
    return {s: (by, at) for s, by, at in rows}


def plan_years(con, account_key: str) -> list[int]:
    rows = db.query_rows(
        con,
        "SELECT DISTINCT plan_year FROM section_edits WHERE account_key = ? AND plan_year > 0 "
        "ORDER BY 1",
        [account_key],
    )
    return [int(r[0]) for r in rows]


def all_actions(con) -> pd.DataFrame:
    """Every action of every account (team workload)."""
    return db.query_df(
        con,
        "SELECT action_id, account_key, plan_year, description, owner, "
        "due_date, status FROM plan_actions ORDER BY action_id",
    )


# ---------------------------------------------------------------- pure rules
def clean_row(kind: str, row: dict, lang: str = "en") -> dict:
    _, _, _, fields = KINDS[kind]
    return {f.name: f.parse(row.get(f.name), f.label, lang) for f in fields}


def progress(objectives: pd.DataFrame, actual: float, quarters_with_data: int) -> dict:
    """Revenue objective of the year against actual revenue so far.

    ``target`` is the sum of the objectives' revenue targets; ``progress`` = actual / target;
    ``expected`` = the share of the year with data (quarters / 4); ``pace`` = progress / expected
    (1 = exactly on track for the full-year target).
    """
    targets = objectives["revenue_target"].dropna() if not objectives.empty else pd.Series([])
    target = float(targets.sum()) if len(targets) else None
    expected = quarters_with_data / 4.0
    prog = actual / target if target else None
    pace = prog / expected if (prog is not None and expected) else None
    return {
        "target": target,
        "actual": float(actual),
        "progress": prog,
        "expected": expected,
        "quarters": quarters_with_data,
        "pace": pace,
    }


def overdue_mask(actions: pd.DataFrame, today: date) -> pd.Series:
    """Actions not done whose due date is before ``today``."""
    if actions.empty:
        return pd.Series([], dtype=bool)
    due = pd.to_datetime(actions["due_date"], errors="coerce")
    return (actions["status"] != "done") & due.notna() & (due < pd.Timestamp(today))


def staleness(
    edits: dict[str, tuple],
    today: date,
    stale_days: int = 90,
    sections=SECTIONS + ("relationships",),
) -> pd.DataFrame:
    """One row per section: updated_by, updated_at, age_days (None if never), stale."""
    rows = []
    for s in sections:
        by, at = edits.get(s, (None, None))
        if at is None or pd.isna(at):
            rows.append(
                {
                    "section": s,
                    "updated_by": None,
                    "updated_at": None,
                    "age_days": None,
                    "stale": True,
                }
            )
            continue
        at_date = at.date() if isinstance(at, (datetime, pd.Timestamp)) else at
        age = (today - at_date).days
        rows.append(
            {
                "section": s,
                "updated_by": by,
                "updated_at": at,
                "age_days": age,
                "stale": age > stale_days,
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- writes
def _check_year(year) -> int:
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise FieldError("err.acc.not_number", field="plan.f.year", value=str(year)) from None
    if not 2000 <= y <= 2100:
        raise FieldError("err.acc.too_large", field="plan.f.year", max=2100)
    return y


def add_item(
    con, kind: str, account_key: str, year: int, data: dict, user: str | None, lang: str = "en"
) -> int:
    """Validate and add one item (objective, competitor, opportunity, risk or action)."""
    authz.require(con, user, "edit_account", account_key)
    table, id_col, section, fields = KINDS[kind]
    year = _check_year(year)
    clean = clean_row(kind, data, lang)
    _check_wallet(con, kind, account_key, year, clean, exclude=None)
    names = [f.name for f in fields]
    with db.transaction(con) as cur:
        new_id = cur.execute(
            f"INSERT INTO {table} (account_key, plan_year, {', '.join(names)}, updated_by, "
            f"updated_at) VALUES ({', '.join(['?'] * (len(names) + 4))}) RETURNING {id_col}",
            [account_key, year] + [clean[n] for n in names] + [user, db.utcnow()],
        ).fetchall()[0][0]
        audit.record_change(cur, user, table, new_id, None, clean, account=account_key)
        mark_section(cur, account_key, year, section, user)
    return int(new_id)


def _check_wallet(con, kind, account_key, year, clean, exclude) -> None:
    """Competitors' shares of wallet in one account cannot add up to more than 100%."""
    if kind != "competitors" or clean.get("share_of_wallet") is None:
        return
    others = db.scalar(
        con,
        "SELECT coalesce(sum(share_of_wallet), 0) FROM competitors WHERE account_key = ? "
        "AND plan_year = ? AND competitor_id IS DISTINCT FROM ?",
        [account_key, year, exclude],
    )
    if float(others) + clean["share_of_wallet"] > 1.0 + 1e-9:
        raise ValidationError("err.plan.wallet_total")


def save_items_table(
    con,
    kind: str,
    account_key: str,
    year: int,
    rows: pd.DataFrame,
    user: str | None,
    lang: str = "en",
) -> int:
    """Save a whole section from the table editor (the one algorithm: ``store.table_edits``):
    rows with an id are updated, rows without are added, ids no longer present are removed."""
    authz.require(con, user, "edit_account", account_key)
    table, id_col, section, fields = KINDS[kind]
    year = _check_year(year)
    names = [f.name for f in fields]
    changes = table_edits.diff_rows(
        rows,
        items(con, kind, account_key, year),
        id_col,
        names,
        lambda row: clean_row(kind, row, lang),
        unknown_key="err.plan.unknown_item",
        allow_delete=True,
    )
    if kind == "competitors":
        kept = {rid for rid, _ in changes.updates}
        stored = items(con, kind, account_key, year)
        untouched = stored[~stored[id_col].isin(kept | set(changes.deletes))]
        total = sum(c["share_of_wallet"] or 0 for _, c in changes.updates)
        total += sum(c["share_of_wallet"] or 0 for c in changes.inserts)
        total += float(untouched["share_of_wallet"].fillna(0).sum())
        if total > 1.0 + 1e-9:
            raise ValidationError("err.plan.wallet_total")
    if not changes:
        return 0
    scope = {"account_key": account_key, "plan_year": year}
    with db.transaction(con) as cur:
        table_edits.apply(cur, table, id_col, names, changes, scope, user, db.utcnow())
        mark_section(cur, account_key, year, section, user)
    return len(changes)


def save_texts(con, account_key: str, year: int, values: dict[str, str], user: str | None) -> None:
    """Save free-text fields (value proposition, differentiator, SWOT) in one transaction."""
    authz.require(con, user, "edit_account", account_key)
    year = _check_year(year)
    clean = {}
    for field, value in values.items():
        if field not in TEXT_FIELDS:
            raise ValidationError("err.plan.unknown_item")
        clean[field] = clean_text(value, f"plan.f.{field}", max_len=4000)
    old = texts(con, account_key, year)
    changed = {f: v for f, v in clean.items() if (old.get(f) or None) != v}
    if not changed:
        return
    now = db.utcnow()
    with db.transaction(con) as cur:
        for field, value in changed.items():
            cur.execute(
                "INSERT INTO plan_texts VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_key, "
                "plan_year, field) DO UPDATE SET content = excluded.content, "
                "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                [account_key, year, field, value, user, now],
            )
            audit.record_change(
                cur,
                user,
                "plan_texts",
                f"{year}:{field}",
                {field: old.get(field) or None},
                {field: value},
                account=account_key,
            )
        for section in sorted({TEXT_FIELDS[f] for f in changed}):
            mark_section(cur, account_key, year, section, user)


# ---------------------------------------------------------------- portfolio view (F-AC-6)
def freshness(con, today: date, stale_days: int = 90) -> pd.DataFrame:
    """Per account: when the plan (any section, any year) and the relationship map were last
    edited, and whether each is stale (never edited, or older than ``stale_days``).

    Columns: account_key, plan_updated_at, map_updated_at, plan_stale, map_stale.
    """
    df = db.query_df(
        con,
        "SELECT account_key, "
        "max(updated_at) FILTER (WHERE section <> 'relationships') AS plan_updated_at, "
        "max(updated_at) FILTER (WHERE section = 'relationships') AS map_updated_at "
        "FROM section_edits GROUP BY account_key",
    )
    limit = pd.Timestamp(today) - pd.Timedelta(days=int(stale_days))
    for what in ("plan", "map"):
        at = pd.to_datetime(df[f"{what}_updated_at"])
        df[f"{what}_stale"] = at.isna() | (at.dt.normalize() < limit)
    return df


def with_freshness(accounts: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """``accounts`` (with account_key) plus the freshness columns; never-edited accounts are
    stale on both counts."""
    out = accounts.merge(fresh, on="account_key", how="left")
    out["plan_stale"] = out["plan_stale"].astype("boolean").fillna(True).astype(bool)
    out["map_stale"] = out["map_stale"].astype("boolean").fillna(True).astype(bool)
    return out
