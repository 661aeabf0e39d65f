"""The KAM team (F-TM): people with capacity, lead KAM + team per account, workload against
capacity, unassigned key accounts, suggested reassignments and relationship risk per KAM.

Workload model (weights declared once as settings): an account weighs its tier weight (A/B/C)
times its effort factor; the lead carries it fully, a team member a fraction; every open action
owned adds a little and every overdue one more. Load / capacity > 1 is an overload.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kam_core.common.errors import ValidationError
from kam_core.common.fields import FieldError, clean_text, parse_choice, parse_number
from kam_core.common.vocab import LEVEL_RANK, PERSON_ROLES
from kam_core.store import audit, authz, db, settings

ROLES = PERSON_ROLES


WEIGHT_KEYS = (
    "load_tier_a",
    "load_tier_b",
    "load_tier_c",
    "load_member_share",
    "load_open_action",
    "load_overdue_action",
)


def weights(con) -> dict:
    cfg = settings.get_all(con)
    return {k: cfg[k] for k in WEIGHT_KEYS}


DEFAULT_WEIGHTS = {k: settings.SETTINGS[k].default for k in WEIGHT_KEYS}


# ---------------------------------------------------------------- reads
def people(con, include_inactive: bool = False) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT person_id, name, role, capacity, active FROM people"
        + ("" if include_inactive else " WHERE active")
        + " ORDER BY name",
    )


def account_team(con, account_key: str) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT t.person_id, p.name, p.role, t.team_role FROM account_team t "
        "JOIN people p USING (person_id) WHERE t.account_key = ? "
        "ORDER BY t.team_role = 'lead' DESC, p.name",
        [account_key],
    )


def assignments(con) -> pd.DataFrame:
    return db.query_df(
        con,
        "SELECT t.account_key, t.person_id, p.name, t.team_role FROM account_team t "
        "JOIN people p USING (person_id) ORDER BY t.account_key, p.name",
    )


def efforts(con) -> dict[str, float]:
    return {
        k: float(v) for k, v in db.query_rows(con, "SELECT account_key, effort FROM account_effort")
    }


# ---------------------------------------------------------------- writes
def save_person(
    con, data: dict, user: str | None, person_id: int | None = None, lang: str = "en"
) -> int:
    authz.require(con, user, "manage_team")
    name = clean_text(data.get("name"), "team.f.name", required=True, max_len=120)
    role = parse_choice(data.get("role"), "team.f.role", ROLES, "kam")
    capacity = parse_number(
        data.get("capacity"), "team.f.capacity", required=True, minimum=0.5, maximum=200, lang=lang
    )
    clash = db.scalar(
        con,
        "SELECT count(*) FROM people WHERE lower(name) = lower(?) AND person_id IS DISTINCT FROM ?",
        [name, person_id],
    )
    if clash:
        raise ValidationError("err.team.duplicate", name=name)
    with db.transaction(con) as cur:
        before = _person_row(cur, person_id)
        if person_id is None:
            person_id = cur.execute(
                "INSERT INTO people (name, role, capacity, updated_by, updated_at) VALUES "
                "(?, ?, ?, ?, ?) RETURNING person_id",
                [name, role, capacity, user, db.utcnow()],
            ).fetchall()[0][0]
        else:
            cur.execute(
                "UPDATE people SET name = ?, role = ?, capacity = ?, updated_by = ?, "
                "updated_at = ? WHERE person_id = ?",
                [name, role, capacity, user, db.utcnow(), person_id],
            )
        audit.record_change(cur, user, "people", person_id, before, _person_row(cur, person_id))
    return int(person_id)


def _person_row(cur, person_id) -> dict | None:
    rows = cur.execute(
        "SELECT name, role, capacity FROM people WHERE person_id = ?", [person_id]
    ).fetchall()
    return dict(zip(("name", "role", "capacity"), rows[0])) if rows else None


def _team_row(cur, account_key: str) -> dict | None:
    """The account's team as names (lead, members) and its effort factor, for the audit."""
    team = cur.execute(
        "SELECT p.name, t.team_role FROM account_team t JOIN people p USING (person_id) "
        "WHERE t.account_key = ? ORDER BY p.name",
        [account_key],
    ).fetchall()
    effort = cur.execute(
        "SELECT effort FROM account_effort WHERE account_key = ?", [account_key]
    ).fetchall()
    return {
        "lead": next((n for n, r in team if r == "lead"), None),
        "members": [n for n, r in team if r != "lead"],
        "effort": effort[0][0] if effort else None,
    }


