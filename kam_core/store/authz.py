"""Who may do what (issue 12): roles and rules as data, checked at the top of every write.

Every write function of ``kam_core`` takes the acting user (a string: the signed-in email) and
starts with ``authz.require(con, user, action, account_key)``, which raises
:class:`~kam_core.common.errors.PermissionDenied` before anything is read or written. So a hidden
button is only a courtesy: no crafted request, stale page or script gets past the core.

:data:`RULES` says, per action, which roles may do it and how far: on ``ALL`` accounts or on
their ``OWN`` ones, the accounts the user's person (``users.person_id``) leads or is on the team
of (``account_team``). A ``kam`` reads every account unless the setting ``kam_own_accounts_only``
is on (declared with the other settings in ``store.settings``; read here by key, because settings
are written under these rules and cannot be imported from here).

Two modes, one per process, decided by how Cartera is deployed and never by a caller:

* **local** (the default): nobody signs in: the command line, and the app without ``[auth]`` in
  ``.streamlit/secrets.toml`` (which then listens on 127.0.0.1 only). The acting user is a local
  admin; every check passes and the audit still records the name given (or :func:`local_user`).
* **signed in**: the app with ``[auth]``; ``kam_core.ui.setup`` turns it on with
  :func:`use_sign_in`. The user string is the identity provider's email; an email that is not in
  ``users`` may do nothing at all.
"""

from __future__ import annotations

import getpass
import json
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from kam_core.common.errors import PermissionDenied
from kam_core.store import db

ROLES = ("viewer", "kam", "director", "admin")
ALL, OWN = "all", "own"

# action -> {role: reach}. A role not listed may not do it. Every write function names one.
RULES: dict[str, dict[str, str]] = {
    # Reading one account's page (the relationship map, plan and activity of real people).
    "read_account": {"viewer": ALL, "kam": ALL, "director": ALL, "admin": ALL},
    # Relationship map, plan, activity and early-warning acknowledgements of an account.
    "edit_account": {"kam": OWN, "director": ALL, "admin": ALL},
    # A contact's personal data on request: export (JSON) and erase (anonymise).
    "export_contact": {"kam": OWN, "director": ALL, "admin": ALL},
    "erase_contact": {"director": ALL, "admin": ALL},
    # Strategic key-account marks, exclusions and attractiveness / strength ratings.
    "mark_account": {"director": ALL, "admin": ALL},
    # People, their capacity, lead KAM and team of every account, account effort.
    "manage_team": {"director": ALL, "admin": ALL},
    # Revenue data and the installation: uploads and undo, merges, rates, settings, backups,
    # users, and the whole audit log.
    "upload": {"admin": ALL},
    "merge_accounts": {"admin": ALL},
    "rates": {"admin": ALL},
    "settings": {"admin": ALL},
    "backup": {"admin": ALL},
    "manage_users": {"admin": ALL},
    "view_audit": {"admin": ALL},
}
KAM_READ_OWN_SETTING = "kam_own_accounts_only"  # store.settings declares it (default 0: off)

# The deployment's mode (see the module docstring). A process serves one secrets.toml, so one
# flag for the process is right, and it holds for widget callbacks that run before a page's
# set-up too. Tests switch it with :func:`sign_in_mode`.
_SIGNED_IN = False
_MODE_LOCK = threading.Lock()


def use_sign_in(on: bool) -> None:
    """Signed-in mode on (the app with ``[auth]``) or off (local mode)."""
    global _SIGNED_IN
    with _MODE_LOCK:
        _SIGNED_IN = bool(on)


def signed_in_mode() -> bool:
    return _SIGNED_IN


@contextmanager
def sign_in_mode(on: bool = True):
    """Within the block the rules are (or are not) enforced; the mode before comes back after."""
    before = _SIGNED_IN
    use_sign_in(on)
    try:
        yield
    finally:
        use_sign_in(before)


def local_user() -> str:
    """The local user's name: ``$CARTERA_USER``, else the operating system's login."""
    name = os.environ.get("CARTERA_USER")
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no login name in some containers
            name = "local"
    return name


def actor(user: str | None) -> str:
    """The name the audit records for ``user`` (the local user when none was given)."""
    return str(user).strip() if user and str(user).strip() else local_user()


def normalise_email(email) -> str:
    """Emails compare case-insensitively: stored and looked up trimmed and lower-case."""
    return str(email or "").strip().lower()


@dataclass(frozen=True)
class Grants:
    """What one user may do: their role and own accounts (looked up once per page run)."""

    user: str
    role: str | None  # None: signed in but not a user of this Cartera
    local: bool = False
    name: str | None = None
    own: frozenset = field(default_factory=frozenset)
    kam_reads_own_only: bool = False

    def reach(self, action: str) -> str | None:
        """``ALL``, ``OWN`` or None (not allowed) for ``action``."""
        if self.local:
            return ALL
        reach = RULES[action].get(self.role) if self.role else None
        if action == "read_account" and self.role == "kam" and self.kam_reads_own_only:
            reach = OWN
        return reach

    def allows(self, action: str, account: str | None = None) -> bool:
        """True when the user may do ``action`` (on ``account``, for account-scoped actions).
        An ``OWN`` reach without an account answers False (on which account?)."""
        reach = self.reach(action)
        if reach == ALL:
            return True
        return reach == OWN and account is not None and str(account) in self.own


def own_accounts(con, person_id: int | None) -> frozenset:
    """The accounts a person leads or is on the team of."""
    if person_id is None:
        return frozenset()
    rows = db.query_rows(
        con, "SELECT DISTINCT account_key FROM account_team WHERE person_id = ?", [int(person_id)]
    )
    return frozenset(r[0] for r in rows)


def _kam_reads_own_only(con) -> bool:
    raw = db.scalar(con, "SELECT value FROM settings WHERE key = ?", [KAM_READ_OWN_SETTING])
    try:
        return bool(int(json.loads(raw))) if raw is not None else False
    except (TypeError, ValueError):
        return False


def grants(con, user: str | None) -> Grants:
    """The rights of ``user`` in this process's mode (local: every right)."""
    if not _SIGNED_IN:
        return Grants(user=actor(user), role="admin", local=True, name=actor(user))
    email = normalise_email(user)
    rows = db.query_rows(con, "SELECT role, name, person_id FROM users WHERE email = ?", [email])
    if not email or not rows:
        return Grants(user=email, role=None)
    role, name, person_id = rows[0]
    return Grants(
        user=email,
        role=role if role in ROLES else None,
        name=name,
        own=own_accounts(con, person_id),
        kam_reads_own_only=role == "kam" and _kam_reads_own_only(con),
    )


def can(con, user: str | None, action: str, account: str | None = None) -> bool:
    return grants(con, user).allows(action, account)


def require(con, user: str | None, action: str, account: str | None = None) -> Grants:
    """Raise :class:`PermissionDenied` unless ``user`` may do ``action`` (on ``account``).

    Called first in every write, before any validation or write, so a refused call changes
    nothing. Returns the user's grants."""
    g = grants(con, user)
    if g.allows(action, account):
        return g
    if g.role is None:
        raise PermissionDenied("au.err.not_a_user", user=g.user or "–")
    raise PermissionDenied(action=action, role=g.role, account=str(account or ""))
