"""Step 2, the wallow window: a live countdown to a stored deadline, and a vent box.

When the time is up nothing moves under the person's fingers: the window is closed in the store,
a bell and a line say so, and focus and text stay where they are. Moving on takes a deliberate
key (enter outside the box, or ctrl+s anywhere), so letters typed a moment too late land in the
vent box instead of acting on the next screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Label, TextArea

from bounceback.domain import BounceStep
from bounceback.screens.autosave import TextAutosave
from bounceback.screens.bounce.base import FlowStep, ritual_done
from bounceback.screens.bounce.flow import after_window
from bounceback.screens.outcome import Outcome, refusal_message
from bounceback.screens.writes import write_soon
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.store.records import WallowRecord
from bounceback.terminal import set_terminal_title
from bounceback.widgets.wallow_timer import WallowTimer

if TYPE_CHECKING:
    from bounceback.store.db import Store

VENT_SAVE_DELAY = 0.25
"""Seconds after the last keystroke before the vent box is written."""

HINT_RUNNING = "Vent here. It saves as you type and stays between you and this file."
HINT_OUTSIDE = "Out of the vent box: enter goes back to writing, x ends the window early."
TIME_UP_TYPING = ("Time's up — enter when ready. Finish your sentence first if you like: "
                  "escape leaves the box (ctrl+s works from anywhere).")
WINDOW_GONE = ("This wallow window is not in the data any more (deleted in another window, or "
               "not in a restored backup). Your vent text stays on screen.")
TIME_UP = "Time's up — enter when ready. You gave it its space; now something kind for yourself."


def remember_deadline(store: Store, window: WallowRecord, ends_at: datetime) -> WallowRecord:
    """Store the deadline a countdown moved after the clock was set back (`DeadlineMoved`).

    Quietly keeps the old one when the store refuses (read-only, busy): the countdown on
    screen is right either way, and the next one to open moves it again.
    """
    try:
        return store.wallow.move_deadline(window.id, ends_at)
    except StoreError:
        return window


class WallowScreen(FlowStep):
    """The countdown and the vent box. Leaving the box (escape) and ending the window (x, asks
    first) are different keys; there is no extending. At zero it waits for enter or ctrl+s."""

    STEP = BounceStep.WALLOW
    HELP_TITLE = "Wallow window"

    # One key, two meanings, never at once: check_action enables the one that fits (in the
    # box or out of it, before or after the deadline), and the footer shows only that one.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "end_early", "End early", id="wallow-end-early", priority=True,
                tooltip="End the window now (asks first; there is no extending it)"),
        Binding("ctrl+s", "move_on", "On to the ritual", id="wallow-next", priority=True,
                tooltip="Time is up: on to the ritual (works from inside the vent box too)"),
        Binding("escape", "leave_box", "Leave the box", id="wallow-leave-box",
                tooltip="Leave the vent box; the clock keeps running and nothing ends"),
        Binding("escape", "leave", "Later", id="wallow-leave",
                tooltip="Leave the flow for now; Today (1) shows the window and brings you back"),
        Binding("enter", "write", "Back to writing", id="wallow-write",
                tooltip="Back into the vent box"),
        Binding("enter", "move_on", "On to the ritual", id="wallow-move-on",
                tooltip="Time is up: on to the ritual"),
        # the ritual came first (ctrl+r at step 1) and is done: the same keys, to the detective
        Binding("ctrl+s", "move_on_detective", "On to the detective", id="wallow-next-detective",
                priority=True, tooltip="Time is up: your ritual is done, on to the detective"),
        Binding("enter", "move_on_detective", "On to the detective",
                id="wallow-move-on-detective",
                tooltip="Time is up: your ritual is done, on to the detective"),
        Binding("x", "end_early", "End early", id="wallow-end",
                tooltip="End the window now (asks first; there is no extending it)"),
    ]

    def __init__(self, case_id: int) -> None:
        """The open window of case `case_id`."""
        super().__init__(case_id)
        self.window: WallowRecord | None = None
        self._finished = False
        self._ritual_done = False  # asked for the ritual first and did it: then the detective

    @property
    def time_up(self) -> bool:
        """The deadline has passed (the window is closed; the screen waits for a key)."""
        return self._finished

    @property
    def vent_pending(self) -> bool:
        """Typed text not stored yet (waiting for its beat, the lock, or a choice)."""
        return self.venting.pending

    def compose(self) -> ComposeResult:
        """Step bar, the timer, the vent box."""
        self.window = self.store.wallow.for_rejection(self.case_id)
        self._ritual_done = ritual_done(self.store, self.case_id)
        case = self.case()
        self.venting = TextAutosave(
            self, "wallow-vent", key="vent_text", what="The vent box",
            save=partial(self._write_vent, self.window.id if self.window else None),
            stored=str, base=self.window.vent_text if self.window else "",
            delay=VENT_SAVE_DELAY)
        self.autosaves.append(self.venting)
        yield self.step_bar()
        with Vertical(id="wallow-body"):
            yield Label(Content.styled(
                "This is your time to feel it. When the clock runs out, we move on together.",
                "bold"), id="wallow-title")
            if self.window is not None:
                yield WallowTimer(
                    self.bb.clock, self.window.ends_at, self.window.minutes * 60,
                    feeling=", ".join(case.feelings), id="wallow-timer",
                )
            yield Label(HINT_RUNNING, id="wallow-hint")
            yield TextArea(self.window.vent_text if self.window else "", id="wallow-vent",
                           soft_wrap=True, tab_behavior="focus")
            yield Label("", id="wallow-status")
        yield Footer()

    def on_mount(self) -> None:
        """Straight into the vent box."""
        self.set_terminal_title("bounceback — wallow window")
        self.vent.focus()

    @property
    def vent(self) -> TextArea:
        """The vent box."""
        return self.query_one("#wallow-vent", TextArea)

    def set_terminal_title(self, title: str) -> None:
        """Name the window in the terminal's title bar too."""
        self.app.title = title
        set_terminal_title(self.app, title)

    # ---- the vent box ---------------------------------------------------------------------

    @on(TextArea.Changed, "#wallow-vent")
    def _vent_changed(self) -> None:
        self.venting.typed()

    def _write_vent(self, window_id: int | None, text: str, base: str) -> str:
        """The vent box into its window (any thread: no widgets here)."""
        if window_id is None:
            raise NotFoundError(self.case_id)
        return self.store.wallow.save_vent(window_id, text, base)

    def save_vent(self) -> None:
        """Write the vent box now (debounced while typing; always on leaving)."""
        self.venting.save_now()

    def on_descendant_focus(self) -> None:
        """The footer follows where the keys go (in the box or on the screen)."""
        self._show_where()

    def on_descendant_blur(self) -> None:
        """See on_descendant_focus."""
        self._show_where()

    def _show_where(self) -> None:
        if not self.is_mounted:
            return
        if not self._finished:
            in_box = self.focused is self.vent
            self.query_one("#wallow-hint", Label).update(HINT_RUNNING if in_box else HINT_OUTSIDE)
        self.refresh_bindings()

    # ---- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Inside the vent box letters and enter are text; only escape and ctrl+s act there."""
        in_box = self.is_mounted and self.focused is self.vent
        if action == "end_early":
            return not self._finished
        if action in ("move_on", "move_on_detective"):
            return self._finished and (action == "move_on_detective") == self._ritual_done
        if action == "leave_box":
            return in_box
        if action in ("leave", "write"):
            return not in_box and (action == "leave" or not self._finished)
        return True

    def action_leave_box(self) -> None:
        """Out of the vent box (saved); nothing ends, the keys in the footer work now."""
        self.save_vent()
        self.set_focus(None)

    def action_leave(self) -> None:
        """Leave the flow for now; the window keeps its deadline (Today brings you back)."""
        def leave() -> None:
            if not self._finished:
                self.say("The clock keeps running: Today (1) shows it, and enter there brings "
                         "you back.")
            self.app.pop_screen()

        self.leave_then(leave)

    def action_write(self) -> None:
        """Back into the vent box."""
        self.vent.focus()

    def action_move_on(self) -> None:
        """Time is up and the person says so: on to the ritual (the detective when the person
        asked for the ritual first and has done it)."""
        self.set_terminal_title("bounceback")
        self.go_to(after_window(self._ritual_done))

    def action_move_on_detective(self) -> None:
        """See action_move_on (the footer names where it goes)."""
        self.action_move_on()

    def action_end_early(self) -> None:
        """Ask, then end now."""
        from bounceback.screens.modals import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes and not self._finished:
                self.query_one("#wallow-timer", WallowTimer).stop()
                self._close(early=True, then=self.action_move_on)

        self.app.push_screen(ConfirmModal(
            Content("End the wallow window now? It can't be extended or restarted later."),
            yes="End it", no="Keep going"), answered)

    @on(WallowTimer.DeadlineMoved)
    def _deadline_moved(self, event: WallowTimer.DeadlineMoved) -> None:
        """The clock was set back: store the deadline the countdown kept (never a longer one)."""
        if self.window is not None:
            self.window = remember_deadline(self.store, self.window, event.timer.ends_at)

    # ---- the end --------------------------------------------------------------------------

    @on(WallowTimer.Finished)
    def _time_up(self) -> None:
        """Close the window in the store, then say so and wait: focus and text stay put."""
        if not self._finished:
            self._close(early=False, then=self._show_time_up)

    def _show_time_up(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.app.bell()
        self.set_terminal_title("bounceback — time's up")
        self.say("Time's up. You gave it its space; enter when you're ready.", timeout=8)
        typing = self.focused is self.vent
        self.query_one("#wallow-status", Label).update(
            Content.styled(TIME_UP_TYPING if typing else TIME_UP, "bold $success"))
        self.query_one("#wallow-hint", Label).update(
            "The vent box stays open; what you type is still saved.")
        self.refresh_bindings()

    def _close(self, early: bool, then: Callable[[], None]) -> None:
        """Write the vent box and end the window in the store, then `then()`; a refusal is
        said and changes nothing (a busy store is waited for off the event loop)."""
        self.save_vent()
        if self.window is None:
            self.set_terminal_title("bounceback")
            then()
            return

        def closed(outcome: Outcome[WallowRecord]) -> None:
            if not outcome.ok:
                assert outcome.error is not None
                self.say(refusal_message(outcome.error, gone=WINDOW_GONE), "error", timeout=10)
                return
            if self.is_mounted:
                self.set_terminal_title("bounceback")
                then()

        write_soon(self.bb.write_lane, partial(self.store.wallow.finish, early=early),
                   self.window.id, done=closed)
