"""Writing and finding backups: a temporary name, a check, an fsync, then a rename into place.

A backup killed or failing half-way never appears under its final name: it is written as
`.<name>.<pid>-<token>.partial` in the same folder, checked (quick_check and our application
id), fsynced, then linked into place without replacing anything. Leftovers of a killed writer
(its process is gone) are removed at the next backup. Only backups that pass the same check
are offered or named.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sqlite3
import stat
from pathlib import Path

from bounceback.files import fsync_dir, fsync_file, publish
from bounceback.store.errors import CorruptDatabaseError, StoreError
from bounceback.store.fs import (
    ensure_private_dir,
    precreate_private_file,
    read_head,
    refuse_symlinked_dir,
    sqlite_uri,
)
from bounceback.store.identity import Owner, owner

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDECARS = ("-journal", "-wal", "-shm")
PARTIAL = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]+\.partial(?:-journal|-wal|-shm)?$")
"""Temporary names of backups being written (and their journals)."""


def _alive(pid: int) -> bool:
    """Whether a process with this id still runs (ours counts: another thread may be writing)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files of backups whose writer was killed; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = PARTIAL.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(entry.lstat().st_mode):
                entry.unlink()
                removed.append(entry)
    return removed


def _remove_with_sidecars(path: Path) -> None:
    """Remove a file of ours and its journals (the file first: an orphan journal is harmless)."""
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _structure_problem(path: Path) -> str:
    """Why the header and size of `path` cannot be a whole database ("" when they can).

    Cheap (a stat and 100 bytes): a copy cut short (killed, disk full) is shorter than the
    page count its header promises.
    """
    head = read_head(path, 100)
    if head[: len(SQLITE_MAGIC)] != SQLITE_MAGIC or len(head) < 100:
        return "not an SQLite file"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "damaged"
    size = os.stat(path).st_size
    pages = int.from_bytes(head[28:32], "big")
    if head[92:96] == head[24:28] and pages:  # the header's page count is valid
        if size < pages * page_size:
            return "cut short"
    elif size % page_size:
        return "cut short"
    return ""


def backup_problem(path: Path, *, thorough: bool = True) -> str:
    """Why `path` is not a usable bounceback backup ("" when it passes the check).

    The check: a regular file (not a link), an SQLite header and a size that holds every page
    it promises, no journal left beside it, a bounceback database (our application id or our
    schema), and (`thorough`) `PRAGMA quick_check` ok. It only reads (a read-only connection on
    a self-contained file leaves nothing behind). Without `thorough` it costs a few page
    reads whatever the size: for the daily backup's "done today?" and its rotation (every
    backup was checked thoroughly before it got its name).
    """
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return "not a regular file"
        problem = _structure_problem(path)
    except (OSError, StoreError):
        return "cannot be read"
    if problem:
        return problem
    for suffix in ("-journal", "-wal"):
        sidecar = Path(f"{path}{suffix}")
        if sidecar.exists() and sidecar.stat().st_size > 0:
            return f"an unfinished {suffix[1:]} lies beside it"
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return "cannot be opened"
    try:
        if owner(conn) is not Owner.OURS:
            return "not a bounceback database"
        if thorough and [r[0] for r in conn.execute("PRAGMA quick_check")] != ["ok"]:
            return "failed its integrity check"
    except sqlite3.DatabaseError:
        return "damaged"
    finally:
        conn.close()
    return ""


def _copy_pages(src: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup, all pages in one step (a consistent snapshot of a live file)."""
    src.backup(target)


def copy_database(src: sqlite3.Connection, dest: Path) -> None:
    """Copy `src` page by page into a new 0600 file at `dest`, self-contained (no -wal)."""
    if not precreate_private_file(dest):
        raise StoreError(f"{dest} already exists; not overwriting it.", dest)
    target = sqlite3.connect(sqlite_uri(dest, mode="rw"), uri=True)
    try:
        _copy_pages(src, target)
        # One self-contained file: readable anywhere (even read-only media) without a -wal.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def _link_into_place(temp: Path, dest: Path) -> None:
    """Give the finished file its final name without ever replacing an existing file."""
    try:
        publish(temp, dest)  # fsyncs the file and the folder
    except FileExistsError:
        raise StoreError(f"{dest} already exists; not overwriting it.", dest) from None


def write_backup(
    src: sqlite3.Connection, dest: Path, *, check: bool = True, linked_folder_ok: bool = False
) -> Path:
    """Write a durable backup of `src` at `dest`, or nothing at all under that name.

    Raises StoreError when `dest` (or a journal of that name) exists, or when the folder is a
    symbolic link (unless `linked_folder_ok`: a folder the person chose with --out), and
    CorruptDatabaseError when the copy fails its check. `check=False` keeps a copy of a
    damaged database as it is (the file kept aside before a restore).
    """
    folder = dest.parent
    if not linked_folder_ok:
        refuse_symlinked_dir(folder)
    ensure_private_dir(folder)
    if dest.exists() or dest.is_symlink():
        raise StoreError(f"{dest} already exists; not overwriting it.", dest)
    for suffix in SIDECARS:  # a stale journal would be rolled into the new file by SQLite
        if Path(f"{dest}{suffix}").exists():
            raise StoreError(
                f"{dest}{suffix} is left from an earlier backup; move it away, then try again.",
                dest,
            )
    clean_leftovers(folder)
    temp = folder / f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.partial"
    try:
        copy_database(src, temp)
        problem = backup_problem(temp) if check else ""
        if problem:
            raise CorruptDatabaseError(
                f"The copy for {dest} {problem}; no backup was written under that name.", dest
            )
        fsync_file(temp)  # before the check of a concurrent writer's name (tests hook here)
        _link_into_place(temp, dest)
    except (OSError, sqlite3.Error) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(
            f"Could not write the backup {dest} ({why}); nothing was written under that name.",
            dest,
        ) from exc
    finally:
        _remove_with_sidecars(temp)
    fsync_dir(folder)
    return dest


def set_aside(path: Path) -> Path:
    """Rename a damaged backup (journals first, so each stays paired) out of every listing."""
    n, aside = 1, path.with_name(f"{path.name}.damaged")
    while aside.exists() or any(Path(f"{aside}{s}").exists() for s in SIDECARS):
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{n}")
    for suffix in SIDECARS:
        sidecar = Path(f"{path}{suffix}")
        if sidecar.exists():
            os.rename(sidecar, f"{aside}{suffix}")
    os.rename(path, aside)
    return aside


def _newest_first(folder: Path) -> list[Path]:
    """The regular `*.db` files in `folder`, newest first; none from a symlinked folder."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        with contextlib.suppress(OSError):
            st = path.lstat()
            if stat.S_ISREG(st.st_mode):
                found.append((st.st_mtime, path.name, path))
    return [path for _, _, path in sorted(found, reverse=True)]


def checked_backups(folder: Path) -> list[Path]:
    """The `*.db` backups in `folder` that pass the check, newest first (by modification time).

    A folder that is a symbolic link is not followed: nothing is listed from it.
    """
    return [path for path in _newest_first(folder) if not backup_problem(path)]


def newest_checked_backup(folder: Path) -> Path | None:
    """The newest backup in `folder` that passes the check (stops at the first good one)."""
    return next((p for p in _newest_first(folder) if not backup_problem(p)), None)
