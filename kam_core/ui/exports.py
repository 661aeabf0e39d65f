"""What a page hands to a meeting: the portfolio deck and the account review pack (built when the
button is clicked), the written brief of the period (copyable) and a link to the current view.

Building a deck takes seconds (charts drawn in Chromium), so it never runs on a rerun: each
button is a ``st.download_button`` whose data is a callable, which Streamlit runs only when the
button is clicked, in a thread of its own, while the button shows a spinner; the file then
downloads (one click, no rerun). The callable captures plain values (the connection, the
filters, the language, cache keys), never Streamlit state; the early warnings come from
``warnings_view``'s cache, shared with the warnings page (on 20,000 accounts they take seconds).
When no Chromium can be found the buttons are disabled and say why in the user's language,
rather than failing after the click.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode, urlsplit

import streamlit as st

from kam_core.i18n import current_currency, t
from kam_core.portfolio.periods import Filters
from kam_core.reports import images
from kam_core.reports.blocks import keep_units
from kam_core.store import db
from kam_core.ui import warnings_view
from kam_core.ui.setup import PRESENT_VALUES, _connection
from kam_core.ui.text import plain

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF = "application/pdf"
PAGE_PATHS = {"portfolio": "/"}
# _LAZY: the deck and pack builders import python-pptx and WeasyPrint (over a second on two
# cores); they are imported inside the functions that build a file, so a page that only shows
# the buttons does not pay it. The one allowed kind of function-level kam_core import
# (tests/unit/test_architecture.py), for speed, not to dodge a cycle.


def _account_pack():
    from kam_core.reports import account_pack  # lazy: python-pptx/weasyprint (see _LAZY)

    return account_pack  # every other page lives at /<page> (PRODUCT.md F-PR-3)


def _button(ctx, label_key: str, build, file_name: str, mime: str, key: str, icon: str) -> None:
    """A download button that builds its file on click; disabled (with the reason) without
    Chromium."""
    ready = images.chromium_found()
    st.download_button(
        ctx.t(label_key),
        build,
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        icon=icon,
        key=key,
        disabled=not ready,
        help=ctx.t("exp.btn.help") if ready else ctx.t("rep.err.no_chromium", path="PATH"),
    )


def _warning_keys(ctx) -> tuple[str, int, int, date]:
    """The cache keys of ``warnings_view``'s early warnings (shared with the warnings page)."""
    return db.db_path(), ctx.data_version, db.write_count(), date.today()


def portfolio_bar(ctx, filters: Filters) -> None:
    """'Portfolio deck (PPTX)' and 'Copy link' under the portfolio page's title."""
    if ctx.present:
        return
    con, lang = ctx.con, ctx.lang
    path, version, writes, day = _warning_keys(ctx)

    def build() -> bytes:
        warned = warnings_view.report(path, version, writes, filters, day)  # cached
        from kam_core.reports import portfolio_deck  # lazy: python-pptx/weasyprint (see _LAZY)

        return portfolio_deck.build_deck(con, filters, lang, day, warnings=warned)

    stem = f"{t('exp.file.deck', lang)}-{filters.q_from}_{filters.q_to}"
    with st.container(horizontal=True, gap="small"):
        _button(
            ctx,
            "exp.btn.deck",
            build,
            f"{stem}.pptx",
            PPTX,
            "exp_deck",
            ":material/slideshow:",
        )
        copy_link(ctx)


def account_bar(ctx, account_key: str, filters: Filters) -> None:
    """'Review pack (PPTX)', 'Review pack (PDF)' and 'Copy link' on the account page."""
    if ctx.present:
        return
    con, lang = ctx.con, ctx.lang
    path, version, writes, day = _warning_keys(ctx)

    def pack():
        from kam_core.reports import account_pack  # lazy: python-pptx/weasyprint (see _LAZY)

        warned = warnings_view.account(path, version, writes, account_key, filters, day)
        return account_pack.account_pack(con, account_key, filters, lang, day, warned)

    stem = f"{t('exp.file.pack', lang)}-{account_key}-{filters.q_from}_{filters.q_to}"
    with st.container(horizontal=True, gap="small"):
        _button(
            ctx,
            "exp.btn.pack_pptx",
            lambda: _account_pack().pack_pptx(pack()),
            f"{stem}.pptx",
            PPTX,
            "exp_pack_pptx",
            ":material/slideshow:",
        )
        _button(
            ctx,
            "exp.btn.pack_pdf",
            lambda: _account_pack().pack_pdf(pack()),
            f"{stem}.pdf",
            PDF,
            "exp_pack_pdf",
            ":material/picture_as_pdf:",
        )
        copy_link(ctx)


# ---- the written brief -----------------------------------------------------------------------


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _brief(
    path: str,
    version: int,
    writes: int,
    filters: Filters,
    lang: str,
    day: date,
    currency: str | None,
) -> str:
    # ``currency`` keys the cache only: the run's reporting currency formats the amounts.
    warned = warnings_view.report(path, version, writes, filters, day)  # cached
    from kam_core.reports import portfolio_deck  # lazy: python-pptx/weasyprint (see _LAZY)

    return portfolio_deck.brief_for(_connection(path), filters, lang, day, warnings=warned)


def brief_tab(ctx, filters: Filters) -> None:
    """The brief as prose that reads well on a wall, and the same text ready to copy."""
    path, version, writes, day = _warning_keys(ctx)
    text = _brief(path, version, writes, filters, ctx.lang, day, current_currency())
    st.caption(ctx.t("exp.brief.caption"))
    with st.container(border=True, key="exp_brief"):
        for paragraph in text.split("\n\n"):
            st.markdown(plain(keep_units(paragraph)))  # "994,1 k EUR" never breaks inside
    if not ctx.present:
        with st.expander(ctx.t("exp.brief.copy"), icon=":material/content_copy:"):
            st.code(text, language=None, wrap_lines=True)


# ---- the link to this view -------------------------------------------------------------------


def view_links(
    ctx, base: str | None, params: dict[str, str], audience: str = "internal"
) -> tuple[str, str]:
    """(this view, this view in presentation mode for ``audience``) from the page URL and its
    query parameters: ``present=1`` for our team, ``present=client`` for the client (F-PR-1)."""
    base = base or PAGE_PATHS.get(ctx.page, f"/{ctx.page}")
    if not urlsplit(base).path:  # the portfolio page's address is the site's root
        base += "/"
    query = {k: v for k, v in params.items() if k != "present" and v}
    query["lang"] = ctx.lang
    present = PRESENT_VALUES.get(audience, "1")
    return f"{base}?{urlencode(query)}", f"{base}?{urlencode(query | {'present': present})}"


def copy_link(ctx) -> None:
    """A popover with the link to this view (page, account, period, tab, language) and the same
    view in presentation mode for our team and for the client, each in a code box with its copy
    button."""
    url, params = st.context.url, st.query_params.to_dict()
    this, internal = view_links(ctx, url, params, "internal")
    _, client = view_links(ctx, url, params, "client")
    with st.popover(ctx.t("exp.link"), icon=":material/link:"):
        st.caption(ctx.t("exp.link.this"))
        st.code(this, language=None, wrap_lines=True)
        st.caption(ctx.t("exp.link.present"))
        st.code(internal, language=None, wrap_lines=True)
        st.caption(ctx.t("pr.link.client"))
        st.code(client, language=None, wrap_lines=True)
