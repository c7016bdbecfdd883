"""The bounce-back flow's route: which step follows, where a resumed case goes on, step numbers.

Pure functions of `BounceStep` values (no Textual, no store), so the route is tested without an
app. A case stores the step it paused at by value (`flow_step`); these functions take that
stored text as it is, and never change what is stored.
"""

from __future__ import annotations

from bounceback.domain import BOUNCE_STEPS, BounceStep

STEPS = BOUNCE_STEPS
"""The six steps a person walks through, in order (the step bar's)."""


def step_of(stored: str) -> BounceStep | None:
    """The step a stored `flow_step` names, or None for text that names none."""
    try:
        return BounceStep(stored)
    except ValueError:
        return None


def number(step: BounceStep) -> int:
    """The step's place on the bar, from 1 (DONE counts as the last step, Keep moving)."""
    return STEPS.index(bar_step(step)) + 1


def next_step(step: BounceStep) -> BounceStep:
    """The step after `step`; after the last one a case is DONE (and stays DONE)."""
    i = tuple(BounceStep).index(step)
    return tuple(BounceStep)[min(i + 1, len(BounceStep) - 1)]


def bar_step(stored: str) -> BounceStep:
    """The step the bar lights (and Today names) for a case paused at `stored`.

    A done case shows its last step; text that names no step reads as the ritual, the step
    every interrupted start goes on with.
    """
    step = step_of(stored)
    if step is None:
        return BounceStep.RITUAL
    return BounceStep.MOVING if step is BounceStep.DONE else step


def screen_step(stored: str) -> BounceStep:
    """The step whose screen shows a case paused at `stored`.

    The wallow screen needs an open window; it is only ever opened with one (`WallowScreen` by
    itself), so a case still marked at the wallow step whose window is closed goes on with the
    ritual.
    """
    step = bar_step(stored)
    return BounceStep.RITUAL if step is BounceStep.WALLOW else step


def resume_step(stored: str) -> BounceStep | None:
    """Where a case paused at `stored` goes on when no screen of it is open; None once done."""
    return None if step_of(stored) is BounceStep.DONE else screen_step(stored)


def saved_on_arrival(step: BounceStep) -> bool:
    """Whether arriving at `step` is recorded on the case by the flow.

    The wallow step is recorded by the store when the window starts (with its deadline), so
    the flow never writes it by itself.
    """
    return step is not BounceStep.WALLOW


def after_ritual(window_waits: bool) -> BounceStep:
    """Where the ritual step goes on: the detective, or first the wallow window when the person
    asked for the ritual before it (`ctrl+r` at the first step) and it has not run yet."""
    return BounceStep.WALLOW if window_waits else BounceStep.DETECTIVE


def after_window(ritual_done: bool) -> BounceStep:
    """Where a wallow window goes on: the ritual, unless it was done (or re-rated) already."""
    return BounceStep.DETECTIVE if ritual_done else BounceStep.RITUAL
