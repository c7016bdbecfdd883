"""Today's check-in panel: mood, "what I can control today", a note — saved as they change.

The panel gathers the three fields and decides *when* to save (at once for the mood, a beat
after the last keystroke for text, at once on leaving); *what* saving means is the screen's
callbacks, which talk to the store. The two lines are `TextAutosave`s: never written over a
change made in another window (the person chooses), never holding the screen up.

The check-in is entered on purpose (`c`, or `enter` on the panel): the panel itself takes focus
first and holds no digit keys, so a `2` typed by habit switches screens instead of rating the day.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, TextArea

from bounceback.clock import Clock
from bounceback.playbook.daily import MOOD_WORDS
from bounceback.screens.autosave import TextAutosave
from bounceback.store.records import CheckInRecord
from bounceback.widgets.mood import MoodPicker

SAVE_DELAY = 0.3
"""Seconds after the last keystroke before a check-in line is written."""

MoodFn = Callable[[int | None], None]
"""Write today's mood (the screen says how it went)."""

LineFn = Callable[[str, str, str], CheckInRecord]
"""Write one line of today's check-in: (field, text, the text last seen stored) -> the record.
Runs on the event loop or the write lane's thread; refusals are raised."""

LINES = {"control": ("today-control", "“What I can control today”"),
         "note": ("today-note", "Today's note")}
"""Each autosaved line: its box and how sentences name it."""


PLACEHOLDERS = {
    True: ("one thing that is yours to decide", ""),
    False: ("what I can control today", "a note, if you like"),
}
"""The fields' placeholders with their labels shown (True) and in the compact check-in."""

HINT_OUTSIDE = "c: check in · digits: screens"
HINT_DOOR = "enter/c: check in · digits: screens"
HINT_MOOD = "1-5 rate · ⌫ clear · enter next · esc done"
HINT_FIELDS = "tab next · enter done · esc leave"


class CheckInPanel(Vertical, can_focus=True):
    """Mood picker, one line, a note; `enter` in the line posts `CheckInPanel.Done`.

    Focused itself, the panel is the check-in's closed door: `enter` opens it (focuses the mood).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # hidden: the footer already shows `c`, and the panel itself says "enter/c: check in"
        Binding("enter", "open", "Check in", show=False, id="checkin-open",
                tooltip="Start today's check-in: a digit rates the mood, tab the next line"),
    ]

    class Done(Message):
        """The person pressed enter on "what I can control today": the check-in is done."""

    def __init__(self, save_mood: MoodFn, save_line: LineFn, clock: Clock, *,
                 refused: Callable[[Exception], bool] | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        """`save_mood` and `save_line` persist; `refused(error)` may handle a line's refusal
        (True: handled); `clock` shows when it was saved in local time."""
        super().__init__(id=id, classes=classes)
        self._save_mood = save_mood
        self._clock = clock
        self.lines = {
            name: TextAutosave(self, box_id, key=name, what=what, save=partial(save_line, name),
                               stored=partial(_field, name), base="", delay=SAVE_DELAY,
                               saved=self.show_saved, refused=refused)
            for name, (box_id, what) in LINES.items()
        }

    def compose(self) -> ComposeResult:
        """Mood, its hint, the line, the note."""
        yield MoodPicker(MOOD_WORDS, id="today-mood")
        yield Label(Content.styled(HINT_OUTSIDE, "$text-muted"), id="today-mood-hint")
        yield Label("What I can control today", classes="today-label")
        yield Input(placeholder=PLACEHOLDERS[True][0], id="today-control", compact=True)
        yield Label("A note, if you like", classes="today-label")
        yield TextArea(id="today-note", soft_wrap=True, tab_behavior="focus", compact=True)

    @property
    def mood(self) -> MoodPicker:
        """The mood picker."""
        return self.query_one(MoodPicker)

    def on_resize(self) -> None:
        """A compact check-in (app.tcss hides the labels) names its fields in the placeholders."""
        labelled = self.query_one(".today-label").display
        control, note = PLACEHOLDERS[labelled]
        self.query_one("#today-control", Input).placeholder = control
        self.query_one("#today-note", TextArea).placeholder = note

    def action_open(self) -> None:
        """Open the check-in: the mood picker takes the digits."""
        self.mood.focus()

    def _show_hint(self) -> None:
        """Say what the keys do from where the focus is now."""
        focused = self.screen.focused
        if focused is self:
            hint = HINT_DOOR
        elif focused is self.mood:
            hint = HINT_MOOD
        elif focused is not None and focused.parent is self:
            hint = HINT_FIELDS
        else:
            hint = HINT_OUTSIDE
        self.query_one("#today-mood-hint", Label).update(Content.styled(hint, "$text-muted"))

    def on_focus(self) -> None:
        """The door is focused."""
        self._show_hint()

    def on_blur(self) -> None:
        """The door lost focus (to a field inside or elsewhere)."""
        self.call_after_refresh(self._show_hint)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        """Into the mood or a line."""
        self._show_hint()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Out of a field: the new focus is known only once this blur is handled."""
        self.call_after_refresh(self._show_hint)

    @property
    def pending(self) -> bool:
        """Typed text not stored yet (waiting for its beat, the lock, or a choice)."""
        return any(line.pending for line in self.lines.values())

    @property
    def unsaved(self) -> bool:
        """A line holds text that could not be stored (quit asks before losing it)."""
        return any(line.unsaved for line in self.lines.values())

    def fill(self, checkin: CheckInRecord | None, mood_only: bool = False) -> None:
        """Show a stored check-in (or an empty one) without saving anything.

        A line with typed text not stored yet keeps it (it is saved, or asked about, next).
        """
        self.mood.show_value(checkin.mood if checkin else None)
        if not mood_only:
            for name, line in self.lines.items():
                if line.pending or line.unsaved:
                    continue
                stored = _field(name, checkin) if checkin else ""
                line.reset(stored)
                box = line.box
                if isinstance(box, Input):
                    box.value = stored
                elif box.text != stored:
                    box.load_text(stored)
        self.show_saved(checkin)

    def show_saved(self, checkin: CheckInRecord | None) -> None:
        """"saved 09:30" in the bottom border."""
        when = checkin.updated_at.astimezone(self._clock.tz) if checkin else None
        self.border_subtitle = f"saved {when:%H:%M}" if when else ""

    @on(MoodPicker.Changed)
    def _mood_changed(self, event: MoodPicker.Changed) -> None:
        event.stop()
        self._save_mood(event.value)

    @on(Input.Changed, "#today-control")
    def _control_typed(self, event: Input.Changed) -> None:
        # the app's scrubber keeps unsafe code points out (cursor in place); the store cleans again
        self.lines["control"].typed()

    @on(TextArea.Changed, "#today-note")
    def _note_typed(self, event: TextArea.Changed) -> None:
        self.lines["note"].typed()

    @on(Input.Submitted, "#today-control")
    def _control_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush()
        self.post_message(self.Done())

    def flush(self) -> None:
        """Write whatever is still waiting for its beat, now (off the event loop if busy)."""
        for line in self.lines.values():
            line.flush()

    def flush_blocking(self) -> None:
        """Quitting: write what waits, waiting for the lock if another window holds it."""
        for line in self.lines.values():
            line.flush_blocking()

    def retry(self) -> None:
        """The database was replaced and reopened: save what waits against the new data."""
        for line in self.lines.values():
            line.retry()


def _field(name: str, checkin: CheckInRecord) -> str:
    """One line of a stored check-in."""
    return str(getattr(checkin, name))
