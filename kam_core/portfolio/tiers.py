"""Tiers and key accounts. ``key_accounts`` is THE definition every page uses (F-TI-1..4).

Key account = tier A (revenue Pareto over the selection) or strategically marked, unless excluded.
Marks and exclusions are kept with who / when / why in ``account_marks``; withdrawing one closes
it (``removed_at``) so the history stays. Ratings (attractiveness, strength 1-5) feed the KAM
portfolio matrix and the multi-criteria score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kam_core.analytics import metrics
from kam_core.common.errors import ValidationError
from kam_core.common.vocab import MARK_KINDS, MARK_REASONS
from kam_core.portfolio import periods, reads
from kam_core.portfolio.periods import Filters
from kam_core.store import audit, authz, db, settings

NOTE_MAX = 500

# Declared here, once, as data: the settings page and every reader use these entries.
SCORE_WEIGHTS = {c: f"score_w_{c}" for c in metrics.SCORE_CRITERIA}


def abc_table(con, filters: Filters = Filters()) -> pd.DataFrame:
    """Positive accounts in Pareto order: account_key, account_name, revenue, rank, share,
    cum_share, tier."""
    cfg = settings.get_all(con)
    rev = reads.account_revenue(con, filters)
    return metrics.pareto_table(rev, cfg["pareto_a"], cfg["pareto_b"])


# --- Marks and exclusions -----------------------------------------------------------------------
def active_marks(con) -> pd.DataFrame:
    """The marks in force: account_key, kind, reason, note, marked_by, marked_at."""
    return db.query_df(
        con,
        """
        SELECT account_key, kind, reason, note, marked_by, marked_at
        FROM account_marks WHERE removed_at IS NULL ORDER BY marked_at, mark_id
    """,
    )


def mark_history(con, account_key: str | None = None) -> pd.DataFrame:
    sql = (
        "SELECT m.account_key, coalesce(a.account_name, m.account_key) AS account_name, "
        "m.kind, m.reason, m.note, m.marked_by, m.marked_at, m.removed_by, m.removed_at "
        "FROM account_marks m LEFT JOIN accounts a USING (account_key)"
    )
    params: list = []
    if account_key is not None:
        sql += " WHERE m.account_key = ?"
        params.append(account_key)
    return db.query_df(con, sql + " ORDER BY m.marked_at DESC, m.mark_id DESC", params)


def set_mark(con, account_key: str, kind: str, reason: str, note: str | None, user: str) -> None:
    """Mark an account key (strategic) or exclude it; replaces the mark in force, one transaction.

    Raises :class:`ValidationError` (nothing written) for an unknown account, kind or reason, a
    missing note where one is needed (reason 'other', every exclusion) or a note too long.
    """
    authz.require(con, user, "mark_account", account_key)
    note = (note or "").strip()
    if kind not in MARK_KINDS:
        raise ValidationError("err.mark_kind", kind=kind)
    if kind == "key" and reason not in MARK_REASONS:
        raise ValidationError("err.mark_reason", reason=reason)
    if kind == "exclude":
        reason = "other" if reason not in MARK_REASONS else reason
    if (reason == "other" or kind == "exclude") and not note:
        raise ValidationError("err.mark_note_required")
    if len(note) > NOTE_MAX:
        raise ValidationError("err.mark_note_long", max=NOTE_MAX)
    if not db.scalar(
        con, "SELECT count(*) FROM accounts WHERE account_key = ?", [account_key]
    ) and not db.scalar(
        con, "SELECT count(*) FROM revenue_lines WHERE account_key = ?", [account_key]
    ):
        raise ValidationError("err.mark_account", account=account_key)
    now = db.utcnow()
    with db.transaction(con) as cur:
        before = _mark_in_force(cur, account_key)
        cur.execute(
            "UPDATE account_marks SET removed_by = ?, removed_at = ? "
            "WHERE account_key = ? AND removed_at IS NULL",
            [user, now, account_key],
        )
        cur.execute(
            "INSERT INTO account_marks (account_key, kind, reason, note, marked_by, "
            "marked_at) VALUES (?, ?, ?, ?, ?, ?)",
            [account_key, kind, reason, note or None, user, now],
        )
        audit.record_change(
            cur,
            user,
            "account_marks",
            account_key,
            before,
            _mark_in_force(cur, account_key),
            account=account_key,
        )
        db.bump_data_version(cur)


def _mark_in_force(cur, account_key: str) -> dict | None:
    rows = cur.execute(
        "SELECT kind, reason, note FROM account_marks WHERE account_key = ? AND removed_at IS NULL",
        [account_key],
    ).fetchall()
    return dict(zip(("kind", "reason", "note"), rows[0])) if rows else None


def clear_mark(con, account_key: str, user: str) -> bool:
    """Withdraw the mark in force (kept in the history). False when there was none."""
    authz.require(con, user, "mark_account", account_key)
    with db.transaction(con) as cur:
        before = _mark_in_force(cur, account_key)
        if before is None:
            return False
        cur.execute(
            "UPDATE account_marks SET removed_by = ?, removed_at = ? "
            "WHERE account_key = ? AND removed_at IS NULL",
            [user, db.utcnow(), account_key],
        )
        audit.record_change(
            cur, user, "account_marks", account_key, before, None, account=account_key
        )
        db.bump_data_version(cur)
    return True


def key_accounts(con, filters: Filters = Filters()) -> pd.DataFrame:
    """Every account of the selection with columns account_key, account_name, revenue, rank,
    tier, is_key_account (bool), key_reason ('tier_a' | 'marked' | None), excluded (bool),
    plus share, cum_share, mark_kind ('key' | 'exclude' | None), mark_reason, mark_note, marked_by, marked_at. Sorted by revenue rank.

    Accounts with no positive revenue in the selection have no tier and rank; they are listed
    only when marked key (a strategic account can be key before it buys).
    """
    pt = abc_table(con, filters)
    out = pt[
        ["account_key", "account_name", "revenue", "rank", "tier", "share", "cum_share"]
    ].copy()
    marks = active_marks(con)
    if len(marks):
        extra = marks.loc[
            (marks["kind"] == "key") & ~marks["account_key"].isin(out["account_key"]),
            ["account_key"],
        ]
        if len(extra):
            rev = reads.account_revenue(con, filters).set_index("account_key")
            names = dict(db.query_rows(con, "SELECT account_key, account_name FROM accounts"))
            extra = extra.assign(
                account_name=[names.get(k, k) for k in extra["account_key"]],
                revenue=[float(rev["revenue"].get(k, 0.0)) for k in extra["account_key"]],
                rank=pd.NA,
                tier=None,
                share=0.0,
                cum_share=float("nan"),
            )
            out = pd.concat([out, extra], ignore_index=True)
    m = (
        marks.set_index("account_key")
        if len(marks)
        else pd.DataFrame(columns=["kind", "reason", "note", "marked_by", "marked_at"])
    )
    kind = out["account_key"].map(m["kind"])
    out["excluded"] = (kind == "exclude").to_numpy()
    marked = (kind == "key").to_numpy()
    is_a = (out["tier"] == "A").to_numpy()
    out["is_key_account"] = (is_a | marked) & ~out["excluded"].to_numpy()
    out["key_reason"] = np.where(~out["is_key_account"], None, np.where(is_a, "tier_a", "marked"))
    out["key_reason"] = out["key_reason"].astype(object).where(out["is_key_account"], None)
    out["mark_kind"] = kind.to_numpy()
    out["mark_reason"] = out["account_key"].map(m["reason"])
    out["mark_note"] = out["account_key"].map(m["note"])
    out["marked_by"] = out["account_key"].map(m["marked_by"])
    out["marked_at"] = out["account_key"].map(m["marked_at"])
    return out.reset_index(drop=True)


# --- Ratings (attractiveness x strength) --------------------------------------------------------
def ratings(con) -> pd.DataFrame:
    return db.query_df(
        con, "SELECT account_key, attractiveness, strength, rated_by, rated_at FROM account_ratings"
    )


def set_ratings(con, rows: list[dict], user: str) -> int:
    """Store attractiveness / strength (1-5, or None to clear) for several accounts at once.

    All rows are validated first, then written in one transaction; returns the rows written.
    """
    authz.require(con, user, "mark_account")
    clean = []
    for r in rows:
        vals = []
        for f in ("attractiveness", "strength"):
            v = r.get(f)
            if v is None or (isinstance(v, float) and np.isnan(v)):
                vals.append(None)
                continue
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise ValidationError("err.rating_range", account=r.get("account_key")) from None
            if not 1 <= v <= 5:
                raise ValidationError("err.rating_range", account=r.get("account_key"))
            vals.append(v)
        clean.append((str(r["account_key"]), *vals))
    now = db.utcnow()
    with db.transaction(con) as cur:
        for key, att, strength in clean:
            before = _rating(cur, key)
            if att is None and strength is None:
                cur.execute("DELETE FROM account_ratings WHERE account_key = ?", [key])
                if before is not None:
                    audit.record_change(
                        cur, user, "account_ratings", key, before, None, account=key
                    )
                continue
            cur.execute(
                "INSERT INTO account_ratings VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_key) "
                "DO UPDATE SET attractiveness = excluded.attractiveness, "
                "strength = excluded.strength, rated_by = excluded.rated_by, "
                "rated_at = excluded.rated_at",
                [key, att, strength, user, now],
            )
            audit.record_change(
                cur, user, "account_ratings", key, before, _rating(cur, key), account=key
            )
        db.bump_data_version(cur)
    return len(clean)


def _rating(cur, account_key: str) -> dict | None:
    rows = cur.execute(
        "SELECT attractiveness, strength FROM account_ratings WHERE account_key = ?", [account_key]
    ).fetchall()
    return {"attractiveness": rows[0][0], "strength": rows[0][1]} if rows else None


# --- Multi-criteria score (F-TI-3) ------------------------------------------------------------
def scored_accounts(
    con, filters: Filters, weights: dict | None = None, ka: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Key-account table plus criteria (0-1), score 0-100, score rank and score tier.

    Criteria: revenue (percentile of revenue), growth (percentile of growth versus the previous
    period of the same length), margin (percentile of margin rate, when files carry margin),
    strategic (1 when marked key), attractiveness ((rating - 1) / 4). The score tier gives the
    best-scored accounts the same number of A and B places as the revenue tiers, so both columns
    can be compared side by side. ``weights`` (criterion -> weight) overrides the saved ones.
    ``ka``: :func:`key_accounts` of the same selection when the caller has it (cached).
    """
    cfg = settings.get_all(con)
    ka = key_accounts(con, filters) if ka is None else ka
    ka = ka.loc[ka["revenue"] > 0].reset_index(drop=True)
    if ka.empty:
        return ka.assign(score=[], score_rank=[], score_tier=[])
    prev = reads.account_revenue(con, periods.previous_period(filters)).set_index("account_key")[
        "revenue"
    ]
    start = ka["account_key"].map(prev).fillna(0.0).to_numpy()
    growth = np.where(
        start > 0, ka["revenue"].to_numpy() / np.where(start > 0, start, 1) - 1, np.nan
    )
    if np.isnan(growth).all():
        growth_c = np.full(len(ka), np.nan)
    else:
        growth_c = metrics.percentile_rank(growth)
    margin = reads.account_margin(con, filters).set_index("account_key")["margin_rate"]
    rt = ratings(con).set_index("account_key")["attractiveness"]
    crit = pd.DataFrame(
        {
            "account_key": ka["account_key"],
            "revenue": metrics.percentile_rank(ka["revenue"]),
            "growth": growth_c,
            "margin": metrics.percentile_rank(ka["account_key"].map(margin).astype(float)),
            "strategic": (ka["mark_kind"] == "key").astype(float),
            "attractiveness": (ka["account_key"].map(rt).astype(float) - 1) / 4,
        }
    )
    if weights is None:
        weights = {c: cfg[k] for c, k in SCORE_WEIGHTS.items()}
    sc = metrics.score(crit, weights)
    out = ka.join(
        sc.drop(columns=["account_key"]).rename(
            columns={c: f"c_{c}" for c in metrics.SCORE_CRITERIA}
        )
    )
    out["growth_rate"] = growth
    out = out.sort_values(["score", "account_key"], ascending=[False, True], kind="mergesort")
    out["score_rank"] = np.arange(1, len(out) + 1)
    n_a = int((out["tier"] == "A").sum())
    n_b = int((out["tier"] == "B").sum())
    out["score_tier"] = np.where(
        out["score_rank"] <= n_a, "A", np.where(out["score_rank"] <= n_a + n_b, "B", "C")
    )
    out.attrs["criteria_used"] = sc.attrs.get("criteria_used", ())
    return out.sort_values("rank", kind="mergesort").reset_index(drop=True)


