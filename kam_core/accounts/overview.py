"""TODO docstring (accounts)."""

from __future__ import annotations

import pandas as pd

from kam_core.portfolio import tiers
from kam_core.portfolio.periods import Filters
from kam_core.store import db
from kam_core.team import roster


def account_options(
    con, filters: Filters = Filters(), ka: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every known account for the picker: key accounts first (by rank), then the rest by name.

    ``ka``: :func:`tiers.key_accounts` of the same selection when the caller has it (cached).
    """
    ka = tiers.key_accounts(con, filters) if ka is None else ka
    names = db.query_df(con, "SELECT account_key, account_name FROM accounts ORDER BY account_name")
    ka = ka[["account_key", "account_name", "rank", "tier", "is_key_account"]]
    rest = names[~names["account_key"].isin(ka["account_key"])].assign(
        rank=pd.NA, tier=None, is_key_account=False
    )
    out = pd.concat(
        [ka.sort_values(["is_key_account", "rank"], ascending=[False, True]), rest],
        ignore_index=True,
    )
    return out


def default_account(
    con, filters: Filters = Filters(), ka: pd.DataFrame | None = None
) -> str | None:
    """The top key account of the selection (else the top account, else None)."""
    ka = tiers.key_accounts(con, filters) if ka is None else ka
    if ka.empty:
        return None
    keys = ka[ka["is_key_account"]]
    return str((keys if not keys.empty else ka).iloc[0]["account_key"])


def exists(con, account_key: str | None) -> bool:
    if not account_key:
        return False
    return bool(
        db.scalar(con, "SELECT count(*) FROM accounts WHERE account_key = ?", [account_key])
    )


def quarterly_revenue(con, account_key: str, filters: Filters = Filters()) -> pd.DataFrame:
    """Revenue per quarter of the selection for one account; quarters without sales show 0."""
    cond, params = filters.where("l")
    sql = f"""
        WITH qs AS (SELECT DISTINCT quarter FROM revenue_lines l WHERE {cond}),
        acc AS (SELECT quarter, sum(amount) AS revenue FROM revenue_lines l
                WHERE {cond} AND l.account_key = ? GROUP BY quarter)
        SELECT qs.quarter, coalesce(acc.revenue, 0) AS revenue
        FROM qs LEFT JOIN acc USING (quarter) ORDER BY qs.quarter
    """
    return db.query_df(con, sql, params + params + [account_key])


def products(con, account_key: str, filters: Filters = Filters()) -> pd.DataFrame:
    """Product lines bought in the selection, largest first: product_line, revenue, share."""
    cond, params = filters.where("l")
    df = db.query_df(
        con,
        f"SELECT coalesce(product_line, product) AS product_line, sum(amount) AS revenue "
        f"FROM revenue_lines l WHERE {cond} AND l.account_key = ? "
        f"AND coalesce(product_line, product) IS NOT NULL GROUP BY 1 "
        f"HAVING sum(amount) <> 0 ORDER BY revenue DESC, product_line",
        params + [account_key],
    )
    total = float(df["revenue"].sum()) if not df.empty else 0.0
    df["share"] = df["revenue"] / total if total else 0.0
    return df


def revenue_in_year(con, account_key: str, year: int) -> tuple[float, int]:
    """Net revenue of the account in calendar ``year`` and how many quarters of it have data."""
    rows = db.query_rows(
        con,
        "SELECT coalesce(sum(amount) FILTER (WHERE account_key = ?), 0), count(DISTINCT quarter) "
        "FROM revenue_lines WHERE quarter LIKE ?",
        [account_key, f"{int(year)}-Q%"],
    )
    return float(rows[0][0]), int(rows[0][1])


def header(
    con, account_key: str, filters: Filters = Filters(), ka: pd.DataFrame | None = None
) -> dict:
    """Header KPIs of one account over the selection (rank/tier None when it has no revenue).

    ``ka``: :func:`tiers.key_accounts` of the same selection when the caller has it (cached).
    """
    ka = tiers.key_accounts(con, filters) if ka is None else ka
    row = ka[ka["account_key"] == account_key]
    name = db.scalar(con, "SELECT account_name FROM accounts WHERE account_key = ?", [account_key])
    positive = float(ka.loc[ka["revenue"] > 0, "revenue"].sum()) if not ka.empty else 0.0
    q = quarterly_revenue(con, account_key, filters)
    revenue = float(q["revenue"].sum()) if not q.empty else 0.0
    members = roster.account_team(con, account_key)
    lead = members[members["team_role"] == "lead"]["name"].tolist()
    out = {
        "account_key": account_key,
        "account_name": name or account_key,
        "revenue": revenue,
        "share": revenue / positive if positive and revenue > 0 else 0.0,
        "rank": int(row.iloc[0]["rank"]) if not row.empty else None,
        "accounts": int(len(ka)),
        "tier": str(row.iloc[0]["tier"]) if not row.empty else None,
        "is_key_account": bool(row.iloc[0]["is_key_account"]) if not row.empty else False,
        "key_reason": (row.iloc[0]["key_reason"] if not row.empty else None),
        "quarterly": q,
        "products": products(con, account_key, filters),
        "lead": lead[0] if lead else None,
        "team": members[members["team_role"] != "lead"]["name"].tolist(),
    }
    if isinstance(out["key_reason"], float):
        out["key_reason"] = None
    return out
