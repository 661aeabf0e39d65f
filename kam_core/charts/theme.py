"""One look for every figure: Plotly's white template as the process-wide default.

Every module that builds figures imports this first. A default costs nothing per figure, whereas
assigning ``template=`` to each figure re-validates the whole template (~10 ms a figure, which a
filter change pays once per chart: bench/bench_portfolio.py).
"""

import html

import plotly.graph_objects as go
import plotly.io as pio

from kam_core.i18n import plotly_separators

TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE

TIER_COLORS = {
    "A": "#1f4e79",
    "B": "#4f8fc0",
    "C": "#b4c7dc",
    "new": "#2e9d5b",
    "lost": "#c0392b",
    "none": "#9e9e9e",
}


ACCENT = "#e07b00"


def safe(text) -> str:
    """A user-supplied label as plain text inside plotly's pseudo-HTML."""
    return html.escape(str(text), quote=False)


def short(text, n: int = 22) -> str:
    s = str(text)
    return safe(s if len(s) <= n else s[: n - 1] + "…")


def _base(fig: go.Figure, lang: str, title: str, height: int = 460) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 18}},
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 70, "r": 70, "t": 70, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font_size": 13},
        font={"size": 13},
    )
    return fig
