"""``python -m kam_core brief``: the written brief of a period (F-PR-5), printed on stdout.

The same text as the portfolio page's Brief tab and the deck's first content slide
(``reports.portfolio_deck.brief_for``). Without ``--from``/``--to`` the period is every quarter
with data, as for ``report``; the language is ``--lang`` (before or after ``brief``) or
``$CARTERA_LANG``.
"""

from __future__ import annotations

import sys

from kam_core.common.quarter import valid_quarter
from kam_core.i18n import t, use_currency
from kam_core.portfolio import reads
from kam_core.portfolio.periods import Filters
from kam_core.reports.portfolio_deck import brief_for
from kam_core.store import db, rates


def add_parsers(sub) -> None:
    p = sub.add_parser("brief", help="the written brief of a period (English or Spanish)")
    p.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")
    p.add_argument("--from", dest="q_from", metavar="YYYY-Qn", help="first quarter")
    p.add_argument("--to", dest="q_to", metavar="YYYY-Qn", help="last quarter")


def cmd_brief(args, lang: str) -> int:
    for q in (args.q_from, args.q_to):
        if q and not valid_quarter(q):
            print(t("cli.bad_quarter", lang, value=q), file=sys.stderr)
            return 2
    con = db.connect(args.db)
    try:
        if not reads.quarters(con):
            print(t("exp.cli.no_data", lang), file=sys.stderr)
            return 1
        use_currency(rates.reporting_currency(con))
        text = brief_for(con, Filters(q_from=args.q_from, q_to=args.q_to), lang)
    finally:
        con.close()
    print(text)
    return 0


COMMANDS = {"brief": cmd_brief}
