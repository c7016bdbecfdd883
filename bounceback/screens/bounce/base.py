"""What every step of the bounce-back flow shares: the case, the step bar, moving on."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from bounceback.screens.base import ModeScreen
from bounceback.screens.stacks import mode_of
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.store.records import RejectionRecord
from bounceback.widgets.mode_bar import DEMO_NOTE
from bounceback.widgets.step_bar import StepBar


class FlowStep(ModeScreen):
    """A step screen bound to one rejection case; `go_next` replaces it with the next step."""

    STEP: ClassVar[str] = ""
    HELP_TITLE = "Bouncing back"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "Next", id="flow-next", priority=True,
                tooltip="Save and go to the next step"),
    ]

    def __init__(self, case_id: int) -> None:
        """Show step STEP of case `case_id`."""
        super().__init__()
        self.case_id = case_id

    def case(self) -> RejectionRecord:
        """The case as stored now."""
        return self.store.rejections.get(self.case_id)

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

    def go_to(self, step: str) -> None:
        """Record the step and show its screen in place of this one."""
        from bounceback.screens.bounce import screen_for

        self.flush_pending()
        if step not in ("wallow",) and not self.save(flow_step=step):
            return
        if not self.is_current:
            # Called from elsewhere (Today's panel goes on with a flow that sits on another
            # mode's stack): switch_screen replaces the top of the *current* stack, so go there.
            mode = mode_of(self.app, self)
            if mode is not None and mode != self.app.current_mode:
                self.app.switch_mode(mode)
        self.app.switch_screen(screen_for(step, self.case_id))

    def flush_pending(self) -> None:
        """Write what is still waiting for its debounce (override where text is typed)."""

    def unsaved_changes(self) -> bool:
        """A step saves as it changes: quitting never loses its text."""
        return False

    def action_next_step(self) -> None:
        """Override: what ctrl+s does on this step."""
