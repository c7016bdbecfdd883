"""The Store: an engine plus one repository per aggregate, with short sessions per call."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bounceback.clock import Clock
from bounceback.store import migrations
from bounceback.store.engine import open_database
from bounceback.store.errors import StorageFullError, StoreError, UnwritableError


class Store:
    """The database as the app sees it: repositories that return plain records."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        path: Path | None = None,
        readonly_reason: str = "",
        notes: Sequence[str] = (),
    ) -> None:
        """Wrap an opened engine; use `Store.open` to open a file safely.

        `readonly_reason` (non-empty) makes the store read-only: every write is refused.
        `notes`: one-line remarks from opening it, for the app or the CLI to show once.
        """
        from bounceback.store.applications import ApplicationRepo
        from bounceback.store.checkins import CheckInRepo
        from bounceback.store.form_drafts import FormDraftRepo
        from bounceback.store.goals import GoalRepo
        from bounceback.store.help_acts import HelpRepo
        from bounceback.store.rejections import RejectionRepo
        from bounceback.store.rituals import RitualRepo
        from bounceback.store.settings import SettingsRepo
        from bounceback.store.strengths import StrengthRepo
        from bounceback.store.wallow import WallowRepo
        from bounceback.store.wins import WinRepo

        self.engine = engine
        self._read_engine = engine.execution_options(bb_readonly=True)
        self.clock = clock
        self.path = path
        self.readonly_reason = readonly_reason
        self.notes: list[str] = list(notes)
        self.settings = SettingsRepo(self)
        self.applications = ApplicationRepo(self)
        self.rejections = RejectionRepo(self)
        self.wallow = WallowRepo(self)
        self.rituals = RitualRepo(self)
        self.wins = WinRepo(self)
        self.strengths = StrengthRepo(self)
        self.help = HelpRepo(self)
        self.goals = GoalRepo(self)
        self.checkins = CheckInRepo(self)
        self.form_drafts = FormDraftRepo(self)

    @classmethod
    def open(
        cls, path: Path, clock: Clock, steps: Sequence[str] = migrations.STEPS
    ) -> Store:
        """Open (creating or migrating) the database at `path`; raises StoreError subclasses."""
        opened = open_database(Path(path), clock.now(), steps)
        return cls(opened.engine, clock, Path(path), opened.readonly_reason, opened.notes)

    @property
    def readonly(self) -> bool:
        """True when the file (or its folder) cannot be written: browsing only."""
        return bool(self.readonly_reason)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session (deferred BEGIN: never blocks a writer)."""
        with Session(self._read_engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A short write session: BEGIN IMMEDIATE, commit on success, rollback on error.

        Raises UnwritableError (nothing is attempted) when the store is read-only.
        """
        if self.readonly:
            where = str(self.path) if self.path else "the database"
            raise UnwritableError(
                f"Not saved: {where} is open read-only ({self.readonly_reason}). "
                "Browsing only; your text is still here.",
                self.path,
            )
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
                session.commit()
        except OperationalError as exc:
            raise _friendly(exc, self.path) from exc

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _friendly(exc: OperationalError, path: Path | None) -> StoreError:
    """Turn SQLite's operational errors into messages without the statement or its values."""
    orig = exc.orig
    text = str(orig).lower() if orig is not None else ""
    where = str(path) if path else "the database"
    if isinstance(orig, sqlite3.OperationalError) and "full" in text:
        return StorageFullError(
            f"Not saved: the disk holding {where} is full. Your text is still here; "
            "free some space and save again.",
            path,
        )
    if "readonly" in text or "read-only" in text:
        return UnwritableError(f"Not saved: {where} is read-only.", path)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"Not saved: {where} is busy in another window. Try again in a moment.", path
        )
    return StoreError(f"Not saved: {where} reported an error ({type(orig).__name__}).", path)
