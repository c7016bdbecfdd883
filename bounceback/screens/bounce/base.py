"""What every step of the bounce-back flow shares: the case, the step bar, moving on.

Every step screen registers itself here by its `STEP` (`FlowStep.__init_subclass__`), so
moving to any step (`screen_for`) needs no import of the step modules, which import this one:
the package imports them all before anything of it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType

from bounceback.domain import BounceStep
from bounceback.screens.autosave import TextAutosave
from bounceback.screens.base import NumberedScreen
from bounceback.screens.bounce.flow import next_step, saved_on_arrival, screen_step
from bounceback.screens.stacks import mode_of
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.store.records import RejectionRecord
from bounceback.widgets.mode_bar import DEMO_NOTE
from bounceback.widgets.step_bar import StepBar

if TYPE_CHECKING:
    from bounceback.store.db import Store

CASE_GONE = ("This rejection is not in the data any more (deleted in another window, or not in "
             "a restored backup): nothing more is saved here. What you typed stays on screen.")

TEXT_SAVE_DELAY = 0.3
"""Seconds after the last keystroke before a sentence of the flow is written."""

_SCREENS: dict[BounceStep, type[FlowStep]] = {}
"""Each step's screen class, filled as the step modules are imported."""


def ritual_done(store: Store, case_id: int) -> bool:
    """Whether the case has had its ritual (one marked done, or the feeling re-rated after)."""
    try:
        rerated = store.rejections.get(case_id).intensity_after is not None
    except NotFoundError:
        return False
    return rerated or bool(store.rituals.done_for(case_id))


def screen_for(step: str, case_id: int) -> FlowStep:
    """The screen that shows case `case_id` paused at `step` (a stored `flow_step`)."""
    return _SCREENS[screen_step(step)](case_id)


class FlowStep(NumberedScreen):
    """A step screen bound to one rejection case; `go_next` replaces it with the next step.

    Its typed sentences are `autosaves` (see `text_autosave`): written a beat after the last
    key, never over a change made in another window, never holding the screen up.
    """

    STEP: ClassVar[BounceStep]
    HELP_TITLE = "Bouncing back"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "Next", id="flow-next", priority=True,
                tooltip="Save and go to the next step"),
    ]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A subclass that names its STEP becomes that step's screen."""
        super().__init_subclass__(**kwargs)
        step = cls.__dict__.get("STEP")
        if step is not None:
            _SCREENS[step] = cls

    def __init__(self, case_id: int) -> None:
        """Show step STEP of case `case_id`."""
        super().__init__()
        self.case_id = case_id
        self.autosaves: list[TextAutosave[Any]] = []
        self._last_case: RejectionRecord | None = None
        self._said_gone = False

    def case(self) -> RejectionRecord:
        """The case as stored now; once gone (deleted in another window, not in a restored
        backup), as last seen, said once: the step's keys never crash on it."""
        try:
            self._last_case = self.store.rejections.get(self.case_id)
        except NotFoundError:
            if self._last_case is None:
                raise
            if not self._said_gone:
                self._said_gone = True
                self.say(CASE_GONE, "warning", timeout=15)
        return self._last_case

    def step_bar(self) -> StepBar:
        """The flow's progress line with this step lit."""
        return StepBar(self.STEP, note=DEMO_NOTE if self.bb.demo else "")

    def save(self, **changes: Any) -> bool:
        """Save fields of the case at once; a problem becomes a toast, never a crash."""
        try:
            self.store.rejections.update(self.case_id, **changes)
        except NotFoundError:
            self.say("This rejection no longer exists.", "warning")
            return False
        except StoreError as exc:
            self.say(exc.message, "error", timeout=10)
            return False
        return True

    def text_autosave(self, box_id: str, field: str, what: str, base: str
                      ) -> TextAutosave[RejectionRecord]:
        """Autosave the box `#box_id` into the case's `field` (`base`: the text loaded)."""
        autosave = TextAutosave(
            self, box_id, key=field, what=what, save=partial(self._save_text, field),
            stored=lambda case: str(getattr(case, field)), base=base, delay=TEXT_SAVE_DELAY)
        self.autosaves.append(autosave)
        return autosave

    def _save_text(self, field: str, text: str, base: str) -> RejectionRecord:
        """One sentence of the case, over the text this screen last saw stored only."""
        changes: dict[str, Any] = {field: text}
        return self.store.rejections.update(self.case_id, base={field: base}, **changes)

    def go_next(self) -> None:
        """Record the step after this one and show its screen in place of this one."""
        self.go_to(next_step(self.STEP))

    def go_to(self, step: BounceStep) -> None:
        """Record the step and show its screen in place of this one."""
        if not self.settle():
            return
        if saved_on_arrival(step) and not self.save(flow_step=step.value):
            return
        if not self.is_current:
            # Called from elsewhere (Today's panel goes on with a flow that sits on another
            # mode's stack): switch_screen replaces the top of the *current* stack, so go there.
            mode = mode_of(self.app, self)
            if mode is not None and mode != self.app.current_mode:
                self.app.switch_mode(mode)
        self.app.switch_screen(screen_for(step, self.case_id))

    def flush_soon(self) -> None:
        """Moving on: write what waits for its beat now (off the event loop if busy)."""
        for autosave in self.autosaves:
            autosave.flush()

    def settle(self) -> bool:
        """Before leaving: write what waits; False while a box asks what to keep (stay)."""
        self.flush_soon()
        return not any(autosave.choosing for autosave in self.autosaves)

    def leave_then(self, leave: Callable[[], None]) -> None:
        """Leave (`leave()`) once what was typed is saved, or after asking when it could not
        be (a record gone, a choice put off, a lock that never came free)."""
        if not self.settle():
            return
        if not self.unsaved_changes():
            leave()
            return
        from textual.content import Content

        from bounceback.screens.modals import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(ConfirmModal(
            Content("What you typed here is not saved (the message said why). Leave it behind?"),
            yes="Leave it", no="Stay"), answered)

    def flush_pending(self) -> None:
        """Quitting: write what waits, waiting for the lock if another window holds it."""
        for autosave in self.autosaves:
            autosave.flush_blocking()

    def unsaved_changes(self) -> bool:
        """A sentence that could not be saved (busy, changed elsewhere, gone): quit asks."""
        return any(autosave.unsaved for autosave in self.autosaves)

    def database_reopened(self) -> None:
        """The database was replaced and reopened: save what waits against the new data."""
        for autosave in self.autosaves:
            autosave.retry()

    def action_next_step(self) -> None:
        """Override: what ctrl+s does on this step."""