def set_team(
    con,
    account_key: str,
    lead_id: int | None,
    member_ids,
    user: str | None,
    effort=None,
    lang: str = "en",
) -> None:
    """Replace the account's team: one lead (or none) and members, and optionally its effort
    factor; validated first, then one transaction."""
    authz.require(con, user, "manage_team", account_key)
    members = [int(m) for m in member_ids if m is not None and int(m) != lead_id]
    effort_value = (
        None
        if effort is None
        else parse_number(effort, "team.f.effort", required=True, minimum=0.1, maximum=5, lang=lang)
    )
    valid = {int(r[0]) for r in db.query_rows(con, "SELECT person_id FROM people")}
    for pid in ([lead_id] if lead_id is not None else []) + members:
        if int(pid) not in valid:
            raise FieldError("err.acc.bad_choice", field="team.f.name", value=str(pid))
    now = db.utcnow()
    with db.transaction(con) as cur:
        before = _team_row(cur, account_key)
        cur.execute("DELETE FROM account_team WHERE account_key = ?", [account_key])
        if lead_id is not None:
            cur.execute(
                "INSERT INTO account_team VALUES (?, ?, 'lead', ?, ?)",
                [account_key, int(lead_id), user, now],
            )
        for pid in sorted(set(members)):
            cur.execute(
                "INSERT INTO account_team VALUES (?, ?, 'member', ?, ?)",
                [account_key, pid, user, now],
            )
        if effort_value is not None:
            cur.execute(
                "INSERT INTO account_effort VALUES (?, ?, ?, ?) ON CONFLICT (account_key) "
                "DO UPDATE SET effort = excluded.effort, updated_by = excluded.updated_by,"
                " updated_at = excluded.updated_at",
                [account_key, effort_value, user, now],
            )
        audit.record_change(
            cur,
            user,
            "account_team",
            account_key,
            before,
            _team_row(cur, account_key),
            account=account_key,
        )


def set_effort(con, account_key: str, effort, user: str | None, lang: str = "en") -> None:
    authz.require(con, user, "manage_team", account_key)
    value = parse_number(effort, "team.f.effort", required=True, minimum=0.1, maximum=5, lang=lang)
    with db.transaction(con) as cur:
        before = _team_row(cur, account_key)
        cur.execute(
            "INSERT INTO account_effort VALUES (?, ?, ?, ?) ON CONFLICT (account_key) DO "
            "UPDATE SET effort = excluded.effort, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at",
            [account_key, value, user, db.utcnow()],
        )
        audit.record_change(
            cur,
            user,
            "account_team",
            account_key,
            before,
            _team_row(cur, account_key),
            account=account_key,
        )


# ---------------------------------------------------------------- pure rules
def account_points(tier: str | None, effort: float, w: dict) -> float:
    tw = {"A": w["load_tier_a"], "B": w["load_tier_b"]}.get(tier or "", w["load_tier_c"])
    return float(tw) * float(effort)


