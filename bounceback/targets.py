"""Where an export may be written: one check for the command line and the screens alike.

`target_problem` says in one line why a path cannot take the file (or the folder of files),
before anything is opened; `taken` lists what a write would replace, so the caller can ask
(a screen) or insist on `--force` (the CLI). Only `lstat`/`stat` look at the path: a FIFO or
a device is never opened, so nothing can hang.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Sequence
from pathlib import Path

from bounceback.store.fs import kind_of


def target_problem(
    out: Path, *, files: Sequence[str] = (), example: str = "", links: bool = True
) -> str | None:
    """Why `out` cannot be written, or None.

    Without `files`, `out` is one file and `example` is the file name suggested when `out` is
    a folder. With `files`, `out` is a folder that will hold those files (the CSV export).
    `links=False` refuses a symbolic link at `out`; otherwise a link is replaced itself, and
    nothing is ever written through it.
    """
    problem = _special(out)
    if problem:
        return problem
    if not links and out.is_symlink():
        return f"{out} is a symbolic link; choose another path."
    if not files and out.is_dir():
        return f"{out} is a folder; give a file name, e.g. {out / (example or 'export')}."
    if files and out.exists() and not out.is_dir():
        return f"{out} is a file; the CSV export writes a folder (e.g. {out}-csv)."
    if not out.parent.is_dir():
        return f"{out.parent} does not exist; create the folder first."
    for name in files:
        problem = _special(out / name)
        if problem:
            return problem
    return None


def taken(out: Path, files: Sequence[str] = ()) -> list[Path]:
    """The files a write to `out` would replace (a link counts, even a dangling one)."""
    targets = [out / name for name in files] if files else [out]
    return [t for t in targets if t.exists() or t.is_symlink()]


def _special(path: Path) -> str | None:
    """An existing path must be a file, a folder or a link (a FIFO or device would hang)."""
    with contextlib.suppress(OSError):
        mode = path.lstat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode)):
            return f"{path} is {kind_of(mode)}, not a file; choose another path."
    return None
