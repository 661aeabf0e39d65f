"""The Settings page's form pieces: labels, values in the user's language, restore defaults.

Streamlit's ``number_input`` formats with printf, which has no decimal comma: whole numbers and
whole percentages use it, settings with decimals are text in the user's language (``0,1``) and
parsed back with :func:`kam_core.common.fields.parse_number`. The widgets take their values from
session state (``sp_<key>``), never from ``value=``, so "Restore defaults" can put the defaults
in them and the browser shows them (popping the state left the old numbers on screen, and the
next save sent them back).
"""

from __future__ import annotations

import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.common.fields import parse_number
from kam_core.store import settings
from kam_core.ui.flash import flash

RESET_ERROR = "sp_reset_error"


def widget_key(s: settings.Setting) -> str:
    return f"sp_{s.key}"


def label(ctx, s: settings.Setting) -> str:
    text = ctx.t(s.label_key)
    return ctx.t("sp.unit.pct", label=text) if s.kind == "fraction" else text


def places(x) -> int:
    """Decimals a value needs, at most 2: 3 -> 3, 1.5 -> 1,5, 0.25 -> 0,25."""
    return next((d for d in (0, 1) if abs(round(float(x), d) - float(x)) < 1e-9), 2)


def shown(ctx, s: settings.Setting, value) -> str:
    """A value as the user reads it: counts whole (``3``), shares as percent (``10 %``)."""
    if s.kind == "fraction":
        return ctx.pct(value, places(settings.to_display(s, value)))
    return ctx.num(value, places(value)) if s.kind in ("int", "float") else str(value)


def in_form(ctx, s: settings.Setting, value):
    """The value the setting's widget holds: int, percent (float) or text."""
    if s.kind == "int":
        return int(value)
    if s.kind == "fraction":
        return float(settings.to_display(s, value))
    return shown(ctx, s, value) if s.kind == "float" else str(value)


def from_form(ctx, s: settings.Setting, entered):
    """What the widget holds -> the value to store (text decimals parsed in the user's
    language; a bad one raises a FieldError naming the setting)."""
    if s.kind == "float":
        entered = parse_number(entered, s.label_key, True, lang=ctx.lang)
    return settings.from_display(s, entered)


def fill(ctx, current: dict) -> None:
    """Give every setting's widget its stored value unless it already holds one."""
    for s in settings.SETTINGS_LIST:
        st.session_state.setdefault(widget_key(s), in_form(ctx, s, current[s.key]))


def restore_defaults(ctx) -> None:
    """The reset button's callback (runs before the page): store the defaults and put them in
    the form's widgets; a refusal (e.g. back to EUR without rates) is left in RESET_ERROR."""
    try:
        settings.save(ctx.con, settings.defaults(), ctx.user)
    except CarteraError as exc:
        st.session_state[RESET_ERROR] = exc.render(ctx.lang)
        return
    for s in settings.SETTINGS_LIST:
        st.session_state[widget_key(s)] = in_form(ctx, s, s.default)
    flash(ctx.t("sp.reset.done"))
