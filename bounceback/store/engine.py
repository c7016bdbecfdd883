"""The one SQLite-specific module: file safety, the open sequence, pragmas, BEGIN IMMEDIATE.

Everything else in the store talks to a SQLAlchemy Engine, so a PostgreSQL engine can be
dropped in here later without touching the repositories.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event

from bounceback.store import migrations
from bounceback.store.backups import SQLITE_MAGIC, newest_checked_backup, write_backup
from bounceback.store.errors import (
    CorruptDatabaseError,
    MigrationError,
    NewerSchemaError,
    StoreError,
    UnwritableError,
)
from bounceback.store.fs import (
    ensure_private_dir,
    precreate_private_file,
    read_head,
    require_regular,
    sqlite_uri,
    tighten_data_files,
)
from bounceback.store.identity import APPLICATION_ID, application_id, refuse_foreign
from bounceback.store.sql_log import redact_sql_logging

__all__ = ["SQLITE_MAGIC", "ensure_private_dir", "precreate_private_file"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def check_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file, without modifying it (or blocking on it)."""
    require_regular(path, missing_ok=False, what="database file")
    try:
        head = read_head(path, len(SQLITE_MAGIC))
    except OSError as exc:
        raise UnwritableError(f"Cannot read {path} ({exc.strerror}).", path) from exc
    if head and head != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path} is not a bounceback database (it is not an SQLite file); it was left "
            "untouched. " + newest_backup_hint(path),
            path,
        )


def newest_backup_hint(path: Path) -> str:
    """A sentence naming the newest backup beside `path` that passes its check, if any."""
    from bounceback.paths import backup_dir

    newest = newest_checked_backup(backup_dir(path))
    if newest is not None:
        return f"Newest backup: {newest} (bounceback restore FILE)."
    return "No backup that passes its check was found beside it."


def _raw_connect(path: Path) -> sqlite3.Connection:
    """A read-write connection to an existing file, exact for any name; never creates one."""
    conn = sqlite3.connect(
        sqlite_uri(path, mode="rw"), uri=True, isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def stored_version(conn: sqlite3.Connection) -> int:
    """The schema version written by the migrations (0 for a fresh file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if has_table:
        row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
        if row:
            return int(row[0])
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Run PRAGMA quick_check and refuse a damaged file with the newest backup named."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{path} is damaged ({exc}); it was left untouched. " + newest_backup_hint(path),
            path,
        ) from exc
    if [r[0] for r in rows] != ["ok"]:
        raise CorruptDatabaseError(
            f"{path} failed its integrity check; it was left untouched. "
            + newest_backup_hint(path),
            path,
        )


def backup_file(src: sqlite3.Connection, dest: Path) -> Path:
    """A checked backup of a live database at `dest` (see `backups.write_backup`)."""
    return write_backup(src, dest)


def _refuse_newer(current: int, latest: int, path: Path) -> None:
    if current > latest:
        raise NewerSchemaError(
            f"{path} was created by a newer bounceback (schema v{current}; this one knows "
            f"v{latest}). It was left untouched: upgrade bounceback to open it.",
            path,
        )


def unused_name(path: Path) -> Path:
    """`path`, or `name-2.db`, `name-3.db`… when it exists (a retried upgrade, same second)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def migrate(
    conn: sqlite3.Connection,
    path: Path,
    now: datetime,
    steps: Sequence[str] = migrations.STEPS,
) -> int:
    """Bring the file to the latest version in one transaction; back it up first if not new.

    A file of another program is refused untouched; ours is marked with our application id
    (in the migration's transaction, or on its own when no step is due).
    """
    latest = len(steps)
    refuse_foreign(conn, path, "it was left untouched", steps)
    current = stored_version(conn)
    _refuse_newer(current, latest, path)
    if current == latest:
        _stamp(conn)
        return current
    if current > 0:
        from bounceback.paths import backup_dir

        stamp = now.strftime("%Y%m%dT%H%M%S")
        backup_file(conn, unused_name(backup_dir(path) / f"pre-v{latest}-{stamp}.db"))
    # foreign_keys must be off before BEGIN: a table rebuild would otherwise cascade deletes.
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another instance may have migrated while we waited for the lock: read it again.
        current = stored_version(conn)
        _refuse_newer(current, latest, path)
        if current == latest:
            conn.execute("ROLLBACK")
            _stamp(conn)
            return current
        for number in range(current + 1, latest + 1):
            for statement in migrations.statements(steps[number - 1]):
                conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_version (id, version) VALUES (1, ?) "
            "ON CONFLICT(id) DO UPDATE SET version = excluded.version",
            (latest,),
        )
        conn.execute(f"PRAGMA user_version={latest}")
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise MigrationError(
                f"Upgrading {path} would break {len(problems)} references; nothing was changed.",
                path,
            )
        conn.execute("COMMIT")
    except Exception as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, StoreError):
            raise
        log.error("migration to v%s failed: %s", latest, type(exc).__name__)
        raise MigrationError(
            f"Upgrading {path} to schema v{latest} failed ({type(exc).__name__}); nothing was "
            "changed. Please report this; your data is intact.",
            path,
        ) from exc
    return latest


