"""Next-quarter expectation and its backtest (kam_core.analytics.forecast, F-PA-8)."""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest

from kam_core.analytics import forecast as fc
from kam_core.analytics.forecast import backtest, expect_many, expect_next


def quarters(start_year: int, n: int) -> list[str]:
    return [f"{start_year + i // 4}-Q{i % 4 + 1}" for i in range(n)]


def series(values, start_year: int = 2021) -> pd.Series:
    return pd.Series([float(v) for v in values], index=quarters(start_year, len(values)))


def assert_sane(e):
    assert e.enough_history
    for v in (e.mean, e.low, e.high):
        assert v is not None and math.isfinite(v)
    assert 0 <= e.low <= e.mean <= e.high


# ---------------------------------------------------------------- expect_next
def test_flat_series_gives_its_level_and_a_narrow_range():
    e = expect_next(series([1000] * 8))
    assert e.quarter == "2023-Q1"
    assert e.mean == pytest.approx(1000)
    assert e.high - e.low == pytest.approx(0, abs=1e-6)
    assert e.history_quarters == 8


def test_nearly_flat_series_has_a_range_of_a_few_percent():
    wobble = [1000, 1010, 995, 1005, 990, 1008, 1002, 996, 1004, 998]
    e = expect_next(series(wobble))
    assert_sane(e)
    assert e.mean == pytest.approx(1000, rel=0.02)
    assert e.high - e.low < 0.06 * 1000  # +-8 around 1000 -> a range of a few percent, not 50%
    assert e.low < 1000 < e.high


def test_seasonal_twelve_quarters_forecasts_the_right_season():
    # Q1 100, Q2 200, Q3 300, Q4 400, three years: next is a Q1 -> 100 (a year-average model
    # would say 250, last-quarter naive 400).
    e = expect_next(series([100, 200, 300, 400] * 3))
    assert e.quarter == "2024-Q1"
    assert e.method == "ets_seasonal"
    assert e.mean == pytest.approx(100, abs=1)


def test_noisy_seasonal_series_keeps_the_season_and_covers_it():
    noise = [4, -3, 2, -5, 3, 1, -2, 4, -4, 2, 3, -1]
    values = [b + n for b, n in zip([100, 200, 300, 400] * 3, noise)]
    e = expect_next(series(values[:-1]))  # 11 quarters: next is a Q4 -> about 400
    assert e.quarter == "2023-Q4"
    assert e.method == "ets_seasonal"
    assert 380 <= e.mean <= 420
    assert_sane(e)
    assert e.low <= 400 <= e.high


def test_seasonality_needs_two_full_years():
    e = expect_next(series([100, 200, 300, 400, 100, 200, 300]))  # 7 quarters
    assert e.method in ("ets", "ets_damped")


def test_three_quarters_is_not_enough_history():
    e = expect_next(series([500, 600, 550]))
    assert not e.enough_history
    assert (e.mean, e.low, e.high, e.method) == (None, None, None, "none")
    assert e.quarter == "2021-Q4"
    assert e.history_quarters == 3


def test_new_account_history_starts_at_its_first_sale():
    # four empty quarters before it became a customer, then 3 quarters: not enough yet
    assert not expect_next(series([0, 0, 0, 0, 500, 600, 550])).enough_history
    e = expect_next(series([0, 0, 0, 0, 500, 600, 550, 580]))
    assert e.history_quarters == 4
    assert_sane(e)
    assert 500 <= e.mean <= 600


def test_lumpy_account_that_often_buys_nothing_has_a_zero_low():
    e = expect_next(series([0, 1000, 0, 0, 800, 0, 0, 900, 0, 0]))
    assert_sane(e)
    assert e.low == 0
    assert e.high > 500


def test_all_zero_series_has_no_numbers():
    e = expect_next(series([0] * 8))
    assert not e.enough_history and e.mean is None


def test_falling_to_zero_never_goes_negative():
    e = expect_next(series([1000, 800, 600, 400, 200, 0, 0]))
    assert_sane(e)
    assert e.low == 0


def test_missing_quarters_count_as_zero_and_order_does_not_matter():
    s = pd.Series({"2022-Q3": 300.0, "2021-Q1": 100.0, "2021-Q2": 200.0, "2022-Q4": 400.0})
    e = expect_next(s)
    assert e.quarter == "2023-Q1"
    assert e.history_quarters == 8  # 2021-Q1 .. 2022-Q4 with four empty quarters inside


