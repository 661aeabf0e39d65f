"""Backtest of the next-quarter expectation (F-PA-8, issue #11) on the public datasets and the demo.

For each dataset in ``tests/fixtures/datasets`` (read directly with pandas) and the demo portfolio
(``kam_core.demo.builder.generate_lines``, 8 quarters): revenue per account
and quarter, the key accounts (the top accounts that make 80% of revenue, PRODUCT.md section 8),
a rolling-origin backtest of ``kam_core.analytics.forecast`` (fit on quarters <= t, compare with
t+1) for the key accounts and for the portfolio total; reported: quarters, accounts, coverage of
the 80% range, MdAPE of the model vs the naive "last quarter" and "same quarter last year" from
the same run, WAPE, timings, and how many key accounts the revenue warning rules flag at the latest
complete quarter (a partial last quarter is also backtested without it). The statsmodels engine is measured beside it where it fits in the time budget.

Acceptance (issue #11): coverage between 65% and 95% on every dataset with at least 8 quarters.
Benchmarks report numbers; they never fail a build.

    .venv/bin/python -m bench.bench_forecast [--quick]   # writes bench/results/forecast.json

``--quick`` leaves out the statsmodels comparison (the slow part), as ``make bench`` runs it;
``bench/run_all.py`` folds the coverage and error figures into ``bench/results.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kam_core.analytics import warning_rules as wr  # noqa: E402
from kam_core.analytics.forecast import Expectation, backtest, expect_many  # noqa: E402
from kam_core.common.quarter import shift_quarter  # noqa: E402
from kam_core.demo import builder  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "datasets"
OUT = ROOT / "bench" / "results" / "forecast.json"  # ignored by git, like every bench result
LEVEL = 0.80
ACCEPT = (0.65, 0.95)
MIN_QUARTERS_FOR_ACCEPTANCE = 8
DATASETS = ("superstore.csv.gz", "sales_data_sample.csv.gz", "online_retail_sample.csv.gz", "demo")
STATSMODELS_MAX_PAIRS = 400  # ~0.1 s per fit: keeps the whole run under two minutes


def _quarter(dates: pd.Series) -> pd.Series:
    return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)


def _demo() -> pd.DataFrame:
    """The demo portfolio's lines, as ``python -m kam_core demo`` generates them (no database)."""
    _, lines = builder.generate_lines()
    return pd.DataFrame(
        {
            "date": pd.to_datetime(lines["line_date"]),
            "account_key": lines["account_key"],
            "quarter": lines["quarter"],
            "amount": lines["amount"].astype(float),
            "order": lines["invoice"].astype(str),
            "product_line": lines["product_line"],
        }
    )


def load(name: str) -> pd.DataFrame:
    """Lines as account, quarter, amount, order, product_line (net amounts, credits included)."""
    if name == "demo":
        return _demo()
    path = DATA / name
    if name == "superstore.csv.gz":
        df = pd.read_csv(path, encoding="cp1252")
        dates = pd.to_datetime(df["Order Date"], format="%m/%d/%Y")
        account, amount, order, line = (
            df["Customer Name"],
            df["Sales"],
            df["Order ID"],
            df["Category"],
        )
    elif name == "sales_data_sample.csv.gz":
        df = pd.read_csv(path, encoding="latin-1")
        dates = pd.to_datetime(df["ORDERDATE"], format="%m/%d/%Y %H:%M")
        account, amount, order = df["CUSTOMERNAME"], df["SALES"], df["ORDERNUMBER"]
        line = df["PRODUCTLINE"]
    else:
        df = pd.read_csv(path, encoding="utf-8", dtype={"CustomerID": "string"})
        df = df[df["CustomerID"].notna()]
        dates = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
        account, amount = (
            df["CustomerID"].str.replace(r"\.0$", "", regex=True),
            df["Quantity"] * df["UnitPrice"],
        )
        order, line = df["InvoiceNo"], pd.Series(None, index=df.index, dtype="object")
    return pd.DataFrame(
        {
            "date": dates,
            "account_key": account.astype(str).str.strip(),
            "quarter": _quarter(dates),
            "amount": amount.astype(float),
            "order": order.astype(str),
            "product_line": line,
        }
    )


