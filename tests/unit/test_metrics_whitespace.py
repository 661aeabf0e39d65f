"""Whitespace: key accounts x product lines and ranked cross-sell gaps, hand-checked."""

import pandas as pd
import pytest

from kam_core.analytics import trends


def test_gap_potential_is_revenue_times_peer_share_times_penetration():
    # Segment "S" has 5 accounts (enough peers). Lines: X, Y.
    prod = pd.DataFrame(
        [
            ("k", "X", 100.0),  # the key account buys only X
            ("p1", "X", 30.0),
            ("p1", "Y", 10.0),  # Y = 25% of p1
            ("p2", "X", 20.0),
            ("p2", "Y", 20.0),  # Y = 50% of p2
            ("p3", "X", 10.0),
            ("p4", "X", 10.0),
            ("o1", "Y", 5.0),  # other segment, buys only Y
            ("k", "Y", -3.0),  # a credit note is not "bought"
        ],
        columns=["account_key", "product_line", "revenue"],
    )
    attrs = pd.DataFrame(
        {
            "account_key": ["k", "p1", "p2", "p3", "p4", "o1"],
            "segment": ["S", "S", "S", "S", "S", "T"],
        }
    )
    key = pd.DataFrame({"account_key": ["k"], "account_name": ["Key"], "revenue": [100.0]})
    matrix, gaps = trends.whitespace(prod, key, attrs)
    assert matrix.loc["k", "X"] == 100 and pd.isna(matrix.loc["k", "Y"])
    assert gaps["product_line"].tolist() == ["Y"]
    g = gaps.iloc[0]
    # peers in S: k, p1..p4 = 5; buyers of Y in S: p1, p2 -> penetration 2/5
    assert g["penetration"] == pytest.approx(0.4)
    assert g["peer_share"] == pytest.approx(0.375)  # median of 25% and 50%
    assert g["potential"] == pytest.approx(100 * 0.375 * 0.4)


def test_small_segment_falls_back_to_the_whole_portfolio():
    prod = pd.DataFrame(
        [("k", "X", 50.0), ("a", "X", 10.0), ("a", "Y", 10.0), ("b", "Y", 40.0)],
        columns=["account_key", "product_line", "revenue"],
    )
    attrs = pd.DataFrame({"account_key": ["k", "a", "b"], "segment": ["S", "T", "T"]})
    key = pd.DataFrame({"account_key": ["k"], "account_name": ["Key"], "revenue": [50.0]})
    _, gaps = trends.whitespace(prod, key, attrs)
    # whole portfolio: 3 accounts, buyers of Y: a (50%), b (100%) -> median .75, penetration 2/3
    assert gaps["peer_share"].iloc[0] == pytest.approx(0.75)
    assert gaps["penetration"].iloc[0] == pytest.approx(2 / 3)
    assert gaps["potential"].iloc[0] == pytest.approx(50 * 0.75 * 2 / 3)
