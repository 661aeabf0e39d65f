"""A new user's first visit: server running, fresh browser session -> first chart visible.

Target <= 3 s on the demo database (PRODUCT.md section 9). Measured with Playwright in Debian's
headless Chromium, for the very first session after the server starts (cold: imports, first
queries) and for later fresh sessions (new browser context each time).

    .venv/bin/python -m bench.bench_first_visit
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, report, summary

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    from playwright.sync_api import sync_playwright

    from kam_core import db, demo

    tmp = tempfile.mkdtemp()
    path = Path(tmp) / "demo.duckdb"
    con = db.connect(path)
    demo.ensure_demo(con)
    con.close()
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env={**os.environ, "CARTERA_DB": str(path)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        samples = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for _ in range(6):
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(url)
                page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(
                    state="visible", timeout=60_000)
                samples.append(time.perf_counter() - t0)
                ctx.close()
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    report("first_visit", {
        "first session after server start (cold) s": round(samples[0], 2),
        "later fresh sessions": summary(samples[1:]),
        "target": "<= 3 s to the first chart",
    })


if __name__ == "__main__":
    main()
