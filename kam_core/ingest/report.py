"""What the user is told about an upload: rejects (table and safe CSV), the diff against the
previous quarter (F-IN-7), and the command-line front end that shares the page's pipeline."""

from __future__ import annotations

import io

import pandas as pd

from kam_core.common.export import safe_cell
from kam_core.common.quarter import shift_quarter
from kam_core.i18n import t
from kam_core.ingest import load


def reason_text(key: str, lang: str, value="", expected=None) -> str:
    return t(
        key,
        lang,
        value=value,
        expected="" if expected is None or pd.isna(expected) else int(expected),
    )


def rejects_table(rejects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rejects with the reason in the user's language and translated column headers."""
    # The value has its own column, so the reason is the short label; a ragged row's count of
    # fields only makes sense in the full sentence.
    reasons = [
        reason_text(k, lang, v, e) if k == "rej.ragged" else t(f"{k}.short", lang)
        for k, v, e in zip(rejects["reason"], rejects["value"], rejects["expected"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("up.col.file", lang): rejects["file"].to_numpy(),
            t("up.col.row", lang): rejects["row"].to_numpy(),
            t("up.col.column", lang): rejects["column"].to_numpy(),
            t("up.col.reason", lang): reasons,
            t("up.col.value", lang): rejects["value"].to_numpy(),
        }
    )


def rejects_csv(rejects: pd.DataFrame, lang: str) -> bytes:
    """Downloadable rejects: UTF-8 with BOM (Excel opens it right), ``;`` for Spanish Excel."""
    table = rejects_table(rejects, lang)
    table = table.apply(lambda col: col.map(safe_cell))
    buf = io.StringIO()
    table.to_csv(buf, index=False, sep=";" if lang == "es" else ",")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def diff_vs_previous(con, prepared_list) -> dict | None:
    """Accounts new / lost / changed in the upload's latest quarter versus the quarter before.

    The previous quarter comes from the database plus any file of the same upload that covers it.
    None when nothing is known about the previous quarter.
    """

    lines = (
        pd.concat([p.lines for p in prepared_list if len(p.lines)], ignore_index=True)
        if any(len(p.lines) for p in prepared_list)
        else None
    )
    if lines is None or not lines["quarter"].notna().any():
        return None
    quarter = max(q for q in lines["quarter"].dropna().unique())
    prev_q = shift_quarter(quarter, -1)
    names = lines.drop_duplicates("account_key").set_index("account_key")["account_name"]
    cur = lines[lines["quarter"] == quarter].groupby("account_key")["amount"].sum()
    prev_up = lines[lines["quarter"] == prev_q].groupby("account_key")["amount"].sum()
    prev_db = (
        load.quarter_revenue(con, prev_q)
        if con is not None
        else pd.DataFrame(columns=["account_key", "account_name", "revenue"])
    )
    if not len(prev_up) and not len(prev_db):
        return None
    prev = prev_db.set_index("account_key")["revenue"].add(prev_up, fill_value=0)
    names = pd.concat([names, prev_db.set_index("account_key")["account_name"]])
    names = names[~names.index.duplicated()]
    both = pd.DataFrame({"previous": prev, "current": cur}).fillna(0.0)
    both["delta"] = both["current"] - both["previous"]
    both["status"] = "changed"
    both.loc[~both.index.isin(prev.index), "status"] = "new"
    both.loc[~both.index.isin(cur.index), "status"] = "lost"
    both.loc[(both["status"] == "changed") & (both["delta"].abs() < 0.005), "status"] = "same"
    both["account_name"] = names.reindex(both.index).fillna(pd.Series(both.index, both.index))
    both = both.reset_index(names="account_key")
    both = both.reindex(both["delta"].abs().sort_values(ascending=False).index)
    counts = both["status"].value_counts()
    return {
        "quarter": quarter,
        "previous_quarter": prev_q,
        "new": int(counts.get("new", 0)),
        "lost": int(counts.get("lost", 0)),
        "changed": int(counts.get("changed", 0)),
        "same": int(counts.get("same", 0)),
        "revenue_new": float(both.loc[both["status"] == "new", "current"].sum()),
        "revenue_lost": float(both.loc[both["status"] == "lost", "previous"].sum()),
        "previous_total": float(prev.sum()),
        "current_total": float(cur.sum()),
        "accounts": both.reset_index(drop=True),
    }


# ----------------------------------------------------------------------------- command line

MAX_REJECTS_LISTED = 20
