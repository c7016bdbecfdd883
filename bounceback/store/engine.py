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
from urllib.parse import quote

from sqlalchemy import URL, Engine, create_engine, event

from bounceback.files import private_temp_for, publish
from bounceback.store import migrations
from bounceback.store.errors import (
    CorruptDatabaseError,
    MigrationError,
    NewerSchemaError,
    StoreError,
    UnwritableError,
)

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def ensure_private_dir(directory: Path) -> None:
    """Create each missing component of `directory` with mode 0700."""
    missing = []
    d = directory
    while not d.exists():
        missing.append(d)
        if d.parent == d:
            break
        d = d.parent
    for component in reversed(missing):
        try:
            component.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise UnwritableError(
                f"Cannot create the folder {component} ({exc.strerror}). "
                "Choose another place with --db PATH.",
                component,
            ) from exc
        os.chmod(component, 0o700)  # mkdir's mode is filtered by the umask


def precreate_private_file(path: Path) -> bool:
    """Create an empty file at 0600 if none exists (SQLite then makes -wal/-shm 0600 too).

    Returns True when the file was created now.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        raise UnwritableError(
            f"Cannot create {path} ({exc.strerror}). Choose another place with --db PATH.", path
        ) from exc
    os.fchmod(fd, 0o600)
    os.close(fd)
    return True


def check_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file, without modifying it."""
    if path.is_dir():
        raise CorruptDatabaseError(f"{path} is a folder, not a database file.", path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UnwritableError(f"Cannot read {path} ({exc.strerror}).", path) from exc
    if head and head != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{path} is not a bounceback database (it is not an SQLite file); it was left "
            "untouched. " + newest_backup_hint(path),
            path,
        )


def newest_backup_hint(path: Path) -> str:
    """A sentence naming the newest backup beside `path`, if there is one."""
    from bounceback.paths import backup_dir

    folder = backup_dir(path)
    if not folder.is_dir():
        return "No backup was found beside it."
    backups = sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime)
    if backups:
        return f"Newest backup: {backups[-1]} (bounceback restore FILE)."
    return "No backup was found beside it."


def _raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
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
    """Copy a live database consistently with SQLite's backup API into a new 0600 file.

    The copy is made under a temp name and linked into place only once complete, so a backup
    that fails midway (disk full) leaves nothing at `dest` and the retry is not blocked.
    """
    ensure_private_dir(dest.parent)
    if dest.exists() or dest.is_symlink():
        raise StoreError(f"{dest} already exists; not overwriting it.", dest)
    with private_temp_for(dest) as tmp:
        target = sqlite3.connect(tmp)
        try:
            src.backup(target)
            # One self-contained file: readable anywhere (even read-only media) without a -wal.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        try:
            publish(tmp, dest)
        except FileExistsError as exc:
            raise StoreError(f"{dest} already exists; not overwriting it.", dest) from exc
    return dest


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
    """Bring the file to the latest version in one transaction; back it up first if not new."""
    latest = len(steps)
    current = stored_version(conn)
    _refuse_newer(current, latest, path)
    if current == latest:
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


@dataclass(frozen=True)
class OpenedDatabase:
    """An engine, and why it is read-only (empty when it can be written)."""

    engine: Engine
    readonly_reason: str = ""


def unwritable_reason(path: Path) -> str:
    """Why `path` cannot be written ("" when it and its folder both can).

    The folder matters too: SQLite creates `-wal`/`-shm`/`-journal` files beside the database.
    """
    if not os.access(path, os.W_OK):
        return "the database file is not writable"
    if not os.access(path.parent, os.W_OK):
        return "its folder is not writable"
    return ""


def open_engine(
    path: Path, now: datetime, steps: Sequence[str] = migrations.STEPS
) -> Engine:
    """The open sequence of DATA-SAFETY.md, then a SQLAlchemy engine with our pragmas."""
    return open_database(path, now, steps).engine


def open_database(
    path: Path, now: datetime, steps: Sequence[str] = migrations.STEPS
) -> OpenedDatabase:
    """Open read-write, or read-only when the file or its folder cannot be written."""
    path = Path(path)
    ensure_private_dir(path.parent)
    precreate_private_file(path)
    check_file(path)
    reason = unwritable_reason(path)
    if reason:
        return OpenedDatabase(_open_readonly(path, len(steps), reason), reason)
    checked = precheck(path, len(steps))
    try:
        conn = _raw_connect(path)
    except sqlite3.Error as exc:
        raise CorruptDatabaseError(f"Cannot open {path} ({exc}).", path) from exc
    try:
        if not checked:  # the read-only look could not run; check through this one
            quick_check(conn, path)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            migrate(conn, path, now, steps)
        except sqlite3.DatabaseError as exc:
            raise _classify(exc, path) from exc
    finally:
        conn.close()
    return OpenedDatabase(build_engine(f"sqlite:///{path}"))


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    """The SQLite URI of `path` opened read-only (`immutable`: no locks, no -shm, no -wal)."""
    uri = f"{Path(path).absolute().as_uri()}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def _open_readonly(path: Path, latest: int, reason: str) -> Engine:
    """Check and version-check through a read-only connection; never migrate.

    `mode=ro` first (it still sees a -wal's committed frames). When that cannot even read
    (a WAL file with no -shm in a folder we cannot write), fall back to `immutable=1`, but
    only when no -wal with frames sits beside it (immutable would not see them).
    """
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
    query = {"mode": "ro", "uri": "true", **({"immutable": "1"} if immutable else {})}
    url = URL.create("sqlite", database="file:" + quote(str(Path(path).absolute())), query=query)
    return build_engine(url, readonly=True)


def readonly_connect(path: Path) -> sqlite3.Connection:
    """A connection that can neither create the file nor write, checkpoint or delete a journal."""
    conn = sqlite3.connect(
        f"{Path(path).absolute().as_uri()}?mode=ro",
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


class RedactRows(logging.Filter):
    """Keep stored rows and parameters out of SQLAlchemy's own logs, whatever the log level.

    With `echo=True` or the `sqlalchemy.engine` loggers at DEBUG, SQLAlchemy logs every fetched
    row ("Row (...)") and, without `hide_parameters`, every bound value: a person's journal
    text. Records below INFO are dropped; the SQL text itself (our statements carry no user
    text, only placeholders) stays, and any non-text argument (parameters) is redacted.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """False for row/column records; other records lose their parameter arguments."""
        if record.levelno < logging.INFO:
            return False
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(a if isinstance(a, str) else "[redacted]" for a in args)
        return True


SQL_LOGGERS = ("sqlalchemy.engine", "sqlalchemy.engine.Engine", "sqlalchemy.engine.Connection")
"""Where SQLAlchemy creates its engine records (a logger filter sees only its own records)."""


def redact_sql_logging() -> None:
    """Install `RedactRows` on SQLAlchemy's engine loggers, once (called for every engine)."""
    for name in SQL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactRows) for f in logger.filters):
            logger.addFilter(RedactRows())


def build_engine(url: str | URL, *, readonly: bool = False) -> Engine:
    """An engine whose every connection has WAL, FULL sync, foreign keys and a busy timeout.

    `readonly`: the URL opens the file read-only; the journal mode is left as it is (changing
    it is a write) and `query_only` refuses any write that slips past the Store.
    """
    redact_sql_logging()  # turning on SQLAlchemy's debug logs must not print stored rows
    engine = create_engine(
        url,
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
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # Writers take the lock up front: a deferred BEGIN that upgrades later gets
        # "database is locked" under concurrency instead of waiting its turn.
        reading = readonly or conn.get_execution_options().get("bb_readonly", False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine
