"""A new user's first visit: server running, fresh browser session -> first chart visible.

Target <= 3 s on the demo database (PRODUCT.md section 9). Measured with Playwright in Debian's
headless Chromium, for the very first session after the server starts (cold: imports, first
queries) and for later fresh sessions (new browser context each time), beside a bare Streamlit
page with one Plotly chart served and visited the same way at the same time. On a shared 2-core
machine wall time follows the load, so the CPU seconds spent by the server and by the browser
(Chromium and its renderers, from /proc) on each visit are reported too.

    .venv/bin/python -m bench.bench_first_visit [VISITS]
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
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


# The floor of the stack: a bare Streamlit script with one small Plotly chart, same server
# settings, same browser, visits interleaved with ours. Reported beside ours as the "naive"
# equivalent.
BARE_APP = """
import plotly.graph_objects as go
import streamlit as st
st.title("Bare")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""

MAIN_CHART = '[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg'
_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_by_pid() -> dict[int, tuple[int, float]]:
    """{pid: (parent pid, CPU seconds)} of every process (Linux /proc; no psutil here)."""
    out = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        out[int(d.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return out


def _descendants(procs: dict, root: int) -> set[int]:
    kids, todo = set(), [root]
    while todo:
        pid = todo.pop()
        for child, (ppid, _) in procs.items():
            if ppid == pid and child not in kids:
                kids.add(child)
                todo.append(child)
    return kids


_SERVERS: list[int] = []  # every Streamlit server this benchmark started


def _cpu(server_pid: int) -> tuple[float, float]:
    """CPU seconds so far of the server (with its threads) and of the browser (every process
    under this benchmark but the servers: Playwright's driver, Chromium, its renderers)."""
    procs = _cpu_by_pid()
    server = {server_pid} | _descendants(procs, server_pid)
    servers = set(_SERVERS).union(*(_descendants(procs, pid) for pid in _SERVERS))
    others = _descendants(procs, os.getpid()) - servers
    return sum(procs[p][1] for p in server), sum(procs[p][1] for p in others)


def start(script: Path, cwd: Path, env: dict) -> tuple[subprocess.Popen, str]:
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
    _SERVERS.append(proc.pid)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return proc, url


def visit(browser, proc, url: str) -> tuple[float, float, float]:
    """One new user: a fresh browser context, navigation -> first chart in the main area.
    Returns wall seconds and the CPU seconds of the server and of the browser on the way (a
    renderer's CPU is counted while it is alive, i.e. up to the chart)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    s0, b0 = _cpu(proc.pid)
    t0 = time.perf_counter()
    page.goto(url)
    page.locator(MAIN_CHART).first.wait_for(state="visible", timeout=120_000)
    wall = time.perf_counter() - t0
    s1, b1 = _cpu(proc.pid)
    ctx.close()
    return wall, s1 - s0, b1 - b0


def measure(apps: dict, visits: int) -> dict:
    """Both servers run side by side and the visits alternate (ours, bare, ours, ...), so a
    change in the machine's load hits both alike. The first visit of each is its cold one."""
    from playwright.sync_api import sync_playwright

    servers = {name: start(*args) for name, args in apps.items()}
    out = {name: [] for name in apps}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for _ in range(visits):
                for name, (proc, url) in servers.items():
                    out[name].append(visit(browser, proc, url))
            browser.close()
    finally:
        for proc, _ in servers.values():
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    return out


def _runs(tmp: Path, path: Path, bare_dir: Path, visits: int) -> dict:
    return measure(
        {
            "ours": (ROOT / "app.py", ROOT, {**os.environ, "CARTERA_DB": str(path)}),
            # the bare page gets the same server setting as ours (no file watcher): not handicapped
            "bare": (
                bare_dir / "bare.py",
                bare_dir,
                {**os.environ, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"},
            ),
        },
        visits,
    )


def main(visits: int = 8):
    from kam_core.demo import builder
    from kam_core.store import db

    tmp = Path(tempfile.mkdtemp())
    path = tmp / "demo.duckdb"
    con = db.connect(path)
    builder.ensure_demo(con)
    con.close()
    bare_dir = tmp / "bare"
    bare_dir.mkdir()
    (bare_dir / "bare.py").write_text(BARE_APP)
    try:
        runs = _runs(tmp, path, bare_dir, visits)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the demo database, its backups, the bare app
    ours = [w for w, _, _ in runs["ours"]]
    bare = [w for w, _, _ in runs["bare"]]
    ours_cpu = [(s, b) for _, s, b in runs["ours"]]
    bare_cpu = [(s, b) for _, s, b in runs["bare"]]
    o, b = summary(ours[1:]), summary(bare[1:])

    def cpu_ms(samples):
        return {
            "server_median_ms": round(statistics.median(s for s, _ in samples) * 1000),
            "browser_median_ms": round(statistics.median(b for _, b in samples) * 1000),
        }

    report(
        "first_visit",
        {
            "ours: first session after server start (cold) s": round(ours[0], 2),
            "ours: later fresh sessions": o,
            "ours: cpu per fresh session": cpu_ms(ours_cpu[1:]),
            "bare Streamlit + one Plotly chart: cold s": round(bare[0], 2),
            "bare Streamlit + one Plotly chart: fresh sessions": b,
            "bare: cpu per fresh session": cpu_ms(bare_cpu[1:]),
            "ratio ours/bare (median)": round(o["median_ms"] / b["median_ms"], 2),
            "load_1min": round(os.getloadavg()[0], 2),
            "target": "<= 3 s to the first chart, or <= 1.1 x the bare page",
        },
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
