"""``python -m kam_core backup [--db PATH] [--to FILE] [--list]`` and
``python -m kam_core restore FILE [--db PATH]`` (kam_core.store.backup does the work).

``restore`` on a database that opens replaces its contents in one transaction after backing up
the state before (printed: restoring that file undoes the restore); on a database that cannot be
opened (damaged) it keeps the damaged file aside and puts the backup in its place. While the app
holds the database the CLI cannot open it and exits 3 (restore from the app's Settings page).
"""

from __future__ import annotations

import sys
from pathlib import Path

from kam_core.i18n import fmt_num, t
from kam_core.store import backup, db


def add_parsers(sub) -> None:
    bk = sub.add_parser("backup", help="back up the database (into backups/ next to it)")
    bk.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")
    bk.add_argument("--to", metavar="FILE", help="write the backup to this file instead")
    bk.add_argument("--list", action="store_true", help="list the backups, newest first")
    rs = sub.add_parser("restore", help="restore a backup (the current state is backed up first)")
    rs.add_argument("file", metavar="FILE", help="a backup file (see backup --list)")
    rs.add_argument("--db", help="database path (default $CARTERA_DB or data/cartera.duckdb)")


def _mb(size: int, lang: str) -> str:
    return fmt_num(size / 1_048_576, lang, 1)


def cmd_backup(args, lang: str) -> int:
    path = db.db_path(args.db)
    if args.list:
        found = backup.list_backups(path)
        if not found:
            print(t("hd.cli.no_backups", lang, db=path, folder=backup.folder(path)))
            return 0
        for b in found:
            print(
                t(
                    "hd.cli.backup_line",
                    lang,
                    when=f"{b.created:%Y-%m-%d %H:%M:%S}",
                    reason=t(f"hd.reason.{b.reason}", lang),
                    size=_mb(b.size, lang),
                    path=b.path,
                )
            )
        return 0
    if not Path(path).exists():
        print(t("hd.err.backup_missing", lang, path=path), file=sys.stderr)
        return 1
    con = db.connect(path)
    try:
        made = backup.make(con, "manual", to=args.to)
    finally:
        con.close()
    print(t("hd.cli.backup_done", lang, path=made, size=_mb(made.stat().st_size, lang)))
    return 0


def cmd_restore(args, lang: str) -> int:
    path = db.db_path(args.db)
    source = Path(args.file)
    done, how = backup.restore_path(path, source)
    if how == "restored":
        print(t("hd.cli.restored", lang, source=source, db=path, undo=done))
    else:
        print(t("hd.cli.replaced", lang, db=path, kept=done, source=source))
    return 0


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore}
