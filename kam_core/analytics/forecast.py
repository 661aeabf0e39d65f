"""Next-quarter expectation and backtest (F-PA-8); imports numpy, pandas, stdlib, common.quarter.

Statsmodels is imported only lazily, inside ``engine="statsmodels"``. No database, no
Streamlit, no I/O.

Public API::

    expect_next(series, level=0.80, *, engine="fast") -> Expectation
    expect_many(frame, level=0.80, *, as_of=None, engine="fast", account_col="account_key")
        -> DataFrame (one row per account)
    backtest(series_by_account, min_train=4, level=0.80, *, engine="fast") -> dict
    dense_series(series, last=None) -> (quarters, values)   # gap-free quarterly values
    dense_values(keys, values, last=None) -> (quarters, values)   # the same from plain lists
    Expectation.from_row(row_of_expect_many, level) -> Expectation

Input: quarterly revenue indexed by ``YYYY-Qn``. A quarter missing inside the range counts as 0
revenue. History starts at the account's first quarter with non-zero revenue (the quarters
before that are the time before it was a customer, not zero sales). With fewer than
``MIN_HISTORY`` (4) quarters of history there are no numbers: ``enough_history`` is False,
``mean``/``low``/``high`` are None and the UI says so instead of guessing.

Method ("fast" engine, numpy, vectorised over accounts). Additive exponential smoothing (the
ETS(A,*,*) recursions in error-correction form) in three variants, each with its smoothing
parameters chosen on a small grid by the sum of squared one-step-ahead errors:

- ``ets``: simple exponential smoothing (level only), from 4 quarters;
- ``ets_damped``: level + damped trend, from 6 quarters;
- ``ets_seasonal``: level + additive quarterly season (period 4), from 8 quarters (two years).

The variant with the lowest one-step error on the quarters they all predict, times the final
prediction error factor ``(m + k) / (m - k)`` (m errors, k smoothing parameters), is kept, so a
trend or a season is used only when it pays for its parameters. The range is a Student-t
interval ``mean +- t(df) * sigma``; sigma comes from the chosen variant's one-step errors measured
relative to the level forecast at the time (revenue noise grows with the account's size), floored
at a quarter of the account's average absolute quarterly revenue so that near-zero forecasts do
not blow the ratio up; df = errors - parameters (at least 2), which widens short histories.
Revenue cannot be negative: ``mean`` and ``low`` are clipped at 0 (``low <= mean <= high``
always), so a lumpy account that often buys nothing has ``low == 0``. Never NaN.

Coverage of the 80% range measured by ``bench/bench_forecast.py`` (rolling origin over the key
accounts of the public datasets, ``bench/results/forecast.json``): superstore 84.9% (16
quarters), sales_data_sample 79.4% (10), online_retail 83.5% (5 quarters); the statsmodels
engine 72.2% and 60.2% on the last two. On such lumpy accounts (two quarters in three without
revenue) much of it is ``low == 0`` holding the empty quarters: over non-zero actuals coverage is
lower (64%, 43%, 79%).

Why not statsmodels by default: fitting ``ETSModel`` costs 10-80 ms per variant and account
(about 0.15 s per account for three variants, 15 s for 100 key accounts, minutes for a backtest)
and its intervals covered less in the same backtest. ``engine="statsmodels"`` fits the same
three variants with ``statsmodels.tsa.exponential_smoothing.ets.ETSModel`` (chosen by AICc,
intervals from the model) for comparison or a single account; it falls back to the fast engine
for a series statsmodels cannot fit.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from kam_core.common.quarter import quarters_between, shift_quarter, valid_quarter

MIN_HISTORY = 4  # quarters of history needed before any number is shown
SEASON = 4  # quarters in a year
SEASONAL_FROM = 8  # two full years before a season is estimated
DAMPED_FROM = 6
METHODS = ("ets", "ets_damped", "ets_seasonal", "none")
ENGINES = ("fast", "statsmodels")

_N_PARAMS = {"ets": 1, "ets_damped": 3, "ets_seasonal": 2}
# Errors are scaled by the forecast level, but never by less than this share of the account's
# mean absolute quarterly revenue (a lumpy account's level passes near 0 between orders).
_SCALE_FLOOR = 0.25


@dataclass(frozen=True)
class Expectation:
    """What next quarter should bring for one account.

    ``quarter`` is the quarter forecast (always set). Without enough history ``mean``, ``low`` and
    ``high`` are None and ``method`` is ``"none"``. ``history_quarters`` counts the quarters used
    (from the first quarter with revenue to the last one given).
    """

    quarter: str
    enough_history: bool
    mean: float | None
    low: float | None
    high: float | None
    level: float
    method: str
    history_quarters: int

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_row(cls, row, level: float = 0.80) -> Expectation:
        """Rebuild one account's Expectation from a row of :func:`expect_many` (NaN -> None)."""

        def num(x):
            return None if x is None or pd.isna(x) else float(x)

        return cls(
            quarter=str(row["quarter"]),
            enough_history=bool(row["enough_history"]),
            mean=num(row["mean"]),
            low=num(row["low"]),
            high=num(row["high"]),
            level=float(level),
            method=str(row["method"]),
            history_quarters=int(row["history_quarters"]),
        )


