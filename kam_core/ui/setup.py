"""One idempotent set-up that every page calls first: sign-in, connection, language, presentation
mode.

Pages run on their own under AppTest (without ``app.py``), so everything a page needs is built here,
not in the router. Only ``kam_core.ui`` imports streamlit.

Sign-in (issue 12). With an ``[auth]`` section in ``.streamlit/secrets.toml`` users sign in with
``st.login`` (OIDC) and act as their email: a visitor who is not signed in sees the sign-in screen
only, a signed-in email that is not a user of this Cartera the "ask your admin" page only, and
an identity whose token has expired is signed out (Streamlit keeps its identity cookie for 30
days and does not check the token's ``exp``). Without ``[auth]`` (local mode) the one local user
has every right, and a visitor from another computer is turned away: local mode serves this
computer only (``server.address`` is 127.0.0.1 in .streamlit/config.toml). The rules themselves
are enforced in the core (``kam_core.store.authz``); here they only decide what is shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

import streamlit as st

from kam_core.common.errors import CarteraError, DatabaseFileError
from kam_core.demo import builder
from kam_core.i18n import LANGS, fmt_money, fmt_num, fmt_pct, norm_lang, t, use_currency
from kam_core.store import authz, backup, db, rates
from kam_core.ui import backups as backups_ui
from kam_core.ui.flash import show as show_flash
from kam_core.ui.links import page_link
from kam_core.ui.text import plain

LANG_NAMES = {"en": "English", "es": "Español"}


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str):
    """One DuckDB connection per database file for the whole server; queries use cursors.

    A database file that does not exist yet is created and filled with the demo, so a new user
    sees a full product on the first visit.
    """
    is_new = path != ":memory:" and not Path(path).exists()
    con = db.connect(path)
    try:
        # Every block read once per server start: a damaged file is said here, with the way
        # back (restore a backup), instead of failing on whichever page first touches it.
        db.verify(con, path)
    except CarteraError:
        con.close()
        raise
    if is_new:
        builder.ensure_demo(con)
    return con


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _reporting_currency(path: str, version: int) -> str:
    """Settings change only with the data version (settings.set_values bumps it)."""
    return rates.reporting_currency(_connection(path))


def connection():
    con = _connection(db.db_path())
    _daily_backup(con)
    return con


def _daily_backup(con) -> None:
    """The day's backup on the day's first page run (issue 14); a failure is said, never fatal."""
    try:
        backup.daily(con)
    except CarteraError as exc:
        st.toast(exc.render(current_lang(), escape=plain), icon=":material/warning:")


def current_lang() -> str:
    """Language from the session, else the ``lang`` URL parameter, else English."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = norm_lang(st.query_params.get("lang"))
    return norm_lang(st.session_state["lang"])


def auth_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section: users sign in."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all (Streamlit's StreamlitSecretNotFoundError)
        return False


def _signed_in_email() -> str | None:
    """The signed-in user's email (lower-case), None when nobody is signed in."""
    if not st.user.get("is_logged_in"):
        return None
    return authz.normalise_email(st.user.get("email")) or None


def current_user() -> str:
    """The acting user: the signed-in email, or in local mode the local user's name."""
    if auth_configured():
        return _signed_in_email() or ""
    return authz.local_user()


# Pages only some roles open (the core refuses their writes anyway): page -> action.
PAGE_ACTIONS = {"upload": "upload", "settings": "settings", "admin": "manage_users"}


def page_allowed(page: str) -> bool:
    """Whether the menu shows ``page`` (its url path) to the current visitor."""
    signed_in = auth_configured()
    authz.use_sign_in(signed_in)
    if not signed_in:
        return True
    email = _signed_in_email()
    if email is None:
        return False
    try:
        connection()
    except CarteraError:
        return False
    g = user_grants(email)
    return g.role is not None and (page not in PAGE_ACTIONS or g.allows(PAGE_ACTIONS[page]))


