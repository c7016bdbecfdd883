"""Migrations run in one transaction: a failing step changes nothing and leaves a backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store import engine, migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import MigrationError

BAD_STEP = "CREATE TABLE extra (id INTEGER); INSERT INTO nope VALUES (1)"


def fill(store: Store, n: int = 3) -> None:
    for i in range(n):
        store.applications.create(ApplicationDraft(company=f"Acme {i}", role="Engineer"))


def versions(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
        return row[0], conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_failing_migration_rolls_back_completely(
    store: Store, db_path: Path, clock: FixedClock, dump: Callable[[Path], dict]
) -> None:
    fill(store)
    store.close()
    before = dump(db_path)

    with pytest.raises(MigrationError) as info:
        Store.open(db_path, clock, steps=(*migrations.STEPS, BAD_STEP))

    assert str(db_path) in str(info.value)
    assert "\n" not in str(info.value)
    assert versions(db_path) == (1, 1)
    assert "extra" not in tables(db_path)
    assert dump(db_path) == before
    backups = sorted((db_path.parent / "backups").glob("pre-v2-*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert dump(backups[0]) == before
    # And the file still opens normally afterwards.
    again = Store.open(db_path, clock)
    assert again.applications.count() == 3
    again.close()


def test_migration_that_breaks_references_is_refused(
    store: Store, db_path: Path, clock: FixedClock, dump: Callable[[Path], dict]
) -> None:
    fill(store, 1)
    store.close()
    before = dump(db_path)
    orphan = (
        "INSERT INTO stage_event (application_id, stage, at, note) "
        "VALUES (999, 'applied', '2026-11-25 09:00:00', '')"
    )
    with pytest.raises(MigrationError, match="references"):
        Store.open(db_path, clock, steps=(*migrations.STEPS, orphan))
    assert versions(db_path) == (1, 1)
    assert dump(db_path) == before


def test_successful_migration_applies_and_bumps_the_version(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    fill(store, 2)
    store.close()
    step = "ALTER TABLE application ADD COLUMN extra_note TEXT DEFAULT '' NOT NULL"
    upgraded = Store.open(db_path, clock, steps=(*migrations.STEPS, step))
    upgraded.close()
    assert versions(db_path) == (2, 2)
    assert len(list((db_path.parent / "backups").glob("pre-v2-*.db"))) == 1


def test_migration_waits_for_another_instance_that_migrated_first(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows opening a fresh file at once: the second must not run the steps again."""
    path = tmp_path / "race.db"
    Store.open(path, clock).close()  # the other instance won the race
    real = engine.stored_version
    calls = {"n": 0}

    def stale_first(conn: sqlite3.Connection) -> int:
        calls["n"] += 1
        return 0 if calls["n"] == 1 else real(conn)  # read before the other one committed

    monkeypatch.setattr(engine, "stored_version", stale_first)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert engine.migrate(conn, path, clock.now()) == migrations.LATEST
    finally:
        conn.close()
    assert versions(path) == (1, 1)


def test_a_retried_upgrade_in_the_same_second_keeps_both_backups(tmp_path):
    """A failed upgrade leaves its pre-upgrade backup; retrying at once must not be blocked."""
    from datetime import UTC, datetime

    from bounceback.clock import FixedClock
    from bounceback.store import migrations
    from bounceback.store.db import Store
    from bounceback.store.errors import MigrationError

    clock = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    path = tmp_path / "b.db"
    Store.open(path, clock).close()
    bad = (*migrations.STEPS, "CREATE TABLE extra (id INTEGER); INSERT INTO nope VALUES (1)")
    good = (*migrations.STEPS, "CREATE TABLE extra (id INTEGER)")
    with pytest.raises(MigrationError):
        Store.open(path, clock, steps=bad)
    Store.open(path, clock, steps=good).close()  # same clock second: a second backup name
    backups = sorted(p.name for p in (tmp_path / "backups").glob("pre-v2-*.db"))
    assert backups == ["pre-v2-20261125T090000-2.db", "pre-v2-20261125T090000.db"]
