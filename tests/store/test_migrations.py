"""Migrations run in one transaction: a failing step changes nothing and leaves a backup."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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
    assert versions(db_path) == (migrations.LATEST, migrations.LATEST)
    assert "extra" not in tables(db_path)
    assert dump(db_path) == before
    backups = sorted((db_path.parent / "backups").glob(f"pre-v{migrations.LATEST + 1}-*.db"))
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
    assert versions(db_path) == (migrations.LATEST, migrations.LATEST)
    assert dump(db_path) == before


def test_successful_migration_applies_and_bumps_the_version(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    fill(store, 2)
    store.close()
    step = "ALTER TABLE application ADD COLUMN extra_note TEXT DEFAULT '' NOT NULL"
    upgraded = Store.open(db_path, clock, steps=(*migrations.STEPS, step))
    upgraded.close()
    assert versions(db_path) == (migrations.LATEST + 1, migrations.LATEST + 1)
    assert len(list((db_path.parent / "backups").glob(f"pre-v{migrations.LATEST + 1}-*.db"))) == 1


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
    assert versions(path) == (migrations.LATEST, migrations.LATEST)


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
    nxt = migrations.LATEST + 1
    backups = sorted(p.name for p in (tmp_path / "backups").glob(f"pre-v{nxt}-*.db"))
    assert backups == [f"pre-v{nxt}-20261125T090000-2.db", f"pre-v{nxt}-20261125T090000.db"]


# ---- upgrades from every released schema version ---------------------------------------------

RELEASED = sorted((Path(__file__).parent.parent / "data").glob("schema-v*.db"))
"""One frozen database per released schema version (a demo database written by that release)."""


def _snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a released version, in a comparable form."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'schema_version'")]
        return {
            name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in names
        }
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_released_version_but_the_latest() -> None:
    assert [p.name for p in RELEASED] == [f"schema-v{n}.db" for n in range(1, migrations.LATEST)]


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_upgrade_from_a_released_version_keeps_every_row(
    fixture: Path, tmp_path: Path, clock: FixedClock
) -> None:
    import shutil

    path = tmp_path / "old.db"
    shutil.copyfile(fixture, path)
    before = _snapshot(path)
    assert sum(len(rows) for rows in before.values()) > 100  # a real database, not an empty one
    Store.open(path, clock).close()
    assert versions(path) == (migrations.LATEST, migrations.LATEST)
    after = _snapshot(path)
    for table, rows in before.items():
        # new columns are appended: the old part of every row is kept exactly, children included
        width = len(rows[0]) if rows else 0
        assert [row[:width] for row in after[table]] == rows, table
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # v2: every goal starts with one plan, its target and days as they were
        assert conn.execute("SELECT goal_id, target, rrule FROM goal_plan ORDER BY 1").fetchall() \
            == conn.execute("SELECT id, target, rrule FROM goal ORDER BY 1").fetchall()
    finally:
        conn.close()
    backups = list((tmp_path / "backups").glob("pre-v*.db"))
    assert len(backups) == 1


@contextlib.contextmanager
def machine_zone(name: str) -> Iterator[ZoneInfo]:
    """The process's own zone (what SQLite's 'localtime' asks the C library for)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield ZoneInfo(name)
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


BEFORE_V3 = [p for p in RELEASED if int(p.stem.removeprefix("schema-v")) < 3]
"""The released versions whose activity had no local day yet (v3 writes it as it happens)."""


@pytest.mark.parametrize("fixture", BEFORE_V3, ids=lambda p: p.stem)
def test_upgrading_puts_past_activity_on_its_local_day_in_the_machines_zone(
    fixture: Path, tmp_path: Path, clock: FixedClock
) -> None:
    """v3 stores the local day with activity; rows from before get it from the upgrade."""
    import shutil

    path = tmp_path / "old.db"
    shutil.copyfile(fixture, path)
    with machine_zone("Pacific/Auckland") as zone:
        Store.open(path, clock).close()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT at, local_day FROM stage_event").fetchall()
        rows += conn.execute("SELECT created_at, local_day FROM win").fetchall()
    finally:
        conn.close()
    assert len(rows) > 100
    moved = 0
    for at, day in rows:
        moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
        assert day == moment.astimezone(zone).date().isoformat(), at
        moved += day != moment.date().isoformat()
    assert moved > 10  # not vacuous: many of them fall on another day than UTC's


DST_EDGES = (  # Europe/Berlin, 2026: summer time from 29 March, winter time from 25 October
    ("2026-03-28 23:30:00.000000", "2026-03-29"),  # 00:30 CET
    ("2026-03-29 22:30:00.000000", "2026-03-30"),  # 00:30 CEST
    ("2026-10-24 22:30:00.000000", "2026-10-25"),  # 00:30 CEST
    ("2026-10-25 22:59:00.000000", "2026-10-25"),  # 23:59 CET
)


def test_the_upgrade_uses_the_zones_rules_not_one_offset(tmp_path: Path, clock: FixedClock
                                                          ) -> None:
    """Either fixed offset (+1 or +2) would put one of these on the wrong day."""
    path = tmp_path / "v2.db"
    Store.open(path, clock, steps=migrations.STEPS[:2]).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO application (id, company, role, stage, last_activity_at, "
                     "created_at, updated_at) VALUES (1, 'A', 'B', 'applied', ?, ?, ?)",
                     (DST_EDGES[0][0],) * 3)
        for at, _ in DST_EDGES:
            conn.execute("INSERT INTO stage_event (application_id, stage, at) "
                         "VALUES (1, 'applied', ?)", (at,))
            conn.execute("INSERT INTO win (title, category, created_at, updated_at) "
                         "VALUES ('w', 'shipped', ?, ?)", (at, at))
    conn.close()
    with machine_zone("Europe/Berlin"):
        Store.open(path, clock).close()
    conn = sqlite3.connect(path)
    try:
        expected = [day for _, day in DST_EDGES]
        assert [r[0] for r in conn.execute("SELECT local_day FROM stage_event ORDER BY id")] \
            == expected
        assert [r[0] for r in conn.execute("SELECT local_day FROM win ORDER BY id")] == expected
    finally:
        conn.close()
