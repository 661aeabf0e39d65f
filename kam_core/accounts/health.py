"""Account health (F-AC-5): one 0-100 score that is the sum of visible factor contributions.

Each factor has a weight (declared once as a setting; weights are normalised to 100) and a value
0-1 computed from plain rules; contribution = weight x value, rounded to 0.1, and the score is the
sum of the rounded contributions, so what the user sees always adds up. No black box.

- revenue_trend: growth of the last 4 quarters over the 4 before (2 vs 2 with less data);
  -20% or worse -> 0, flat -> 0.5, +20% or better -> 1.
- relationships: 1 minus 0.25 per high-severity coverage warning and 0.05 per medium one.
- plan_progress: pace toward the year's revenue objective (1 = on track); 0 without objective.
- plan_freshness: share of plan sections (and the map) updated within the staleness window.
- open_problems: 1 minus a third per open problem (3 or more -> 0).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kam_core.accounts import activities, overview, plans, relationships
from kam_core.store import settings

FACTORS = ("revenue_trend", "relationships", "plan_progress", "plan_freshness", "open_problems")


def _clip(x: float) -> float:
    return max(0.0, min(1.0, float(x)))


def trend_growth(quarterly: pd.DataFrame) -> float | None:
    """Revenue of the last 4 quarters over the previous 4, minus 1 (2 vs 2 with < 8 quarters)."""
    rev = list(quarterly["revenue"]) if not quarterly.empty else []
    n = 4 if len(rev) >= 8 else 2 if len(rev) >= 4 else 0
    if not n:
        return None
    prev, last = sum(rev[-2 * n : -n]), sum(rev[-n:])
    if prev <= 0:
        return None
    return last / prev - 1


def factor_values(
    growth: float | None,
    warnings: list[dict],
    pace: float | None,
    fresh_share: float,
    open_problems: int,
) -> dict[str, dict]:
    """Value 0-1 and the evidence behind it, per factor (pure)."""
    high = sum(1 for w in warnings if w["severity"] == "high")
    medium = sum(1 for w in warnings if w["severity"] != "high")
    return {
        "revenue_trend": {
            "value": 0.0 if growth is None else _clip(0.5 + growth / 0.4),
            "growth": growth,
        },
        "relationships": {
            "value": _clip(1 - 0.25 * high - 0.05 * medium),
            "high": high,
            "medium": medium,
        },
        "plan_progress": {"value": 0.0 if pace is None else _clip(pace), "pace": pace},
        "plan_freshness": {"value": _clip(fresh_share), "fresh_share": fresh_share},
        "open_problems": {"value": _clip(1 - open_problems / 3), "open_problems": open_problems},
    }


def score(values: dict[str, dict], weights: dict[str, float]) -> dict:
    """``{"score", "factors": [{factor, weight, value, points, ...evidence}]}``; the score is the
    exact sum of the factors' points."""
    total_w = sum(max(0.0, float(weights.get(f, 0))) for f in FACTORS)
    rows = []
    for f in FACTORS:
        w = 100.0 * max(0.0, float(weights.get(f, 0))) / total_w if total_w else 0.0
        v = values[f]["value"]
        rows.append(
            {
                "factor": f,
                "weight": w,
                "value": v,
                "points": round(w * v, 1),
                **{k: x for k, x in values[f].items() if k != "value"},
            }
        )
    return {"score": round(sum(r["points"] for r in rows), 1), "factors": rows}


def band(score_value: float) -> str:
    return "good" if score_value >= 70 else "watch" if score_value >= 45 else "at_risk"


def weights(con) -> dict[str, float]:
    cfg = settings.get_all(con)
    return {f: cfg[f"health_w_{f}"] for f in FACTORS}


def account_health(con, account_key: str, today: date, year: int | None = None) -> dict:
    """Gathers the inputs from the account modules and scores them."""

    cfg = settings.get_all(con)
    year = year or today.year
    q = overview.quarterly_revenue(con, account_key)
    cts = relationships.contacts(con, account_key)
    warns = relationships.warnings(
        cts, relationships.coverage(con, account_key), today, cfg["contact_not_seen_days"]
    )
    actual, nq = overview.revenue_in_year(con, account_key, year)
    prog = plans.progress(plans.items(con, "objectives", account_key, year), actual, nq)
    stale = plans.staleness(
        plans.section_edits(con, account_key, year), today, cfg["section_stale_days"]
    )
    fresh = float((~stale["stale"]).mean()) if not stale.empty else 0.0
    summ = activities.summary(activities.log(con, account_key), today)
    values = factor_values(trend_growth(q), warns, prog["pace"], fresh, summ["open_problems"])
    out = score(values, weights(con))
    out["band"] = band(out["score"])
    return out
