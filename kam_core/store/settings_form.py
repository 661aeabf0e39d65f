"""What the settings page edits: groups, display units and cross-field rules. Pure, no I/O.

Settings are declared where they belong (``settings.declare`` in each domain module); importing
:data:`DOMAIN_MODULES` makes every declaration known. Fractions are shown as percentages (80,
not 0.8) because that is how sales people speak about them.
"""

from __future__ import annotations

import importlib

from kam_core.store import settings
from kam_core.common.errors import ValidationError

# Modules that declare settings at import time (a missing one is simply skipped).
DOMAIN_MODULES = ("kam_core.portfolio.tiers", "kam_core.accounts.relationships", "kam_core.accounts.plans",
                  "kam_core.accounts.health", "kam_core.team.roster", "kam_core.accounts")

GROUPS = (
    ("concentration", ("pareto_a", "pareto_b", "major_customer_share", "hhi_moderate",
                       "hhi_high", "pareto_top_n")),
    ("score", ("score_w_revenue", "score_w_growth", "score_w_margin", "score_w_strategic",
               "score_w_attractiveness")),
    ("stability", ("tier_stability_quarters", "xyz_x_max", "xyz_y_max")),
)


def load_declarations() -> dict[str, settings.Setting]:
    for name in DOMAIN_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    return dict(settings.SETTINGS)


def grouped() -> list[tuple[str, list[settings.Setting]]]:
    """(group, settings) in display order; settings declared elsewhere go to 'other'."""
    decl = load_declarations()
    seen, out = set(), []
    for group, keys in GROUPS:
        items = [decl[k] for k in keys if k in decl]
        seen.update(keys)
        if items:
            out.append((group, items))
    rest = [s for k, s in decl.items() if k not in seen]
    if rest:
        out.append(("other", rest))
    return out


def to_display(s: settings.Setting, value):
    """Stored value -> the number shown in the form (fractions as percent)."""
    return round(float(value) * 100, 4) if s.kind == "fraction" else value


def from_display(s: settings.Setting, value):
    return float(value) / 100 if s.kind == "fraction" else value


def check(values: dict) -> None:
    """Rules between settings (ranges are checked by ``settings.set_values``)."""
    if "pareto_a" in values and "pareto_b" in values \
            and not float(values["pareto_a"]) < float(values["pareto_b"]):
        raise ValidationError("err.set_a_below_b")
    if "hhi_moderate" in values and "hhi_high" in values \
            and not float(values["hhi_moderate"]) < float(values["hhi_high"]):
        raise ValidationError("err.set_hhi_order")
    if "xyz_x_max" in values and "xyz_y_max" in values \
            and not float(values["xyz_x_max"]) < float(values["xyz_y_max"]):
        raise ValidationError("err.set_xyz_order")
    weights = [k for k in values if k.startswith("score_w_")]
    if weights and sum(float(values[k]) for k in weights) <= 0:
        raise ValidationError("err.set_weights_zero")


def save(con, values: dict, user: str) -> None:
    """Cross-field rules, then every value in one transaction (nothing half-saved)."""
    check(values)
    settings.set_values(con, values, user)
