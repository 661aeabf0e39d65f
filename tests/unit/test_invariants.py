"""Invariants on STORED data (STYLE.md principle 10; PRODUCT.md section 8).

Databases are built the way users build them: the demo, and the three public datasets through the
real CLI (``ingest --skip-invalid``), then an upload undone, a file replaced (``--replace``), a period
replaced (``--replace-period``, with a new account) and both replacements undone. A copy of the file
is kept after each step, and every check runs on every copy, reading the stored tables with duckdb
directly (read-only), so a check sees what a later session of the app would see:

- one row per account and quarter in the per-account-quarter aggregates the app reads;
- revenue_lines + revenue_lines_archive hold, batch by batch, exactly what ``batches`` recorded for
  the batches still in force (active or replaced); an undone batch leaves no line anywhere;
- every line's account exists in ``accounts``, and no account outlives the lines that brought it;
- the cumulative Pareto share is monotone and ends at exactly 1; A + B + C = the positive total;
- ``report --json``: its quarters add up to its total revenue, which is what the tables hold;
- an undo puts every stored row back as it was before the undone upload.
"""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager

import duckdb
import numpy as np
import pandas as pd
import pytest

from kam_core import cli, ingest
from kam_core.analytics import metrics
from kam_core.portfolio import periods, reads, tiers
from kam_core.store import db, settings
from tests.fixtures.expected import DATASETS, DUCKDB_CONFIG, superstore_raw

# The states kept, in the order they are built (each step works on the previous state).
DATASET_STATES = [
    "three_datasets",  # superstore, sales_data_sample, online_retail_sample (--skip-invalid)
    "upload_undone",  # online_retail_sample undone
    "replaced",  # sales_data_sample loaded again with --replace (old batch -> archive)
    "period_replaced",  # superstore's 2017-Q4 replaced by a new file (one new account)
    "period_undone",  # that file undone: batch 1's 2017-Q4 lines back from the archive
    "replacement_undone",  # the --replace batch undone: the first sales batch is back in force
]
DEMO_STATES = ["demo", "demo_period_replaced", "demo_period_undone"]
STATES = DATASET_STATES + DEMO_STATES
# (before, after): the stored rows of ``after`` are those of ``before`` minus the undone batches.
UNDO_PAIRS = [
    ("three_datasets", "upload_undone"),
    ("replaced", "period_undone"),
    ("upload_undone", "replacement_undone"),
    ("demo", "demo_period_undone"),
]


@contextmanager
def _read_only(path):
    c = duckdb.connect(str(path), read_only=True, config=DUCKDB_CONFIG)
    try:
        yield c
    finally:
        c.close()


# --- building the databases (through the CLI and the app's undo) --------------------------------
def _ingest(path, *args) -> None:
    code = cli.main(["ingest", "--db", str(path), *map(str, args)])
    assert code == 0, args


def _undo_last(path, file_name: str) -> None:
    """Undo the newest active upload of ``file_name`` (what the upload page's Undo button does)."""
    con = db.connect(path)
    try:
        hist = ingest.batch_history(con)
        hit = hist.loc[(hist["file_name"] == file_name) & (hist["status"] == "active")]
        ingest.undo_batch(con, int(hit["batch_id"].iloc[0]), user="test")
    finally:
        con.close()


def _superstore_q4_file(datasets, path):
    """Superstore's 2017-Q4 again with other amounts, plus an account never seen before."""
    df = superstore_raw(datasets)
    q = df.loc[df["Order Date"] >= "2017-10-01"]
    out = pd.DataFrame(
        {
            "Customer ID": q["Customer ID"],
            "Customer Name": q["Customer Name"],
            "Order Date": q["Order Date"].dt.strftime("%m/%d/%Y"),
            "Sales": (q["Sales"] * 1.1).round(2),
        }
    )
    new = {
        "Customer ID": ["ZZ-99999"],
        "Customer Name": ["Nueva Cuenta SL"],
        "Order Date": ["12/15/2017"],
        "Sales": [1234.5],
    }
    pd.concat([out, pd.DataFrame(new)]).to_csv(path, index=False, encoding="utf-8")
    return path


