"""Backups, restore and a read-only health check of the database file (no Textual here).

Every copy goes through SQLite's backup API, so a live WAL database is copied consistently and
no `-wal`/`-shm`/`-journal` file is ever copied, moved or deleted by hand.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bounceback.paths import backup_dir
from bounceback.store import migrations
from bounceback.store.backups import (
    SQLITE_MAGIC,
    backup_problem,
    copy_database,
    set_aside,
    write_backup,
)
from bounceback.store.engine import _raw_connect, readonly_connect, stored_version
from bounceback.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError
from bounceback.store.fs import (
    ensure_private_dir,
    kind_of,
    precreate_private_file,
    read_head,
    refuse_symlinked_dir,
    require_regular,
)
from bounceback.store.identity import ForeignDatabaseError, Owner, owner, refuse_foreign

DAILY_PATTERN = re.compile(r"^daily-\d{4}-\d{2}-\d{2}\.db$")
"""Names of the rotating daily backups (other backups are never rotated)."""

_SIDECARS = ("-wal", "-shm", "-journal")


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection (it never creates, writes or checkpoints the file), closed after."""
    conn = readonly_connect(path)
    try:
        yield conn
    finally:
        conn.close()


def _readable(path: Path) -> bool:
    """False only when SQLite cannot read the file as a database at all (SQLITE_NOTADB)."""
    try:
        with _read_only(path) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        return getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_NOTADB
    return True


def _header(path: Path) -> bytes:
    """The first bytes of a regular file (a FIFO or device is refused, never read)."""
    return read_head(path, len(SQLITE_MAGIC))


def _in_backups(db_path: Path, dest: Path) -> bool:
    """Whether `dest` goes into the backups folder (whose symbolic link is never followed)."""
    return os.path.abspath(dest.parent) == os.path.abspath(backup_dir(db_path))


def backup_database(db_path: Path, dest: Path | None, now: datetime) -> Path:
    """Copy the database consistently (even while it is being written) into a new 0600 file.

    The default destination is `backups/bounceback-<YYYYmmddTHHMMSS>.db` beside the database.
    The copy is written under a temporary name, checked, fsynced, then renamed into place
    (`backups.write_backup`). An existing destination is never overwritten (StoreError); a
    missing database is a StoreError too (nothing is created); a file of another program is
    refused (ForeignDatabaseError), and so is a backups folder that is a symbolic link.
    """
    db_path = Path(db_path)
    if not require_regular(db_path, missing_ok=True, what="database file"):
        raise StoreError(f"There is no database at {db_path} to back up.", db_path)
    if _header(db_path) != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{db_path} is not an SQLite database (or is still empty); nothing was copied.",
            db_path,
        )
    if dest is None:
        dest = backup_dir(db_path) / f"bounceback-{_stamp(now)}.db"
    dest = Path(dest)
    if _in_backups(db_path, dest):
        refuse_symlinked_dir(dest.parent)
    if dest.exists() or dest.is_symlink():
        raise StoreError(f"{dest} already exists; not overwriting it.", dest)
    try:
        with _read_only(db_path) as src:
            if refuse_foreign(src, db_path, "nothing was copied") is Owner.NEW:
                raise StoreError(f"{db_path} holds no bounceback data yet; nothing was copied.")
            return write_backup(src, dest, linked_folder_ok=not _in_backups(db_path, dest))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Could not back up {db_path} ({exc}).", db_path) from exc


def daily_backup(db_path: Path, now: datetime, keep: int = 7) -> Path | None:
    """Make today's `backups/daily-<YYYY-MM-DD>.db` unless a checked one exists; keep `keep`.

    "Today" is the date of `now` as given: pass the person's local time (`clock.local`), so the
    name is their own date, not UTC's (another date every evening west of Greenwich and every
    morning east of it). Only a backup that passes its check counts as done (a new one is
    checked thoroughly before it gets its name; an existing one by its structure: whole, no
    journal, ours): a damaged file under today's
    name (from a killed older version) is renamed `….damaged` and made again. Only
    daily-*.db files are rotated, keeping the newest `keep` that pass the check; pre-v*.db,
    before-restore-*.db and manual backups are never touched. Returns the new file, or None
    when today's backup already exists or there is no database. A backups folder that is a
    symbolic link is refused (UnwritableError); a copy that fails its check is never kept.
    """
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    if not db_path.is_file():
        return None
    refuse_symlinked_dir(folder)
    target = folder / f"daily-{now.date().isoformat()}.db"
    if target.exists() or target.is_symlink():
        if not backup_problem(target, thorough=False):
            return None
        set_aside(target)
    try:
        backup_database(db_path, target, now)
    except StoreError:
        if target.exists() and not backup_problem(target, thorough=False):
            return None  # another window made today's backup a moment ago
        raise
    _rotate(folder, keep, made=target)
    return target


