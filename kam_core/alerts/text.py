"""Warnings in words: one sentence of evidence per warning, in English or Spanish.

The rules give numbers, quarters and names (``EarlyWarning.params``); this module formats them
per language (``1,234`` / ``1.234``, ``12.5%`` / ``12,5 %``) into the catalogue's sentence
``warn.<kind>`` (or the variant key the rule chose). The page and the command line both use it.
"""

from __future__ import annotations

from collections.abc import Callable

from kam_core.analytics.warning_rules import EarlyWarning
from kam_core.i18n import fmt_money, fmt_num, fmt_pct, t

_MONEY = ("from_revenue", "to_revenue", "fall", "actual", "low", "mean", "high", "shortfall")
_MONEY += ("window_revenue",)


def join_names(items: list, lang: str) -> str:
    """'A', 'A and B', 'A, B and C' (Spanish 'y')."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("warn.and", lang) + items[-1]


def describe(
    w: EarlyWarning,
    lang: str,
    money: Callable[[float], str] | None = None,
    escape: Callable[[str], str] | None = None,
) -> str:
    """The warning's evidence as a sentence. ``money`` formats amounts (default: plain numbers in
    the language's format); ``escape`` is applied to names (user text) before they are placed."""
    money = money or (lambda x: fmt_money(x, lang))
    esc = escape or (lambda s: s)
    p = dict(w.params)
    for k in _MONEY:
        if p.get(k) is not None:
            p[k] = money(p[k])
    for k in ("fall_share", "drop_share"):
        if p.get(k) is not None:
            p[k] = fmt_pct(p[k], lang)
    if p.get("level") is not None:
        p["level"] = fmt_pct(p["level"], lang, 0)
    for k in ("days", "limit", "window", "quarters", "count", "decision_makers", "orders"):
        if p.get(k) is not None:
            p[k] = fmt_num(p[k], lang)
    if p.get("trailing_average") is not None:
        p["trailing_average"] = fmt_num(p["trailing_average"], lang, 1)
    if "lines" in p:
        p["lines"] = join_names([esc(str(x)) for x in p["lines"]], lang)
    if "names" in p:
        p["names"] = join_names([esc(str(x)) for x in p["names"]], lang)
    return t(_singular(w) or w.message_key, lang, **p)


def _singular(w: EarlyWarning) -> str | None:
    """The sentence for one order / one quarter ("1 order", not "1 orders")."""
    if w.kind == "order_frequency_drop" and w.params.get("orders") == 1:
        return "warn.order_frequency_drop.one"
    if w.kind == "revenue_fell" and w.params.get("quarters") == 1:
        return "warn.revenue_fell.one"
    return None


def kind_label(kind: str, lang: str) -> str:
    return t(f"warn.kind.{kind}", lang)
