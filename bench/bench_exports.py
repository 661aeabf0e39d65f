"""Time to build the portfolio deck (issue #10 target: under 10 s on the demo) and an account
review pack, on the demo database and on the 20,000-account benchmark database.

Every figure carries the 1-minute load average and the process CPU time: on the shared 2-core
machine a load above 2 stretches wall time, not CPU time. A deck includes starting Chromium
(once per deck, overlapped with reading the figures) and drawing five charts.

    .venv/bin/python -m bench.bench_exports [--accounts 20000] [--lines 1000000] [--skip-big]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench import bigdata
from bench.common import report
from kam_core.demo import builder
from kam_core.portfolio import reads
from kam_core.portfolio.periods import Filters
from kam_core.reports import account_pack, portfolio_deck
from kam_core.store import db


def _children_cpu() -> float:
    t = os.times()
    return t.children_user + t.children_system


def _timed(fn, *args) -> dict:
    load = os.getloadavg()[0]
    wall, cpu, child = time.perf_counter(), time.process_time(), _children_cpu()
    out = fn(*args)
    return {
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(time.process_time() - cpu, 2),  # this process, every thread
        "chromium_cpu_s": round(_children_cpu() - child, 2),  # the browser, once it has exited
        "load_1min": round(load, 1),
        "kb": round(len(out) / 1024),
    }


def _last_four(con) -> Filters:
    qs = reads.quarters(con)
    return Filters(q_from=qs[-4], q_to=qs[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--db", type=Path, help="time the deck on this benchmark database only")
    ap.add_argument("--name", default="exports")
    args = ap.parse_args()
    if args.db:
        report(args.name, _on_db(args.db))
        return
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "demo.duckdb")
        builder.ensure_demo(con, force=True)
        f = _last_four(con)
        for lang in ("en", "es"):
            figures[f"demo_deck_{lang}"] = _timed(portfolio_deck.build_deck, con, f, lang)
        key = "C1000"
        figures["demo_pack_pptx_en"] = _timed(account_pack.build_pptx, con, key, f, "en")
        figures["demo_pack_pdf_es"] = _timed(account_pack.build_pdf, con, key, f, "es")
        con.close()
        if not args.skip_big:
            df = bigdata.lines(args.lines, args.accounts, 8)
            con = db.connect(Path(tmp) / "big.duckdb")
            bigdata.load_db(con, df)
            f = _last_four(con)
            figures[f"big_{args.accounts}_deck_en"] = _timed(
                portfolio_deck.build_deck, con, f, "en"
            )
            top = reads.account_revenue(con, f).sort_values("revenue").iloc[-1]["account_key"]
            figures[f"big_{args.accounts}_pack_pdf_en"] = _timed(
                account_pack.build_pdf, con, top, f, "en"
            )
            con.close()
    report(args.name, figures)


def _on_db(path: Path) -> dict:
    """The portfolio deck (English) and the top account's PDF pack on a database already built
    (the 5M-line / 100,000-account one in ``make bench``), opened as the app opens it."""
    con = db.connect(path)
    try:
        f = _last_four(con)
        accounts = db.scalar(con, "SELECT count(*) FROM accounts")
        top = reads.account_revenue(con, f).sort_values("revenue").iloc[-1]["account_key"]
        return {
            "accounts": accounts,
            "lines": db.scalar(con, "SELECT count(*) FROM revenue_lines"),
            "deck_en": _timed(portfolio_deck.build_deck, con, f, "en"),
            "pack_pdf_en": _timed(account_pack.build_pdf, con, top, f, "en"),
        }
    finally:
        con.close()


if __name__ == "__main__":
    main()
