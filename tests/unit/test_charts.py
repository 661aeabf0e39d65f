"""Figure builders: large portfolios stay small and exact, labels are translated and escaped."""

import numpy as np
import pandas as pd
import pytest

from kam_core.analytics import metrics, tier_migration
from kam_core.charts import portfolio as portfolio_charts
from kam_core.charts import tiers as tier_charts


def _big(n=20_000, seed=11):
    rng = np.random.default_rng(seed)
    rev = pd.DataFrame(
        {"account_key": [f"K{i:05d}" for i in range(n)], "revenue": rng.pareto(1.1, n) * 1000 + 1}
    )
    rev["account_name"] = "Account " + rev["account_key"]
    return metrics.pareto_table(rev)


def _flat(n, seed=3):
    rng = np.random.default_rng(seed)
    rev = pd.DataFrame(
        {"account_key": [f"F{i:06d}" for i in range(n)], "revenue": rng.uniform(500, 1500, n)}
    )
    rev["account_name"] = "Flat " + rev["account_key"]
    return metrics.pareto_table(rev)


@pytest.mark.parametrize(
    "pt",
    [
        metrics.pareto_table(
            pd.DataFrame(
                {
                    "account_key": list("abcde"),
                    "revenue": [50.0, 20, 15, 10, 5],
                    "account_name": list("ABCDE"),
                }
            )
        ),
        _big(400),
        _flat(793),
        _big(20_000),
        _big(100_000, seed=5),
    ],
    ids=["5", "400", "flat-793", "20000", "100000"],
)
def test_pareto_shows_every_account_and_the_exact_crossing(pt):
    """The whole curve over every account; the 80% point at its true rank; nothing clipped."""
    n = len(pt)
    fig = portfolio_charts.pareto_figure(pt, "en", top_n=200)
    bars, line = fig.data[0], fig.data[1]
    widths = np.asarray(bars.width, dtype=float)
    # Bars cover ranks 1..n exactly once (grouped bars are full width, single ones 0.85)
    starts = np.asarray(bars.x, dtype=float) - widths / 2
    assert len(bars.x) == min(n, 200) or len(bars.x) <= 202
    if len(bars.x) == n:
        assert list(bars.x) == list(range(1, n + 1))
    else:
        assert widths.sum() == pytest.approx(n)
        assert starts[0] == pytest.approx(0.5) and (starts + widths)[-1] == pytest.approx(n + 0.5)
        # bar height x width = revenue of its accounts: the total is exact
        assert float((np.asarray(bars.y) * widths).sum()) == pytest.approx(pt["revenue"].sum())
    # nothing runs past the top of the axis
    assert fig.layout.yaxis.range[1] >= max(bars.y)
    # the cumulative line spans every account, from 0 to 1
    assert line.x[-1] == n and line.y[-1] == pytest.approx(1)
    assert (line.x[0], line.y[0]) == ((0, 0) if n > 25 else (1, pt["cum_share"].iloc[0]))
    k80 = int((pt["tier"] == "A").sum())
    c80 = pt["cum_share"].iloc[k80 - 1]
    assert c80 >= 0.8 and (k80 == 1 or pt["cum_share"].iloc[k80 - 2] < 0.8)
    xs = list(line.x)
    assert line.y[xs.index(k80)] == c80  # the curve passes exactly through the crossing
    marker = fig.data[2]
    assert (marker.x[0], marker.y[0]) == (k80, c80)
    label = [a.text for a in fig.layout.annotations if "reached" in (a.text or "")]
    assert label and f"#{k80:,} of {n:,}" in label[0]
    assert not any("All others" in str(tr.name) for tr in fig.data)
    assert len(fig.to_json().encode()) < 500_000


def test_pareto_small_figures_stay_small_and_other_curves_exact():
    pt = _big()
    curve = portfolio_charts.pareto_curve_figure(pt, "en")
    assert len(curve.to_json().encode()) < 500_000
    k80 = int((pt["tier"] == "A").sum())
    marker = curve.data[1]  # the 80% point, exact
    assert marker.x[0] == pytest.approx(k80 / len(pt))
    assert marker.y[0] == pt["cum_share"].iloc[k80 - 1]
    lorenz = portfolio_charts.lorenz_figure(pt, "en")
    assert len(lorenz.data[1].x) <= 402


def test_spanish_labels_and_separators():
    pt = _big(300)
    fig = portfolio_charts.pareto_figure(pt, "es", top_n=50)
    assert fig.layout.separators == ",."
    assert "cuentas" in fig.data[0].customdata[0][0]  # grouped bars: "#1–6 (6 cuentas)"
    assert fig.layout.yaxis2.title.text == "Participación acumulada en la facturación"
    assert "Pareto: facturación por cuenta" in fig.layout.title.text
    assert any("alcanzado en la cuenta" in (a.text or "") for a in fig.layout.annotations)


def test_names_are_escaped_for_plotly():
    rev = pd.DataFrame(
        {
            "account_key": ["a", "b"],
            "revenue": [10.0, 5.0],
            "account_name": ['<a href="javascript:x">Evil</a>', "=SUM(A1)"],
        }
    )
    fig = portfolio_charts.pareto_figure(metrics.pareto_table(rev), "en")
    names = [row[0] for row in fig.data[0].customdata]
    assert names[0] == '#1 &lt;a href="javascript:x"&gt;Evil&lt;/a&gt;'
    assert names[1] == "#2 =SUM(A1)"
    assert "<a" not in " ".join(fig.layout.xaxis.ticktext)


def test_sankey_values_match_the_matrix():
    before = metrics.pareto_table(
        pd.DataFrame({"account_key": list("abcd"), "revenue": [60.0, 25, 10, 5]}).assign(
            account_name=list("ABCD")
        )
    )
    after = metrics.pareto_table(
        pd.DataFrame({"account_key": list("acde"), "revenue": [50.0, 30, 15, 5]}).assign(
            account_name=list("ACDE")
        )
    )
    fl = tier_migration.flows(before, after)
    fig = tier_charts.migration_sankey(fl, "en", "count", "2025-Q1", "2026-Q1")
    assert sum(fig.data[0].link.value) == tier_migration.matrix(fl).loc["total", "total"] == 5
    rev = tier_charts.migration_sankey(fl, "es", "revenue", "2025-Q1", "2026-Q1")
    assert sum(rev.data[0].link.value) == pytest.approx(125)
    assert "Cuentas perdidas" in rev.data[0].node.label


def test_matrix_spreads_accounts_sharing_a_rating():
    df = pd.DataFrame(
        {
            "account_name": ["x", "y", "z"],
            "attractiveness": [4.0, 4.0, 2.0],
            "strength": [4.0, 4.0, 1.0],
            "revenue": [10.0, 20.0, 5.0],
            "is_key_account": [True, True, False],
        }
    )
    fig = tier_charts.portfolio_matrix_figure(df, "en")
    pts = set(zip(fig.data[0].x, fig.data[0].y, strict=True))
    assert len(pts) == 3  # no two bubbles on the same spot
    assert (1.0, 2.0) in pts
