"""``python -m kam_core warnings [--db PATH] [--from Q] [--to Q] [--json]`` (F-PA-8).

The key accounts of the period (default: the last four quarters with data, as the app opens)
judged on the last complete quarter up to ``--to``; relationship signs as of today. ``--json``
prints a list, ranked by revenue at stake, of the accounts with warnings to show: ``account``
(key), ``account_name``, ``lead``, ``kinds``, ``revenue_at_stake``, ``warnings`` (kind,
message_key, params, revenue_at_stake), ``acknowledged_kinds``, ``expectation`` (next quarter:
mean, low, high, level, enough_history...) and ``as_of``. Otherwise a table in the language of
``--lang``. Read-only.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from kam_core.alerts import early_warnings, text
from kam_core.common.quarter import shift_quarter, valid_quarter
from kam_core.i18n import fmt_money, fmt_pct, t, use_currency
from kam_core.portfolio import reads
from kam_core.portfolio.periods import Filters
from kam_core.store import db


def add_parsers(sub) -> None:
    w = sub.add_parser("warnings", help="early warnings and next-quarter expectations")
    w.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")
    w.add_argument("--from", dest="q_from", metavar="YYYY-Qn")
    w.add_argument("--to", dest="q_to", metavar="YYYY-Qn")
    w.add_argument("--json", action="store_true", help="a JSON list on stdout")


def period(quarters: list[str], q_from: str | None, q_to: str | None) -> Filters:
    """The selection: as given; a missing end is the last quarter with data; a missing start is
    three quarters before the end (the app's default: the last four quarters)."""
    if not quarters:
        return Filters(q_from, q_to)
    q_to = q_to or quarters[-1]
    return Filters(q_from=q_from or shift_quarter(q_to, -3), q_to=q_to)


def _print_table(rep, lang: str) -> None:
    def money(x) -> str:
        return fmt_money(x, lang)

    flagged = rep.flagged
    total = len(rep.accounts)
    if not flagged:
        print(t("warn.cli.none", lang, total=total, quarter=rep.as_of))
    else:
        print(
            t(
                "warn.cli.header",
                lang,
                n=len(flagged),
                total=total,
                quarter=rep.as_of,
                money=money(rep.revenue_at_stake),
            )
        )
    for i, a in enumerate(flagged, 1):
        lead = a.lead or t("warn.no_lead", lang)
        print(f"\n{i:>3}. {a.account_name} [{a.account_key}] · {lead}")
        print("     " + t("warn.stake", lang, money=money(a.revenue_at_stake)))
        for w in a.warnings:
            print(f"     - {text.kind_label(w.kind, lang)}: {text.describe(w, lang, money)}")
        print("     " + _expectation_line(a.expectation, lang, money))
    quiet = rep.quiet
    if quiet:
        print("\n" + t("warn.cli.quiet", lang, n=len(quiet)))
    if rep.total is not None and rep.total.enough_history:
        e = rep.total
        print(
            "\n"
            + t(
                "warn.cli.total",
                lang,
                quarter=e.quarter,
                mean=money(e.mean),
                level=fmt_pct(e.level, lang, 0),
                low=money(e.low),
                high=money(e.high),
            )
        )


def _expectation_line(e, lang: str, money) -> str:
    if e is None or not e.enough_history:
        n = e.history_quarters if e is not None else 0
        return t("warn.expect.short", lang, quarter=e.quarter if e else "–", n=n)
    return t(
        "warn.expect",
        lang,
        quarter=e.quarter,
        mean=money(e.mean),
        level=fmt_pct(e.level, lang, 0),
        low=money(e.low),
        high=money(e.high),
    )


def cmd_warnings(args, lang: str) -> int:
    for q in (args.q_from, args.q_to):
        if q and not valid_quarter(q):
            print(t("cli.bad_quarter", lang, value=q), file=sys.stderr)
            return 2
    con = db.connect(args.db)
    try:
        filters = period(reads.quarters(con), args.q_from, args.q_to)
        rep = early_warnings.build(con, filters, date.today())
    finally:
        con.close()
    use_currency(rep.currency)
    if args.json:
        print(json.dumps(rep.to_json(), ensure_ascii=False, indent=2, default=str))
        return 0
    if rep.as_of is None:
        print(t("warn.cli.no_quarter", lang))
        return 0
    _print_table(rep, lang)
    return 0


COMMANDS = {"warnings": cmd_warnings}
