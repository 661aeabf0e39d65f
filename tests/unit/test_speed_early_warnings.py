"""The early warnings of a whole portfolio are judged in one batch (issue 9: 20,000 accounts took
over a minute of CPU, a pandas object per account and rule). The batch must judge exactly as the
per-account rules do: here every key account of the demo, acknowledgements included, is judged
again one by one through ``warning_rules.evaluate`` with its own pandas frames (the way
``early_warnings.build`` did before) and must come out identical."""

from __future__ import annotations

import shutil
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from kam_core.alerts import acks, early_warnings, inputs
from kam_core.analytics import warning_rules as wr
from kam_core.analytics.forecast import dense_series, dense_values
from kam_core.demo.accounts import DEMO_TODAY
from kam_core.portfolio.periods import Filters
from kam_core.store import db, settings

PERIOD = Filters(q_from="2025-Q4", q_to="2026-Q3")


@pytest.fixture(scope="module")
def acked_demo(demo_db, tmp_path_factory):
    """The demo with the first six flagged key accounts acknowledged (quiet warnings)."""
    path = tmp_path_factory.mktemp("acked") / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    rep = early_warnings.build(con, PERIOD, DEMO_TODAY)
    for a in rep.flagged[:6]:
        early_warnings.acknowledge(con, a.account_key, "seen", "tester", PERIOD, DEMO_TODAY)
    con.close()
    return path


def _one_by_one(con, rep: early_warnings.WarningsReport, today) -> dict:
    """Every account of ``rep`` judged alone, from per-account pandas frames."""
    cfg = settings.get_all(con)
    th = early_warnings.thresholds(cfg)
    keys = [a.account_key for a in rep.accounts]
    data = inputs.gather(
        con, keys, rep.as_of, int(th["frequency_window"]), int(th["product_lookback_quarters"])
    )
    judged, _ = early_warnings._expectations(data.quarterly, rep.as_of, rep.level)
    out = {}
    for key in keys:
        q = data.quarterly[data.quarterly["account_key"] == key]
        series = pd.Series(list(q["revenue"]), index=list(q["quarter"]), dtype="float64")
        if series.empty:
            series = pd.Series([0.0], index=[rep.as_of])
        o = data.orders[data.orders["account_key"] == key]
        orders = pd.Series(list(o["orders"]), index=list(o["quarter"]), dtype="float64")
        products = data.products[data.products["account_key"] == key]
        contacts = data.contacts[data.contacts["account_key"] == key].reset_index(drop=True)
        coverage = data.coverage[data.coverage["account_key"] == key].reset_index(drop=True)
        found = wr.evaluate(
            series,
            expectation=judged.get(key) or early_warnings._no_expectation(rep.as_of),
            orders=orders if len(orders) else None,
            product_quarter=products if len(products) else None,
            contacts=contacts,
            coverage=coverage if len(coverage) else None,
            plan_last_edit=data.plan_edits.get(key),
            last_activity=data.last_activity.get(key),
            today=today,
            thresholds=th,
            as_of=rep.as_of,
        )
        ack = data.acks.get(key)
        if ack is not None and found:
            champions = contacts[
                (contacts["stance"] == "champion")
                & contacts["archived_at"].isna()
                & contacts["last_contact"].notna()
            ]["last_contact"]
            lapsed = acks.lapsed_kinds(
                ack,
                as_of=rep.as_of,
                quarterly=series,
                plan_last_edit=data.plan_edits.get(key),
                last_activity=data.last_activity.get(key),
                champion_last_contact=champions.max() if len(champions) else None,
                level=rep.level,
            )
            shown = wr.unacknowledged(found, acks.in_force(ack, lapsed), th["worsen_margin"])
        else:
            shown = found
        out[key] = (shown, [w for w in found if w not in shown])
    return out


@pytest.mark.parametrize("days", [0, 45, 200, -120])
def test_the_batch_judges_every_account_as_the_rules_do_one_by_one(acked_demo, days):
    con = db.connect(acked_demo)
    try:
        today = DEMO_TODAY + timedelta(days=days)
        rep = early_warnings.build(con, PERIOD, today)
        alone = _one_by_one(con, rep, today)
    finally:
        con.close()
    assert rep.accounts and any(a.warnings for a in rep.accounts)
    for a in rep.accounts:
        shown, quiet = alone[a.account_key]
        assert list(a.warnings) == shown, a.account_key
        assert list(a.quiet) == quiet, a.account_key
    if days == 0:
        assert rep.quiet, "the acknowledged accounts must show as quiet"


def test_dense_values_is_dense_series_of_plain_lists():
    s = pd.Series(
        [1.0, np.nan, 2.5, 4.0, -1.0], index=["2024-Q1", "2024-Q3", "2024-Q3", "2025-Q2", "2025-Q4"]
    )
    for last in (None, "2025-Q1", "2025-Q4", "2026-Q2", "2023-Q1"):
        q1, v1 = dense_series(s, last=last)
        q2, v2 = dense_values(list(s.index), s.to_numpy(dtype="float64"), last)
        assert q1 == q2 and v1.tolist() == v2.tolist(), last


def test_slices_keep_each_accounts_rows_in_order():
    df = pd.DataFrame(
        {"account_key": ["b", "a", "b", "c", "a"], "quarter": ["1", "2", "3", "4", "5"]}
    )
    got = early_warnings._slices(df, ["quarter"])
    assert got == {
        "b": {"quarter": ["1", "3"]},
        "a": {"quarter": ["2", "5"]},
        "c": {"quarter": ["4"]},
    }
    assert early_warnings._slices(df.iloc[0:0], ["quarter"]) == {}