def last_complete_quarter(lines: pd.DataFrame) -> str:
    """The data's last quarter if its dates reach (within 3 days) the quarter's end, else the
    quarter before: a partial quarter looks like a fall for every account."""
    last = lines["date"].max()
    end = pd.Period(last, "Q").end_time.normalize()
    q = f"{last.year}-Q{last.quarter}"
    return q if last >= end - pd.Timedelta(days=3) else shift_quarter(q, -1)


def key_accounts(lines: pd.DataFrame, share: float = 0.80) -> list[str]:
    """Pareto order (revenue > 0, descending, ties by key); the smallest top k reaching share."""
    rev = lines.groupby("account_key")["amount"].sum()
    rev = rev[rev > 0].reset_index().sort_values(["amount", "account_key"], ascending=[False, True])
    cum = rev["amount"].cumsum() / rev["amount"].sum()
    k = int((cum < share).sum()) + 1
    return rev["account_key"].head(k).tolist()


def _round(x, nd=3):
    if isinstance(x, dict):
        return {k: _round(v, nd) for k, v in x.items()}
    return round(x, nd) if isinstance(x, float) else x


def _bt_figures(r: dict, seconds: float) -> dict:
    keep = ("pairs", "accounts", "pairs_nonzero", "coverage", "coverage_nonzero", "mdape", "wape")
    out = {k: _round(r[k]) for k in keep}
    out["methods"] = r["methods"]
    out["seconds"] = round(seconds, 2)
    return out