# --- Tiers over time (migration, stability, XYZ) ----------------------------------------------
def quarterly_tiers(con, filters: Filters, quarters: list[str]) -> pd.DataFrame:
    """account_key, quarter, revenue, tier: ABC computed in each quarter on its own."""
    from dataclasses import replace

    cfg = settings.get_all(con)
    if not quarters:
        return pd.DataFrame(columns=["account_key", "quarter", "revenue", "tier"])
    span = replace(filters, q_from=min(quarters), q_to=max(quarters))
    aq = reads.account_quarter_revenue(con, span)
    aq = aq.loc[aq["quarter"].isin(quarters)]
    parts = []
    for q in quarters:
        pt = metrics.pareto_table(aq.loc[aq["quarter"] == q], cfg["pareto_a"], cfg["pareto_b"])
        parts.append(pt[["account_key", "quarter", "revenue", "tier"]])
    return pd.concat(parts, ignore_index=True)


def seed_demo(cur) -> None:
    """A few strategic marks, one exclusion and ratings for the demo (inside its transaction)."""
    now = db.utcnow()
    marks = [
        ("C1150", "key", "growth_potential", "Expanding into three new plants in 2027.", "demo"),
        ("C1230", "key", "brand_image", "Reference customer in healthcare: we cite them.", "demo"),
        (
            "C1310",
            "key",
            "geographic_presence",
            "Our only customer in the Balearic Islands.",
            "demo",
        ),
        ("C1004", "exclude", "other", "One-off project; revenue will not recur.", "demo"),
    ]
    for key, kind, reason, note, user in marks:
        cur.execute(
            "INSERT INTO account_marks (account_key, kind, reason, note, marked_by, "
            "marked_at) VALUES (?, ?, ?, ?, ?, ?)",
            [key, kind, reason, note, user, now],
        )
    rng = np.random.default_rng(7)
    for i in range(30):
        key = f"C{1000 + i}"
        cur.execute(
            "INSERT INTO account_ratings VALUES (?, ?, ?, 'demo', ?)",
            [key, float(rng.integers(1, 6)), float(rng.integers(1, 6)), now],
        )
