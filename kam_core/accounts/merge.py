"""One customer under many names (F-IN-5): duplicate suggestions over the stored accounts, merges
that an unmerge undoes exactly, and the remembered aliases intake follows.

A merge of ``B`` into the survivor ``A`` is one transaction, after a backup (``store.backup``):

* Revenue lines of ``B``, live and archived, take the key ``A``; ``source_account_key`` keeps the key
  their file gave (``B``, or an account merged into ``B`` earlier). ``A``'s figures are both.
* ``B``'s row of ``accounts`` leaves the table and is kept in the merge record
  (``account_merges``), so ``B`` is no account anywhere (pickers, tiers, suggestions).
* Rows with their own id (contacts, whose coverage and influence lines follow them, plan items,
  activity, key-account marks) move to ``A``; the record keeps their ids.
* Rows keyed by account (team, effort, ratings, plan texts, section edits) move unless ``A`` has its
  own row under the same key; then ``B``'s stays under ``B``, out of sight while merged and back
  on unmerge (counted in ``kept``). So does ``B``'s key-account mark in force when ``A`` has one.
  ``B``'s lead KAM joins ``A``'s team as a member when ``A`` has a lead (lead again on unmerge).
* While the merge is in force ``B`` is an alias: a later file with ``B`` lands in ``A``
  (:func:`aliases`, followed by ``kam_core.ingest``; the line keeps ``B`` as its source).

``unmerge(B)`` reverses it in one transaction: lines whose source is ``B`` (or an account still
merged into ``B``) go back, the recorded rows go back (with any edit made meanwhile), ``B``'s
account row returns and the alias ends. What was created under ``A`` while merged stays with ``A``.
Merges nest (``A`` into ``C`` after ``B`` into ``A``) and come apart outermost first: ``B`` cannot
leave ``A`` while ``A`` itself is merged into ``C``. Early-warning acknowledgements stay with ``B``
(the survivor's warnings are judged afresh on the merged figures).

Who may: ``merge_accounts`` (``store.authz``) for merge, unmerge and "not the same"; each one is
an entry of the audit log, written in its transaction.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from kam_core.analytics import name_match
from kam_core.common.errors import MergeError
from kam_core.store import audit, authz, backup, db

LINE_TABLES = ("revenue_lines", "revenue_lines_archive")
# Rows with their own id: moved by id.
ID_TABLES = {
    "contacts": "contact_id",
    "plan_objectives": "objective_id",
    "competitors": "competitor_id",
    "opportunities": "opportunity_id",
    "risks": "risk_id",
    "plan_actions": "action_id",
    "activities": "activity_id",
    "account_marks": "mark_id",
}
# Rows keyed by account: the other columns of their primary key.
KEYED_TABLES = {
    "account_team": ("person_id",),
    "account_effort": (),
    "account_ratings": (),
    "plan_texts": ("plan_year", "field"),
    "section_edits": ("plan_year", "section"),
}
# Rows that stay with the merged key on purpose (counted in ``kept``, theirs again on unmerge).
# Early-warning acknowledgements judged the merged account's own figures; the survivor's figures
# change with the merge, so its warnings are judged afresh rather than silenced by B's.
LEFT_BEHIND = ("warning_acks",)
# Every table with an account_key column is one of these (tests/unit/test_account_merge.py).
HANDLED_TABLES = {"accounts", *LINE_TABLES, *ID_TABLES, *KEYED_TABLES, *LEFT_BEHIND}


# The reasons a suggestion gives (kam_core.analytics.name_match), the name's own first.
REASONS = (
    "same_normalised_name",
    "word_order",
    "spacing",
    "typo",
    "same_id",
    "shared_product_lines",
    "shared_regions",
    "non_overlapping_quarters",
)


def reasons(group: dict) -> list[str]:
    """A group's reasons in :data:`REASONS` order (what the names share first, then the rest)."""
    given = group["evidence"]["reasons"]
    return [r for r in REASONS if r in given] + sorted(set(given) - set(REASONS))


# --------------------------------------------------------------------------- reads


_IN_FORCE = "SELECT merged_key, survivor_key FROM account_merges WHERE unmerged_at IS NULL"


def aliases(con) -> dict[str, str]:
    """``{merged key: surviving key}`` for every merge in force, chains followed to the end."""
    return _resolved(dict(db.query_rows(con, _IN_FORCE)))


def _resolved(direct: dict[str, str]) -> dict[str, str]:
    return {key: _root(key, direct) for key in direct}


def _root(key: str, direct: dict[str, str]) -> str:
    seen = {key}
    while key in direct and direct[key] not in seen:
        key = direct[key]
        seen.add(key)
    return key