def _demo_q_file(demo, path):
    """The demo's last quarter replaced by three lines: two known accounts and a new one.

    ``demo`` is a private copy: the session's demo_db may be held open by an AppTest's app
    connection in this process, and DuckDB refuses a second connection with another configuration.
    """
    with _read_only(demo) as c:
        last, keys = c.execute(
            "SELECT max(quarter), list(DISTINCT account_key ORDER BY account_key)[1:2] "
            "FROM revenue_lines"
        ).fetchall()[0]
    year, n = int(last[:4]), int(last[-1])
    day = f"{year}-{3 * n - 1:02d}-15"
    pd.DataFrame(
        {
            "Customer ID": [keys[0], keys[1], "C9999"],
            "Customer Name": ["Known One", "Known Two", "Cliente Nuevo SA"],
            "Invoice date": [day, day, day],
            "Amount": [1000.0, -250.0, 500.0],
        }
    ).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def stored(datasets, demo_db, tmp_path_factory) -> dict:
    """State name -> a database file frozen in that state."""
    work = tmp_path_factory.mktemp("history")
    out = {}

    def keep(name, path):
        out[name] = work / f"{name}.duckdb"
        shutil.copy(path, out[name])

    h = work / "live_datasets.duckdb"
    _ingest(h, "--skip-invalid", *(datasets / f"{n}.csv" for n in DATASETS))
    keep("three_datasets", h)
    _undo_last(h, "online_retail_sample.csv")
    keep("upload_undone", h)
    _ingest(h, "--replace", datasets / "sales_data_sample.csv")
    keep("replaced", h)
    q4 = _superstore_q4_file(datasets, work / "superstore_2017q4.csv")
    _ingest(h, "--replace-period", q4)
    keep("period_replaced", h)
    _undo_last(h, q4.name)
    keep("period_undone", h)
    _undo_last(h, "sales_data_sample.csv")
    keep("replacement_undone", h)

    d = work / "live_demo.duckdb"
    shutil.copy(demo_db, d)
    keep("demo", d)
    f = _demo_q_file(d, work / "ventas_ultimo_trimestre.csv")
    _ingest(d, "--replace-period", f)
    keep("demo_period_replaced", d)
    _undo_last(d, f.name)
    keep("demo_period_undone", d)
    return out


def _df(con, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def _one(con, sql: str):
    return con.execute(sql).fetchone()[0]


def _select(lines: pd.DataFrame, f: periods.Filters) -> pd.DataFrame:
    """The lines of a selection, in pandas (quarter range and product lines)."""
    keep = pd.Series(True, index=lines.index)
    if f.q_from:
        keep &= lines["quarter"] >= f.q_from
    if f.q_to:
        keep &= lines["quarter"] <= f.q_to
    if f.product_line:
        keep &= lines["product_line"].isin(f.product_line)
    return lines.loc[keep]


def _selections(lines: pd.DataFrame) -> list[periods.Filters]:
    """Everything, an inner range of quarters, one product line (when the data has them)."""
    qs = sorted(lines["quarter"].unique())
    out = [periods.Filters(), periods.Filters(q_from=qs[1], q_to=qs[-2])]
    products = sorted(lines["product_line"].dropna().unique())
    if products:
        out.append(periods.Filters(product_line=(products[0],)))
    return out


# --- the invariants --------------------------------------------------------------------------------
@pytest.mark.parametrize("state", STATES)
def test_one_row_per_account_and_quarter(stored, state):
    with _read_only(stored[state]) as con:
        lines = _df(con, "SELECT account_key, quarter, product_line, amount FROM revenue_lines")
        for f in _selections(lines):
            sel = _select(lines, f)
            want = sel.groupby(["account_key", "quarter"])["amount"].sum().sort_index()

            aq = reads.account_quarter_revenue(con, f)
            assert not aq.duplicated(["account_key", "quarter"]).any(), f
            got = aq.set_index(["account_key", "quarter"])["revenue"].sort_index()
            assert got.index.equals(want.index), f
            np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-12, atol=1e-6)

            rev = reads.account_revenue(con, f)  # one row per account (joined to accounts)
            assert rev["account_key"].is_unique, f
            assert set(rev["account_key"]) == set(sel["account_key"]), f

            quarters = sorted(sel["quarter"].unique())
            qt = tiers.quarterly_tiers(con, f, quarters)
            assert not qt.duplicated(["account_key", "quarter"]).any(), f
            positive = want[want > 0]
            assert set(zip(qt["account_key"], qt["quarter"], strict=True)) == set(positive.index)
            # Per quarter, A + B + C is that quarter's positive total.
            by_q = qt.groupby("quarter")["revenue"].sum()
            pos_q = positive.groupby(level="quarter").sum()
            np.testing.assert_allclose(by_q[pos_q.index], pos_q, rtol=1e-12, atol=1e-6)


