"""TODO docstring (portfolio)."""

from __future__ import annotations

import re

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")


def valid_quarter(q: str | None) -> bool:
    return bool(q and QUARTER_RE.match(q))


def quarter_of(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def shift_quarter(q: str, n: int) -> str:
    m = QUARTER_RE.match(q)
    idx = int(m.group(1)) * 4 + int(m.group(2)) - 1 + n
    return f"{idx // 4}-Q{idx % 4 + 1}"


def quarters_between(q_from: str, q_to: str) -> list[str]:
    """Every quarter from ``q_from`` to ``q_to`` inclusive (with or without data)."""
    out, q = [], q_from
    while q <= q_to:
        out.append(q)
        q = shift_quarter(q, 1)
    return out
