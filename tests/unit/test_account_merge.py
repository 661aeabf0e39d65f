"""Merging accounts (F-IN-5): what moves, what an unmerge restores (every table, exactly), the
remembered aliases at intake, nesting, refusals, dismissals, backups and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kam_core import cli, ingest
from kam_core.accounts import activities, merge, plans
from kam_core.accounts import relationships as rel
from kam_core.common.errors import MergeError
from kam_core.portfolio import tiers
from kam_core.portfolio.report import report
from kam_core.store import backup, db
from kam_core.team import roster

ROOT = Path(__file__).resolve().parents[2]
Q1 = "Cliente;Fecha;Importe;Línea\r\nACME S.A.;10/01/2024;100,00;Equipos\r\nBeta SL;01/02/2024;50,00;Equipos\r\n"
Q2 = "Cliente;Fecha;Importe;Línea\r\nAcme SA;10/04/2024;70,00;Equipos\r\nBeta SL;01/05/2024;20,00;Equipos\r\n"
Q3 = "Cliente;Fecha;Importe;Línea\r\nAcme SA;10/07/2024;30,00;Recambios\r\nGamma;11/07/2024;5,00;Equipos\r\n"
A, B = "ACME S.A.", "Acme SA"
# What a merge and its unmerge may change: the merge record itself, the data version and the
# audit log (issue 12).
BOOKKEEPING = {"account_merges", "app_state", "audit_log"}


def _load(con, *files) -> list[int]:
    prepared = [ingest.prepare(text.encode("cp1252"), name, con) for name, text in files]
    return ingest.commit(con, prepared, user="tester")


@pytest.fixture
def loaded(con):
    _load(con, ("q1.csv", Q1), ("q2.csv", Q2))
    return con


def _snapshot(con) -> dict:
    return {k: v for k, v in db.table_snapshot(con).items() if k not in BOOKKEEPING}


def _lines_of(con, key):
    return db.query_rows(
        con,
        "SELECT quarter, amount, source_account_key FROM revenue_lines WHERE account_key = ? "
        "ORDER BY quarter",
        [key],
    )


def test_every_table_with_an_account_key_is_handled_by_merge(loaded):
    tables = {
        r[0]
        for r in db.query_rows(
            loaded,
            "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'account_key' "
            "AND schema_name = 'main'",
        )
    }
    assert tables - merge.HANDLED_TABLES == set(), "decide what a merge does with these tables"


def test_merge_moves_revenue_and_the_merged_account_leaves(loaded):
    before = report(loaded)
    [merge_id] = merge.merge(loaded, [A, B], "ana")
    assert merge_id >= 1
    accounts = merge.accounts_frame(loaded).set_index("key")
    assert B not in accounts.index
    assert accounts.loc[A, "revenue"] == pytest.approx(170.0)
    assert accounts.loc[A, "merged"] == [B]
    assert _lines_of(loaded, A) == [("2024-Q1", 100.0, None), ("2024-Q2", 70.0, B)]
    after = report(loaded)
    assert after["accounts"] == before["accounts"] - 1
    assert after["total_revenue"] == before["total_revenue"]
    assert after["quarters"] == before["quarters"]
    h = merge.history(loaded).iloc[0]
    assert (h["survivor_key"], h["merged_key"], h["merged_name"], h["merged_by"]) == (
        A,
        B,
        B,
        "ana",
    )
    assert (h["lines_moved"], h["revenue_moved"], bool(h["active"])) == (1, 70.0, True)


def _fill_account_data(con):
    """Relationship map, plan, marks, ratings, effort, team and activity on both accounts."""
    ana = roster.save_person(con, {"name": "Ana", "role": "kam", "capacity": 10}, "t")
    luis = roster.save_person(con, {"name": "Luis", "role": "kam", "capacity": 10}, "t")
    eva = roster.save_person(con, {"name": "Eva", "role": "sales", "capacity": 10}, "t")
    roster.set_team(con, A, ana, [eva], "t")
    roster.set_team(con, B, luis, [eva], "t")  # Eva in both teams: B's row stays aside
    roster.set_effort(con, A, 1.5, "t")
    roster.set_effort(con, B, 2.0, "t")  # A has one: B's stays aside
    boss = rel.save_contact(con, B, {"name": "Marta Ruiz", "buying_role": "decision_maker"}, "t")
    buyer = rel.save_contact(con, B, {"name": "Pedro Gil", "reports_to": boss}, "t")
    rel.set_coverage(con, B, boss, ana, "regular", "trusted", "t")
    rel.add_influence(con, B, buyer, boss, "t")
    rel.save_contact(con, A, {"name": "Laura Sanz"}, "t")
    year = 2024
    plans.add_item(
        con, "objectives", B, year, {"description": "Grow 10%", "revenue_target": 1e5}, "t"
    )
    plans.add_item(con, "competitors", B, year, {"name": "Rival SA", "share_of_wallet": 0.3}, "t")
    plans.add_item(con, "actions", A, year, {"description": "Visit"}, "t")
    plans.save_texts(con, A, year, {"value_proposition": "A's proposition"}, "t")
    plans.save_texts(
        con, B, year, {"value_proposition": "B's proposition", "differentiator": "B's edge"}, "t"
    )
    activities.add(
        con, B, {"kind": "meeting", "subject": "Kick-off", "opened_on": date(2024, 3, 1)}, "t"
    )
    tiers.set_mark(con, A, "key", "brand_image", None, "t")
    tiers.set_mark(con, B, "key", "strategic_fit", None, "t")  # A has one in force: stays aside
    tiers.set_ratings(con, [{"account_key": B, "attractiveness": 4, "strength": 3}], "t")
    return ana, luis, eva, boss


def test_relationship_map_plan_team_and_activity_follow_and_come_back_exactly(loaded):
    ana, luis, eva, boss = _fill_account_data(loaded)
    before = _snapshot(loaded)
    merge.merge(loaded, [A, B], "ana")

    names = set(rel.contacts(loaded, A)["name"])
    assert {"Marta Ruiz", "Pedro Gil", "Laura Sanz"} <= names
    assert rel.contacts(loaded, B).empty
    assert len(rel.coverage(loaded, A)) == 1 and len(rel.influence_lines(loaded, A)) == 1
    assert set(plans.items(loaded, "objectives", A, 2024)["description"]) == {"Grow 10%"}
    assert set(plans.items(loaded, "competitors", A, 2024)["name"]) == {"Rival SA"}
    texts = plans.texts(loaded, A, 2024)
    assert texts["value_proposition"] == "A's proposition"  # the survivor's own text wins
    assert texts["differentiator"] == "B's edge"  # what A lacked comes over
    assert set(activities.log(loaded, A)["subject"]) == {"Kick-off"}
    team = roster.account_team(loaded, A).set_index("person_id")["team_role"].to_dict()
    assert team == {ana: "lead", luis: "member", eva: "member"}  # one lead per account
    marks = tiers.active_marks(loaded)
    assert list(marks.loc[marks["account_key"] == A, "reason"]) == ["brand_image"]
    assert tiers.ratings(loaded).set_index("account_key").loc[A, "attractiveness"] == 4
    kept = json.loads(db.scalar(loaded, "SELECT kept FROM account_merges"))
    assert kept == {
        "account_marks": 1,
        "account_team": 1,
        "account_effort": 1,
        "plan_texts": 1,
        "section_edits": 2,  # the relationship map's and the value proposition's
    }

    merge.unmerge(loaded, B, "luis")
    assert _snapshot(loaded) == before  # every table, row for row
    h = merge.history(loaded).iloc[0]
    assert not h["active"] and h["unmerged_by"] == "luis"


def test_edits_made_while_merged_go_back_with_the_rows(loaded):
    contact = rel.save_contact(loaded, B, {"name": "Marta Ruiz"}, "t")
    merge.merge(loaded, [A, B], "ana")
    rel.save_contact(loaded, A, {"name": "Marta Ruiz", "title": "CFO"}, "t", contact_id=contact)
    new = rel.save_contact(loaded, A, {"name": "Nuevo Contacto"}, "t")
    merge.unmerge(loaded, B, "ana")
    back = rel.contacts(loaded, B).set_index("contact_id")
    assert back.loc[contact, "title"] == "CFO"
    assert new in set(rel.contacts(loaded, A)["contact_id"])  # made under A: stays with A


def test_a_later_file_with_the_merged_name_lands_in_the_survivor(loaded):
    merge.merge(loaded, [A, B], "ana")
    p = ingest.prepare(Q3.encode("cp1252"), "q3.csv", loaded)
    assert (p.accounts_known, p.accounts_new) == (1, 1)  # Acme SA known (as ACME S.A.), Gamma new
    ingest.commit(loaded, [p], user="t")
    assert _lines_of(loaded, A)[-1] == ("2024-Q3", 30.0, B)
    assert B not in set(merge.accounts_frame(loaded)["key"])
    merge.unmerge(loaded, B, "ana")
    assert _lines_of(loaded, B) == [("2024-Q2", 70.0, None), ("2024-Q3", 30.0, None)]
    assert _lines_of(loaded, A) == [("2024-Q1", 100.0, None)]


def test_alias_is_resolved_again_at_commit(loaded):
    """A file previewed before the merge and committed after it still lands in the survivor."""
    p = ingest.prepare(Q3.encode("cp1252"), "q3.csv", loaded)
    assert p.accounts_known == 1  # Acme SA, on its own still
    merge.merge(loaded, [A, B], "ana")
    ingest.commit(loaded, [p], user="t")
    assert _lines_of(loaded, A)[-1] == ("2024-Q3", 30.0, B)


def test_replaced_and_undone_batches_keep_lines_in_the_merged_account(loaded):
    q2 = ingest.prepare(Q2.encode("cp1252"), "q2.csv", loaded)
    [replacing] = ingest.commit(loaded, [q2], replace=True, user="t")  # old lines archived
    before = _snapshot(loaded)
    merge.merge(loaded, [A, B], "ana")
    assert (
        db.scalar(loaded, "SELECT count(*) FROM revenue_lines_archive WHERE account_key = ?", [B])
        == 0
    )
    ingest.undo_batch(loaded, replacing, user="t")  # the archived lines come back, into A
    assert _lines_of(loaded, A) == [("2024-Q1", 100.0, None), ("2024-Q2", 70.0, B)]
    q2 = ingest.prepare(Q2.encode("cp1252"), "q2.csv", loaded)
    ingest.commit(loaded, [q2], replace=True, user="t")
    merge.unmerge(loaded, B, "ana")
    assert _lines_of(loaded, B) == [("2024-Q2", 70.0, None)]
    assert len(_snapshot(loaded)["revenue_lines_archive"]) == len(before["revenue_lines_archive"])


def test_nested_merges_come_apart_outermost_first(loaded):
    _load(loaded, ("q3.csv", Q3))
    before = _snapshot(loaded)
    merge.merge(loaded, [A, B], "t")
    merge.merge(loaded, ["Gamma", A], "t")  # A (with B inside) into Gamma
    assert merge.aliases(loaded) == {A: "Gamma", B: "Gamma"}
    assert {r[2] for r in _lines_of(loaded, "Gamma")} == {None, A, B}
    with pytest.raises(MergeError) as err:
        merge.unmerge(loaded, B, "t")
    assert err.value.key == "mg.err.unmerge_outer_first"
    merge.unmerge(loaded, A, "t")
    assert merge.aliases(loaded) == {B: A}
    assert {r[2] for r in _lines_of(loaded, A)} == {None, B}
    merge.unmerge(loaded, B, "t")
    assert _snapshot(loaded) == before


@pytest.mark.parametrize(
    "keys, code",
    [
        ([A], "mg.err.too_few"),
        ([A, A], "mg.err.repeated"),
        ([A, "Nobody"], "mg.err.unknown"),
    ],
)
def test_refused_merges_write_nothing(loaded, keys, code):
    before = db.table_snapshot(loaded)
    with pytest.raises(MergeError) as err:
        merge.merge(loaded, keys, "t")
    assert err.value.key == code
    assert db.table_snapshot(loaded) == before


def test_refused_unmerges_and_merges_of_merged_keys(loaded):
    merge.merge(loaded, [A, B], "t")
    before = db.table_snapshot(loaded)
    for call, code in [
        (lambda: merge.merge(loaded, ["Beta SL", B], "t"), "mg.err.already_merged"),
        (lambda: merge.unmerge(loaded, "Beta SL", "t"), "mg.err.not_merged"),
        (lambda: merge.unmerge(loaded, A, "t"), "mg.err.unmerge_survivor"),
    ]:
        with pytest.raises(MergeError) as err:
            call()
        assert err.value.key == code
        assert B in err.value.render("es") or code == "mg.err.not_merged"
    assert db.table_snapshot(loaded) == before


def test_a_failure_midway_rolls_the_whole_merge_back(loaded, monkeypatch):
    before = db.table_snapshot(loaded)

    def boom(*a, **k):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(merge, "_demote_second_lead", boom)
    with pytest.raises(RuntimeError):
        merge.merge(loaded, [A, B], "t")
    assert db.table_snapshot(loaded) == before


def test_backup_before_merge_and_unmerge(loaded, db_file):
    merge.merge(loaded, [A, B], "t")
    merge.unmerge(loaded, B, "t")
    reasons = [b.reason for b in backup.list_backups(db_file)]
    assert reasons.count("merge") == 2


def test_suggestions_carry_evidence_and_dismissed_pairs_are_not_suggested_again(loaded):
    [group] = merge.suggestions(loaded)
    assert group["accounts"] == [A, B] and 0 < group["score"] <= 1
    assert "same_normalised_name" in group["evidence"]["reasons"]
    assert "shared_product_lines" in group["evidence"]["reasons"]
    assert "non_overlapping_quarters" in group["evidence"]["reasons"]
    assert [m["revenue"] for m in group["members"]] == [100.0, 70.0]
    assert group["members"][1]["quarters"] == ["2024-Q2"]
    assert group["members"][0]["product_lines"] == ["Equipos"]
    assert merge.dismiss(loaded, [A, B], "t") == 1
    assert merge.suggestions(loaded) == []
    merge.merge(loaded, [A, B], "t")  # a dismissed pair can still be merged by hand
    assert B not in set(merge.accounts_frame(loaded)["key"])


# --------------------------------------------------------------------------- command line


def _run(capsys, *argv):
    capsys.readouterr()
    rc = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_list_suggest_merge_unmerge(capsys, loaded, db_file):
    loaded.close()
    rc, out, _ = _run(capsys, "accounts", "list", "--json", "--db", db_file)
    assert rc == 0
    rows = json.loads(out)
    assert [(r["key"], r["name"], r["revenue"]) for r in rows] == [
        (A, A, 100.0),
        (B, B, 70.0),
        ("Beta SL", "Beta SL", 70.0),
    ]
    rc, out, _ = _run(capsys, "accounts", "suggest", "--json", "--db", db_file)
    groups = json.loads(out)
    assert rc == 0 and [g["accounts"] for g in groups] == [[A, B]]
    assert 0 <= groups[0]["score"] <= 1
    rc, out, _ = _run(capsys, "accounts", "suggest", "--db", db_file, "--lang", "es")
    assert (
        rc == 0 and "para fusionar: python -m kam_core accounts merge 'ACME S.A.' 'Acme SA'" in out
    )
    rc, out, _ = _run(capsys, "accounts", "merge", A, B, "--db", db_file)
    assert rc == 0 and "Merged 'Acme SA' into 'ACME S.A.'" in out
    rc, out, _ = _run(capsys, "accounts", "list", "--json", "--db", db_file)
    assert [(r["key"], r["revenue"], r["merged"]) for r in json.loads(out)][0] == (A, 170.0, [B])
    rc, _, err = _run(capsys, "--lang", "es", "accounts", "merge", A, B, "--db", db_file)
    assert rc == 1 and "ya se fusionó en 'ACME S.A.'" in err
    rc, _, err = _run(capsys, "accounts", "merge", A, "--db", db_file)
    assert rc == 2 and "at least two accounts" in err
    rc, out, _ = _run(capsys, "accounts", "unmerge", B, "--db", db_file)
    assert rc == 0 and "its own account again" in out
    rc, _, err = _run(capsys, "accounts", "unmerge", B, "--db", db_file)
    assert rc == 1 and "is not merged" in err


def test_cli_in_a_real_process_says_what_is_wrong_without_a_traceback(loaded, db_file):
    loaded.close()
    done = subprocess.run(
        [sys.executable, "-m", "kam_core", "accounts", "unmerge", "Nobody", "--db", str(db_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "'Nobody' is not merged" in done.stderr and "Traceback" not in done.stderr


def test_dismissing_one_member_keeps_the_rest_of_its_group_and_rescores_it():
    def group(keys, scores):
        pairs = [{"key": k, "score": s} for k, s in zip(keys[1:], scores, strict=True)]
        return {
            "accounts": keys,
            "score": min(scores),
            "names": {k: k.upper() for k in keys},
            "members": [{"key": k} for k in keys],
            "evidence": {"pairs": pairs},
        }

    groups = [group(["a", "b"], [0.9]), group(["c", "d", "e"], [0.96, 0.8])]
    out = merge.without_dismissed(groups, {frozenset(("c", "e")), frozenset(("a", "b"))})
    assert [(g["accounts"], g["score"]) for g in out] == [(["c", "d"], 0.96)]
    assert out[0]["names"] == {"c": "C", "d": "D"} and len(out[0]["members"]) == 2
    assert merge.without_dismissed(groups, set()) is groups
