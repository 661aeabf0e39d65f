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


# ----------------------------------------------------------------------------- shapes


def reading_table(reading: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A wide report's reading (F-IN-8) with translated headers: each column of the file, what it
    was read as (period / total, not loaded / skipped / account data) and its period."""
    return pd.DataFrame(
        {
            t("shape.col.column", lang): reading["column"].to_numpy(),
            t("shape.col.role", lang): [t(f"shape.role.{r}", lang) for r in reading["role"]],
            t("shape.col.period", lang): reading["period"].to_numpy(),
            t("shape.col.quarter", lang): reading["quarter"].to_numpy(),
        }
    )


def total_rows_table(total_rows: pd.DataFrame, lang: str, file_name: str = "") -> pd.DataFrame:
    """Total and subtotal rows (F-IN-9), listed as not loaded, with why each one is a total."""
    return pd.DataFrame(
        {
            t("up.col.row", lang): total_rows["row"].to_numpy(dtype="int64"),
            t("shape.col.label", lang): total_rows["label"].to_numpy(),
            t("shape.col.amount", lang): total_rows["amount"].to_numpy(),
            t("shape.col.why", lang): [t(f"shape.why.{r}", lang) for r in total_rows["reason"]],
        }
    )


def reading_summary(p, lang: str) -> str:
    """One sentence for the command line: the kind of report, its periods and what was left out."""
    periods = p.reading[p.reading["role"] == "period"]
    first, last = periods.iloc[0], periods.iloc[-1]
    left_out = p.reading[p.reading["role"].isin(["total", "skipped"])]["column"].tolist()
    kind = periods["kind"].mode().iloc[0]
    return t(
        "shape.cli.wide",
        lang,
        file=p.file_name,
        kind=t(f"shape.kind.{kind}", lang),
        n=len(periods),
        first=f"{first['column']} = {first['period']}",
        last=f"{last['column']} = {last['period']}",
        left_out=", ".join(left_out) or "–",
    )


# ----------------------------------------------------------------------------- command line

MAX_REJECTS_LISTED = 20
