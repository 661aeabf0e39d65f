"""What the early-warning rules read, for many accounts at once (a handful of queries in all,
never one per account).

- :func:`last_complete_quarter`: the quarter the warnings judge. A quarter still in progress (or
  whose lines stop well before its end) looks like a fall for every account, so it is left out.
- :func:`gather`: per account the quarterly revenue up to that quarter, orders per quarter (distinct
  invoice numbers, only where every line of the window has one), revenue per product line and
  quarter, contacts (archived ones too) and our coverage, the plan's last edit, the latest logged
  activity and the KAM who leads the account.

Revenue is read over every line (no product, region or segment filter): a warning is about the
whole account. Dates are UTC timestamps or dates as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from kam_core.alerts import acks
from kam_core.common.quarter import shift_quarter, valid_quarter
from kam_core.store import db

# A last quarter whose lines stop more than this many days before its end is still being filled
# (the public Online Retail file stops on 9 December): judged as incomplete.
COMPLETE_WITHIN_DAYS = 7


def quarter_end(q: str) -> date:
    """The last calendar day of quarter ``q`` ('YYYY-Qn')."""
    y, n = int(q[:4]), int(q[-1])
    first_next = date(y + (n == 4), 1 if n == 4 else 3 * n + 1, 1)
    return first_next - timedelta(days=1)


def last_complete_quarter(con, today: date, up_to: str | None = None) -> str | None:
    """The latest quarter with data (at most ``up_to``) that is over: its calendar end is before
    ``today`` and, when it is the last quarter loaded and its lines carry dates, they reach
    within :data:`COMPLETE_WITHIN_DAYS` days of its end. Else the quarter before it (when the
    data starts earlier). None when no quarter qualifies. One query."""
    rows = db.query_rows(
        con,
        """
        WITH q AS (
            SELECT min(quarter) AS first, max(quarter) AS last_loaded,
                   max(quarter) FILTER (WHERE quarter <= coalesce(?, quarter)) AS latest
            FROM revenue_lines
        )
        SELECT first, last_loaded, latest,
               (SELECT max(line_date) FROM revenue_lines r WHERE r.quarter = q.latest)
        FROM q
        """,
        [up_to],
    )
    first, last_loaded, latest, last_date = rows[0] if rows else (None, None, None, None)
    if not latest:
        return None
    complete = quarter_end(latest) < today
    if complete and latest == last_loaded and last_date is not None:
        reach = pd.Timestamp(last_date).date()
        complete = reach >= quarter_end(latest) - timedelta(days=COMPLETE_WITHIN_DAYS)
    if complete:
        return latest
    before = shift_quarter(latest, -1)
    return before if before >= first else None


@dataclass(frozen=True)
class Inputs:
    """Everything the rules need for a set of accounts, as long frames (one query each)."""

    as_of: str
    quarterly: pd.DataFrame  # account_key, quarter, revenue (quarters <= as_of)
    orders: pd.DataFrame  # account_key, quarter, orders (accounts with invoice numbers only)
    products: pd.DataFrame  # account_key, product_line, quarter, revenue (lookback window)
    contacts: pd.DataFrame  # account_key, contact_id, name, buying_role, stance, ...
    coverage: pd.DataFrame  # account_key, contact_id, person_id, level_current
    plan_edits: dict  # account_key -> last plan edit (any section but the map, any year)
    last_activity: dict  # account_key -> latest date in the activity log
    leads: dict  # account_key -> lead KAM's name
    acks: dict  # account_key -> the acknowledgement in force (acks.Ack)
    # Has the team recorded any relationship data at all (a contact, a plan edit, an activity)?
    # A portfolio of revenue files only is not "decaying": the relationship rules wait for it.
    recorded: bool = True


def _revenue(con, keys: list[str], as_of: str) -> pd.DataFrame:
    """Per account and quarter (``per_quarter``) and per account, quarter and product line: net
    revenue, distinct invoice numbers of positive lines, lines without an invoice number."""
    return db.query_df(
        con,
        """
        SELECT account_key, quarter, product_line, grouping(product_line) = 1 AS per_quarter,
               sum(amount) AS revenue,
               count(DISTINCT invoice) FILTER (WHERE amount > 0) AS orders,
               count(*) FILTER (WHERE invoice IS NULL OR trim(invoice) = '') AS no_invoice
        FROM revenue_lines
        WHERE quarter <= ? AND list_contains(?, account_key)
        GROUP BY GROUPING SETS ((account_key, quarter), (account_key, quarter, product_line))
        """,
        [as_of, keys],
    )


def _orders(per_quarter: pd.DataFrame, first: str, as_of: str) -> pd.DataFrame:
    """Orders per quarter of the window, for the accounts whose every line in it has an invoice
    number (a file without them says nothing about orders)."""
    w = per_quarter[(per_quarter["quarter"] >= first) & (per_quarter["quarter"] <= as_of)]
    totals = w.groupby("account_key")[["no_invoice", "orders"]].sum()
    ok = totals.index[(totals["no_invoice"] == 0) & (totals["orders"] > 0)]
    out = w.loc[w["account_key"].isin(ok), ["account_key", "quarter", "orders"]]
    return out.reset_index(drop=True)


def _map(con, keys: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Contacts (archived ones too) and our coverage of them, from one query."""
    df = db.query_df(
        con,
        "SELECT c.account_key, c.contact_id, c.name, c.buying_role, c.influence, c.stance, "
        "c.last_contact, c.archived_at, cc.person_id, cc.level_current "
        "FROM contacts c LEFT JOIN contact_coverage cc USING (contact_id) "
        "WHERE list_contains(?, c.account_key) ORDER BY c.contact_id, cc.person_id",
        [keys],
    )
    contacts = df.drop(columns=["person_id", "level_current"]).drop_duplicates("contact_id")
    coverage = df.loc[df["person_id"].notna(), ["account_key", "contact_id", "person_id"]]
    coverage = coverage.assign(level_current=df.loc[coverage.index, "level_current"])
    return contacts.reset_index(drop=True), coverage.reset_index(drop=True)


