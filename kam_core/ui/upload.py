"""Upload page pieces: file input, per-file preview with mapping editor, commit bar, history.

Files are prepared through ``kam_core.ingest`` (cached on the bytes, the user's mapping choices and
the data version); nothing is written until the user presses the commit button, and then every file
of the upload goes in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import astuple

import pandas as pd
import streamlit as st

from kam_core import ingest
from kam_core.common.errors import CarteraError
from kam_core.common.quarter import quarter_of, shift_quarter
from kam_core.i18n import fmt_date
from kam_core.ingest import mapping as mapping_mod
from kam_core.ingest import report
from kam_core.ingest.limits import ReadLimits, grouped
from kam_core.portfolio import reads
from kam_core.store import db, settings
from kam_core.ui import rates as rates_ui
from kam_core.ui.flash import flash
from kam_core.ui.text import plain

TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls"]
MAIN_FIELDS = ["account", "account_id", "amount", "date"]
PERIOD_FIELDS = ("amount", "date", "quantity", "unit_price")  # a wide report's periods give them
MAX_TOTAL_ROWS_SHOWN = 500
NONE = ""
COMPUTED = "__qty_x_price__"
MAX_REJECTS_SHOWN = 1000


@st.cache_data(max_entries=24, show_spinner=False)
def _prepare(
    data: bytes,
    name: str,
    mapping_json: str,
    quarter,
    date_order,
    _con,
    where: str,
    version: int,
    reading_json: str = "{}",
    sheet: str | None = None,
    limits: tuple = (),
):
    mapping = json.loads(mapping_json) or None
    return ingest.prepare(
        data,
        name,
        _con,
        mapping=mapping,
        default_quarter=quarter,
        date_order=date_order,
        reading=json.loads(reading_json) or None,
        sheet=sheet,
        limits=ReadLimits(*limits) if limits else None,
    )


@st.cache_data(max_entries=24, show_spinner=False)
def _columns(data: bytes, name: str, sheet: str | None = None) -> list[str]:
    return ingest.read(data, name, sheet).columns


@st.cache_data(max_entries=24, show_spinner=False)
def _sheets(data: bytes, name: str) -> list[str]:
    try:
        return ingest.sheet_names(data, name)
    except CarteraError:
        return []


def upload_limits(ctx) -> ReadLimits:
    """The limits of one upload (settings), before any of its files is read."""
    return ReadLimits.from_settings(settings.get_all(ctx.con))


def previews(ctx, files) -> list:
    """Every file prepared and shown in turn; each is read within what the upload has left
    (rows and cells per upload), so a later file over the total is refused while it is read."""
    limits, out = upload_limits(ctx), []
    for f in files:
        p = file_preview(ctx, f, limits)
        out.append(p)
        if p is not None:
            limits = limits.after(p.rows_total, p.rows_total * max(1, len(p.columns)))
    return out


def _key(f, part: str) -> str:
    return f"up_{f.file_id}_{part}"


def file_input(ctx):
    """The multi-file input; its key changes after a commit or cancel so it empties."""
    st.session_state.setdefault("up_round", 0)
    return (
        st.file_uploader(
            ctx.t("up.input"),
            type=TYPES,
            accept_multiple_files=True,
            key=f"upload_files_{st.session_state['up_round']}",
            help=ctx.t("up.input.help")
            + "  \n"
            + ctx.t(
                "hd.up.limits",
                mb=ctx.num(st.get_option("server.maxUploadSize")),
                rows=grouped(upload_limits(ctx).rows),
            ),
        )
        or []
    )


def reset_input() -> None:
    st.session_state["up_round"] = st.session_state.get("up_round", 0) + 1


def _overrides(f, wide: bool = False) -> dict:
    """The user's mapping choices for this file, from its widgets (empty before any change).
    ``wide``: a wide report's amount and date are its period columns, never a mapped column."""
    out = {}
    for field in mapping_mod.FIELDS:
        if wide and field in PERIOD_FIELDS:
            continue
        k = _key(f, f"map_{field}")
        if k in st.session_state and st.session_state.get(_key(f, "touched")):
            out[field] = st.session_state[k] or None
    if out.get("amount") == COMPUTED:
        q, p = out.get("quantity"), out.get("unit_price")
        out["amount"] = f"{q}*{p}" if q and p else None
    return out


