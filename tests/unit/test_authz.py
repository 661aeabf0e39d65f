"""Issue 12: the permission rules at the core, table-driven: every write function x every role x
the user's own account / another one.

A refused write raises PermissionDenied and changes nothing (every table, the audit log
included, and no backup file appears); an allowed write goes through and is audited. The
expectations are the issue's words, written here on their own (not read from authz.RULES):

- viewer: edits nothing;
- kam: the relationship map, plan, activity (and acknowledgements, a contact's export) of the
  accounts they lead or are on the team of;
- director: every account, strategic marks and ratings, people and assignments, erasure;
- admin: also uploads and undo, merges, rates, settings, backups and users.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kam_core import ingest
from kam_core.accounts import activities, merge, plans, privacy
from kam_core.accounts import relationships as rel
from kam_core.alerts import acks
from kam_core.analytics.warning_rules import EarlyWarning
from kam_core.common.errors import PermissionDenied
from kam_core.portfolio import tiers
from kam_core.store import authz, backup, db, rates, settings, users
from kam_core.team import roster

OWN, OTHER = "ACME", "BETA"
CSV = (
    "Cliente;Fecha;Importe\nACME;15/01/2025;100\nBETA;15/01/2025;80\nGAMMA SA;15/01/2025;30\n"
    "GAMMA S.A.;15/04/2025;20\nDELTA;15/01/2025;10\nDELTA BIS;15/04/2025;5\n"
)
MORE = "Cliente;Fecha;Importe\nACME;15/07/2025;40\n"
ROLES = ("viewer", "kam", "director", "admin", "stranger")  # stranger: signed in, not a user
EMAIL = {r: f"{r}@example.es" for r in ROLES}

# What each kind of write allows, per role: "all" accounts, "own" ones, or not at all.
EDIT = {"kam": "own", "director": "all", "admin": "all"}
EXPECTED = {
    "edit": EDIT,
    "export": EDIT,
    "erase": {"director": "all", "admin": "all"},
    "mark": {"director": "all", "admin": "all"},
    "team": {"director": "all", "admin": "all"},
    "admin": {"admin": "all"},
}


def allowed(role: str, kind: str, scope: str) -> bool:
    reach = EXPECTED[kind].get(role)
    return reach == "all" or (reach == "own" and scope == "own")


# ---------------------------------------------------------------- the database every case copies
@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("authz") / "template.duckdb"
    con = db.connect(path)
    ingest.commit(con, [ingest.prepare(CSV.encode(), "q.csv", con)], user="setup")
    ids = {"batch": db.scalar(con, "SELECT max(batch_id) FROM batches")}
    kim = roster.save_person(con, {"name": "Kim", "role": "kam", "capacity": 10}, "setup")
    dora = roster.save_person(con, {"name": "Dora", "role": "kam", "capacity": 10}, "setup")
    roster.set_team(con, OWN, kim, [], "setup")
    roster.set_team(con, OTHER, dora, [], "setup")
    ids |= {"kim": kim, "dora": dora}
    for acc in (OWN, OTHER):
        c1 = rel.save_contact(
            con, acc, {"name": f"Boss {acc}", "buying_role": "economic_buyer"}, "s"
        )
        c2 = rel.save_contact(con, acc, {"name": f"Buyer {acc}", "reports_to": c1}, "s")
        rel.set_coverage(con, acc, c1, kim, "regular", "trusted", "s")
        rel.add_influence(con, acc, c1, c2, "s")
        plans.add_item(con, "objectives", acc, 2026, {"description": "Grow"}, "s")
        act = activities.add(
            con, acc, {"kind": "request", "subject": "Quote", "opened_on": "2026-01-10"}, "s"
        )
        tiers.set_mark(con, acc, "key", "brand_image", None, "s")
        ids[acc] = {"c1": c1, "c2": c2, "act": act}
    merge.merge(con, ["DELTA", "DELTA BIS"], "setup")
    for role in ROLES[:-1]:
        users.save(con, EMAIL[role], role, "setup", person=kim if role == "kam" else None)
    con.close()
    (path.parent / "ids.json").write_text(json.dumps(ids))
    shutil.rmtree(backup.folder(path), ignore_errors=True)
    return path, ids


def _objectives_renamed(c, a):
    df = plans.items(c, "objectives", a, 2026)
    df.loc[0, "description"] = "Grow faster"
    return df


def _contacts_retitled(c, a):
    df = rel.contacts(c, a)
    df.loc[0, "title"] = "CFO"
    return df


def _rates_plus_one(c):
    df = rates.rates_table(c)[["rate_id", "currency", "quarter", "rate"]]
    df.loc[len(df)] = [None, "GBP", "2025-Q1", 1.15]
    return df


_WARNING = EarlyWarning("no_recent_activity", "warn.no_recent_activity", {}, 10.0)

# (name, kind, account-scoped, write(con, user, account, ids)); every write function of kam_core.
ACCOUNT_WRITES = [
    ("rel.save_contact new", "edit", lambda c, u, a, i: rel.save_contact(c, a, {"name": "X"}, u)),
    (
        "rel.save_contact update",
        "edit",
        lambda c, u, a, i: rel.save_contact(c, a, {"name": "Y"}, u, contact_id=i[a]["c2"]),
    ),
    (
        "rel.save_contacts_table",
        "edit",
        lambda c, u, a, i: rel.save_contacts_table(c, a, _contacts_retitled(c, a), u),
    ),
    ("rel.archive_contact", "edit", lambda c, u, a, i: rel.archive_contact(c, a, i[a]["c2"], u)),
    (
        "rel.set_coverage",
        "edit",
        lambda c, u, a, i: rel.set_coverage(c, a, i[a]["c1"], i["kim"], "trusted", "trusted", u),
    ),
    (
        "rel.add_influence",
        "edit",
        lambda c, u, a, i: rel.add_influence(c, a, i[a]["c2"], i[a]["c1"], u),
    ),
    (
        "rel.remove_influence",
        "edit",
        lambda c, u, a, i: rel.remove_influence(c, a, i[a]["c1"], i[a]["c2"], u),
    ),
    (
        "plans.add_item",
        "edit",
        lambda c, u, a, i: plans.add_item(c, "risks", a, 2026, {"description": "Churn"}, u),
    ),
    (
        "plans.save_items_table",
        "edit",
        lambda c, u, a, i: plans.save_items_table(
            c, "objectives", a, 2026, _objectives_renamed(c, a), u
        ),
    ),
    (
        "plans.save_texts",
        "edit",
        lambda c, u, a, i: plans.save_texts(c, a, 2026, {"value_proposition": "Fast"}, u),
    ),
    (
        "activities.add",
        "edit",
        lambda c, u, a, i: activities.add(
            c, a, {"kind": "meeting", "subject": "Review", "opened_on": "2026-02-01"}, u
        ),
    ),
    (
        "activities.resolve",
        "edit",
        lambda c, u, a, i: activities.resolve(c, a, i[a]["act"], "2026-02-01", u),
    ),
    (
        "acks.record",
        "edit",
        lambda c, u, a, i: acks.record(c, a, "2025-Q2", [_WARNING], "Under control", u),
    ),
    (
        "privacy.export_contact",
        "export",
        lambda c, u, a, i: privacy.export_contact(c, a, i[a]["c1"], u),
    ),
    (
        "privacy.erase_contact",
        "erase",
        lambda c, u, a, i: privacy.erase_contact(c, a, i[a]["c1"], u),
    ),
    (
        "tiers.set_mark",
        "mark",
        lambda c, u, a, i: tiers.set_mark(c, a, "key", "growth_potential", None, u),
    ),
    ("tiers.clear_mark", "mark", lambda c, u, a, i: tiers.clear_mark(c, a, u)),
    (
        "tiers.set_ratings",
        "mark",
        lambda c, u, a, i: tiers.set_ratings(
            c, [{"account_key": a, "attractiveness": 4, "strength": 3}], u
        ),
    ),
    ("roster.set_team", "team", lambda c, u, a, i: roster.set_team(c, a, i["dora"], [i["kim"]], u)),
    ("roster.set_effort", "team", lambda c, u, a, i: roster.set_effort(c, a, 2, u)),
]


def _restore(c, u, a, i):
    made = backup.list_backups(db.file_of(c))[0].path
    backup.restore(c, made, u)


GLOBAL_WRITES = [
    (
        "roster.save_person",
        "team",
        lambda c, u, a, i: roster.save_person(c, {"name": "Lee", "role": "kam", "capacity": 5}, u),
    ),
    (
        "settings.set_values",
        "admin",
        lambda c, u, a, i: settings.set_values(c, {"pareto_a": 0.7}, u),
    ),
    (
        "rates.upsert",
        "admin",
        lambda c, u, a, i: rates.upsert(
            c, [{"currency": "USD", "quarter": "2025-Q1", "rate": 0.9}], u
        ),
    ),
    ("rates.save_table", "admin", lambda c, u, a, i: rates.save_table(c, _rates_plus_one(c), u)),
    (
        "ingest.commit",
        "admin",
        lambda c, u, a, i: ingest.commit(c, [ingest.prepare(MORE.encode(), "m.csv", c)], user=u),
    ),
    ("ingest.undo_batch", "admin", lambda c, u, a, i: ingest.undo_batch(c, i["batch"], user=u)),
    ("merge.merge", "admin", lambda c, u, a, i: merge.merge(c, ["GAMMA SA", "GAMMA S.A."], u)),
    ("merge.unmerge", "admin", lambda c, u, a, i: merge.unmerge(c, "DELTA BIS", u)),
    ("merge.dismiss", "admin", lambda c, u, a, i: merge.dismiss(c, ["GAMMA SA", "GAMMA S.A."], u)),
    ("backup.make", "admin", lambda c, u, a, i: backup.make(c, "manual", user=u)),
    ("backup.restore", "admin", _restore),
    ("users.save", "admin", lambda c, u, a, i: users.save(c, "new@example.es", "viewer", u)),
    ("users.remove", "admin", lambda c, u, a, i: users.remove(c, EMAIL["viewer"], u)),
]

CASES = [
    pytest.param(name, kind, role, scope, fn, id=f"{name}-{role}-{scope}")
    for name, kind, fn in ACCOUNT_WRITES
    for role in ROLES
    for scope in ("own", "other")
] + [
    pytest.param(name, kind, role, "any", fn, id=f"{name}-{role}")
    for name, kind, fn in GLOBAL_WRITES
    for role in ROLES
]


def _state(con) -> tuple:
    files = sorted(p.name for p in backup.folder(db.file_of(con)).glob("*"))
    return db.table_snapshot(con), files


@pytest.fixture(scope="module")
def shared(template, tmp_path_factory):
    """One copy for the refused cases (a refusal changes nothing: the next case sees the same
    database, and a case that changed it would fail itself); allowed cases get their own copy."""
    path = tmp_path_factory.mktemp("refused") / "shared.duckdb"
    shutil.copy(template[0], path)
    con = db.connect(path)
    backup.make(con, "manual")  # local mode: the backup a refused restore would have used
    yield con
    con.close()


@pytest.mark.parametrize("name, kind, role, scope, write", CASES)
def test_every_write_obeys_the_role(template, shared, tmp_path, name, kind, role, scope, write):
    path, ids = template
    account = OTHER if scope == "other" else OWN
    if not allowed(role, kind, "own" if scope == "any" else scope):
        before = _state(shared)
        with authz.sign_in_mode(True), pytest.raises(PermissionDenied):
            write(shared, EMAIL[role], account, ids)
        assert _state(shared) == before, f"{name} refused for {role} but changed something"
        return
    case = tmp_path / "case.duckdb"
    shutil.copy(path, case)
    con = db.connect(case)
    try:
        if name == "backup.restore":
            backup.make(con, "manual")  # local mode: the backup the admin restores
        audited = db.scalar(con, "SELECT count(*) FROM audit_log")
        with authz.sign_in_mode(True):
            write(con, EMAIL[role], account, ids)
        if name != "backup.make":  # a backup changes no data: nothing to audit
            assert db.scalar(con, "SELECT count(*) FROM audit_log") > audited, name
    finally:
        con.close()


def test_a_team_member_edits_like_a_lead_and_local_mode_allows_everything(template, tmp_path):
    path, ids = template
    case = tmp_path / "member.duckdb"
    shutil.copy(path, case)
    con = db.connect(case)
    try:
        with authz.sign_in_mode(True):
            with pytest.raises(PermissionDenied):
                plans.save_texts(con, OTHER, 2026, {"strengths": "x"}, EMAIL["kam"])
        roster.set_team(con, OTHER, ids["dora"], [ids["kim"]], "local")  # Kim joins BETA's team
        with authz.sign_in_mode(True):
            plans.save_texts(con, OTHER, 2026, {"strengths": "Service"}, EMAIL["kam"])
            assert authz.can(con, EMAIL["kam"], "edit_account", OTHER)
            assert not authz.can(con, EMAIL["kam"], "mark_account", OTHER)
        # local mode (the CLI, the app without [auth]): the local user, every right, audited
        assert not authz.signed_in_mode()
        settings.set_values(con, {"pareto_a": 0.75}, None)
        who = db.scalar(con, "SELECT actor FROM audit_log ORDER BY audit_id DESC LIMIT 1")
        assert who == authz.local_user()
    finally:
        con.close()


def test_kams_can_be_limited_to_reading_their_own_accounts(template, tmp_path):
    path, _ = template
    case = tmp_path / "read.duckdb"
    shutil.copy(path, case)
    con = db.connect(case)
    try:
        with authz.sign_in_mode(True):
            kam = authz.grants(con, EMAIL["kam"])
            assert kam.allows("read_account", OTHER) and kam.allows("read_account", OWN)
            settings.set_values(con, {authz.KAM_READ_OWN_SETTING: 1}, EMAIL["admin"])
            kam = authz.grants(con, EMAIL["kam"])
            assert kam.allows("read_account", OWN) and not kam.allows("read_account", OTHER)
            assert authz.grants(con, EMAIL["viewer"]).allows("read_account", OTHER)
            assert not authz.grants(con, EMAIL["stranger"]).allows("read_account", OWN)
    finally:
        con.close()
    assert settings.SETTINGS[authz.KAM_READ_OWN_SETTING].default == 0  # off unless chosen


def test_refusals_speak_the_users_language(template, tmp_path):
    path, ids = template
    con = db.connect(path)
    try:
        with authz.sign_in_mode(True):
            with pytest.raises(PermissionDenied) as err:
                plans.add_item(con, "risks", OTHER, 2026, {"description": "x"}, EMAIL["kam"])
            with pytest.raises(PermissionDenied) as stranger:
                settings.set_values(con, {"pareto_a": 0.7}, EMAIL["stranger"])
    finally:
        con.close()
    assert (
        err.value.render("en") == "Your role (KAM) cannot edit this account. Nothing was changed."
    )
    assert (
        err.value.render("es")
        == "Tu rol (KAM) no permite editar esta cuenta. No se ha cambiado nada."
    )
    assert "stranger@example.es" in stranger.value.render("es")


def test_the_last_admin_stays(tmp_path):
    con = db.connect(tmp_path / "a.duckdb")
    try:
        users.save(con, "boss@example.es", "admin", None)
        with pytest.raises(Exception, match="admin"):
            users.remove(con, "BOSS@example.es", None)
        with pytest.raises(Exception, match="admin"):
            users.save(con, "boss@example.es", "viewer", None)
        users.save(con, "two@example.es", "admin", None, name="Two")
        assert users.remove(con, "boss@example.es", None)
        assert list(users.list_users(con)["email"]) == ["two@example.es"]
    finally:
        con.close()


def test_a_kam_is_linked_to_a_person_by_name(template, tmp_path):
    path, ids = template
    con = db.connect(path)
    try:
        assert users.person_id(con, "kim") == ids["kim"]
        with pytest.raises(Exception, match="Nobody|No team member"):
            users.person_id(con, "Nobody")
    finally:
        con.close()
    assert Path(path).exists()