def warnings_at_latest(lines: pd.DataFrame, keys: list[str], quarterly: pd.DataFrame) -> dict:
    """How many key accounts each revenue rule flags at the latest quarter."""
    latest = quarterly["quarter"].max()
    t0 = time.perf_counter()
    exp = expect_many(quarterly, LEVEL, as_of=shift_quarter(latest, -1)).set_index("account_key")
    wide = quarterly.pivot_table(
        index="account_key", columns="quarter", values="revenue", aggfunc="sum", fill_value=0.0
    )
    orders = lines.groupby(["account_key", "quarter"])["order"].nunique().unstack(fill_value=0)
    has_lines = lines["product_line"].notna().any()
    pq = lines.groupby(["account_key", "product_line", "quarter"], as_index=False)["amount"].sum()
    pq = pq.rename(columns={"amount": "revenue"})
    counts = dict.fromkeys(wr.REVENUE_KINDS, 0)
    stake = 0.0
    for acc in keys:
        if acc not in wide.index:  # bought only after the last complete quarter
            continue
        row = exp.loc[acc] if acc in exp.index else None
        found = wr.evaluate(
            wide.loc[acc],
            expectation=Expectation.from_row(row, LEVEL) if row is not None else None,
            orders=orders.loc[acc],
            as_of=latest,
            product_quarter=pq[pq["account_key"] == acc] if has_lines else None,
        )
        for w in found:
            counts[w.kind] += 1
        stake += max((w.revenue_at_stake for w in found), default=0.0)
    return {
        "quarter": latest,
        "accounts_flagged": counts,
        "revenue_at_stake": round(stake, 2),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def run_dataset(name: str, quick: bool = False) -> dict:
    lines = load(name)
    quarters = sorted(lines["quarter"].unique())
    keys = key_accounts(lines)
    acc_q = lines.groupby(["account_key", "quarter"], as_index=False)["amount"].sum()
    acc_q = acc_q.rename(columns={"amount": "revenue"})
    key_q = acc_q[acc_q["account_key"].isin(keys)]
    complete = last_complete_quarter(lines)
    fig = {
        "quarters": len(quarters),
        "first_quarter": quarters[0],
        "last_quarter": quarters[-1],
        "last_complete_quarter": complete,
        "accounts": int(acc_q["account_key"].nunique()),
        "key_accounts": len(keys),
    }
    t0 = time.perf_counter()
    expect_many(key_q, LEVEL)
    fig["expect_many_ms"] = round((time.perf_counter() - t0) * 1000, 1)

    t0 = time.perf_counter()
    fig["key_accounts_backtest"] = _bt_figures(
        backtest(key_q, level=LEVEL), time.perf_counter() - t0
    )
    total = acc_q.groupby("quarter")["revenue"].sum()
    t0 = time.perf_counter()
    fig["portfolio_total_backtest"] = _bt_figures(
        backtest({"total": total}, level=LEVEL), time.perf_counter() - t0
    )
    sm = {}
    for label, data in (("portfolio_total", {"total": total}), ("key_accounts", key_q)):
        pairs = fig[f"{label}_backtest"]["pairs"]
        if quick:
            sm[label] = "skipped: --quick"
            continue
        if pairs > STATSMODELS_MAX_PAIRS:
            sm[label] = f"skipped: {pairs} fits would take minutes"
            continue
        t0 = time.perf_counter()
        r = backtest(data, level=LEVEL, engine="statsmodels")
        sm[label] = _bt_figures(r, time.perf_counter() - t0)
    fig["statsmodels_engine"] = sm
    if complete != quarters[-1]:
        done = key_q[key_q["quarter"] <= complete]
        t0 = time.perf_counter()
        fig["key_accounts_backtest_complete_quarters"] = _bt_figures(
            backtest(done, level=LEVEL), time.perf_counter() - t0
        )
    else:
        done = key_q
    fig["warnings_at_latest_quarter"] = warnings_at_latest(
        lines[lines["quarter"] <= complete], keys, done
    )
    cov = fig["key_accounts_backtest"]["coverage"]
    if fig["quarters"] >= MIN_QUARTERS_FOR_ACCEPTANCE:
        fig["acceptance"] = "pass" if ACCEPT[0] <= cov <= ACCEPT[1] else "FAIL"
    else:
        fig["acceptance"] = f"not applicable: fewer than {MIN_QUARTERS_FOR_ACCEPTANCE} quarters"
    return fig


def _line(label: str, r) -> str:
    if isinstance(r, str):
        return f"  {label:<28} {r}"
    if not r["pairs"] or r["coverage_nonzero"] is None:
        return f"  {label:<28} pairs {r['pairs']:>5}  (nothing to measure: history too short)"
    md, wape = r["mdape"], r["wape"]
    return (
        f"  {label:<28} pairs {r['pairs']:>5}  coverage {r['coverage']:.1%} "
        f"(actual>0: {r['coverage_nonzero']:.1%})  MdAPE model {md['model']:.3f} | last quarter "
        f"{md['last_quarter']:.3f} | same quarter last year {md['same_quarter_last_year']:.3f}  "
        f"WAPE {wape['model']:.3f} | {wape['last_quarter']:.3f} | "
        f"{wape['same_quarter_last_year']:.3f}  [{r['seconds']} s]"
    )


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    t_all = time.perf_counter()
    results = {"level": LEVEL, "acceptance_range": list(ACCEPT), "datasets": {}}
    for name in DATASETS:
        fig = run_dataset(name, quick)
        results["datasets"][name.removesuffix(".csv.gz")] = fig
        print(
            f"\n== {name}: {fig['quarters']} quarters ({fig['first_quarter']}..{fig['last_quarter']}),"
            f" {fig['key_accounts']} key accounts of {fig['accounts']};"
            f" expect_many {fig['expect_many_ms']} ms; acceptance: {fig['acceptance']}"
        )
        print(_line("key accounts", fig["key_accounts_backtest"]))
        if "key_accounts_backtest_complete_quarters" in fig:
            label = f"key accounts to {fig['last_complete_quarter']}"
            print(_line(label, fig["key_accounts_backtest_complete_quarters"]))
        print(_line("portfolio total", fig["portfolio_total_backtest"]))
        for label, r in fig["statsmodels_engine"].items():
            print(_line(f"statsmodels, {label.replace('_', ' ')}", r))
        w = fig["warnings_at_latest_quarter"]
        print(
            f"  warnings at {w['quarter']}: {w['accounts_flagged']}, stake {w['revenue_at_stake']:,.0f}"
        )
    results["seconds"] = round(time.perf_counter() - t_all, 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten {OUT.relative_to(ROOT)} in {results['seconds']} s")


if __name__ == "__main__":
    main()
