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

    def render(self, lang: str) -> str:

        return t(self.key, lang, **self.params)


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
