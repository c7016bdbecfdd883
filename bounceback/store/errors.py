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