@st.cache_data(ttl=600, max_entries=256, show_spinner=False)
def _grants(path: str, user: str, signed_in: bool, writes: int) -> authz.Grants:
    """Keyed on this process's committed writes: users and teams change only through them (the
    file is this process's while the app runs), so an unchanged count means unchanged rights.
    For showing controls only; every write checks again, uncached (store.authz)."""
    return authz.grants(_connection(path), user)  # ``signed_in``: part of the key only


def user_grants(user: str) -> authz.Grants:
    """The user's rights for this run (role, own accounts), cached on the writes."""
    return _grants(db.db_path(), user, authz.signed_in_mode(), db.write_count())


# Presentation mode and its audience live in the URL (PRODUCT.md F-PR-1): ``present=1`` for our
# own people (everything), ``present=client`` in front of the client (nothing that judges the
# client's people or shows our internal assessments). Any other value is not presentation mode.
AUDIENCES = ("internal", "client")
PRESENT_VALUES = {"internal": "1", "client": "client"}


def _present_from_url() -> None:
    value = st.query_params.get("present")
    st.session_state["present"] = value in PRESENT_VALUES.values()
    st.session_state["audience"] = "client" if value == "client" else "internal"


def is_present() -> bool:
    if "present" not in st.session_state:
        _present_from_url()
    return bool(st.session_state["present"])


def current_audience() -> str | None:
    """``"internal"`` or ``"client"`` while presenting, else None."""
    if not is_present():
        return None
    return st.session_state.get("audience", "internal")


