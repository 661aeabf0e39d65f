"""Command line: ``python -m kam_core ingest|report|demo`` (PRODUCT.md section 7).

Exit codes: 0 ok; 1 the input was refused (nothing written); 2 usage; 3 database locked.
Messages go to stderr in the language of ``--lang`` or ``$CARTERA_LANG`` (default English).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kam_core.cli.ingest_cmd import cli_ingest
from kam_core.common.errors import CarteraError, DatabaseLockedError
from kam_core.common.quarter import valid_quarter
from kam_core.demo import builder
from kam_core.i18n import fmt_money, fmt_pct, norm_lang, t
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
    demo.add_argument("--force", action="store_true", help="rebuild even if it has data")
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
    con = db.connect(args.db)
    try:
        rep = report(con, args.q_from, args.q_to)
    finally:
        con.close()
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
            gini=f"{rep['gini']:.3f}",
            hhi=fmt_money(rep["hhi"], lang),
        )
    )
    for q, r in rep["quarters"].items():
        print(f"  {q}: {fmt_money(r, lang, 2)}")
    return 0


def cmd_demo(args, lang: str) -> int:

    con = db.connect(args.db)
    try:
        built = builder.ensure_demo(con, force=args.force)
    finally:
        con.close()
    print(t("cli.demo.built" if built else "cli.demo.exists", lang, path=db.db_path(args.db)))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = norm_lang(args.lang)
    try:
        return {"ingest": cmd_ingest, "report": cmd_report, "demo": cmd_demo}[args.command](
            args, lang
        )
    except DatabaseLockedError as exc:
        _err(exc.render(lang))
        return 3
    except CarteraError as exc:
        _err(exc.render(lang))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