def _rotate(folder: Path, keep: int, made: Path) -> None:
    """Delete the daily backups older than the newest `keep` that pass their check."""
    dailies = sorted((p for p in folder.iterdir() if DAILY_PATTERN.match(p.name)), reverse=True)
    good = 0
    for daily in dailies:
        if good >= max(keep, 1):
            for suffix in ("", *_SIDECARS):  # its journals would be rolled into a new namesake
                Path(f"{daily}{suffix}").unlink(missing_ok=True)
        elif daily == made or not backup_problem(daily, thorough=False):
            good += 1


def _check_source(source: Path) -> None:
    """Refuse a restore source that is not a healthy bounceback database this version knows."""
    require_regular(source, missing_ok=False, what="backup file", outcome="nothing was restored")
    if _header(source) != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            f"{source} is not a bounceback database (not an SQLite file); nothing was restored.",
            source,
        )
    try:
        with _read_only(source) as conn:
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            found = owner(conn) if result == ["ok"] else Owner.FOREIGN
            version = stored_version(conn) if found is Owner.OURS else 0
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{source} is damaged ({exc}); nothing was restored.", source
        ) from exc
    if result != ["ok"]:
        raise CorruptDatabaseError(
            f"{source} failed its integrity check; nothing was restored.", source
        )
    if found is not Owner.OURS or version < 1:
        raise ForeignDatabaseError(
            f"{source} is an SQLite file but not a bounceback database; nothing was restored.",
            source,
        )
    if version > migrations.LATEST:
        raise NewerSchemaError(
            f"{source} was created by a newer bounceback (schema v{version}; this one knows "
            f"v{migrations.LATEST}); nothing was restored.",
            source,
        )


def restore_database(source: Path, db_path: Path, now: datetime) -> Path | None:
    """Replace the database with `source`, keeping the current one aside first.

    The source is checked first (SQLite header, quick_check, schema version); a bad one raises
    CorruptDatabaseError or NewerSchemaError and nothing changes. The current database is then
    copied to `backups/before-restore-<stamp>.db` (returned; None when there was none) and the
    source is copied into it page by page with the backup API, so windows still open on it see
    the restored data. A current file SQLite cannot read at all is moved aside whole instead,
    unless journal files sit beside it (then StoreError: move them away yourself).
    """
    source, db_path = Path(source), Path(db_path)
    _check_source(source)
    require_regular(db_path, missing_ok=True, what="database file", outcome="nothing was restored")
    if db_path.exists() and os.path.samefile(source, db_path):
        raise StoreError(f"{source} is the database itself; nothing was restored.", source)
    aside = backup_dir(db_path) / f"before-restore-{_stamp(now)}.db"
    refuse_symlinked_dir(aside.parent)
    if aside.exists():
        raise StoreError(f"{aside} already exists; try again in a second.", aside)
    ensure_private_dir(db_path.parent)
    created = precreate_private_file(db_path)
    # Probe read-only first: a writer's connection would fold a -wal into an unreadable file.
    readable = created or _readable(db_path)
    if readable and not created:
        _refuse_foreign_target(db_path)
        try:
            with _read_only(db_path) as current:
                # unchecked: a damaged database is exactly what gets kept aside here
                write_backup(current, aside, check=False)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"Could not keep {db_path} aside ({exc}); nothing was restored.", db_path
            ) from exc
    if not readable:
        sidecars = [Path(f"{db_path}{s}") for s in _SIDECARS if Path(f"{db_path}{s}").exists()]
        if sidecars:
            raise StoreError(
                f"{db_path} cannot be read and has {sidecars[0].name} beside it; nothing was "
                "changed. Move those files elsewhere, then restore again.",
                db_path,
            )
    fresh = db_path.with_name(f".{db_path.name}.restoring")
    if fresh.exists():
        raise StoreError(f"{fresh} is left from an earlier restore; move it away first.", fresh)
    try:
        with _read_only(source) as src:
            copy_database(src, fresh)
        _new_generation(fresh)
        if not readable:
            ensure_private_dir(aside.parent)
            os.replace(db_path, aside)
            os.replace(fresh, db_path)
        else:
            # Page by page into the open file, in one step: windows still open on it see the
            # restored data (and, by its new generation, that it was restored), never half.
            with contextlib.closing(readonly_connect(fresh)) as staged, \
                    contextlib.closing(_raw_connect(db_path)) as dest:
                staged.backup(dest)
    except sqlite3.Error as exc:
        kept = "" if created else f" The previous one is kept at {aside}."
        raise StoreError(f"Restoring into {db_path} failed ({exc}).{kept}", db_path) from exc
    finally:
        for suffix in ("", *_SIDECARS):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    return None if created else aside