# Distinct (account, value) pairs first, then one ordered list per account: cheaper than
# list(DISTINCT ...) over every line (1M lines / 20,000 accounts: about 0.3 s of CPU).
_ACCOUNTS_SQL = """
    WITH totals AS (
        SELECT account_key, count(*) AS lines, sum(amount) AS revenue
        FROM revenue_lines GROUP BY account_key
    ),
    quarters AS (
        SELECT account_key, list(quarter ORDER BY quarter) AS quarters
        FROM (SELECT DISTINCT account_key, quarter FROM revenue_lines) GROUP BY account_key
    ),
    product_lines AS (
        SELECT account_key, list(product_line ORDER BY product_line) AS product_lines
        FROM (SELECT DISTINCT account_key, product_line FROM revenue_lines
              WHERE product_line IS NOT NULL) GROUP BY account_key
    ),
    regions AS (
        SELECT account_key, list(region ORDER BY region) AS regions
        FROM (SELECT DISTINCT account_key, region FROM revenue_lines WHERE region IS NOT NULL)
        GROUP BY account_key
    )
    SELECT a.account_key AS key, a.account_name AS name, a.account_id,
           coalesce(t.revenue, 0) AS revenue, coalesce(t.lines, 0) AS lines,
           q.quarters, p.product_lines, r.regions
    FROM accounts a
    LEFT JOIN totals t USING (account_key)
    LEFT JOIN quarters q USING (account_key)
    LEFT JOIN product_lines p USING (account_key)
    LEFT JOIN regions r USING (account_key)
    ORDER BY revenue DESC, key
"""


def accounts_frame(con) -> pd.DataFrame:
    """Every account: key, name, account_id, revenue (net, all quarters), lines, and the lists
    quarters, product_lines, regions (the evidence a suggestion weighs), plus ``merged``: the keys
    merged into it. Highest revenue first."""
    df = db.query_df(con, _ACCOUNTS_SQL)
    for col in ("quarters", "product_lines", "regions"):
        df[col] = [list(v) if isinstance(v, (list, tuple, np.ndarray)) else [] for v in df[col]]
    merged: dict[str, list[str]] = {}
    for key, root in sorted(aliases(con).items()):
        merged.setdefault(root, []).append(key)
    df["merged"] = [merged.get(k, []) for k in df["key"]]
    return df


def dismissed(con) -> set[frozenset]:
    """Pairs of keys a user said are not the same company."""
    rows = db.query_rows(con, "SELECT key_a, key_b FROM account_merge_dismissals")
    return {frozenset(r) for r in rows}


def _member(row) -> dict:
    quarters = list(row.quarters)
    return {
        "key": row.key,
        "name": row.name,
        "account_id": None if pd.isna(row.account_id) else str(row.account_id),
        "revenue": float(row.revenue),
        "lines": int(row.lines),
        "first_quarter": quarters[0] if quarters else None,
        "last_quarter": quarters[-1] if quarters else None,
        "quarters": quarters,
        "product_lines": list(row.product_lines),
        "regions": list(row.regions),
    }


def suggestions_all(con, threshold: float = 0.7) -> list[dict]:
    """Groups of likely duplicates among the stored accounts (``name_match.suggest``), each with
    ``members``: per account its name, id, revenue, lines, quarters, product lines and regions.
    Dismissed pairs are not filtered out here (see :func:`without_dismissed`)."""
    frame = accounts_frame(con)
    if len(frame) < 2:
        return []
    groups = name_match.suggest(
        frame[["key", "name", "revenue", "quarters", "product_lines", "regions", "account_id"]],
        threshold=threshold,
    )
    by_key = {r.key: r for r in frame.itertuples(index=False)}
    for g in groups:
        g["names"] = {k: by_key[k].name for k in g["accounts"]}
        g["members"] = [_member(by_key[k]) for k in g["accounts"]]
    return groups


def without_dismissed(groups: list[dict], pairs: set[frozenset]) -> list[dict]:
    """The groups with every member a user paired off as "not the same" left out (a group left
    with its survivor alone goes); the score is recomputed over the members that remain."""
    if not pairs:
        return groups
    out = []
    for g in groups:
        survivor = g["accounts"][0]
        keep = [k for k in g["accounts"][1:] if frozenset((survivor, k)) not in pairs]
        if not keep:
            continue
        if len(keep) < len(g["accounts"]) - 1:
            kept = {survivor, *keep}
            pair_scores = [p["score"] for p in g["evidence"]["pairs"] if p["key"] in kept]
            g = {
                **g,
                "accounts": [survivor, *keep],
                "score": min(pair_scores),
                "names": {k: v for k, v in g["names"].items() if k in kept},
                "members": [m for m in g["members"] if m["key"] in kept],
            }
        out.append(g)
    return sorted(out, key=lambda g: -g["score"])  # stable: ties keep their order


