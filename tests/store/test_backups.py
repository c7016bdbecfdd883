"""Backups are written under a temporary name, checked, fsynced, then renamed (issue 10, item 7).

A failure at any point leaves nothing under the final name; a damaged file under a backup's
name is never counted as today's backup, kept in the rotation, offered or recommended.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store import backups as backups_module
from bounceback.store import migrations
from bounceback.store.backups import PARTIAL, backup_problem, checked_backups, clean_leftovers
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.engine import newest_backup_hint
from bounceback.store.errors import CorruptDatabaseError, StoreError
from bounceback.store.maintenance import backup_database, daily_backup, restore_database


def filled(path: Path, clock: FixedClock, rows: int = 200) -> Path:
    store = Store.open(path, clock)
    for i in range(rows):
        store.applications.create(
            ApplicationDraft(company=f"Co {i}", role="Engineer", notes="n" * 500)
        )
    store.close()
    return path


@pytest.fixture
def db(db_path: Path, clock: FixedClock) -> Path:
    return filled(db_path, clock)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def broken_copy(good: Path, dest: Path) -> Path:
    """What a killed backup of an older bounceback left: the first half of a good copy."""
    data = good.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def test_a_failure_midway_leaves_nothing_under_the_final_name(
    db: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_then_fail(src: sqlite3.Connection, target: sqlite3.Connection) -> None:
        copied = {"steps": 0}

        def progress(_status: int, _remaining: int, _total: int) -> None:
            copied["steps"] += 1
            if copied["steps"] == 3:
                raise OSError("disk I/O error (simulated)")

        src.backup(target, pages=2, progress=progress)

    monkeypatch.setattr(backups_module, "_copy_pages", half_then_fail)
    folder = db.parent / "backups"
    with pytest.raises(StoreError) as info:
        backup_database(db, None, clock.now())
    assert "nothing was written" in info.value.message and "\n" not in info.value.message
    assert listing(folder) == []  # neither the final name nor the temporary one
    with pytest.raises(StoreError):
        daily_backup(db, clock.now())
    assert listing(folder) == []


def test_a_copy_that_fails_its_check_is_never_renamed_into_place(
    db: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = backups_module._copy_pages

    def copy_then_damage(src: sqlite3.Connection, target: sqlite3.Connection) -> None:
        real(src, target)
        pages = target.execute("PRAGMA page_count").fetchone()[0]
        target.execute("PRAGMA writable_schema=ON")  # a bad root page: quick_check fails
        target.execute(f"UPDATE sqlite_master SET rootpage = {pages + 50} WHERE name='win'")
        target.commit()

    monkeypatch.setattr(backups_module, "_copy_pages", copy_then_damage)
    with pytest.raises(CorruptDatabaseError) as info:
        backup_database(db, None, clock.now())
    assert "no backup was written" in info.value.message and "\n" not in info.value.message
    assert listing(db.parent / "backups") == []


def test_a_damaged_daily_backup_is_not_counted_offered_or_recommended(
    db: Path, clock: FixedClock
) -> None:
    from bounceback.screens.startup import list_backups

    folder = db.parent / "backups"
    good = backup_database(db, None, clock.now())
    os.utime(good, (1_000, 1_000))
    today = clock.now()
    damaged = broken_copy(good, folder / f"daily-{today.date().isoformat()}.db")
    assert backup_problem(damaged)

    assert list_backups(db) == [good]  # the newest file is the damaged one: not offered
    assert str(good) in newest_backup_hint(db) and str(damaged) not in newest_backup_hint(db)

    made = daily_backup(db, today)  # today's damaged file does not count as done
    assert made == damaged and not backup_problem(made)
    kept = folder / f"{damaged.name}.damaged"
    assert kept.exists() and kept.read_bytes() == good.read_bytes()[: good.stat().st_size // 2]
    assert daily_backup(db, today + timedelta(hours=1)) is None  # now it is done
    assert list_backups(db)[0] == made


def test_rotation_keeps_the_newest_checked_daily_backups(db: Path, clock: FixedClock) -> None:
    folder = db.parent / "backups"
    start = clock.now()
    for day in range(3):
        daily_backup(db, start + timedelta(days=day), keep=2)
    good = sorted(folder.glob("daily-*.db"))
    assert len(good) == 2
    # an older bounceback's killed backup under a newer day's name
    future = start + timedelta(days=5)
    broken_copy(good[-1], folder / f"daily-{(future - timedelta(days=1)).date()}.db")
    made = daily_backup(db, future, keep=2)
    names = sorted(p.name for p in folder.glob("daily-*.db"))
    # kept: the new one and the newest good one before it; the broken one is never counted
    assert made is not None and made.name in names and good[-1].name in names
    assert good[0].name not in names
    assert {p.name for p in checked_backups(folder)} == {made.name, good[-1].name}


def test_a_stale_journal_beside_a_final_name_is_refused(db: Path, clock: FixedClock) -> None:
    """SQLite would roll a leftover journal into a new file of the same name."""
    folder = db.parent / "backups"
    folder.mkdir(mode=0o700)
    dest = folder / "bounceback-20261125T090000.db"
    Path(f"{dest}-journal").write_bytes(b"left by a killed copy")
    with pytest.raises(StoreError, match="-journal"):
        backup_database(db, None, clock.now())
    assert not dest.exists()


def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_leftovers_of_a_killed_writer_are_ignored_then_cleaned_up(
    db: Path, clock: FixedClock
) -> None:
    from bounceback.screens.startup import list_backups

    folder = db.parent / "backups"
    folder.mkdir(mode=0o700)
    pid = dead_pid()
    dead = [
        folder / f".daily-2026-11-24.db.{pid}-0badf00d.partial",
        folder / f".daily-2026-11-24.db.{pid}-0badf00d.partial-journal",
    ]
    live = folder / f".bounceback-x.db.{os.getpid()}-feedface.partial"  # being written now
    for f in (*dead, live):
        f.write_bytes(b"half a copy")
    assert all(PARTIAL.match(f.name) for f in (*dead, live))
    assert list_backups(db) == []  # ignored
    made = backup_database(db, None, clock.now())
    assert listing(folder) == sorted([made.name, live.name])
    assert clean_leftovers(folder) == []


def test_the_final_name_never_replaces_a_file_that_appeared_meanwhile(
    db: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows making today's backup at once: the second one never overwrites the first."""
    folder = db.parent / "backups"
    dest = folder / "daily-2026-11-25.db"
    real = backups_module.fsync_file

    def other_window_wins(path: Path) -> None:
        real(path)
        dest.write_bytes(b"the other window's backup")

    monkeypatch.setattr(backups_module, "fsync_file", other_window_wins)
    with pytest.raises(StoreError, match="already exists"):
        backup_database(db, dest, clock.now())
    assert dest.read_bytes() == b"the other window's backup"
    assert listing(folder) == [dest.name]


