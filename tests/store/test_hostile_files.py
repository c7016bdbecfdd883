"""Files are what they claim to be (issue 10, items 6, 8 and 9): exact paths, nothing but regular
files, only our own databases, private modes, no backups through a symlinked folder.

Every hostile case asserts "untouched": the same bytes (sha256) before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bounceback.clock import FixedClock
from bounceback.store import migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.engine import stored_version
from bounceback.store.errors import MigrationError, StoreError, UnwritableError
from bounceback.store.fs import NotAFileError, sqlite_uri
from bounceback.store.identity import APPLICATION_ID, ForeignDatabaseError
from bounceback.store.maintenance import (
    backup_database,
    check_database,
    daily_backup,
    restore_database,
)

FIXTURE_V1 = Path(__file__).parents[1] / "data" / "schema-v1.db"

HOSTILE_NAMES = [
    "a?b.db",
    "a%20b.db",
    "a#b.db",
    "with space.db",
    "ünïcödé 🎉.db",
    "x?mode=ro&immutable=1.db",
    "%3F%23.db",
    "file:rel.db",
    "semi;colon'quote\".db",
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def app_id(path: Path) -> int:
    """The application id straight from the header (bytes 68..72), without opening SQLite."""
    return int.from_bytes(path.read_bytes()[68:72], "big")


def call_with_deadline(fn: Callable[[], Any], seconds: float = 20) -> Any:
    """Run `fn` in a daemon thread; a hang (a FIFO opened for reading) fails instead of hanging."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:  # handed back to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{fn} hung (it must refuse without opening the file)"
    if "error" in result:
        raise result["error"]
    return result.get("value")


# ---- item 6: any path works exactly ----------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_opens_exactly_that_file_and_nothing_else(
    tmp_path: Path, clock: FixedClock, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / f"folder {name[:3]}"
    path = folder / name
    monkeypatch.chdir(tmp_path)  # a "file:rel.db" misread as a URI would land here
    store = Store.open(path, clock)
    store.applications.create(ApplicationDraft(company="Exact Co", role="Analyst"))
    assert store.engine.pool.__class__.__name__ == "QueuePool"  # a file database, not :memory:
    store.close()

    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]  # no stray file
    assert app_id(path) == APPLICATION_ID
    again = Store.open(path, clock)
    try:
        assert [a.company for a in again.applications.rows()] == ["Exact Co"]
    finally:
        again.close()
    # the maintenance tools take the same path exactly
    assert check_database(path).ok
    made = backup_database(path, None, clock.now())
    assert made.parent == folder / "backups" and mode(made) == 0o600
    assert daily_backup(path, clock.now()) is not None
    assert restore_database(made, path, clock.now() + timedelta(seconds=1)) is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted([name, "backups"])


