"""Warm reruns of the tiers, account and team pages (and the portfolio's) over the benchmark
database (PRODUCT.md section 9: <= 150 ms each on 1M lines / 20,000 accounts).

A "warm rerun" is what any click costs once the server has shown the page: the whole page script
run again under Streamlit's AppTest (the real page, its widgets and caches), same inputs. Also
timed: opening another account and another tab of the account page (first time: cache misses),
and the queries each rerun runs. Wall time and CPU time (process_time: every thread of this
process, the script's included) with the 1-minute load average, because other work on a shared
2-core machine stretches wall time but not CPU time.

    .venv/bin/python -m bench.bench_pages [--db PATH] [--lines 1000000 --accounts 20000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench import bigdata
from bench.common import ROOT, report

RERUNS = 12


def build(path: Path, lines: int, accounts: int, quarters: int = 8) -> dict:
    """The benchmark database: synthetic lines straight into DuckDB plus account data."""
    from kam_core.store import db

    con = db.connect(path)
    t0 = time.perf_counter()
    bigdata.load_db(con, bigdata.lines(lines, accounts, quarters))
    counts = bigdata.add_account_data(con)
    con.close()
    return {**counts, "build_s": round(time.perf_counter() - t0, 1)}


def _query_counter():
    """Count every query (monkeypatched db.query_df / query_rows, which db.scalar uses)."""
    from kam_core.store import db

    calls = Counter()
    for name in ("query_df", "query_rows"):
        original = getattr(db, name)

        def wrapper(*args, _original=original, **kwargs):
            calls["query"] += 1
            return _original(*args, **kwargs)

        setattr(db, name, wrapper)
    return calls


def timed_run(at, calls: Counter, change=None) -> tuple[float, float, int]:
    """One rerun (after ``change(at)`` if given): wall s, CPU s, queries."""
    if change:
        change(at)
    calls.clear()
    c0, w0 = time.process_time(), time.perf_counter()
    at.run()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    assert not at.exception, at.exception
    return wall, cpu, calls["query"]


def stats(samples: list[tuple[float, float, int]]) -> dict:
    wall = sorted(s[0] for s in samples)
    cpu = [s[1] for s in samples]
    return {
        "median_ms": round(statistics.median(wall) * 1000, 1),
        "p95_ms": round(wall[min(len(wall) - 1, int(len(wall) * 0.95))] * 1000, 1),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
        "queries_per_run": max(s[2] for s in samples),
        "n": len(samples),
        "load_1min": round(os.getloadavg()[0], 1),
    }


def page(name: str, **query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=600)
    at.query_params["lang"] = "en"
    for k, v in query.items():
        at.query_params[k] = v
    return at


def warm(name: str, calls: Counter, **query) -> tuple[dict, float]:
    """First run (cold caches, seconds), then RERUNS reruns with the same inputs."""
    at = page(name, **query)
    w0 = time.perf_counter()
    at.run()
    assert not at.exception, at.exception
    first = time.perf_counter() - w0
    at.run()  # the browser's first rerun after the first paint (widgets registered)
    return stats([timed_run(at, calls) for _ in range(RERUNS)]), round(first, 2)


def account_moves(calls: Counter, keys: list[str]) -> dict:
    """Another account (first time: header, map), then every tab once (first time each)."""
    at = page("account")
    at.run()
    at.run()

    def goto(k):
        return lambda a: a.query_params.__setitem__("account", k)

    switch = [timed_run(at, calls, goto(k)) for k in keys]
    tabs = []
    for label in ("Account plan", "Activity and requests", "Health", "Relationship map"):
        tabs.append(timed_run(at, calls, lambda a, v=label: a.query_params.__setitem__("view", v)))
    return {"another_account_first_time": stats(switch), "another_tab_first_time": stats(tabs)}


def account_search(calls: Counter) -> dict:
    """The account picker's search box (issue 9: at 100,000 accounts the drop-down lists the top
    accounts only): the first search of a selection (builds the search index), other searches
    with many matches, and a warm rerun with matches listed in the drop-down."""
    at = page("account")
    at.run()
    at.run()
    if "_acc_find" not in [w.key for w in at.text_input]:  # a page without the search box
        return {}

    def find(query):
        return lambda a: a.text_input(key="_acc_find").input(query)

    first = [timed_run(at, calls, find("cliente 12"))]
    others = [timed_run(at, calls, find(f"cliente {q}")) for q in ("3", "45", "67", "89", "7")]
    return {
        "account_search_first_time": stats(first),
        "account_search_another_query": stats(others),
        "account_page_warm_rerun_with_matches": stats([timed_run(at, calls) for _ in range(6)]),
    }


def run_pages(db_path: Path) -> dict:
    from streamlit import config

    from kam_core.accounts import overview
    from kam_core.store import db

    os.environ["CARTERA_DB"] = str(db_path)
    config.set_option("runner.enforceSerializableSessionState", False)
    con = db.connect(db_path)
    keys = list(overview.account_options(con)["account_key"].iloc[1:11])
    con.close()
    calls = _query_counter()
    out = {}
    for name in ("tiers", "account", "team", "portfolio"):
        figures, first = warm(name, calls)
        out[f"{name}_page_warm_rerun"] = figures
        out[f"{name}_page_first_run_s"] = first
    out.update(account_moves(calls, keys))
    out.update(account_search(calls))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, help="an existing benchmark database (else built here)")
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--name", default="pages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        built = {}
        path = args.db
        if path is None:
            path = Path(tmp) / "bench.duckdb"
            built = build(path, args.lines, args.accounts)
        figures = {"data": f"{path.name}: {built or 'given'}", **run_pages(path)}
        figures["target"] = "<= 150 ms median per warm rerun (whole page under AppTest)"
        report(args.name, figures)


if __name__ == "__main__":
    main()
