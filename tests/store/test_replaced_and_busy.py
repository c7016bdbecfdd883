"""A store open while its file is restored, or while another window holds the write lock.

Restore (issue 10, item 3): the data gets a new generation token, so a store that opened the
file before refuses to write into the restored data (DatabaseReplacedError, nothing written)
until it reopens. Busy (item 5): a write on the screen's thread never waits longer than a beat;
any other thread waits its turn, and its write lands once the lock is free.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store import migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import BusyError, DatabaseReplacedError
from bounceback.store.maintenance import backup_database, restore_database

FIXTURE_V3 = Path(__file__).parents[1] / "data" / "schema-v3.db"


def companies(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT company FROM application ORDER BY id")]
    finally:
        conn.close()


def test_a_restore_is_noticed_and_nothing_is_written_into_the_restored_data(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    store.applications.create(ApplicationDraft(company="Before", role="r"))
    backup = backup_database(db_path, None, clock.now())
    store.applications.create(ApplicationDraft(company="After", role="r"))
    told: list[str] = []
    store.replaced_hook = lambda: told.append("replaced")
    assert not store.replaced()

    restore_database(backup, db_path, clock.now() + timedelta(seconds=1))

    assert store.replaced()
    with pytest.raises(DatabaseReplacedError) as raised:
        store.applications.create(ApplicationDraft(company="Typed after", role="r"))
    assert "restored from a backup" in raised.value.message
    assert told == ["replaced"]
    assert companies(db_path) == ["Before"]  # the refused write left no trace

    store.reopen()
    assert not store.replaced()
    store.applications.create(ApplicationDraft(company="Typed after", role="r"))
    assert companies(db_path) == ["Before", "Typed after"]


def test_a_restore_from_before_the_token_existed_is_noticed_and_reopening_upgrades_it(
    store: Store, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    old = tmp_path / "v3.db"
    shutil.copyfile(FIXTURE_V3, old)
    restore_database(old, db_path, clock.now())
    assert store.replaced()
    with pytest.raises(DatabaseReplacedError):
        store.settings.update(stale_days=9)
    store.reopen()  # the open sequence: upgraded to the latest schema, with its backup first
    assert not store.replaced()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == (
            migrations.LATEST)
    finally:
        conn.close()
    assert store.settings.update(stale_days=9).stale_days == 9
    assert list((db_path.parent / "backups").glob(f"pre-v{migrations.LATEST}-*.db"))


def test_a_file_swapped_in_under_the_same_name_is_noticed(
    store: Store, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    other = Store.open(tmp_path / "other" / "b.db", clock)
    other.applications.create(ApplicationDraft(company="Other", role="r"))
    other.close()
    os.replace(tmp_path / "other" / "b.db", db_path)  # e.g. a copy moved over it by hand
    assert store.replaced()
    with pytest.raises(DatabaseReplacedError):
        store.applications.create(ApplicationDraft(company="Lost?", role="r"))
    store.reopen()
    store.applications.create(ApplicationDraft(company="Kept", role="r"))
    assert companies(db_path) == ["Other", "Kept"]


@pytest.fixture
def lock_held(db_path: Path, store: Store) -> Iterator[sqlite3.Connection]:
    """Another window in the middle of a long write: it holds the write lock."""
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_the_quick_thread_is_refused_at_once_and_nothing_is_written(
    store: Store, db_path: Path, lock_held: sqlite3.Connection
) -> None:
    store.answer_quickly_on(threading.get_ident())
    begins = Begins(store)
    with pytest.raises(BusyError) as raised:
        store.applications.create(ApplicationDraft(company="Mine", role="r"))
    assert "busy in another window" in raised.value.message
    assert begins.waits == ["PRAGMA busy_timeout=50"]
    lock_held.execute("ROLLBACK")
    assert companies(db_path) == []
    store.applications.create(ApplicationDraft(company="Mine", role="r"))
    assert companies(db_path) == ["Mine"]


class Begins:
    """What a store's writes say to SQLite as they start: `asked` is set at BEGIN IMMEDIATE,
    and `waits` lists each busy timeout set just for one write (a quick write's short wait)."""

    def __init__(self, store: Store) -> None:
        from sqlalchemy import event

        self.asked = threading.Event()
        self.waits: list[str] = []

        def before(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if statement == "BEGIN IMMEDIATE":
                self.asked.set()
            elif statement.startswith("PRAGMA busy_timeout=") and not self.asked.is_set():
                self.waits.append(statement)

        event.listen(store.engine, "before_cursor_execute", before)


def write_in_thread(store: Store, company: str, *, patient: bool = False) -> tuple[
        threading.Thread, list[Exception]]:
    """Create an application from another thread; exceptions are collected, not lost."""
    errors: list[Exception] = []

    def write() -> None:
        try:
            if patient:
                store.answer_quickly_on(threading.get_ident())
                with store.patient():
                    store.applications.create(ApplicationDraft(company=company, role="r"))
            else:
                store.applications.create(ApplicationDraft(company=company, role="r"))
        except Exception as exc:  # reported by the test
            errors.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    return worker, errors


def test_another_thread_waits_its_turn_and_its_write_lands(
    store: Store, db_path: Path, lock_held: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bounceback.store.database.QUICK_BUSY_MS", 0)
    store.answer_quickly_on(threading.get_ident())  # this thread is the screen's...
    begins = Begins(store)
    worker, errors = write_in_thread(store, "Waited")  # ...the write runs on another one
    begins.asked.wait()
    assert companies(db_path) == []  # it waits for the lock
    lock_held.execute("COMMIT")
    worker.join()
    assert errors == []
    assert companies(db_path) == ["Waited"]
    assert begins.waits == []  # it waited the engine's full timeout, not a quick beat


def test_patient_writes_wait_even_on_the_quick_thread(
    store: Store, db_path: Path, lock_held: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bounceback.store.database.QUICK_BUSY_MS", 0)  # impatient at once
    begins = Begins(store)
    worker, errors = write_in_thread(store, "Last words", patient=True)  # quitting
    begins.asked.wait()
    lock_held.execute("COMMIT")
    worker.join()
    assert errors == []
    assert companies(db_path) == ["Last words"]
    assert begins.waits == []


# ---- the -wal in use is never deleted under a window ------------------------------------------


def _write_from_another_process(path: Path, days: int) -> None:
    """Another window: open the database, save a setting, close (its last connection)."""
    import subprocess
    import sys

    code = (
        "from datetime import datetime, UTC\n"
        "from pathlib import Path\n"
        "from bounceback.clock import FixedClock\n"
        "from bounceback.store.db import Store\n"
        f"s = Store.open(Path({str(path)!r}), FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC)))\n"
        f"s.settings.update(stale_days={days})\n"
        "s.close()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _fresh_look(path: Path) -> int:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT stale_days FROM setting").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["start-up with its daily backup", "reopened after a restore"])
def test_another_window_closing_never_deletes_the_wal_this_one_uses(
    how: str, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """Closing any descriptor of the file drops the process's POSIX locks, SQLite's included;
    a window that then closed its last connection deleted the -wal and -shm still in use here,
    and the two windows silently stopped seeing each other's writes (found while testing the
    reopen: the daily backup reads the header through a descriptor of its own)."""
    from bounceback.cli import _daily_backup

    Store.open(db_path, clock).close()
    store = Store.open(db_path, clock)  # what `bounceback` does at start-up
    _daily_backup(db_path, clock)
    store.settings.update(stale_days=10)  # connections open, locks held
    if how == "reopened after a restore":
        backup = backup_database(db_path, tmp_path / "b.db", clock.now())
        restore_database(backup, db_path, clock.now() + timedelta(seconds=1))
        store.reopen()
        store.settings.update(stale_days=10)
    _write_from_another_process(db_path, 11)
    assert store.settings.get().stale_days == 11  # this window sees the other one's write...
    store.settings.update(stale_days=12)
    store.close()
    assert _fresh_look(db_path) == 12  # ...and everyone sees this one's
