"""Decks, review packs, PDF and the written brief: plain data and Plotly figures in, bytes or text
out. May import i18n, charts and pandas; never the database or Streamlit.

- ``brief``:  the written brief of a period (F-PR-5), sentences in English or Spanish.
- ``images``: Plotly figure -> PNG through kaleido and the system Chromium, one browser per deck.
- ``blocks``: the content blocks a review pack is made of, and per-column cell formats.
- ``deck``:   16:9 PowerPoint decks (python-pptx) with real, formatted tables.
- ``pdf``:    the same blocks as an A4 landscape PDF (HTML rendered by WeasyPrint).
"""

from __future__ import annotations

from kam_core.common.errors import CarteraError


class ReportError(CarteraError):
    """A deck, pack or image cannot be produced (e.g. no Chromium to draw charts with)."""

    key = "rep.err.report"
