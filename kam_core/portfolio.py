"""Portfolio reads: revenue per account / quarter under the shared filters, and the JSON report.

Filters are a small frozen dataclass so cached UI functions can key on it. Every filter becomes a
fixed SQL clause with parameters; nothing user-typed is ever formatted into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from kam_core import db, metrics, settings

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")

# Dimension filters: name -> column of revenue_lines (identifiers from this fixed list only).
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


def valid_quarter(q: str | None) -> bool:
    return bool(q and QUARTER_RE.match(q))


def quarter_of(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def shift_quarter(q: str, n: int) -> str:
    m = QUARTER_RE.match(q)
    idx = int(m.group(1)) * 4 + int(m.group(2)) - 1 + n
    return f"{idx // 4}-Q{idx % 4 + 1}"


def quarters(con) -> list[str]:
    """Quarters that have data, ascending."""
    rows = db.query_rows(con, "SELECT DISTINCT quarter FROM revenue_lines ORDER BY quarter")
    return [r[0] for r in rows]


def dimension_values(con, name: str) -> list[str]:
    col = DIMENSIONS[name]
    rows = db.query_rows(
        con, f"SELECT DISTINCT {col} FROM revenue_lines WHERE {col} IS NOT NULL ORDER BY 1"
    )
    return [r[0] for r in rows]


def account_revenue(con, filters: Filters = Filters()) -> pd.DataFrame:
    """One row per account with lines in the selection: account_key, account_name, revenue, lines."""
    cond, params = filters.where("l")
    sql = f"""
        WITH sel AS (
            SELECT l.account_key, sum(l.amount) AS revenue, count(*) AS lines
            FROM revenue_lines l WHERE {cond} GROUP BY l.account_key
        )
        SELECT sel.account_key, coalesce(a.account_name, sel.account_key) AS account_name,
               sel.revenue, sel.lines
        FROM sel LEFT JOIN accounts a USING (account_key)
    """
    return db.query_df(con, sql, params)


def quarter_totals(con, filters: Filters = Filters()) -> pd.DataFrame:
    """Net revenue, line count and active accounts per quarter in the selection."""
    cond, params = filters.where()
    sql = f"""
        SELECT quarter, sum(amount) AS revenue, count(*) AS lines,
               count(DISTINCT account_key) AS accounts
        FROM revenue_lines WHERE {cond} GROUP BY quarter ORDER BY quarter
    """
    return db.query_df(con, sql, params)


def total_revenue(con, filters: Filters = Filters()) -> float:
    cond, params = filters.where()
    return float(db.scalar(con, f"SELECT coalesce(sum(amount), 0) FROM revenue_lines WHERE {cond}",
                           params))


def report(con, q_from: str | None = None, q_to: str | None = None) -> dict:
    """The ``report --json`` object (PRODUCT.md section 7), over ``q_from``..``q_to``."""
    cfg = settings.get_all(con)
    f = Filters(q_from=q_from, q_to=q_to)
    rev = account_revenue(con, f)
    figures = metrics.concentration(rev, cfg["pareto_a"], cfg["pareto_b"])
    qt = quarter_totals(con, f)
    out = {
        "from": q_from,
        "to": q_to,
        "accounts": figures["accounts"],
        "non_positive_accounts": figures["non_positive_accounts"],
        "total_revenue": total_revenue(con, f),
        "positive_revenue": figures["positive_revenue"],
        "accounts_to_80": figures["accounts_to_80"],
        "share_accounts_to_80": figures["share_accounts_to_80"],
        "gini": figures["gini"],
        "hhi": figures["hhi"],
        "effective_accounts": figures["effective_accounts"],
        "top_shares": figures["top_shares"],
        "abc": figures["abc"],
        "quarters": {q: float(r) for q, r in zip(qt["quarter"], qt["revenue"], strict=True)},
        "thresholds": {"a": cfg["pareto_a"], "b": cfg["pareto_b"]},
    }
    return out


# --- Period presets of the filter bar (pure, so they are unit-tested without Streamlit) ---------
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
    lo, hi = (rng if rng and len(rng) == 2 else (quarters[0], last))
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
    if q_from[:4] == q_to[:4] and q_from.endswith("Q1") and q_to.endswith("Q4") \
            and any(q.startswith(q_from[:5]) for q in quarters):
        return "year", int(q_from[:4]), default_rng
    if q_to in quarters and shift_quarter(q_to, -3) == q_from:
        return "trailing4", q_to, default_rng
    if q_from == quarters[0] and q_to == last:
        return "all", last, default_rng
    inside = [q for q in quarters if q_from <= q <= q_to]
    if inside:
        return "custom", last, (inside[0], inside[-1])
    return "trailing4", last, default_rng


# --- Reads for trends, bridge, whitespace, tiers over time -------------------------------------
def quarters_between(q_from: str, q_to: str) -> list[str]:
    """Every quarter from ``q_from`` to ``q_to`` inclusive (with or without data)."""
    out, q = [], q_from
    while q <= q_to:
        out.append(q)
        q = shift_quarter(q, 1)
    return out


def previous_period(filters: Filters) -> Filters:
    """The period of the same length just before ``filters`` (same dimension filters)."""
    from dataclasses import replace

    n = len(quarters_between(filters.q_from, filters.q_to))
    return replace(filters, q_from=shift_quarter(filters.q_from, -n),
                   q_to=shift_quarter(filters.q_to, -n))


def account_quarter_revenue(con, filters: Filters = Filters()) -> pd.DataFrame:
    """account_key, quarter, revenue: net revenue per account and quarter in the selection."""
    cond, params = filters.where()
    sql = f"""
        SELECT account_key, quarter, sum(amount) AS revenue
        FROM revenue_lines WHERE {cond} GROUP BY account_key, quarter
    """
    return db.query_df(con, sql, params)


def account_product_revenue(con, filters: Filters = Filters()) -> pd.DataFrame:
    """account_key, product_line, revenue (lines without a product line are left out)."""
    cond, params = filters.where()
    sql = f"""
        SELECT account_key, product_line, sum(amount) AS revenue
        FROM revenue_lines WHERE {cond} AND product_line IS NOT NULL
        GROUP BY account_key, product_line
    """
    return db.query_df(con, sql, params)


def account_attributes(con) -> pd.DataFrame:
    """account_key, account_name, kam, segment, region: each from the account's latest line."""
    sql = """
        SELECT l.account_key, coalesce(any_value(a.account_name), l.account_key) AS account_name,
               arg_max(l.kam, l.quarter) FILTER (WHERE l.kam IS NOT NULL) AS kam,
               arg_max(l.segment, l.quarter) FILTER (WHERE l.segment IS NOT NULL) AS segment,
               arg_max(l.region, l.quarter) FILTER (WHERE l.region IS NOT NULL) AS region
        FROM revenue_lines l LEFT JOIN accounts a USING (account_key)
        GROUP BY l.account_key
    """
    return db.query_df(con, sql)


def account_margin(con, filters: Filters = Filters()) -> pd.DataFrame:
    """account_key, margin_rate (margin / revenue) where the files carry a margin column."""
    cond, params = filters.where()
    sql = f"""
        SELECT account_key, sum(margin) / nullif(sum(amount), 0) AS margin_rate
        FROM revenue_lines WHERE {cond} AND margin IS NOT NULL GROUP BY account_key
    """
    return db.query_df(con, sql, params)