def _timeline(con, keys: list[str]) -> pd.DataFrame:
    """Per account: the plan's last edit (any section but the map, any year), the latest date
    in the activity log, the lead KAM and the acknowledgement in force; and whether anything
    of the kind is recorded anywhere in the database (the same on every row)."""
    return db.query_df(
        con,
        """
        SELECT k.account_key,
            (SELECT max(s.updated_at) FROM section_edits s
             WHERE s.account_key = k.account_key AND s.section <> 'relationships') AS plan_edit,
            (SELECT max(greatest(a.opened_on, coalesce(a.responded_on, a.opened_on),
                                 coalesce(a.resolved_on, a.opened_on)))
             FROM activities a WHERE a.account_key = k.account_key) AS last_activity,
            (SELECT min(p.name) FROM account_team t JOIN people p USING (person_id)
             WHERE t.account_key = k.account_key AND t.team_role = 'lead') AS lead,
            """
        + acks.LATEST_SQL
        + """ AS ack,
            (EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM section_edits)
             OR EXISTS (SELECT 1 FROM activities)) AS recorded
        FROM (SELECT unnest(?::VARCHAR[]) AS account_key) k
        """,
        [keys],
    )


def _present(frame: pd.DataFrame, col: str) -> dict:
    return {k: v for k, v in zip(frame["account_key"], frame[col]) if not pd.isna(v)}


def gather(con, keys: list[str], as_of: str, window: int = 4, lookback: int = 4) -> Inputs:
    """Read every input of the rules (and the acknowledgements in force) for ``keys`` as of
    quarter ``as_of`` in three queries:
    ``window`` quarters of orders and ``lookback`` of product lines before it (plus ``as_of``)."""
    if not valid_quarter(as_of):
        raise ValueError(f"as_of is not a YYYY-Qn quarter: {as_of!r}")
    keys = sorted({str(k) for k in keys})
    rev = _revenue(con, keys, as_of)
    per_quarter = rev[rev["per_quarter"]]
    by_line = rev[~rev["per_quarter"] & rev["product_line"].notna()]
    first_line = shift_quarter(as_of, -int(lookback))
    contacts, coverage = _map(con, keys)
    timeline = _timeline(con, keys)
    return Inputs(
        as_of=as_of,
        quarterly=per_quarter[["account_key", "quarter", "revenue"]].reset_index(drop=True),
        orders=_orders(per_quarter, shift_quarter(as_of, -int(window)), as_of),
        products=by_line.loc[
            by_line["quarter"] >= first_line, ["account_key", "product_line", "quarter", "revenue"]
        ].reset_index(drop=True),
        contacts=contacts,
        coverage=coverage,
        plan_edits=_present(timeline, "plan_edit"),
        last_activity=_present(timeline, "last_activity"),
        leads=_present(timeline, "lead"),
        acks={
            k: ack
            for k, row in zip(timeline["account_key"], timeline["ack"])
            if (ack := acks.from_struct(k, row)) is not None
        },
        recorded=bool(timeline["recorded"].any()) if len(timeline) else True,
    )


def portfolio_quarters(con, as_of: str) -> pd.Series:
    """Net revenue of every account per quarter up to ``as_of`` (the portfolio total)."""
    df = db.query_df(
        con,
        "SELECT quarter, sum(amount) AS revenue FROM revenue_lines WHERE quarter <= ? "
        "GROUP BY quarter ORDER BY quarter",
        [as_of],
    )
    return pd.Series(df["revenue"].to_numpy(dtype="float64"), index=list(df["quarter"]))