def _stamp(conn: sqlite3.Connection) -> None:
    """Mark a bounceback file written before the application id existed (one transaction).

    A file busy in another window stays unmarked this time (its schema still says it is
    ours): the mark must never keep anyone from their data.
    """
    if application_id(conn) == APPLICATION_ID:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        log.info("application id not set this time: the database is busy")
        return
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute("COMMIT")
    except sqlite3.Error:
        conn.execute("ROLLBACK")
        raise


@dataclass(frozen=True)
class OpenedDatabase:
    """An engine, why it is read-only (empty when it can be written) and notes for the person.

    `notes`: one-line remarks to show once (e.g. files whose permissions were tightened).
    """

    engine: Engine
    readonly_reason: str = ""
    notes: tuple[str, ...] = ()
    generation: tuple[str | None] | None = None
    """The data's generation token as the open sequence read it, in a 1-tuple (None: unread)."""


def unwritable_reason(path: Path) -> str:
    """Why `path` cannot be written ("" when it and its folder both can).

    The folder matters too: SQLite creates `-wal`/`-shm`/`-journal` files beside the database.
    """
    if not os.access(path, os.W_OK):
        return "the database file is not writable"
    if not os.access(path.parent, os.W_OK):
        return "its folder is not writable"
    return ""


def open_database(
    path: Path, now: datetime, steps: Sequence[str] = migrations.STEPS, *,
    reopening: bool = False,
) -> OpenedDatabase:
    """Open read-write, or read-only when the file or its folder cannot be written.

    Anything that is not a regular file (a FIFO, a device, a socket, a folder) is refused
    before it is opened; so is an SQLite file of another program, untouched.

    `reopening`: this process still has the file open through SQLite, so its header is not
    read through a descriptor of our own. Closing any descriptor of a file drops every POSIX
    lock the process holds on it, SQLite's included (sqlite.org/howtocorrupt.html, 2.2): another
    process closing its last connection would then delete the -wal and -shm still in use here.
    SQLite's own read-only look (`precheck`) refuses a file that is not a database instead.
    """
    path = Path(path)
    require_regular(path, missing_ok=True, what="database file")
    ensure_private_dir(path.parent)
    precreate_private_file(path)
    if not reopening:
        check_file(path)
    reason = unwritable_reason(path)
    if reason:
        return OpenedDatabase(_open_readonly(path, steps, reason), reason)
    checked = precheck(path, len(steps))
    try:
        conn = _raw_connect(path)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(f"Cannot open {path} ({exc}).", path) from exc
    try:
        try:
            if not checked:  # the read-only look could not run; check through this one
                quick_check(conn, path)
                refuse_foreign(conn, path, "it was left untouched", steps)
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn, path, now, steps)
            generation = (read_generation(conn),)
        except sqlite3.DatabaseError as exc:
            raise _classify(exc, path) from exc
    finally:
        conn.close()
    # (read here, not through the engine: a pooled connection opened now would lose its locks
    # to the daily backup's look at the header, see `reopening`)
    return OpenedDatabase(build_engine(path), notes=_tighten_note(path), generation=generation)


