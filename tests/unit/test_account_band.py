"""The account's revenue chart shows next quarter's expectation as a shaded band (F-PA-8)."""

from __future__ import annotations

import pandas as pd
import pytest

from kam_core.analytics.forecast import Expectation
from kam_core.charts import account as account_charts

QUARTERLY = pd.DataFrame(
    {"quarter": ["2025-Q2", "2025-Q3", "2025-Q4"], "revenue": [900.0, 1100.0, 1000.0]}
)


def _traces(fig, meta):
    return [t for t in fig.data if t.meta == meta]


def test_band_fans_out_from_the_last_quarter_to_the_range():
    e = Expectation("2026-Q1", True, 1020.0, 800.0, 1250.0, 0.8, "ets", 8)
    fig = account_charts.sparkline(QUARTERLY, "es", e)
    (band,) = _traces(fig, "expectation_band")
    assert band.fill == "toself"
    assert list(band.x) == ["2025-Q4", "2026-Q1", "2026-Q1", "2025-Q4"]
    assert list(band.y) == [1000.0, 1250.0, 800.0, 1000.0]
    assert band.name == "Previsión del próximo trimestre (rango del 80 %)"
    assert "1.020" in band.text and "800" in band.text and "1.250" in band.text
    (mean,) = _traces(fig, "expectation_mean")
    assert list(mean.x) == ["2025-Q4", "2026-Q1"] and list(mean.y) == [1000.0, 1020.0]
    assert mean.line.dash == "dot"


@pytest.mark.parametrize(
    "e",
    [None, Expectation("2026-Q1", False, None, None, None, 0.8, "none", 3)],
)
def test_no_band_without_an_expectation(e):
    fig = account_charts.sparkline(QUARTERLY, "en", e)
    assert len(fig.data) == 1 and not _traces(fig, "expectation_band")
