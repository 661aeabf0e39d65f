"""Issue 12 in a real browser: sign-in with st.login against a local OpenID provider
(``oidc-provider-mock`` on 127.0.0.1, started here on a free port; ``[auth]`` given to the app
through ``STREAMLIT_SECRETS_FILES``, a secrets.toml in this test's temporary folder).

A ``kam`` signs in, edits a contact on the account they lead, finds no control to change another
account's plan (and the core refuses a forced call); a ``viewer`` sees no editing control and no
upload page; an unknown email sees the "ask your admin" page; sign-out works. Without secrets
the app opens as before, on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from kam_core.accounts import overview, plans
from kam_core.accounts import relationships as rel
from kam_core.common.errors import PermissionDenied
from kam_core.store import audit, authz, db, users
from tests.e2e.conftest import ROOT, TIMEOUT, _free_port, pick, wait_for_app

pytestmark = pytest.mark.e2e

PEOPLE = {
    "kam": {"sub": "kam", "email": "kam@example.es", "name": "Kim Kam"},
    "viewer": {"sub": "viewer", "email": "viewer@example.es", "name": "Vera Viewer"},
    "stranger": {"sub": "stranger", "email": "stranger@example.es", "name": "Sam Stranger"},
}
NEW_TITLE = "Jefa de Compras"


@pytest.fixture
def provider(tmp_path):
    """oidc-provider-mock on 127.0.0.1 with three predefined users; stopped by its PID."""
    port = _free_port()
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for claims in PEOPLE.values():
        cmd += ["--user-claims", json.dumps(claims)]
    log = open(tmp_path / "oidc.log", "w")
    proc = subprocess.Popen(
        cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/.well-known/openid-configuration", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise RuntimeError((tmp_path / "oidc.log").read_text()) from None
            time.sleep(0.2)
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=15)
    log.close()


@pytest.fixture
def team(demo_copy):
    """The demo with a KAM who leads the top key account, and a viewer (written before the app
    starts: the command line's local mode)."""
    con = db.connect(demo_copy)
    own = overview.default_account(con)
    lead = db.scalar(
        con,
        "SELECT person_id FROM account_team WHERE account_key = ? AND team_role = 'lead'",
        [own],
    )
    other = db.scalar(
        con,
        "SELECT min(account_key) FROM account_team WHERE team_role = 'lead' AND account_key "
        "NOT IN (SELECT account_key FROM account_team WHERE person_id = ?)",
        [lead],
    )
    contact = rel.contacts(con, own).iloc[0]["name"]
    users.save(con, PEOPLE["kam"]["email"], "kam", None, name="Kim Kam", person=int(lead))
    users.save(con, PEOPLE["viewer"]["email"], "viewer", None, name="Vera Viewer")
    con.close()
    return demo_copy, own, other, contact


@pytest.fixture
def signed_in_app(start_app, team, provider, tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "cartera-e2e-cookie-secret-long-enough"\n'
        'client_id = "cartera-e2e"\n'
        'client_secret = "cartera-e2e-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    monkeypatch.setenv("STREAMLIT_SECRETS_FILES", str(secrets))  # read by `streamlit run`
    return start_app(team[0]), team


def sign_in(page, url: str, who: str, path: str = "") -> None:
    """Sign in as ``who`` (a predefined user of the provider), then open ``path``."""
    page.goto(url + path)
    expect(page.get_by_text("Sign in to Cartera").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Sign in").click()
    # the provider's page: one button per predefined user; then back to the app's home page
    page.get_by_role("button", name=who, exact=True).click()
    page.wait_for_url(url + "/**", timeout=TIMEOUT)
    wait_for_app(page)
    if path:
        page.goto(url + path)
        wait_for_app(page)


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def test_roles_in_a_real_browser(signed_in_app, browser):
    app, (path, own, other, contact) = signed_in_app

    def new_page():
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.set_default_timeout(TIMEOUT)
        return ctx, ctx.new_page()

    # --- a KAM: edits a contact on the account they lead
    kam_ctx, page = new_page()
    sign_in(page, app.url, "kam", f"/account?account={quote(own)}")
    expect(sidebar(page).get_by_text("Signed in as").first).to_be_visible(timeout=TIMEOUT)
    expect(sidebar(page)).to_contain_text("Kim Kam")
    expect(page.get_by_role("tab", name="Relationship map")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    pick(page, "Contact", contact)
    form = page.locator('[data-testid="stForm"]').filter(
        has=page.get_by_role("button", name="Save contact")
    )
    expect(form).to_have_count(1, timeout=TIMEOUT)  # the new contact's form has gone
    expect(form.get_by_label("Name", exact=True)).to_have_value(contact, timeout=TIMEOUT)
    form.get_by_label("Job title", exact=True).fill(NEW_TITLE)
    form.get_by_role("button", name="Save contact").click()
    expect(page.get_by_text("Saved.").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    # ... and finds no control to change another account's plan or map
    page.goto(app.url + f"/account?account={quote(other)}&view=Account+plan")
    expect(page.get_by_text("Objectives").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    for label in ("Add objective", "Add competitor", "Add action", "Save"):
        expect(page.get_by_role("button", name=label, exact=True)).to_have_count(0)
    # tables are edited in place and saved at once: the line saying so comes only with an editor
    expect(page.get_by_text("Each change is saved as soon as you leave the cell.")).to_have_count(0)
    page.goto(app.url + f"/account?account={quote(other)}")
    expect(page.get_by_role("tab", name="Relationship map")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.get_by_role("button", name="Add contact")).to_have_count(0)
    # sign-out: through the provider's end-session page, back to the sign-in screen
    sidebar(page).get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_text("Sign in to Cartera").first).to_be_visible(timeout=TIMEOUT)
    page.goto(app.url + f"/account?account={quote(own)}")
    expect(page.get_by_text("Sign in to Cartera").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("tab", name="Relationship map")).to_have_count(0)
    kam_ctx.close()

    # --- a viewer: no editing control, no upload page
    viewer_ctx, page = new_page()
    sign_in(page, app.url, "viewer", f"/account?account={quote(own)}")
    expect(page.get_by_role("tab", name="Relationship map")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    labels = page.locator('[data-testid="stPlotlyChart"] svg text')  # the map: reads it all
    expect(labels.filter(has_text=NEW_TITLE).first).to_be_attached(timeout=TIMEOUT)
    for label in ("Add contact", "Save contact", "Save coverage"):
        expect(page.get_by_role("button", name=label)).to_have_count(0)
    expect(page.get_by_text("Each change is saved as soon as you leave the cell.")).to_have_count(0)
    nav = page.locator(".st-key-cartera_nav")
    expect(nav).to_contain_text("Account")
    for hidden in ("Upload", "Settings", "Admin"):
        expect(nav.get_by_text(hidden, exact=True)).to_have_count(0)
    page.goto(app.url + "/upload")
    expect(page.get_by_text("Your role does not open this page.").first).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.locator('input[type="file"]')).to_have_count(0)
    page.goto(app.url + f"/account?account={quote(own)}&view=Account+plan")
    expect(page.get_by_text("Objectives").first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.get_by_role("button", name="Add objective")).to_have_count(0)
    viewer_ctx.close()

    # --- an unknown email: "ask your admin", nothing else
    stranger_ctx, page = new_page()
    sign_in(page, app.url, "stranger")
    expect(page.get_by_text("Ask your admin for access").first).to_be_visible(timeout=TIMEOUT)
    # (Streamlit puts an invisible word joiner after the @ so the address is no link)
    expect(page.get_by_role("alert").first).to_contain_text("stranger@")
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(0)
    expect(page.locator(".st-key-cartera_nav a")).to_have_count(0)
    stranger_ctx.close()

    # --- the core, whatever the page shows: the KAM's edit is in, audited under their email,
    # and a forced write to another account's plan is refused
    app.stop()
    con = db.connect(path)
    try:
        row = rel.contacts(con, own).set_index("name").loc[contact]
        assert row["title"] == NEW_TITLE and row["updated_by"] == "kam@example.es"
        last = audit.entries(con, entity="contacts", actor="kam@example.es")
        assert len(last) == 1 and json.loads(last.iloc[0]["after_values"]) == {"title": NEW_TITLE}
        with authz.sign_in_mode(True):
            with pytest.raises(PermissionDenied):
                plans.add_item(
                    con, "objectives", other, 2026, {"description": "x"}, "kam@example.es"
                )
    finally:
        con.close()


def _outward_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the interface
            addr = s.getsockname()[0]
    except OSError:
        return None
    return None if addr.startswith("127.") else addr


def test_local_mode_listens_on_loopback_only(demo_copy, tmp_path, page):
    """`make run` without secrets: .streamlit/config.toml's address, nothing on the command
    line. The app opens as before (local user, every right); other interfaces are closed."""
    port = _free_port()
    log = open(tmp_path / "local.log", "w")
    env = {**os.environ, "CARTERA_DB": str(demo_copy), "PYTHONUNBUFFERED": "1"}
    env.pop("STREAMLIT_SECRETS_FILES", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None, (tmp_path / "local.log").read_text()
                assert time.monotonic() < deadline, "app did not start"
                time.sleep(0.3)
        outward = _outward_address()
        if outward:
            with pytest.raises(OSError):
                socket.create_connection((outward, port), timeout=2).close()
        page.goto(url)
        expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible(timeout=TIMEOUT)
        expect(sidebar(page)).to_contain_text("Local mode: you are")
        expect(page.locator(".st-key-cartera_nav")).to_contain_text("Upload")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
        log.close()
