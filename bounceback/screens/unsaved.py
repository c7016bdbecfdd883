"""Nothing typed vanishes on quit: what a screen tells the app, and the question quit asks.

Every screen that holds typed text implements `HoldsTyping`: autosaving screens (Today's
check-in, the vent box, the flow's sentences) write what waits for its debounce in
`flush_pending()`, and forms write their draft there; forms report `unsaved_changes()`. Quit
(`q`, `ctrl+q`, the palette) flushes every screen on every mode's stack, then asks before
discarding a form's typed text. SIGTERM and SIGHUP (the terminal closed) flush the same way and
leave through Textual's own exit, so the terminal is given back as it was (`SignalExit`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import signal
import threading
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.content import Content
from textual.screen import Screen

from bounceback.screens.modals import ConfirmModal
from bounceback.screens.stacks import screen_stacks


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen with text typed by the person (a form, an autosaving box)."""

    def flush_pending(self) -> None:
        """Write at once whatever autosave is still waiting for (no-op for a form)."""

    def unsaved_changes(self) -> bool:
        """True when quitting now would lose typed text (always False once autosaved)."""


class QuitQuestion(ConfirmModal):
    """"Quit and discard what you typed?" — the escape question, asked by quit."""

    def __init__(self) -> None:
        """Keep editing is the safe, focused answer."""
        super().__init__(Content("Quit and discard what you typed?"), yes="Quit",
                         no="Keep editing")


def every_screen(app: App[Any]) -> list[Screen[Any]]:
    """The screens on every mode's stack (and the current one, e.g. while starting)."""
    screens: list[Screen[Any]] = list(app.screen_stack)
    for _mode, stack in screen_stacks(app):
        screens += [s for s in stack if s not in screens]
    return screens


def typed(screens: Iterable[Screen[Any]]) -> list[HoldsTyping]:
    """The screens among `screens` that hold typed text."""
    return [s for s in screens if isinstance(s, HoldsTyping)]


def flush_everything(app: App[Any]) -> None:
    """Write every autosave and form draft now; one that fails does not stop the others."""
    for holder in typed(every_screen(app)):
        # a flush reports a refusal itself; a bug in one must not keep the rest from being written
        with contextlib.suppress(Exception):
            holder.flush_pending()


def quit_safely(app: App[Any]) -> None:
    """Write what autosaves, then exit — or ask first when a form holds typed text."""
    holders = typed(every_screen(app))
    for holder in holders:
        holder.flush_pending()
    if not any(holder.unsaved_changes() for holder in holders):
        app.exit()
        return
    if isinstance(app.screen, QuitQuestion):  # asked already: the question stays
        return

    def answered(quit_: bool | None) -> None:
        if quit_:
            for holder in typed(every_screen(app)):  # "discard" was the answer: drafts too
                discard = getattr(holder, "discard_draft", None)
                if discard is not None:
                    discard()
            app.exit()

    app.push_screen(QuitQuestion(), answered)


LEAVING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""`kill` and a closed terminal: leave as `q` would, keeping everything typed."""

SHUTDOWN_GRACE = 5.0
"""Seconds the normal exit gets after a signal before the process ends regardless: when the
terminal is gone (SIGHUP from a closed window), Textual's shutdown can wait forever to write to
it. Everything typed was written before the exit began."""


def leave_on_signal(app: App[Any], signum: int) -> None:
    """Write every autosave and draft, then exit normally (status 128 + the signal's number).

    Nothing is asked: there may be no one (or no terminal) to answer. A form's text stays as
    its draft and is offered back on the next start.
    """
    flush_everything(app)
    app.exit(return_code=128 + signum)


class SignalExit:
    """SIGTERM/SIGHUP handlers for a running app: the first one leaves through `App.exit`.

    The handler only hands the work to the event loop (`call_soon_threadsafe`), so nothing runs
    in the middle of a frame or a database write. A second signal while the first still waits
    for the loop (the loop is stuck) ends the process the default way; once the loop has taken
    the first, later ones are ignored: the exit is under way. `remove()` puts back the handlers
    found.
    """

    def __init__(
        self, app: App[Any], leave: Callable[[App[Any], int], None] = leave_on_signal, *,
        grace: float | None = None, hard_exit: Callable[[int], None] = os._exit,
    ) -> None:
        """`leave(app, signum)` runs on the event loop when a signal arrives.

        `grace`: seconds after which `hard_exit(status)` ends the process if the exit has not
        (None: never; headless apps and tests have no terminal to wait for).
        """
        self._app = app
        self._leave = leave
        self._grace = grace
        self._hard_exit = hard_exit
        self.watchdog: threading.Timer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._context: contextvars.Context | None = None
        self._previous: dict[int, Any] = {}
        self.received: list[int] = []
        self.leaving = False
        """True once the loop has taken a signal and the exit is under way."""

    def install(self) -> bool:
        """Take over the signals (from the event loop's thread); False where that is impossible."""
        self._loop = asyncio.get_running_loop()
        self._context = contextvars.copy_context()  # the app's: its screens find their app
        for sig in LEAVING_SIGNALS:
            try:
                self._previous[sig] = signal.signal(sig, self.handle)
            except (ValueError, OSError):  # not the main thread, or no such signal here
                continue
        return bool(self._previous)

    def remove(self) -> None:
        """Put back the handlers that were there before (the app has stopped)."""
        for sig, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, previous if previous is not None else signal.SIG_DFL)
        self._previous.clear()

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        """The signal handler proper (Python runs it between two steps of the main thread)."""
        self.received.append(signum)
        if self.leaving:
            return
        loop = self._loop
        if len(self.received) > 1 or loop is None or loop.is_closed():
            self.remove()  # the first one never got through: stop the default way
            os.kill(os.getpid(), signum)
            return
        loop.call_soon_threadsafe(self.leave_now, signum, context=self._context)

    def leave_now(self, signum: int) -> None:
        """On the event loop: leave (what a signal's arrival runs; tests call it directly)."""
        if self.leaving:
            return
        self.leaving = True
        if self._grace is not None:
            self.watchdog = threading.Timer(self._grace, self._hard_exit, (128 + signum,))
            self.watchdog.daemon = True
            self.watchdog.start()
        self._leave(self._app, signum)

    def disarm(self) -> None:
        """The app has stopped (its `run()` returned): no need to end the process by force."""
        if self.watchdog is not None:
            self.watchdog.cancel()
