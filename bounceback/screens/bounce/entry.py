"""The ways into the bounce-back flow: a new rejection, an untracked one, going on with one.

A case remembers its step (`flow_step`), and an open wallow window (its deadline is stored)
brings the person straight back after a restart. Where a resumed case goes on is the flow's
route (`flow.py`); this module opens the screens.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bounceback.domain import BounceStep
from bounceback.playbook.triage import classify, judge
from bounceback.screens.bounce.base import FlowStep, ritual_done, screen_for
from bounceback.screens.bounce.flow import after_window, resume_step, screen_step
from bounceback.screens.host import HostApp
from bounceback.screens.stacks import find_screen
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.widgets.safe import notify, one_line

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
        step = after_window(ritual_done(store, window.rejection_id))
        app.push_screen(screen_for(step, window.rejection_id))
    else:
        from bounceback.screens.bounce.wallow import WallowScreen

        app.push_screen(WallowScreen(window.rejection_id))


def open_planned(app: HostApp, case_id: int, minutes: int) -> bool:
    """Open a planned wallow window now (its time came, or `g` asked sooner): as ctrl+s at the
    first step does, the plan cleared. False (said) when the store refused."""
    try:
        app.store.wallow.start(case_id, minutes)
    except StoreError as exc:
        notify(app, exc.message, severity="error", timeout=10)  # type: ignore[arg-type]
        return False
    from bounceback.screens.bounce.wallow import WallowScreen

    found = find_screen(app, lambda s: isinstance(s, FlowStep) and s.case_id == case_id)
    if found is not None and found[2] and found[0] == app.current_mode:
        app.switch_screen(WallowScreen(case_id))  # a step of this case on top: replaced
    else:
        app.push_screen(WallowScreen(case_id))
    return True


def open_when_due(app: HostApp, since: datetime) -> bool:
    """The app's look at its clock: open the planned window whose time came since `since` (the
    app's start), unless a window already runs. True when one opened."""
    store = app.store
    try:
        planned = store.wallow.next_scheduled(after=since)
        if planned is None or planned.opens_at > app.clock.now():
            return False
        if store.wallow.open_window() is not None:
            return False  # one window at a time: this one waits on Today
    except StoreError:
        return False  # busy: the next look tries again
    if not open_planned(app, planned.rejection_id, planned.minutes):
        return False
    company = one_line(planned.company, 60) or "a rejection"
    notify(app, f"Your wallow window opens now, as you planned — {company}.",  # type: ignore[arg-type]
           timeout=10)
    return True


def go_on(app: HostApp) -> bool:
    """Today's "go on": the open wallow window first, then one planned for later (opened now),
    else the flow paused most recently.

    False when there is nothing to go on with.
    """
    window = app.store.wallow.open_window()
    case_id = window.rejection_id if window is not None else None
    if case_id is None and (planned := app.store.wallow.next_scheduled()) is not None:
        return open_planned(app, planned.rejection_id, planned.minutes)
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
    if running is None and case.window_opens_at is not None:  # planned for later: open it now
        open_planned(app, case_id, case.window_minutes or store.settings.get().wallow_minutes)
        return
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
