"""The one way a screen saves a file: ask where, check it, ask before replacing, write, say so.

`save_file` runs the whole exchange with toasts: the prompt starts at a sensible default, the
path is checked the way the command line checks it (`bounceback.targets`), an existing file
is only replaced after a yes, and the write itself (0600, atomic, in `bounceback.files`) is the
caller's `write`. User text reaches the screen only through `template()` and `notify()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App
from textual.content import Content

from bounceback.targets import taken, target_problem
from bounceback.widgets.safe import notify, template

Write = Callable[[Path, bool], str]
"""Writes to the path (replacing only when told: the bool) and returns what to say after.

Raises FileExistsError when the name was taken meanwhile, OSError when the disk says no."""


def save_file(
    app: App[Any],
    question: Content,
    default: Path,
    write: Write,
    *,
    placeholder: str = "a file path",
    example: str = "",
    files: Sequence[str] = (),
    links: bool = True,
    replace: str = "[b]$path[/b] already exists. Replace it?",
) -> None:
    """Prompt for a path (starting at `default`), then check, confirm a replacement and write.

    `example`, `files` and `links` are `target_problem`'s: the file name suggested when a
    folder is typed, the files a folder target will hold, and whether a symbolic link may be
    replaced. `replace` is the confirmation's template (`$path` is the typed path).
    """
    from bounceback.screens.modals import ConfirmModal, TextPromptModal

    def answered(text: str | None) -> None:
        if text is None or not text.strip():
            return
        path = Path(text.strip()).expanduser()
        problem = target_problem(path, files=files, example=example, links=links)
        if problem:
            notify(app, problem, severity="warning")
            return
        if taken(path, files):
            app.push_screen(ConfirmModal(template(replace, path=str(path)), yes="Replace"),
                            lambda yes: _write(app, path, True, write) if yes else None)
            return
        _write(app, path, False, write)

    app.push_screen(TextPromptModal(question, str(default), placeholder=placeholder), answered)


def _write(app: App[Any], path: Path, overwrite: bool, write: Write) -> None:
    """Write, and say in a toast how it went (never a traceback)."""
    try:
        said = write(path, overwrite)
    except FileExistsError:
        notify(app, f"{path} appeared meanwhile; nothing was written.", severity="warning")
    except OSError as exc:
        notify(app, f"Could not write {path}: {exc.strerror or type(exc).__name__}.",
               severity="error", timeout=10)
    else:
        notify(app, said, timeout=8)
