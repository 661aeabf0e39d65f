"""report --json on a tiny hand-built portfolio, every figure checked by hand."""

import json
import subprocess
import sys

import pytest

from kam_core.portfolio.report import report
from kam_core.store import db


def _load(con, lines):
    with db.transaction(con) as cur:
        for i, (key, quarter, amount) in enumerate(lines):
            cur.execute(
                "INSERT INTO revenue_lines (batch_id, source_row, account_key, quarter, amount) "
                "VALUES (1, ?, ?, ?, ?)",
                [i + 2, key, quarter, amount],
            )


# Revenue: A 50, B 30, C 10, D 6, E 4 (sum 100); F nets to 0; G is negative (-5).
LINES = [
    ("A", "2024-Q1", 30),
    ("A", "2024-Q2", 20),
    ("B", "2024-Q1", 30),
    ("C", "2024-Q2", 12),
    ("C", "2024-Q2", -2),
    ("D", "2024-Q1", 6),
    ("E", "2024-Q2", 4),
    ("F", "2024-Q1", 5),
    ("F", "2024-Q2", -5),
    ("G", "2024-Q2", -5),
]


def test_hand_checked_report(con):
    _load(con, LINES)
    rep = report(con)
    assert rep["accounts"] == 5
    assert rep["non_positive_accounts"] == 2
    assert rep["total_revenue"] == pytest.approx(95.0)  # net of everything, G included
    # cumulative shares: .50 .80 .90 .96 1.00 -> B (rank 2) reaches exactly 80%.
    assert rep["accounts_to_80"] == 2
    assert rep["share_accounts_to_80"] == pytest.approx(0.4)
    assert rep["abc"]["A"] == {"count": 2, "revenue_share": pytest.approx(0.8)}
    # 95%: rank 4 (0.96) -> B = C, D
    assert rep["abc"]["B"] == {"count": 2, "revenue_share": pytest.approx(0.16)}
    assert rep["abc"]["C"] == {"count": 1, "revenue_share": pytest.approx(0.04)}
    # HHI = (.5^2 + .3^2 + .1^2 + .06^2 + .04^2) * 10,000 = 3,552
    assert rep["hhi"] == pytest.approx(3552.0)
    # Gini, ascending 4,6,10,30,50: 2*(4+12+30+120+250)/(5*100) - 6/5 = 1.664 - 1.2 = 0.464
    assert rep["gini"] == pytest.approx(0.464)
    assert rep["top_shares"] == {
        "1": pytest.approx(0.5),
        "5": pytest.approx(1.0),
        "10": pytest.approx(1.0),
        "20": pytest.approx(1.0),
    }
    assert rep["quarters"] == {"2024-Q1": pytest.approx(71.0), "2024-Q2": pytest.approx(24.0)}


def test_quarter_range_restricts_everything(con):
    _load(con, LINES)
    rep = report(con, "2024-Q2", "2024-Q2")
    # Q2 only: A 20, C 10, E 4 positive; F -5 and G -5 non-positive.
    assert rep["accounts"] == 3
    assert rep["non_positive_accounts"] == 2
    assert rep["total_revenue"] == pytest.approx(24.0)
    assert list(rep["quarters"]) == ["2024-Q2"]
    # 20/34 = .588, 30/34 = .882 -> 2 accounts to 80%
    assert rep["accounts_to_80"] == 2


def test_cli_json_and_bad_quarter(db_file):
    con = db.connect(db_file)
    _load(con, LINES)
    con.close()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kam_core",
            "report",
            "--db",
            str(db_file),
            "--json",
            "--from",
            "2024-Q1",
            "--to",
            "2024-Q1",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    assert rep["accounts"] == 4 and rep["total_revenue"] == pytest.approx(71.0)
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "kam_core",
            "--lang",
            "es",
            "report",
            "--db",
            str(db_file),
            "--from",
            "2024-5",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "no es un trimestre" in bad.stderr
