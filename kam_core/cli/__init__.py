"""Command line: ``python -m kam_core ingest|report|demo`` (PRODUCT.md section 7).

Exit codes: 0 ok; 1 the input was refused (nothing written); 2 usage; 3 database locked;
4 the database file cannot be used (damaged, unreadable, newer schema: restore a backup);
5 the disk is full (nothing written).
Messages go to stderr in the language of ``--lang`` or ``$CARTERA_LANG`` (default English).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kam_core.cli import (
    accounts_cmd,
    backup_cmd,
    brief_cmd,
    contacts_cmd,
    rates_cmd,
    users_cmd,
    warnings_cmd,
)
from kam_core.cli.ingest_cmd import cli_ingest
from kam_core.common.errors import (
    CarteraError,
    DatabaseFileError,
    DatabaseLockedError,
    DiskFullError,
)
from kam_core.common.quarter import valid_quarter
from kam_core.demo import builder
from kam_core.i18n import currency_scope, fmt_money, fmt_num, fmt_pct, norm_lang, t, use_currency
from kam_core.portfolio.reads import quarters
from kam_core.portfolio.report import report
from kam_core.store import db


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m kam_core", description="Cartera command line")
    p.add_argument("--lang", default=os.environ.get("CARTERA_LANG", "en"), help="en or es")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="load revenue files (CSV, XLSX, XLS)")
    ing.add_argument("files", nargs="+", metavar="FILE")
    ing.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")
    ing.add_argument(
        "--replace",
        action="store_true",
        help="replace a file already loaded (same content) instead of refusing it",
    )
    ing.add_argument(
        "--replace-period",
        action="store_true",
        help="remove earlier lines of the quarters this file covers before loading",
    )
    ing.add_argument(
        "--add",
        action="store_true",
        help="add the lines to quarters that are already loaded (else refused)",
    )
    ing.add_argument(
        "--skip-invalid",
        action="store_true",
        help="commit the valid rows and report the rejected ones on stderr",
    )
    ing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="override a column guess, e.g. account=Cliente or amount=Quantity*UnitPrice",
    )
    ing.add_argument("--quarter", help="quarter (YYYY-Qn) for files without a date column")
    ing.add_argument("--sheet", help="Excel sheet name (default: the first with data)")
    ing.add_argument(
        "--dates",
        default="auto",
        metavar="dmy|mdy|auto",
        help="date order when every day is 12 or less: dmy (day first), mdy (month "
        "first) or auto (day first for ';' / decimal-comma files; default)",
    )

    rep = sub.add_parser("report", help="portfolio figures")
    rep.add_argument("--db")
    rep.add_argument("--from", dest="q_from", metavar="YYYY-Qn")
    rep.add_argument("--to", dest="q_to", metavar="YYYY-Qn")
    rep.add_argument("--json", action="store_true", help="one JSON object on stdout")

    demo = sub.add_parser("demo", help="build the demo database")
    demo.add_argument("--db")
    what = demo.add_mutually_exclusive_group()
    what.add_argument("--force", action="store_true", help="rebuild even if it has data")
    what.add_argument(
        "--remove", action="store_true", help="take the demo out (your own data stays)"
    )
    backup_cmd.add_parsers(sub)
    accounts_cmd.add_parsers(sub)
    rates_cmd.add_parsers(sub)
    brief_cmd.add_parsers(sub)
    warnings_cmd.add_parsers(sub)
    users_cmd.add_parsers(sub)
    contacts_cmd.add_parsers(sub)
    # --lang is accepted after the command too (PRODUCT.md section 7); not given there, the
    # value before the command (or $CARTERA_LANG) stands.
    for command in sub.choices.values():
        command.add_argument("--lang", default=argparse.SUPPRESS, help="en or es")
    return p


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def cmd_ingest(args, lang: str) -> int:

    overrides = {}
    for item in args.map:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            _err(t("cli.bad_map", lang, item=item))
            return 2
        overrides[field.strip()] = column.strip()
    dates = args.dates.strip().lower()
    if dates not in ("dmy", "mdy", "auto"):
        _err(t("cli.bad_dates", lang, value=args.dates))
        return 2
    con = db.connect(args.db)
    try:
        return cli_ingest(
            con,
            [Path(f) for f in args.files],
            lang=lang,
            mapping=overrides or None,
            default_quarter=args.quarter,
            sheet=args.sheet,
            date_order=None if dates == "auto" else dates,
            replace=args.replace,
            replace_period=args.replace_period,
            add=args.add,
            skip_invalid=args.skip_invalid,
            out=sys.stdout,
            err=sys.stderr,
        )
    finally:
        con.close()


def cmd_report(args, lang: str) -> int:

    for q in (args.q_from, args.q_to):
        if q and not valid_quarter(q):
            _err(t("cli.bad_quarter", lang, value=q))
            return 2
    if args.q_from and args.q_to and args.q_from > args.q_to:
        _err(t("cli.reversed_range", lang, q_from=args.q_from, q_to=args.q_to))
        return 2
    con = db.connect(args.db)
    try:
        rep = report(con, args.q_from, args.q_to)
        loaded = quarters(con)
    finally:
        con.close()
    if (args.q_from or args.q_to) and loaded and not rep["quarters"]:
        _err(
            t(
                "cli.empty_range",
                lang,
                q_from=args.q_from or loaded[0],
                q_to=args.q_to or loaded[-1],
                first=loaded[0],
                last=loaded[-1],
            )
        )
        return 1
    use_currency(rep["currency"])
    if args.json:
        print(json.dumps(rep, ensure_ascii=False, indent=2))
        return 0
    print(
        t(
            "cli.report.summary",
            lang,
            accounts=rep["accounts"],
            total=fmt_money(rep["total_revenue"], lang, 2),
            k=rep["accounts_to_80"],
            share=fmt_pct(rep["share_accounts_to_80"], lang),
            gini=fmt_num(rep["gini"], lang, 3),
            hhi=fmt_num(rep["hhi"], lang),
        )
    )
    for q, r in rep["quarters"].items():
        print(f"  {q}: {fmt_money(r, lang, 2)}")
    return 0


def cmd_demo(args, lang: str) -> int:

    con = db.connect(args.db)
    try:
        if args.remove:
            gone = builder.remove_demo(con)
        else:
            built = builder.ensure_demo(con, force=args.force)
    finally:
        con.close()
    path = db.db_path(args.db)
    if args.remove:
        key = "cli.demo.removed" if gone["batches"] else "cli.demo.none"
        print(
            t(
                key,
                lang,
                path=path,
                accounts=fmt_num(gone["accounts"], lang),
                lines=fmt_num(gone["lines"], lang),
            )
        )
        return 0
    print(t("cli.demo.built" if built else "cli.demo.exists", lang, path=path))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = norm_lang(args.lang)
    command = {
        "ingest": cmd_ingest,
        "report": cmd_report,
        "demo": cmd_demo,
        **backup_cmd.COMMANDS,
        **accounts_cmd.COMMANDS,
        **rates_cmd.COMMANDS,
        **brief_cmd.COMMANDS,
        **warnings_cmd.COMMANDS,
        **users_cmd.COMMANDS,
        **contacts_cmd.COMMANDS,
    }[args.command]
    try:
        with currency_scope():  # the reporting currency a command sets ends with it
            return command(args, lang)
    except DatabaseLockedError as exc:
        _err(exc.render(lang))
        return 3
    except DatabaseFileError as exc:
        _err(exc.render(lang))
        return 4
    except DiskFullError as exc:
        _err(exc.render(lang))
        return 5
    except db.Error as exc:  # a damaged block met mid-query, a full disk...: words, no traceback
        known = db.domain_error(exc, db.db_path(getattr(args, "db", None)))
        if known is None:
            raise
        _err(known.render(lang))
        return 5 if isinstance(known, DiskFullError) else 4
    except OSError as exc:
        _err(t("hd.cli.io_error", lang, path=exc.filename or "", detail=exc.strerror or exc))
        return 5 if db.is_disk_full(exc) else 1
    except CarteraError as exc:
        _err(exc.render(lang))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
