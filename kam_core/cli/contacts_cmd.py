"""``python -m kam_core contacts export ACCOUNT CONTACT_ID [--to FILE]`` and ``contacts erase
ACCOUNT CONTACT_ID --yes`` (issue 12): a contact's personal data on request, from the command line
(the local admin; ``kam_core.accounts.privacy`` does the work and audits both)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kam_core.accounts import privacy
from kam_core.i18n import t
from kam_core.store import authz, db

_DB_HELP = "database path (default $CARTERA_DB or data/cartera.duckdb)"


def add_parsers(sub) -> None:
    ct = sub.add_parser("contacts", help="a contact's personal data: export or erase (issue 12)")
    verbs = ct.add_subparsers(dest="contacts_command", required=True, metavar="COMMAND")
    ex = verbs.add_parser("export", help="everything held about one contact, as JSON")
    ex.add_argument("--to", metavar="FILE", help="write to this file (default: stdout)")
    er = verbs.add_parser("erase", help="anonymise one contact everywhere (cannot be undone)")
    er.add_argument("--yes", action="store_true", help="confirm the erasure")
    for p in (ex, er):
        p.add_argument("account", metavar="ACCOUNT", help="the account key")
        p.add_argument("contact_id", metavar="CONTACT_ID", type=int)
        p.add_argument("--db", help=_DB_HELP)
        p.add_argument("--lang", default=argparse.SUPPRESS, help="en or es")


def cmd_contacts(args, lang: str) -> int:
    if args.contacts_command == "erase" and not args.yes:
        print(t("au.cli.erase_confirm", lang), file=sys.stderr)
        return 2
    con = db.connect(args.db)
    try:
        if args.contacts_command == "erase":
            privacy.erase_contact(con, args.account, args.contact_id, authz.local_user())
            print(t("au.priv.erased", lang))
            return 0
        text = privacy.export_json(
            privacy.export_contact(con, args.account, args.contact_id, authz.local_user())
        )
    finally:
        con.close()
    if args.to:
        Path(args.to).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


COMMANDS = {"contacts": cmd_contacts}
