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

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The floor of the stack: a bare Streamlit script with one small Plotly chart, same server,
# same browser. Reported beside ours as the "naive" equivalent.
BARE_APP = """
import plotly.graph_objects as go
import streamlit as st
st.title("Bare")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""

MAIN_CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg'


def measure(script: Path, cwd: Path, env: dict, visits: int = 6) -> list[float]:
    """Seconds from navigation to the first chart in the main area, one fresh context a visit."""
    from playwright.sync_api import sync_playwright

    port = _port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
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
            for _ in range(visits):
                ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(url)
                page.locator(MAIN_CHART).first.wait_for(state="visible", timeout=60_000)
                samples.append(time.perf_counter() - t0)
                ctx.close()
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    return samples


def main():
    from kam_core.demo import builder
    from kam_core.store import db

    tmp = Path(tempfile.mkdtemp())
    path = tmp / "demo.duckdb"
    con = db.connect(path)
    builder.ensure_demo(con)
    con.close()
    ours = measure(ROOT / "app.py", ROOT, {**os.environ, "CARTERA_DB": str(path)})
    bare_dir = tmp / "bare"
    bare_dir.mkdir()
    (bare_dir / "bare.py").write_text(BARE_APP)
    bare = measure(bare_dir / "bare.py", bare_dir, dict(os.environ))
    o, b = summary(ours[1:]), summary(bare[1:])
    report(
        "first_visit",
        {
            "ours: first session after server start (cold) s": round(ours[0], 2),
            "ours: later fresh sessions": o,
            "bare Streamlit + one Plotly chart: cold s": round(bare[0], 2),
            "bare Streamlit + one Plotly chart: fresh sessions": b,
            "ratio ours/bare (median)": round(o["median_ms"] / b["median_ms"], 2),
            "load_1min": round(os.getloadavg()[0], 2),
            "target": "<= 3 s to the first chart",
        },
    )


if __name__ == "__main__":
    main()
