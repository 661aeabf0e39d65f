"""Every warning reads as a sentence in English and Spanish, numbers in the language's format."""

from __future__ import annotations

import re

import pytest

from kam_core.alerts import text
from kam_core.analytics.warning_rules import KINDS, EarlyWarning
from kam_core.i18n import has

SAMPLES = [
    EarlyWarning(
        "revenue_fell",
        "warn.revenue_fell",
        {
            "quarters": 2,
            "from_quarter": "2025-Q2",
            "from_revenue": 1250.0,
            "to_quarter": "2025-Q4",
            "to_revenue": 1000.0,
            "fall": 250.0,
            "fall_share": 0.2,
        },
        1000.0,
    ),
    EarlyWarning(
        "below_expected_range",
        "warn.below_expected_range",
        {
            "quarter": "2025-Q4",
            "actual": 500.0,
            "low": 940.5,
            "mean": 1004.0,
            "high": 1067.5,
            "level": 0.8,
            "method": "ets",
            "shortfall": 504.0,
        },
        2016.0,
    ),
    EarlyWarning(
        "order_frequency_drop",
        "warn.order_frequency_drop",
        {
            "quarter": "2025-Q4",
            "orders": 3,
            "trailing_average": 6.0,
            "window": 4,
            "drop_share": 0.5,
        },
        2000.0,
    ),
    EarlyWarning(
        "lost_product_lines",
        "warn.lost_product_lines",
        {
            "quarter": "2025-Q4",
            "from_quarter": "2024-Q4",
            "to_quarter": "2025-Q3",
            "lines": ["Bombas", "Válvulas *premium*"],
            "count": 2,
            "window_revenue": 1600.0,
        },
        1600.0,
    ),
    EarlyWarning("no_decision_maker", "warn.no_decision_maker", {"decision_makers": 2}, 4000.0),
    EarlyWarning(
        "champion_gone", "warn.champion_gone", {"contact_ids": [2], "names": ["Luis Gil"]}, 4000.0
    ),
    EarlyWarning("champion_not_seen", "warn.champion_not_seen", {"days": 120}, 4000.0),
    EarlyWarning("champion_not_seen", "warn.champion_never_seen", {"days": None}, 4000.0),
    EarlyWarning("plan_stale", "warn.plan_stale", {"days": 1200, "limit": 90}, 4000.0),
    EarlyWarning("plan_stale", "warn.plan_missing", {"days": None, "limit": 90}, 4000.0),
    EarlyWarning("no_recent_activity", "warn.no_recent_activity", {"days": 120, "limit": 90}, 1.0),
    EarlyWarning("no_recent_activity", "warn.no_activity_ever", {"days": None, "limit": 90}, 1.0),
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("w", SAMPLES, ids=lambda w: w.message_key)
def test_every_sentence_is_filled(w, lang):
    assert has(w.message_key) and has(f"warn.kind.{w.kind}")
    out = text.describe(w, lang)
    assert "{" not in out and "warn." not in out and "None" not in out


def test_numbers_names_and_escaping_per_language():
    fell, below, orders, lost = SAMPLES[:4]
    assert "from 1,250 in 2025-Q2 to 1,000 in 2025-Q4 (20.0% less)" in text.describe(fell, "en")
    assert "de 1.250 en 2025-Q2 a 1.000 en 2025-Q4 (20,0 % menos)" in text.describe(fell, "es")
    assert "(940 a 1.068, rango del 80 %; lo más probable 1.004)" in text.describe(below, "es")
    assert "3 orders against an average of 6.0 in the 4 quarters before (50.0% fewer)" in (
        text.describe(orders, "en")
    )
    es = text.describe(lost, "es", escape=lambda s: re.sub(r"([*])", r"\\\1", s))
    assert "Bombas y Válvulas \\*premium\\*" in es and "1.600" in es
    assert text.describe(SAMPLES[8], "en").endswith("1,200 days ago (limit 90).")
    assert text.describe(fell, "en", money=lambda x: f"EUR {x:.0f}").count("EUR") == 2


def test_one_order_and_one_quarter_read_in_the_singular():
    one = EarlyWarning(
        "order_frequency_drop",
        "warn.order_frequency_drop",
        {
            "quarter": "2025-Q4",
            "orders": 1,
            "trailing_average": 2.0,
            "window": 4,
            "drop_share": 0.5,
        },
    )
    assert "1 order against" in text.describe(one, "en")
    assert "1 pedido frente" in text.describe(one, "es")
    fell = EarlyWarning("revenue_fell", "warn.revenue_fell", {**SAMPLES[0].params, "quarters": 1})
    assert text.describe(fell, "en").startswith("Revenue fell in 2025-Q4: from 1,250 in 2025-Q2")


def test_every_kind_has_a_label():
    assert all(has(f"warn.kind.{k}") for k in KINDS)
