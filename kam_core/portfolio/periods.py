"""Filters and periods: the filter set every read takes, the period presets, and which earlier
period a figure is compared with (like with like: never a partial period against a full one).

Filters is a small frozen dataclass so cached UI functions can key on it. Every filter becomes a
fixed SQL clause with parameters; nothing user-typed is ever formatted into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kam_core.common.quarter import quarters_between, shift_quarter, valid_quarter

DIMENSIONS = {
    "product_line": "product_line",
    "region": "region",
    "segment": "segment",
    "kam": "kam",
}


@dataclass(frozen=True)
class Filters:
    q_from: str | None = None
    q_to: str | None = None
    product_line: tuple[str, ...] = field(default_factory=tuple)
    region: tuple[str, ...] = field(default_factory=tuple)
    segment: tuple[str, ...] = field(default_factory=tuple)
    kam: tuple[str, ...] = field(default_factory=tuple)

    def where(self, alias: str = "") -> tuple[str, list]:
        """SQL condition and its parameters for revenue_lines (optionally aliased)."""
        p = f"{alias}." if alias else ""
        clauses, params = ["TRUE"], []
        if self.q_from:
            clauses.append(f"{p}quarter >= ?")
            params.append(self.q_from)
        if self.q_to:
            clauses.append(f"{p}quarter <= ?")
            params.append(self.q_to)
        for name, col in DIMENSIONS.items():
            values = getattr(self, name)
            if values:
                clauses.append(f"list_contains(?, {p}{col})")
                params.append(list(values))
        return " AND ".join(clauses), params


PRESETS = ("quarter", "year", "trailing4", "all", "custom")


def years(quarters: list[str]) -> list[int]:
    return sorted({int(q[:4]) for q in quarters})


def resolve_period(preset: str, quarters: list[str], pick=None, rng=None):
    """``(pick, range, from, to)`` of a preset over the quarters that have data.

    ``pick`` is a quarter (single quarter, trailing 4 ending there) or a year; a pick of the other
    kind is converted (a quarter's year, a year's last quarter with data) so switching presets
    keeps the user's place. A year is ``Y-Q1..Y-Q4`` (year to date when it is not over yet).
    """
    last = quarters[-1]
    if isinstance(pick, str) and pick in quarters:
        q_pick = pick
    elif isinstance(pick, (int,)) and not isinstance(pick, bool):
        in_year = [q for q in quarters if q.startswith(f"{pick}-")]
        q_pick = in_year[-1] if in_year else last
    else:
        q_pick = last
    lo, hi = rng if rng and len(rng) == 2 else (quarters[0], last)
    lo = lo if lo in quarters else quarters[0]
    hi = hi if hi in quarters else last
    lo, hi = min(lo, hi), max(lo, hi)
    if preset == "quarter":
        return q_pick, (lo, hi), q_pick, q_pick
    if preset == "year":
        y = int(q_pick[:4])
        return y, (lo, hi), f"{y}-Q1", f"{y}-Q4"
    if preset == "trailing4":
        return q_pick, (lo, hi), shift_quarter(q_pick, -3), q_pick
    if preset == "all":
        return q_pick, (lo, hi), quarters[0], last
    return q_pick, (lo, hi), lo, hi


def infer_preset(quarters: list[str], q_from: str | None, q_to: str | None):
    """The preset, pick and range that reproduce ``from``/``to`` of a URL (else trailing 4)."""
    last = quarters[-1]
    if not (valid_quarter(q_from) and valid_quarter(q_to)):
        return "trailing4", last, (quarters[0], last)
    q_from, q_to = min(q_from, q_to), max(q_from, q_to)
    default_rng = (quarters[0], last)
    if q_from == q_to and q_to in quarters:
        return "quarter", q_to, default_rng
    if (
        q_from[:4] == q_to[:4]
        and q_from.endswith("Q1")
        and q_to.endswith("Q4")
        and any(q.startswith(q_from[:5]) for q in quarters)
    ):
        return "year", int(q_from[:4]), default_rng
    if q_to in quarters and shift_quarter(q_to, -3) == q_from:
        return "trailing4", q_to, default_rng
    if q_from == quarters[0] and q_to == last:
        return "all", last, default_rng
    inside = [q for q in quarters if q_from <= q <= q_to]
    if inside:
        return "custom", last, (inside[0], inside[-1])
    return "trailing4", last, default_rng


def previous_period(filters: Filters) -> Filters:
    """The period of the same length just before ``filters`` (same dimension filters)."""
    n = len(quarters_between(filters.q_from, filters.q_to))
    return replace(
        filters, q_from=shift_quarter(filters.q_from, -n), q_to=shift_quarter(filters.q_to, -n)
    )


def covered(filters: Filters, loaded: list[str]) -> Filters:
    """``filters`` with its range narrowed to the quarters that have data (a year not over yet
    becomes its quarters so far), so captions and comparisons say what the figures really cover."""
    if not loaded or not filters.q_from or not filters.q_to:
        return filters
    inside = [q for q in loaded if filters.q_from <= q <= filters.q_to]
    if not inside:
        return filters
    return replace(filters, q_from=inside[0], q_to=inside[-1])


def missing_quarters(filters: Filters, loaded: list[str]) -> list[str]:
    """Quarters of the selected range that have no data (e.g. Q4 of a year not over yet)."""
    if not filters.q_from or not filters.q_to:
        return []
    have = set(loaded)
    return [q for q in quarters_between(filters.q_from, filters.q_to) if q not in have]


def comparable_previous(filters: Filters, loaded: list[str]) -> Filters | None:
    """The earlier period a figure of ``filters`` is compared with, or None when none is loaded.

    A year or year to date (Q1 of one year onwards) is compared with the same quarters a year
    earlier; any other range with the same number of quarters just before it. The comparison
    period must have data in every quarter: a partial one would show a growth that is not there.
    """
    cur = covered(filters, loaded)
    if not cur.q_from or not cur.q_to:
        return None
    same_year = cur.q_from[:4] == cur.q_to[:4] and cur.q_from.endswith("Q1")
    if same_year:
        prev = replace(cur, q_from=shift_quarter(cur.q_from, -4), q_to=shift_quarter(cur.q_to, -4))
    else:
        prev = previous_period(cur)
    have = set(loaded)
    if any(q not in have for q in quarters_between(prev.q_from, prev.q_to)):
        return None
    return prev


def url_range_problem(q_from: str | None, q_to: str | None, loaded: list[str]) -> str | None:
    """Why a ``from``/``to`` pair from a link cannot be shown as asked: 'reversed', 'empty'
    (no data in it) or None. The page says so in words and shows a valid period instead."""
    if not (valid_quarter(q_from) and valid_quarter(q_to)):
        return None
    if q_from > q_to:
        return "reversed"
    if loaded and not any(q_from <= q <= q_to for q in loaded):
        return "empty"
    return None
