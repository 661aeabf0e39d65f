"""Every threshold, weight and limit of the product, declared once as data, and their stored values.

One list (:data:`SETTINGS`), like Datasette's ``SETTINGS``: key, default, kind, bounds and the group
it is shown in. Core and the Settings page read it; nothing registers settings as an import side
effect. Labels and help texts are ``set.<key>`` and ``set.<key>.help`` in the i18n catalogue.
Fractions are shown as percentages on the page (80, not 0.8) because that is how sales people
speak about them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kam_core.common.errors import ValidationError
from kam_core.store import audit, authz, db, rates


@dataclass(frozen=True)
class Setting:
    key: str
    default: float | int | str
    kind: str  # 'fraction' | 'int' | 'float' | 'text'
    minimum: float | None = None
    maximum: float | None = None
    group: str = "account"
    help: str = ""  # help key when several settings share one text; else set.<key>.help

    @property
    def label_key(self) -> str:
        return f"set.{self.key}"

    @property
    def help_key(self) -> str:
        return self.help or f"set.{self.key}.help"


_S = Setting
SETTINGS_LIST: tuple[Setting, ...] = (
    # Tiers and concentration (F-PA-1, F-PA-2, F-TI-1)
    _S("pareto_a", 0.80, "fraction", 0.5, 0.99, "concentration"),
    _S("pareto_b", 0.95, "fraction", 0.6, 0.999, "concentration"),
    _S("major_customer_share", 0.10, "fraction", 0.01, 0.5, "concentration"),
    _S("hhi_moderate", 1500, "int", 0, 10000, "concentration"),
    _S("hhi_high", 2500, "int", 0, 10000, "concentration"),
    _S("pareto_top_n", 200, "int", 5, 1000, "concentration"),
    # Multi-criteria score weights (F-TI-3)
    _S("score_w_revenue", 40, "int", 0, 100, "score"),
    _S("score_w_growth", 20, "int", 0, 100, "score"),
    _S("score_w_margin", 15, "int", 0, 100, "score"),
    _S("score_w_strategic", 15, "int", 0, 100, "score"),
    _S("score_w_attractiveness", 10, "int", 0, 100, "score"),
    # Tier stability and ABC-XYZ (F-TI-6, F-TI-7)
    _S("tier_stability_quarters", 0, "int", 0, 4, "stability"),
    _S("xyz_x_max", 0.25, "fraction", 0.01, 2.0, "stability"),
    _S("xyz_y_max", 0.50, "fraction", 0.02, 5.0, "stability"),
    # Account management (F-AC-2, F-AC-6)
    _S("contact_not_seen_days", 90, "int", 7, 730, "account"),
    _S("section_stale_days", 90, "int", 7, 730, "account"),
    # Early warnings (F-PA-8): keys and defaults as in kam_core.analytics.warning_rules.DEFAULTS
    # (a test keeps them equal); champion not seen and plan stale use the two limits above.
    _S("fall_quarters", 2, "int", 1, 8, "warnings"),
    _S("fall_min_share", 0.05, "fraction", 0.0, 0.9, "warnings"),
    _S("expectation_level", 0.80, "fraction", 0.5, 0.99, "warnings"),
    _S("frequency_drop", 0.30, "fraction", 0.05, 0.95, "warnings"),
    _S("frequency_window", 4, "int", 2, 8, "warnings"),
    _S("frequency_min_orders", 2.0, "float", 0, 1000, "warnings"),
    _S("product_lookback_quarters", 4, "int", 1, 8, "warnings"),
    _S("product_min_quarters", 2, "int", 1, 8, "warnings"),
    _S("no_activity_days", 90, "int", 7, 730, "warnings"),
    _S("worsen_margin", 0.10, "fraction", 0.0, 2.0, "warnings"),
    # Account health weights (F-AC-5)
    _S("health_w_revenue_trend", 25, "int", 0, 100, "health", "set.health_w.help"),
    _S("health_w_relationships", 25, "int", 0, 100, "health", "set.health_w.help"),
    _S("health_w_plan_progress", 20, "int", 0, 100, "health", "set.health_w.help"),
    _S("health_w_plan_freshness", 15, "int", 0, 100, "health", "set.health_w.help"),
    _S("health_w_open_problems", 15, "int", 0, 100, "health", "set.health_w.help"),
    # KAM workload (F-TM-2)
    _S("load_tier_a", 3.0, "float", 0, 20, "workload"),
    _S("load_tier_b", 1.5, "float", 0, 20, "workload"),
    _S("load_tier_c", 0.5, "float", 0, 20, "workload"),
    _S("load_member_share", 0.4, "fraction", 0, 1, "workload"),
    _S("load_open_action", 0.1, "float", 0, 5, "workload"),
    _S("load_overdue_action", 0.3, "float", 0, 5, "workload"),
    # Upload limits and plausible values (issue 14): enforced while a file is read.
    _S("max_rows_per_file", 10_000_000, "int", 1_000, 100_000_000, "intake_limits"),
    # Cells bound memory (about 100 bytes a cell while a file is read and checked): 60 million
    # is the 5M-line, 8-column benchmark file x 1.5, about 6 GB at the limit.
    _S("max_cells_per_file", 60_000_000, "int", 10_000, 1_000_000_000, "intake_limits"),
    _S("max_rows_per_upload", 10_000_000, "int", 1_000, 100_000_000, "intake_limits"),
    _S("max_cells_per_upload", 60_000_000, "int", 10_000, 1_000_000_000, "intake_limits"),
    _S("max_expanded_mb", 2_000, "int", 10, 100_000, "intake_limits"),
    _S("max_abs_amount", 1_000_000_000_000, "int", 1, 10**15, "intake_limits"),
    _S("date_min_year", 1990, "int", 1900, 2100, "intake_limits"),
    _S("date_max_years_ahead", 1, "int", 0, 50, "intake_limits"),
    # Backups (issue 14): how long automatic and manual backups are kept.
    _S("backup_keep_days", 30, "int", 1, 3650, "backups"),
    _S("backup_keep_count", 20, "int", 1, 1000, "backups"),
    # Currencies (F-IN-10): every figure is converted into this one (kam_core.store.rates).
    _S("reporting_currency", rates.DEFAULT_CURRENCY, "text", group="currency"),
    # Access (issue 12): 1 = a KAM opens only the accounts they lead or are on the team of
    # (kam_core.store.authz reads it by this key).
    _S(authz.KAM_READ_OWN_SETTING, 0, "int", 0, 1, "access"),
)
SETTINGS: dict[str, Setting] = {s.key: s for s in SETTINGS_LIST}
GROUPS = tuple(dict.fromkeys(s.group for s in SETTINGS_LIST))  # display order


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
    """Every setting: the stored value, else the default."""
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


def defaults() -> dict:
    return {k: s.default for k, s in SETTINGS.items()}


def grouped() -> list[tuple[str, list[Setting]]]:
    """(group, settings) in display order."""
    return [(g, [s for s in SETTINGS_LIST if s.group == g]) for g in GROUPS]


def to_display(s: Setting, value):
    """Stored value -> the number shown in the form (fractions as percent)."""
    return round(float(value) * 100, 4) if s.kind == "fraction" else value


def from_display(s: Setting, value):
    return float(value) / 100 if s.kind == "fraction" else value


def _ordered(values: dict, low: str, high: str) -> bool:
    return not (low in values and high in values) or float(values[low]) < float(values[high])


def check(values: dict) -> None:
    """Rules between settings (each value's range is checked by :func:`set_values`)."""
    if not _ordered(values, "pareto_a", "pareto_b"):
        raise ValidationError("err.set_a_below_b")
    if not _ordered(values, "hhi_moderate", "hhi_high"):
        raise ValidationError("err.set_hhi_order")
    if not _ordered(values, "xyz_x_max", "xyz_y_max"):
        raise ValidationError("err.set_xyz_order")
    weights = [k for k in values if k.startswith("score_w_")]
    if weights and sum(float(values[k]) for k in weights) <= 0:
        raise ValidationError("err.set_weights_zero")
    if "product_min_quarters" in values and "product_lookback_quarters" in values:
        if int(values["product_min_quarters"]) > int(values["product_lookback_quarters"]):
            raise ValidationError("err.set_product_quarters")


def set_values(con, values: dict, user: str | None = None) -> None:
    """Validate all (ranges and the rules between settings), then store all in one transaction."""
    authz.require(con, user, "settings")
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
    if "reporting_currency" in clean:
        clean["reporting_currency"] = rates.check_code(clean["reporting_currency"])
    before = get_all(con)
    check({**before, **clean})
    new_base = clean.get("reporting_currency")
    with db.transaction(con) as cur:
        if new_base and new_base != rates.reporting_currency(con):
            rates.convert_lines(cur, new_base)  # refused (rolled back) if a rate is missing
        for key, v in clean.items():
            cur.execute(
                "INSERT INTO settings VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "value = excluded.value, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                [key, json.dumps(v), user, db.utcnow()],
            )
            audit.record_change(cur, user, "settings", key, {"value": before[key]}, {"value": v})
        db.bump_data_version(cur)


def save(con, values: dict, user: str) -> None:
    """What the Settings page calls: the rules between settings, then every value at once."""
    set_values(con, values, user)
