"""Account 360 header: revenue, share, rank, tier, key status, quarterly series, products, team.

Also the small input-validation helpers shared by the account modules (contacts, plans,
activities, team): they turn form text into clean values or raise :class:`FieldError`, whose
message names the field in the user's language. Validation lives here, pages only show it.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import pandas as pd

from kam_core import db, portfolio, tiers
from kam_core.errors import ValidationError
from kam_core.portfolio import Filters

MAX_TEXT = 2000


class FieldError(ValidationError):
    """Bad value in one form field. ``field`` is an i18n key, translated when rendered."""

    key = "err.acc.field"

    def render(self, lang: str) -> str:
        from kam_core.i18n import t

        from kam_core.i18n import fmt_num

        params = dict(self.params)
        if "field" in params:
            params["field"] = t(params["field"], lang)
        for k in ("min", "max"):
            if isinstance(params.get(k), (int, float)):
                x = float(params[k])
                params[k] = fmt_num(x, lang, 0 if x == int(x) else 2)
        if "detail_key" in params:  # a row of a table editor: "Row 3: <the field's message>"
            params["detail"] = t(params.pop("detail_key"), lang, **params)
        return t(self.key, lang, **params)


# ---------------------------------------------------------------- validation helpers
def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(value, str) and not value.strip()


def clean_text(value, field: str, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
    """Trimmed text, stored verbatim (no HTML/SQL interpretation anywhere)."""
    if _blank(value):
        if required:
            raise FieldError("err.acc.required", field=field)
        return None
    text = str(value).strip()
    if len(text) > max_len:
        raise FieldError("err.acc.too_long", field=field, max=max_len)
    return text


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(value, field: str, required: bool = False) -> date | None:
    """A date from a date object or text in ISO (2026-03-31) or Spanish (31/03/2026) form."""
    if _blank(value):
        if required:
            raise FieldError("err.acc.required", field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError("err.acc.bad_date", field=field, value=text)


_NUM_RE = re.compile(r"^[-+]?[\d.,]*\d[\d.,]*$")


def _text_to_float(text: str, lang: str) -> float:
    """'1,234.5' / '1.234,5' / '12,5' -> float. With both separators the last one is the decimal
    mark; with one kind only, the language decides (en: ',' groups thousands; es: ',' is decimal)."""
    if not _NUM_RE.match(text):
        raise ValueError(text)
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("+-")
    if "," in body and "." in body:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
    elif "," in body:
        dec = "," if (lang == "es" or body.count(",") == 1 and len(body.split(",")[1]) != 3) else ""
    elif "." in body:
        dec = "." if (lang != "es" or body.count(".") == 1 and len(body.split(".")[1]) != 3) else ""
    else:
        dec = ""
    thousands = {",", "."} - {dec}
    for ch in thousands:
        body = body.replace(ch, "")
    if dec:
        if body.count(dec) > 1:
            raise ValueError(text)
        body = body.replace(dec, ".")
    return sign * float(body)


def parse_number(value, field: str, required: bool = False, minimum: float | None = None,
                 maximum: float | None = None, lang: str = "en") -> float | None:
    """A number from a number or text ('1,234.5' or '1.234,5'); text that is not one is refused."""
    if _blank(value):
        if required:
            raise FieldError("err.acc.required", field=field)
        return None
    if isinstance(value, bool):
        raise FieldError("err.acc.not_number", field=field, value=str(value))
    if isinstance(value, (int, float)):
        x = float(value)
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
        try:
            x = _text_to_float(text, lang)
        except ValueError:
            raise FieldError("err.acc.not_number", field=field, value=str(value)) from None
    if math.isnan(x) or math.isinf(x):
        raise FieldError("err.acc.not_number", field=field, value=str(value))
    if minimum is not None and x < minimum:
        raise FieldError("err.acc.too_small", field=field, min=minimum)
    if maximum is not None and x > maximum:
        raise FieldError("err.acc.too_large", field=field, max=maximum)
    return x


def parse_choice(value, field: str, options, default: str | None = None) -> str:
    if _blank(value):
        if default is not None:
            return default
        raise FieldError("err.acc.required", field=field)
    text = str(value).strip()
    if text not in options:
        raise FieldError("err.acc.bad_choice", field=field, value=text)
    return text


def parse_quarter(value, field: str) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip().upper().replace(" ", "")
    if not portfolio.valid_quarter(text):
        raise FieldError("err.acc.bad_quarter", field=field, value=str(value))
    return text


def mark_section(cur, account_key: str, plan_year: int, section: str, user: str | None) -> None:
    """Record the last edit of a section (inside the caller's transaction)."""
    cur.execute(
        "INSERT INTO section_edits VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_key, plan_year, "
        "section) DO UPDATE SET updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        [account_key, int(plan_year), section, user, db.utcnow()],
    )


# ---------------------------------------------------------------- header
def account_options(con, filters: Filters = Filters()) -> pd.DataFrame:
    """Every known account for the picker: key accounts first (by rank), then the rest by name."""
    ka = tiers.key_accounts(con, filters)
    names = db.query_df(con, "SELECT account_key, account_name FROM accounts ORDER BY account_name")
    ka = ka[["account_key", "account_name", "rank", "tier", "is_key_account"]]
    rest = names[~names["account_key"].isin(ka["account_key"])].assign(
        rank=pd.NA, tier=None, is_key_account=False)
    out = pd.concat([ka.sort_values(["is_key_account", "rank"], ascending=[False, True]), rest],
                    ignore_index=True)
    return out


def default_account(con, filters: Filters = Filters()) -> str | None:
    """The top key account of the selection (else the top account, else None)."""
    ka = tiers.key_accounts(con, filters)
    if ka.empty:
        return None
    keys = ka[ka["is_key_account"]]
    return str((keys if not keys.empty else ka).iloc[0]["account_key"])


def exists(con, account_key: str | None) -> bool:
    if not account_key:
        return False
    return bool(db.scalar(con, "SELECT count(*) FROM accounts WHERE account_key = ?",
                          [account_key]))


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


def header(con, account_key: str, filters: Filters = Filters()) -> dict:
    """Header KPIs of one account over the selection (rank/tier None when it has no revenue)."""
    from kam_core import team

    ka = tiers.key_accounts(con, filters)
    row = ka[ka["account_key"] == account_key]
    name = db.scalar(con, "SELECT account_name FROM accounts WHERE account_key = ?", [account_key])
    positive = float(ka.loc[ka["revenue"] > 0, "revenue"].sum()) if not ka.empty else 0.0
    q = quarterly_revenue(con, account_key, filters)
    revenue = float(q["revenue"].sum()) if not q.empty else 0.0
    members = team.account_team(con, account_key)
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
