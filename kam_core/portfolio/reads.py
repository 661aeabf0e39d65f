"""TODO docstring (portfolio)."""

from __future__ import annotations

import pandas as pd

from kam_core.portfolio.periods import DIMENSIONS, Filters
from kam_core.store import db


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
    return float(
        db.scalar(con, f"SELECT coalesce(sum(amount), 0) FROM revenue_lines WHERE {cond}", params)
    )


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
