"""File-system safety for the database and its backups: exact paths, private modes, no traps.

No SQLAlchemy here (the CLI checks paths with it before anything heavy is imported).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from urllib.parse import quote

from bounceback.store.errors import StoreError, UnwritableError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotAFileError(StoreError):
    """The path exists but is not a regular file (a folder, FIFO, device or socket)."""


def sqlite_uri(path: Path, *, mode: str | None = None, immutable: bool = False) -> str:
    """The SQLite `file:` URI of `path`, exact for any name (`?`, `#`, `%20`, spaces, unicode).

    Every byte but `/` is percent-quoted, so nothing in the name can turn into a URI
    parameter or a different file. Open it with `sqlite3.connect(uri, uri=True)`.
    """
    params = [f"mode={mode}"] if mode else []
    if immutable:
        params.append("immutable=1")
    query = "?" + "&".join(params) if params else ""
    return "file:" + quote(os.fsdecode(Path(path).absolute()), safe="/") + query


def kind_of(mode: int) -> str:
    """What a non-regular `st_mode` is, in words ("a named pipe (FIFO)", "a folder", …)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def require_regular(
    path: Path, *, missing_ok: bool, what: str = "file", outcome: str = "it was not opened"
) -> bool:
    """Refuse (NotAFileError, one line) a path that exists but is not a regular file.

    Only `os.stat` looks at it: a FIFO or a device is never opened, so nothing can hang.
    Returns True when it exists; a missing one raises unless `missing_ok`. `outcome` ends
    the message ("it was not opened", "nothing was restored"…).
    """
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if missing_ok:
            return False
        raise NotAFileError(f"{path} does not exist; {outcome}.") from None
    except OSError as exc:
        raise NotAFileError(f"Cannot look at {path} ({exc.strerror}); {outcome}.") from exc
    if not stat.S_ISREG(st.st_mode):
        raise NotAFileError(f"{path} is {kind_of(st.st_mode)}, not a {what}; {outcome}.")
    return True


def open_regular(path: Path) -> int:
    """Open `path` for reading without ever blocking (O_NONBLOCK), refusing a non-regular file.

    The check runs on the opened descriptor, so a FIFO swapped in after a stat is caught too.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotAFileError(f"{path} is {kind_of(mode)}, not a file; it was not read.")
    return fd


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file (never blocks on a FIFO or device)."""
    fd = open_regular(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


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
            component.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made by someone else meanwhile (or a dangling link): not ours to chmod
        except OSError as exc:
            raise UnwritableError(
                f"Cannot create the folder {component} ({exc.strerror}). "
                "Choose another place with --db PATH.",
                component,
            ) from exc
        os.chmod(component, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def precreate_private_file(path: Path) -> bool:
    """Create an empty file at 0600 if none exists (SQLite then makes -wal/-shm 0600 too).

    Returns True when the file was created now.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, PRIVATE_FILE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise UnwritableError(
            f"Cannot create {path} ({exc.strerror}). Choose another place with --db PATH.", path
        ) from exc
    os.fchmod(fd, PRIVATE_FILE)
    os.close(fd)
    return True


def refuse_symlinked_dir(folder: Path) -> None:
    """Refuse (one line) to write through a folder that is a symbolic link; it is left alone."""
    if folder.is_symlink():
        raise UnwritableError(
            f"{folder} is a symbolic link; bounceback does not write backups through it (it was "
            "left as it is). Replace it with a real folder to have backups again.",
            folder,
        )


def tighten(path: Path, private: int) -> bool:
    """Remove group/other permissions from an existing file or folder we own (no symlinks).

    Returns True when the mode changed. Anything we cannot change is left as it is.
    """
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode) or not stat.S_IMODE(st.st_mode) & 0o077:
        return False
    try:
        os.chmod(path, stat.S_IMODE(st.st_mode) & private)
    except OSError:
        return False
    return True


def tighten_data_files(db: Path) -> list[str]:
    """Make the database, its -wal/-shm, the backups and their folder private; name each change.

    The folder holding the database is tightened only when it is bounceback's own data folder
    (a `--db` elsewhere may live in a folder the person shares on purpose, such as their home).
    A backups folder that is a symbolic link is neither followed nor changed.
    """
    from bounceback.paths import backup_dir, data_dir

    changed: list[str] = []
    for suffix in ("", "-wal", "-shm"):
        target = Path(f"{db}{suffix}")
        if tighten(target, PRIVATE_FILE):
            changed.append(target.name)
    folder = db.parent
    with contextlib.suppress(OSError):
        if folder.resolve() == data_dir().resolve() and tighten(folder, PRIVATE_DIR):
            changed.append(f"{folder.name}/")
    backups = backup_dir(db)
    if backups.is_dir() and not backups.is_symlink():
        if tighten(backups, PRIVATE_DIR):
            changed.append(f"{backups.name}/")
        with contextlib.suppress(OSError):
            files = [p for p in sorted(backups.iterdir()) if stat.S_ISREG(p.lstat().st_mode)]
            loose = [p for p in files if tighten(p, PRIVATE_FILE)]
            if loose:
                changed.append(f"{len(loose)} backup file{'s' if len(loose) != 1 else ''}")
    return changed

