"""One look for every figure: Plotly's white template as the process-wide default.

Every module that builds figures imports this first. A default costs nothing per figure, whereas
assigning ``template=`` to each figure re-validates the whole template (~10 ms a figure, which a
filter change pays once per chart: bench/bench_portfolio.py).
"""

import plotly.io as pio

TEMPLATE = "plotly_white"
pio.templates.default = TEMPLATE