@dataclass
class Ctx:
    """What a page needs: the connection, the language, the user's rights and formatting
    shortcuts."""

    con: object
    lang: str
    present: bool
    user: str
    page: str
    signed_in: bool = False  # users sign in (``[auth]``); else local mode
    audience: str | None = None  # while presenting: "internal" or "client" (F-PR-1)

    @property
    def client(self) -> bool:
        """Presenting to the client: hide what judges their people or shows our assessments."""
        return self.present and self.audience == "client"

    @cached_property
    def grants(self) -> authz.Grants:
        """The user's role and own accounts, looked up once per page run (and cached)."""
        return user_grants(self.user)

    def can(self, action: str, account: str | None = None) -> bool:
        """Whether to show a control: the user may do ``action`` (on ``account``). Controls they
        may not use are not shown; the core refuses the write anyway."""
        return self.grants.allows(action, account)

    def read_only(self, account: str | None = None) -> bool:
        """No editing controls for this account: presentation mode, or the role edits it not."""
        return self.present or not self.can("edit_account", account)

    def t(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def money(self, x, decimals: int = 0, compact: bool = False) -> str:
        """An amount with the reporting currency's code (set by ``page_setup``)."""
        return fmt_money(x, self.lang, decimals, compact)

    def num(self, x, decimals: int = 0) -> str:
        return fmt_num(x, self.lang, decimals)

    def pct(self, x, decimals: int = 1) -> str:
        return fmt_pct(x, self.lang, decimals)

    @cached_property
    def data_version(self) -> int:
        """Read once per page run (one Ctx per run): every cache key of the run uses it."""
        return db.data_version(self.con)


# The open tab of a page (``lazy_tabs``): the URL parameter naming it (its label), the tabs'
# widget key and, kept by ``lazy_tabs`` on every run, the catalogue keys of the page's tabs.
TAB_STATE = "view"
TAB_WIDGET = "_view_tabs"
TAB_KEYS = "_view_label_keys"


def _on_lang_change():
    old = current_lang()
    new = norm_lang(st.session_state["_lang_picker"])
    st.session_state["lang"] = new
    st.query_params["lang"] = new
    # The open tab is named by its label in the URL (``?view=``), so the same tab has another
    # name in the new language; without this the page reopened on its first tab (issue 8).
    label = st.query_params.get(TAB_STATE)
    for key in st.session_state.get(TAB_KEYS, ()):
        if label == t(key, old):
            st.query_params[TAB_STATE] = t(key, new)
            break


def _set_present_url(on: bool, audience: str) -> None:
    if on:
        st.query_params["present"] = PRESENT_VALUES.get(audience, "1")
    elif "present" in st.query_params:
        del st.query_params["present"]


def _on_present_change():
    st.session_state["present"] = st.session_state["_present_toggle"]
    st.session_state["audience"] = st.session_state.get("_present_audience") or "internal"
    _set_present_url(st.session_state["present"], st.session_state["audience"])


def _on_audience_change():
    st.session_state["audience"] = st.session_state.get("_present_audience") or "internal"
    _set_present_url(bool(st.session_state.get("present")), st.session_state["audience"])


def _exit_present():
    st.session_state["present"] = False
    st.session_state["_present_toggle"] = False
    _set_present_url(False, "internal")


# Static CSS only (no user data). Streamlit's table toolbar "Download as CSV" does not neutralise
# spreadsheet formulas; tables offer kam_core.ui.tables' safe CSV/Excel buttons instead.
_BASE_CSS = """
<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) {display: none;}
</style>
"""


def _css_string(text: str) -> str:
    """Catalogue text (ours, never user data) as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _streamlit_texts_css(lang: str) -> str:
    """Streamlit's own texts in the user's language (issue 14), by static CSS with our catalogue
    text: the uploader's button, size line and error tooltip (drawn by the browser, never sent to
    the server) in Spanish, and the generic "This app has encountered an error" box (when error
    details are hidden, as in production) in both languages."""
    rules = []
    if st.get_option("client.showErrorDetails") in ("none", False, "false"):
        rules.append(
            '[data-testid="stExceptionMessage"] {font-size: 0;}'
            '[data-testid="stExceptionMessage"]::after {font-size: 1rem; content: '
            + _css_string(t("hd.ui.unexpected", lang))
            + ";}"
            '[data-testid="stExceptionMessage"] + div {display: none;}'
        )
    if norm_lang(lang) == "es":
        mb = fmt_num(st.get_option("server.maxUploadSize"), lang)
        for selector, text, size in (
            (
                '[data-testid="stFileUploaderDropzoneInstructions"] span',
                "hd.up.instructions",
                "14px",
            ),
            ('[data-testid="stTooltipErrorContent"]', "hd.up.too_big", "14px"),
            (
                '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p',
                "hd.up.button",
                "1rem",
            ),
        ):
            rules.append(
                f"{selector} {{font-size: 0;}} {selector}::after {{font-size: {size}; content: "
                + _css_string(t(text, lang, mb=mb))
                + ";}"
            )
    return "<style>" + "".join(rules) + "</style>" if rules else ""


def _style(css: str) -> None:
    """Static CSS (ours, never user data). ``st.html`` with only ``<style>`` goes to Streamlit's
    event container (no element, no gap) and needs no Markdown-with-HTML renderer in the browser
    (~0.2 MB of JavaScript that ``st.markdown(unsafe_allow_html=True)`` loads on a first visit)."""
    if css:
        st.html(css)


# Static CSS only (no user data): bigger type and no sidebar in presentation mode.
_PRESENT_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] {display: none !important;}
.block-container {padding-top: 1rem; max-width: 100% !important;}
html, body, [data-testid="stMarkdownContainer"] p {font-size: 1.15rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {font-size: 2.6rem !important;
  line-height: 1.2;}
[data-testid="stMetricLabel"] p {font-size: 1.05rem !important;}
</style>
"""


