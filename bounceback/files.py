"""Writing files for the person (exports, feedback drafts, backups): 0600, atomic, no symlinks.

Every file is first written in full to a private temp file in the destination folder and
fsynced; only then does it get its name, in one step: a hard link (which refuses an existing
name, so nothing is ever clobbered without `overwrite`) or `os.replace` (with `overwrite`).
A write that fails midway (disk full, a crash) therefore leaves no half file behind to block
the retry, and a symlink at the destination is never followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

# link(2) errors that mean "this file system has no hard links" (FAT, some network mounts)
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def write_private_text(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` at 0600, atomically. FileExistsError unless `overwrite`."""
    write_private_files({Path(path): text}, overwrite=overwrite)
    return Path(path).expanduser()


def write_private_files(files: Mapping[Path, str], *, overwrite: bool = False) -> list[Path]:
    """Write several text files as one step: all of them appear, or none of the new ones.

    Each is written to a temp file first; they are named only once all are complete. Without
    `overwrite`, an existing destination raises FileExistsError before anything is written,
    and a name taken meanwhile removes the files this call had already put in place.
    """
    with private_writers(list(files), overwrite=overwrite) as handles:
        for handle, text in zip(handles, files.values(), strict=True):
            handle.write(text)
    return [Path(p).expanduser() for p in files]


@contextlib.contextmanager
def private_writers(paths: Sequence[Path], *, overwrite: bool = False,
                    newline: str = "") -> Iterator[list[TextIO]]:
    """Text files (UTF-8) to write bit by bit, published together when the block ends well.

    For writers that stream (a large export): each path gets a 0600 temp file beside it; when
    the block ends they are fsynced and named all at once (as `write_private_files`), and if it
    fails they are removed. The FileExistsError check runs before the block starts.
    """
    targets = [Path(p).expanduser() for p in paths]
    if not overwrite:
        for target in targets:
            if target.exists() or target.is_symlink():
                raise FileExistsError(errno.EEXIST, "File exists", str(target))
    temps: list[Path] = []
    handles: list[TextIO] = []
    placed: list[Path] = []
    try:
        for target in targets:
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".tmp")
            temps.append(Path(name))
            os.fchmod(fd, 0o600)
            handles.append(os.fdopen(fd, "w", encoding="utf-8", newline=newline))
        yield handles
        for handle in handles:
            handle.close()  # publish() fsyncs each before it gets its name
        for target, tmp in zip(targets, temps, strict=True):
            publish(tmp, target, overwrite=overwrite)
            placed.append(target)
    except BaseException:
        for handle in handles:
            with contextlib.suppress(OSError):
                handle.close()
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        if not overwrite:
            for target in placed:  # ours, created a moment ago: all or none
                target.unlink(missing_ok=True)
        raise


def publish(tmp: Path, target: Path, *, overwrite: bool = False) -> None:
    """Give the complete file `tmp` the name `target` in one step, then fsync the folder.

    Without `overwrite` an existing `target` (file, folder or symlink) raises FileExistsError
    and is left alone; with it, `target` is replaced (a symlink itself, never what it points to).
    """
    fsync_file(tmp)
    if overwrite:
        os.replace(tmp, target)
    else:
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            _claim_then_replace(tmp, target)
        else:
            os.unlink(tmp)
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make a new or renamed name in `folder` survive a crash (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself was fsynced
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a finished file's bytes to disk before it is given its final name."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _claim_then_replace(tmp: Path, target: Path) -> None:
    """No hard links here: claim the name with O_EXCL, then swap the full file in over it."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    os.close(fd)
    os.replace(tmp, target)
