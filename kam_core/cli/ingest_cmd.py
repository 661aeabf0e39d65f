"""``python -m kam_core ingest``: prepare every file, then commit them all in one transaction.

The same pipeline as the Upload page (``kam_core.ingest``); this module only prints.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from kam_core.common.errors import CarteraError
from kam_core.i18n import fmt_money, fmt_num, t
from kam_core.ingest import FIELDS, commit, prepare
from kam_core.ingest.report import MAX_REJECTS_LISTED, reading_summary, reason_text
from kam_core.store import rates


def _print_rejects(p, lang: str, err) -> None:
    rej = p.rejects
    print(
        t("ingest.cli.rejected", lang, file=p.file_name, rows=fmt_num(p.rows_rejected, lang)),
        file=err,
    )
    by_reason = rej.groupby(["reason", "column"], sort=False).size().sort_values(ascending=False)
    for (key, column), n in by_reason.items():
        print(
            "  "
            + t(
                "ingest.cli.reason_count",
                lang,
                n=fmt_num(n, lang),
                reason=t(f"{key}.short", lang),
                column=column or "–",
            ),
            file=err,
        )
    for r in rej.head(MAX_REJECTS_LISTED).itertuples(index=False):
        print(
            "  "
            + t(
                "ingest.cli.reject_line",
                lang,
                file=r.file,
                row=r.row,
                column=r.column or "–",
                reason=reason_text(r.reason, lang, r.value, r.expected),
            ),
            file=err,
        )
    if len(rej) > MAX_REJECTS_LISTED:
        print(
            "  " + t("ingest.cli.more", lang, n=fmt_num(len(rej) - MAX_REJECTS_LISTED, lang)),
            file=err,
        )


def _print_shape(p, lang: str, err) -> bool:
    """What was read as what (a wide report), the total rows left out and the missing rates, on
    stderr. False when the file cannot be loaded (a currency without a rate)."""
    if p.layout == "wide":
        print(reading_summary(p, lang), file=err)
    if len(p.total_rows):
        n = fmt_num(len(p.total_rows), lang)
        print(t("shape.cli.total_rows", lang, file=p.file_name, n=n), file=err)
    if p.missing_rates:
        missing = rates.describe_missing(p.missing_rates)
        print(t("fx.upload_missing", lang, file=p.file_name, missing=missing), file=err)
        print(t("fx.cli.how", lang, currency=p.currency), file=err)
        return False
    return True


def cli_ingest(
    con,
    paths,
    *,
    lang: str = "en",
    mapping: dict | None = None,
    default_quarter: str | None = None,
    sheet: str | None = None,
    replace: bool = False,
    replace_period: bool = False,
    skip_invalid: bool = False,
    add: bool = False,
    out=None,
    err=None,
    user: str | None = None,
    date_order: str | None = None,
) -> int:
    """Prepare every file, then commit them all in one transaction. 0 = loaded, 1 = refused.
    ``date_order`` ('dmy'/'mdy', as the upload page's choice) settles a date column whose days
    are all 12 or less; without it such a column is read as guessed, and the CLI says so."""
    out, err = out or sys.stdout, err or sys.stderr
    prepared, refused = [], False
    for path in map(Path, paths):
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(
                t("ingest.cli.cannot_read", lang, file=str(path), detail=exc.strerror or exc),
                file=err,
            )
            refused = True
            continue
        try:
            p = prepare(
                data,
                path.name,
                con,
                mapping=mapping,
                default_quarter=default_quarter,
                sheet=sheet,
                date_order=date_order,
            )
        except CarteraError as exc:
            print(exc.render(lang), file=err)
            refused = True
            continue
        prepared.append(p)
        print(
            t(
                "ingest.cli.file_summary",
                lang,
                file=p.file_name,
                rows=fmt_num(p.rows_total, lang),
                valid=fmt_num(p.rows_valid, lang),
                rejected=fmt_num(p.rows_rejected, lang),
                quarters=", ".join(p.quarters) or "–",
                total=fmt_money(p.total_amount, lang, 2, currency=p.currency),
            ),
            file=out,
        )
        if mapping:  # --map given: say what each field reads (a reused column swaps, F-IN-2)
            read_as = ", ".join(f"{f}={p.mapping[f]}" for f in FIELDS if p.mapping.get(f))
            print(t("ingest.cli.mapping", lang, file=p.file_name, mapping=read_as), file=err)
        if p.source_format.get("date_ambiguous"):
            order = p.source_format.get("date_order")
            print(
                t(
                    "cli.dates_ambiguous",
                    lang,
                    file=p.file_name,
                    order=t(f"cli.dates.{order}", lang),
                    other="mdy" if order == "dmy" else "dmy",
                ),
                file=err,
            )
        if p.needs_quarter:
            print(t("ingest.cli.need_quarter", lang, file=p.file_name), file=err)
            refused = True
        refused = not _print_shape(p, lang, err) or refused
        if len(p.rejects):
            _print_rejects(p, lang, err)
    if not refused and not skip_invalid and any(len(p.rejects) for p in prepared):
        print(t("ingest.cli.use_skip_invalid", lang), file=err)
        refused = True
    if refused:
        print(t("ingest.cli.nothing_written", lang), file=err)
        return 1
    try:
        ids = commit(
            con,
            prepared,
            replace=replace,
            replace_period=replace_period,
            skip_invalid=skip_invalid,
            add=add,
            user=user or os.environ.get("CARTERA_USER") or getpass.getuser(),
        )
    except CarteraError as exc:
        print(exc.render(lang), file=err)
        print(t("ingest.cli.nothing_written", lang), file=err)
        return 1
    lines = sum(p.rows_valid for p in prepared)
    print(
        t(
            "ingest.cli.committed",
            lang,
            n=len(ids),
            lines=fmt_num(lines, lang),
            batches=", ".join(str(i) for i in ids),
        ),
        file=out,
    )
    return 0
