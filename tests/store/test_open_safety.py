"""Opening refuses what it must not touch (newer or damaged files) and creates private files."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store import migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import CorruptDatabaseError, NewerSchemaError
from bounceback.store.maintenance import backup_database, daily_backup, restore_database

PAGE = 4096


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def make_db(path: Path, clock: FixedClock, rows: int = 0) -> Path:
    """A closed, checkpointed bounceback database with `rows` applications."""
    store = Store.open(path, clock)
    for i in range(rows):
        store.applications.create(ApplicationDraft(company=f"Company {i:04}", role="Analyst"))
    store.close()
    assert not Path(f"{path}-wal").exists()
    return path


def set_version(path: Path, version: int, journal_mode: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode={journal_mode}")
        conn.execute("UPDATE schema_version SET version = ?", (version,))
        conn.execute(f"PRAGMA user_version={version}")
    finally:
        conn.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_newer_schema_is_refused_and_the_file_stays_byte_identical(
    db_path: Path,
    clock: FixedClock,
    journal_mode: str,
    snapshot_files: Callable[[Path], dict[str, str]],
) -> None:
    make_db(db_path, clock, rows=3)
    set_version(db_path, migrations.LATEST + 1, journal_mode)
    before = snapshot_files(db_path)

    with pytest.raises(NewerSchemaError) as info:
        Store.open(db_path, clock)

    message = str(info.value)
    assert str(db_path) in message and "newer bounceback" in message
    assert "\n" not in message
    assert snapshot_files(db_path) == before
    assert not (db_path.parent / "backups").exists()


CRASH_AFTER = r"""
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint=0")
for statement in sys.argv[2:]:
    conn.execute(statement)
os._exit(0)  # no close: the frames stay in the -wal, as after a crash or a power cut
"""


def crash_after(path: Path, *statements: str) -> None:
    """Run statements in another process that dies without checkpointing its -wal."""
    subprocess.run([sys.executable, "-c", CRASH_AFTER, str(path), *statements], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def test_newer_schema_with_a_crash_left_wal_is_refused_and_both_stay_identical(
    db_path: Path, clock: FixedClock, snapshot_files: Callable[[Path], dict[str, str]]
) -> None:
    """A writer that looked at it would checkpoint the -wal into the file and delete it."""
    make_db(db_path, clock, rows=3)
    newer = migrations.LATEST + 1
    crash_after(
        db_path,
        f"UPDATE schema_version SET version = {newer}",
        f"PRAGMA user_version={newer}",
        "UPDATE application SET notes = 'written by the newer version'",
    )
    before = snapshot_files(db_path)
    assert f"{db_path.name}-wal" in before

    with pytest.raises(NewerSchemaError):
        Store.open(db_path, clock)

    assert snapshot_files(db_path) == before


def corrupt_random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(20 * PAGE))


def corrupt_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:100] = random.Random(2).randbytes(84)  # page size, versions, counters: all wrong
    path.write_bytes(bytes(data))


def corrupt_magic(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"
    path.write_bytes(bytes(data))


def corrupt_middle_page(path: Path) -> None:
    """Overwrite the b-tree page nearest the middle of the file with 0xFF bytes."""
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    btree_types = {2, 5, 10, 13}
    candidates = sorted(range(1, pages), key=lambda n: abs(n - pages // 2))
    page = next(n for n in candidates if data[n * PAGE] in btree_types)
    data[page * PAGE : (page + 1) * PAGE] = b"\xff" * PAGE
    path.write_bytes(bytes(data))


CORRUPTIONS = {
    "random bytes": corrupt_random_bytes,
    "damaged header": corrupt_header,
    "damaged magic": corrupt_magic,
    "overwritten page": corrupt_middle_page,
}


@pytest.fixture(params=list(CORRUPTIONS))
def corrupt_db(request: pytest.FixtureRequest, db_path: Path, clock: FixedClock) -> Path:
    """A database with many rows, damaged in one of the CORRUPTIONS ways."""
    make_db(db_path, clock, rows=300)
    CORRUPTIONS[request.param](db_path)
    return db_path


def test_corrupt_file_is_reported_clearly_and_left_byte_identical(
    corrupt_db: Path, clock: FixedClock, snapshot_files: Callable[[Path], dict[str, str]]
) -> None:
    before = snapshot_files(corrupt_db)
    with pytest.raises(CorruptDatabaseError) as info:
        Store.open(corrupt_db, clock)
    message = str(info.value)
    assert str(corrupt_db) in message
    assert "untouched" in message
    assert "\n" not in message
    assert "Traceback" not in message
    assert snapshot_files(corrupt_db) == before


def test_damaged_file_with_a_crash_left_wal_is_refused_and_both_stay_identical(
    db_path: Path, clock: FixedClock, snapshot_files: Callable[[Path], dict[str, str]]
) -> None:
    make_db(db_path, clock, rows=300)
    crash_after(db_path, "UPDATE application SET notes = 'after the crash' WHERE id = 1")
    corrupt_middle_page(db_path)
    before = snapshot_files(db_path)
    with pytest.raises(CorruptDatabaseError):
        Store.open(db_path, clock)
    assert snapshot_files(db_path) == before


def test_corrupt_file_message_names_the_newest_backup(db_path: Path, clock: FixedClock) -> None:
    make_db(db_path, clock, rows=5)
    older = backup_database(db_path, None, clock.now())
    newer = backup_database(db_path, None, clock.now() + timedelta(seconds=5))
    os.utime(older, (1, 1))
    corrupt_magic(db_path)
    with pytest.raises(CorruptDatabaseError) as info:
        Store.open(db_path, clock)
    assert str(newer) in str(info.value)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run the test under the common default umask, then restore the previous one."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_files_are_private_under_umask_022(tmp_path: Path, clock: FixedClock) -> None:
    root = tmp_path / "home"
    path = root / "share" / "bounceback" / "b.db"
    store = Store.open(path, clock)
    try:
        store.applications.create(ApplicationDraft(company="Private Co", role="Analyst"))
        for folder in (root, root / "share", root / "share" / "bounceback"):
            assert mode(folder) == 0o700, folder
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix
        manual = backup_database(path, None, clock.now())
        daily = daily_backup(path, clock.now())
        assert daily is not None
        aside = restore_database(manual, path, clock.now() + timedelta(seconds=1))
        assert aside is not None
    finally:
        store.close()
    upgraded = Store.open(path, clock, steps=(*migrations.STEPS, "CREATE TABLE later (id INTEGER)"))
    upgraded.close()
    backups = path.parent / "backups"
    assert mode(backups) == 0o700
    made = sorted(backups.glob("*.db"))
    names = {p.name.split("-")[0] for p in made}
    assert names == {"bounceback", "daily", "before", "pre"}
    for backup in made:
        assert mode(backup) == 0o600, backup.name
    assert mode(path) == 0o600
