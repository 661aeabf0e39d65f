"""Revenue bridge, trend growth and tier migration: hand-checked, plus the identity on random data."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam_core.analytics import bridge, metrics, tier_migration, trends


def frame(d):
    return pd.DataFrame({"account_key": list(d), "revenue": [float(v) for v in d.values()]})


def test_bridge_hand_checked():
    start = frame({"keep": 100, "grow": 50, "shrink": 40, "gone": 30, "neg": -10})
    end = frame({"keep": 100, "grow": 80, "shrink": 25, "new": 20, "neg": 5})
    b = bridge.bridge(start, end)
    assert b["start"] == 210 and b["end"] == 230
    assert b["new"] == 35  # "new" 20 from nothing, "neg" from -10 to 5 (+15)
    assert b["growth"] == 30  # grow +30 (keep +0)
    assert b["decline"] == 15  # shrink -15
    assert b["lost"] == 30
    assert b["start"] + b["new"] + b["growth"] - b["decline"] - b["lost"] == b["end"]
    # NRR over accounts with start > 0 (220): now 100 + 80 + 25 + 0 = 205; GRR caps grow at 50.
    assert b["nrr"] == pytest.approx(205 / 220)
    assert b["grr"] == pytest.approx(175 / 220)
    assert (b["accounts_new"], b["accounts_lost"]) == (2, 1)


amounts = st.floats(min_value=-1e6, max_value=1e7, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from([f"k{i}" for i in range(25)]), amounts, max_size=25),
    st.dictionaries(st.sampled_from([f"k{i}" for i in range(25)]), amounts, max_size=25),
)
def test_bridge_identity_on_random_data(s, e):
    b = bridge.bridge(frame(s), frame(e))
    assert b["start"] + b["new"] + b["growth"] - b["decline"] - b["lost"] == pytest.approx(
        b["end"], abs=1e-6 * (1 + abs(b["start"]) + abs(b["end"]))
    )
    assert min(b["new"], b["growth"], b["decline"], b["lost"]) >= 0
    cls = bridge.classify(frame(s), frame(e))
    groups = pd.Series(
        {k: ("x" if int(k[1:]) % 2 else "y") for k in cls["account_key"]}, dtype=object
    )
    by = bridge.bridge_by(cls, groups, "g")
    # the groups add up to the whole
    for col in ("start", "new", "growth", "decline", "lost", "end"):
        assert by[col].sum() == pytest.approx(b[col], abs=1e-6 * (1 + abs(b[col])))


def test_quarterly_growth_skips_gaps():
    qt = pd.DataFrame(
        {
            "quarter": ["2024-Q1", "2024-Q2", "2024-Q4", "2025-Q1"],
            "revenue": [100.0, 110.0, 120.0, 90.0],
            "accounts": [3, 3, 4, 4],
        }
    )
    tr = trends.quarterly_trend(qt).set_index("quarter")
    assert tr.loc["2024-Q2", "qoq"] == pytest.approx(0.10)
    assert np.isnan(tr.loc["2024-Q4", "qoq"])  # 2024-Q3 has no data: no fake QoQ
    assert tr.loc["2025-Q1", "qoq"] == pytest.approx(-0.25)
    assert tr.loc["2025-Q1", "yoy"] == pytest.approx(-0.10)
    assert np.isnan(tr.loc["2024-Q1", "yoy"])


def test_movers_and_won_lost():
    start = frame({"a": 100, "b": 50, "c": 10, "lost": 5})
    end = frame({"a": 150, "b": 20, "c": 12, "won": 8})
    names = pd.DataFrame(
        {"account_key": ["a", "b", "c", "won", "lost"], "account_name": ["A", "B", "C", "W", "L"]}
    )
    up, down = trends.movers(start, end, names, n=5)
    assert up["account_key"].tolist() == ["a", "c"]
    assert up["growth"].tolist() == pytest.approx([0.5, 0.2])
    assert down["account_key"].tolist() == ["b"] and down["delta"].iloc[0] == -30
    won, lost = trends.won_lost(start, end, names)
    assert won["account_name"].tolist() == ["W"] and lost["account_name"].tolist() == ["L"]


def _pt(d):
    r = frame(d).assign(account_name=lambda x: x["account_key"].str.upper())
    return metrics.pareto_table(r)


def test_migration_matrix_totals_and_flows():
    before = _pt({"a": 60, "b": 25, "c": 10, "d": 5})  # A: a b (85%), B: c (95%), C: d
    after = _pt({"a": 50, "c": 30, "d": 15, "e": 5})  # A: a c (80%), B: d (95%), C: e
    fl = tier_migration.flows(before, after)
    pairs = dict(
        zip(fl["account_key"], zip(fl["from_tier"], fl["to_tier"], strict=True), strict=True)
    )
    assert pairs == {
        "a": ("A", "A"),
        "b": ("A", "lost"),
        "c": ("B", "A"),
        "d": ("C", "B"),
        "e": ("new", "C"),
    }
    m = tier_migration.matrix(fl, "count")
    assert m.loc["total", "total"] == 5
    assert m.loc["A", "total"] == 2 and m.loc["total", "lost"] == 1
    assert m.loc[["A", "B", "C", "new"], "total"].sum() == m.loc["total", "total"]
    r = tier_migration.matrix(fl, "revenue")
    # revenue after for every flow but the lost one, which weighs its revenue before (25)
    assert r.loc["total", "total"] == pytest.approx(100 + 25)
    assert r.loc["A", "lost"] == 25 and r.loc["B", "A"] == 30
    assert tier_migration.flow_accounts(fl, "new", "C")["account_name"].tolist() == ["E"]


def test_stability_rule_needs_n_quarters_beyond_the_cut():
    q = ["q1", "q2", "q3", "q4", "q5"]
    raw = pd.DataFrame(
        [
            ("x", "q1", "A"),
            ("x", "q2", "B"),
            ("x", "q3", "A"),
            ("x", "q4", "B"),
            ("x", "q5", "B"),
            ("y", "q1", "B"),
            ("y", "q3", "A"),
        ],
        columns=["account_key", "quarter", "tier"],
    )
    st2 = tier_migration.stable_tiers(raw, q, 2).set_index(["account_key", "quarter"])["tier"]
    # x flips A/B/A then B twice: stays A until the second B in a row.
    assert [st2[("x", k)] for k in q] == ["A", "A", "A", "A", "B"]
    # y disappears in q2 (none at once) and comes back as A.
    assert ("y", "q2") not in st2.index and st2[("y", "q3")] == "A"
    assert tier_migration.stable_tiers(raw, q, 0).equals(raw)
