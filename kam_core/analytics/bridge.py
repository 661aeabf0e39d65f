"""Revenue bridge between two periods (F-PA-6): start + new + growth - decline - lost = end.

Pure functions over per-account revenue of the two periods. Each account lands in exactly one
bucket, so the identity holds for any data, credit notes included:

- new:     start <= 0 (or absent) and end > 0   -> contributes end - start
- lost:    start > 0 and end <= 0 (or absent)   -> contributes start - end
- growth / decline: the change of every other account, by its sign.

Net revenue retention (NRR) = revenue now of the accounts that had revenue at the start /
their start revenue; gross (GRR) caps each account at its start revenue (only losses count).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BUCKETS = ("new", "growth", "decline", "lost")


def classify(start: pd.DataFrame, end: pd.DataFrame) -> pd.DataFrame:
    """One row per account in either period: account_key, start, end, delta, bucket."""
    s = start.set_index("account_key")["revenue"].rename("start")
    e = end.set_index("account_key")["revenue"].rename("end")
    both = pd.concat([s, e], axis=1).fillna(0.0)
    both.index.name = "account_key"
    both = both.reset_index()
    both["delta"] = both["end"] - both["start"]
    sp, ep = both["start"] > 0, both["end"] > 0
    both["bucket"] = np.select(
        [~sp & ep, sp & ~ep, both["delta"] >= 0], ["new", "lost", "growth"], "decline"
    )
    return both


def summarise(cls: pd.DataFrame) -> dict:
    """start, new, growth, decline, lost, end (all >= 0 except start/end), nrr, grr."""
    out = {"start": float(cls["start"].sum()), "end": float(cls["end"].sum())}
    for b in BUCKETS:
        d = cls.loc[cls["bucket"] == b, "delta"]
        out[b] = float(abs(d.sum()))
    existing = cls.loc[cls["start"] > 0]
    base = float(existing["start"].sum())
    now = existing["end"].clip(lower=0)
    out["nrr"] = float(now.sum() / base) if base > 0 else float("nan")
    out["grr"] = (
        float(np.minimum(now, existing["start"]).sum() / base) if base > 0 else float("nan")
    )
    out["accounts_new"] = int((cls["bucket"] == "new").sum())
    out["accounts_lost"] = int((cls["bucket"] == "lost").sum())
    return out


def bridge(start: pd.DataFrame, end: pd.DataFrame) -> dict:
    return summarise(classify(start, end))


def bridge_by(cls: pd.DataFrame, groups: pd.Series, name: str) -> pd.DataFrame:
    """The bridge per group (tier at the start, KAM...): one row per group value.

    ``groups`` maps account_key -> group; accounts without a group go to ``"–"``.
    """
    g = cls.assign(**{name: cls["account_key"].map(groups).fillna("–")})
    rows = []
    for value, part in g.groupby(name, sort=True):
        rows.append({name: value, **summarise(part)})
    cols = [name, "start", "new", "growth", "decline", "lost", "end", "nrr", "grr"]
    return pd.DataFrame(rows, columns=cols + ["accounts_new", "accounts_lost"])[cols]
