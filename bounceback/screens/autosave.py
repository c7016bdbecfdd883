"""One autosaved text box: saved a beat after the last key, never over a change made elsewhere,
never holding the screen up.

Each box remembers the text it last saw stored (its *base*) and saves with it, so the store
refuses a save when another window saved something else in between (TextConflictError); the
person then chooses in `TextConflictModal` (both, mine, theirs) and nothing is lost. A save
that finds the lock busy goes to the app's write lane and comes back when it landed, while the
box stays usable; keys typed meanwhile are saved right after, in order. A database restored in
another window (DatabaseReplacedError) keeps the text on screen until the app has reopened it;
a record that is gone keeps it too, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, TextArea

from bounceback.screens.outcome import Outcome, refusal_message
from bounceback.screens.text_conflict import Choice, TextConflictModal, joined
from bounceback.screens.writes import STILL_BUSY, WriteLane, outcome_of, write_soon
from bounceback.store.errors import (
    BusyError,
    DatabaseReplacedError,
    NotFoundError,
    TextConflictError,
)
from bounceback.widgets.safe import notify

R = TypeVar("R")

DRAIN_TIMEOUT = 15.0
"""Seconds quitting waits for a save still waiting on the lane (the lane's own limit)."""


class _Lane(Protocol):
    write_lane: WriteLane
    store: Any


class TextAutosave(Generic[R]):
    """The autosave of one `TextArea` or `Input`; the owner calls `typed()` on each change."""

    def __init__(self, owner: Widget, box_id: str, *, key: str, what: str,
                 save: Callable[[str, str], R], stored: Callable[[R], str], base: str,
                 delay: float, saved: Callable[[R], None] | None = None,
                 refused: Callable[[Exception], bool] | None = None) -> None:
        """Autosave the box `#box_id` inside `owner`.

        `save(text, base)` writes (on the event loop or the lane's thread: it must not touch
        widgets) and returns a record; `stored(record)` is the text stored; `base` is the text
        loaded into the box. `key` names the field in TextConflictError.theirs, `what` the box
        in sentences ("The vent box"). `saved(record)` runs on the event loop after a save;
        `refused(error)` may handle a refusal itself (True: handled).
        """
        self._owner = owner
        self._box_id = box_id
        self.key = key
        self.what = what
        self._save = save
        self._stored = stored
        self.base = base
        self._delay = delay
        self._saved = saved
        self._refused = refused
        self._timer: Timer | None = None
        self._writing = False  # a save is under way (until its outcome is back on the loop)
        self._queued: str | None = None  # typed while a save was under way: saved right after
        self._choosing = False
        self.gone = False
        """The record is not there any more (deleted, or not in restored data)."""
        self.waiting_reopen = False
        """The database was replaced: nothing is written until the app has reopened it."""
        self._restored = False  # the next difference comes from a restore, not a window

    # ---- the box --------------------------------------------------------------------------

    @property
    def box(self) -> TextArea | Input:
        """The field being autosaved."""
        box = self._owner.query_one(f"#{self._box_id}")
        assert isinstance(box, (TextArea, Input)), box
        return box

    @property
    def text(self) -> str:
        """What the box holds now."""
        box = self.box
        return box.text if isinstance(box, TextArea) else box.value

    def _show(self, text: str) -> None:
        """Put `text` in the box; in a TextArea as an edit, so ctrl+z brings the old back."""
        box = self.box
        if isinstance(box, TextArea):
            box.replace(text, box.document.start, box.document.end)
        else:
            box.value = text

    @property
    def _app(self) -> _Lane:
        return self._owner.app  # type: ignore[return-value]

    def _say(self, message: str, severity: str = "warning", timeout: float = 10) -> None:
        notify(self._owner.app, message, severity=severity, timeout=timeout)

    # ---- state ----------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Something typed is not stored yet (waiting for its beat, the lock, or a choice)."""
        return (self._timer is not None or self._writing or self._queued is not None
                or self._choosing)

    @property
    def choosing(self) -> bool:
        """The person is asked what to keep (the modal is up): stay on this screen."""
        return self._choosing

    @property
    def unsaved(self) -> bool:
        """The box holds text that is not stored and no save is under way for it: leaving or
        quitting now would lose it (a refusal, a choice put off, a record gone)."""
        return (self._owner.is_mounted and not self._writing and self._queued is None
                and self.text != self.base)

    def reset(self, base: str) -> None:
        """The box was filled from the store: that is what it last saw stored."""
        self.base = base

    # ---- saving ---------------------------------------------------------------------------

    def typed(self) -> None:
        """The box changed: save a beat after the last key (a box filled with what is stored,
        or typed back to it, has nothing to save)."""
        self._stop_timer()
        if self.text == self.base and not self._writing:
            return
        self._timer = self._owner.set_timer(self._delay, self.save_now)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = None

    def save_now(self) -> None:
        """Save now (the beat passed, or the person leaves); never waits for the lock."""
        self._stop_timer()
        if self._choosing or self.gone or self.waiting_reopen or not self._owner.is_mounted:
            return
        text = self.text
        if self._writing:
            self._queued = text  # saved right after the save under way, in order
            return
        if text != self.base:
            self._write(text, self.base)

    def _job(self, text: str, base: str) -> R:
        """The write itself (event loop or lane); the base moves on as soon as it landed."""
        record = self._save(text, base)
        self.base = self._stored(record)
        return record

    def _write(self, text: str, base: str) -> None:
        self._writing = True
        write_soon(self._app.write_lane, self._job, text, base,
                   done=partial(self._done, text))

    def _done(self, text: str, outcome: Outcome[R]) -> None:
        """Back on the event loop: show it saved, or deal with the refusal calmly.

        Runs even when the box's screen has gone meanwhile: text queued behind this save is
        still written, and a change made elsewhere is still offered as a choice.
        """
        self._writing = False
        queued, self._queued = self._queued, None
        if outcome.ok:
            self._restored = False
            if self._saved is not None and self._owner.is_mounted:
                self._saved(outcome.value)
            if queued is not None and queued != self.base:
                self._write(queued, self.base)
            return
        error = outcome.error
        assert error is not None
        mine = queued if queued is not None else text
        if self._refused is not None and self._refused(error):
            return
        if isinstance(error, TextConflictError):
            self._choose(mine, error.theirs.get(self.key, ""))
        elif isinstance(error, DatabaseReplacedError):
            self.waiting_reopen = True  # the app reopens and tells; `retry` comes after
        elif isinstance(error, NotFoundError):
            self.gone = True
            self._say(f"{self.what} can't be saved: its record is not in the data any more "
                      "(deleted in another window, or not in a restored backup). Your text stays "
                      "on screen: copy what you want to keep before you leave.", timeout=20)
        elif isinstance(error, BusyError):
            self._say(STILL_BUSY)
        else:
            self._say(refusal_message(error), "error")

    def retry(self) -> None:
        """After the app reopened a replaced database: save what waits, against the new data."""
        self.waiting_reopen = False
        self._restored = True
        self.save_now()

    def flush(self) -> None:
        """Leaving the screen: save now (off the event loop if the lock is busy)."""
        self.save_now()

    def flush_blocking(self) -> None:
        """Quitting: wait for a save on the lane, then save what is left, waiting its turn.

        No question is asked here: a conflict or a refusal leaves the text unsaved, and quit
        then asks before discarding it (`unsaved`).
        """
        self._stop_timer()
        if not self._owner.is_mounted:
            return
        if self._writing or self._queued is not None:
            self._app.write_lane.drain(DRAIN_TIMEOUT)  # its base lands on the lane's thread
            self._writing = False  # done, or given up as busy (tried once more below)
            self._queued = None  # (read again from the box below)
        if self._choosing or self.gone or self.waiting_reopen:
            return
        text = self.text
        if text == self.base:
            return
        with self._app.store.patient():
            outcome = outcome_of(self._job, text, self.base)
        if not outcome.ok and not isinstance(outcome.error, TextConflictError):
            self._say(refusal_message(outcome.error), "error")  # type: ignore[arg-type]

    # ---- a change made elsewhere ----------------------------------------------------------

    def _choose(self, mine: str, theirs: str) -> None:
        """Ask what to keep; `mine` is what this window tried to save."""
        self._choosing = True
        multiline = "\n" in mine + theirs or not self._owner.is_mounted or isinstance(
            self.box, TextArea)
        restored, self._restored = self._restored, False
        modal = TextConflictModal(self.what, mine, theirs, multiline=multiline,
                                  restored=restored)
        self._owner.app.push_screen(modal, partial(self._chosen, mine, theirs, multiline))

    def _chosen(self, mine: str, theirs: str, multiline: bool, choice: Choice | None) -> None:
        self._choosing = False
        mounted = self._owner.is_mounted
        if mounted:
            mine = self.text  # (nothing can be typed while the question is up)
        if choice is None:
            self._say(f"{self.what} is not saved: it changed in another window. Your text "
                      "stays here; your next pause in typing asks again.")
            return
        if choice is Choice.THEIRS:
            self.base = theirs
            if mounted:
                self._show(theirs)
            return
        keep = mine if choice is Choice.MINE else joined(theirs, mine, multiline=multiline)
        if mounted and keep != mine:
            self._show(keep)
        self._write(keep, theirs)
