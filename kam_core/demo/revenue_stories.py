"""Early-warning stories in the demo's revenue (F-PA-8): a few key accounts whose revenue tells a
worrying story in the last quarter, so the warnings view is worth opening on the first visit.

Pure and deterministic: a function of the generated lines. Accounts are picked by their place in
the Pareto order of the last four quarters (the app's default view), and only their last quarters
change; everything else in the demo stays as generated.

- falling: revenue down two quarters running (-15%, then -35% against the quarter before);
- below range: the last quarter at half the one before, well under what its history expects;
- fewer orders: the last quarter's lines on one invoice (same revenue, a fraction of the orders);
- lost line: one of its regular product lines not bought in the last quarter (the revenue moves
  to its main line).
"""

from __future__ import annotations

import pandas as pd

# story -> place (0 = the largest account) in the Pareto order of the last four quarters
STORIES = {"falling": 7, "below_range": 8, "fewer_orders": 12, "lost_line": 19}


def _ranked(lines: pd.DataFrame, quarters: list[str]) -> list[str]:
    recent = lines[lines["quarter"].isin(quarters[-4:])]
    rev = recent.groupby("account_key")["amount"].sum()
    rev = rev[rev > 0].reset_index().sort_values(["amount", "account_key"], ascending=[False, True])
    return list(rev["account_key"])


def _scale(lines: pd.DataFrame, key: str, quarter: str, target: float) -> None:
    """Scale one account's lines of one quarter so that they add up to ``target``."""
    m = (lines["account_key"] == key) & (lines["quarter"] == quarter)
    total = float(lines.loc[m, "amount"].sum())
    if total <= 0:
        return
    amount = (lines.loc[m, "amount"] * (target / total)).round(2)
    lines.loc[m, "amount"] = amount
    lines.loc[m, "unit_price"] = (amount / lines.loc[m, "quantity"]).abs().round(4)


def _quarter_revenue(lines: pd.DataFrame, key: str, quarter: str) -> float:
    m = (lines["account_key"] == key) & (lines["quarter"] == quarter)
    return float(lines.loc[m, "amount"].sum())


def _falling(lines, key, quarters) -> None:
    base = _quarter_revenue(lines, key, quarters[-3])
    _scale(lines, key, quarters[-2], 0.85 * base)
    _scale(lines, key, quarters[-1], 0.85 * 0.65 * base)


def _below_range(lines, key, quarters) -> None:
    before = _quarter_revenue(lines, key, quarters[-3])
    prev = max(_quarter_revenue(lines, key, quarters[-2]), 1.02 * before)
    _scale(lines, key, quarters[-2], prev)
    _scale(lines, key, quarters[-1], 0.5 * prev)


def _fewer_orders(lines, key, quarters) -> None:
    m = (lines["account_key"] == key) & (lines["quarter"] == quarters[-1]) & (lines["amount"] > 0)
    if m.any():
        lines.loc[m, "invoice"] = lines.loc[m, "invoice"].iloc[0]


def _lost_line(lines, key, quarters) -> None:
    last = (lines["account_key"] == key) & (lines["quarter"] == quarters[-1])
    by_line = lines.loc[last & (lines["amount"] > 0)].groupby("product_line")["amount"].sum()
    if len(by_line) < 2:
        return
    main, dropped = by_line.idxmax(), by_line.idxmin()
    lines.loc[last & (lines["product_line"] == dropped), "product_line"] = main


_APPLY = {
    "falling": _falling,
    "below_range": _below_range,
    "fewer_orders": _fewer_orders,
    "lost_line": _lost_line,
}


def apply(lines: pd.DataFrame, quarters: list[str]) -> pd.DataFrame:
    """A copy of ``lines`` with the stories told (see the module docstring)."""
    out = lines.copy()
    ranked = _ranked(out, quarters)
    for story, place in STORIES.items():
        if place < len(ranked):
            _APPLY[story](out, ranked[place], quarters)
    return out
