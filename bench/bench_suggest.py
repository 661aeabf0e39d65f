"""Duplicate-account suggestions (F-IN-5) on the 20,000-account benchmark database.

Issue 7 asks for suggestions over 20,000 accounts "in seconds, not minutes (block before
comparing)". Measured here on the database ``bigdata`` builds (1M lines / 20,000 accounts / 8
quarters, names ``Cliente N``) and on the same database with company-like names (generic first
words, invented surnames, places and legal forms, 100 planted second spellings), which is where
blocking has work to do. Each figure is the command a user runs, ``python -m kam_core accounts
suggest --json`` (wall time, a fresh process), split into its in-process parts, beside the naive
way: rapidfuzz ``cdist`` of every name against every other (estimated from a 1,000-name slice).

    .venv/bin/python -m bench.bench_suggest [--lines 1000000 --accounts 20000] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import bigdata
from bench.common import ROOT, report, timed  # noqa: E402 (sets sys.path)

_FIRST = [
    "Grupo",
    "Distribuciones",
    "Transportes",
    "Comercial",
    "Industrias",
    "Talleres",
    "Hoteles",
    "Construcciones",
    "Suministros",
    "Servicios",
    "Tienda",
    "Bodegas",
]
_LAST = [
    "Norte",
    "Sur",
    "Levante",
    "Cantábrica",
    "Atlántico",
    "Mediterráneo",
    "Centro",
    "Hermanos",
    "e Hijos",
    "Ibérica",
    "Global",
    "Industrial",
    "Logística",
    "Rural",
]
_FORMS = ["S.A.", "SL", "S.L.U.", "", "Inc.", "SA de CV"]
_SYLLABLES = [
    "ba",
    "ca",
    "da",
    "fe",
    "ga",
    "lo",
    "ma",
    "ne",
    "pi",
    "ro",
    "sa",
    "te",
    "vi",
    "zu",
    "mar",
    "tor",
    "len",
    "gar",
    "bel",
    "cor",
    "dan",
    "fer",
    "lu",
    "mi",
    "no",
    "ri",
]


def company_names(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    vocab = sorted(
        {
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            for _ in range(6000)
        }
    )
    names = [
        " ".join(
            [
                rng.choice(_FIRST),
                *rng.sample(vocab, rng.randint(1, 2)),
                rng.choice(_LAST),
                rng.choice(_FORMS),
            ]
        ).strip()
        for _ in range(count - 100)
    ]
    return names + [n.upper().replace(" ", "  ") + ", S.A." for n in names[:100]]


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli_suggest(path: Path) -> tuple[float, float, int]:
    """Wall and CPU time of the command a user runs, in a fresh process (imports included); and
    the groups it printed. CPU time says what the work costs when other jobs share the cores."""
    cpu0 = _children_cpu()
    seconds, done = timed(
        subprocess.run,
        [sys.executable, "-m", "kam_core", "accounts", "suggest", "--json", "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return seconds, _children_cpu() - cpu0, len(json.loads(done.stdout))


def _cpu_timed(fn, *args):
    cpu0 = time.process_time()
    wall, out = timed(fn, *args)
    return wall, time.process_time() - cpu0, out


def in_process(path: Path) -> dict:
    from kam_core.accounts import merge
    from kam_core.analytics import name_match
    from kam_core.store import db

    con = db.connect(path)
    try:
        read_s, _, frame = _cpu_timed(merge.accounts_frame, con)
        cols = ["key", "name", "revenue", "quarters", "product_lines", "regions", "account_id"]
        match_s, _, groups = _cpu_timed(name_match.suggest, frame[cols])
        total_s, total_cpu, _ = _cpu_timed(merge.suggestions, con)
    finally:
        con.close()
    return {
        "read_accounts_s": read_s,
        "name_match_s": match_s,
        "suggestions_total_s": total_s,
        "suggestions_total_cpu_s": total_cpu,
        "groups": len(groups),
        "names": frame["name"].tolist(),
    }


def naive_all_pairs_s(names: list[str], sample: int = 1000) -> float:
    """rapidfuzz cdist (token_sort_ratio) of every name against every other, both cores,
    timed on a slice of ``sample`` rows and scaled to all of them."""
    from rapidfuzz import fuzz, process

    rows = names[:sample]
    seconds, _ = timed(
        process.cdist, rows, names, scorer=fuzz.token_sort_ratio, score_cutoff=85, workers=-1
    )
    return seconds * len(names) / len(rows)


def measure(label: str, path: Path) -> dict:
    wall, cpu, groups = cli_suggest(path)
    parts = in_process(path)
    names = parts.pop("names")
    naive = naive_all_pairs_s(names)
    return {
        f"{label}: accounts suggest --json, fresh process": (
            f"{wall:.2f} s wall, {cpu:.2f} s CPU, {groups} groups"
        ),
        f"{label}: in process (read accounts + match)": (
            f"{parts['suggestions_total_s']:.2f} s wall "
            f"({parts['read_accounts_s']:.2f} s + {parts['name_match_s']:.2f} s), "
            f"{parts['suggestions_total_cpu_s']:.2f} s CPU"
        ),
        f"{label}: naive all-pairs rapidfuzz cdist (estimated)": (
            f"{naive:.0f} s ({naive / max(parts['suggestions_total_s'], 1e-9):.0f}x)"
        ),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--db", help="a database bigdata already built (copied, never changed)")
    args = ap.parse_args()

    from kam_core.store import db

    figures = {
        "lines": args.lines,
        "accounts": args.accounts,
        "load_1min": round(os.getloadavg()[0], 1),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        if args.db:
            shutil.copy(args.db, path)
        else:
            con = db.connect(path)
            bigdata.load_db(con, bigdata.lines(args.lines, args.accounts))
            con.close()
        figures |= measure("Cliente N names", path)
        con = db.connect(path)
        names = company_names(db.scalar(con, "SELECT count(*) FROM accounts"))
        with db.transaction(con) as cur:  # every account renamed, in key order
            cur.execute(
                "UPDATE accounts SET account_name = list_extract(?, s.n) FROM (SELECT "
                "account_key, row_number() OVER (ORDER BY account_key) AS n FROM accounts) s "
                "WHERE accounts.account_key = s.account_key",
                [names],
            )
        con.close()
        figures |= measure("company names", path)
    report("bench_suggest", figures)


if __name__ == "__main__":
    main()
