"""``python -m kam_core users add EMAIL --role admin|director|kam|viewer [--name N] [--person P]``,
``users list [--json]`` and ``users remove EMAIL`` (issue 12; ``kam_core.store.users`` does the
work). The command line acts as the local admin (whoever can run it can open the database file
anyway); every change is audited under the local user's name (``$CARTERA_USER`` or the login).
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from kam_core.i18n import t
from kam_core.store import authz, db, users

_DB_HELP = "database path (default $CARTERA_DB or data/cartera.duckdb)"


def add_parsers(sub) -> None:
    us = sub.add_parser("users", help="who may sign in, with which role (issue 12)")
    verbs = us.add_subparsers(dest="users_command", required=True, metavar="COMMAND")
    add = verbs.add_parser("add", help="add a user, or change their role / name / person")
    add.add_argument("email", metavar="EMAIL", help="the email they sign in with")
    add.add_argument("--role", required=True, choices=users.ROLES)
    add.add_argument("--name", help="the name shown in the app")
    add.add_argument(
        "--person", metavar="NAME", help="the team member they are (a kam edits their accounts)"
    )
    ls = verbs.add_parser("list", help="every user")
    ls.add_argument("--json", action="store_true", help="JSON on stdout")
    rm = verbs.add_parser("remove", help="take a user out (they can no longer sign in)")
    rm.add_argument("email", metavar="EMAIL")
    for p in (add, ls, rm):
        p.add_argument("--db", help=_DB_HELP)
        p.add_argument("--lang", default=argparse.SUPPRESS, help="en or es")


def cmd_users(args, lang: str) -> int:
    con = db.connect(args.db)
    try:
        return {"add": _add, "list": _list, "remove": _remove}[args.users_command](con, args, lang)
    finally:
        con.close()


def _known(value):
    """A stored value, or None for a missing one (None, NaN, NA)."""
    return None if value is None or pd.isna(value) else value


def _add(con, args, lang: str) -> int:
    was = users.get(con, args.email) or {}  # a name or person not given again stays
    name = args.name if args.name is not None else _known(was.get("name"))
    pid = _known(was.get("person_id"))
    person = args.person if args.person is not None else (None if pid is None else int(pid))
    new = users.save(con, args.email, args.role, authz.local_user(), name=name, person=person)
    u = users.get(con, args.email)
    key = "au.cli.added" if new else "au.cli.updated"
    print(t(key, lang, email=u["email"], role=t(f"au.role.{u['role']}", lang)))
    return 0


def _list(con, args, lang: str) -> int:
    df = users.list_users(con)
    rows = [
        {
            "email": r.email,
            "name": _known(r.name),
            "role": r.role,
            "person": _known(r.person),
        }
        for r in df.itertuples(index=False)
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(t("au.cli.none", lang))
        return 0
    for r in rows:
        extra = " · ".join(x for x in (r["name"], r["person"]) if x)
        role = t(f"au.role.{r['role']}", lang)
        print(f"  {r['email']}  {role}" + (f"  ({extra})" if extra else ""))
    return 0


def _remove(con, args, lang: str) -> int:
    if not users.remove(con, args.email, authz.local_user()):
        print(t("au.cli.no_user", lang, email=args.email), file=sys.stderr)
        return 1
    print(t("au.cli.removed", lang, email=authz.normalise_email(args.email)))
    return 0


COMMANDS = {"users": cmd_users}
