"""KAM team: workload against capacity, unassigned key accounts, reassignments, relationship risk."""

from datetime import date, datetime

import pandas as pd
import pytest

from kam_core.common.errors import CarteraError
from kam_core.store import db
from kam_core.team import roster

TODAY = date(2026, 11, 22)


def people():
    return pd.DataFrame(
        {
            "person_id": [1, 2],
            "name": ["Ana", "Bea"],
            "role": ["kam", "kam"],
            "capacity": [5.0, 10.0],
        }
    )


def accounts_df():
    return pd.DataFrame(
        {
            "account_key": ["A1", "A2", "A3"],
            "account_name": ["Uno", "Dos", "Tres"],
            "tier": ["A", "B", "C"],
            "revenue": [600.0, 300.0, 100.0],
            "is_key_account": [True, True, False],
        }
    )


def assign():
    return pd.DataFrame(
        {
            "account_key": ["A1", "A2", "A1", "A3"],
            "person_id": [1, 1, 2, 2],
            "name": ["Ana", "Ana", "Bea", "Bea"],
            "team_role": ["lead", "lead", "member", "lead"],
        }
    )


def actions():
    return pd.DataFrame(
        {
            "owner": ["Ana", "Ana", "Bea"],
            "status": ["open", "in_progress", "done"],
            "due_date": [date(2026, 12, 1), date(2026, 11, 1), date(2026, 1, 1)],
        }
    )


def test_workload_hand_checked():
    load = roster.workload(people(), accounts_df(), assign(), {"A1": 1.5}, actions(), TODAY)
    ana, bea = load.set_index("name").loc["Ana"], load.set_index("name").loc["Bea"]
    # Ana: lead A1 (3 x 1.5) + lead A2 (1.5) + one open action 0.1 + one overdue 0.3 = 6.4
    assert ana["account_load"] == pytest.approx(6.0)
    assert (ana["open_actions"], ana["overdue_actions"]) == (2, 1)
    assert ana["load"] == pytest.approx(6.4) and ana["utilisation"] == pytest.approx(1.28)
    assert ana["overloaded"]
    # Bea: member of A1 (4.5 x 0.4 = 1.8) + lead A3 (0.5); her done action does not count
    assert bea["load"] == pytest.approx(2.3) and not bea["overloaded"]
    assert (bea["lead_accounts"], bea["member_accounts"], bea["open_actions"]) == (1, 1, 0)


def test_unassigned_and_suggested_reassignments():
    a = assign()
    a = a[~((a["account_key"] == "A2") & (a["team_role"] == "lead"))]  # A2 loses its lead
    ka = accounts_df()
    un = roster.unassigned(ka, a)
    assert un["account_key"].tolist() == ["A2"]
    load = roster.workload(people(), ka, assign(), {"A1": 1.5}, actions(), TODAY)
    sugg = roster.suggest_reassignments(load, ka, assign(), {"A1": 1.5}, un.iloc[0:0])
    # Ana 6.4 / 5: moving her smallest lead account (A2, 1.5 points) to Bea is enough
    assert sugg == [
        {
            "account_key": "A2",
            "account_name": "Dos",
            "from": "Ana",
            "to": "Bea",
            "points": 1.5,
            "reason": "overload",
        }
    ]
    sugg = roster.suggest_reassignments(load, ka, assign(), {"A1": 1.5}, un)
    assert sugg[0] == {
        "account_key": "A2",
        "account_name": "Dos",
        "from": None,
        "to": "Bea",
        "points": 1.5,
        "reason": "unassigned",
    }


def test_relationship_risk_weighted_by_revenue():
    ka = accounts_df()
    contacts = pd.DataFrame(
        {
            "account_key": ["A1", "A1", "A2"],
            "contact_id": [1, 2, 3],
            "buying_role": ["decision_maker", "user", "user"],
        }
    )
    cov = pd.DataFrame(
        {
            "contact_id": [1, 2, 3],
            "person_id": [1, 1, 1],
            "level_current": ["trusted", "regular", "trusted"],
        }
    )
    edits = {"A1": datetime(2026, 11, 1), "A2": datetime(2026, 11, 1)}
    acc, per = roster.relationship_risk(ka, assign(), contacts, cov, edits, TODAY)
    acc = acc.set_index("account_key")
    assert not acc.loc["A1", "at_risk"]
    assert acc.loc["A2", "no_decision_maker"] and acc.loc["A2", "single_threaded"]
    assert "A3" not in acc.index  # not a key account
    ana = per.set_index("lead").loc["Ana"]
    assert (ana["accounts"], ana["at_risk"]) == (2, 1)
    assert ana["revenue_at_risk"] == 300.0 and ana["risk_share"] == pytest.approx(1 / 3)
    stale = {"A1": datetime(2026, 8, 1)}  # A1 map 113 days old, A2 never mapped
    acc, per = roster.relationship_risk(ka, assign(), contacts, cov, stale, TODAY)
    assert acc["stale"].tolist() == [True, True]


def test_people_and_teams_are_validated_and_saved(con):
    with db.transaction(con) as cur:
        cur.execute("INSERT INTO accounts VALUES ('K1', 'Acme', NULL, NULL, ?)", [db.utcnow()])
    ana = roster.save_person(
        con, {"name": "Ana", "role": "kam", "capacity": "12,5"}, "u", lang="es"
    )
    bea = roster.save_person(con, {"name": "Bea", "role": "technical", "capacity": 8}, "u")
    assert roster.people(con)["capacity"].tolist() == [12.5, 8.0]
    before = db.table_snapshot(con)
    for data, key in [
        ({"name": "ana", "capacity": 3}, "err.team.duplicate"),
        ({"name": "Cris", "capacity": "lots"}, "err.acc.not_number"),
        ({"name": "", "capacity": 3}, "err.acc.required"),
        ({"name": "Cris", "capacity": 0}, "err.acc.too_small"),
    ]:
        with pytest.raises(CarteraError) as exc:
            roster.save_person(con, data, "u")
        assert exc.value.key == key and exc.value.render("es") != exc.value.render("en")
    with pytest.raises(CarteraError):
        roster.set_team(con, "K1", ana, [bea], "u", effort="mucho")
    assert db.table_snapshot(con) == before
    roster.set_team(con, "K1", ana, [bea, ana], "u", effort="1,5", lang="es")
    t = roster.account_team(con, "K1")
    assert t[["name", "team_role"]].values.tolist() == [["Ana", "lead"], ["Bea", "member"]]
    assert roster.efforts(con) == {"K1": 1.5}
