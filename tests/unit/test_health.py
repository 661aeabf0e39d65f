"""Account health: every factor's contribution is visible and they add up to the score."""

from datetime import date

import pandas as pd
import pytest

from kam_core.accounts import health, overview
from kam_core.store import db

TODAY = date(2026, 11, 22)
DEFAULT = {
    "revenue_trend": 25,
    "relationships": 25,
    "plan_progress": 20,
    "plan_freshness": 15,
    "open_problems": 15,
}


def test_trend_growth_last_four_vs_previous_four():
    q = pd.DataFrame({"quarter": list("abcdefgh"), "revenue": [100] * 4 + [110] * 4})
    assert health.trend_growth(q) == pytest.approx(0.10)
    short = pd.DataFrame({"quarter": list("abcd"), "revenue": [100, 100, 90, 90]})
    assert health.trend_growth(short) == pytest.approx(-0.10)
    assert health.trend_growth(short.iloc[:3]) is None


def test_hand_checked_score_and_factors_add_up():
    warns = [{"severity": "high"}, {"severity": "medium"}]
    values = health.factor_values(
        growth=0.12, warnings=warns, pace=0.8, fresh_share=0.5, open_problems=1
    )
    result = health.score(values, DEFAULT)
    points = {f["factor"]: f["points"] for f in result["factors"]}
    assert points == {
        "revenue_trend": 20.0,  # 0.5 + 0.12 / 0.4 = 0.8 of 25
        "relationships": 17.5,  # 1 - 0.25 - 0.05 = 0.7 of 25
        "plan_progress": 16.0,  # pace 0.8 of 20
        "plan_freshness": 7.5,  # half the sections fresh, of 15
        "open_problems": 10.0,
    }  # 1 - 1/3 of 15
    assert result["score"] == 71.0 == sum(points.values())
    assert health.band(result["score"]) == "good"


def test_values_are_clipped_and_missing_inputs_score_zero():
    v = health.factor_values(
        growth=None,
        warnings=[{"severity": "high"}] * 5,
        pace=None,
        fresh_share=0.0,
        open_problems=7,
    )
    assert all(x["value"] == 0 for x in v.values())
    v = health.factor_values(growth=0.9, warnings=[], pace=1.6, fresh_share=1.0, open_problems=0)
    assert health.score(v, DEFAULT)["score"] == 100.0


def test_weights_are_scaled_to_100():
    v = health.factor_values(0.0, [], 1.0, 1.0, 0)  # trend 0.5, others 1
    result = health.score(v, {f: 1 for f in health.FACTORS})
    assert [f["weight"] for f in result["factors"]] == [20.0] * 5
    assert result["score"] == 90.0


def test_demo_top_account_health_adds_up(demo_db):
    con = db.connect(demo_db)
    try:
        key = overview.default_account(con)
        result = health.account_health(con, key, TODAY, 2026)
        assert [f["factor"] for f in result["factors"]] == list(health.FACTORS)
        assert result["score"] == pytest.approx(
            sum(f["points"] for f in result["factors"]), abs=1e-9
        )
        by = {f["factor"]: f for f in result["factors"]}
        assert by["relationships"]["high"] == 2 and by["open_problems"]["open_problems"] == 1
        assert 0 < result["score"] < 100
    finally:
        con.close()
