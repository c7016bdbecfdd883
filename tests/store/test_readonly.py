"""Battery item 7: a file or folder that cannot be written opens read-only, or is refused clearly.

Tests run as root, for whom chmod does not stop writes, so "not writable" is simulated by making
`os.access(..., W_OK)` answer False for the file or its folder (exactly what the engine asks).
SQLite itself is then opened with `mode=ro` (or `immutable=1`), so it refuses writes on its own.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store import migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.engine import build_engine, readonly_uri
from bounceback.store.errors import UnwritableError


def block_writes(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    real = os.access
    blocked = {str(p) for p in paths}

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path) in blocked:
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def seeded(path: Path, clock: FixedClock) -> None:
    s = Store.open(path, clock)
    s.applications.create(ApplicationDraft(company="Acme", role="Analyst"))
    s.close()


@pytest.mark.parametrize("which", ["file", "folder"])
def test_unwritable_file_or_folder_opens_read_only(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch,
    snapshot_files: Callable[[Path], dict[str, str]], which: str,
) -> None:
    seeded(db_path, clock)
    before = snapshot_files(db_path)
    block_writes(monkeypatch, db_path if which == "file" else db_path.parent)
    store = Store.open(db_path, clock)
    try:
        assert store.readonly
        assert ("folder" in store.readonly_reason) == (which == "folder")
        assert [r.company for r in store.applications.rows()] == ["Acme"]
        with pytest.raises(UnwritableError) as info:
            store.applications.create(ApplicationDraft(company="Secret Inc", role="Spy"))
        message = info.value.message
        assert "read-only" in message and str(db_path) in message and "Secret" not in message
        # even a write that slipped past the Store is refused by SQLite itself
        with store.engine.connect() as conn, pytest.raises(Exception, match="readonly"):
            conn.exec_driver_sql("DELETE FROM application")
    finally:
        store.close()
    assert snapshot_files(db_path) == before


def test_writable_store_is_not_read_only(store: Store) -> None:
    assert not store.readonly and store.readonly_reason == ""


def test_read_only_file_that_needs_a_migration_is_refused_untouched(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch,
    snapshot_files: Callable[[Path], dict[str, str]],
) -> None:
    seeded(db_path, clock)
    before = snapshot_files(db_path)
    block_writes(monkeypatch, db_path)
    with pytest.raises(UnwritableError) as info:
        Store.open(db_path, clock, steps=(*migrations.STEPS, "CREATE TABLE later (id INTEGER)"))
    assert "needs an upgrade" in info.value.message and "untouched" in info.value.message
    assert snapshot_files(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_missing_file_in_unwritable_folder_is_refused_clearly(
    tmp_path: Path, clock: FixedClock
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(UnwritableError) as info:
        Store.open(blocker / "b.db", clock)
    assert str(blocker) in info.value.message


def test_immutable_fallback_when_mode_ro_cannot_read(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch,
    snapshot_files: Callable[[Path], dict[str, str]],
) -> None:
    """A WAL file without -shm in a read-only folder cannot be read with mode=ro: immutable."""
    import bounceback.store.engine as engine

    seeded(db_path, clock)
    before = snapshot_files(db_path)
    block_writes(monkeypatch, db_path.parent)
    monkeypatch.setattr(engine, "precheck", lambda path, latest: False)  # mode=ro "failed"
    store = Store.open(db_path, clock)
    try:
        assert store.readonly
        assert "immutable=1" in str(store.engine.url)
        assert [r.company for r in store.applications.rows()] == ["Acme"]
        with pytest.raises(UnwritableError):
            store.applications.create(ApplicationDraft(company="X", role="Y"))
    finally:
        store.close()
    assert snapshot_files(db_path) == before


def test_immutable_fallback_refuses_when_a_wal_holds_frames(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bounceback.store.engine as engine

    seeded(db_path, clock)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE application SET notes = 'pending'")
    Path(f"{db_path}-wal").stat()  # frames are in the -wal while this connection lives
    block_writes(monkeypatch, db_path.parent)
    monkeypatch.setattr(engine, "precheck", lambda path, latest: False)
    try:
        with pytest.raises(UnwritableError, match="-wal"):
            Store.open(db_path, clock)
    finally:
        conn.close()


def test_readonly_uri_and_engine_never_write(db_path: Path, clock: FixedClock) -> None:
    seeded(db_path, clock)
    assert readonly_uri(db_path).endswith("?mode=ro")
    assert readonly_uri(db_path, immutable=True).endswith("?mode=ro&immutable=1")
    from sqlalchemy import URL

    url = URL.create("sqlite", database=f"file:{db_path}", query={"mode": "ro", "uri": "true"})
    engine = build_engine(url, readonly=True)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA query_only").scalar() == 1
            assert conn.exec_driver_sql("SELECT count(*) FROM application").scalar() == 1
    finally:
        engine.dispose()