def workload(
    people_df: pd.DataFrame,
    accounts_df: pd.DataFrame,
    assign_df: pd.DataFrame,
    efforts_map: dict[str, float],
    actions_df: pd.DataFrame,
    today: date,
    w: dict = DEFAULT_WEIGHTS,
) -> pd.DataFrame:
    """Load per person against capacity.

    ``accounts_df``: account_key, tier. ``assign_df``: account_key, person_id, team_role.
    ``actions_df``: owner (person name), status, due_date. Returns one row per person with
    lead_accounts, member_accounts, account_load, open_actions, overdue_actions, action_load,
    load, capacity, utilisation (load / capacity) and overloaded (utilisation > 1).
    """
    tier = dict(zip(accounts_df["account_key"], accounts_df["tier"], strict=False))
    rows = []
    for p in people_df.itertuples():
        mine = assign_df[assign_df["person_id"] == p.person_id]
        acc_load, n_lead, n_member = 0.0, 0, 0
        for a in mine.itertuples():
            pts = account_points(tier.get(a.account_key), efforts_map.get(a.account_key, 1.0), w)
            if a.team_role == "lead":
                acc_load += pts
                n_lead += 1
            else:
                acc_load += pts * w["load_member_share"]
                n_member += 1
        acts = (
            actions_df[(actions_df["owner"] == p.name) & (actions_df["status"] != "done")]
            if not actions_df.empty
            else actions_df
        )
        n_open = int(len(acts))
        if n_open:
            due = pd.to_datetime(acts["due_date"], errors="coerce")
            n_overdue = int((due.notna() & (due < pd.Timestamp(today))).sum())
        else:
            n_overdue = 0
        act_load = (n_open - n_overdue) * w["load_open_action"] + n_overdue * w[
            "load_overdue_action"
        ]
        load = acc_load + act_load
        cap = float(p.capacity)
        rows.append(
            {
                "person_id": int(p.person_id),
                "name": p.name,
                "role": p.role,
                "lead_accounts": n_lead,
                "member_accounts": n_member,
                "account_load": round(acc_load, 4),
                "open_actions": n_open,
                "overdue_actions": n_overdue,
                "action_load": round(act_load, 4),
                "load": round(load, 4),
                "capacity": cap,
                "utilisation": load / cap if cap else None,
                "overloaded": bool(cap and load > cap + 1e-9),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "person_id",
            "name",
            "role",
            "lead_accounts",
            "member_accounts",
            "account_load",
            "open_actions",
            "overdue_actions",
            "action_load",
            "load",
            "capacity",
            "utilisation",
            "overloaded",
        ],
    )


def unassigned(key_df: pd.DataFrame, assign_df: pd.DataFrame) -> pd.DataFrame:
    """Key accounts with no lead KAM, largest first."""
    leads = set(assign_df.loc[assign_df["team_role"] == "lead", "account_key"])
    out = key_df[key_df["is_key_account"] & ~key_df["account_key"].isin(leads)]
    return out.sort_values("revenue", ascending=False).reset_index(drop=True)


def suggest_reassignments(
    load_df: pd.DataFrame,
    accounts_df: pd.DataFrame,
    assign_df: pd.DataFrame,
    efforts_map: dict[str, float],
    unassigned_df: pd.DataFrame,
    w: dict = DEFAULT_WEIGHTS,
) -> list[dict]:
    """Greedy suggestions: hand each unassigned key account to the KAM with most spare capacity,
    then move the smallest lead accounts of overloaded KAMs to whoever can take them without
    becoming overloaded. Each: account_key, account_name, from (name or None), to, points."""
    kams = load_df[load_df["role"] == "kam"].copy()
    if kams.empty:
        return []
    load = dict(zip(kams["name"], kams["load"], strict=False))
    cap = dict(zip(kams["name"], kams["capacity"], strict=False))
    tier = dict(zip(accounts_df["account_key"], accounts_df["tier"], strict=False))
    names = dict(zip(accounts_df["account_key"], accounts_df["account_name"], strict=False))
    out = []

    def spare(n):
        return cap[n] - load[n]

    for a in unassigned_df.itertuples():
        pts = account_points(tier.get(a.account_key), efforts_map.get(a.account_key, 1.0), w)
        to = max(load, key=lambda n: (spare(n) - pts, n))
        out.append(
            {
                "account_key": a.account_key,
                "account_name": a.account_name,
                "from": None,
                "to": to,
                "points": pts,
                "reason": "unassigned",
            }
        )
        load[to] += pts
    pid_name = dict(zip(load_df["person_id"], load_df["name"], strict=False))
    for name in sorted(load, key=lambda n: -(load[n] / cap[n] if cap[n] else 0)):
        if load[name] <= cap[name]:
            continue
        pid = {v: k for k, v in pid_name.items()}[name]
        leads = assign_df[(assign_df["person_id"] == pid) & (assign_df["team_role"] == "lead")]
        cands = sorted(
            (
                (account_points(tier.get(k), efforts_map.get(k, 1.0), w), k)
                for k in leads["account_key"]
            )
        )
        for pts, key in cands:
            if load[name] <= cap[name]:
                break
            takers = [n for n in load if n != name and load[n] + pts <= cap[n]]
            if not takers:
                continue
            to = max(takers, key=lambda n: (spare(n), n))
            out.append(
                {
                    "account_key": key,
                    "account_name": names.get(key, key),
                    "from": name,
                    "to": to,
                    "points": pts,
                    "reason": "overload",
                }
            )
            load[name] -= pts
            load[to] += pts
    return out


