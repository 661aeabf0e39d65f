"""``python -m kam_core brief`` (F-PR-5) and ``--lang`` before or after any command (PRODUCT.md 7)."""

from __future__ import annotations

import contextvars

import pytest

from kam_core import cli
from kam_core.store import db


def _run(capsys, *argv):
    capsys.readouterr()
    # A copy of the context: a command's reporting-currency setting stays inside it.
    rc = contextvars.copy_context().run(cli.main, [str(a) for a in argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.parametrize(
    "argv",
    [
        ["brief", "--lang", "es"],
        ["--lang", "es", "brief"],
    ],
)
def test_brief_in_spanish_with_lang_before_or_after_the_command(capsys, demo_db, argv):
    rc, out, err = _run(capsys, *argv, "--db", demo_db, "--from", "2025-Q4", "--to", "2026-Q3")
    assert rc == 0, err
    first, second = out.strip().split("\n\n")
    assert first.startswith("De 2025-Q4 a 2026-Q3, la facturación fue de ")
    assert (
        " cuentas, el " in first and "de la cartera, concentran el 80 % de la facturación" in first
    )
    assert second.startswith("La facturación creció un ")
    assert "respecto a 2024-Q4 – 2025-Q3" in second


def test_brief_in_english_by_default_and_over_all_quarters(capsys, demo_db, monkeypatch):
    monkeypatch.delenv("CARTERA_LANG", raising=False)
    rc, out, _ = _run(capsys, "brief", "--db", demo_db)
    assert rc == 0
    assert out.startswith("From 2024-Q4 to 2026-Q3, revenue was EUR ")  # the reporting currency


def test_lang_after_the_command_overrides_the_one_before(capsys, demo_db):
    rc, out, _ = _run(capsys, "--lang", "en", "brief", "--db", demo_db, "--lang", "es")
    assert rc == 0 and out.startswith("De 2024-Q4 a 2026-Q3")


def test_lang_after_any_command(capsys, demo_db):
    rc, _, err = _run(capsys, "report", "--db", demo_db, "--to", "2024-Q9", "--lang", "es")
    assert rc == 2 and "no es un trimestre" in err


def test_bad_quarter_and_empty_database(capsys, tmp_path):
    rc, _, err = _run(capsys, "brief", "--db", tmp_path / "x.duckdb", "--from", "2024-5")
    assert rc == 2 and "2024-5" in err
    empty = tmp_path / "empty.duckdb"
    db.connect(empty).close()
    rc, out, err = _run(capsys, "brief", "--db", empty, "--lang", "es")
    assert rc == 1 and out == "" and "aún no tiene facturación" in err
