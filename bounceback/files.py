"""Writing files for the person (feedback drafts, exports): 0600, atomic, never via a symlink."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_private_text(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write `text` to `path` at 0600. FileExistsError unless `overwrite`.

    A new file is created with O_EXCL|O_NOFOLLOW; replacing one goes through a temp file in the
    same folder, fsync and os.replace, so a crash never leaves half a file and a symlink at
    `path` is replaced, not followed.
    """
    path = Path(path).expanduser()
    if path.is_symlink() and not overwrite:
        raise FileExistsError(path)
    if not overwrite:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        return path
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
