"""Playwright end-to-end fixtures: the real app as its own process, Debian's Chromium headless.

Never ``playwright install``: the browser is /usr/bin/chromium (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CARTERA_CHROMIUM", "/usr/bin/chromium")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """A test module under tests/e2e without the ``e2e`` marker (``pytestmark = pytest.mark.e2e``)
    fails collection: ``make test`` runs ``-m "not e2e"`` first, so an unmarked browser test would
    start servers and Chromium among the unit tests, or never run in the e2e step."""
    report = yield
    if isinstance(collector, pytest.Module) and report.passed:
        unmarked = [n.name for n in report.result if n.get_closest_marker("e2e") is None]
        if unmarked:
            report.outcome = "failed"
            report.longrepr = (
                f"{collector.nodeid}: not marked e2e: {', '.join(unmarked)}\n"
                "every test under tests/e2e needs `pytestmark = pytest.mark.e2e` in its module"
            )
            report.result = []
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run .ci/run or apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


STARTUP_TIMEOUT = 90  # seconds; a loaded 2-core machine can take 20 s to import the app
PORT_TAKEN = re.compile(r"Port \d+ is not available|already in use")


class AppServer:
    """A running ``streamlit run app.py`` on its own database and port; stopped by PID.

    Safe under ``pytest -n``: every test has its own tmp_path (database, log) and a free port;
    if another process takes the port between the probe and Streamlit's bind, it retries."""

    def __init__(self, db_path: Path, log_path: Path):
        self.db_path = db_path
        self.log_path = log_path
        for _attempt in range(3):
            self._spawn()
            if self._wait_healthy():
                return
        raise RuntimeError(f"app did not start; log: {log_path.read_text()}")

    def _spawn(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # unbuffered: the log shows the URL line as soon as Streamlit listens
        env = {**os.environ, "CARTERA_DB": str(self.db_path), "PYTHONUNBUFFERED": "1"}
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _wait_healthy(self) -> bool:
        """True once this server answers on its port; False if it lost the port (retry)."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            log = self.log_path.read_text(errors="replace")
            if self.proc.poll() is not None:
                self._log.close()
                if PORT_TAKEN.search(log):
                    return False
                raise RuntimeError(f"app exited early; log: {log}")
            # Streamlit prints the URL once it listens: a health answer before that could come
            # from another test's server that took the port first.
            if self.url in log:
                try:
                    with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            return True
                except OSError:
                    pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"app did not start in {STARTUP_TIMEOUT} s; log: {self.log_path}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()


@pytest.fixture
def start_app(tmp_path, request):
    """Factory: ``start_app(db_path)`` starts the app on that database and stops it afterwards.

    If the test failed, the end of each server's log is printed (shown with the failure)."""
    servers = []

    def _start(db_path: Path) -> AppServer:
        srv = AppServer(Path(db_path), tmp_path / f"app{len(servers)}.log")
        servers.append(srv)
        return srv

    yield _start
    for srv in servers:
        srv.stop()
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for srv in servers:
            tail = srv.log_path.read_text(errors="replace").splitlines()[-40:]
            print(f"--- {srv.log_path} (last 40 lines) ---", *tail, sep="\n")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep the call report on the item, for fixtures that add detail to a failure."""
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


@pytest.fixture
def demo_app(start_app, demo_copy):
    """The app on a private copy of the demo database."""
    return start_app(demo_copy)


@pytest.fixture
def empty_app(start_app, tmp_path):
    """The app on a new, empty database (migrated, no data)."""
    from kam_core.store import db

    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # exists and is migrated, so the app does not fill it with the demo
    return start_app(path)


# Streamlit marks its root element: data-test-script-state is "initial" until the first run of
# the script has started, then "running" / "notRunning"; data-test-connection-state is
# "CONNECTED" once the websocket is up. (The status widget is absent before the first run, so
# waiting for it not to say "Running" returned before anything was drawn.)
APP_IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
TIMEOUT = 45_000  # ms; generous for a loaded 2-core machine, only spent when something is wrong
# Defaults for waits that name no timeout (Playwright's are 5 s for expect, 30 s for actions):
# two servers and two browsers share two cores under `make test`.
expect.set_options(timeout=20_000)


@pytest.fixture
def page(page):
    page.set_default_timeout(TIMEOUT)
    return page


def wait_for_app(page, timeout: float = TIMEOUT) -> None:
    """Wait until the server has finished a run of the script and the page is idle.

    Use it between steps; then wait with ``expect`` on the element the next step needs (a
    run that a click has just requested may not have started yet when this returns)."""
    page.locator(APP_IDLE).wait_for(state="attached", timeout=timeout)


def goto(page, url: str, first: str | None = None, timeout: float = TIMEOUT) -> None:
    """Open ``url`` and wait for its first run to finish (and for the text ``first`` if given)."""
    page.goto(url)
    wait_for_app(page, timeout)
    if first is not None:
        expect(page.get_by_text(first).first).to_be_visible(timeout=timeout)


def pick(page, label: str, option: str, timeout: float = TIMEOUT) -> None:
    """Choose ``option`` in the selectbox labelled ``label`` (typing filters the options) and wait
    until the box shows it and the app is idle again."""
    box = (
        page.locator('[data-testid="stSelectbox"]')
        .filter(has=page.get_by_text(label, exact=True))
        .first
    )
    box.click(timeout=timeout)
    page.keyboard.type(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click(timeout=timeout)
    # the box is a combobox: the chosen option is its input's value
    expect(box.get_by_role("combobox")).to_have_value(
        re.compile(re.escape(option)), timeout=timeout
    )
    wait_for_app(page, timeout)