@pytest.mark.parametrize("name", ["a?b.db", "a%20b.db", "a#b.db"])
def test_a_hostile_name_opens_read_only_exactly(
    tmp_path: Path, clock: FixedClock, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only path quotes the name too (`mode=ro` URI), and immutable when it must."""
    import bounceback.store.engine as engine

    path = tmp_path / name
    seed = Store.open(path, clock)
    seed.applications.create(ApplicationDraft(company="Read Co", role="Analyst"))
    seed.close()
    before = sha(path)
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, *a, **k: False if m & os.W_OK else real(p, m, *a, **k)
    )
    for immutable in (False, True):
        if immutable:
            monkeypatch.setattr(engine, "precheck", lambda path, latest: False)
        store = Store.open(path, clock)
        try:
            assert store.readonly
            assert [a.company for a in store.applications.rows()] == ["Read Co"]
        finally:
            store.close()
    assert sha(path) == before
    # a reader of a WAL file keeps its -shm index (and an empty -wal) beside it: nothing else
    assert {p.name for p in tmp_path.iterdir()} <= {name, f"{name}-wal", f"{name}-shm"}
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_the_sqlite_uri_quotes_every_special_character(tmp_path: Path) -> None:
    uri = sqlite_uri(tmp_path / "a?b#c%20d é.db", mode="ro", immutable=True)
    assert uri.endswith("/a%3Fb%23c%2520d%20%C3%A9.db?mode=ro&immutable=1")
    assert uri.count("?") == 1 and "#" not in uri


@pytest.fixture
def specials(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A FIFO, a character device, a socket and a folder, each where a file is expected."""
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.db"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    folder = tmp_path / "folder.db"
    folder.mkdir()
    try:
        yield {"fifo": fifo, "device": Path("/dev/zero"), "socket": sock_path, "folder": folder}
    finally:
        sock.close()


SPECIAL_KINDS = ["fifo", "device", "socket", "folder"]
KIND_WORDS = {
    "fifo": "named pipe",
    "device": "character device",
    "socket": "socket",
    "folder": "folder",
}


@pytest.mark.parametrize("kind", SPECIAL_KINDS)
def test_a_database_that_is_not_a_regular_file_is_refused_without_opening_it(
    specials: dict[str, Path], clock: FixedClock, kind: str, tmp_path: Path
) -> None:
    target = specials[kind]
    good = tmp_path / "good" / "b.db"
    Store.open(good, clock).close()
    source = backup_database(good, None, clock.now())
    calls: list[Callable[[], Any]] = [
        lambda: Store.open(target, clock),
        lambda: backup_database(target, None, clock.now()),
        lambda: restore_database(source, target, clock.now()),
        lambda: restore_database(target, good, clock.now()),
    ]
    for call in calls:
        with pytest.raises(StoreError) as info:
            call_with_deadline(call)
        message = info.value.message
        assert str(target) in message and "\n" not in message
        if call is not calls[1] or kind != "folder":
            assert KIND_WORDS[kind] in message, message
    report = call_with_deadline(lambda: check_database(target))
    assert not report.ok and KIND_WORDS[kind] in report.problems[0]
    assert call_with_deadline(lambda: daily_backup(target, clock.now())) is None
    if kind == "fifo":
        assert stat.S_ISFIFO(target.stat().st_mode)
    assert not (target.parent / "backups").exists()


def test_a_fifo_swapped_in_after_the_stat_is_still_not_read(tmp_path: Path) -> None:
    """The header is read through O_NONBLOCK and checked with fstat on the opened descriptor."""
    from bounceback.store.fs import read_head

    fifo = tmp_path / "late.db"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError, match="named pipe"):
        call_with_deadline(lambda: read_head(fifo, 16))


# ---- item 8: whose database is it ------------------------------------------------------------