def _new_generation(path: Path) -> None:
    """Give the restored copy a token of its own (a backup carries the token of its source).

    Windows that opened the database before see a token they do not know, and reopen instead
    of writing into the restored data. A copy from before schema v4 has no token: they see
    that too.
    """
    with contextlib.closing(_raw_connect(path)) as conn:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_generation'"
        ).fetchone()
        if has_table:
            conn.execute("UPDATE store_generation SET token = lower(hex(randomblob(16))) "
                         "WHERE id = 1")


def _refuse_foreign_target(db_path: Path) -> None:
    """Never restore over another program's database (a damaged one of ours is fine)."""
    try:
        with _read_only(db_path) as conn:
            found = owner(conn)
    except sqlite3.DatabaseError:
        return  # too damaged to tell: it is the file the person named as their database
    if found is Owner.FOREIGN:
        raise ForeignDatabaseError(
            f"{db_path} is an SQLite database of another program, not a bounceback one; "
            "nothing was restored."
        )


@dataclass(frozen=True)
class CheckReport:
    """What `check_database` found; `ok` is False whenever `problems` is not empty."""

    path: Path
    ok: bool
    integrity: str
    schema_version: int
    latest: int
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def check_database(db_path: Path) -> CheckReport:
    """Check the file read-only: integrity, foreign keys, schema version and row counts.

    Never creates, migrates or writes the file (SQLite may leave empty -wal/-shm beside a WAL
    database it read). A missing file, a file that is not a database, a damaged one or one from
    a newer bounceback is reported in `problems`, never raised.
    """
    db_path = Path(db_path)
    problems: list[str] = []
    integrity = ""
    version = 0
    counts: dict[str, int] = {}

    def report() -> CheckReport:
        return CheckReport(
            db_path, not problems, integrity, version, migrations.LATEST, counts, problems
        )

    try:
        mode = os.stat(db_path).st_mode
    except OSError:
        problems.append(f"{db_path} does not exist (or cannot be reached).")
        return report()
    if not stat.S_ISREG(mode):
        problems.append(f"{db_path} is {kind_of(mode)}, not a database file.")
        return report()
    try:
        header = _header(db_path)
    except OSError as exc:
        problems.append(f"{db_path} cannot be read ({exc.strerror}).")
        return report()
    if header != SQLITE_MAGIC:
        what = "is empty" if not header else "is not an SQLite database"
        problems.append(f"{db_path} {what}.")
        return report()
    try:
        with _read_only(db_path) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            integrity = "\n".join(rows)
            if rows != ["ok"]:
                problems.append(f"{db_path} failed its integrity check ({rows[0]}).")
            if owner(conn) is Owner.FOREIGN:  # its tables and their names are none of ours
                problems.append(
                    f"{db_path} is an SQLite database of another program, not a bounceback one."
                )
                return report()
            version = stored_version(conn)
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            for table in tables:
                quoted = '"' + table.replace('"', '""') + '"'
                counts[table] = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            broken: dict[str, int] = {}
            for row in conn.execute("PRAGMA foreign_key_check"):
                broken[row[0]] = broken.get(row[0], 0) + 1
            for table, n in sorted(broken.items()):
                problems.append(f"{n} row(s) in {table} point at rows that do not exist.")
    except sqlite3.DatabaseError as exc:
        problems.append(f"{db_path} is damaged or unreadable ({exc}).")
        return report()
    if version > migrations.LATEST:
        problems.append(
            f"{db_path} was created by a newer bounceback (schema v{version}; this one knows "
            f"v{migrations.LATEST})."
        )
    elif version < 1:
        problems.append(f"{db_path} has no bounceback schema yet (version 0).")
    return report()
