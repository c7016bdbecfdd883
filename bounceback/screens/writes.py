"""Writes from the screens never hold the screen up: at once when the lock is free, else later.

A store write made on the event loop waits at most a beat for another window's lock
(`Store.answer_quickly_on`); when it is refused as busy, `write_soon` hands it to the app's
write lane: one background thread that waits its turn for the lock (so writes keep the order
they were asked in) and gives the outcome back on the event loop. Meanwhile the screen keeps
drawing and answering keys, and the text stays where it was typed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from bounceback.screens.outcome import REFUSALS, Outcome
from bounceback.store.errors import BusyError

T = TypeVar("T")

log = logging.getLogger(__name__)

LANE_TRIES = 3
"""How many full busy timeouts the lane waits through before a write is given up as busy."""

STILL_BUSY = (
    "Not saved yet: another window (or an import, a restore) has been writing for a while. "
    "Your text is still here; it is saved with your next change, or try again in a moment."
)


def outcome_of(call: Callable[..., T], *args: Any) -> Outcome[T]:
    """`call(*args)` as an Outcome; a refusal is kept, anything else is a bug and raises."""
    try:
        return Outcome.done(call(*args))
    except REFUSALS as exc:
        return Outcome.refused(exc)


class WriteLane:
    """One background thread for writes that had to wait: in order, one at a time."""

    def __init__(self, app: App[Any]) -> None:
        """Nothing runs until the first write is handed over."""
        self._app = app
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bb-write")
        self.pending = 0
        """Writes handed over and not yet given back (the app says "saving…" meanwhile)."""

    def _patiently(self, call: Callable[..., T], *args: Any) -> Outcome[T]:
        """On the lane's thread: the write, waiting through up to LANE_TRIES busy timeouts."""
        outcome: Outcome[T] = outcome_of(call, *args)
        for _ in range(LANE_TRIES - 1):
            if not isinstance(outcome.error, BusyError):
                break
            outcome = outcome_of(call, *args)
        return outcome

    def later(self, call: Callable[..., T], *args: Any,
              done: Callable[[Outcome[T]], None]) -> None:
        """Run `call(*args)` on the lane; `done(outcome)` runs on the event loop afterwards."""
        self.pending += 1

        async def wait_for_it() -> None:
            loop = asyncio.get_running_loop()
            try:
                outcome = await loop.run_in_executor(self._pool, self._patiently, call, *args)
            finally:
                self.pending -= 1
            done(outcome)

        self._app.run_worker(wait_for_it(), name="write-lane", group="write-lane",
                             exit_on_error=False)

    def drain(self, timeout: float | None = None) -> None:
        """Block until every write handed over so far has run (quitting: nothing left behind).

        Their `done` callbacks run later, on the event loop; what a write stores must not
        depend on them (an autosave keeps its base on the lane's thread, see `autosave`).
        """
        try:
            self._pool.submit(lambda: None).result(timeout)
        except Exception:  # a timeout: quit goes on; the lane still finishes before exit
            log.info("write lane still busy when asked to drain")

    def close(self) -> None:
        """Let the writes handed over finish, then stop the thread (the app is leaving)."""
        self._pool.shutdown(wait=True)


def write_soon(lane: WriteLane, call: Callable[..., T], *args: Any,
               done: Callable[[Outcome[T]], None]) -> bool:
    """Write now if the lock is free within a beat, else on the lane; `done` gets the outcome.

    Returns True when `done` already ran (the write happened or was refused at once), False
    when it waits on the lane. Refusals are not shown here: `done` decides what to say.
    """
    outcome = outcome_of(call, *args)
    if isinstance(outcome.error, BusyError):
        lane.later(call, *args, done=done)
        return False
    done(outcome)
    return True


WAITING = ("Saving… another window is writing to the database right now; yours goes in as soon "
           "as it is done. Your text stays here.")


FIELDS = "Input, TextArea, Select, SelectionList, Checkbox, RadioSet"
"""What a form's fields are made of (held still while a save waits)."""


class FormSave:
    """A form's ctrl+s: saved at once, or (busy lock) on the write lane while the form stays
    open and answering; a second ctrl+s or escape meanwhile only says it is on its way.

    While it waits the fields take no typing: what is saved is exactly what ctrl+s saw, and
    nothing typed after it can be dropped when the form closes on success.
    """

    def __init__(self, form: Screen[Any], banner: Callable[[str, str], None]) -> None:
        """`banner(message, tone)` shows a line in the form."""
        self._form = form
        self._banner = banner
        self.waiting = False
        self._held: list[Widget] = []
        self._focus: Widget | None = None

    def _hold(self) -> None:
        self._focus = self._form.focused
        self._held = [w for w in self._form.query(FIELDS) if not w.disabled]
        for widget in self._held:
            widget.disabled = True

    def _release(self) -> None:
        for widget in self._held:
            widget.disabled = False
        self._held = []
        if self._focus is not None and self._focus.is_mounted and self._form.focused is None:
            self._focus.focus()

    def run(self, call: Callable[..., T], *args: Any,
            done: Callable[[Outcome[T]], None]) -> None:
        """Save through `call(*args)`; `done(outcome)` runs when it is back (form still open)."""
        if self.waiting:
            self._banner(WAITING, "warning")
            return
        self.waiting = True

        def finished(outcome: Outcome[T]) -> None:
            self.waiting = False
            if self._form.is_mounted:
                if not outcome.ok:
                    self._banner("", "")
                self._release()
                done(outcome)

        lane: WriteLane = self._form.app.write_lane  # type: ignore[attr-defined]
        if not write_soon(lane, call, *args, done=finished):
            self._banner(WAITING, "warning")
            self._hold()

    def holds_cancel(self) -> bool:
        """True (and says why) while a save waits: escape must not drop a save half-way."""
        if self.waiting:
            self._banner(WAITING, "warning")
        return self.waiting