def test_period_index_is_accepted():
    s = pd.Series([10.0, 12, 11, 13, 12], index=pd.period_range("2020Q1", periods=5, freq="Q"))
    assert expect_next(s).quarter == "2021-Q2"


def test_bad_quarter_and_bad_level_are_refused():
    with pytest.raises(ValueError):
        expect_next(pd.Series([1.0, 2.0], index=["2021-Q1", "2021-5"]))
    with pytest.raises(ValueError):
        expect_next(series([1, 2, 3, 4]), level=1.2)
    with pytest.raises(ValueError):
        expect_next(series([1, 2, 3, 4]), engine="magic")


def test_a_wider_level_gives_a_wider_range():
    s = series([900, 1100, 950, 1200, 1000, 1050, 980, 1150])
    e80, e95 = expect_next(s, 0.80), expect_next(s, 0.95)
    assert e80.mean == pytest.approx(e95.mean)
    assert e95.low <= e80.low and e95.high > e80.high


@pytest.mark.parametrize("seed", range(30))
def test_any_history_gives_finite_ordered_non_negative_numbers(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 21))
    values = rng.normal(1000, 600, n) * rng.integers(0, 2, n)  # lumpy, some negative (credits)
    values[0] = abs(values[0]) + 1
    e = expect_next(series(values))
    assert_sane(e)


# ---------------------------------------------------------------- expect_many
def long_frame(histories: dict[str, list[float]], start_year: int = 2021) -> pd.DataFrame:
    rows = [
        (acc, q, float(v))
        for acc, values in histories.items()
        for q, v in zip(quarters(start_year, len(values)), values)
    ]
    return pd.DataFrame(rows, columns=["account_key", "quarter", "revenue"])


def test_expect_many_agrees_with_expect_next_account_by_account():
    hist = {
        "steady": [1000, 1010, 995, 1005, 990, 1008, 1002, 996],
        "seasonal": [100, 200, 300, 400] * 2,
        "lumpy": [0, 900, 0, 0, 800, 0, 0, 700],
        "short": [0, 0, 0, 0, 0, 300, 320, 310],
    }
    out = expect_many(long_frame(hist)).set_index("account_key")
    assert list(out.columns) == [
        "quarter",
        "history_quarters",
        "enough_history",
        "mean",
        "low",
        "high",
        "method",
    ]
    assert (out["quarter"] == "2023-Q1").all()
    for acc, values in hist.items():
        one = expect_next(series(values))
        row = out.loc[acc]
        assert bool(row["enough_history"]) == one.enough_history
        assert row["history_quarters"] == one.history_quarters
        assert row["method"] == one.method
        if one.enough_history:
            assert row["mean"] == pytest.approx(one.mean)
            assert row["low"] == pytest.approx(one.low)
            assert row["high"] == pytest.approx(one.high)
    assert out.loc["short", "method"] == "none" and np.isnan(out.loc["short", "mean"])
    assert out.loc[["steady", "seasonal", "lumpy"], ["mean", "low", "high"]].notna().all().all()


def test_expect_many_runs_every_account_to_as_of_and_ignores_later_rows():
    frame = long_frame({"a": [100, 110, 105, 108, 112, 999], "b": [50, 52, 51, 49]})
    out = expect_many(frame, as_of="2022-Q1").set_index("account_key")
    assert (out["quarter"] == "2022-Q2").all()
    assert out.loc["a", "history_quarters"] == 5  # 2021-Q1..2022-Q1; the 999 is after as_of
    assert out.loc["a", "mean"] < 200
    # b stopped buying after 2021-Q4: 2022-Q1 counts as an empty quarter
    assert out.loc["b", "history_quarters"] == 5
    assert out.loc["b", "mean"] < 50


def test_expect_many_empty_frame_and_bad_columns():
    empty = expect_many(pd.DataFrame(columns=["account_key", "quarter", "revenue"]))
    assert empty.empty and "mean" in empty.columns
    with pytest.raises(ValueError):
        expect_many(pd.DataFrame({"account": ["a"], "quarter": ["2021-Q1"], "revenue": [1.0]}))


def test_expect_many_is_fast_for_a_few_hundred_key_accounts():
    rng = np.random.default_rng(7)
    hist = {f"acc{i}": list(rng.gamma(2.0, 500.0, 16)) for i in range(300)}
    frame = long_frame(hist, 2018)
    expect_many(frame)  # warm
    t0 = time.perf_counter()
    out = expect_many(frame)
    assert time.perf_counter() - t0 < 1.5  # milliseconds in practice; loose for a busy machine
    assert len(out) == 300 and out["enough_history"].all()


