"""Step 1, Acknowledge: name the feeling, rate it, and choose how long to give it."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, SelectionList

from bounceback.clock import local, today_at
from bounceback.dates import TimeParseError, parse_time
from bounceback.domain import FEELING_WORDS, BounceStep
from bounceback.playbook.first_aid import normalise
from bounceback.screens.bounce.base import FlowStep
from bounceback.store.errors import StoreError, ValidationError
from bounceback.widgets.intensity import IntensityScale
from bounceback.widgets.safe import content, template

WINDOW_CHOICES = (5, 10, 15, 20, 25, 30)


class AcknowledgeScreen(FlowStep):
    """Pick words, rate 0-10 (digits work), an optional sentence; ctrl+s starts the window."""

    STEP = BounceStep.ACKNOWLEDGE
    HELP_TITLE = "Acknowledge"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "Start the window", id="ack-start", priority=True,
                tooltip="Save and start the wallow window now, or plan it for the time typed "
                        "in When (works with just the defaults)"),
        Binding("ctrl+r", "ritual_first", "Ritual first", id="ack-ritual-first", priority=True,
                tooltip="Do your ritual first; the wallow window follows it"),
        Binding("escape", "leave", "Not now", id="ack-leave",
                tooltip="Leave; the rejection is recorded and its case stays in Rejections"),
        *[
            Binding(str(n), f"rate({n})", f"Rate {n}", show=False, id=f"ack-rate-{n}",
                    tooltip="Set the intensity" if n == 0 else "")
            for n in range(10)
        ],
    ]

    def __init__(self, case_id: int) -> None:
        """Acknowledge case `case_id`."""
        super().__init__(case_id)
        self._typing_on = False  # letters typed elsewhere are on their way to the box

    def compose(self) -> ComposeResult:
        """Feelings on the left; intensity, sentence and window length on the right."""
        case = self.case()
        minutes = self.store.settings.get().wallow_minutes
        self.note = self.text_autosave("ack-note", "feeling_note", "Your sentence",
                                       case.feeling_note)
        yield self.step_bar()
        with VerticalScroll(id="ack-body"):  # scrolls where a small terminal cuts it
            yield Label(Content.styled("That one stings. Let's name it first.", "bold"),
                        id="ack-title")
            # where it stands, then the first-aid line: real pain, common, survivable
            yield Label(template(
                "$company — $role · it got as far as [b]$stage[/b]. $normal",
                company=case.company, role=case.role or "—", stage=case.stage_reached.label,
                normal=normalise(case.kind, self._earlier_cases()),
            ), id="ack-context")
            with Horizontal(id="ack-columns"):
                with Vertical(id="ack-left"):
                    yield Label("What is it like? (space picks)", classes="ack-label")
                    yield SelectionList[str](
                        *[(word, word, word in case.feelings) for word in FEELING_WORDS],
                        id="ack-feelings",
                    )
                with Vertical(id="ack-right"):
                    yield Label("How strong, 0–10? (a digit, or ← →)", classes="ack-label")
                    yield IntensityScale(case.intensity_before, id="ack-intensity")
                    yield Label("In one sentence, if you want to (just start typing)",
                                classes="ack-label")
                    # no select-all on focus: a first letter typed elsewhere lands here
                    yield Input(case.feeling_note, id="ack-note", select_on_focus=False,
                                placeholder="e.g. I really wanted this team")
                    yield Label("Minutes to let it out", classes="ack-label")
                    yield Select(
                        [(f"{m} minutes", m) for m in WINDOW_CHOICES],
                        value=minutes if minutes in WINDOW_CHOICES else 15,
                        allow_blank=False, id="ack-minutes",
                    )
                    yield Label("When? Empty for now, or a time today (e.g. 18:00)",
                                classes="ack-label")
                    yield Input("", id="ack-when", placeholder="now")
                    yield Label("", id="ack-when-error")
        yield Footer()

    def _earlier_cases(self) -> int:
        """The no's logged before this one: each a comeback already made."""
        # one COUNT on the event loop, not every case's row (thousands at scale)
        return self.store.rejections.count(excluding=self.case_id)

    def on_mount(self) -> None:
        """Start in the feelings list."""
        self.query_one("#ack-feelings").focus()

    # ---- saved at once ---------------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#ack-feelings")
    def _feelings(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.save(feelings=list(event.selection_list.selected))

    @on(IntensityScale.Changed, "#ack-intensity")
    def _intensity(self, event: IntensityScale.Changed) -> None:
        if event.value is not None:
            self.save(intensity_before=event.value)

    @on(Input.Changed, "#ack-note")
    def _note_changed(self) -> None:
        # debounced: a sentence is saved a beat after the last keystroke (and on leaving)
        self.note.typed()

    @property
    def note_pending(self) -> bool:
        """Typed text not stored yet (waiting for its beat, the lock, or a choice)."""
        return self.note.pending

    def save_note(self) -> None:
        """Write the sentence now (debounced while typing; always on leaving)."""
        self.note.save_now()

    @on(events.DescendantBlur, "#ack-note")
    def _left_note(self) -> None:
        self._typing_on = False  # tab / shift+tab away: the keys mean what they say again

    def on_key(self, event: events.Key) -> None:
        """Words typed on the feelings list or the scale go into the sentence box.

        One `tab` from the list lands on the scale, which has no use for letters; without this
        they were dropped (or `q` quit). Digits still rate, space still picks a word, `?` helps.
        """
        char = event.character
        if not event.is_printable or char is None:
            return
        # Keys typed in one burst were all handed to the list or the scale before the first
        # one moved the focus; they arrive here after it, and belong in the box too (spaces
        # and digits included), in order.
        if not self._typing_on:
            if char in "0123456789 ?" or not isinstance(self.focused,
                                                        SelectionList | IntensityScale):
                return
            self._typing_on = True
        event.stop()
        event.prevent_default()
        note = self.query_one("#ack-note", Input)
        # set_focus at once (not focus(), which waits a beat): keys typed in the same burst are
        # routed to the box as soon as this one is handled, spaces and digits included
        self.set_focus(note)
        note.cursor_position = len(note.value)
        note.insert_text_at_cursor(char)

    def action_rate(self, value: int) -> None:
        """A digit sets the intensity (outside the sentence box)."""
        self.query_one("#ack-intensity", IntensityScale).set_value(value)

    # ---- leaving ---------------------------------------------------------------------------

    def _when(self) -> datetime | None | bool:
        """The planned opening typed in When: None for now, False (said by the box) when it
        cannot be one. A time already past today is refused, never read as tomorrow."""
        typed = self.query_one("#ack-when", Input).value.strip()
        error = self.query_one("#ack-when-error", Label)
        error.update("")
        if typed.lower() in ("", "now"):
            return None
        try:
            opens = today_at(self.bb.clock, parse_time(typed))
        except TimeParseError as exc:
            problem = str(exc)
        else:
            if opens > self.bb.clock.now():
                return opens
            problem = (f"{local(self.bb.clock, opens):%H:%M} has already passed today: type a "
                       "later time, or leave it empty to start now.")
        error.update(content(problem))
        self.query_one("#ack-when", Input).focus()
        self.say(problem, "warning")
        return False

    def _minutes(self) -> int:
        return int(self.query_one("#ack-minutes", Select).value)  # type: ignore[arg-type]

    def action_next_step(self) -> None:
        """Save everything and start the countdown (or plan it for the time typed in When)."""
        if not self.settle():
            return
        when = self._when()
        if when is False:
            return
        if isinstance(when, datetime):
            self._plan(when)
            return
        minutes = self._minutes()
        try:
            self.store.wallow.start(self.case_id, minutes)
        except (StoreError, ValidationError) as exc:
            self.say(getattr(exc, "message", str(exc)), "error", timeout=10)
            return
        from bounceback.screens.bounce.wallow import WallowScreen

        self.app.switch_screen(WallowScreen(self.case_id))

    def _plan(self, opens: datetime) -> None:
        """Plan the window for `opens`; the flow pauses there and Today shows it."""
        try:
            self.store.wallow.schedule(self.case_id, opens, self._minutes())
        except (StoreError, ValidationError) as exc:
            self.say(getattr(exc, "message", str(exc)), "error", timeout=10)
            return
        at = f"{local(self.bb.clock, opens):%H:%M}"
        self.say(f"Your wallow window opens at {at}. Today (1) shows it; g there opens it "
                 "sooner.", timeout=10)
        self.app.pop_screen()

    def action_ritual_first(self) -> None:
        """The ritual now; the window (its length kept) follows it."""
        if not self.settle():
            return
        try:
            self.store.wallow.ritual_first(self.case_id, self._minutes())
        except (StoreError, ValidationError) as exc:
            self.say(getattr(exc, "message", str(exc)), "error", timeout=10)
            return
        self.go_to(BounceStep.RITUAL)

    def action_leave(self) -> None:
        """Out of the flow; everything typed is already saved."""
        def leave() -> None:
            self.say("Saved. Today (1) shows where you paused; enter there goes on whenever "
                     "you want.")
            self.app.pop_screen()

        self.leave_then(leave)
