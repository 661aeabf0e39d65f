"""Ingest of a 1,000,000-line CSV (~60 MB): parse, validate and commit (PRODUCT.md section 9).

Three files: English (``,``), Spanish (``;``, decimal comma, latin-1) and English with every
field in double quotes (``csv.QUOTE_ALL``). Target: <= 5 s and <= 1 GB peak memory. Each
measurement runs in a fresh subprocess so its peak resident memory (VmHWM) is its own. ``cpu_s`` (user + system, all threads) and the 1-minute
load average are printed beside the wall time: on a shared 2-core machine a load above 2 stretches
wall time, and CPU time says what the code itself costs. Reported beside naive pandas (read_csv with date parsing,
no validation, no commit) from the same run.

``ingest_and_pareto`` (vs pandas): the naive route answers "which accounts make 80%?" from the
file itself every time it is asked (pandas ``read_csv`` of the same CSV, ``groupby`` account,
the same ``metrics.pareto_table``); Cartera takes the file in once (the ingest above) and answers
from its DuckDB file (open it, one SQL aggregate, the same ``pareto_table``). Both in a fresh
process, timed after imports, each answering several times (timings to 0.1 ms: the warm answer
is tens of milliseconds, so a 10-ms rounding would move the ratio by a fifth). The one-off figure
(ingest + first Pareto against read_csv + Pareto) is reported too; it cannot reach 5 by nature
(validating and storing a file costs more than reading it once) and run_all.py keeps it apart.

    .venv/bin/python -m bench.bench_ingest [--lines 1000000] [--accounts 20000] [--quarters 8]
        [--files english,spanish,quoted] [--name ingest] [--keep-db PATH]
"""

from __future__ import annotations

import argparse
import csv as csv_mod
import json
import shutil
import statistics
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
REPEAT = int(sys.argv[4]) if len(sys.argv) > 4 else 1
answers = []  # seconds of each Pareto answer (pareto modes)
t0 = time.perf_counter()
if mode == "ours-pareto":
    from kam_core.analytics import metrics
    from kam_core.portfolio import reads
    from kam_core.store import db
    c0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    con = db.connect(db_path)
    t_prep = time.perf_counter() - t0  # reported as prepare_s: opening the file
    for _ in range(REPEAT):  # the first answer after opening, then the running app's
        t1 = time.perf_counter()
        pt = metrics.pareto_table(reads.account_revenue(con))
        answers.append(time.perf_counter() - t1)
    rows, rejected = int((pt["tier"] == "A").sum()), 0
    con.close()
elif mode == "naive-pareto":
    import pandas as pd
    from kam_core.analytics import metrics
    c0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for _ in range(REPEAT):  # every question re-reads the file (the OS has it cached after one)
        t1 = time.perf_counter()
        df = pd.read_csv(path)
        rev = df.groupby("Customer ID", as_index=False)["Sales"].sum()
        rev.columns = ["account_key", "revenue"]
        pt = metrics.pareto_table(rev)
        answers.append(time.perf_counter() - t1)
        del df
    rows, rejected, t_prep = int((pt["tier"] == "A").sum()), 0, None
elif mode == "ours":
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
# VmHWM: this process's own peak resident memory. (ru_maxrss would also count the parent's
# memory at fork time, which Linux carries over into the child's maximum: the parent holds the
# generated lines, 3 GB for 5M of them.)
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
peak_mb = int(hwm[0].split()[1]) / 1024 if hwm else ru.ru_maxrss / 1024
out = {{"seconds": round(elapsed, 3), "prepare_s": t_prep and round(t_prep, 3),
       "cpu_s": round(cpu, 2), "load_1min": round(load, 1),
       "peak_mb": round(peak_mb), "rows": rows, "rejected": rejected}}
if answers:
    out["answers_s"] = [round(a, 4) for a in answers]