def test_every_kind_of_backup_is_checked_and_private(db: Path, clock: FixedClock) -> None:
    folder = db.parent / "backups"
    manual = backup_database(db, None, clock.now())
    daily = daily_backup(db, clock.now())
    aside = restore_database(manual, db, clock.now() + timedelta(seconds=1))
    Store.open(db, clock, steps=(*migrations.STEPS, "CREATE TABLE later (x)")).close()
    (pre,) = folder.glob("pre-v*.db")
    for made in (manual, daily, aside, pre):
        assert made is not None
        assert not backup_problem(made), made.name
        assert made.stat().st_mode & 0o777 == 0o600
    assert not [p for p in folder.iterdir() if PARTIAL.match(p.name)]


def test_the_quick_structural_check_and_the_thorough_one(db: Path, clock: FixedClock) -> None:
    """Cut short, a journal beside it, not ours: the cheap check sees it; a smashed page needs
    quick_check, which is what the error screen and the hints use."""
    good = backup_database(db, None, clock.now())
    folder = good.parent
    cut = broken_copy(good, folder / "cut.db")
    journal = folder / "journal.db"
    journal.write_bytes(good.read_bytes())
    Path(f"{journal}-journal").write_bytes(b"hot")
    smashed = folder / "smashed.db"
    data = bytearray(good.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    smashed.write_bytes(bytes(data))
    assert backup_problem(cut, thorough=False) == "cut short"
    assert "journal" in backup_problem(journal, thorough=False)
    assert backup_problem(smashed, thorough=False) == ""
    assert backup_problem(smashed) != ""
    assert checked_backups(folder) == [good]
