"""Issue 9: the commit never holds the lines twice whole, fields a file lacks cost nothing, and the
Pareto figure is drawn once in the browser. Guards on the mechanisms (no timings here)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from kam_core import ingest
from kam_core.analytics import metrics
from kam_core.charts import portfolio as portfolio_charts
from kam_core.ingest import load
from kam_core.store import db


def _frame(n: int) -> pd.DataFrame:
    text = pd.array([f"K{i % 7}" for i in range(n)], dtype="str")
    late = np.full(n, None, dtype=object)
    late[-1] = "only in the last slice"  # Arrow's guess from the first slice alone: null
    return pd.DataFrame(
        {
            "batch_id": 1,
            "source_row": np.arange(2, n + 2),
            "account_key": text,
            "line_date": pd.to_datetime(["2024-01-15"] * n).to_numpy(dtype="datetime64[s]"),
            "amount": np.linspace(1, 2, n),
            "invoice": late,
        }
    )


def test_commit_streams_row_group_batches_typed_over_the_whole_frame():
    n = load.ROW_GROUP * 2 + 5
    stream = load._as_arrow(_frame(n))
    assert isinstance(stream, pa.RecordBatchReader)  # converted slice by slice, never whole
    assert stream.schema.field("invoice").type == pa.large_string()
    sizes, last = [], None
    for batch in stream:
        sizes.append(batch.num_rows)
        last = batch
    assert sum(sizes) == n and max(sizes) <= load.ROW_GROUP
    assert last.column("invoice")[-1].as_py() == "only in the last slice"


def test_a_column_arrow_cannot_type_goes_to_duckdb_as_it_is():
    frame = _frame(10)
    frame["invoice"] = [1, "a", None, 2.5, "b", None, None, None, None, None]
    assert load._as_arrow(frame) is frame


def test_streamed_commit_stores_every_line_in_order(con):
    rows = [f"C{i % 50},{i}.5,2024-02-{1 + i % 28:02d}" for i in range(load.ROW_GROUP + 7)]
    data = ("Customer,Sales,Order Date\n" + "\n".join(rows) + "\n").encode()
    p = ingest.prepare(data, "big.csv", con)
    ingest.commit(con, [p])
    got = db.query_rows(con, "SELECT count(*), min(source_row), max(source_row) FROM revenue_lines")
    assert got == [(len(rows), 2, len(rows) + 1)]
    assert db.scalar(con, "SELECT sum(amount) FROM revenue_lines") == sum(
        i + 0.5 for i in range(len(rows))
    )


def test_fields_the_lines_lack_are_stored_as_null(con):
    data = b"Customer,Sales,Order Date\nACME,10,2024-01-15\nBeta,5,2024-02-15\n"
    p = ingest.prepare(data, "two.csv", con)
    p.lines = p.lines.drop(columns=[c for c in ("invoice", "product", "quantity") if c in p.lines])
    ingest.commit(con, [p])
    assert db.query_rows(
        con, "SELECT account_key, amount, invoice, product, quantity FROM revenue_lines ORDER BY 1"
    ) == [("ACME", 10.0, None, None, None), ("Beta", 5.0, None, None, None)]


def test_no_merge_no_column_of_none_per_line(con):
    lines = pd.DataFrame({"account_key": ["A", "B"], "amount": [1.0, 2.0]})
    assert load.apply_aliases(con, lines, roots={}) is lines
    moved = load.apply_aliases(con, lines, roots={"B": "A"})
    assert moved["account_key"].tolist() == ["A", "A"]
    assert moved["source_account_key"].isna().tolist() == [True, False]
    assert moved["source_account_key"].iloc[1] == "B"


def test_pareto_figure_margins_are_fixed():
    """With ``autoexpand`` Plotly draws the figure, finds the legend pushing the margin and draws
    it all again in the new visitor's browser; the margins leave room for legend and axis titles."""
    rev = pd.DataFrame({"account_key": list("abcdef"), "revenue": [50.0, 20, 15, 10, 4, 1]}).assign(
        account_name=lambda d: d["account_key"].str.upper()
    )
    layout = portfolio_charts.pareto_figure(metrics.pareto_table(rev), "es").layout
    assert layout.margin.autoexpand is False
    assert layout.margin.t >= 80 and layout.margin.r >= 70


def test_bench_keeps_one_off_ratios_apart_from_vs_pandas(monkeypatch):
    """bench/results.json: every vs_pandas ratio is one the issue holds to >= 5; the comparisons
    that cannot reach it by nature (a file's first answer, ingest against a bare read_csv, a cold
    process) are reported under vs_pandas_one_off with why."""
    from bench import run_all

    ingest_json = {
        "english_csv": {"ratio ours/naive": 4.0, "ours (sniff+map+validate+commit)": {}},
        "ingest_and_pareto": {
            "ratio naive/ours (database open)": 8.4,
            "ratio naive/ours (fresh process, opening the file)": 3.2,
            "one-off ratio naive/ours": 0.07,
        },
    }
    monkeypatch.setattr(run_all, "load", lambda name: ingest_json if name == "ingest" else {})
    out = run_all.gather({"total": 1.0})
    assert out["vs_pandas"]["ingest_and_pareto"] == 8.4
    assert "ingest_and_pareto_one_off" not in out["vs_pandas"]
    assert "ingest_and_pareto_fresh_process" not in out["vs_pandas"]
    one_off = out["vs_pandas_one_off"]
    assert one_off["ingest_and_pareto_one_off"] == 0.07
    assert one_off["ingest_and_pareto_fresh_process"] == 3.2
    assert one_off["ingest_vs_read_csv"]["english_csv"] == 0.25
    assert one_off["how"]