def _touch(f, field: str | None = None):
    """A mapping box changed. A column another field read goes to this field and that field
    takes this field's column (the two swap, as ``mapping.choose``): a column feeds one field."""
    st.session_state[_key(f, "touched")] = True
    shown = st.session_state.get(_key(f, "shown")) or {}
    if field is None or field not in shown:
        return
    as_map = {x: ("*" if v == COMPUTED else v) for x, v in shown.items() if v}
    picked = st.session_state.get(_key(f, f"map_{field}")) or NONE
    after = mapping_mod.choose(as_map, field, "*" if picked == COMPUTED else picked)
    for other in shown:
        if other != field:
            value = after.get(other) or NONE
            new = COMPUTED if value == "*" else value
            if new != shown[other]:
                st.session_state[_key(f, f"map_{other}")] = new


def _mapping_editor(ctx, f, columns: list[str], current: dict, wide: bool = False) -> None:
    options = [NONE] + list(columns)
    shown = [x for x in MAIN_FIELDS if not (wide and x in PERIOD_FIELDS)]
    picked = {}

    def box(field, where):
        opts = options + ([COMPUTED] if field == "amount" else [])
        value = current.get(field) or NONE
        if field == "amount" and value not in opts:
            value = COMPUTED if "*" in value else NONE
        picked[field] = where.selectbox(
            ctx.t(f"up.field.{field}"),
            opts,
            index=opts.index(value) if value in opts else 0,
            key=_key(f, f"map_{field}"),
            on_change=_touch,
            args=(f, field),
            format_func=lambda c: (
                ctx.t("up.not_in_file")
                if c == NONE
                else (ctx.t("up.computed") if c == COMPUTED else c)
            ),
        )

    cols = st.columns(4)
    for i, field in enumerate(shown):
        box(field, cols[i])
    with st.expander(ctx.t("up.more_fields")):
        rest = [x for x in mapping_mod.FIELDS if x not in MAIN_FIELDS]
        rest = [x for x in rest if not (wide and x in PERIOD_FIELDS)]
        cols = st.columns(4)
        for i, field in enumerate(rest):
            box(field, cols[i % 4])
    st.session_state[_key(f, "shown")] = picked  # what a change swaps with (``_touch``)


def _format_caption(ctx, p) -> str:
    fmt = p.source_format
    if fmt["kind"] == "csv":
        return ctx.t(
            "up.format.csv",
            encoding=fmt["encoding"],
            delimiter=ctx.t(f"up.delim.{_DELIMS.get(fmt['delimiter'], 'comma')}"),
            decimal=ctx.t("up.dec.comma" if fmt.get("decimal") == "," else "up.dec.point"),
            row=fmt["header_row"],
        )
    return ctx.t("up.format.xlsx", sheet=plain(fmt.get("sheet") or "–"), row=fmt["header_row"])


_DELIMS = {";": "semicolon", ",": "comma", "\t": "tab", "|": "pipe"}


def _quarter_choices(con) -> list[str]:
    today = pd.Timestamp.today()
    current = quarter_of(today.year, today.month)
    recent = [shift_quarter(current, -i) for i in range(0, 12)]
    return sorted(set(recent) | set(reads.quarters(con)), reverse=True)