def relationship_risk(
    key_df: pd.DataFrame,
    assign_df: pd.DataFrame,
    contacts_df: pd.DataFrame,
    coverage_df: pd.DataFrame,
    map_edits: dict[str, object],
    today: date,
    stale_days: int = 90,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Key accounts at relationship risk, weighted by revenue, and the roll-up per lead KAM.

    An account is at risk when it has no mapped decision maker / economic buyer, is
    single-threaded (at most one contact we know at regular level or better) or its map is stale
    (not updated within ``stale_days``, or never). ``contacts_df`` (active contacts of all
    accounts): account_key, contact_id, buying_role. ``coverage_df``: contact_id, level_current.
    """

    keys = key_df[key_df["is_key_account"]]
    strong_ids = set(
        coverage_df.loc[
            coverage_df["level_current"].map(LEVEL_RANK).fillna(0) >= LEVEL_RANK["regular"],
            "contact_id",
        ]
    )
    lead = dict(
        zip(
            assign_df.loc[assign_df["team_role"] == "lead", "account_key"],
            assign_df.loc[assign_df["team_role"] == "lead", "name"],
            strict=False,
        )
    )
    # Per account at once (one pass over the contacts, not one filter per key account: 20,000
    # accounts x all contacts took seconds).
    dm_accounts = set(
        contacts_df.loc[
            contacts_df["buying_role"].isin(["decision_maker", "economic_buyer"]), "account_key"
        ]
    )
    strong_count = (
        contacts_df.loc[contacts_df["contact_id"].isin(strong_ids), "account_key"]
        .value_counts()
        .to_dict()
    )
    rows = []
    for key, name, revenue in zip(keys["account_key"], keys["account_name"], keys["revenue"]):
        no_dm = key not in dm_accounts
        single = int(strong_count.get(key, 0)) <= 1
        at = map_edits.get(key)
        stale = at is None or (today - pd.Timestamp(at).date()).days > stale_days
        rows.append(
            {
                "account_key": key,
                "account_name": name,
                "revenue": float(revenue),
                "lead": lead.get(key),
                "no_decision_maker": no_dm,
                "single_threaded": single,
                "stale": stale,
                "at_risk": no_dm or single or stale,
            }
        )
    acc = pd.DataFrame(
        rows,
        columns=[
            "account_key",
            "account_name",
            "revenue",
            "lead",
            "no_decision_maker",
            "single_threaded",
            "stale",
            "at_risk",
        ],
    )
    if acc.empty:
        return acc, pd.DataFrame(
            columns=["lead", "accounts", "at_risk", "revenue", "revenue_at_risk", "risk_share"]
        )
    acc["revenue_at_risk"] = acc["revenue"].where(acc["at_risk"], 0.0)
    per = (
        acc.assign(lead=acc["lead"].fillna(""))
        .groupby("lead", as_index=False)
        .agg(
            accounts=("account_key", "count"),
            at_risk=("at_risk", "sum"),
            revenue=("revenue", "sum"),
            revenue_at_risk=("revenue_at_risk", "sum"),
        )
    )
    per["risk_share"] = per["revenue_at_risk"] / per["revenue"].where(per["revenue"] > 0)
    per = per.sort_values("revenue_at_risk", ascending=False).reset_index(drop=True)
    return acc, per


def all_contacts(con) -> pd.DataFrame:
    return db.query_df(
        con, "SELECT account_key, contact_id, buying_role FROM contacts WHERE archived_at IS NULL"
    )


def all_coverage(con) -> pd.DataFrame:
    return db.query_df(con, "SELECT contact_id, person_id, level_current FROM contact_coverage")


def map_edits(con) -> dict[str, object]:
    return {
        k: at
        for k, at in db.query_rows(
            con, "SELECT account_key, updated_at FROM section_edits WHERE section = 'relationships'"
        )
    }
