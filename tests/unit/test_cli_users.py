"""Issue 12: ``python -m kam_core users add|list|remove`` (the command line acts as the local
admin; every change is audited under the local user's name)."""

from __future__ import annotations

import json

from kam_core.cli import main
from kam_core.store import audit, db, users
from kam_core.team import roster


def test_add_list_remove_in_both_languages(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CARTERA_USER", "it-desk")
    path = tmp_path / "u.duckdb"
    con = db.connect(path)
    roster.save_person(con, {"name": "Kim Ortega", "role": "kam", "capacity": 10}, "setup")
    con.close()

    assert main(["users", "add", "Boss@Example.es", "--role", "admin", "--db", str(path)]) == 0
    assert "Added boss@example.es (admin)" in capsys.readouterr().out
    args = ["users", "add", "kim@example.es", "--role", "kam", "--name", "Kim"]
    assert main([*args, "--person", "kim ortega", "--db", str(path), "--lang", "es"]) == 0
    assert "Añadido kim@example.es (KAM)" in capsys.readouterr().out
    assert main(["users", "add", "kim@example.es", "--role", "viewer", "--db", str(path)]) == 0
    assert "Updated kim@example.es (viewer)" in capsys.readouterr().out

    assert main(["users", "list", "--json", "--db", str(path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == [
        {"email": "boss@example.es", "name": None, "role": "admin", "person": None},
        {"email": "kim@example.es", "name": "Kim", "role": "viewer", "person": "Kim Ortega"},
    ]

    assert (
        main(
            [
                "users",
                "add",
                "x@example.es",
                "--role",
                "kam",
                "--person",
                "Nadie",
                "--db",
                str(path),
            ]
        )
        == 1
    )
    assert "No team member is called 'Nadie'" in capsys.readouterr().err
    assert main(["users", "add", "not-an-email", "--role", "kam", "--db", str(path)]) == 1
    assert "not an email address" in capsys.readouterr().err
    assert main(["users", "remove", "boss@example.es", "--db", str(path)]) == 1  # last admin
    assert "At least one admin" in capsys.readouterr().err
    assert main(["users", "remove", "KIM@example.es", "--db", str(path)]) == 0
    assert "Removed kim@example.es" in capsys.readouterr().out
    assert main(["users", "remove", "kim@example.es", "--db", str(path)]) == 1
    assert main(["--lang", "es", "users", "list", "--db", str(path)]) == 0
    assert "boss@example.es  administrador" in capsys.readouterr().out

    con = db.connect(path)
    try:
        log = audit.entries(con, entity="users")
        assert set(log["actor"]) == {"it-desk"}
        assert list(log["action"])[::-1] == ["create", "create", "update", "delete"]
        assert list(users.list_users(con)["email"]) == ["boss@example.es"]
    finally:
        con.close()
