"""The ways into the bounce-back flow: a new rejection, an untracked one, going on with one.

A case remembers its step (`flow_step`), and an open wallow window (its deadline is stored)
brings the person straight back after a restart. Where a resumed case goes on is the flow's
route (`flow.py`); this module opens the screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bounceback.domain import BounceStep
from bounceback.playbook.triage import classify, judge
from bounceback.screens.bounce.base import FlowStep, screen_for
from bounceback.screens.bounce.flow import resume_step, screen_step
from bounceback.screens.host import HostApp
from bounceback.screens.stacks import find_screen
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.widgets.safe import notify

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.drafts import UntrackedDraft
    from bounceback.store.records import RejectionRecord, WallowRecord


def start_for_application(screen: NumberedScreen, app_id: int, *, move: bool = True) -> None:
    """Record the rejection (history kept; `move=False` leaves the stage) and open first aid.

    Callers ask first (`stage_moves`): nothing here may run on a stray key.
    """
    try:
        case = screen.store.rejections.log_for_application(app_id, judge, move=move)
    except NotFoundError:
        screen.say("That application no longer exists.", "warning")
        return
    except StoreError as exc:
        screen.say(exc.message, "error", timeout=10)
        return
    screen.app.push_screen(screen_for(BounceStep.ACKNOWLEDGE, case.id))


def log_untracked_rejection(screen: NumberedScreen) -> None:
    """A "no" for a job that was never tracked: three quick fields, then first aid."""
    from bounceback.screens.bounce.untracked import UntrackedForm
    from bounceback.screens.draft_form import form_check

    def save(draft: UntrackedDraft, _force: bool) -> RejectionRecord:
        return screen.store.rejections.log_untracked(draft.company, draft.role, draft.reached,
                                                     classify([draft.reached]))

    def done(case: RejectionRecord | None) -> None:
        if case is not None:
            screen.app.push_screen(screen_for(BounceStep.ACKNOWLEDGE, case.id))

    screen.app.push_screen(UntrackedForm(save, form_check(screen.app)), done)


def resume_window(app: HostApp, window: WallowRecord) -> None:
    """After start-up: back into a wallow window left open.

    A window that ran out while the app was closed is closed at its deadline and the person
    goes straight to the ritual.
    """
    store = app.store
    if window.ends_at <= app.clock.now():
        try:
            store.wallow.finish(window.id, early=False)
        except StoreError as exc:  # busy: closed the next time; the ritual is offered now
            notify(app, exc.message, severity="warning")  # type: ignore[arg-type]
        app.push_screen(screen_for(BounceStep.RITUAL, window.rejection_id))
    else:
        from bounceback.screens.bounce.wallow import WallowScreen

        app.push_screen(WallowScreen(window.rejection_id))


def go_on(app: HostApp) -> bool:
    """Today's "go on": the open wallow window first, else the flow paused most recently.

    False when there is nothing to go on with.
    """
    window = app.store.wallow.open_window()
    case_id = window.rejection_id if window is not None else None
    if case_id is None:
        paused, _count = app.store.rejections.paused()
        case_id = paused.id if paused is not None else None
    if case_id is None:
        return False
    resume_case(app, case_id)
    return True


def resume_case(app: HostApp, case_id: int) -> None:
    """Go on with a case's flow where it paused, never opening a second copy of it.

    If a step screen of this case is still on some mode's stack (the person left it with the
    palette or a digit), that is where they go, and a stale step (the wallow screen after its
    time ran out) is replaced by the step the case is at. Otherwise a fresh screen opens here.
    """
    store = app.store
    try:
        case = store.rejections.get(case_id)
    except NotFoundError:
        notify(app, "That rejection no longer exists.", severity="warning")  # type: ignore[arg-type]
        return
    window = store.wallow.for_rejection(case_id)
    running = window if window is not None and window.ended_at is None else None
    found = find_screen(app, lambda s: isinstance(s, FlowStep) and s.case_id == case_id)
    if found is not None:
        mode, screen, on_top = found
        if mode != app.current_mode:
            app.switch_mode(mode)
        step = screen_step(case.flow_step)
        if on_top and running is None and isinstance(screen, FlowStep) and step != screen.STEP:
            screen.go_to(step)
        return
    if running is not None:
        resume_window(app, running)
    elif (step_now := resume_step(case.flow_step)) is not None:
        app.push_screen(screen_for(step_now, case_id))