def read_generation(conn: sqlite3.Connection) -> str | None:
    """The token naming the data in the file (schema v4); None before it existed."""
    try:
        row = conn.execute("SELECT token FROM store_generation WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table: older data
        return None
    return str(row[0]) if row is not None and row[0] is not None else None


def _tighten_note(path: Path) -> tuple[str, ...]:
    """Make existing data files and folders private; one line saying which, if any."""
    changed = tighten_data_files(path)
    if not changed:
        return ()
    # at most six items (the file, -wal, -shm, two folders, a count of backups): one line
    return (
        f"Made private (other users could read them): {', '.join(changed)}. Files are now "
        "0600, folders 0700.",
    )


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    """The SQLite URI of `path` opened read-only (`immutable`: no locks, no -shm, no -wal)."""
    return sqlite_uri(path, mode="ro", immutable=immutable)


def _open_readonly(path: Path, steps: Sequence[str], reason: str) -> Engine:
    """Check and version-check through a read-only connection; never migrate.

    `mode=ro` first (it still sees a -wal's committed frames). When that cannot even read
    (a WAL file with no -shm in a folder we cannot write), fall back to `immutable=1`, but
    only when no -wal with frames sits beside it (immutable would not see them).
    """
    latest = len(steps)
    immutable = False
    if not precheck(path, latest):
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise UnwritableError(
                f"{path} cannot be opened read-only: {reason} and unsaved changes wait in "
                f"{wal.name}. Open it once where it can be written.",
                path,
            )
        immutable = True
        try:
            conn = sqlite3.connect(readonly_uri(path, immutable=True), uri=True)
        except sqlite3.Error as exc:
            raise CorruptDatabaseError(f"Cannot open {path} ({exc}).", path) from exc
        try:
            quick_check(conn, path)
            refuse_foreign(conn, path, "it was left untouched", steps)
            version = stored_version(conn)
        except sqlite3.DatabaseError as exc:
            raise _classify(exc, path) from exc
        finally:
            conn.close()
        _refuse_newer(version, latest, path)
    else:
        with contextlib.closing(readonly_connect(path)) as conn:
            version = stored_version(conn)
    if version < latest:
        raise UnwritableError(
            f"{path} needs an upgrade to schema v{latest} (it is v{version}), but {reason}; "
            "it was left untouched. Fix the permissions or copy it elsewhere and use --db PATH.",
            path,
        )
    return build_engine(path, readonly=True, immutable=immutable)


def readonly_connect(path: Path) -> sqlite3.Connection:
    """A connection that can neither create the file nor write, checkpoint or delete a journal."""
    conn = sqlite3.connect(
        sqlite_uri(path, mode="ro"),
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def precheck(path: Path, latest: int) -> bool:
    """quick_check and the version through a read-only connection, before any writer opens it.

    Returns True when the checks ran (False: the read-write path must run quick_check).

    A read-write connection checkpoints the -wal into the file and deletes it when it closes,
    so a damaged or newer file refused after such a look would no longer be byte-identical.
    When a read-only look is impossible (a hot rollback journal, no -shm in a read-only
    folder) the read-write path decides instead.
    """
    try:
        conn = readonly_connect(path)
    except sqlite3.Error:
        return False
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY):
                return False
            raise
        quick_check(conn, path)
        # (a newer file is judged by every step this version knows: none of its own)
        refuse_foreign(conn, path, "it was left untouched")
        _refuse_newer(stored_version(conn), latest, path)
        return True
    except sqlite3.DatabaseError as exc:
        raise _classify(exc, path) from exc
    finally:
        conn.close()


def _classify(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return UnwritableError(f"{path} is read-only; bounceback needs to write there.", path)
    if "not a database" in text or "malformed" in text:
        return CorruptDatabaseError(
            f"{path} is damaged ({exc}); it was left untouched. " + newest_backup_hint(path), path
        )
    return StoreError(f"Cannot open {path} ({exc}).", path)


def build_engine(
    target: Path | str | URL, *, readonly: bool = False, immutable: bool = False
) -> Engine:
    """An engine whose every connection has WAL, FULL sync, foreign keys and a busy timeout.

    A `Path` is opened exactly, whatever its name holds (`?`, `#`, `%20`…): each connection
    is made from a quoted `file:` URI (mode `rw`, so a vanished file is never re-created
    somewhere else), not from a URL built by formatting. A `str`/`URL` is taken as given.
    `readonly`: open it read-only (`immutable` too, for a path); the journal mode is left as
    it is (changing it is a write) and `query_only` refuses any write that slips past the
    Store.
    """
    redact_sql_logging()  # turning on SQLAlchemy's debug logs must not print stored rows
    if isinstance(target, Path):
        uri = sqlite_uri(target, mode="ro" if readonly else "rw", immutable=immutable)

        def creator() -> sqlite3.Connection:
            return sqlite3.connect(
                uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )

        # The URL only describes it (a file database: a pool per engine); `creator` connects.
        query = {"mode": "ro" if readonly else "rw", "uri": "true"}
        if immutable:
            query["immutable"] = "1"
        url = URL.create("sqlite", database=os.fsdecode(target.absolute()), query=query)
        engine = create_engine(url, creator=creator, hide_parameters=True)
    else:
        engine = create_engine(
            target,
            hide_parameters=True,  # an IntegrityError must not carry the user's journal text
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (SQLAlchemy's recipe)
        cur = dbapi_conn.cursor()
        pragmas = (
            ("query_only=ON",)
            if readonly
            else ("journal_mode=WAL", "synchronous=FULL")
        )
        for pragma in (*pragmas, "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the lock up front: a deferred BEGIN that upgrades later gets
        # "database is locked" under concurrency instead of waiting its turn.
        options = conn.get_execution_options()
        if readonly or options.get("bb_readonly", False):
            conn.exec_driver_sql("BEGIN")
            return
        busy_ms = options.get("bb_busy_ms")
        if busy_ms is None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        # A quick writer (the screen's thread) waits a beat, not the full timeout.
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(busy_ms)}")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    return engine
