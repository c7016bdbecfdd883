"""A wallow window planned for later: schedule, move, cancel, the next one, and start clears it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bounceback.clock import FixedClock
from bounceback.domain import RejectionKind, Stage
from bounceback.store.db import Store
from bounceback.store.errors import NotFoundError, ValidationError


def _case(store: Store, company: str = "Initrode") -> int:
    return store.rejections.log_untracked(company, "Engineer", Stage.APPLIED,
                                          RejectionKind.EARLY).id


def test_a_planned_window_waits_at_the_wallow_step_until_it_is_started(
    store: Store, clock: FixedClock
) -> None:
    case_id = _case(store)
    opens = clock.now() + timedelta(hours=8)

    planned = store.wallow.schedule(case_id, opens, 20)

    case = store.rejections.get(case_id)
    assert (case.window_opens_at, case.window_minutes, case.flow_step) == (opens, 20, "wallow")
    assert planned == store.wallow.next_scheduled()
    assert (planned.company, planned.minutes) == ("Initrode", 20)
    assert store.wallow.open_window() is None  # nothing runs until it opens

    window = store.wallow.start(case_id, planned.minutes)

    case = store.rejections.get(case_id)
    assert (case.window_opens_at, case.window_minutes) == (None, None)
    assert store.wallow.next_scheduled() is None
    assert store.wallow.open_window() == window and window.minutes == 20


def test_the_earliest_plan_comes_first_and_deleted_cases_do_not_count(
    store: Store, clock: FixedClock
) -> None:
    late, early = _case(store, "Late"), _case(store, "Early")
    store.wallow.schedule(late, clock.now() + timedelta(hours=9), 15)
    store.wallow.schedule(early, clock.now() + timedelta(hours=2), 10)
    assert store.wallow.next_scheduled().company == "Early"  # type: ignore[union-attr]

    store.rejections.delete(early)
    assert store.wallow.next_scheduled().company == "Late"  # type: ignore[union-attr]


def test_planning_again_moves_it_and_cancel_forgets_it(store: Store, clock: FixedClock) -> None:
    case_id = _case(store)
    store.wallow.schedule(case_id, clock.now() + timedelta(hours=1), 15)
    store.wallow.schedule(case_id, clock.now() + timedelta(hours=3), 25)
    assert store.wallow.next_scheduled().opens_at == clock.now() + timedelta(hours=3)  # type: ignore[union-attr]

    store.wallow.cancel_schedule(case_id)

    case = store.rejections.get(case_id)
    assert (case.window_opens_at, case.window_minutes, case.flow_step) == (
        None, None, "acknowledge")
    assert store.wallow.next_scheduled() is None


def test_a_time_already_past_or_a_bad_length_is_refused(store: Store, clock: FixedClock) -> None:
    case_id = _case(store)
    with pytest.raises(ValidationError) as past:
        store.wallow.schedule(case_id, clock.now() - timedelta(minutes=1), 15)
    assert "already passed" in past.value.errors["window_opens_at"]
    with pytest.raises(ValidationError) as length:
        store.wallow.schedule(case_id, clock.now() + timedelta(hours=1), 90)
    assert "minutes" in length.value.errors
    with pytest.raises(NotFoundError):
        store.wallow.schedule(case_id + 99, clock.now() + timedelta(hours=1), 15)
    assert store.rejections.get(case_id).window_opens_at is None


def test_ritual_first_keeps_the_length_for_the_window_after_it(store: Store) -> None:
    case_id = _case(store)
    store.wallow.ritual_first(case_id, 25)
    case = store.rejections.get(case_id)
    assert (case.flow_step, case.window_minutes, case.window_opens_at) == ("ritual", 25, None)
    assert store.wallow.next_scheduled() is None  # a kept length is not a plan
    store.wallow.start(case_id, 25)
    assert store.rejections.get(case_id).window_minutes is None
