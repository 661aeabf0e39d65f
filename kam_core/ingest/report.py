"""What the user is told about an upload: rejects (table and safe CSV), what the upload changes
in the database (F-IN-7: after versus now, and a new quarter versus the one before), and the
command-line front end that shares the page's pipeline."""

from __future__ import annotations

import io

import pandas as pd

from kam_core.common.export import safe_cell
from kam_core.common.quarter import shift_quarter
from kam_core.i18n import t
from kam_core.ingest import load
from kam_core.store import db


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


def diff_vs_previous(con, prepared_list, *, replace_period=False, add=False) -> dict | None:
    """The upload's latest quarter versus the quarter before, both as the database will hold
    them after the upload (:func:`upload_diffs`); None when that quarter is already loaded,
    nothing is known about the quarter before, or the upload cannot land as asked."""
    diffs = upload_diffs(con, prepared_list, replace_period=replace_period, add=add)
    return next((d for d in diffs if d["kind"] == "previous"), None)


def overlap_unresolved(prepared_list, *, replace_period=False, add=False) -> bool:
    """Quarters loaded by other uploads and no choice yet between replacing and adding them:
    the upload cannot land, so what it would change is unknown."""
    return any(p.overlapping_quarters for p in prepared_list) and not (replace_period or add)


def upload_diffs(con, prepared_list, *, replace_period=False, add=False) -> list[dict]:
    """F-IN-7: what the upload changes, before it lands, as the database will hold it after the
    commit (``load.commit``'s semantics) against what it holds now:

    - ``kind == "change"``: the upload's quarters the database already holds (a re-upload, a
      replaced period, lines added): accounts new / lost / changed there, after versus now. The
      same file again (it can only land replacing its earlier upload) changes nothing.
    - ``kind == "previous"``: the upload's latest quarter, when it is new, versus the quarter
      before as it will be (the database's lines, minus what the upload replaces, plus the
      upload's own lines of that quarter, each counted once).

    ``replace_period`` / ``add``: the choice for quarters loaded by other uploads; without one
    (:func:`overlap_unresolved`) nothing is returned.
    """
    ready = [p for p in prepared_list if len(p.lines)]
    if not ready or overlap_unresolved(ready, replace_period=replace_period, add=add):
        return []
    lines = pd.concat(
        [p.lines[["account_key", "account_name", "quarter", "amount"]] for p in ready]
    )
    lines = lines[lines["quarter"].notna()]
    if not len(lines):
        return []
    quarters = sorted(lines["quarter"].unique())
    latest = quarters[-1]
    prev_q = shift_quarter(latest, -1)
    replaced = [load.active_batch_with_sha(con, p.sha256) for p in ready] if con is not None else []
    held = _held(con, sorted(set(quarters) | {prev_q}), [b for b in replaced if b is not None])
    gone = held["replaced"] | (held["quarter"].isin(quarters) if replace_period else False)
    key = ["account_key", "quarter"]
    now = held.groupby(key)["revenue"].sum()
    after = held[~gone].groupby(key)["revenue"].sum()
    after = after.add(lines.groupby(key)["amount"].sum(), fill_value=0.0)
    names = pd.concat(
        [
            lines.drop_duplicates("account_key").set_index("account_key")["account_name"],
            held.drop_duplicates("account_key").set_index("account_key")["account_name"],
        ]
    )
    names = names[~names.index.duplicated()]
    out = []
    loaded = sorted(set(held["quarter"]) & set(quarters))
    if loaded:
        d = _compare(_over(now, loaded), _over(after, loaded), names)
        out.append(d | {"kind": "change", "quarters": loaded, "quarter": None})
        out[-1]["previous_quarter"] = None
    if latest not in loaded:
        before = _over(after, [prev_q])
        if len(before):
            d = _compare(before, _over(after, [latest]), names)
            out.append(
                d
                | {"kind": "previous", "quarters": [latest], "quarter": latest}
                | {"previous_quarter": prev_q}
            )
    return out


def _held(con, quarters: list[str], replaced: list[int]) -> pd.DataFrame:
    """What the database holds now per account and quarter (of ``quarters``), split by whether
    the lines belong to an upload this one replaces (the same file loaded before)."""
    if con is None:
        return pd.DataFrame(
            {
                "account_key": pd.Series(dtype=object),
                "account_name": pd.Series(dtype=object),
                "quarter": pd.Series(dtype=object),
                "replaced": pd.Series(dtype=bool),
                "revenue": pd.Series(dtype=float),
            }
        )
    return db.query_df(
        con,
        "SELECT l.account_key, coalesce(a.account_name, l.account_key) AS account_name, "
        "l.quarter, list_contains(?, l.batch_id) AS replaced, sum(l.amount) AS revenue "
        "FROM revenue_lines l LEFT JOIN accounts a USING (account_key) "
        "WHERE list_contains(?, l.quarter) GROUP BY ALL",
        [replaced, quarters],
    ).astype({"replaced": bool, "revenue": float})


def _over(by_account_quarter: pd.Series, quarters: list[str]) -> pd.Series:
    """Per-account sums over some quarters (accounts without a line there are left out)."""
    s = by_account_quarter[by_account_quarter.index.get_level_values("quarter").isin(quarters)]
    return s.groupby(level="account_key").sum()


def _compare(prev: pd.Series, cur: pd.Series, names: pd.Series) -> dict:
    """Accounts new / lost / changed / same between two per-account revenues."""
    both = pd.DataFrame({"previous": prev, "current": cur}).fillna(0.0)
    both["delta"] = both["current"] - both["previous"]
    both["status"] = "changed"
    both.loc[~both.index.isin(prev.index), "status"] = "new"
    both.loc[~both.index.isin(cur.index), "status"] = "lost"
    both.loc[(both["status"] == "changed") & (both["delta"].abs() < 0.005), "status"] = "same"
    both["account_name"] = names.reindex(both.index).fillna(pd.Series(both.index, both.index))
    both = both.rename_axis("account_key").reset_index()
    both = both.reindex(both["delta"].abs().sort_values(ascending=False, kind="stable").index)
    counts = both["status"].value_counts()
    return {
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
