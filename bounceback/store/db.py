"""The Store: the façade the app holds, a Database plus one repository per aggregate."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from bounceback.clock import Clock
from bounceback.store import migrations
from bounceback.store.applications import ApplicationRepo
from bounceback.store.checkins import CheckInRepo
from bounceback.store.database import Database
from bounceback.store.engine import open_database
from bounceback.store.errors import StoreError
from bounceback.store.form_drafts import FormDraftRepo
from bounceback.store.goals import GoalRepo
from bounceback.store.help_acts import HelpRepo
from bounceback.store.interviews import InterviewRepo
from bounceback.store.materials import MaterialRepo
from bounceback.store.rejections import RejectionRepo
from bounceback.store.rituals import RitualRepo
from bounceback.store.seeding import Starters, seed_starters
from bounceback.store.settings import SettingsRepo
from bounceback.store.strengths import StrengthRepo
from bounceback.store.wallow import WallowRepo
from bounceback.store.wins import WinRepo

log = logging.getLogger(__name__)


class Store:
    """The database as the app sees it: repositories that return plain records."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        path: Path | None = None,
        readonly_reason: str = "",
        notes: Sequence[str] = (),
        generation: tuple[str | None] | None = None,
        starters: Starters | None = None,
    ) -> None:
        """Wrap an opened engine; use `Store.open` to open a file safely.

        `readonly_reason` (non-empty) makes the store read-only: every write is refused.
        `notes`: one-line remarks from opening it, for the app or the CLI to show once.
        `generation`: the data's token as the open sequence read it (a 1-tuple); without it,
        it is read at the first write or look. `starters`: the first-start goals and rituals,
        put into an empty database now and again after every reopen (never twice).
        """
        self.db = Database(engine, clock, path, readonly_reason, generation)
        self.notes: list[str] = list(notes)
        self.starters = starters
        db = self.db
        self.settings = SettingsRepo(db)
        self.materials = MaterialRepo(db)
        self.applications = ApplicationRepo(db, self.settings, self.materials)
        self.rejections = RejectionRepo(db)
        self.wallow = WallowRepo(db)
        self.rituals = RitualRepo(db)
        self.wins = WinRepo(db)
        self.strengths = StrengthRepo(db)
        self.help = HelpRepo(db)
        self.goals = GoalRepo(db)
        self.checkins = CheckInRepo(db)
        self.form_drafts = FormDraftRepo(db)
        self.interviews = InterviewRepo(db)
        self._seed()

    @classmethod
    def open(
        cls, path: Path, clock: Clock, steps: Sequence[str] = migrations.STEPS, *,
        starters: Starters | None = None,
    ) -> Store:
        """Open (creating or migrating) the database at `path`; raises StoreError subclasses.

        With `starters`, an empty database gets them (first start); see `__init__`.
        """
        opened = open_database(Path(path), clock.now(), steps)
        return cls(opened.engine, clock, Path(path), opened.readonly_reason, opened.notes,
                   opened.generation, starters)

    def _seed(self) -> None:
        """Put the starters into an empty database; a busy or full disk waits for next time."""
        if self.starters is None:
            return
        try:
            seed_starters(self.db, self.starters)
        except StoreError:  # the data is fine without them: the next open tries again
            log.info("starters not seeded this time")

    # ---- the Database, as the app has always seen it on the Store --------------------------

    @property
    def clock(self) -> Clock:
        """The injected clock."""
        return self.db.clock

    @property
    def path(self) -> Path | None:
        """The database file (None for a store built on a bare engine)."""
        return self.db.path

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (replaced by `reopen`)."""
        return self.db.engine

    @property
    def readonly_reason(self) -> str:
        """Why the store is read-only ("" when it is writable)."""
        return self.db.readonly_reason

    @property
    def readonly(self) -> bool:
        """True when the file (or its folder) cannot be written: browsing only."""
        return self.db.readonly

    @property
    def replaced_hook(self) -> Callable[[], None] | None:
        """Called (from whichever thread noticed) when the file turns out to be replaced."""
        return self.db.replaced_hook

    @replaced_hook.setter
    def replaced_hook(self, hook: Callable[[], None] | None) -> None:
        self.db.replaced_hook = hook

    def read(self) -> contextlib.AbstractContextManager[Session]:
        """A short read-only session (see `Database.read`)."""
        return self.db.read()

    def write(self) -> contextlib.AbstractContextManager[Session]:
        """A short BEGIN IMMEDIATE write session (see `Database.write`)."""
        return self.db.write()

    def answer_quickly_on(self, thread_id: int | None) -> None:
        """Writes made on `thread_id` (the screen's event loop) wait only briefly for a lock."""
        self.db.answer_quickly_on(thread_id)

    def patient(self) -> contextlib.AbstractContextManager[None]:
        """Writes inside wait the full busy timeout, even on the quick thread (quitting)."""
        return self.db.patient()

    def replaced(self) -> bool:
        """True when the file was replaced since it was opened (look on focus, on return)."""
        return self.db.replaced()

    def reopen(self) -> None:
        """Take the data now in the file as this store's: the open sequence again.

        After a restore: an older schema is upgraded (with its backup) like any open, and a
        file swapped in under the same name is opened anew; an empty one gets the starters.
        Raises StoreError subclasses as `Store.open` does; the store is unchanged then.
        """
        path = self.path
        if path is None:
            self.db.adopt(None, self.readonly_reason, None)
            return
        if not path.exists():
            raise StoreError(
                f"{path} is gone (moved or deleted?); bounceback cannot reopen it.", path
            )
        opened = open_database(path, self.clock.now(), reopening=True)
        self.db.adopt(opened.engine, opened.readonly_reason, opened.generation)
        self.notes.extend(opened.notes)
        self._seed()

    def close(self) -> None:
        """Release every pooled connection."""
        self.db.close()