def suggestions(con, threshold: float = 0.7) -> list[dict]:
    """Groups of likely duplicates, most confident first, without the dismissed pairs."""
    return without_dismissed(suggestions_all(con, threshold), dismissed(con))


def history(con) -> pd.DataFrame:
    """Every merge, newest first: who/when, survivor (key and current name), merged key and name,
    lines and revenue moved, rows kept aside, and whether it is still in force."""
    df = db.query_df(
        con,
        """
        SELECT m.merge_id, m.survivor_key, coalesce(a.account_name, m.survivor_key) AS survivor_name,
               m.merged_key, m.merged_name, m.score, m.lines_moved, m.revenue_moved, m.kept,
               m.merged_by, m.merged_at, m.unmerged_by, m.unmerged_at,
               m.unmerged_at IS NULL AS active
        FROM account_merges m LEFT JOIN accounts a ON a.account_key = m.survivor_key
        ORDER BY m.merge_id DESC
        """,
    )
    df["kept"] = [sum(json.loads(k).values()) if k else 0 for k in df["kept"]]
    return df


# --------------------------------------------------------------------------- merge


def _rows(cur, sql: str, params: list) -> list[tuple]:
    return cur.execute(sql, params).fetchall()


def _on_own_cursor(con, check, *args):
    """Run a check outside the transaction on a cursor of its own (the app's connection is
    shared by every session: queries never run on it directly)."""
    cur = con.cursor()
    try:
        return check(cur, *args)
    finally:
        cur.close()


def _check_keys(cur, keys: list[str]) -> None:
    """Raise :class:`MergeError` unless every key is a distinct account in force."""
    if len(keys) < 2:
        raise MergeError("mg.err.too_few")
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise MergeError("mg.err.repeated", account=repeated[0])
    known = {
        r[0]
        for r in _rows(
            cur, "SELECT account_key FROM accounts WHERE list_contains(?, account_key)", [keys]
        )
    }
    for key in keys:
        if key in known:
            continue
        survivor = _resolved(dict(_rows(cur, _IN_FORCE, []))).get(key)
        if survivor is not None:
            raise MergeError("mg.err.already_merged", account=key, survivor=survivor)
        raise MergeError("mg.err.unknown", account=key)


def merge(con, keys, user: str, score: float | None = None) -> list[int]:
    """Merge every other account of ``keys`` into the first; returns the new merge ids.

    One transaction after a backup; raises :class:`MergeError` (nothing written) for fewer than
    two keys, a key given twice, an unknown key or one already merged into another account.
    """
    authz.require(con, user, "merge_accounts")
    keys = [str(k) for k in keys]
    _on_own_cursor(con, _check_keys, keys)  # fail fast, before the backup and the write lock
    backup.before(con, "merge")
    now = db.utcnow()
    with db.transaction(con) as cur:
        _check_keys(cur, keys)  # again under the write lock: another session may have merged
        ids = [_merge_one(cur, keys[0], key, user, now, score) for key in keys[1:]]
        for merge_id, key in zip(ids, keys[1:]):
            audit.record(
                cur,
                user,
                "merge",
                "account_merges",
                merge_id,
                None,
                {"survivor": keys[0], "merged": key, "score": score},
                account=keys[0],
            )
        db.bump_data_version(cur)
    return ids


def _merge_one(cur, survivor: str, key: str, user: str, now, score) -> int:
    name, account_id, first_batch, created_at = _rows(
        cur,
        "SELECT account_name, account_id, first_batch, created_at FROM accounts "
        "WHERE account_key = ?",
        [key],
    )[0]
    lines, revenue = _rows(
        cur,
        "SELECT count(*), coalesce(sum(amount), 0) FROM revenue_lines WHERE account_key = ?",
        [key],
    )[0]
    for table in LINE_TABLES:
        cur.execute(
            f"UPDATE {table} SET source_account_key = coalesce(source_account_key, account_key), "
            "account_key = ? WHERE account_key = ?",
            [survivor, key],
        )
    moved, kept = _move_id_rows(cur, survivor, key)
    for table, parts in KEYED_TABLES.items():
        moved[table], kept[table] = _move_keyed_rows(cur, table, parts, survivor, key)
    moved["team_demoted"] = _demote_second_lead(cur, survivor, key, moved["account_team"])
    for table in LEFT_BEHIND:
        kept[table] = _rows(cur, f"SELECT count(*) FROM {table} WHERE account_key = ?", [key])[0][0]
    cur.execute("DELETE FROM accounts WHERE account_key = ?", [key])
    return _rows(
        cur,
        "INSERT INTO account_merges (survivor_key, merged_key, merged_name, merged_account_id, "
        "merged_first_batch, merged_created_at, score, lines_moved, revenue_moved, moved, kept, "
        "merged_by, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING merge_id",
        [
            survivor,
            key,
            name,
            account_id,
            first_batch,
            created_at,
            score,
            int(lines),
            float(revenue),
            json.dumps(moved),
            json.dumps({t: n for t, n in kept.items() if n}),
            user,
            now,
        ],
    )[0][0]


