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


def test_pareto_with_20000_accounts_is_top_n_plus_others_and_small():
    pt = _big()
    fig = portfolio_charts.pareto_figure(pt, "en", top_n=50)
    bars, others, line = fig.data
    assert len(bars.x) == 50 and others.x[0] == "All others (19,950)"
    assert others.customdata[0][0] == pytest.approx(pt["revenue"].iloc[50:].sum())
    assert line.y[-1] == 1.0 and list(line.y[:50]) == pytest.approx(pt["cum_share"][:50])
    assert len(fig.to_json().encode()) < 500_000
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
    assert fig.data[1].x[0] == "Resto (250)"
    assert fig.layout.yaxis2.title.text == "Participación acumulada en la facturación"
    assert "Pareto: facturación por cuenta" in fig.layout.title.text


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
    assert names[0] == '&lt;a href="javascript:x"&gt;Evil&lt;/a&gt;'
    assert names[1] == "=SUM(A1)"
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
