"""The bounce-back flow's route, without an app: next steps, numbers, where a case goes on."""

from __future__ import annotations

import pytest

from bounceback.domain import BounceStep
from bounceback.screens.bounce import flow
from bounceback.screens.bounce.base import screen_for
from bounceback.store.drafts import FLOW_STEPS

S = BounceStep


def test_the_six_steps_in_order_and_done_after_them() -> None:
    assert [s.value for s in flow.STEPS] == [
        "acknowledge", "wallow", "ritual", "detective", "feedback", "moving"]
    walked = [S.ACKNOWLEDGE]
    while walked[-1] is not S.DONE:
        walked.append(flow.next_step(walked[-1]))
    assert walked == [*flow.STEPS, S.DONE]
    assert flow.next_step(S.DONE) is S.DONE


def test_stored_values_are_unchanged() -> None:
    # a case stores its step by value: these strings are in people's databases
    assert FLOW_STEPS == tuple(s.value for s in BounceStep) == (
        "acknowledge", "wallow", "ritual", "detective", "feedback", "moving", "done")


@pytest.mark.parametrize(("stored", "n", "title"), [
    ("acknowledge", 1, "Acknowledge"), ("wallow", 2, "Wallow window"), ("ritual", 3, "Ritual"),
    ("detective", 4, "Detective"), ("feedback", 5, "Feedback"), ("moving", 6, "Keep moving"),
    ("done", 6, "Keep moving"), ("teleport", 3, "Ritual"),
])
def test_the_bar_names_every_stored_step(stored: str, n: int, title: str) -> None:
    step = flow.bar_step(stored)
    assert (flow.number(step), step.label) == (n, title)


@pytest.mark.parametrize(("stored", "screen", "resume"), [
    ("acknowledge", S.ACKNOWLEDGE, S.ACKNOWLEDGE),
    ("wallow", S.RITUAL, S.RITUAL),  # the window is closed: the wallow screen needs it open
    ("ritual", S.RITUAL, S.RITUAL),
    ("detective", S.DETECTIVE, S.DETECTIVE),
    ("feedback", S.FEEDBACK, S.FEEDBACK),
    ("moving", S.MOVING, S.MOVING),
    ("done", S.MOVING, None),  # nothing to go on with; an open screen of it is Keep moving
    ("teleport", S.RITUAL, S.RITUAL),
])
def test_where_a_case_goes_on(stored: str, screen: BounceStep, resume: BounceStep | None
                              ) -> None:
    assert flow.screen_step(stored) is screen
    assert flow.resume_step(stored) is resume


def test_only_the_wallow_step_is_recorded_by_the_store() -> None:
    assert [s for s in BounceStep if not flow.saved_on_arrival(s)] == [S.WALLOW]


def test_every_screen_step_has_its_screen() -> None:
    # the step modules register their screens when the package is imported; no app needed
    for stored in (*FLOW_STEPS, "teleport"):
        shown = screen_for(stored, 7)
        assert (shown.STEP, shown.case_id) == (flow.screen_step(stored), 7)


def test_the_ritual_first_then_the_window_then_the_detective() -> None:
    # asked for the ritual first: no window has run yet, so the ritual leads to it
    assert flow.after_ritual(window_waits=True) is BounceStep.WALLOW
    assert flow.after_window(ritual_done=True) is BounceStep.DETECTIVE
    # the usual way: window, ritual, detective
    assert flow.after_window(ritual_done=False) is BounceStep.RITUAL
    assert flow.after_ritual(window_waits=False) is BounceStep.DETECTIVE
