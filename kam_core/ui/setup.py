"""One idempotent set-up that every page calls first: connection, language, presentation mode.

Pages run on their own under AppTest (without ``app.py``), so everything a page needs is built here,
not in the router. Only ``kam_core.ui`` imports streamlit.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.demo import builder
from kam_core.i18n import LANGS, fmt_money, fmt_num, fmt_pct, norm_lang, t
from kam_core.store import db
from kam_core.ui.flash import show as show_flash

LANG_NAMES = {"en": "English", "es": "Español"}


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str):
    """One DuckDB connection per database file for the whole server; queries use cursors.

    A database file that does not exist yet is created and filled with the demo, so a new user
    sees a full product on the first visit.
    """
    is_new = path != ":memory:" and not Path(path).exists()
    con = db.connect(path)
    if is_new:
        builder.ensure_demo(con)
    return con


def connection():
    return _connection(db.db_path())


def current_lang() -> str:
    """Language from the session, else the ``lang`` URL parameter, else English."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = norm_lang(st.query_params.get("lang"))
    return norm_lang(st.session_state["lang"])


def current_user() -> str:
    try:
        user = st.context.headers.get("X-Forwarded-User")  # set by an auth proxy, if any
    except Exception:  # noqa: BLE001 - no request context (AppTest, bare run)
        user = None
    return user or os.environ.get("CARTERA_USER") or getpass.getuser()


def is_present() -> bool:
    if "present" not in st.session_state:
        st.session_state["present"] = st.query_params.get("present") == "1"
    return bool(st.session_state["present"])


@dataclass
class Ctx:
    """What a page needs: the connection, the language and formatting shortcuts."""

    con: object
    lang: str
    present: bool
    user: str
    page: str

    def t(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def money(self, x, decimals: int = 0, compact: bool = False) -> str:
        return fmt_money(x, self.lang, decimals, compact)

    def num(self, x, decimals: int = 0) -> str:
        return fmt_num(x, self.lang, decimals)

    def pct(self, x, decimals: int = 1) -> str:
        return fmt_pct(x, self.lang, decimals)

    @property
    def data_version(self) -> int:
        return db.data_version(self.con)


def _on_lang_change():
    st.session_state["lang"] = st.session_state["_lang_picker"]
    st.query_params["lang"] = st.session_state["lang"]


def _on_present_change():
    st.session_state["present"] = st.session_state["_present_toggle"]
    if st.session_state["present"]:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _exit_present():
    st.session_state["present"] = False
    st.session_state["_present_toggle"] = False
    if "present" in st.query_params:
        del st.query_params["present"]


# Static CSS only (no user data). Streamlit's table toolbar "Download as CSV" does not neutralise
# spreadsheet formulas; tables offer kam_core.ui.tables' safe CSV/Excel buttons instead.
_BASE_CSS = """
<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) {display: none;}
</style>
"""

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


@st.cache_resource(show_spinner=False)
def _blank_figure():
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.update_layout(
        height=10,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        xaxis={"visible": False},
        yaxis={"visible": False},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def _preload_charts() -> None:
    """Start loading the browser's chart library (about 4.7 MB of JavaScript) with the sidebar.

    The first chart of a page otherwise waits for its own element before the library is even
    requested; on a 2-core machine that costs about a second of a new visitor's first view
    (measured with bench/bench_first_visit.py). The element is an empty, 10-px, static figure.
    """
    st.plotly_chart(
        _blank_figure(), config={"staticPlot": True, "displayModeBar": False}, key="_chart_preload"
    )


def page_setup(page: str) -> Ctx:
    """Call at the top of every page. Renders the shared sidebar; returns the page context."""
    _leave_pages_directory_mode()
    lang = current_lang()
    present = is_present()
    try:
        con = connection()
    except CarteraError as exc:
        st.error(exc.render(lang))
        st.stop()
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    with st.sidebar:
        st.selectbox(
            t("ui.language", lang),
            LANGS,
            index=LANGS.index(lang),
            format_func=LANG_NAMES.get,
            key="_lang_picker",
            on_change=_on_lang_change,
        )
        st.toggle(
            t("ui.present", lang),
            value=present,
            key="_present_toggle",
            help=t("ui.present.help", lang),
            on_change=_on_present_change,
        )
        _preload_charts()
    st.markdown(_BASE_CSS, unsafe_allow_html=True)
    if present:
        st.markdown(_PRESENT_CSS, unsafe_allow_html=True)
        st.button(
            t("ui.present.exit", lang),
            icon=":material/close_fullscreen:",
            type="tertiary",
            key="_present_exit",
            on_click=_exit_present,
        )
    show_flash()
    return Ctx(con=con, lang=lang, present=present, user=current_user(), page=page)


def show_error(ctx: Ctx, exc: CarteraError) -> None:
    st.error(exc.render(ctx.lang))
