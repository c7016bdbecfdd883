"""Store fixtures: a fixed clock, a database path in tmp_path, an opened Store, file helpers."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store.db import Store

START = datetime(2026, 11, 25, 9, tzinfo=UTC)
SIDECARS = ("-wal", "-journal")  # -shm is a shared-memory index, rewritten by any reader


@pytest.fixture
def clock() -> FixedClock:
    """The tests' frozen "now": 2026-11-25 09:00 UTC."""
    return FixedClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test database lives (its folder does not exist yet)."""
    return tmp_path / "data" / "b.db"


@pytest.fixture
def store(db_path: Path, clock: FixedClock) -> Iterator[Store]:
    """A freshly created and migrated Store, closed after the test."""
    s = Store.open(db_path, clock)
    yield s
    s.close()


@pytest.fixture
def snapshot_files() -> Callable[[Path], dict[str, str]]:
    """A function giving the sha256 of a database file and of its -wal/-journal, if any."""

    def snapshot(path: Path) -> dict[str, str]:
        result = {}
        for suffix in ("", *SIDECARS):
            f = Path(f"{path}{suffix}")
            # A read-only reader of a WAL file leaves an empty -wal: same as none (no frames).
            if f.exists() and (suffix == "" or f.stat().st_size > 0):
                result[f.name] = hashlib.sha256(f.read_bytes()).hexdigest()
        return result

    return snapshot


@pytest.fixture
def dump() -> Callable[[Path], dict[str, list[tuple[object, ...]]]]:
    """A function returning every row of every table (read-only), for before/after checks."""

    def dump_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            return {
                t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
            }
        finally:
            conn.close()

    return dump_rows
