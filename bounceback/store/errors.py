"""Errors the store raises; each carries a one-line message a person can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A database problem with a message that names the file and what to do."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        """Keep the message and the file it concerns."""
        super().__init__(message)
        self.message = message
        self.path = path


class NewerSchemaError(StoreError):
    """The file was written by a newer bounceback; it is left untouched."""


class CorruptDatabaseError(StoreError):
    """The file is not a database or fails quick_check; it is left untouched."""


class MigrationError(StoreError):
    """A migration step failed; everything was rolled back."""


class UnwritableError(StoreError):
    """The database or its folder cannot be written."""


class StorageFullError(StoreError):
    """The disk (or the database's size limit) is full; nothing was written."""


class BusyError(StoreError):
    """Another window (an import, a restore) holds the write lock; nothing was written."""


class DatabaseReplacedError(StoreError):
    """The file holds other data than when this store opened it (a restore); nothing written."""


class ValidationError(ValueError):
    """Input that breaks a rule; `errors` maps a field name to a message for that field."""

    def __init__(self, errors: dict[str, str]) -> None:
        """Keep every field's message so a form can show each where it was typed."""
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class ConflictError(Exception):
    """Someone else saved this record since it was loaded; nothing was overwritten."""

    def __init__(self, what: str) -> None:
        """Say which record changed under us."""
        super().__init__(f"{what} was changed elsewhere since you opened it; your text is kept.")


class NotFoundError(LookupError):
    """The record does not exist (or was deleted elsewhere)."""


class TextConflictError(ConflictError):
    """An autosaved text was saved elsewhere since this window last saw it; nothing was written.

    `theirs` maps each field that differs to the text stored now. It is the person's text: it
    goes on screen for them to choose, never into a message or a log.
    """

    def __init__(self, what: str, theirs: dict[str, str]) -> None:
        """Say which text changed under us, and keep what it holds now."""
        super().__init__(what)
        self.theirs = theirs