# ---------------------------------------------------------------- input shaping
def _check_level(level: float) -> float:
    level = float(level)
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be between 0 and 1 (exclusive), got {level}")
    return level


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")


def dense_series(series: pd.Series, last: str | None = None) -> tuple[list[str], np.ndarray]:
    """Quarters from the first in ``series`` to ``last`` (default its last) and their values,
    missing quarters as 0, duplicate quarters summed, values after ``last`` dropped. Accepts
    'YYYY-Qn' strings or a quarterly PeriodIndex; raises ValueError on anything else."""
    s = series if isinstance(series, pd.Series) else pd.Series(series, dtype="float64")
    if isinstance(s.index, pd.PeriodIndex):
        keys = [f"{p.year}-Q{p.quarter}" for p in s.index]
    else:
        keys = [str(k) for k in s.index]
    bad = [q for q in keys if not valid_quarter(q)]
    if bad:
        raise ValueError(f"not a YYYY-Qn quarter: {bad[:3]}")
    return dense_values(keys, np.asarray(s, dtype="float64"), last)


def dense_values(
    keys: list[str], values: np.ndarray, last: str | None = None
) -> tuple[list[str], np.ndarray]:
    """:func:`dense_series` of quarters ``keys`` (valid 'YYYY-Qn', not checked here) and their
    ``values`` (float64): the batch form, for callers that hold many accounts' quarters as
    plain lists (the early warnings of a whole portfolio) and would otherwise build a Series
    per account only to have it taken apart again."""
    # Plain Python over a few dozen quarters: called once per account and rule, where pandas'
    # groupby/reindex cost milliseconds each (the warnings of a whole portfolio add up).
    totals: dict[str, float] = {}
    for q, v in zip(keys, np.where(np.isnan(values), 0.0, values)):
        if last is None or q <= last:
            totals[q] = totals.get(q, 0.0) + float(v)
    if not totals:
        return [], np.zeros(0)
    quarters = quarters_between(min(totals), last or max(totals))
    return quarters, np.array([totals.get(q, 0.0) for q in quarters], dtype="float64")


def _trim(values: np.ndarray) -> np.ndarray:
    """History from the first non-zero quarter on."""
    nz = np.flatnonzero(values != 0)
    return values[nz[0] :] if nz.size else values[:0]


# ---------------------------------------------------------------- fast engine
def _t_quantile(p: float, df: int) -> float:
    """Student t quantile without scipy: exact for df 1 and 2, a Cornish-Fisher expansion above
    (relative error < 1% for df >= 3 up to p = 0.975)."""
    if df <= 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    v = float(df)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
    )


def _grid(kind: str) -> tuple[np.ndarray, ...]:
    """Smoothing parameters (alpha, beta, phi, gamma) tried for one variant, one column each."""
    if kind == "ets":
        rows = [(a, 0.0, 0.0, 0.0) for a in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.95)]
    elif kind == "ets_damped":
        rows = [
            (a, b * a, phi, 0.0)
            for a in (0.1, 0.3, 0.5, 0.8)
            for b in (0.1, 0.3)
            for phi in (0.8, 0.9, 0.98)
        ]
    else:
        rows = [
            (a, 0.0, 0.0, g)
            for a in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7)
            for g in (0.05, 0.2, 0.4)
            if g <= 1 - a
        ]
    return tuple(np.array(rows).T)


