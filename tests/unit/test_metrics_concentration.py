"""Concentration metrics with hand-checked numbers (PRODUCT.md section 8)."""

import numpy as np
import pandas as pd
import pytest

from kam_core.analytics import metrics


def rev(pairs):
    return pd.DataFrame(pairs, columns=["account_key", "revenue"]).assign(
        account_name=lambda d: d["account_key"]
    )


def test_ties_at_the_cut_are_broken_by_account_key():
    # 40, 20, 20, 20 (total 100): cum .40 .60 .80 1.0 -> k80 = 3; the tie among B, C, D is
    # ordered by key, so D (last key) is the one left out of A.
    pt = metrics.pareto_table(rev([("D", 20), ("B", 20), ("A", 40), ("C", 20)]))
    assert pt["account_key"].tolist() == ["A", "B", "C", "D"]
    # rank 4 reaches 1.0 >= .95: k95 = 4, so D is B.
    assert pt["tier"].tolist() == ["A", "A", "A", "B"]


def test_boundary_account_is_in_a_and_b():
    pt = metrics.pareto_table(rev([("A", 50), ("B", 31), ("C", 10), ("D", 5), ("E", 4)]))
    # cum .50 .81 .91 .96 1.0: B crosses 80% -> A; D crosses 95% -> B.
    assert pt["tier"].tolist() == ["A", "A", "B", "B", "C"]
    assert pt["cum_share"].iloc[-1] == 1.0


def test_negative_and_zero_accounts_excluded_from_shares():
    r = rev([("A", 60), ("B", 40), ("Z", 0), ("N", -30)])
    c = metrics.concentration(r)
    assert c["accounts"] == 2 and c["non_positive_accounts"] == 2
    assert c["positive_revenue"] == 100
    assert c["top_shares"]["1"] == pytest.approx(0.6)
    assert c["hhi"] == pytest.approx((0.36 + 0.16) * 10_000)


def test_gini_equal_revenues_is_zero_and_one_of_n_tends_to_one():
    assert metrics.gini([5, 5, 5, 5]) == pytest.approx(0.0)
    # One account: the section-8 formula gives 2*1*x/(1*x) - 2/1 = 0. A single account is not
    # "unequal" among positive accounts: zero and negative accounts are excluded from shares, so
    # "one account has everything, the other n-1 have 0" reduces to n = 1 and Gini 0 here.
    assert metrics.gini([7]) == pytest.approx(0.0)
    assert metrics.gini([7, 0, 0, -3]) == pytest.approx(0.0)
    # The textbook (n-1)/n appears when the zeros are kept: check the formula itself with them.
    x = np.array([0.0, 0.0, 0.0, 10.0])
    n = len(x)
    textbook = 2 * np.sum(np.arange(1, n + 1) * x) / (n * x.sum()) - (n + 1) / n
    assert textbook == pytest.approx((n - 1) / n)
    # Hand-checked: 1, 2, 3, 4 -> 2*(1+4+9+16)/(4*10) - 5/4 = 1.5 - 1.25 = 0.25
    assert metrics.gini([4, 1, 3, 2]) == pytest.approx(0.25)


def test_hhi_and_effective_accounts():
    assert metrics.hhi([42]) == pytest.approx(10_000)
    assert metrics.effective_accounts(10_000) == pytest.approx(1)
    assert metrics.hhi([25, 25, 25, 25]) == pytest.approx(2_500)
    assert metrics.effective_accounts(2_500) == pytest.approx(4)
    assert metrics.hhi_band(1_499) == "low"
    assert metrics.hhi_band(1_500) == "moderate"
    assert metrics.hhi_band(2_500) == "high"


def test_major_customers_at_threshold():
    pt = metrics.pareto_table(rev([("A", 10), ("B", 45), ("C", 45)]))
    assert metrics.major_customers(pt, 0.10)["account_key"].tolist() == ["B", "C", "A"]
    assert metrics.major_customers(pt, 0.11)["account_key"].tolist() == ["B", "C"]


def test_pareto_curve_downsampled_keeps_threshold_points_exact():
    rng = np.random.default_rng(3)
    r = rev([(f"K{i:05d}", v) for i, v in enumerate(rng.pareto(1.2, 20_000) + 0.01)])
    pt = metrics.pareto_table(r)
    curve = metrics.pareto_curve(pt, 0.8, 0.95, max_points=400)
    assert len(curve) <= 403
    k80 = int((pt["tier"] == "A").sum())
    k95 = k80 + int((pt["tier"] == "B").sum())
    row = curve.loc[curve["rank"] == k80].iloc[0]
    assert row["cum_share"] == pt["cum_share"].iloc[k80 - 1] >= 0.8
    assert pt["cum_share"].iloc[k80 - 2] < 0.8
    assert k95 in curve["rank"].tolist()
    assert curve["cum_share"].is_monotonic_increasing and curve["cum_share"].iloc[-1] == 1.0


def test_cv_and_xyz_hand_checked():
    q = ["Q1", "Q2", "Q3", "Q4"]
    df = pd.DataFrame(
        [
            ("steady", "Q1", 10),
            ("steady", "Q2", 10),
            ("steady", "Q3", 10),
            ("steady", "Q4", 10),
            ("swing", "Q1", 5),
            ("swing", "Q2", 15),
            ("swing", "Q3", 5),
            ("swing", "Q4", 15),
            ("once", "Q2", 40),
        ],
        columns=["account_key", "quarter", "revenue"],
    )
    v = metrics.variability(df, q).set_index("account_key")
    assert v.loc["steady", "cv"] == pytest.approx(0.0)
    assert v.loc["swing", "cv"] == pytest.approx(0.5)  # mean 10, population std 5
    # 0, 40, 0, 0: mean 10, std sqrt((100*3 + 900)/4) = sqrt(300)
    assert v.loc["once", "cv"] == pytest.approx(np.sqrt(300) / 10)
    cls = metrics.xyz_class(v["cv"].to_numpy(), 0.25, 0.5)
    assert dict(zip(v.index, cls, strict=True)) == {"once": "Z", "steady": "X", "swing": "Y"}


def test_what_if_lose_the_largest():
    r = rev([("A", 50), ("B", 30), ("C", 10), ("D", 6), ("E", 4)])
    w = metrics.what_if_lose(r, "A")
    assert w["revenue_at_risk"] == 50 and w["share_at_risk"] == pytest.approx(0.5)
    # without A: 30, 10, 6, 4 (50) -> cum .6 .8 .92 1.0: A = B, C; B = D... (k95 = 4)
    assert w["accounts_to_80_after"] == 2
    shifts = dict(zip(w["tier_shifts"]["account_key"], w["tier_shifts"]["tier_after"], strict=True))
    assert shifts == {"C": "A", "E": "B"}
    assert w["hhi_after"] == pytest.approx((0.36 + 0.04 + 0.0144 + 0.0064) * 10_000)


def test_score_drops_unknown_criteria_and_renormalises():
    f = pd.DataFrame(
        {
            "account_key": ["a", "b"],
            "revenue": [1.0, 0.0],
            "growth": [0.0, 1.0],
            "margin": [np.nan, np.nan],
            "strategic": [0.0, 1.0],
            "attractiveness": [np.nan, 0.5],
        }
    )
    s = metrics.score(
        f, {"revenue": 40, "growth": 20, "margin": 20, "strategic": 20, "attractiveness": 0}
    )
    # margin unknown everywhere, attractiveness weight 0: weights 40/20/20 of 80.
    assert s.attrs["criteria_used"] == ("revenue", "growth", "strategic")
    assert s["score"].tolist() == pytest.approx([50.0, 50.0])
