"""Decks, review packs, PDF and the written brief. The building blocks take plain data and Plotly
figures and give bytes or text; the two documents read their figures through the domain packages
(portfolio, accounts, team, alerts) with the screens' own functions, never with SQL of their own.
May import every layer below it; never Streamlit.

- ``brief``:  the written brief of a period (F-PR-5), sentences in English or Spanish.
- ``images``: Plotly figure -> PNG through kaleido and the system Chromium, one browser per deck.
- ``blocks``: the content blocks a review pack is made of, and per-column cell formats.
- ``deck``:   16:9 PowerPoint decks (python-pptx) with real, formatted tables.
- ``pdf``:    the same blocks as an A4 landscape PDF (HTML rendered by WeasyPrint).
- ``portfolio_deck``: the portfolio deck and the brief's figures for a period and filters.
- ``account_pack``:   one account's review pack, as PPTX and as PDF.
"""

from __future__ import annotations

from kam_core.common.errors import CarteraError


class ReportError(CarteraError):
    """A deck, pack or image cannot be produced (e.g. no Chromium to draw charts with)."""

    key = "rep.err.report"
