"""The demo portfolio is deterministic and looks like a real one."""

import json
import subprocess
import sys

from kam_core.demo import builder
from kam_core.portfolio.report import report
from kam_core.store import db


def test_generator_is_deterministic():
    a1, l1 = builder.generate_lines()
    a2, l2 = builder.generate_lines()
    assert a1.equals(a2) and l1.equals(l2)


def test_demo_shape(demo_db):
    con = db.connect(demo_db)
    rep = report(con)
    assert rep["accounts"] == 400
    assert list(rep["quarters"]) == builder.QUARTERS
    # Pareto-like: roughly a fifth of the accounts make 80% of revenue.
    assert 0.12 <= rep["share_accounts_to_80"] <= 0.30
    n_credit = db.scalar(con, "SELECT count(*) FROM revenue_lines WHERE amount < 0")
    assert n_credit > 50
    per_q = db.query_df(
        con,
        "SELECT quarter, count(DISTINCT account_key) n FROM revenue_lines GROUP BY 1 ORDER BY 1",
    )
    assert per_q["n"].iloc[0] != per_q["n"].iloc[-1]  # accounts won and lost over time
    names = {r[0] for r in db.query_rows(con, "SELECT account_name FROM accounts")}
    assert any("S.A." in n or "S.L." in n for n in names) and any("Ltd" in n for n in names)
    assert any(ch in "".join(names) for ch in "ñáéíóú")
    con.close()


def test_demo_cli_does_not_overwrite_without_force(tmp_path):
    path = tmp_path / "d.duckdb"
    run = [sys.executable, "-m", "kam_core", "demo", "--db", str(path)]
    assert subprocess.run(run, capture_output=True).returncode == 0
    again = subprocess.run(run, capture_output=True, text=True)
    assert again.returncode == 0 and "--force" in again.stdout
    rep = subprocess.run(
        [sys.executable, "-m", "kam_core", "report", "--db", str(path), "--json"],
        capture_output=True,
        text=True,
    )
    assert json.loads(rep.stdout)["accounts"] == 400
