"""Playwright end-to-end fixtures: the real app as its own process, Debian's Chromium headless.

Never ``playwright install``: the browser is /usr/bin/chromium (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CARTERA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run .ci/run or apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """A running ``streamlit run app.py`` on its own database; stopped by PID."""

    def __init__(self, db_path: Path, log_path: Path):
        self.db_path = db_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "CARTERA_DB": str(db_path)}
        self._log = open(log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.headless", "true", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited early; log: {log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("app did not start in 60 s")

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
def start_app(tmp_path):
    """Factory: ``start_app(db_path)`` starts the app on that database and stops it afterwards."""
    servers = []

    def _start(db_path: Path) -> AppServer:
        srv = AppServer(Path(db_path), tmp_path / f"app{len(servers)}.log")
        servers.append(srv)
        return srv

    yield _start
    for srv in servers:
        srv.stop()


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


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script (no 'running' indicator)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the selectbox labelled ``label`` (typing filters the options)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_text(label, exact=True)).first
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()
    wait_for_app(page)


@pytest.fixture(scope="session")
def _chromium_present():
    return shutil.which(CHROMIUM) or Path(CHROMIUM).exists()