def _smooth(y: np.ndarray, kind: str):
    """Run one variant over ``y`` (n accounts x T quarters) for every grid point at once.

    Returns the next-quarter forecast (n, k), the one-step errors and forecasts (n, k, T - t0)
    and t0, the first quarter predicted (1; 4 for the seasonal variant, whose first year sets the
    initial level and season)."""
    alpha, beta, phi, gamma = _grid(kind)
    n, t_len = y.shape
    k = alpha.size
    if kind == "ets_seasonal":
        level0 = y[:, :SEASON].mean(axis=1)
        season = np.repeat((y[:, :SEASON] - level0[:, None])[:, None, :], k, axis=1)
        t0 = SEASON
    else:
        level0 = y[:, 0]
        season = np.zeros((n, k, SEASON))
        t0 = 1
    lvl = np.repeat(level0[:, None], k, axis=1)
    trend = np.zeros((n, k))
    errors = np.zeros((n, k, t_len - t0))
    fitted = np.zeros((n, k, t_len - t0))
    for t in range(t0, t_len):
        s = season[:, :, t % SEASON]
        f = lvl + phi * trend + s
        e = y[:, t, None] - f
        errors[:, :, t - t0] = e
        fitted[:, :, t - t0] = f
        lvl = lvl + phi * trend + alpha * e
        trend = phi * trend + beta * e
        season[:, :, t % SEASON] = s + gamma * e
    return lvl + phi * trend + season[:, :, t_len % SEASON], errors, fitted, t0


def _variants(t_len: int) -> list[str]:
    out = ["ets"]
    if t_len >= DAMPED_FROM:
        out.append("ets_damped")
    if t_len >= SEASONAL_FROM:
        out.append("ets_seasonal")
    return out


def _fast(y: np.ndarray, level: float):
    """Mean, low, high and method for n histories of the same length T >= MIN_HISTORY."""
    n, t_len = y.shape
    rows = np.arange(n)
    floor = _SCALE_FLOOR * np.abs(y).mean(axis=1) + 1e-12
    common_from = SEASON if t_len >= SEASONAL_FROM else 1  # quarters every variant predicts
    fits = []
    for kind in _variants(t_len):
        fc, err, fit, t0 = _smooth(y, kind)
        best = (err**2).sum(axis=2).argmin(axis=1)
        e, f, fitted = err[rows, best], fc[rows, best], fit[rows, best]
        k = _N_PARAMS[kind]
        common = e[:, common_from - t0 :]
        m = common.shape[1]
        score = (common**2).mean(axis=1) * (m + k) / (m - k)
        rel = e / np.maximum(np.abs(fitted), floor[:, None])
        df = max(e.shape[1] - k, 2)
        sigma = np.sqrt((rel**2).sum(axis=1) / df) * np.maximum(np.abs(f), floor)
        fits.append((kind, f, sigma, _t_quantile((1 + level) / 2, df), score))
    pick = np.stack([x[4] for x in fits]).argmin(axis=0)
    mean = np.choose(pick, [x[1] for x in fits])
    half = np.choose(pick, [x[2] * x[3] for x in fits])
    method = np.array([x[0] for x in fits], dtype=object)[pick]
    return _clip(mean, mean - half, mean + half) + (method,)


def _clip(mean, low, high):
    """Revenue is not negative: mean and low at least 0, low <= mean <= high; NaN never."""
    mean = np.nan_to_num(np.maximum(mean, 0.0))
    low = np.clip(np.nan_to_num(low), 0.0, mean)
    high = np.maximum(np.nan_to_num(high, nan=0.0, posinf=0.0), mean)
    return mean, low, high


# ---------------------------------------------------------------- statsmodels engine
def _statsmodels_one(y: np.ndarray, level: float):
    """Same three variants with statsmodels ETSModel, chosen by AICc; None if none fits."""
    # Imported here, not at module level: statsmodels takes 5-9 s to import on the 2-core
    # machine and pages that never forecast with it must stay fast.
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    specs = {
        "ets": {},
        "ets_damped": {"trend": "add", "damped_trend": True},
        "ets_seasonal": {"seasonal": "add", "seasonal_periods": SEASON},
    }
    endog = pd.Series(y, dtype="float64")
    best, best_ic, best_kind = None, math.inf, "none"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and overflow warnings on short series
        for kind in _variants(len(y)):
            try:
                res = ETSModel(endog, error="add", **specs[kind]).fit(disp=False)
            except (ValueError, np.linalg.LinAlgError, FloatingPointError):
                continue
            ic = res.aicc if np.isfinite(res.aicc) else res.aic
            if np.isfinite(ic) and ic < best_ic:
                best, best_ic, best_kind = res, ic, kind
        if best is None:
            return None
        frame = best.get_prediction(start=len(y), end=len(y)).summary_frame(alpha=1 - level)
    mean, low, high = (float(frame[c].iloc[0]) for c in ("mean", "pi_lower", "pi_upper"))
    if not all(np.isfinite([mean, low, high])):
        return None
    m, lo, hi = _clip(np.array([mean]), np.array([low]), np.array([high]))
    return float(m[0]), float(lo[0]), float(hi[0]), best_kind