# ---------------------------------------------------------------- backtest
def test_backtest_counts_and_naive_baselines_by_hand():
    # one account, 6 quarters: forecasts for quarter 5 (actual 200) and quarter 6 (actual 100)
    r = backtest({"a": series([100, 100, 100, 100, 200, 100])})
    assert r["pairs"] == 2 and r["accounts"] == 1 and r["pairs_nonzero"] == 2
    # last quarter: |100-200|/200 = 0.5 and |200-100|/100 = 1.0 -> median 0.75
    assert r["mdape"]["last_quarter"] == pytest.approx(0.75)
    # same quarter last year: 100 vs 200 -> 0.5, 100 vs 100 -> 0 -> median 0.25
    assert r["mdape"]["same_quarter_last_year"] == pytest.approx(0.25)
    # WAPE last quarter: (100 + 100) / (200 + 100)
    assert r["wape"]["last_quarter"] == pytest.approx(200 / 300)
    assert 0 <= r["coverage"] <= 1
    assert sum(r["methods"].values()) == 2


def test_backtest_skips_zero_actuals_in_mdape_and_short_histories():
    r = backtest({"a": series([100, 100, 100, 100, 0, 100]), "b": series([5, 5, 5])})
    assert r["pairs"] == 2 and r["pairs_nonzero"] == 1 and r["accounts"] == 1
    # the only non-zero actual is 100 after a 0 quarter: last-quarter naive is off by 100%
    assert r["mdape"]["last_quarter"] == pytest.approx(1.0)


def test_backtest_accepts_a_long_frame_and_reports_none_when_nothing_to_measure():
    # b stops after 2021-Q2 but runs to the frame's last quarter: 1, 2, 0, 0 -> predict 0
    frame = long_frame({"a": [100, 110, 105, 108, 112], "b": [1, 2]})
    r = backtest(frame)
    assert r["pairs"] == 2 and r["pairs_nonzero"] == 1
    nothing = backtest({"b": series([1, 2, 3])})
    assert nothing["pairs"] == 0 and nothing["coverage"] is None
    assert nothing["mdape"]["model"] is None
    with pytest.raises(ValueError):
        backtest({"a": series([1, 2, 3, 4, 5])}, min_train=2)


def steady_accounts(n: int, quarters_: int, season_amp: float, seed: int) -> dict:
    """Accounts of very different sizes, 15% noise, optionally a quarterly season."""
    rng = np.random.default_rng(seed)
    shape = 1 + season_amp * np.array([-1, -0.3, 0.3, 1.0])[np.arange(quarters_) % 4]
    return {
        f"a{i}": series(rng.lognormal(10, 1) * shape * (1 + rng.normal(0, 0.15, quarters_)), 2020)
        for i in range(n)
    }


def test_backtest_on_steady_noisy_accounts_is_honest_and_beats_naive():
    """Steady accounts with 15% noise: the 80% range should hold about 80% of outcomes."""
    r = backtest(steady_accounts(150, 12, 0.0, seed=3))
    assert 0.72 <= r["coverage"] <= 0.88
    assert r["mdape"]["model"] < 0.9 * r["mdape"]["last_quarter"]
    assert r["mdape"]["model"] < 0.9 * r["mdape"]["same_quarter_last_year"]


def test_backtest_on_seasonal_accounts_uses_the_season():
    r = backtest(steady_accounts(150, 16, 0.3, seed=4), min_train=8)
    assert 0.72 <= r["coverage"] <= 0.92
    assert r["methods"].get("ets_seasonal", 0) > 0.6 * r["pairs"]
    assert r["mdape"]["model"] < 0.7 * r["mdape"]["last_quarter"]
    # the seasonal naive is the right shape here; the model stays close to it
    assert r["mdape"]["model"] < 1.15 * r["mdape"]["same_quarter_last_year"]


# ---------------------------------------------------------------- engines
def test_t_quantile_matches_tables():
    assert fc._t_quantile(0.9, 2) == pytest.approx(1.886, abs=1e-3)
    assert fc._t_quantile(0.9, 5) == pytest.approx(1.476, abs=5e-3)
    assert fc._t_quantile(0.975, 10) == pytest.approx(2.228, abs=1e-2)


def test_statsmodels_engine_agrees_on_a_clean_seasonal_series():
    values = [100, 200, 300, 400, 104, 198, 303, 397, 101, 203, 299, 402]
    e = expect_next(series(values), engine="statsmodels")
    assert_sane(e)
    assert e.method in fc.METHODS
    assert e.mean == pytest.approx(expect_next(series(values)).mean, rel=0.15)
