"""The floor under the repositories: an engine, short read/write transactions, read-only state.

Repositories take a `Database`, never the `Store`: the façade holds the repositories, and the
repositories hold only this, so nothing here imports a repository (no import cycle). What is
SQLite-specific about opening a file stays in `engine.py`; this module only runs transactions
on an engine, which is the seam a second SQL dialect plugs into later.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bounceback.clock import Clock
from bounceback.store.errors import (
    BusyError,
    DatabaseReplacedError,
    StorageFullError,
    StoreError,
    UnwritableError,
)

log = logging.getLogger(__name__)

QUICK_BUSY_MS = 50
"""How long a write on the screen's own thread waits for another window's lock before it is
refused with BusyError (the screen then retries it off that thread): a screen never stalls
longer than this. Everywhere else a write waits the engine's full busy timeout."""

REPLACED = (
    "Not saved: your data was restored from a backup (in another window or from the shell) "
    "since bounceback opened it, so nothing was written into the restored data. bounceback "
    "reopens it now; what you typed is kept."
)


class Reader(Protocol):
    """What a query function needs: a clock and short read sessions (a Database or the Store)."""

    @property
    def clock(self) -> Clock:
        """The injected clock."""

    def read(self) -> contextlib.AbstractContextManager[Session]:
        """A short read-only session."""


class Database:
    """An opened engine with short transactions, read-only state and replaced-file detection."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        path: Path | None = None,
        readonly_reason: str = "",
        generation: tuple[str | None] | None = None,
    ) -> None:
        """Wrap an opened engine (`Store.open` opens a file safely and builds one of these).

        `readonly_reason` (non-empty) makes every write refused. `generation`: the data's token
        as the open sequence read it (a 1-tuple); without it, it is read at the first write or
        look.
        """
        self.clock = clock
        self.path = path
        self.readonly_reason = readonly_reason
        self._bind(engine)
        self._quick_thread: int | None = None
        self._patience = threading.local()
        self.replaced_hook: Callable[[], None] | None = None
        """Called (from whichever thread noticed) when the file turns out to be replaced."""
        self._opened = generation
        self._identity = self._file_identity()

    def _bind(self, engine: Engine) -> None:
        """Use `engine` from now on (at construction, and when reopening)."""
        self.engine = engine
        self._read_engine = engine.execution_options(bb_readonly=True)

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

        Raises UnwritableError (nothing is attempted) when the store is read-only, BusyError
        when another writer holds the lock too long (on the quick thread: QUICK_BUSY_MS), and
        DatabaseReplacedError when the file was replaced since it was opened (a restore):
        checked under the write lock, so nothing is ever written into data this store did not
        open.
        """
        if self.readonly:
            where = str(self.path) if self.path else "the database"
            raise UnwritableError(
                f"Not saved: {where} is open read-only ({self.readonly_reason}). "
                "Browsing only; your text is still here.",
                self.path,
            )
        engine = self.engine
        if self._quick():
            engine = engine.execution_options(bb_busy_ms=QUICK_BUSY_MS)
        try:
            with Session(engine, expire_on_commit=False) as session:
                self._refuse_replaced(session.connection())  # takes the write lock first
                yield session
                session.commit()
        except OperationalError as exc:
            raise _friendly(exc, self.path) from exc

    # ---- one thread answers quickly -------------------------------------------------------

    def answer_quickly_on(self, thread_id: int | None) -> None:
        """Writes made on `thread_id` (the screen's event loop) wait at most QUICK_BUSY_MS."""
        self._quick_thread = thread_id

    def _quick(self) -> bool:
        return (threading.get_ident() == self._quick_thread
                and not getattr(self._patience, "on", False))

    @contextlib.contextmanager
    def patient(self) -> Iterator[None]:
        """Writes inside wait the full busy timeout, even on the quick thread (quitting)."""
        before = getattr(self._patience, "on", False)
        self._patience.on = True
        try:
            yield
        finally:
            self._patience.on = before

    # ---- is it still the database we opened? ----------------------------------------------

    def _file_identity(self) -> tuple[int, int] | None:
        """The file's device and inode (None without a path, or when it is gone)."""
        if self.path is None:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def _read_generation(self, conn: Connection | None = None) -> str | None:
        """The token of the data in the file (None before schema v4: no token yet)."""
        if conn is None:
            with self.read() as s:
                return self._read_generation(s.connection())
        try:
            token = conn.exec_driver_sql(
                "SELECT token FROM store_generation WHERE id = 1").scalar()
        except OperationalError:  # no such table: data from before v4 (restored into it)
            return None
        return str(token) if token is not None else None

    @property
    def _generation(self) -> str | None:
        """The token of the data this store opened (read now when the opener did not)."""
        if self._opened is None:
            self._opened = (self._read_generation(),)
        return self._opened[0]

    def _moved(self) -> bool:
        """The path now names another file than the one opened (or none at all)."""
        return self.path is not None and self._file_identity() != self._identity

    def _refuse_replaced(self, conn: Connection) -> None:
        """Raise DatabaseReplacedError when the data is not the data this store opened."""
        if self._moved() or self._read_generation(conn) != self._generation:
            log.info("the database was replaced since it was opened")
            if self.replaced_hook is not None:
                self.replaced_hook()
            raise DatabaseReplacedError(REPLACED, self.path)

    def replaced(self) -> bool:
        """True when the file was replaced since it was opened (look on focus, on return)."""
        return self._moved() or self._read_generation() != self._generation

    def adopt(self, engine: Engine | None, readonly_reason: str,
              generation: tuple[str | None] | None) -> None:
        """Take the data now in the file as this database's (after the open sequence ran again).

        `engine` replaces the old one (which is disposed); None keeps the engine and only
        re-reads the data's token (a store without a file).
        """
        if engine is None:
            self._opened = (self._read_generation(),)
            return
        old = self.engine
        self._bind(engine)
        self.readonly_reason = readonly_reason
        self._opened, self._identity = generation, self._file_identity()
        old.dispose()

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
        return BusyError(
            f"Not saved: {where} is busy in another window. Try again in a moment.", path
        )
    return StoreError(f"Not saved: {where} reported an error ({type(orig).__name__}).", path)
