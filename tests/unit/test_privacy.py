"""Issue 12: a contact's personal data is exported (JSON) and erased on request. After erasing, no
table, export or audit value holds the erased name, email or notes (earlier versions included);
the account's figures, structure and other people stay exactly as they were."""

from __future__ import annotations

import json

import pytest

from kam_core import ingest
from kam_core.accounts import activities, plans, privacy
from kam_core.accounts import relationships as rel
from kam_core.alerts import acks
from kam_core.analytics.warning_rules import EarlyWarning
from kam_core.cli import main
from kam_core.portfolio.report import report
from kam_core.store import audit, db
from kam_core.team import roster

ACC = "ACME"
CSV = "Cliente;Fecha;Importe\nACME;15/01/2025;100\nBETA;15/01/2025;80\nACME;15/04/2025;-10\n"
NAME, OLD_NAME = "Ana Beltrán", "Ana Beltran"
EMAIL = "ana.beltran@cliente.es"
NOTES, OLD_NOTES = "Prefiere llamadas antes de las 9; hija en Valencia.", "Juega al pádel los lunes"
SECRETS = (NAME, OLD_NAME, EMAIL, NOTES, OLD_NOTES, json.dumps(NAME)[1:-1])


@pytest.fixture
def story(tmp_path):
    con = db.connect(tmp_path / "p.duckdb")
    ingest.commit(con, [ingest.prepare(CSV.encode(), "q.csv", con)], user="ana@us.es")
    kim = roster.save_person(con, {"name": "Kim", "role": "kam", "capacity": 10}, "ana@us.es")
    boss = rel.save_contact(con, ACC, {"name": "Ana López", "title": "CEO"}, "luis@us.es")
    cid = rel.save_contact(
        con,
        ACC,
        {"name": OLD_NAME, "title": "CFO", "notes": OLD_NOTES, "reports_to": boss},
        "ana@us.es",
    )
    rel.save_contact(
        con,
        ACC,
        {"name": NAME, "title": "CFO", "notes": NOTES, "email": EMAIL, "reports_to": boss},
        "luis@us.es",
        contact_id=cid,
    )
    other = rel.save_contact(
        con, ACC, {"name": "Bob", "notes": f"Works for {NAME}; Banana Corp liaison"}, "ana@us.es"
    )
    rel.set_coverage(con, ACC, cid, kim, "regular", "trusted", "ana@us.es")
    rel.add_influence(con, ACC, cid, other, "ana@us.es")
    activities.add(
        con,
        ACC,
        {
            "kind": "meeting",
            "subject": f"Lunch with {NAME}",
            "opened_on": "2026-01-10",
            "notes": f"Deck sent to {EMAIL.upper()}",
        },
        "ana@us.es",
    )
    plans.add_item(con, "actions", ACC, 2026, {"description": f"Call {NAME} on renewal"}, "ana")
    plans.save_texts(con, ACC, 2026, {"value_proposition": f"{NAME} values speed"}, "ana")
    w = EarlyWarning("no_recent_activity", "warn.no_recent_activity", {}, 5.0)
    acks.record(con, ACC, "2025-Q2", [w], f"{NAME} confirmed the budget", "luis@us.es")
    yield con, cid, boss, other
    con.close()


def _everything(con) -> str:
    """Every value of every table, as text (JSON as stored)."""
    out = []
    for table, rows in db.table_snapshot(con).items():
        out.append(f"{table}: {rows!r}")
    return "\n".join(out)


def test_export_holds_everything_about_the_person(story):
    con, cid, *_ = story
    data = privacy.export_contact(con, ACC, cid, "luis@us.es")
    text = privacy.export_json(data)
    assert data["contact"]["name"] == NAME and data["contact"]["email"] == EMAIL
    assert data["contact"]["reports_to"] == "Ana López"
    assert data["our_coverage"] == [
        {"person": "Kim", "level_current": "regular", "level_desired": "trusted"}
    ]
    assert data["influences"] == ["Bob"]
    assert [a["subject"] for a in data["activities_mentioning"]] == [f"Lunch with {NAME}"]
    assert [h["action"] for h in data["history"]] == ["create", "update"]
    assert data["history"][1]["before"]["name"] == OLD_NAME
    assert NOTES in text and OLD_NOTES in text
    json.loads(text)  # valid JSON
    last = audit.entries(con, limit=1).iloc[0]
    assert (last["action"], last["entity_key"], last["before_values"], last["after_values"]) == (
        "export",
        str(cid),
        None,
        None,
    )


def test_erasure_leaves_no_trace_of_the_person_and_changes_no_figure(story):
    con, cid, boss, other = story
    figures = report(con)
    shape = db.query_rows(
        con,
        "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM contact_coverage), "
        "(SELECT count(*) FROM influence_lines), (SELECT count(*) FROM activities), "
        "(SELECT count(*) FROM plan_actions)",
    )
    before = _everything(con).lower()
    assert all(s.lower() in before for s in SECRETS[:5])  # the search below can find them

    privacy.erase_contact(con, ACC, cid, "luis@us.es")

    everything = _everything(con).lower()
    for secret in SECRETS:
        assert secret.lower() not in everything, secret
    export = privacy.export_json(privacy.export_contact(con, ACC, cid, "luis@us.es")).lower()
    for secret in SECRETS:
        assert secret.lower() not in export, secret
    # figures and the account's structure stay
    assert report(con) == figures
    assert (
        db.query_rows(
            con,
            "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM contact_coverage), "
            "(SELECT count(*) FROM influence_lines), (SELECT count(*) FROM activities), "
            "(SELECT count(*) FROM plan_actions)",
        )
        == shape
    )
    row = rel.contacts(con, ACC, include_archived=True).set_index("contact_id").loc[cid]
    assert row["name"] == f"#{cid}" and row["archived_at"] is not None
    # other people keep their names; words that merely contain a name stay
    names = dict(db.query_rows(con, "SELECT contact_id, name FROM contacts"))
    assert names[boss] == "Ana López" and names[other] == "Bob"
    bob = db.scalar(con, "SELECT notes FROM contacts WHERE contact_id = ?", [other])
    assert bob == f"Works for #{cid}; Banana Corp liaison"
    assert db.scalar(con, "SELECT subject FROM activities") == f"Lunch with #{cid}"
    # the erasure is logged, without the erased data
    erased = audit.entries(con, action="erase")
    assert len(erased) == 1
    assert (erased.iloc[0]["actor"], erased.iloc[0]["entity_key"]) == ("luis@us.es", str(cid))
    assert erased.iloc[0]["before_values"] is None and erased.iloc[0]["after_values"] is None
    assert privacy.is_erased(con, cid)


def test_the_command_line_exports_and_erases(story, capsys):
    con, cid, *_ = story
    path = db.file_of(con)
    assert main(["contacts", "export", ACC, str(cid), "--db", path]) == 0
    assert json.loads(capsys.readouterr().out)["contact"]["email"] == EMAIL
    assert main(["contacts", "erase", ACC, str(cid), "--db", path]) == 2  # asks for --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["--lang", "es", "contacts", "erase", ACC, str(cid), "--db", path, "--yes"]) == 0
    assert "Se han borrado" in capsys.readouterr().out
    assert NAME.lower() not in _everything(con).lower()
