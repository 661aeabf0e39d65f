"""``python -m kam_core accounts list|suggest|merge|unmerge`` (PRODUCT.md section 7, F-IN-5).

``list --json``: a list of accounts (``key``, ``name``, ``account_id``, ``revenue``, ``lines``,
``first_quarter``, ``last_quarter``, ``merged``: the keys merged into it). ``suggest --json``: a
list of groups of likely duplicates, most confident first, each with ``accounts`` (keys, the
suggested survivor first), ``score`` (0-1), ``names``, ``members`` (per account: name, id, revenue,
lines, quarters, product lines, regions) and ``evidence``. ``merge KEY KEY...`` keeps the first key;
``unmerge KEY`` splits a merged-away account back out. Both back the database up first and write
in one transaction (``kam_core.accounts.merge`` does the work; this module only prints). Errors
exit 1 with a message and write nothing; the database held by the app exits 3.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shlex
import sys

from kam_core.accounts import merge
from kam_core.i18n import fmt_money, fmt_num, fmt_pct, t
from kam_core.store import db

_DB_HELP = "database path (default $CARTERA_DB or data/cartera.duckdb)"


def add_parsers(sub) -> None:
    acc = sub.add_parser("accounts", help="list accounts, suggest and merge duplicates (F-IN-5)")
    verbs = acc.add_subparsers(dest="accounts_command", required=True, metavar="COMMAND")
    ls = verbs.add_parser("list", help="every account with its revenue")
    sg = verbs.add_parser("suggest", help="likely duplicate accounts, with their evidence")
    mg = verbs.add_parser("merge", help="merge accounts into the first KEY")
    mg.add_argument("keys", nargs="+", metavar="KEY", help="the surviving key first")
    um = verbs.add_parser("unmerge", help="split a merged account back out")
    um.add_argument("key", metavar="KEY", help="the key of the merged-away account")
    sg.add_argument(
        "--min-score", type=float, default=0.7, metavar="S", help="lowest score shown (0-1)"
    )
    for p in (ls, sg):
        p.add_argument("--json", action="store_true", help="JSON on stdout")
    for p in (ls, sg, mg, um):
        p.add_argument("--db", help=_DB_HELP)
        # --lang is accepted after the subcommand too (PRODUCT.md section 7)
        p.add_argument("--lang", default=argparse.SUPPRESS, help="en or es")


def _user() -> str:
    return os.environ.get("CARTERA_USER") or getpass.getuser()


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _list(con, args, lang: str) -> int:
    df = merge.accounts_frame(con)
    rows = [
        {
            "key": r.key,
            "name": r.name,
            "account_id": None
            if r.account_id is None or r.account_id != r.account_id
            else r.account_id,
            "revenue": float(r.revenue),
            "lines": int(r.lines),
            "first_quarter": r.quarters[0] if r.quarters else None,
            "last_quarter": r.quarters[-1] if r.quarters else None,
            "merged": list(r.merged),
        }
        for r in df.itertuples(index=False)
    ]
    if args.json:
        _print_json(rows)
        return 0
    print(t("mg.cli.list_head", lang, n=fmt_num(len(rows), lang)))
    for r in rows:
        merged = t("mg.cli.list_merged", lang, keys=", ".join(r["merged"])) if r["merged"] else ""
        print(
            t(
                "mg.cli.list_line",
                lang,
                account=r["key"],
                name=r["name"],
                revenue=fmt_money(r["revenue"], lang, 2),
                lines=fmt_num(r["lines"], lang),
                merged=merged,
            )
        )
    return 0


def _span(member: dict) -> str:
    first, last = member["first_quarter"], member["last_quarter"]
    return "–" if first is None else first if first == last else f"{first}…{last}"


def _suggest(con, args, lang: str) -> int:
    groups = merge.suggestions(con, threshold=args.min_score)
    if args.json:
        _print_json(groups)
        return 0
    if not groups:
        print(t("mg.cli.no_suggestions", lang))
        return 0
    print(t("mg.cli.suggest_head", lang, n=fmt_num(len(groups), lang)))
    for g in groups:
        reasons = ", ".join(t(f"mg.reason.{r}", lang) for r in merge.reasons(g))
        print(t("mg.cli.group", lang, score=fmt_pct(g["score"], lang, 0), reasons=reasons))
        for i, m in enumerate(g["members"]):
            print(
                t(
                    "mg.cli.member_survivor" if i == 0 else "mg.cli.member",
                    lang,
                    account=m["key"],
                    name=m["name"],
                    revenue=fmt_money(m["revenue"], lang, 2),
                    quarters=_span(m),
                )
            )
        cmd = " ".join(shlex.quote(k) for k in g["accounts"])
        print("    " + t("mg.cli.merge_hint", lang, command=f"accounts merge {cmd}"))
    return 0


def _merge(con, args, lang: str) -> int:
    if len(args.keys) < 2:
        print(t("mg.err.too_few", lang), file=sys.stderr)
        return 2
    survivor = args.keys[0]
    ids = merge.merge(con, args.keys, _user())
    done = merge.history(con)
    for r in done[done["merge_id"].isin(ids)].sort_values("merge_id").itertuples(index=False):
        print(
            t(
                "mg.cli.merged",
                lang,
                account=r.merged_key,
                survivor=survivor,
                lines=fmt_num(r.lines_moved, lang),
                revenue=fmt_money(r.revenue_moved, lang, 2),
                undo=f"accounts unmerge {shlex.quote(r.merged_key)}",
            )
        )
    return 0


def _unmerge(con, args, lang: str) -> int:
    merge_id = merge.unmerge(con, args.key, _user())
    rec = merge.history(con).set_index("merge_id").loc[merge_id]
    print(t("mg.cli.unmerged", lang, account=args.key, survivor=rec["survivor_key"]))
    return 0


_VERBS = {"list": _list, "suggest": _suggest, "merge": _merge, "unmerge": _unmerge}


def cmd_accounts(args, lang: str) -> int:
    con = db.connect(args.db)
    try:
        return _VERBS[args.accounts_command](con, args, lang)
    finally:
        con.close()


COMMANDS = {"accounts": cmd_accounts}