# ---------------------------------------------------------------- batches
def _forecast_many(histories: list[np.ndarray], level: float, engine: str = "fast"):
    """(mean, low, high, method) per history (each trimmed, >= MIN_HISTORY long), batched by
    length so the fast engine runs once per distinct length."""
    out: list[tuple | None] = [None] * len(histories)
    by_len: dict[int, list[int]] = {}
    for i, h in enumerate(histories):
        if engine == "statsmodels":
            out[i] = _statsmodels_one(h, level)
        if out[i] is None:
            by_len.setdefault(len(h), []).append(i)
    for idx in by_len.values():
        mean, low, high, method = _fast(np.vstack([histories[i] for i in idx]), level)
        for j, i in enumerate(idx):
            out[i] = (float(mean[j]), float(low[j]), float(high[j]), str(method[j]))
    return out


def expect_next(series: pd.Series, level: float = 0.80, *, engine: str = "fast") -> Expectation:
    """Expectation for the quarter after the last one in ``series`` (revenue by 'YYYY-Qn').

    Quarters missing inside the range count as 0; history starts at the first non-zero quarter;
    fewer than MIN_HISTORY quarters -> ``enough_history=False`` and no numbers.
    """
    level = _check_level(level)
    _check_engine(engine)
    quarters, values = dense_series(series)
    if not quarters:
        raise ValueError("expect_next needs at least one quarter")
    nxt = shift_quarter(quarters[-1], 1)
    hist = _trim(values)
    if len(hist) < MIN_HISTORY:
        return Expectation(nxt, False, None, None, None, level, "none", len(hist))
    mean, low, high, method = _forecast_many([hist], level, engine)[0]
    return Expectation(nxt, True, mean, low, high, level, method, len(hist))


def _matrix(frame: pd.DataFrame, account_col: str, as_of: str | None):
    """Accounts x quarters revenue (0 where missing), first to ``as_of`` (default the last)."""
    need = {account_col, "quarter", "revenue"}
    if not need <= set(frame.columns):
        raise ValueError(f"frame needs columns {sorted(need)}")
    df = frame[[account_col, "quarter", "revenue"]].copy()
    df["quarter"] = df["quarter"].astype(str)
    bad = df.loc[~df["quarter"].map(valid_quarter), "quarter"].unique()
    if len(bad):
        raise ValueError(f"not a YYYY-Qn quarter: {list(bad[:3])}")
    if as_of is not None:
        if not valid_quarter(as_of):
            raise ValueError(f"as_of is not a YYYY-Qn quarter: {as_of!r}")
        df = df[df["quarter"] <= as_of]
    last = as_of or (df["quarter"].max() if len(df) else None)
    if last is None or df.empty:
        return last, pd.DataFrame()
    wide = df.pivot_table(
        index=account_col, columns="quarter", values="revenue", aggfunc="sum", fill_value=0.0
    )
    return last, wide.reindex(columns=quarters_between(wide.columns.min(), last), fill_value=0.0)


def expect_many(
    frame: pd.DataFrame,
    level: float = 0.80,
    *,
    as_of: str | None = None,
    engine: str = "fast",
    account_col: str = "account_key",
) -> pd.DataFrame:
    """One expectation per account for the quarter after ``as_of`` (default: the latest quarter
    in ``frame``); rows after ``as_of`` are ignored, so ``as_of=shift_quarter(latest, -1)`` gives
    the expectation the latest quarter is judged against.

    ``frame``: long, columns ``account_col``, ``quarter`` ('YYYY-Qn'), ``revenue`` (several rows
    per account and quarter are summed). Every account's history runs to ``as_of`` (quarters
    after its last row count as 0). Result columns: ``account_col``, quarter, history_quarters,
    enough_history, mean, low, high, method; sorted by account. The only missing values are
    mean/low/high of rows with ``enough_history`` False (NaN there: no numbers). The fast engine
    runs once per distinct history length (milliseconds for hundreds of accounts); the
    statsmodels engine fits each account (~0.15 s each).
    """
    level = _check_level(level)
    _check_engine(engine)
    cols = [account_col, "quarter", "history_quarters", "enough_history"]
    cols += ["mean", "low", "high", "method"]
    last, wide = _matrix(frame, account_col, as_of)
    if wide.empty:
        return pd.DataFrame(columns=cols)
    values = wide.to_numpy(dtype="float64")
    nonzero = values != 0
    first = np.where(nonzero.any(axis=1), nonzero.argmax(axis=1), values.shape[1])
    lengths = values.shape[1] - first
    ok = lengths >= MIN_HISTORY
    out = pd.DataFrame(
        {
            account_col: wide.index,
            "quarter": shift_quarter(last, 1),
            "history_quarters": lengths.astype(int),
            "enough_history": ok,
            "mean": np.nan,
            "low": np.nan,
            "high": np.nan,
            "method": "none",
        }
    )
    rows = np.flatnonzero(ok)
    fc = _forecast_many([values[i, first[i] :] for i in rows], level, engine)
    if len(rows):
        out.loc[rows, ["mean", "low", "high"]] = np.array([r[:3] for r in fc])
        out.loc[rows, "method"] = [r[3] for r in fc]
    return out[cols].reset_index(drop=True)