@pytest.mark.parametrize("state", STATES)
def test_lines_and_archive_add_up_to_the_batch_ledger(stored, state):
    with _read_only(stored[state]) as con:
        batches = _df(
            con, "SELECT batch_id, status, rows_loaded, total_amount, replaced_by FROM batches"
        ).set_index("batch_id")
        live = _df(con, "SELECT batch_id, source_row, amount FROM revenue_lines")
        arch = _df(
            con, "SELECT archived_by, batch_id, source_row, amount FROM revenue_lines_archive"
        )
    assert set(batches["status"]) <= {"active", "replaced", "removed"}
    both = pd.concat([live, arch.drop(columns="archived_by")], ignore_index=True)
    # A line is stored once: either in force or archived, never both, never twice.
    assert not both.duplicated(["batch_id", "source_row"]).any()
    assert set(both["batch_id"]) <= set(batches.index)
    # Archived lines wait for the batch that took them out; an undone batch gives them back.
    assert set(batches.loc[arch["archived_by"].unique(), "status"]) <= {"active", "replaced"}

    in_force = batches.loc[batches["status"] != "removed"]
    assert live["amount"].sum() + arch["amount"].sum() == pytest.approx(
        in_force["total_amount"].sum(), rel=1e-12, abs=1e-6
    )
    per = both.groupby("batch_id").agg(lines=("amount", "size"), total=("amount", "sum"))
    live_n = live.groupby("batch_id").size()
    for batch_id, b in batches.iterrows():
        n = int(per["lines"].get(batch_id, 0))
        if b["status"] == "removed":
            assert n == 0, batch_id  # undo leaves no line behind, not even in the archive
            continue
        assert n == b["rows_loaded"], batch_id
        assert per.loc[batch_id, "total"] == pytest.approx(b["total_amount"], rel=1e-12, abs=1e-6)
        if b["status"] == "replaced":
            assert live_n.get(batch_id, 0) == 0, batch_id
            assert batches.loc[int(b["replaced_by"]), "status"] != "removed", batch_id


@pytest.mark.parametrize("state", STATES)
def test_every_line_has_its_account_and_every_account_its_lines(stored, state):
    with _read_only(stored[state]) as con:
        accounts = _df(con, "SELECT account_key FROM accounts")["account_key"]
        live = set(_df(con, "SELECT DISTINCT account_key FROM revenue_lines")["account_key"])
        arch = set(
            _df(con, "SELECT DISTINCT account_key FROM revenue_lines_archive")["account_key"]
        )
    assert accounts.is_unique
    assert live | arch <= set(accounts)  # no line without its account
    assert set(accounts) <= live | arch  # an undone upload takes out the accounts it brought


@pytest.mark.parametrize("state", STATES)
def test_pareto_curve_is_monotone_ends_at_one_and_tiers_add_up(stored, state):
    with _read_only(stored[state]) as con:
        cfg = settings.get_all(con)
        lines = _df(con, "SELECT account_key, quarter, product_line, amount FROM revenue_lines")
        quarters = sorted(lines["quarter"].unique())
        for f in _selections(lines) + [periods.Filters(q, q) for q in quarters]:
            rev = reads.account_revenue(con, f)
            pt = metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"])
            cum = pt["cum_share"].to_numpy()
            assert np.all(np.diff(cum) >= 0), f
            assert cum[-1] == 1.0, f  # exactly
            # Tiers follow the Pareto order: A first, then B, then C.
            assert pt["tier"].iloc[0] == "A" and list(pt["tier"]) == sorted(pt["tier"]), f
            tier_sum = pt.groupby("tier")["revenue"].sum().sum()
            positive = rev.loc[rev["revenue"] > 0, "revenue"].sum()
            assert tier_sum == pytest.approx(positive, rel=1e-12), f
            # ... and that positive total is what the stored lines say, summed here.
            acc = _select(lines, f).groupby("account_key")["amount"].sum()
            assert tier_sum == pytest.approx(acc[acc > 0].sum(), rel=1e-12, abs=1e-6), f


