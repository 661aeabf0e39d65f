"""Thresholds, weights and formats declared once, as data (Rill metrics / Datasette SETTINGS style).

Core and UI both read :data:`SETTINGS`; the settings page edits the stored values. Each setting has a
default, bounds and a help key in the locales. Domain modules may add their own entries with
:func:`declare` at import time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kam_core.store import db


@dataclass(frozen=True)
class Setting:
    key: str
    default: float | int | str
    kind: str  # 'fraction' | 'int' | 'float' | 'text'
    minimum: float | None = None
    maximum: float | None = None
    label_key: str = ""
    help_key: str = ""


SETTINGS: dict[str, Setting] = {}


def declare(setting: Setting) -> Setting:
    SETTINGS[setting.key] = setting
    return setting


declare(Setting("pareto_a", 0.80, "fraction", 0.5, 0.99, "set.pareto_a", "set.pareto_a.help"))
declare(Setting("pareto_b", 0.95, "fraction", 0.6, 0.999, "set.pareto_b", "set.pareto_b.help"))
declare(Setting("major_customer_share", 0.10, "fraction", 0.01, 0.5,
                "set.major_customer_share", "set.major_customer_share.help"))
declare(Setting("hhi_moderate", 1500, "int", 0, 10000, "set.hhi_moderate", "set.hhi_moderate.help"))
declare(Setting("hhi_high", 2500, "int", 0, 10000, "set.hhi_high", "set.hhi_high.help"))
declare(Setting("pareto_top_n", 50, "int", 5, 500, "set.pareto_top_n", "set.pareto_top_n.help"))


def _coerce(s: Setting, value):
    if s.kind in ("fraction", "float"):
        v = float(value)
    elif s.kind == "int":
        v = int(value)
    else:
        return str(value)
    if s.minimum is not None and v < s.minimum:
        raise ValueError(s.key)
    if s.maximum is not None and v > s.maximum:
        raise ValueError(s.key)
    return v


def get_all(con) -> dict:
    """Every declared setting: the stored value, else the default."""
    values = {k: s.default for k, s in SETTINGS.items()}
    for key, raw in db.query_rows(con, "SELECT key, value FROM settings"):
        if key in SETTINGS:
            try:
                values[key] = _coerce(SETTINGS[key], json.loads(raw))
            except (ValueError, TypeError):
                pass
    return values


def get(con, key: str):
    return get_all(con)[key]


def set_values(con, values: dict, user: str | None = None) -> None:
    """Validate all, then store all in one transaction (nothing half-saved)."""
    from kam_core.common.errors import ValidationError

    clean = {}
    for key, value in values.items():
        if key not in SETTINGS:
            raise ValidationError("err.setting_unknown", key=key)
        try:
            clean[key] = _coerce(SETTINGS[key], value)
        except (ValueError, TypeError):
            s = SETTINGS[key]
            raise ValidationError(
                "err.setting_range", key=key, min=s.minimum, max=s.maximum
            ) from None
    with db.transaction(con) as cur:
        for key, v in clean.items():
            cur.execute(
                "INSERT INTO settings VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "value = excluded.value, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                [key, json.dumps(v), user, db.utcnow()],
            )
        db.bump_data_version(cur)
