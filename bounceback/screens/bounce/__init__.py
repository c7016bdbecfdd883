"""The bounce-back flow: acknowledge → wallow window → ritual → detective → feedback → moving.

Each step is its own screen; a case remembers its step (`flow_step`), and an open wallow window
(its deadline is stored) brings the person straight back after a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from bounceback.playbook.triage import judge
from bounceback.store.errors import NotFoundError, StoreError

if TYPE_CHECKING:
    from bounceback.app import BouncebackApp
    from bounceback.screens.base import ModeScreen
    from bounceback.store.records import WallowRecord


def screen_for(step: str, case_id: int) -> Screen[None]:
    """The screen for `step` of a case (the wallow step needs its open window)."""
    from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
    from bounceback.screens.bounce.base import FlowStep
    from bounceback.screens.bounce.detective import DetectiveScreen
    from bounceback.screens.bounce.feedback import FeedbackScreen
    from bounceback.screens.bounce.moving import KeepMovingScreen
    from bounceback.screens.bounce.ritual import RitualScreen

    steps: dict[str, type[FlowStep]] = {
        "acknowledge": AcknowledgeScreen,
        "ritual": RitualScreen,
        "detective": DetectiveScreen,
        "feedback": FeedbackScreen,
        "moving": KeepMovingScreen,
        "done": KeepMovingScreen,
    }
    return steps.get(step, RitualScreen)(case_id)


def start_for_application(screen: ModeScreen, app_id: int) -> None:
    """`r` on the Pipeline: record the rejection (history kept) and open first aid."""
    try:
        case = screen.store.rejections.log_for_application(app_id, judge)
    except NotFoundError:
        screen.say("That application no longer exists.", "warning")
        return
    except StoreError as exc:
        screen.say(exc.message, "error", timeout=10)
        return
    from bounceback.screens.bounce.acknowledge import AcknowledgeScreen

    screen.app.push_screen(AcknowledgeScreen(case.id))


def log_untracked_rejection(screen: ModeScreen) -> None:
    """A "no" for a job that was never tracked: three quick fields, then first aid."""
    from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
    from bounceback.screens.bounce.untracked import UntrackedForm

    def done(case_id: int | None) -> None:
        if case_id is not None:
            screen.app.push_screen(AcknowledgeScreen(case_id))

    screen.app.push_screen(UntrackedForm(), done)


def resume_window(app: BouncebackApp, window: WallowRecord) -> None:
    """After start-up: back into a wallow window left open.

    A window that ran out while the app was closed is closed at its deadline and the person
    goes straight to the ritual.
    """
    store = app.store
    if window.ends_at <= app.clock.now():
        store.wallow.finish(window.id, early=False)
        app.push_screen(screen_for("ritual", window.rejection_id))
    else:
        from bounceback.screens.bounce.wallow import WallowScreen

        app.push_screen(WallowScreen(window.rejection_id))
