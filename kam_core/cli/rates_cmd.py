"""``python -m kam_core rates import FILE [--db PATH]`` and ``rates list [--db PATH] [--json]``
(F-IN-10; the reading is ``kam_core.ingest.rates_file``, the writing ``kam_core.store.rates``).

``import`` takes a whole file or nothing: any bad cell is listed by row and column and nothing is
written (exit 1); a rate that would leave stored lines without one is refused the same way. The
stored lines are converted again with the new rates in the same transaction.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kam_core.i18n import fmt_num, t
from kam_core.ingest import rates_file
from kam_core.store import db, rates


def add_parsers(sub) -> None:
    rt = sub.add_parser("rates", help="exchange rates per currency and quarter")
    rsub = rt.add_subparsers(dest="rates_command", required=True)
    imp = rsub.add_parser("import", help="add or overwrite rates from a CSV/XLSX file")
    imp.add_argument("file", metavar="FILE", help="columns currency, quarter (YYYY-Qn), rate")
    imp.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")
    ls = rsub.add_parser("list", help="the rates into the reporting currency")
    ls.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")
    ls.add_argument("--json", action="store_true", help="one JSON object on stdout")


def cmd_rates(args, lang: str) -> int:
    return {"import": _import, "list": _list}[args.rates_command](args, lang)


def _import(args, lang: str) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        detail = exc.strerror or exc
        print(t("ingest.cli.cannot_read", lang, file=str(path), detail=detail), file=sys.stderr)
        return 1
    con = db.connect(args.db)
    try:
        base = rates.reporting_currency(con)
        rows = rates_file.read_rates(data, path.name, base)  # refuses a bad file whole
        added, updated = rates.upsert(con, rows, None)
    finally:
        con.close()
    print(t("fx.cli.imported", lang, added=added, updated=updated, currency=base, file=path.name))
    return 0


def _list(args, lang: str) -> int:
    con = db.connect(args.db)
    try:
        base = rates.reporting_currency(con)
        table = rates.rates_table(con, base)
    finally:
        con.close()
    if args.json:
        out = {
            "currency": base,
            "rates": [
                {"currency": c, "quarter": q, "rate": float(r)}
                for c, q, r in zip(table["currency"], table["quarter"], table["rate"], strict=True)
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(t("fx.cli.list_head", lang, currency=base, n=len(table)))
    for c, q, r in zip(table["currency"], table["quarter"], table["rate"], strict=True):
        print(f"  {c}  {q}  {fmt_num(float(r), lang, 6).rstrip('0').rstrip('.,')}")
    return 0


COMMANDS = {"rates": cmd_rates}
