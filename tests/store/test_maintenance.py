"""Backups, restore, daily rotation and the read-only check."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.domain import Stage
from bounceback.store import migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError
from bounceback.store.maintenance import (
    CheckReport,
    backup_database,
    check_database,
    daily_backup,
    restore_database,
)

Snapshot = Callable[[Path], dict[str, str]]
Dump = Callable[[Path], dict[str, list[tuple[object, ...]]]]


def data(rows: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    """Every table but the generation token (a restore gives the data a new one)."""
    return {table: found for table, found in rows.items() if table != "store_generation"}


def fill(store: Store, n: int, prefix: str = "Co") -> None:
    for i in range(n):
        store.applications.create(
            ApplicationDraft(company=f"{prefix} {i}", role="Engineer", notes="[b]x[/b] 🎉")
        )


def quick_check(path: Path) -> str:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def newer(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("UPDATE schema_version SET version = ?", (migrations.LATEST + 1,))
        conn.execute(f"PRAGMA user_version={migrations.LATEST + 1}")
    finally:
        conn.close()


def middle_page_smashed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    for n in sorted(range(1, pages), key=lambda n: abs(n - pages // 2)):
        if data[n * 4096] in (2, 5, 10, 13):
            data[n * 4096 : (n + 1) * 4096] = b"\xff" * 4096
            break
    path.write_bytes(bytes(data))


# ---- backup ---------------------------------------------------------------------------------


def test_backup_default_name_mode_and_content(store: Store, db_path: Path, dump: Dump) -> None:
    fill(store, 4)
    made = backup_database(db_path, None, store.clock.now())
    assert made == db_path.parent / "backups" / "bounceback-20261125T090000.db"
    assert made.stat().st_mode & 0o777 == 0o600
    assert quick_check(made) == "ok"
    assert dump(made) == dump(db_path)
    # A self-contained file (rollback journal, not WAL): reading it leaves nothing beside it.
    assert made.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_backup_never_overwrites(store: Store, db_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "mine.db"
    dest.write_bytes(b"precious")
    with pytest.raises(StoreError, match="already exists"):
        backup_database(db_path, dest, store.clock.now())
    assert dest.read_bytes() == b"precious"
    backup_database(db_path, None, store.clock.now())
    with pytest.raises(StoreError, match="already exists"):
        backup_database(db_path, None, store.clock.now())


def test_backup_of_a_missing_database_creates_nothing(tmp_path: Path, clock: FixedClock) -> None:
    missing = tmp_path / "nope" / "b.db"
    with pytest.raises(StoreError, match="no database"):
        backup_database(missing, None, clock.now())
    assert not (tmp_path / "nope").exists()


def test_backup_while_another_connection_writes_is_consistent(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    fill(store, 20)
    writer = Store.open(db_path, clock)
    stop = threading.Event()
    written = [0]
    failures: list[BaseException] = []

    def keep_writing() -> None:
        try:
            while not stop.is_set():
                writer.applications.create(
                    ApplicationDraft(company=f"live {written[0]}", role="r", description="d" * 500)
                )
                written[0] += 1
        except BaseException as exc:  # reported below
            failures.append(exc)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    backups = []
    try:
        for i in range(6):
            while written[0] < 20 * (i + 1) and thread.is_alive():
                threading.Event().wait(0.005)
            backups.append(backup_database(db_path, None, clock.now() + timedelta(seconds=i)))
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert not failures
    counts = []
    for backup in backups:
        assert quick_check(backup) == "ok"
        conn = sqlite3.connect(backup)
        try:
            apps = conn.execute("SELECT count(*) FROM application").fetchone()[0]
            events = conn.execute("SELECT count(*) FROM stage_event").fetchone()[0]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
        assert apps == events  # each create is one transaction: never half of one
        counts.append(apps)
    assert counts == sorted(counts) and counts[-1] > counts[0] >= 20


# ---- restore --------------------------------------------------------------------------------


def test_restore_round_trip_gives_identical_rows(
    store: Store, db_path: Path, clock: FixedClock, dump: Dump
) -> None:
    fill(store, 5)
    store.settings.update(wallow_minutes=20)
    saved = dump(db_path)
    backup = backup_database(db_path, None, clock.now())
    # Life goes on after the backup...
    first = store.applications.rows()[0]
    store.applications.move(first.id, Stage.REJECTED)
    store.applications.delete(store.applications.rows()[1].id)
    fill(store, 3, prefix="After")
    changed = dump(db_path)
    assert changed != saved

    aside = restore_database(backup, db_path, clock.now() + timedelta(seconds=1))

    restored = dump(db_path)
    assert data(restored) == data(saved)
    # ...under a new token: a window that opened the file before can tell it was restored
    assert restored["store_generation"] != saved["store_generation"]
    assert store.replaced()
    assert aside == db_path.parent / "backups" / "before-restore-20261125T090001.db"
    assert aside is not None and dump(aside) == changed
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert quick_check(db_path) == "ok"
    assert db_path.read_bytes()[18:20] == b"\x02\x02"  # still a WAL database
    # The window that was open on the database sees the restored data.
    assert store.applications.count() == 5
    assert store.settings.get().wallow_minutes == 20
    reopened = Store.open(db_path, clock)
    assert len(reopened.applications.rows()) == 5
    reopened.close()


def test_restore_into_a_missing_database(
    store: Store, db_path: Path, tmp_path: Path, clock: FixedClock, dump: Dump
) -> None:
    fill(store, 2)
    backup = backup_database(db_path, tmp_path / "elsewhere" / "copy.db", clock.now())
    target = tmp_path / "new-machine" / "data" / "b.db"
    assert restore_database(backup, target, clock.now()) is None
    assert data(dump(target)) == data(dump(db_path))
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700


def make_random(path: Path) -> None:
    path.write_bytes(random.Random(3).randbytes(8192))


def make_plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("spoil", "error"),
    [
        (make_random, CorruptDatabaseError),
        (middle_page_smashed, CorruptDatabaseError),
        (newer, NewerSchemaError),
        (make_plain_sqlite, CorruptDatabaseError),
    ],
    ids=["random bytes", "smashed page", "newer schema", "not bounceback"],
)
def test_restore_refuses_a_bad_source_and_changes_nothing(
    store: Store,
    db_path: Path,
    tmp_path: Path,
    clock: FixedClock,
    snapshot_files: Snapshot,
    spoil: Callable[[Path], None],
    error: type[StoreError],
) -> None:
    fill(store, 300)
    source = tmp_path / "source.db"
    if spoil is make_random or spoil is make_plain_sqlite:
        spoil(source)
    else:
        backup_database(db_path, source, clock.now())
        spoil(source)
    store.close()
    before = snapshot_files(db_path)

    with pytest.raises(error) as info:
        restore_database(source, db_path, clock.now())

    assert str(source) in str(info.value)
    assert "\n" not in str(info.value)
    assert snapshot_files(db_path) == before
    assert not list((db_path.parent / "backups").glob("before-restore-*"))


def test_restore_refuses_a_missing_source_and_the_database_itself(
    store: Store, db_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        restore_database(tmp_path / "nope.db", db_path, clock.now())
    with pytest.raises(StoreError, match="database itself"):
        restore_database(db_path, db_path, clock.now())
    assert not (db_path.parent / "backups").exists()


def test_restore_over_an_unreadable_database_keeps_its_bytes_aside(
    store: Store, db_path: Path, clock: FixedClock, dump: Dump
) -> None:
    fill(store, 3)
    saved = dump(db_path)
    backup = backup_database(db_path, None, clock.now())
    store.close()
    spoiled = bytearray(db_path.read_bytes())
    spoiled[16:100] = bytes(84)  # SQLite can no longer read it at all
    db_path.write_bytes(bytes(spoiled))

    aside = restore_database(backup, db_path, clock.now() + timedelta(seconds=1))

    assert aside is not None and aside.read_bytes() == bytes(spoiled)
    assert data(dump(db_path)) == data(saved)
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_restore_over_an_unreadable_database_with_a_journal_beside_it_is_refused(
    store: Store, db_path: Path, clock: FixedClock, snapshot_files: Snapshot
) -> None:
    fill(store, 3)
    backup = backup_database(db_path, None, clock.now())
    store.close()
    db_path.write_bytes(b"garbage" * 1000)
    Path(f"{db_path}-wal").write_bytes(b"wal frames")
    before = snapshot_files(db_path)
    with pytest.raises(StoreError, match="-wal"):
        restore_database(backup, db_path, clock.now() + timedelta(seconds=1))
    assert snapshot_files(db_path) == before
    assert not list((db_path.parent / "backups").glob("before-restore-*"))


def test_restore_over_a_damaged_but_readable_database(
    store: Store, db_path: Path, clock: FixedClock, dump: Dump
) -> None:
    fill(store, 300)
    saved = dump(db_path)
    backup = backup_database(db_path, None, clock.now())
    store.close()
    middle_page_smashed(db_path)
    damaged = db_path.read_bytes()
    aside = restore_database(backup, db_path, clock.now() + timedelta(seconds=1))
    assert aside is not None
    kept = aside.read_bytes()
    # A page-for-page copy (the backup API only bumps the header's change counter).
    assert len(kept) == len(damaged) and kept[100:] == damaged[100:]
    assert quick_check(db_path) == "ok"
    assert data(dump(db_path)) == data(saved)


# ---- daily ----------------------------------------------------------------------------------


def test_daily_backup_once_a_day_keeping_seven(store: Store, db_path: Path) -> None:
    fill(store, 2)
    backups = db_path.parent / "backups"
    others = [
        backup_database(db_path, backups / "pre-v2-20260101T000000.db", store.clock.now()),
        backup_database(db_path, None, store.clock.now()),
        backups / "before-restore-20260101T000000.db",
    ]
    others[-1].write_bytes(b"kept aside")
    start = store.clock.now()
    made = []
    for day in range(10):
        now = start + timedelta(days=day)
        made.append(daily_backup(db_path, now))
        assert daily_backup(db_path, now + timedelta(hours=3)) is None  # same day: nothing
    assert all(m is not None for m in made)
    dailies = sorted(p.name for p in backups.glob("daily-*.db"))
    assert dailies == [f"daily-2026-{d}.db" for d in ("11-28", "11-29", "11-30")] + [
        f"daily-2026-12-0{d}.db" for d in range(1, 5)
    ]
    assert all(p.exists() for p in others)
    assert all(quick_check(backups / name) == "ok" for name in dailies)


def test_daily_backup_keep_is_configurable(store: Store, db_path: Path) -> None:
    for day in range(5):
        daily_backup(db_path, store.clock.now() + timedelta(days=day), keep=2)
    assert len(list((db_path.parent / "backups").glob("daily-*.db"))) == 2


def test_daily_backup_without_a_database_does_nothing(tmp_path: Path, clock: FixedClock) -> None:
    assert daily_backup(tmp_path / "none" / "b.db", clock.now()) is None
    assert not (tmp_path / "none").exists()


# ---- check ----------------------------------------------------------------------------------


def test_check_reports_counts_of_every_table(store: Store, db_path: Path) -> None:
    fill(store, 3)
    store.applications.move(store.applications.rows()[0].id, Stage.SCREENING)
    report = check_database(db_path)
    assert isinstance(report, CheckReport)
    assert report.ok and report.problems == []
    assert report.integrity == "ok"
    assert report.schema_version == report.latest == migrations.LATEST
    assert report.counts["application"] == 3
    assert report.counts["stage_event"] == 4
    assert report.counts["schema_version"] == 1
    assert set(report.counts) >= {"rejection", "win", "goal_day", "check_in", "setting"}


def test_check_never_changes_the_file(
    store: Store, db_path: Path, snapshot_files: Snapshot, dump: Dump
) -> None:
    fill(store, 3)
    store.close()
    before = snapshot_files(db_path)[db_path.name]
    assert check_database(db_path).ok
    assert snapshot_files(db_path)[db_path.name] == before


def test_check_reports_a_missing_file_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "b.db"
    report = check_database(missing)
    assert not report.ok
    assert str(missing) in report.problems[0]
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("spoil", [make_random, middle_page_smashed], ids=["random", "page"])
def test_check_reports_corruption(
    store: Store, db_path: Path, snapshot_files: Snapshot, spoil: Callable[[Path], None]
) -> None:
    fill(store, 300)
    store.close()
    spoil(db_path)
    before = snapshot_files(db_path)[db_path.name]
    report = check_database(db_path)
    assert not report.ok
    assert report.problems and all(str(db_path) in p for p in report.problems[:1])
    assert snapshot_files(db_path)[db_path.name] == before


def test_check_reports_a_newer_schema(store: Store, db_path: Path) -> None:
    store.close()
    newer(db_path)
    report = check_database(db_path)
    assert not report.ok
    assert report.integrity == "ok"
    assert report.schema_version == migrations.LATEST + 1
    assert any("newer bounceback" in p for p in report.problems)


def test_check_reports_broken_references(store: Store, db_path: Path) -> None:
    fill(store, 1)
    store.close()
    conn = sqlite3.connect(db_path)  # foreign keys are off on a plain connection
    conn.execute(
        "INSERT INTO stage_event (application_id, stage, at, note) "
        "VALUES (999, 'applied', '2026-11-25 09:00:00', '')"
    )
    conn.commit()
    conn.close()
    report = check_database(db_path)
    assert not report.ok
    assert any("stage_event" in p for p in report.problems)


def test_check_an_unmigrated_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    report = check_database(empty)
    assert not report.ok and report.schema_version == 0


def test_report_is_frozen(tmp_path: Path) -> None:
    report = check_database(tmp_path / "x.db")
    with pytest.raises(AttributeError):
        report.ok = True  # type: ignore[misc]
    assert replace(report, ok=True).ok


def test_nothing_here_touches_the_real_home(tmp_path: Path) -> None:
    from bounceback import paths

    assert os.environ["BOUNCEBACK_DB"] == str(paths.db_path())
    assert not str(paths.db_path()).startswith(str(Path("~").expanduser()) + "/.local")