def _move_id_rows(cur, survivor: str, key: str) -> tuple[dict, dict]:
    """Move the rows with their own id; the merged account's mark in force stays behind when
    the survivor has one (one mark in force per account)."""
    moved, kept = {}, {}
    for table, id_col in ID_TABLES.items():
        cond = ""
        if (
            table == "account_marks"
            and _rows(
                cur,
                "SELECT count(*) FROM account_marks WHERE account_key = ? AND removed_at IS NULL",
                [survivor],
            )[0][0]
        ):
            cond = " AND removed_at IS NOT NULL"
        ids = [
            r[0]
            for r in _rows(
                cur,
                f"SELECT {id_col} FROM {table} WHERE account_key = ?{cond} ORDER BY {id_col}",
                [key],
            )
        ]
        if ids:
            cur.execute(
                f"UPDATE {table} SET account_key = ? WHERE account_key = ? "
                f"AND list_contains(?, {id_col})",
                [survivor, key, ids],
            )
        moved[table] = ids
        kept[table] = _rows(cur, f"SELECT count(*) FROM {table} WHERE account_key = ?", [key])[0][0]
    return moved, kept


def _match(parts: tuple[str, ...]) -> str:
    return "".join(f" AND {p} = ?" for p in parts)


def _move_keyed_rows(cur, table: str, parts: tuple[str, ...], survivor: str, key: str):
    """Move the rows whose primary key the survivor does not hold yet; -> (moved key parts, n kept)."""
    cols = ", ".join(parts) if parts else "NULL"
    theirs = {
        tuple(r) for r in _rows(cur, f"SELECT {cols} FROM {table} WHERE account_key = ?", [key])
    }
    ours = {
        tuple(r)
        for r in _rows(cur, f"SELECT {cols} FROM {table} WHERE account_key = ?", [survivor])
    }
    movable = sorted(theirs - ours, key=repr)
    for values in movable:
        cur.execute(
            f"UPDATE {table} SET account_key = ? WHERE account_key = ?{_match(parts)}",
            [survivor, key, *values[: len(parts)]],
        )
    return [list(v[: len(parts)]) for v in movable], len(theirs) - len(movable)


def _demote_second_lead(cur, survivor: str, key: str, moved_team: list) -> list:
    """One lead per account: a lead that came with the merged account becomes a member when the
    survivor already has its own lead. Returns the people demoted (lead again on unmerge)."""
    people = [p[0] for p in moved_team]
    if not people:
        return []
    leads = _rows(
        cur,
        "SELECT person_id FROM account_team WHERE account_key = ? AND team_role = 'lead' "
        "ORDER BY list_contains(?, person_id), person_id",
        [survivor, people],
    )
    if len(leads) < 2:
        return []
    demoted = [r[0] for r in leads[1:] if r[0] in people]
    cur.execute(
        "UPDATE account_team SET team_role = 'member' WHERE account_key = ? "
        "AND list_contains(?, person_id)",
        [survivor, demoted],
    )
    return demoted


# --------------------------------------------------------------------------- unmerge


def _active(cur, key: str) -> tuple | None:
    rows = _rows(
        cur,
        "SELECT merge_id, survivor_key, merged_name, merged_account_id, merged_first_batch, "
        "merged_created_at, moved FROM account_merges "
        "WHERE merged_key = ? AND unmerged_at IS NULL ORDER BY merge_id DESC",
        [key],
    )
    return rows[0] if rows else None


