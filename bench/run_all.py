"""Run every benchmark and print its figures (`make bench`). Never part of `make test`."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for name in ("bench_ingest", "bench_portfolio", "bench_first_visit"):
    subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=ROOT, check=False)
