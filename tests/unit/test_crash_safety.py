"""Killing the process mid-write leaves the database at its last committed state (PRODUCT.md 10)."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from kam_core.demo import builder
from kam_core.store import db

ROOT = Path(__file__).resolve().parents[2]


def test_kill_during_a_big_transaction_keeps_last_commit(tmp_path):
    path = tmp_path / "crash.duckdb"
    con = db.connect(path)
    builder.ensure_demo(con)
    before = db.table_snapshot(con, ["revenue_lines", "accounts", "batches", "app_state"])
    con.close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from kam_core.store import db
            con = db.connect({str(path)!r})
            with db.transaction(con) as cur:
                cur.execute("DELETE FROM revenue_lines WHERE quarter = '2026-Q3'")
                db.bump_data_version(cur)
                print("inside", flush=True)
                cur.execute("INSERT INTO revenue_lines (batch_id, source_row, account_key, "
                            "quarter, amount) SELECT 99, i, 'X' || i, '2026-Q3', 1.0 "
                            "FROM range(50000000) t(i)")
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert child.stdout.readline().strip() == "inside"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    con = db.connect(path)
    after = db.table_snapshot(con, ["revenue_lines", "accounts", "batches", "app_state"])
    con.close()
    assert after == before
