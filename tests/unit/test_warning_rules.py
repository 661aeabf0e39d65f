"""Early-warning rules (kam_core.analytics.warning_rules, F-PA-8): hand-built accounts."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from kam_core.analytics import warning_rules as wr
from kam_core.analytics.forecast import Expectation, expect_next

TODAY = date(2024, 10, 15)
QUARTERS = [f"{2023 + i // 4}-Q{i % 4 + 1}" for i in range(8)]  # 2023-Q1 .. 2024-Q4


def q(values) -> pd.Series:
    return pd.Series([float(v) for v in values], index=QUARTERS[: len(values)])


STEADY = [1000, 1020, 990, 1010, 1005, 995, 1015, 1000]


def products(rows_per_quarter: dict[str, list[float]]) -> pd.DataFrame:
    """{line: revenue per quarter} -> product_line, quarter, revenue (0 rows left out)."""
    rows = [
        (line, QUARTERS[i], float(v))
        for line, values in rows_per_quarter.items()
        for i, v in enumerate(values)
        if v
    ]
    return pd.DataFrame(rows, columns=["product_line", "quarter", "revenue"])


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def contacts_frame(rows: list[dict]) -> pd.DataFrame:
    base = {"influence": "high", "archived_at": None, "last_contact": days_ago(10)}
    return pd.DataFrame([{**base, **r} for r in rows])


HEALTHY_CONTACTS = [
    {"contact_id": 1, "name": "Ana", "buying_role": "decision_maker", "stance": "supporter"},
    {"contact_id": 2, "name": "Luis", "buying_role": "user", "stance": "champion"},
]
HEALTHY_COVERAGE = pd.DataFrame(
    {"contact_id": [1, 2], "person_id": [10, 11], "level_current": ["regular", "trusted"]}
)


def steady_inputs(**over) -> dict:
    inputs = {
        "orders": q([10, 11, 10, 9, 10, 11, 10, 10]),
        "product_quarter": products({"A": [600] * 8, "B": [400] * 8}),
        "contacts": contacts_frame(HEALTHY_CONTACTS),
        "coverage": HEALTHY_COVERAGE,
        "plan_last_edit": days_ago(30),
        "last_activity": days_ago(5),
        "today": TODAY,
    }
    inputs.update(over)
    return inputs


def kinds(warnings) -> list[str]:
    return [w.kind for w in warnings]


def only(warnings, kind: str):
    assert kinds(warnings) == [kind]
    return warnings[0]


# ---------------------------------------------------------------- steady
def test_a_steady_account_raises_nothing():
    assert wr.evaluate(q(STEADY), **steady_inputs()) == []


def test_a_steady_account_with_only_revenue_raises_nothing():
    assert wr.evaluate(q(STEADY)) == []


# ---------------------------------------------------------------- revenue rules
def test_two_quarter_fall_is_its_own_warning_with_the_annualised_fall_at_stake():
    # ... 1080 -> 1040 -> 1000: two falls in a row, 80 below the quarter before the fall
    values = [1000, 1100, 950, 1050, 1000, 1080, 1040, 1000]
    w = only(wr.evaluate(q(values), **steady_inputs()), "revenue_fell")
    assert w.message_key == "warn.revenue_fell"
    assert w.params["quarters"] == 2
    assert w.params["from_quarter"] == "2024-Q2" and w.params["to_quarter"] == "2024-Q4"
    assert (w.params["from_revenue"], w.params["to_revenue"]) == (1080, 1000)
    assert w.params["fall"] == 80 and w.params["fall_share"] == pytest.approx(80 / 1080, abs=1e-4)
    assert w.revenue_at_stake == 4 * 80


def test_longer_fall_counts_every_quarter_of_the_run():
    w = wr.revenue_fell_two_quarters(q([1000, 1000, 1000, 1000, 900, 800, 700, 600]))
    assert w.params["quarters"] == 4 and w.params["from_quarter"] == "2023-Q4"
    assert w.revenue_at_stake == 4 * 400


def test_one_fall_a_rise_or_a_tiny_fall_is_not_a_warning():
    assert wr.revenue_fell_two_quarters(q([1000, 1000, 1000, 800])) is None  # one quarter
    assert wr.revenue_fell_two_quarters(q([1000, 900, 800, 850])) is None  # rose last
    assert wr.revenue_fell_two_quarters(q([1000, 1000, 990, 980])) is None  # 2% < 5%
    assert wr.revenue_fell_two_quarters(q([1000, 1000, 990, 980]), fall_min_share=0) is not None
    assert wr.revenue_fell_two_quarters(q([0, 0, 0])) is None


def test_drop_below_expected_range_with_a_given_expectation():
    values = [1000, 1010, 990, 1005, 995, 1000, 1008, 700]
    exp = Expectation("2024-Q4", True, 1000.0, 950.0, 1050.0, 0.8, "ets", 7)
    w = only(wr.evaluate(q(values), expectation=exp, **steady_inputs()), "below_expected_range")
    assert w.params["shortfall"] == 300 and w.params["low"] == 950
    assert w.params["quarter"] == "2024-Q4"
    assert w.revenue_at_stake == 4 * 300


def test_drop_below_expected_range_computed_from_the_history_before_it():
    values = [1000, 1010, 990, 1005, 995, 1000, 1008, 700]
    expected = expect_next(q(values[:-1]))
    assert expected.low > 700  # the range really excludes the drop
    w = only(wr.evaluate(q(values), **steady_inputs()), "below_expected_range")
    assert w.revenue_at_stake == pytest.approx(4 * (expected.mean - 700), abs=0.01)


def test_expectation_for_another_quarter_is_refused():
    exp = Expectation("2024-Q3", True, 1000.0, 950.0, 1050.0, 0.8, "ets", 7)
    with pytest.raises(ValueError):
        wr.evaluate(q(STEADY), expectation=exp)


def test_as_of_extends_a_silent_account_and_ignores_a_quarter_in_progress():
    # 1000 a quarter, 600 in 2024-Q2, no rows since: 2024-Q3 counts as 0 -> fell twice
    found = wr.evaluate(q([1000] * 5 + [600]), as_of="2024-Q3")
    w = found[0]
    assert w.kind == "revenue_fell" and w.params["to_quarter"] == "2024-Q3"
    assert w.params["from_revenue"] == 1000 and w.revenue_at_stake == 4000
    # and an account silent for two quarters after a steady history is below its range
    assert kinds(wr.evaluate(q([1000] * 6), as_of="2024-Q4")) == ["below_expected_range"]
    # the quarter in progress (2024-Q4, 50 so far) is left out when as_of is the last complete
    assert wr.evaluate(q(STEADY[:-1] + [50]), as_of="2024-Q3") == []


def test_no_expected_range_without_enough_history():
    exp = expect_next(q([1000, 1000, 1000]))
    assert wr.below_expected_range(10.0, exp) is None
    assert wr.evaluate(q([1000, 1000, 1000, 10])) == []


def test_lost_product_line_with_its_revenue_at_stake():
    pq = products({"A": [600] * 7 + [1000], "B": [400] * 7 + [0]})
    w = only(wr.evaluate(q(STEADY), **steady_inputs(product_quarter=pq)), "lost_product_lines")
    assert w.params["lines"] == ["B"] and w.params["count"] == 1
    assert (w.params["from_quarter"], w.params["to_quarter"]) == ("2023-Q4", "2024-Q3")
    assert w.params["window_revenue"] == 1600  # 4 quarters x 400
    assert w.revenue_at_stake == 1600


def test_lost_product_lines_scale_a_shorter_lookback_to_a_year():
    pq = products({"A": [600] * 8, "B": [0, 0, 0, 0, 0, 300, 500, 0], "C": [100] + [0] * 7})
    w = wr.lost_product_lines(pq, lookback=2)
    assert w.params["lines"] == ["B"]  # C was bought before the window: not "lost" now
    assert w.params["window_revenue"] == 800
    assert w.revenue_at_stake == 800 * 4 / 2
    assert wr.lost_product_lines(None) is None
    assert wr.lost_product_lines(products({"A": [600] * 8})) is None


def test_a_line_bought_once_in_the_window_is_not_lost_unless_asked():
    pq = products({"A": [600] * 8, "B": [0, 0, 0, 0, 0, 0, 500, 0]})
    assert wr.lost_product_lines(pq) is None  # once in four quarters: not a habit
    w = wr.lost_product_lines(pq, min_quarters=1)
    assert w.params["lines"] == ["B"] and w.revenue_at_stake == 500
    assert wr.evaluate(q(STEADY), **steady_inputs(product_quarter=pq)) == []
    lit = wr.evaluate(
        q(STEADY), **steady_inputs(product_quarter=pq), thresholds={"product_min_quarters": 1}
    )
    assert kinds(lit) == ["lost_product_lines"]


def test_order_frequency_drop_with_its_revenue_at_stake():
    orders = q([10, 10, 10, 10, 10, 10, 10, 6])  # 6 vs an average of 10: 40% fewer
    w = only(
        wr.evaluate(q([1000] * 8), **steady_inputs(orders=orders)),
        "order_frequency_drop",
    )
    assert w.params["drop_share"] == pytest.approx(0.4)
    assert w.params["trailing_average"] == 10 and w.params["orders"] == 6
    assert w.revenue_at_stake == pytest.approx(0.4 * 4000)


def test_order_frequency_threshold_is_strict_and_needs_order_data():
    assert wr.order_frequency_drop(q([10, 10, 10, 10, 7])) is None  # exactly 30%
    assert wr.order_frequency_drop(q([10, 10, 10, 10, 6])) is not None
    assert wr.order_frequency_drop(None) is None
    assert wr.order_frequency_drop(pd.Series(dtype=float)) is None
    assert wr.order_frequency_drop(q([10, 10, 6])) is None  # no full trailing window yet
    # an account ordering about once a quarter: an empty quarter is its rhythm, not a drop
    assert wr.order_frequency_drop(q([1, 2, 1, 1, 0])) is None
    assert wr.order_frequency_drop(q([1, 2, 1, 1, 0]), min_orders=1).params["drop_share"] == 1
    # an account whose orders stopped: quarters up to as_of count as 0 orders
    w = wr.order_frequency_drop(q([10, 10, 10, 10, 10]), as_of="2024-Q2")
    assert w.params["orders"] == 0 and w.params["quarter"] == "2024-Q2"


# ---------------------------------------------------------------- relationship rules
def evaluate_rel(**over):
    return wr.evaluate(q(STEADY), **steady_inputs(**over))


def test_no_decision_maker_with_a_regular_relationship():
    cov = HEALTHY_COVERAGE.assign(level_current=["brief", "trusted"])
    w = only(evaluate_rel(coverage=cov), "no_decision_maker")
    assert w.params == {"decision_makers": 1}
    assert w.revenue_at_stake == sum(STEADY[-4:])  # 4015: the account's last four quarters


def test_no_decision_maker_when_the_map_has_none_or_no_contacts():
    cts = contacts_frame([{**HEALTHY_CONTACTS[0], "buying_role": "user"}, HEALTHY_CONTACTS[1]])
    assert only(evaluate_rel(contacts=cts), "no_decision_maker").params["decision_makers"] == 0
    empty = wr.relationship_decay(
        pd.DataFrame(), None, days_ago(1), days_ago(1), TODAY, account_revenue=50
    )
    assert kinds(empty) == ["no_decision_maker"] and empty[0].revenue_at_stake == 50


def test_the_column_names_of_the_brief_are_accepted_too():
    # archived (bool) instead of archived_at, current_level instead of level_current
    cts = contacts_frame(HEALTHY_CONTACTS).drop(columns="archived_at").assign(archived=False)
    cts.loc[0, "buying_role"] = "economic_buyer"
    cov = HEALTHY_COVERAGE.rename(columns={"level_current": "current_level"})
    assert evaluate_rel(contacts=cts, coverage=cov) == []
    cts.loc[cts["contact_id"] == 2, "archived"] = True
    assert kinds(evaluate_rel(contacts=cts, coverage=cov)) == ["champion_gone"]


def test_champion_archived():
    cts = contacts_frame(HEALTHY_CONTACTS)
    cts.loc[cts["contact_id"] == 2, "archived_at"] = pd.Timestamp("2024-09-01")
    w = only(evaluate_rel(contacts=cts), "champion_gone")
    assert w.params == {"contact_ids": [2], "names": ["Luis"]}
    assert w.revenue_at_stake == 4015


def test_champion_not_seen_for_ninety_days():
    cts = contacts_frame(HEALTHY_CONTACTS)
    cts.loc[cts["contact_id"] == 2, "last_contact"] = days_ago(120)
    w = only(evaluate_rel(contacts=cts), "champion_not_seen")
    assert w.params["days"] == 120 and w.message_key == "warn.champion_not_seen"
    cts.loc[cts["contact_id"] == 2, "last_contact"] = days_ago(90)  # exactly 90: still fine
    assert evaluate_rel(contacts=cts) == []
    cts.loc[cts["contact_id"] == 2, "last_contact"] = None
    w = only(evaluate_rel(contacts=cts), "champion_not_seen")
    assert w.params["days"] is None and w.message_key == "warn.champion_never_seen"


def test_stale_or_missing_plan():
    w = only(evaluate_rel(plan_last_edit=days_ago(100)), "plan_stale")
    assert w.params == {"days": 100, "limit": 90} and w.revenue_at_stake == 4015
    assert evaluate_rel(plan_last_edit=days_ago(90)) == []
    w = only(evaluate_rel(plan_last_edit=None), "plan_stale")
    assert w.message_key == "warn.plan_missing" and w.params["days"] is None


def test_no_activity_logged():
    w = only(evaluate_rel(last_activity=pd.Timestamp(days_ago(91))), "no_recent_activity")
    assert w.params["days"] == 91
    w = only(evaluate_rel(last_activity=None), "no_recent_activity")
    assert w.message_key == "warn.no_activity_ever"
    assert evaluate_rel(last_activity=days_ago(30).isoformat()) == []


def test_thresholds_override_the_defaults():
    w = only(evaluate_rel(thresholds={"plan_stale_days": 20}), "plan_stale")
    assert w.params == {"days": 30, "limit": 20}


def test_relationship_rules_run_only_with_today():
    assert wr.evaluate(q(STEADY), plan_last_edit=None, last_activity=None) == []


# ---------------------------------------------------------------- acknowledgement
FALL = [1000, 1100, 950, 1050, 1000, 1080, 1040, 1000]


def test_acknowledged_warning_stays_quiet_until_it_worsens():
    first = wr.evaluate(q(FALL), **steady_inputs())
    ack = wr.severity_signature(first)
    assert ack == {"revenue_fell": {"stake": 320.0, "quarters": 2, "since": "2024-Q2"}}
    assert wr.unacknowledged(first, ack) == []

    # same fall run, a little deeper: stake 4 x 85 = 340, within 10% of 320 -> quiet
    # (a fall needs one more quarter to get longer; here the latest quarter is revised down)
    slightly = wr.evaluate(q(FALL[:-1] + [995]), **steady_inputs())
    assert kinds(slightly) == ["revenue_fell"] and slightly[0].revenue_at_stake == 340
    assert wr.unacknowledged(slightly, ack) == []

    # deeper: 4 x 130 = 520 > 320 x 1.1 -> back
    deeper = wr.evaluate(q(FALL[:-1] + [950]), **steady_inputs())
    assert wr.unacknowledged(deeper, ack) == deeper


def test_a_longer_fall_or_a_new_fall_returns():
    ack = wr.severity_signature([wr.revenue_fell_two_quarters(q([1000, 1100, 1080, 1040]))])
    assert ack["revenue_fell"] == {"stake": 240.0, "quarters": 2, "since": "2023-Q2"}
    # one more (small) fall: stake 4 x 65 = 260 is within the margin, but the fall is longer
    longer = wr.revenue_fell_two_quarters(q([1000, 1100, 1080, 1040, 1035]))
    assert longer.params["quarters"] == 3 and longer.revenue_at_stake == 260
    assert not wr.is_acknowledged(ack, longer)
    # recovered, then a new, smaller two-quarter fall: another episode -> shows
    values = [1000, 1100, 1080, 1040, 1200, 1190, 1150]  # 50 below 1200: 4% (counted anyway)
    new_fall = wr.revenue_fell_two_quarters(q(values), fall_min_share=0)
    assert new_fall.revenue_at_stake == 200 and new_fall.params["from_quarter"] == "2024-Q1"
    assert not wr.is_acknowledged(ack, new_fall)
    # the very same warning is acknowledged
    assert wr.is_acknowledged(ack, wr.revenue_fell_two_quarters(q([1000, 1100, 1080, 1040])))


def test_an_additional_kind_or_item_returns_and_growing_days_do_not():
    pq = products({"A": [600] * 7 + [1000], "B": [400] * 7 + [0], "C": [50] * 7 + [50]})
    first = wr.evaluate(q(STEADY), **steady_inputs(product_quarter=pq, last_activity=days_ago(95)))
    assert kinds(first) == ["lost_product_lines", "no_recent_activity"]
    ack = wr.severity_signature(first)

    # later: more days without activity, same lost line -> quiet
    later = wr.evaluate(q(STEADY), **steady_inputs(product_quarter=pq, last_activity=days_ago(130)))
    assert wr.unacknowledged(later, ack) == []

    # another line lost (C, small: the stake stays within the margin) -> the warning returns
    pq2 = products({"A": [600] * 7 + [1000], "B": [400] * 7 + [0], "C": [10] * 7 + [0]})
    more = wr.evaluate(q(STEADY), **steady_inputs(product_quarter=pq2, last_activity=days_ago(95)))
    lost = [w for w in more if w.kind == "lost_product_lines"][0]
    assert lost.revenue_at_stake <= ack["lost_product_lines"]["stake"] * 1.1
    assert kinds(wr.unacknowledged(more, ack)) == ["lost_product_lines"]

    # an additional kind (plan now stale) shows; the acknowledged ones stay quiet
    extra = wr.evaluate(
        q(STEADY),
        **steady_inputs(
            product_quarter=pq, last_activity=days_ago(95), plan_last_edit=days_ago(200)
        ),
    )
    assert kinds(wr.unacknowledged(extra, ack)) == ["plan_stale"]


def test_nothing_acknowledged_shows_everything():
    ws = evaluate_rel(plan_last_edit=None, last_activity=None)
    assert wr.unacknowledged(ws, None) == ws and wr.unacknowledged(ws, {}) == ws


def test_warnings_are_json_ready():
    import json

    ws = wr.evaluate(q(FALL), **steady_inputs(plan_last_edit=None))
    json.dumps([w.to_dict() for w in ws])
    json.dumps(wr.severity_signature(ws))
    assert all(w.kind in wr.KINDS for w in ws)