def _check_unmerge(cur, key: str) -> tuple:
    rec = _active(cur, key)
    if rec is None:
        inside = _rows(
            cur,
            "SELECT merged_key FROM account_merges WHERE survivor_key = ? AND unmerged_at IS NULL "
            "ORDER BY merged_key",
            [key],
        )
        if inside:
            raise MergeError(
                "mg.err.unmerge_survivor", account=key, merged=", ".join(r[0] for r in inside)
            )
        raise MergeError("mg.err.not_merged", account=key)
    survivor = rec[1]
    outer = _resolved(dict(_rows(cur, _IN_FORCE, []))).get(survivor)
    if outer is not None:
        raise MergeError("mg.err.unmerge_outer_first", account=key, survivor=survivor, outer=outer)
    return rec


def unmerge(con, key: str, user: str) -> int:
    """Split a merged-away account back out (see the module docstring); returns the merge id.

    Raises :class:`MergeError` (nothing written) when ``key`` is not merged into another account
    or when its survivor was itself merged away since (unmerge that one first).
    """
    authz.require(con, user, "merge_accounts")
    key = str(key)
    _on_own_cursor(con, _check_unmerge, key)  # fail fast, before the backup and the write lock
    backup.before(con, "merge")
    now = db.utcnow()
    with db.transaction(con) as cur:
        merge_id, survivor, name, account_id, first_batch, created_at, moved = _check_unmerge(
            cur, key
        )
        sources = [key, *_merged_into(cur, key, merge_id)]
        for table in LINE_TABLES:
            cur.execute(
                f"UPDATE {table} SET account_key = ? WHERE account_key = ? "
                "AND list_contains(?, source_account_key)",
                [key, survivor, sources],
            )
            cur.execute(
                f"UPDATE {table} SET source_account_key = NULL "
                "WHERE account_key = ? AND source_account_key = ?",
                [key, key],
            )
        _restore_rows(cur, json.loads(moved), survivor, key)
        cur.execute(
            "INSERT INTO accounts (account_key, account_name, account_id, first_batch, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [key, name, account_id, first_batch, created_at],
        )
        cur.execute(
            "UPDATE account_merges SET unmerged_by = ?, unmerged_at = ? WHERE merge_id = ?",
            [user, now, merge_id],
        )
        audit.record(
            cur,
            user,
            "unmerge",
            "account_merges",
            merge_id,
            {"survivor": survivor, "merged": key},
            None,
            account=survivor,
        )
        db.bump_data_version(cur)
    return int(merge_id)


def _merged_into(cur, key: str, merge_id: int) -> list[str]:
    """Keys whose merges in force lead to ``key`` (their lines travel with it)."""
    direct = dict(
        _rows(
            cur,
            "SELECT merged_key, survivor_key FROM account_merges "
            "WHERE unmerged_at IS NULL AND merge_id <> ?",
            [merge_id],
        )
    )
    out = []
    for k in direct:
        seen, cur_key = {k}, k
        while cur_key in direct and direct[cur_key] not in seen:
            cur_key = direct[cur_key]
            seen.add(cur_key)
            if cur_key == key:
                out.append(k)
                break
    return sorted(out)


def _restore_rows(cur, moved: dict, survivor: str, key: str) -> None:
    for table, id_col in ID_TABLES.items():
        ids = moved.get(table) or []
        if ids:
            cur.execute(
                f"UPDATE {table} SET account_key = ? WHERE account_key = ? "
                f"AND list_contains(?, {id_col})",
                [key, survivor, ids],
            )
    for table, parts in KEYED_TABLES.items():
        for values in moved.get(table) or []:
            cur.execute(
                f"UPDATE {table} SET account_key = ? WHERE account_key = ?{_match(parts)}",
                [key, survivor, *values],
            )
    demoted = moved.get("team_demoted") or []
    if demoted:
        cur.execute(
            "UPDATE account_team SET team_role = 'lead' WHERE account_key = ? "
            "AND list_contains(?, person_id)",
            [key, demoted],
        )


# --------------------------------------------------------------------------- dismiss


def dismiss(con, keys, user: str) -> int:
    """Record that the other accounts of ``keys`` are not the same company as the first, so the
    pair is not suggested again; returns the pairs recorded."""
    authz.require(con, user, "merge_accounts")
    keys = [str(k) for k in keys]
    if len(keys) < 2:
        raise MergeError("mg.err.too_few")
    now = db.utcnow()
    pairs = sorted({tuple(sorted((keys[0], k))) for k in keys[1:] if k != keys[0]})
    with db.transaction(con) as cur:
        for a, b in pairs:
            cur.execute(
                "INSERT INTO account_merge_dismissals VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [a, b, user, now],
            )
            audit.record(cur, user, "dismiss", "account_merge_dismissals", f"{a}|{b}", None, None)
    return len(pairs)
