"""Reads of revenue lines for the portfolio and tiers pages and the report: one query each,
aggregated in DuckDB. :class:`RevenueCube` holds every line summed per account, quarter and
filter dimension, for the UI to answer a new selection without a query (see its docstring)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
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


# ---------------------------------------------------------------- the revenue cube
CUBE_MAX_SHARE = 0.5  # a cube with more rows than this share of the lines is not worth keeping
CUBE_MAX_ROWS = 3_000_000  # ... nor one this large (about 80 MB), whatever the lines


@dataclass(frozen=True)
class RevenueCube:
    """Net revenue and line count per account x quarter x product line x region x segment x
    kam: every line summed once, so a selection (:class:`Filters`) is a mask over far fewer rows
    than the lines (about 1 in 7 on the benchmark's 1M lines), and no query.

    Built once per data version by the UI's cache (``kam_core.ui.portfolio_data``); read-only.
    Sums are those of the same lines grouped differently: equal to :func:`account_revenue`'s up
    to float rounding in the last bits (DuckDB's own parallel sums vary as much from run to run).
    """

    accounts: pd.api.extensions.ExtensionArray  # str: account keys, code -> key
    names: pd.api.extensions.ExtensionArray  # str: account names (the key where it has none)
    quarters: list[str]  # ascending, code -> quarter
    account: np.ndarray  # int32 codes, one per row
    quarter: np.ndarray  # int16 codes
    dims: dict  # filter name -> (int32 codes, -1 for no value; {value: code})
    revenue: np.ndarray  # float64
    lines: np.ndarray  # int64

    def mask(self, filters: Filters) -> np.ndarray:
        """The rows of ``filters``, as :meth:`Filters.where` selects lines."""
        m = np.ones(len(self.revenue), dtype=bool)
        if filters.q_from:
            m &= self.quarter >= bisect.bisect_left(self.quarters, filters.q_from)
        if filters.q_to:
            m &= self.quarter < bisect.bisect_right(self.quarters, filters.q_to)
        for name in DIMENSIONS:
            values = getattr(filters, name)
            if values:
                codes, index = self.dims[name]
                wanted = [index[v] for v in values if v in index]
                m &= np.isin(codes, np.asarray(wanted, dtype=np.int32))
        return m

    def account_revenue(self, filters: Filters = Filters()) -> pd.DataFrame:
        """:func:`account_revenue` of ``filters``: account_key, account_name, revenue, lines
        (accounts with lines in the selection, by key)."""
        m = self.mask(filters)
        acc = self.account[m]
        n = len(self.accounts)
        revenue = np.bincount(acc, weights=self.revenue[m], minlength=n).astype("float64")
        lines = np.bincount(acc, weights=self.lines[m], minlength=n).astype("int64")
        has = np.flatnonzero(lines > 0)
        return pd.DataFrame(
            {
                "account_key": self.accounts.take(has),
                "account_name": self.names.take(has),
                "revenue": revenue[has],
                "lines": lines[has],
            }
        )


def revenue_cube(con) -> RevenueCube | None:
    """The :class:`RevenueCube` of every line (one query), or None when it would not be much
    smaller than the lines (then the readers above query the lines)."""
    dims = list(DIMENSIONS.values())
    total = int(db.scalar(con, "SELECT count(*) FROM revenue_lines") or 0)
    df = db.query_df(
        con,
        f"""
        SELECT l.account_key, any_value(coalesce(a.account_name, l.account_key)) AS account_name,
               l.quarter, {", ".join(f"l.{c}" for c in dims)},
               sum(l.amount) AS revenue, count(*) AS lines
        FROM revenue_lines l LEFT JOIN accounts a USING (account_key)
        GROUP BY l.account_key, l.quarter, {", ".join(f"l.{c}" for c in dims)}
        """,
    )
    if total == 0 or len(df) > min(CUBE_MAX_SHARE * total, CUBE_MAX_ROWS):
        return None
    account, accounts = pd.factorize(df["account_key"], sort=True)
    names = df.groupby(account, sort=True)["account_name"].first().array
    quarter, quarters = pd.factorize(df["quarter"], sort=True)
    coded = {}
    for name, col in DIMENSIONS.items():
        codes, values = pd.factorize(df[col], sort=True)  # missing -> -1
        coded[name] = (codes.astype(np.int32), {v: i for i, v in enumerate(values)})
    return RevenueCube(
        accounts=pd.array(np.asarray(accounts, dtype=object), dtype="str"),
        names=names,
        quarters=[str(q) for q in quarters],
        account=account.astype(np.int32),
        quarter=quarter.astype(np.int16),
        dims=coded,
        revenue=df["revenue"].to_numpy(dtype="float64"),
        lines=df["lines"].to_numpy(dtype="int64"),
    )