def _reading_corrections(ctx, f, base: pd.DataFrame) -> dict:
    """F-IN-8: how a wide report was read, correctable: a period per column (blank: not read)
    and "read as a long file". ``base`` is the first reading, so the editor's rows stay put."""
    as_long = st.toggle(
        ctx.t("shape.as_long"), key=_key(f, "as_long"), help=ctx.t("shape.as_long.help")
    )
    table = pd.DataFrame(
        {
            "column": base["column"],
            "role": [ctx.t(f"shape.role.{r}") for r in base["role"]],
            "period": base["period"],
        }
    )
    cc = st.column_config
    with st.expander(ctx.t("shape.reading"), expanded=not as_long):
        st.caption(ctx.t("shape.reading.help"))
        edited = st.data_editor(
            table,
            key=_key(f, "reading"),
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(table), 320),
            disabled=["column", "role"] if not as_long else True,
            column_config={
                "column": cc.TextColumn(ctx.t("shape.col.column")),
                "role": cc.TextColumn(ctx.t("shape.col.found")),
                "period": cc.TextColumn(ctx.t("shape.col.period"), max_chars=12),
            },
        )
    if as_long:
        return {"long": True}
    changed = {
        str(c): str(v or "").strip()
        for c, v, old in zip(base["column"], edited["period"], base["period"])
        if str(v or "").strip() != str(old or "")
    }
    return {"periods": changed} if changed else {}


def _prepare_file(ctx, f, data: bytes, limits: ReadLimits | None = None):
    """The file prepared with the user's choices; a wide report's reading shown (and correctable)
    first. The first reading is kept per file so corrections apply to stable rows."""
    base_key = _key(f, "reading_base")
    base = st.session_state.get(base_key)
    corrections = _reading_corrections(ctx, f, base) if base is not None else {}
    wide = base is not None and not corrections.get("long")

    def run(reading: dict):
        return _prepare(
            data,
            f.name,
            json.dumps(_overrides(f, wide), sort_keys=True),
            st.session_state.get(_key(f, "quarter")),
            st.session_state.get(_key(f, "date_order")),
            ctx.con,
            db.db_path(),
            ctx.data_version,
            json.dumps(reading, sort_keys=True),
            st.session_state.get(_key(f, "sheet")),
            astuple(limits) if limits is not None else (),
        )

    p = run(corrections)
    if base is None and p.layout == "wide":
        st.session_state[base_key] = p.reading
        _reading_corrections(ctx, f, p.reading)  # nothing edited yet: the same reading
    return p


def _sheet_picker(ctx, f, data: bytes, used: str | None) -> None:
    """A workbook with several sheets: which one to read (the one with data by default)."""
    sheets = _sheets(data, f.name)
    if len(sheets) > 1:
        st.selectbox(
            ctx.t("hd.up.sheet"),
            sheets,
            index=sheets.index(used) if used in sheets else 0,
            key=_key(f, "sheet"),
            help=ctx.t("hd.up.sheet.help"),
        )


def file_preview(ctx, f, limits: ReadLimits | None = None):
    """Prepare one uploaded file and show it; returns the Prepared, or None if it cannot load.
    ``limits``: what this file may hold (what the upload has left)."""
    data = f.getvalue()
    with st.container(border=True):
        st.markdown(f"**{ctx.t('up.file')}** `{f.name.replace('`', '')}`")
        top = st.container()  # the format and the reading's summary, above the reading table
        try:
            p = _prepare_file(ctx, f, data, limits)
        except CarteraError as exc:
            st.error(exc.render(ctx.lang, escape=plain), icon=":material/error:")
            _sheet_picker(ctx, f, data, st.session_state.get(_key(f, "sheet")))
            try:
                columns = _columns(data, f.name, st.session_state.get(_key(f, "sheet")))
            except CarteraError:
                return None
            st.caption(ctx.t("up.fix_mapping"))
            guess = mapping_mod.resolve(columns, mapping_mod.guess(columns), None)
            _mapping_editor(ctx, f, columns, guess | _overrides(f))
            return None
        top.caption(_format_caption(ctx, p))
        _sheet_picker(ctx, f, data, p.source_format.get("sheet"))
        if p.layout == "wide":
            _wide_summary(ctx, p, top)
            ids = p.reading.loc[p.reading["role"] == "id", "column"].tolist()
            _mapping_editor(ctx, f, ids, p.mapping, wide=True)
        else:
            _mapping_editor(ctx, f, p.columns, p.mapping)
        if p.needs_quarter:
            st.selectbox(
                ctx.t("up.pick_quarter"),
                [None] + _quarter_choices(ctx.con),
                key=_key(f, "quarter"),
                format_func=lambda q: ctx.t("up.choose") if q is None else q,
            )
        if p.source_format.get("date_ambiguous"):
            st.radio(
                ctx.t("up.date_order"),
                ["dmy", "mdy"],
                horizontal=True,
                index=0 if p.source_format.get("date_order") == "dmy" else 1,
                key=_key(f, "date_order"),
                format_func=lambda o: ctx.t(f"up.order.{o}"),
            )
        _numbers(ctx, p)
        _currencies(ctx, f, p)
        _total_rows(ctx, p)
        _rejects(ctx, f, p)
    return p


