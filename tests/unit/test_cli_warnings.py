"""``python -m kam_core warnings`` (PRODUCT.md section 7): JSON for scripts, a table in en/es."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kam_core.cli import main, warnings_cmd
from kam_core.store import db
from tests.unit.test_early_warnings import TODAY, _portfolio


class _Today(date):
    @classmethod
    def today(cls):
        return TODAY


@pytest.fixture
def falling(db_file, monkeypatch):
    """K1 fell two quarters running (stake 1,000) and nothing was logged for 120 days (stake
    4,250: its last four quarters)."""
    con = db.connect(db_file)
    _portfolio(con, [1000, 1300, 800, 1200, 900, 1250, 1100, 1000], {"activity": 120})
    con.close()
    monkeypatch.setattr(warnings_cmd, "date", _Today)
    return str(db_file)


def _run(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_json_lists_accounts_with_kinds_and_revenue_at_stake(capsys, falling):
    rc, out, _ = _run(capsys, "warnings", "--db", falling, "--json")
    assert rc == 0
    got = json.loads(out)
    assert isinstance(got, list) and len(got) == 1
    k1 = got[0]
    assert k1["account"] == "K1" and k1["account_name"] == "Acme Ibérica S.A."
    assert k1["kinds"] == ["revenue_fell", "no_recent_activity"]
    # the account's figure is its largest warning's, never a sum: its last four quarters
    assert k1["revenue_at_stake"] == pytest.approx(900 + 1250 + 1100 + 1000)
    stakes = {w["kind"]: w["revenue_at_stake"] for w in k1["warnings"]}
    assert stakes == {
        "revenue_fell": pytest.approx(1000),
        "no_recent_activity": pytest.approx(4250),
    }
    assert k1["as_of"] == "2025-Q4" and k1["expectation"]["quarter"] == "2026-Q1"
    assert k1["expectation"]["low"] <= k1["expectation"]["mean"] <= k1["expectation"]["high"]


def test_period_options_and_an_earlier_quarter(capsys, falling):
    rc, out, _ = _run(capsys, "warnings", "--db", falling, "--to", "2025-Q3", "--json")
    got = json.loads(out)
    assert rc == 0 and got[0]["as_of"] == "2025-Q3"
    assert "revenue_fell" not in got[0]["kinds"]  # 1,250 -> 1,100 is one fall, not two
    rc, _, err = _run(capsys, "warnings", "--db", falling, "--from", "2025-Q5")
    assert rc == 2 and "2025-Q5" in err


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "en",
            ["Early warnings of 1 of 1 key accounts", "Revenue fell 2 quarters in a row", "4,250"],
        ),
        ("es", ["Alertas tempranas de 1 de 1 cuentas clave", "ha caído 2 trimestres", "4.250"]),
    ],
)
def test_plain_output_is_a_readable_table_in_each_language(capsys, falling, lang, words):
    rc, out, _ = _run(capsys, "warnings", "--db", falling, "--lang", lang)
    assert rc == 0
    for w in words:
        assert w in out, out
    assert "warn." not in out and "None" not in out  # no raw keys, no missing values
    rc, again, _ = _run(capsys, "--lang", lang, "warnings", "--db", falling)  # before or after
    assert again == out


def test_default_period_is_the_last_four_quarters():
    f = warnings_cmd.period(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"], None, None)
    assert (f.q_from, f.q_to) == ("2025-Q2", "2026-Q1")
    f = warnings_cmd.period(["2025-Q1"], None, "2024-Q4")
    assert (f.q_from, f.q_to) == ("2024-Q1", "2024-Q4")
