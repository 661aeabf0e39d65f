"""Settings: thresholds and weights declared once in kam_core, edited and saved in one go."""

import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.store import settings
from kam_core.ui import backups as backups_ui
from kam_core.ui import rates as rates_ui
from kam_core.ui.empty import demo_section
from kam_core.ui.flash import flash
from kam_core.ui.setup import page_setup

ctx = page_setup("settings")
st.title(ctx.t("sp.title"))
st.caption(ctx.t("sp.intro"))

groups = settings.grouped()
current = settings.get_all(ctx.con)


def label(s) -> str:
    text = ctx.t(s.label_key) if s.label_key else s.key
    return ctx.t("sp.unit.pct", label=text) if s.kind == "fraction" else text


def shown(s, value) -> str:
    v = settings.to_display(s, value)
    return ctx.num(v, 0 if s.kind == "int" else 2 if s.kind == "float" else 1)


with st.form("sp_form"):
    entered = {}
    for group, items in groups:
        st.subheader(ctx.t(f"sp.group.{group}"))
        cols = st.columns(3)
        for i, s in enumerate(items):
            if s.kind == "text":  # e.g. the reporting currency
                entered[s.key] = cols[i % 3].text_input(
                    label(s),
                    value=str(current[s.key]),
                    key=f"sp_{s.key}",
                    help=ctx.t(s.help_key) + "  \n" + ctx.t("sp.default", value=s.default),
                    disabled=ctx.present,
                )
                continue
            is_int = s.kind == "int"
            lo, hi = (
                settings.to_display(s, s.minimum),
                settings.to_display(s, s.maximum),
            )
            entered[s.key] = cols[i % 3].number_input(
                label(s),
                min_value=int(lo) if is_int else float(lo),
                max_value=int(hi) if is_int else float(hi),
                value=int(current[s.key])
                if is_int
                else float(settings.to_display(s, current[s.key])),
                # Whole percentages: a decimal point would show English-style in Spanish.
                step=1 if is_int else (1.0 if s.kind == "fraction" else 0.05),
                format="%d" if is_int else ("%.0f" if s.kind == "fraction" else "%.2f"),
                key=f"sp_{s.key}",
                help=(ctx.t(s.help_key) + "  \n" if s.help_key else "")
                + ctx.t("sp.default", value=shown(s, s.default)),
                disabled=ctx.present,
            )
    submitted = st.form_submit_button(ctx.t("sp.save"), type="primary", disabled=ctx.present)

decl = dict(settings.SETTINGS)
if submitted:
    values = {k: settings.from_display(decl[k], v) for k, v in entered.items()}
    changed = {k: v for k, v in values.items() if v != current[k]}
    try:
        settings.check({**current, **values})
        if changed:
            settings.save(ctx.con, changed, ctx.user)
    except CarteraError as exc:
        st.error(exc.render(ctx.lang))
    else:
        st.success(ctx.t("sp.saved") if changed else ctx.t("sp.unchanged"))

rates_ui.settings_section(ctx)
demo_section(ctx)

if not ctx.present and st.button(ctx.t("sp.reset"), key="sp_reset"):
    try:  # back to EUR may need rates the loaded lines do not have
        settings.save(ctx.con, {k: s.default for k, s in decl.items()}, ctx.user)
    except CarteraError as exc:
        st.error(exc.render(ctx.lang))
        st.stop()
    for k in decl:
        st.session_state.pop(f"sp_{k}", None)
    flash(ctx.t("sp.reset.done"))
    st.rerun()

st.divider()
backups_ui.settings_section(ctx)  # list, back up now, restore (issue 14)