def _report(capsys, path, q_from=None, q_to=None) -> dict:
    capsys.readouterr()
    args = ["report", "--db", str(path), "--json"]
    args += ["--from", q_from] if q_from else []
    args += ["--to", q_to] if q_to else []
    assert cli.main(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("state", STATES)
def test_report_quarters_add_up_to_its_total(stored, state, capsys, tmp_path):
    path = tmp_path / "r.duckdb"
    shutil.copy(stored[state], path)  # the CLI opens its database read-write
    with _read_only(path) as con:
        lines = _df(con, "SELECT account_key, quarter, product_line, amount FROM revenue_lines")
    for f in _selections(lines)[:2]:
        rep = _report(capsys, path, f.q_from, f.q_to)
        assert sum(rep["quarters"].values()) == pytest.approx(
            rep["total_revenue"], rel=1e-12, abs=1e-6
        )
        sel = _select(lines, f)
        assert list(rep["quarters"]) == sorted(sel["quarter"].unique())
        assert rep["total_revenue"] == pytest.approx(sel["amount"].sum(), rel=1e-12, abs=1e-6)
        acc = sel.groupby("account_key")["amount"].sum()
        assert rep["accounts"] + rep["non_positive_accounts"] == len(acc)
        assert sum(t["count"] for t in rep["abc"].values()) == rep["accounts"]
        assert sum(t["revenue_share"] for t in rep["abc"].values()) == pytest.approx(1, abs=1e-12)


@pytest.mark.parametrize("before, after", UNDO_PAIRS)
def test_undo_puts_every_stored_row_back(stored, before, after):
    """After an undo the tables hold what they held before the undone upload, row for row."""

    def rows(state):
        with _read_only(stored[state]) as con:
            return {
                "lines": _df(con, "SELECT * FROM revenue_lines"),
                "archive": _df(con, "SELECT * FROM revenue_lines_archive"),
                "accounts": _df(con, "SELECT * FROM accounts"),
                "batches": _df(con, "SELECT batch_id, status FROM batches"),
            }

    old, new = rows(before), rows(after)
    undone = set(new["batches"].loc[new["batches"]["status"] == "removed", "batch_id"])
    assert undone - set(old["batches"].loc[old["batches"]["status"] == "removed", "batch_id"])
    sort = {
        "lines": ["batch_id", "source_row"],
        "archive": ["batch_id", "source_row"],
        "accounts": ["account_key"],
    }
    for table, by in sort.items():
        col = "first_batch" if table == "accounts" else "batch_id"
        want = old[table].loc[~old[table][col].isin(undone)]
        want = want.sort_values(by).reset_index(drop=True)
        got = new[table].sort_values(by).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want, check_exact=True, obj=table)


def test_the_states_are_what_their_names_say(stored):
    """The history really went through undo, replace and replace-period (else the checks above
    would prove little): batches by status, archived lines, the period file's new account."""

    def state_of(state):
        with _read_only(stored[state]) as con:
            out = dict(
                con.execute("SELECT status, count(*) FROM batches GROUP BY status").fetchall()
            )
            out["archived"] = _one(con, "SELECT count(*) FROM revenue_lines_archive")
            out["new_account"] = _one(
                con, "SELECT count(*) FROM accounts WHERE account_key IN ('ZZ-99999', 'C9999')"
            )
        return out

    with _read_only(stored["demo"]) as con:
        demo_last_q = _one(
            con,
            "SELECT count(*) FROM revenue_lines "
            "WHERE quarter = (SELECT max(quarter) FROM revenue_lines)",
        )
    sales, superstore_2017q4 = 2823, 1219  # lines of the published files
    assert {state: state_of(state) for state in STATES} == {
        "three_datasets": {"active": 3, "archived": 0, "new_account": 0},
        "upload_undone": {"active": 2, "removed": 1, "archived": 0, "new_account": 0},
        "replaced": {"active": 2, "removed": 1, "replaced": 1, "archived": sales, "new_account": 0},
        "period_replaced": {
            "active": 3,
            "removed": 1,
            "replaced": 1,
            "archived": sales + superstore_2017q4,
            "new_account": 1,
        },
        "period_undone": {
            "active": 2,
            "removed": 2,
            "replaced": 1,
            "archived": sales,
            "new_account": 0,
        },
        "replacement_undone": {"active": 2, "removed": 3, "archived": 0, "new_account": 0},
        "demo": {"active": 1, "archived": 0, "new_account": 0},
        "demo_period_replaced": {"active": 2, "archived": demo_last_q, "new_account": 1},
        "demo_period_undone": {"active": 1, "removed": 1, "archived": 0, "new_account": 0},
    }
