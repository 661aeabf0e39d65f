"""Issue 12 under AppTest: the admin page (users and roles, the audit log and its filters), in
local mode and signed in; what each role sees (sign-in screen, ask-your-admin page, pages and
controls turned away); an expired token signs out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kam_core.accounts import overview, plans
from kam_core.store import authz, db, users

ROOT = Path(__file__).resolve().parents[2]
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-enough-cookie-secret",
    "client_id": "cartera",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def demo(demo_copy, monkeypatch):
    monkeypatch.setenv("CARTERA_DB", str(demo_copy))
    monkeypatch.setenv("CARTERA_USER", "maria")
    con = db.connect(demo_copy)
    key = overview.default_account(con)
    lead = db.scalar(
        con,
        "SELECT p.name FROM account_team t JOIN people p USING (person_id) "
        "WHERE t.account_key = ? AND t.team_role = 'lead'",
        [key],
    )
    users.save(con, "admin@example.es", "admin", None, name="Alba")
    users.save(con, "kam@example.es", "kam", None, name="Kim", person=lead)
    users.save(con, "viewer@example.es", "viewer", None, name="Vera")
    yield con, key
    con.close()
    authz.use_sign_in(False)  # this process's mode back to local for the next test


def page(name: str, email: str | None = None, lang: str = "en", exp: float | None = None, **q):
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in q.items():
        at.query_params[k] = v
    if email is not None or exp is not None:
        at.secrets["auth"] = AUTH
        at.user = (
            {"is_logged_in": False}
            if email is None
            else {
                "is_logged_in": True,
                "email": email,
                "name": email.split("@")[0].title(),
                "exp": exp or time.time() + 3600,
            }
        )
    return at.run()


def table(at, column: str):
    """The dataframe with this column (AppTest does not expose st.dataframe keys)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, column
    return found[-1]


def _texts(at) -> str:
    parts = [
        e.value
        for kind in ("title", "markdown", "caption", "warning", "error", "info", "success")
        for e in getattr(at, kind)
    ]
    parts += [e.value for e in at.sidebar.caption]
    # (plain() may put an invisible word joiner after an @: no automatic mail link)
    return "\n".join(str(p) for p in parts).replace("\u2060", "")


def test_local_mode_admin_manages_users_and_reads_the_log(demo):
    con, _ = demo
    at = page("admin")
    assert not at.exception
    assert at.title[0].value == "Administration"
    assert "Local mode: you are maria, with every right." in _texts(at)
    at.text_input(key="au_email").set_value("Eva@Example.es")
    at.text_input(key="au_name").set_value("Eva")
    at.selectbox(key="au_role").set_value("director")
    at.button(key="FormSubmitter:au_user_form-Save user").click().run()
    assert not at.exception
    assert users.get(con, "eva@example.es")["role"] == "director"
    assert "eva@example.es added." in _texts(at)
    # the log shows it, and the filters narrow it
    log = table(at, "Who")
    assert "eva@example.es" in set(log["Which"]) and "maria" in set(log["Who"])
    at.selectbox(key="au_f_entity").set_value("users").run()
    log = table(at, "Who")
    assert set(log["What"]) == {"user"}
    assert "role: – → director" in " ".join(log["Change (before → after)"])
    # remove, after confirming
    at.selectbox(key="au_remove_email").set_value("eva@example.es")
    at.checkbox(key="au_remove_sure").check()
    at.button(key="FormSubmitter:au_remove_form-Remove user").click().run()
    assert users.get(con, "eva@example.es") is None


def test_signed_in_admin_in_spanish(demo):
    at = page("admin", "ADMIN@example.es", lang="es")
    assert not at.exception
    assert at.title[0].value == "Administración"
    assert "Sesión de **Alba** · administrador" in _texts(at)
    assert any(b.label == "Cerrar sesión" for b in at.sidebar.button)
    assert table(at, "Correo").shape[0] == 3


@pytest.mark.parametrize("role", ["kam", "viewer"])
def test_other_roles_are_turned_away_from_admin_upload_and_settings(demo, role):
    for name in ("admin", "upload", "settings"):
        at = page(name, f"{role}@example.es")
        assert not at.exception
        assert "Your role does not open this page." in _texts(at), name
        assert [b.key for b in at.button] == ["_au_sign_out"], name  # nothing to use
        assert not at.text_input, name


def test_visitors_sign_in_first_and_strangers_ask_their_admin(demo):
    at = page("portfolio", exp=time.time() + 60)  # not signed in
    assert at.title[0].value == "Sign in to Cartera"
    assert [b.label for b in at.button] == ["Sign in"]
    at = page("account", "stranger@example.es", lang="es")
    assert at.title[0].value == "Pide acceso a tu administrador"
    assert "stranger@example.es" in _texts(at)
    assert [b.label for b in at.sidebar.button] == ["Cerrar sesión"]
    assert not at.dataframe and not at.get("plotly_chart")  # nothing of the data


def test_an_expired_token_signs_out(demo):
    at = page("portfolio", "kam@example.es", exp=time.time() - 5)
    assert not at.exception
    assert at.user.get("is_logged_in") is False
    assert not at.dataframe and not at.get("plotly_chart")


def test_account_page_shows_edit_controls_by_role_and_its_own_history(demo):
    con, key = demo
    other = db.scalar(
        con,
        "SELECT min(account_key) FROM accounts WHERE account_key NOT IN "
        "(SELECT account_key FROM account_team WHERE person_id = "
        "(SELECT person_id FROM users WHERE email = 'kam@example.es'))",
    )
    own = page("account", "kam@example.es", account=key)
    assert not own.exception
    assert own.data_editor  # the contacts table, edited in place (saved at once)
    assert any("Export personal data" in b.label for b in own.get("download_button"))
    theirs = page("account", "kam@example.es", account=other)
    assert not theirs.exception
    assert not theirs.data_editor
    assert not theirs.get("download_button") or all(
        "Export personal data" not in b.label for b in theirs.get("download_button")
    )
    for view in ("Relationship map", "Account plan", "Activity and requests"):
        viewer = page("account", "viewer@example.es", account=key, view=view)
        assert not viewer.exception
        assert not [b.key for b in viewer.button if "FormSubmitter" in (b.key or "")], view
        assert not viewer.data_editor, view
        # (the account search beside the picker only finds accounts: it writes nothing)
        editing = [i.key for i in viewer.text_input if i.key != "_acc_find"]
        assert not viewer.data_editor and not editing, view
    # the account's own history: an edit lands there, with who and what
    authz.use_sign_in(False)  # the signed-in pages above left this process in that mode
    users.save(con, "eva@example.es", "viewer", None)  # not about the account: not shown
    assert users.save(con, "dir@example.es", "director", None)
    with authz.sign_in_mode(True):
        plans.save_texts(con, key, 2026, {"value_proposition": "Fast service"}, "dir@example.es")
    hist = page("account", "dir@example.es", account=key, view="History")
    assert not hist.exception
    log = table(hist, "Who")
    assert list(log["Who"]) == ["dir@example.es"]
    assert log["Change (before → after)"][0].endswith("… → Fast service")  # long: cut