def _wide_summary(ctx, p, where) -> None:
    """One sentence on the reading: kind, periods, and what was left out."""
    periods = p.reading[p.reading["role"] == "period"]
    left = p.reading[p.reading["role"].isin(["total", "skipped"])]
    where.info(
        ctx.t(
            "shape.wide",
            n=ctx.num(len(periods)),
            kind=ctx.t(f"shape.kind.{periods['kind'].mode().iloc[0]}"),
            first=periods["period"].iloc[0],
            last=periods["period"].iloc[-1],
        )
        + (" " + ctx.t("shape.wide.year", year=p.title_year) if p.title_year else "")
        + (
            " " + ctx.t("shape.wide.left_out", columns=", ".join(left["column"]))
            if len(left)
            else ""
        ),
        icon=":material/view_week:",
    )


def _total_rows(ctx, p) -> None:
    """F-IN-9: total and subtotal rows are listed apart, as not loaded (they are no error)."""
    if not len(p.total_rows):
        return
    st.info(ctx.t("shape.total_rows", n=ctx.num(len(p.total_rows))), icon=":material/functions:")
    table = ingest.total_rows_table(p.total_rows.head(MAX_TOTAL_ROWS_SHOWN), ctx.lang)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 250),
        column_config={ctx.t("up.col.row"): st.column_config.NumberColumn(format="%d")},
    )


def _currencies(ctx, f, p) -> None:
    """F-IN-10: the file's currencies, converted into the reporting one, or the missing rates."""
    others = {c: v for c, v in p.by_currency.items() if c != p.currency}
    if others and not p.missing_rates:
        amounts = ", ".join(f"{ctx.num(v, 2)} {c}" for c, v in sorted(others.items()))
        st.caption(ctx.t("fx.preview.converted", amounts=amounts, currency=p.currency))
    if p.missing_rates:
        rates_ui.missing_form(ctx, p, _key(f, "rates"))


def _numbers(ctx, p) -> None:
    c = st.columns(5)
    c[0].metric(ctx.t("up.m.valid"), ctx.num(p.rows_valid))
    c[1].metric(ctx.t("up.m.rejected"), ctx.num(p.rows_rejected))
    c[2].metric(
        ctx.t("up.m.total"),
        "–" if p.missing_rates else ctx.money(p.total_amount),  # not without every rate
        help=None
        if p.missing_rates
        else ctx.t("up.m.total.help", total=ctx.money(p.total_amount, 2)),
    )
    c[3].metric(ctx.t("up.m.accounts_new"), ctx.num(p.accounts_new))
    c[4].metric(ctx.t("up.m.accounts_known"), ctx.num(p.accounts_known))
    if p.quarters:
        st.caption(ctx.t("up.quarters", quarters=", ".join(p.quarters)))
    if p.duplicate_of is not None:
        st.warning(ctx.t("up.warn.duplicate", batch=p.duplicate_of), icon=":material/content_copy:")
    if p.overlapping_quarters:
        st.warning(
            ctx.t("up.warn.overlap", quarters=", ".join(p.overlapping_quarters)),
            icon=":material/layers:",
        )


def _rejects(ctx, f, p) -> None:
    if not len(p.rejects):
        return
    st.warning(ctx.t("up.rejects", n=ctx.num(p.rows_rejected)), icon=":material/rule:")
    table = ingest.rejects_table(p.rejects.head(MAX_REJECTS_SHOWN), ctx.lang)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 250),
        column_config={ctx.t("up.col.row"): st.column_config.NumberColumn(format="%d")},
    )
    st.download_button(
        ctx.t("up.download_rejects"),
        ingest.rejects_csv(p.rejects, ctx.lang),
        file_name=f"{f.name.rsplit('.', 1)[0]}_{ctx.t('up.rejects_suffix')}.csv",
        mime="text/csv",
        key=_key(f, "dl"),
        icon=":material/download:",
    )


