"""Ingest of a 1,000,000-line CSV (~60 MB): parse, validate and commit (PRODUCT.md section 9).

Three files: English (``,``), Spanish (``;``, decimal comma, latin-1) and English with every
field in double quotes (``csv.QUOTE_ALL``). Target: <= 5 s and <= 1 GB peak memory. Each
measurement runs in a fresh subprocess so its peak resident memory (ru_maxrss) is its own. ``cpu_s`` (user + system, all threads) and the 1-minute
load average are printed beside the wall time: on a shared 2-core machine a load above 2 stretches
wall time, and CPU time says what the code itself costs. Reported beside naive pandas (read_csv with date parsing,
no validation, no commit) from the same run.

    .venv/bin/python -m bench.bench_ingest [--lines 1000000]
"""

from __future__ import annotations

import argparse
import csv as csv_mod
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import bigdata
from bench.common import ROOT, report

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
mode, path, db_path = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
if mode == "ours":
    from kam_core.store import db
    from kam_core import ingest
    con = db.connect(db_path)
    t0 = time.perf_counter()
    c0 = resource.getrusage(resource.RUSAGE_SELF)
    data = open(path, "rb").read()
    prep = ingest.prepare(data, path.rsplit("/", 1)[-1], con)
    t_prep = time.perf_counter() - t0
    ingest.commit(con, [prep], skip_invalid=True)
    rows = len(prep.lines)
    rejected = len(prep.rejects)
    con.close()
else:
    c0 = resource.getrusage(resource.RUSAGE_SELF)
    import pandas as pd
    spanish = mode == "naive-es"
    df = pd.read_csv(path, sep=";" if spanish else ",", decimal="," if spanish else ".",
                     encoding="latin-1" if spanish else "utf-8")
    col = "Fecha factura" if spanish else "Order Date"
    df[col] = pd.to_datetime(df[col], dayfirst=spanish, format="%d/%m/%Y" if spanish else "%Y-%m-%d")
    rows, rejected, t_prep = len(df), 0, None
elapsed = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
cpu = ru.ru_utime + ru.ru_stime - c0.ru_utime - c0.ru_stime
load = os.getloadavg()[0]
peak_mb = ru.ru_maxrss / 1024
print(json.dumps({{"seconds": round(elapsed, 2), "prepare_s": t_prep and round(t_prep, 2),
                  "cpu_s": round(cpu, 2), "load_1min": round(load, 1),
                  "peak_mb": round(peak_mb), "rows": rows, "rejected": rejected}}))
"""


def run(mode: str, csv: Path, db_path: Path) -> dict:
    code = CHILD.format(root=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, mode, str(csv), str(db_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _quote_all(path: Path) -> None:
    """Rewrite the file with every field quoted (csv.QUOTE_ALL), the cells unchanged."""
    import pandas as pd

    pd.read_csv(path, dtype=str, keep_default_na=False).to_csv(
        path, index=False, quoting=csv_mod.QUOTE_ALL
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    args = ap.parse_args()
    df = bigdata.lines(args.lines, 20_000)
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, spanish, quoted in (
            ("english_csv", False, False),
            ("spanish_csv", True, False),
            ("english_quoted_csv", False, True),
        ):
            csv = Path(tmp) / f"ventas_{label}.csv"
            bigdata.write_csv(df, csv, spanish=spanish)
            if quoted:  # every field in double quotes, like Online Retail and many exports
                _quote_all(csv)
            mb = csv.stat().st_size / 1e6
            ours = run("ours", csv, Path(tmp) / f"{label}.duckdb")
            naive = run("naive-es" if spanish else "naive-en", csv, Path(tmp) / "unused.duckdb")
            figures[label] = {
                "file_mb": round(mb, 1),
                "ours (sniff+map+validate+commit)": ours,
                "naive pandas read_csv + dates": naive,
                "ratio ours/naive": (
                    round(ours["seconds"] / naive["seconds"], 2)
                    if "seconds" in ours and "seconds" in naive
                    else None
                ),
            }
    figures["target"] = "<= 5 s and <= 1,024 MB peak for 1,000,000 lines"
    report("ingest", figures)


if __name__ == "__main__":
    main()
