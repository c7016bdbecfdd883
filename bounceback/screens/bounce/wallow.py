"""Step 2, the wallow window: a live countdown to a stored deadline, and a vent box."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Label, TextArea

from bounceback.screens.bounce.base import FlowStep
from bounceback.store.errors import StoreError, ValidationError
from bounceback.store.records import WallowRecord
from bounceback.terminal import set_terminal_title
from bounceback.widgets.wallow_timer import WallowTimer

TIME_UP_BEAT = 3.0  # tests shorten it
"""Seconds the "time's up" message stays before the ritual opens."""

VENT_SAVE_DELAY = 0.25
"""Seconds after the last keystroke before the vent box is written (and at once on leaving)."""


class WallowScreen(FlowStep):
    """The countdown; vent as you like; escape ends early (asks first). No extending."""

    STEP = "wallow"
    HELP_TITLE = "Wallow window"
    TIME_UP_BEAT: ClassVar[float] = TIME_UP_BEAT

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "End early", show=False, id="flow-next", priority=True,
                tooltip="Same as escape: end the window now (asks first)"),
        Binding("escape", "end_early", "End early", id="wallow-end",
                tooltip="End the window now (asks first; there is no extending it)"),
    ]

    def __init__(self, case_id: int) -> None:
        """The open window of case `case_id`."""
        super().__init__(case_id)
        self.window: WallowRecord | None = None
        self._vent_timer: Timer | None = None
        self._finished = False

    def compose(self) -> ComposeResult:
        """Step bar, the timer, the vent box."""
        self.window = self.store.wallow.for_rejection(self.case_id)
        case = self.case()
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
            yield Label("Vent here. It saves as you type and stays between you and this file.",
                        id="wallow-hint")
            yield TextArea(self.window.vent_text if self.window else "", id="wallow-vent",
                           soft_wrap=True, tab_behavior="focus")
            yield Label("", id="wallow-status")
        yield Footer()

    def on_mount(self) -> None:
        """Straight into the vent box."""
        self.set_terminal_title("bounceback — wallow window")
        self.query_one("#wallow-vent").focus()

    def set_terminal_title(self, title: str) -> None:
        """Name the window in the terminal's title bar too."""
        self.app.title = title
        set_terminal_title(self.app, title)

    @on(TextArea.Changed, "#wallow-vent")
    def _vent_changed(self) -> None:
        if self._vent_timer is not None:
            self._vent_timer.stop()
        self._vent_timer = self.set_timer(VENT_SAVE_DELAY, self.save_vent)

    def flush_pending(self) -> None:
        """Quitting: write the vent box now if it is still waiting for its beat."""
        if self._vent_timer is not None:
            self._vent_timer.stop()
            self.save_vent()

    def unsaved_changes(self) -> bool:
        """The vent box is saved as it changes."""
        return False

    def save_vent(self) -> None:
        """Write the vent box now (debounced while typing; always on leaving)."""
        self._vent_timer = None
        if self.window is None:
            return
        try:
            text = self.query_one("#wallow-vent", TextArea).text
            self.store.wallow.save_vent(self.window.id, text)
        except (StoreError, ValidationError) as exc:
            self.say(getattr(exc, "message", str(exc)), "error", timeout=10)

    @on(WallowTimer.Finished)
    def _time_up(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.save_vent()
        self.app.bell()
        self.set_terminal_title("bounceback — time's up")
        beat = self.TIME_UP_BEAT
        self.say("Time's up. You gave it its space; now something kind for yourself.",
                 timeout=beat + 2)
        self.query_one("#wallow-status", Label).update(
            Content.styled("Time's up. Taking you to your ritual…", "bold $success"))
        self.set_timer(beat, lambda: self._close(early=False))

    def action_end_early(self) -> None:
        """Ask, then end now."""
        from bounceback.screens.modals import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one("#wallow-timer", WallowTimer).stop()
                self._close(early=True)

        self.app.push_screen(ConfirmModal(
            Content("End the wallow window now? It can't be extended or restarted later."),
            yes="End it", no="Keep going"), answered)

    def action_next_step(self) -> None:
        """ctrl+s here is the same as ending early (asks first)."""
        self.action_end_early()

    def _close(self, early: bool) -> None:
        self.save_vent()
        if self.window is not None:
            try:
                self.store.wallow.finish(self.window.id, early=early)
            except StoreError as exc:
                self.say(exc.message, "error", timeout=10)
                return
        self.set_terminal_title("bounceback")
        self.go_to("ritual")