def diff_panel(ctx, prepared) -> None:
    """F-IN-7: what this upload changes, before it lands: the quarters the database holds
    already, after the upload versus now (a re-upload of the same data changes nothing), and a
    new quarter versus the one before (as it will be, each line counted once)."""
    if any(p.missing_rates for p in prepared):
        return  # amounts without a rate have no value in the reporting currency yet
    choice = st.session_state.get("up_opt_overlap")  # commit_bar's choice (last run)
    mode = {"replace_period": choice == "replace", "add": choice == "add"}
    if report.overlap_unresolved(prepared, **mode):
        quarters = sorted({q for p in prepared for q in p.overlapping_quarters})
        st.caption(ctx.t("up.diff.choose", quarters=_quarters_text(quarters)))
        return
    for d in report.upload_diffs(ctx.con, prepared, **mode):
        _diff(ctx, d)


def _quarters_text(qs: list[str]) -> str:
    return ", ".join(qs) if len(qs) <= 4 else f"{qs[0]} – {qs[-1]}"


def _diff(ctx, d: dict) -> None:
    change = d["kind"] == "change"
    if change:
        title = ctx.t("up.diff.title_change", quarters=_quarters_text(d["quarters"]))
    else:
        title = ctx.t("up.diff.title", quarter=d["quarter"], prev=d["previous_quarter"])
    st.markdown(f"**{title}**")
    if change and not (d["new"] or d["lost"] or d["changed"]):
        st.info(
            ctx.t("up.diff.no_change", quarters=_quarters_text(d["quarters"])),
            icon=":material/check_circle:",
        )
        return
    c = st.columns(4)
    c[0].metric(
        ctx.t("up.diff.new"),
        ctx.num(d["new"]),
        ctx.t("up.diff.revenue", amount=ctx.money(d["revenue_new"])) if d["new"] else None,
        delta_color="off",
        delta_arrow="off",
    )
    c[1].metric(
        ctx.t("up.diff.lost"),
        ctx.num(d["lost"]),
        ctx.t("up.diff.revenue", amount=ctx.money(d["revenue_lost"])) if d["lost"] else None,
        delta_color="off",
        delta_arrow="off",
    )
    c[2].metric(ctx.t("up.diff.changed"), ctx.num(d["changed"]))
    rel = d["current_total"] / d["previous_total"] - 1 if d["previous_total"] else None
    c[3].metric(
        ctx.t("up.diff.total_after" if change else "up.diff.total"),
        ctx.money(d["current_total"]),
        None if rel is None else ctx.pct(rel),
        delta_color="green" if (rel or 0) >= 0 else "red",
        delta_arrow="up" if (rel or 0) >= 0 else "down",
    )
    acc = d["accounts"].head(15)
    before, after = ("now", "after") if change else ("previous", "current")
    with st.expander(ctx.t("up.diff.details")):
        st.dataframe(
            pd.DataFrame(
                {
                    ctx.t("up.diff.col.account"): acc["account_name"],
                    ctx.t("up.diff.col.status"): [
                        ctx.t(f"up.diff.status.{s}") for s in acc["status"]
                    ],
                    ctx.t(f"up.diff.col.{before}"): [ctx.money(v, 2) for v in acc["previous"]],
                    ctx.t(f"up.diff.col.{after}"): [ctx.money(v, 2) for v in acc["current"]],
                    ctx.t("up.diff.col.delta"): [ctx.money(v, 2) for v in acc["delta"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def commit_bar(ctx, prepared, n_files: int) -> None:
    """Totals of the upload and the two choices: commit the valid rows, or cancel."""
    ready = [p for p in prepared if p is not None]
    valid = sum(p.rows_valid for p in ready)
    rejected = sum(p.rows_rejected for p in ready)
    blocked = len(ready) < n_files or any(p.needs_quarter for p in ready) or not valid
    blocked = blocked or any(p.missing_rates for p in ready)
    replace = add = replace_period = False
    if any(p.duplicate_of is not None for p in ready):
        replace = st.checkbox(ctx.t("up.opt.replace"), key="up_opt_replace")
        blocked = blocked or not replace
    if any(p.overlapping_quarters for p in ready):
        choice = st.radio(
            ctx.t("up.opt.overlap"),
            ["replace", "add"],
            horizontal=True,
            key="up_opt_overlap",
            index=None,
            format_func=lambda o: ctx.t(f"up.opt.overlap.{o}"),
        )
        replace_period, add = choice == "replace", choice == "add"
        blocked = blocked or choice is None
    label = ctx.t("up.commit_valid" if rejected else "up.commit", n=ctx.num(valid))
    if len(ready) > 1:
        label += " " + ctx.t("up.from_files", files=ctx.num(len(ready)))
    c1, c2, _ = st.columns([2, 1, 3])
    go = c1.button(
        label, type="primary", disabled=blocked, key="up_commit", icon=":material/database_upload:"
    )
    if c2.button(ctx.t("up.cancel"), key="up_cancel", icon=":material/close:"):
        reset_input()
        flash(ctx.t("up.cancelled"), "info")
        st.rerun()
    if blocked and len(ready) < n_files:
        st.caption(ctx.t("up.blocked"))
    if go:
        try:
            ids = ingest.commit(
                ctx.con,
                ready,
                replace=replace,
                replace_period=replace_period,
                add=add,
                skip_invalid=True,
                user=ctx.user,
            )
        except CarteraError as exc:
            st.error(exc.render(ctx.lang, escape=plain))
            return
        reset_input()
        flash(
            ctx.t("up.done", lines=ctx.num(valid), n=len(ids), ids=", ".join(f"#{i}" for i in ids))
        )
        st.rerun()


def history(ctx) -> None:
    """Every upload with its status; any active one can be undone."""
    h = ingest.batch_history(ctx.con)
    st.subheader(ctx.t("up.history"))
    if h.empty:
        st.caption(ctx.t("up.history.empty"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                "#": h["batch_id"],
                ctx.t("up.h.file"): h["file_name"],
                ctx.t("up.h.when"): [
                    f"{fmt_date(d, ctx.lang)} {d:%H:%M}" for d in h["uploaded_at"]
                ],
                ctx.t("up.h.by"): h["uploaded_by"].fillna("–"),
                ctx.t("up.h.rows"): [ctx.num(v) for v in h["rows_loaded"]],
                ctx.t("up.h.rejected"): [ctx.num(v) for v in h["rows_rejected"]],
                ctx.t("up.h.quarters"): [_quarter_span(q) for q in h["quarters"]],
                ctx.t("up.h.total"): [ctx.money(v, 2) for v in h["total_amount"]],
                ctx.t("up.h.status"): [ctx.t(f"up.status.{s}") for s in h["status"]],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"#": st.column_config.NumberColumn(format="%d", width="small")},
    )
    active = h[h["status"] == "active"]
    if active.empty:
        return
    labels = {int(r.batch_id): f"#{r.batch_id} · {r.file_name}" for r in active.itertuples()}
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    bid = c1.selectbox(
        ctx.t("up.undo.pick"), list(labels), format_func=labels.get, key="up_undo_pick"
    )
    if c2.button(ctx.t("up.undo"), key="up_undo", icon=":material/undo:"):
        try:
            ingest.undo_batch(ctx.con, bid, user=ctx.user)
        except CarteraError as exc:
            st.error(exc.render(ctx.lang, escape=plain))
            return
        flash(ctx.t("up.undone", batch=bid))
        st.rerun()


def _quarter_span(qs) -> str:
    qs = sorted(qs) if qs is not None else []
    if not len(qs):
        return "–"
    return qs[0] if len(qs) == 1 else f"{qs[0]} – {qs[-1]} ({len(qs)})"