def foreign_v0(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    conn.commit()
    conn.close()


def foreign_v1(path: Path) -> None:
    foreign_v0(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=1")
    conn.close()


def foreign_app_id(path: Path) -> None:
    """Another program's mark (Fossil's), with our very own tables inside."""
    shutil.copyfile(FIXTURE_V1, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=252006674")
    conn.close()


def foreign_schema_version(path: Path) -> None:
    """A table called schema_version with a valid-looking version, but none of our tables."""
    foreign_v0(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER)")
    conn.execute("INSERT INTO schema_version VALUES (1, 1)")
    conn.commit()
    conn.close()


def foreign_wal(path: Path) -> None:
    foreign_v0(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


def foreign_empty_but_versioned(path: Path) -> None:
    """No tables at all, but user_version says another program claimed it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=7")
    conn.close()


FOREIGN = {
    "user_version 0 and one table": foreign_v0,
    "user_version 1": foreign_v1,
    "another application id": foreign_app_id,
    "a schema_version table but not ours": foreign_schema_version,
    "WAL mode": foreign_wal,
    "no tables, user_version 7": foreign_empty_but_versioned,
}


@pytest.fixture(params=list(FOREIGN))
def foreign(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "theirs.db"
    path.parent.mkdir()
    FOREIGN[request.param](path)
    return path


def files_of(folder: Path) -> dict[str, str]:
    """Every file's hash, but -shm (an index any reader rewrites) and empty files (no frames)."""
    return {
        p.name: sha(p)
        for p in folder.rglob("*")
        if p.is_file() and p.stat().st_size and not p.name.endswith("-shm")
    }


def test_a_foreign_database_is_refused_untouched_everywhere(
    foreign: Path, clock: FixedClock, tmp_path: Path
) -> None:
    before = files_of(foreign.parent)
    mine = tmp_path / "mine" / "b.db"
    Store.open(mine, clock).close()
    mine_before = sha(mine)

    for attempt in (
        lambda: Store.open(foreign, clock),
        lambda: backup_database(foreign, None, clock.now()),
        lambda: daily_backup(foreign, clock.now()),
        lambda: restore_database(foreign, mine, clock.now()),
        lambda: restore_database(mine, foreign, clock.now()),
    ):
        with pytest.raises(ForeignDatabaseError) as info:
            attempt()
        message = info.value.message
        assert str(foreign) in message and "not a bounceback" in message
        assert "\n" not in message
    report = check_database(foreign)
    assert not report.ok
    assert any("not a bounceback" in p for p in report.problems)
    assert report.counts == {}  # its table names are none of ours to print
    assert files_of(foreign.parent) == before
    assert not (foreign.parent / "backups").exists()
    assert sha(mine) == mine_before
    assert not (mine.parent / "backups").exists()


def test_an_empty_file_is_a_new_database(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "empty.db"
    path.touch(mode=0o600)
    store = Store.open(path, clock)
    store.applications.create(ApplicationDraft(company="Fresh", role="Analyst"))
    store.close()
    assert app_id(path) == APPLICATION_ID
    assert check_database(path).ok


def test_an_sqlite_file_with_nothing_in_it_is_a_new_database(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "blank.db"
    sqlite3.connect(path).execute("VACUUM").connection.close()
    assert path.stat().st_size > 0
    Store.open(path, clock).close()
    assert app_id(path) == APPLICATION_ID


def test_the_application_id_is_set_in_the_migrations_transaction(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "new.db"
    with pytest.raises(MigrationError):
        Store.open(path, clock, steps=(*migrations.STEPS, "CREATE TABLE broken (x"))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    finally:
        conn.close()
    Store.open(path, clock).close()
    assert app_id(path) == APPLICATION_ID


def unstamped(path: Path, clock: FixedClock) -> Path:
    """A bounceback file of today's schema written before the application id existed."""
    Store.open(path, clock).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=0")
    conn.close()
    assert app_id(path) == 0
    return path


def test_an_existing_bounceback_file_is_marked_on_its_first_writable_open(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = unstamped(tmp_path / "old.db", clock)
    assert check_database(path).ok  # recognised by its schema before it carries the mark
    backup = backup_database(path, None, clock.now())  # a backup of it is offered too
    Store.open(path, clock).close()
    assert app_id(path) == APPLICATION_ID
    assert restore_database(backup, path, clock.now() + timedelta(seconds=1)) is not None


def test_a_busy_file_opens_unmarked_and_is_marked_next_time(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bounceback.store.engine as engine

    path = unstamped(tmp_path / "busy.db", clock)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another window in the middle of a save
    try:
        store = Store.open(path, clock)
        store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert app_id(path) == 0
    Store.open(path, clock).close()
    assert app_id(path) == APPLICATION_ID


def test_the_frozen_v1_fixture_still_upgrades_and_is_marked(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "v1.db"
    shutil.copyfile(FIXTURE_V1, path)
    assert app_id(path) == 0
    Store.open(path, clock).close()
    assert app_id(path) == APPLICATION_ID
    conn = sqlite3.connect(path)
    try:
        assert stored_version(conn) == migrations.LATEST
    finally:
        conn.close()
    (pre,) = (tmp_path / "backups").glob("pre-v*.db")
    assert app_id(pre) == 0 and check_database(pre).ok  # a true copy of the v1 file


def test_a_read_only_open_does_not_mark_the_file(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = unstamped(tmp_path / "old.db", clock)
    before = sha(path)
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, *a, **k: False if m & os.W_OK else real(p, m, *a, **k)
    )
    store = Store.open(path, clock)
    store.close()
    assert store.readonly and sha(path) == before


# ---- item 9: permissions and links -----------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_loose_files_and_folders_are_tightened_on_open_with_one_note(
    clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bounceback.paths import data_dir

    monkeypatch.delenv("BOUNCEBACK_DB")
    path = data_dir() / "bounceback.db"
    store = Store.open(path, clock)
    store.applications.create(ApplicationDraft(company="Private", role="Analyst"))
    made = backup_database(path, None, clock.now())
    # as an older bounceback (or a copy with `cp`) would have left them
    loose = [path, Path(f"{path}-wal"), Path(f"{path}-shm"), made]
    for f in loose:
        os.chmod(f, 0o644)
    os.chmod(path.parent, 0o755)
    os.chmod(made.parent, 0o755)
    assert store.notes == []

    again = Store.open(path, clock)
    try:
        for f in loose:
            assert mode(f) == 0o600, f.name
        assert mode(path.parent) == 0o700 and mode(made.parent) == 0o700
        assert len(again.notes) == 1
        note = again.notes[0]
        assert "\n" not in note and "bounceback.db" in note and "0600" in note
        assert "backups/" in note
    finally:
        again.close()
        store.close()
    third = Store.open(path, clock)
    third.close()
    assert third.notes == []  # said once: nothing was loose any more


@pytest.mark.usefixtures("umask_022")
def test_a_folder_chosen_with_db_is_not_tightened(tmp_path: Path, clock: FixedClock) -> None:
    """Only bounceback's own folders: `--db ~/b.db` must not make a home folder 0700."""
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    path = shared / "b.db"
    Store.open(path, clock).close()
    os.chmod(path, 0o644)
    store = Store.open(path, clock)
    store.close()
    assert mode(shared) == 0o755
    assert mode(path) == 0o600 and store.notes and "b.db" in store.notes[0]


@pytest.fixture
def linked_backups(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path]:
    """A database whose backups/ is a symbolic link to another folder."""
    path = tmp_path / "data" / "b.db"
    Store.open(path, clock).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (path.parent / "backups").symlink_to(elsewhere)
    return path, elsewhere


def test_a_symlinked_backups_folder_is_not_followed(
    linked_backups: tuple[Path, Path], clock: FixedClock, tmp_path: Path
) -> None:
    from bounceback.screens.startup import list_backups

    path, elsewhere = linked_backups
    link = path.parent / "backups"
    good = backup_database(path, tmp_path / "manual.db", clock.now())  # --out elsewhere: fine
    shutil.copyfile(good, elsewhere / "planted.db")
    before = sha(path)
    attempts = (
        lambda: backup_database(path, None, clock.now()),
        lambda: daily_backup(path, clock.now()),
        lambda: restore_database(good, path, clock.now()),
        lambda: Store.open(path, clock, steps=(*migrations.STEPS, "CREATE TABLE later (x)")),
    )
    for attempt in attempts:
        with pytest.raises(UnwritableError) as info:
            attempt()
        message = info.value.message
        assert str(link) in message and "symbolic link" in message and "\n" not in message
    assert link.is_symlink()  # left as it is
    assert sorted(p.name for p in elsewhere.iterdir()) == ["planted.db"]
    assert sha(path) == before  # the upgrade was not run without its backup
    assert list_backups(path) == []  # nothing offered through it either


def test_opening_the_app_with_a_symlinked_backups_folder_notes_the_missed_daily_backup(
    linked_backups: tuple[Path, Path], clock: FixedClock
) -> None:
    from bounceback.cli import _daily_backup

    path, elsewhere = linked_backups
    notes = _daily_backup(path, clock)
    assert len(notes) == 1 and "symbolic link" in notes[0] and "\n" not in notes[0]
    assert list(elsewhere.iterdir()) == []
