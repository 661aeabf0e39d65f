"""Settings: thresholds and weights declared once in kam_core, edited and saved in one go."""

import streamlit as st

from kam_core.common.errors import CarteraError
from kam_core.store import settings
from kam_core.ui import backups as backups_ui
from kam_core.ui import rates as rates_ui
from kam_core.ui import settings_form as sf
from kam_core.ui.empty import demo_section
from kam_core.ui.setup import page_setup

ctx = page_setup("settings")
st.title(ctx.t("sp.title"))
st.caption(ctx.t("sp.intro"))

groups = settings.grouped()
decl = dict(settings.SETTINGS)
current = settings.get_all(ctx.con)
sf.fill(ctx, current)  # the widgets take their values from session state (no value=)

with st.form("sp_form"):
    entered = {}
    for group, items in groups:
        st.subheader(ctx.t(f"sp.group.{group}"))
        cols = st.columns(3)
        for i, s in enumerate(items):
            help_text = (
                ctx.t(s.help_key) + "  \n" + ctx.t("sp.default", value=sf.shown(ctx, s, s.default))
            )
            if s.kind in ("text", "float"):  # the reporting currency; decimals as text
                entered[s.key] = cols[i % 3].text_input(
                    sf.label(ctx, s), key=sf.widget_key(s), help=help_text, disabled=ctx.present
                )
                continue
            is_int = s.kind == "int"
            lo, hi = (
                settings.to_display(s, s.minimum),
                settings.to_display(s, s.maximum),
            )
            entered[s.key] = cols[i % 3].number_input(
                sf.label(ctx, s),
                min_value=int(lo) if is_int else float(lo),
                max_value=int(hi) if is_int else float(hi),
                # Whole numbers and whole percentages: a decimal point would show English-style
                # in Spanish (number_input formats with printf).
                step=1 if is_int else 1.0,
                format="%d" if is_int else "%.0f",
                key=sf.widget_key(s),
                help=help_text,
                disabled=ctx.present,
            )
    submitted = st.form_submit_button(ctx.t("sp.save"), type="primary", disabled=ctx.present)

if submitted:
    try:
        values = {k: sf.from_form(ctx, decl[k], v) for k, v in entered.items()}
        changed = {k: v for k, v in values.items() if v != current[k]}
        settings.check({**current, **values})
        if changed:
            settings.save(ctx.con, changed, ctx.user)
    except CarteraError as exc:
        st.error(exc.render(ctx.lang))
    else:
        st.success(ctx.t("sp.saved") if changed else ctx.t("sp.unchanged"))

rates_ui.settings_section(ctx)
demo_section(ctx)

if not ctx.present:
    st.button(ctx.t("sp.reset"), key="sp_reset", on_click=sf.restore_defaults, args=(ctx,))
    if error := st.session_state.pop(sf.RESET_ERROR, None):
        st.error(error)

st.divider()
backups_ui.settings_section(ctx)  # list, back up now, restore (issue 14)