def _leave_pages_directory_mode() -> None:
    """Make a deep link (``/tiers``) on a fresh server run through ``app.py``'s navigation.

    Streamlit treats a folder named ``pages/`` as "MPA v1" until some session has executed
    ``st.navigation``; until then a first request for ``/tiers`` runs the page file alone with an
    automatic, untranslated menu. Our layout keeps ``pages/`` (the product's structure), so the
    first such run switches the server to ``st.navigation`` mode and reruns through the router.
    (Internal flag of Streamlit 1.67, pinned in requirements.txt; tests/e2e/test_smoke.py guards it.)
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a future Streamlit without the v1 mode
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _language_picker(lang: str) -> None:
    st.selectbox(
        t("ui.language", lang),
        LANGS,
        index=LANGS.index(lang),
        format_func=LANG_NAMES.get,
        key="_lang_picker",
        on_change=_on_lang_change,
    )


def _sign_out_button(lang: str, where=st) -> None:
    if where.button(t("au.sign_out", lang), icon=":material/logout:", key="_au_sign_out"):
        st.logout()
        st.stop()


def _sign_in_page(lang: str) -> None:
    """The only thing a visitor who is not signed in sees. Stops the page."""
    with st.sidebar:
        _language_picker(lang)
    st.title(t("au.sign_in.title", lang))
    st.write(t("au.sign_in.body", lang))
    if st.button(
        t("au.sign_in.button", lang), type="primary", icon=":material/login:", key="_au_sign_in"
    ):
        st.login()
    st.stop()


def _token_expired() -> bool:
    """The identity token's ``exp`` (seconds since 1970) has passed (or cannot be read)."""
    exp = st.user.get("exp")
    if exp is None:
        return False
    try:
        return float(exp) <= time.time()
    except (TypeError, ValueError):
        return True


def _signed_in_identity(lang: str) -> str:
    """The signed-in email; otherwise the sign-in screen (stops). An expired token signs out."""
    if not st.user.get("is_logged_in"):
        _sign_in_page(lang)
    if _token_expired():
        st.logout()  # a new session begins, on the sign-in screen
        st.stop()
    email = _signed_in_email()
    if email is None:  # the provider gave no email claim: nobody we could know
        _ask_admin_page(lang, "")
    return email


def _ask_admin_page(lang: str, email: str) -> None:
    """A signed-in identity that is not a user here sees this and nothing else. Stops."""
    with st.sidebar:
        _language_picker(lang)
        _sign_out_button(lang)
    st.title(t("au.unknown.title", lang))
    st.warning(t("au.unknown.body", lang, email=plain(email or "–")), icon=":material/lock:")
    st.caption(t("au.unknown.help", lang))
    st.stop()


def _local_only(lang: str) -> None:
    """Local mode serves this computer only: another computer's visit is turned away."""
    try:
        ip = st.context.ip_address  # None for 127.0.0.1 / ::1
    except Exception:  # noqa: BLE001 - no request context (AppTest, bare run)
        ip = None
    if isinstance(ip, str) and ip and not ip.startswith(("127.", "::ffff:127.")):
        st.title("Cartera")
        st.error(t("au.local.remote", lang), icon=":material/lock:")
        st.stop()


def _user_box(ctx: Ctx) -> None:
    """Sidebar: who is signed in, with Sign out; or that this is local mode."""
    if not ctx.signed_in:
        st.caption(ctx.t("au.local.you", user=plain(ctx.user)))
        return
    g = ctx.grants
    st.caption(
        ctx.t("au.signed_in_as", name=plain(g.name or ctx.user), role=ctx.t(f"au.role.{g.role}"))
    )
    _sign_out_button(ctx.lang)


# Pages made of controls that change data (uploads and their undo, settings, users): nothing to
# present, so presentation mode says so instead (F-PR-1: no control that changes data).
NOT_PRESENTED = ("upload", "settings", "admin")
# In front of a client only that client's own account is shown: every other page lists other
# customers with their revenue (confidential) and our classifications of them (tiers, key status,
# early warnings, duplicates, KAM load), so a client audience gets a note and a way to the account.
NOT_FOR_CLIENT = ("portfolio", "tiers", "team", "warnings", "accounts")


def _audience_label(lang: str, audience: str) -> str:
    return t(f"pr.audience.{audience}", lang)