# ---------------------------------------------------------------- backtest
def _series_dict(series_by_account) -> dict[str, tuple[list[str], np.ndarray]]:
    """Dense series per account from a dict of Series or a long frame (account_key, quarter,
    revenue; every account then runs to the frame's last quarter)."""
    if isinstance(series_by_account, pd.DataFrame):
        _, wide = _matrix(series_by_account, "account_key", None)
        cols = list(wide.columns)
        return {str(a): (cols, wide.loc[a].to_numpy(dtype="float64")) for a in wide.index}
    return {str(a): dense_series(s) for a, s in series_by_account.items()}


def _tasks(series: dict, min_train: int):
    """Every (history up to t, actual at t+1) pair with >= min_train quarters of history."""
    tasks = []
    for account, (_, values) in series.items():
        for t in range(min_train, len(values)):
            hist = _trim(values[:t])
            if len(hist) >= min_train:
                tasks.append((account, hist, float(values[t])))
    return tasks


def _median_ape(pred: np.ndarray, actual: np.ndarray) -> float | None:
    nz = actual != 0
    return (
        float(np.median(np.abs(pred[nz] - actual[nz]) / np.abs(actual[nz]))) if nz.any() else None
    )


def _wape(pred: np.ndarray, actual: np.ndarray) -> float | None:
    tot = np.abs(actual).sum()
    return float(np.abs(pred - actual).sum() / tot) if tot > 0 else None


def backtest(
    series_by_account, min_train: int = MIN_HISTORY, level: float = 0.80, *, engine: str = "fast"
) -> dict:
    """Rolling-origin backtest: for each account and each quarter t with >= ``min_train``
    quarters of history (counted from its first non-zero quarter), fit on quarters <= t and
    compare with quarter t+1.

    ``series_by_account``: dict account -> revenue Series by quarter, or a long frame with
    account_key, quarter, revenue. Returns a JSON-ready dict: ``pairs`` (forecasts made),
    ``accounts`` (accounts with at least one), ``coverage`` (share of actuals inside
    [low, high]), ``coverage_nonzero`` (the same over actuals != 0), ``pairs_nonzero``, ``mdape``
    (median absolute percentage error over the pairs with actual != 0) and ``wape`` (sum of
    absolute errors / sum of absolute actuals, all pairs), each for ``model`` and the naive
    baselines ``last_quarter`` (same as the quarter before) and ``same_quarter_last_year``,
    computed on the same pairs in the same run; ``methods`` (pairs per method). Figures are None
    when there is nothing to measure.
    """
    level = _check_level(level)
    _check_engine(engine)
    if min_train < MIN_HISTORY:
        raise ValueError(f"min_train must be at least {MIN_HISTORY}")
    tasks = _tasks(_series_dict(series_by_account), min_train)
    fc = _forecast_many([t[1] for t in tasks], level, engine)
    actual = np.array([t[2] for t in tasks], dtype="float64")
    preds = {
        "model": np.array([f[0] for f in fc], dtype="float64"),
        "last_quarter": np.array([t[1][-1] for t in tasks], dtype="float64"),
        "same_quarter_last_year": np.array([t[1][-SEASON] for t in tasks], dtype="float64"),
    }
    low = np.array([f[1] for f in fc], dtype="float64")
    high = np.array([f[2] for f in fc], dtype="float64")
    inside = (actual >= low) & (actual <= high)
    nz = actual != 0
    return {
        "level": level,
        "engine": engine,
        "min_train": min_train,
        "accounts": len({t[0] for t in tasks}),
        "pairs": len(tasks),
        "pairs_nonzero": int(nz.sum()),
        "coverage": float(inside.mean()) if len(tasks) else None,
        "coverage_nonzero": float(inside[nz].mean()) if nz.any() else None,
        "mdape": {k: _median_ape(p, actual) for k, p in preds.items()},
        "wape": {k: _wape(p, actual) for k, p in preds.items()},
        "methods": dict(Counter(f[3] for f in fc)),
    }
