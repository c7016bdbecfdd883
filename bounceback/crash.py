"""When bounceback hits a bug: one calm line, and a private report that holds none of your text.

Textual answers an unhandled exception by printing a traceback with every frame's local
variables: a vent text, a company name. Textual has no public hook that is given the exception,
so `CrashReportingApp` overrides the private one, `App._handle_exception` (here only, and
`tests/test_crash.py` fails loudly if Textual stops calling it). It writes the report, silences
Textual's printout through the public `App.error_console`, and lets Textual end the app as
before (status 1; `run_test` still re-raises the bug in tests). The command line then prints
one line naming the report (`crash_line`).

A report says where the code was, never what it held: the exception's type (and the types of
the exceptions it was raised from), each frame's file, line and function, the screens that were
open (class names), the versions. Left out on purpose: local variables and arguments, source
lines, exception notes and the exception's message, because messages quote the data being
handled (`KeyError('Acme')`, a markup error quotes the markup, a database error its values).
`BOUNCEBACK_DEBUG=1` keeps Textual's full traceback on the terminal for a developer.
"""

from __future__ import annotations

import contextlib
import io
import os
import platform
import sys
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App

from bounceback import __version__

KEEP_REPORTS = 20
"""The newest reports kept; older ones are removed when a new one is written."""

_PACKAGES = ("textual", "rich", "sqlmodel", "sqlalchemy", "python-dateutil", "platformdirs")
_CHAIN_LIMIT = 5


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def code_path(filename: str) -> str:
    """A frame's file, relative to the import root it came from (no home folder, no user name).

    A file outside every import root is named by its last component only.
    """
    path = Path(filename)
    if not path.is_absolute():
        return filename  # "<frozen importlib._bootstrap>", "<string>"
    roots = sorted((Path(p) for p in sys.path if p and Path(p).is_absolute()),
                   key=lambda p: len(p.parts), reverse=True)
    for root in roots:
        with contextlib.suppress(ValueError):
            return path.relative_to(root).as_posix()
    return path.name


def _frames(error: BaseException) -> list[str]:
    """File, line and function of each frame, outermost first: never a local or a source line."""
    lines = []
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        code = frame.f_code
        lines.append(f"  {code_path(code.co_filename)}:{lineno} in {code.co_qualname}")
    return lines


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


def crash_report(error: BaseException, when: datetime | None,
                 screens: Sequence[str] = ()) -> str:
    """The report's text: where the code was and what it was running, none of its data."""
    versions = " · ".join(f"{name} {_version(name)}" for name in _PACKAGES)
    out = [
        "bounceback crash report",
        f"when: {when.astimezone(UTC).isoformat() if when else 'unknown'}",
        f"bounceback {__version__} · Python {platform.python_version()} "
        f"({platform.python_implementation()}) · {sys.platform}",
        versions,
        f"screens: {' > '.join(screens) if screens else '(none)'}",
        "",
        f"error: {_type_name(error)}",
        "(the message is left out: it may quote your text)",
        "where (most recent call last):",
        *_frames(error),
    ]
    seen = {id(error)}
    current: BaseException | None = error
    for _ in range(_CHAIN_LIMIT):
        assert current is not None
        cause = current.__cause__
        if cause is None and not current.__suppress_context__:
            cause = current.__context__
        if cause is None or id(cause) in seen:
            break
        seen.add(id(cause))
        word = "raised from" if cause is current.__cause__ else "raised while handling"
        out += ["", f"{word}: {_type_name(cause)}", *_frames(cause)]
        current = cause
    return "\n".join(out) + "\n"


def write_crash_report(text: str, folder: Path, when: datetime | None) -> Path:
    """Write `text` to a new private file (0600, folder 0700); keep the newest reports only."""
    from bounceback.store.fs import PRIVATE_FILE, ensure_private_dir

    ensure_private_dir(folder)
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") if when else "unknown"
    for n in range(1, 1000):
        path = folder / f"crash-{stamp}-{os.getpid()}{'' if n == 1 else f'-{n}'}.txt"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW,
                         PRIVATE_FILE)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"{folder} is full of crash reports")
    try:
        os.fchmod(fd, PRIVATE_FILE)  # the umask cannot loosen it
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    with contextlib.suppress(OSError):
        reports = sorted((p for p in folder.glob("crash-*.txt") if p.is_file()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in reports[KEEP_REPORTS:]:
            old.unlink()


def crash_line(report: Path | None, problem: str = "") -> str:
    """The one line printed after a crash (the terminal is back to normal by then)."""
    said = "bounceback hit a bug and closed; nothing you saved is lost."
    if report is not None:
        return f"{said} A report (none of your text in it) is in {report}"
    return f"{said} The report could not be written ({problem or 'unknown reason'})."


class _Nowhere(io.StringIO):
    """A text file that keeps nothing: Textual's traceback (with locals) is printed here."""

    def write(self, text: str) -> int:
        return len(text)


class CrashReportingApp(App[None]):
    """An app whose crash writes a report without user text instead of a traceback with it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """No crash yet."""
        super().__init__(*args, **kwargs)
        self.crashed = False
        self.crash_report: Path | None = None
        self.crash_problem = ""

    def _handle_exception(self, error: Exception) -> None:
        """Textual's private hook for an unhandled exception (see the module's docstring)."""
        self.report_crash(error)
        super()._handle_exception(error)

    def crash_time(self) -> datetime | None:
        """When it happened, by the app's clock (override; None: unknown)."""
        return None

    def save_typing(self) -> None:
        """Write what the person typed and the app still holds (override; best effort)."""

    def report_crash(self, error: BaseException) -> None:
        """The first crash: keep what was typed, write the report, silence the traceback."""
        if self.crashed:
            return
        self.crashed = True
        if not os.environ.get("BOUNCEBACK_DEBUG"):
            self.error_console = Console(file=_Nowhere(), stderr=False)
        with contextlib.suppress(Exception):
            self.save_typing()
        when = None
        with contextlib.suppress(Exception):
            when = self.crash_time()
        screens: list[str] = []
        with contextlib.suppress(Exception):
            screens = [type(s).__name__ for s in self.screen_stack]
        from bounceback.paths import crash_dir

        try:
            self.crash_report = write_crash_report(crash_report(error, when, screens),
                                                   crash_dir(), when)
        except OSError as exc:
            self.crash_problem = exc.strerror or type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - a store error (an unwritable folder) or such
            self.crash_problem = getattr(exc, "message", None) or type(exc).__name__