print(json.dumps(out))
"""


def run(mode: str, csv: Path, db_path: Path, repeat: int = 1) -> dict:
    code = CHILD.format(root=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, mode, str(csv), str(db_path), str(repeat)],
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


PARETO_REPEAT = 7  # Cartera's answers: the first after opening the file, then six warm ones
NAIVE_REPEAT = 3  # pandas re-reads the file for each (about 0.3 s at 1M lines, 2 s at 5M)

FILES = {  # label: (Spanish export, every field quoted)
    "english": ("english_csv", False, False),
    "spanish": ("spanish_csv", True, False),
    "quoted": ("english_quoted_csv", False, True),
}


def _median(xs: list) -> float:
    return statistics.median(xs) if xs else float("nan")


def pareto_figures(csv: Path, db_path: Path, ingest: dict) -> dict:
    """ingest_and_pareto: naive pandas from the file vs Cartera from its database (see top).

    Each side answers several times in one process: Cartera's first answer after opening the
    file (a fresh process), then the running app's (database open, DuckDB's buffers warm); the
    naive route re-reads the CSV for every answer (the OS has it cached, as it would)."""
    ours = run("ours-pareto", csv, db_path, repeat=PARETO_REPEAT)
    naive = run("naive-pareto", csv, db_path, repeat=NAIVE_REPEAT)
    out = {
        "ours: open the DuckDB file (prepare_s) + Pareto answers": ours,
        "naive: pandas read_csv + groupby + Pareto answers": naive,
    }
    if "answers_s" in ours and "answers_s" in naive:
        first, warm = ours["answers_s"][0], _median(ours["answers_s"][1:])
        naive_s = _median(naive["answers_s"])
        fresh = ours["prepare_s"] + first
        out["same tier A count, both routes"] = ours["rows"] == naive["rows"]
        out["naive answer s (median)"] = round(naive_s, 4)
        out["ours, database already open (the running app) s"] = round(warm, 4)
        out["ours, fresh process: open + first answer s"] = round(fresh, 4)
        out["ratio naive/ours (database open)"] = round(naive_s / warm, 1)
        out["ratio naive/ours (fresh process, opening the file)"] = round(naive_s / fresh, 1)
        out["cpu ratio naive/ours per answer"] = round(
            (naive["cpu_s"] / len(naive["answers_s"]))
            / max(ours["cpu_s"] / len(ours["answers_s"]), 0.001),
            1,
        )
        if "seconds" in ingest:
            one_off = ingest["seconds"] + fresh
            out["one-off: ingest + first Pareto s"] = round(one_off, 2)
            out["one-off ratio naive/ours"] = round(naive_s / one_off, 2)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=20_000)
    ap.add_argument("--quarters", type=int, default=8)
    ap.add_argument("--files", default="english,spanish,quoted")
    ap.add_argument("--name", default="ingest")
    ap.add_argument("--keep-db", type=Path, help="keep the English file's database here")
    args = ap.parse_args()
    df = bigdata.lines(args.lines, args.accounts, args.quarters)
    figures = {
        "data": f"{args.lines:,} lines, {args.accounts:,} accounts, {args.quarters} quarters"
    }
    with tempfile.TemporaryDirectory() as tmp:
        for which in args.files.split(","):
            label, spanish, quoted = FILES[which]
            csv = Path(tmp) / f"ventas_{label}.csv"
            bigdata.write_csv(df, csv, spanish=spanish)
            if quoted:  # every field in double quotes, like Online Retail and many exports
                _quote_all(csv)
            mb = csv.stat().st_size / 1e6
            db_path = Path(tmp) / f"{label}.duckdb"
            ours = run("ours", csv, db_path)
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
            if which == "english":
                figures["ingest_and_pareto"] = pareto_figures(csv, db_path, ours)
                if args.keep_db:
                    shutil.copy(db_path, args.keep_db)
    figures["target"] = "<= 5 s and <= 1,024 MB for 1M lines; <= 25 s and <= 2,048 MB for 5M"
    report(args.name, figures)


if __name__ == "__main__":
    main()