def _present_controls(ctx: Ctx) -> None:
    """Sidebar: presentation mode and who it is for, chosen before entering it."""
    st.toggle(
        ctx.t("ui.present"),
        value=ctx.present,
        key="_present_toggle",
        help=ctx.t("ui.present.help"),
        on_change=_on_present_change,
    )
    st.session_state["_present_audience"] = st.session_state.get("audience", "internal")
    # A select box, with what each audience sees in its help: on every page and every first
    # visit, a radio with two captions was among the sidebar's heaviest elements (issue 9).
    st.selectbox(
        ctx.t("pr.audience"),
        AUDIENCES,
        key="_present_audience",
        format_func=partial(_audience_label, ctx.lang),
        help="\n\n".join(
            f"**{ctx.t(f'pr.audience.{a}')}**: {ctx.t(f'pr.audience.{a}.help')}" for a in AUDIENCES
        ),
        on_change=_on_audience_change,
    )


def _exit_bar(ctx: Ctx) -> None:
    """Top of a presented page: who it is presented to, and the way out (back to this view)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            ctx.t("ui.present.exit"),
            icon=":material/close_fullscreen:",
            type="tertiary",
            key="_present_exit",
            on_click=_exit_present,
        )
        st.caption(ctx.t(f"pr.presenting.{ctx.audience or 'internal'}"))


def _not_presented(ctx: Ctx) -> None:
    """Presentation mode on a page that has nothing to present (to this audience). Stops."""
    st.title(ctx.t(f"nav.{ctx.page}"), anchor=False)
    which = "pr.not_presented" if ctx.page in NOT_PRESENTED else "pr.not_for_client"
    st.info(ctx.t(which), icon=":material/visibility_off:")
    if which == "pr.not_for_client":
        query = {"present": "client", "lang": ctx.lang}
        page_link(ctx.t("pr.to_account"), "account", ":material/domain:", query)
    st.stop()


def page_setup(page: str) -> Ctx:
    """Call at the top of every page. Renders the shared sidebar; returns the page context."""
    _leave_pages_directory_mode()
    lang = current_lang()
    present = is_present()
    signed_in = auth_configured()
    authz.use_sign_in(signed_in)  # the core enforces the roles from here on (store.authz)
    if signed_in:
        user = _signed_in_identity(lang)
    else:
        _local_only(lang)
        user = authz.local_user()
    try:
        con = connection()
    except DatabaseFileError as exc:  # damaged, unreadable, newer: say so, offer the backup
        backups_ui.damaged_page(lang, exc, _connection.clear)
    except CarteraError as exc:
        st.error(exc.render(lang, escape=plain))
        st.stop()
    ctx = Ctx(
        con=con,
        lang=lang,
        present=present,
        user=user,
        page=page,
        signed_in=signed_in,
        audience=current_audience(),
    )
    if signed_in and ctx.grants.role is None:
        _ask_admin_page(lang, user)
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    with st.sidebar:
        _language_picker(lang)
        _present_controls(ctx)
        _user_box(ctx)
    # No preloaded chart for the first visit (issue 9): a hidden blank figure in the sidebar
    # cost a new visitor's browser more (a second Plotly drawing, forced layouts over the whole
    # page) than starting the chart library's download a few hundred ms early saved: measured
    # with bench/bench_first_visit.py, browser CPU per first visit ~4.2 s with it, ~3.3 s without.
    _style(_BASE_CSS)
    _style(_streamlit_texts_css(lang))
    if present:
        _style(_PRESENT_CSS)
        _exit_bar(ctx)
    show_flash()
    if page in PAGE_ACTIONS and not ctx.can(PAGE_ACTIONS[page]):
        st.error(ctx.t("au.page_denied"), icon=":material/lock:")
        st.stop()
    if present and (page in NOT_PRESENTED or (ctx.client and page in NOT_FOR_CLIENT)):
        _not_presented(ctx)
    # every amount of this run shows it (F-IN-10); a setting, so cached on the data version
    use_currency(_reporting_currency(db.db_path(), ctx.data_version))
    return ctx


def show_error(ctx: Ctx, exc: CarteraError) -> None:
    st.error(exc.render(ctx.lang))
