"""Domain errors. Pages catch ``CarteraError`` and show its message in the user's language.

Each error carries a message key (see ``kam_core.i18n.catalog``) and the parameters that fill it, so the
same error renders in English or Spanish; ``str(err)`` is the English text (CLI, logs).
"""

from __future__ import annotations

from kam_core.i18n import t


class CarteraError(Exception):
    """Base of every expected, user-facing error."""

    key = "err.generic"

    def __init__(self, key: str | None = None, **params):
        self.key = key or self.key
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str, escape=None) -> str:
        """The message in ``lang``; ``escape`` (e.g. the UI's markdown escaper) is applied to every
        text parameter (file names, columns, paths: user text) before it is placed."""
        if escape is None:
            return t(self.key, lang, **self.params)
        params = {k: escape(v) if isinstance(v, str) else v for k, v in self.params.items()}
        return t(self.key, lang, **params)


class DatabaseLockedError(CarteraError):
    """Another process (usually the running app) holds the database file."""

    key = "err.db_locked"


class UploadError(CarteraError):
    """A file cannot be taken at all (empty, binary, no account column...).

    ``file``, ``row`` (1-based line in the file, or None), ``column`` and ``reason`` are kept as params.
    """

    key = "err.upload"


class DuplicateFileError(CarteraError):
    key = "err.duplicate_file"


class ValidationError(CarteraError):
    """Bad input in a form (contacts, plans...)."""

    key = "err.validation"


class DatabaseFileError(CarteraError):
    """The database file cannot be used: damaged, unreadable or from a newer Cartera.

    ``path`` is kept as a param; pages offer to restore the latest backup, the CLI exits 4.
    """

    key = "hd.err.db_damaged"

    @property
    def path(self) -> str:
        return str(self.params.get("path", ""))


class DatabaseDamagedError(DatabaseFileError):
    """Truncated or corrupted file (DuckDB cannot read it, or a block checksum fails)."""

    key = "hd.err.db_damaged"


class DatabaseUnreadableError(DatabaseFileError):
    """The operating system refuses to open the file (permissions, a folder in its place)."""

    key = "hd.err.db_unreadable"


class SchemaTooNewError(DatabaseFileError):
    """The file was written by a newer Cartera (migrations this version does not know)."""

    key = "hd.err.db_too_new"


class DiskFullError(CarteraError):
    """No space left on the device while writing; the write was rolled back (nothing written)."""

    key = "hd.err.disk_full"


class BackupError(CarteraError):
    """A backup could not be made or restored (missing, damaged, not a Cartera database)."""

    key = "hd.err.backup"


class MergeError(CarteraError):
    """A merge or unmerge of accounts cannot be done as asked (unknown key, already merged...);
    nothing was written."""

    key = "mg.err.generic"


class PermissionDenied(CarteraError):
    """The acting user's role does not allow this write (or this read) on this account; nothing
    was written. ``action`` (an i18n key suffix: ``au.action.<action>``) and ``role`` are params."""

    key = "au.err.denied"

    def render(self, lang: str, escape=None) -> str:
        params = dict(self.params)
        if "action" in params:
            params["action"] = t(f"au.action.{params['action']}", lang)
        if "role" in params:
            params["role"] = t(f"au.role.{params['role']}", lang)
        if escape is not None:
            params = {k: escape(v) if isinstance(v, str) else v for k, v in params.items()}
        return t(self.key, lang, **params)
