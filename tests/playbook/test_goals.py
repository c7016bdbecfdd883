"""Goals: which days apply, how a day went, and the forgiving habit strength."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounceback.domain import GoalSource
from bounceback.playbook.goals import (
    DAILY_RRULE,
    DEFAULT_GOALS,
    WEEKDAYS_RRULE,
    DayStatus,
    applies_on,
    day_status,
    habit_strength,
    rrule_problem,
    week_summary,
)

MET, PART, MISS = DayStatus.MET, DayStatus.PARTIAL, DayStatus.MISSED
REST, OFF = DayStatus.REST, DayStatus.NOT_SCHEDULED
MONDAY = date(2026, 3, 2)


# --- applies_on ---------------------------------------------------------------------------


def test_weekdays_rule() -> None:
    week = [MONDAY + timedelta(days=i) for i in range(7)]
    assert [applies_on(WEEKDAYS_RRULE, MONDAY, d) for d in week] == [True] * 5 + [False] * 2


def test_daily_rule_and_start_date() -> None:
    assert applies_on(DAILY_RRULE, MONDAY, MONDAY)
    assert applies_on(DAILY_RRULE, MONDAY, MONDAY + timedelta(days=400))
    assert not applies_on(DAILY_RRULE, MONDAY, MONDAY - timedelta(days=1))


def test_custom_rules() -> None:
    every_other = "FREQ=DAILY;INTERVAL=2"
    assert applies_on(every_other, MONDAY, MONDAY)
    assert not applies_on(every_other, MONDAY, MONDAY + timedelta(days=1))
    assert applies_on(every_other, MONDAY, MONDAY + timedelta(days=2))
    tue_thu = "RRULE:FREQ=WEEKLY;BYDAY=TU,TH"
    assert not applies_on(tue_thu, MONDAY, MONDAY)
    assert applies_on(tue_thu, MONDAY, MONDAY + timedelta(days=1))
    assert applies_on(tue_thu, MONDAY, MONDAY + timedelta(days=3))
    assert not applies_on("FREQ=DAILY;COUNT=3", MONDAY, MONDAY + timedelta(days=3))
    assert applies_on("FREQ=DAILY;UNTIL=20260305", MONDAY, date(2026, 3, 5))
    assert not applies_on("FREQ=DAILY;UNTIL=20260305", MONDAY, date(2026, 3, 6))
    # A rule with a time of day still applies to its calendar day.
    assert applies_on("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", MONDAY, MONDAY + timedelta(days=7))


def test_daylight_saving_changes_do_not_shift_days() -> None:
    # Europe and the US change clocks in late March / early November; dates are unaffected.
    start = date(2026, 3, 1)
    days = [start + timedelta(days=i) for i in range(0, 300)]
    assert all(applies_on(DAILY_RRULE, start, d) for d in days)
    weekdays = [d for d in days if applies_on(WEEKDAYS_RRULE, start, d)]
    assert all(d.weekday() < 5 for d in weekdays)
    assert len(weekdays) == sum(1 for d in days if d.weekday() < 5)


def test_rrule_problem() -> None:
    assert rrule_problem(WEEKDAYS_RRULE) is None
    assert rrule_problem(DAILY_RRULE) is None
    for bad in ("", "nonsense", "FREQ=DAILY;BYDAY=XX", "FREQ=HOURLY"):
        problem = rrule_problem(bad)
        assert problem is not None and WEEKDAYS_RRULE in problem
    with pytest.raises(ValueError):
        applies_on("FREQ=MINUTELY", MONDAY, MONDAY)


# --- day_status ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "target", "rest", "status"),
    [
        (2, 2, False, MET),
        (5, 2, False, MET),
        (1, 2, False, PART),
        (0, 2, False, MISS),
        (0, 2, True, REST),
        (3, 2, True, REST),
        (0, 0, False, MISS),  # a target below 1 is treated as 1
        (1, 0, False, MET),
        (-1, 2, False, MISS),
    ],
)
def test_day_status(count: int, target: int, rest: bool, status: DayStatus) -> None:
    assert day_status(count, target, rest) is status


def test_unscheduled_day_is_never_a_miss() -> None:
    assert day_status(0, 2, False, scheduled=False) is OFF
    assert day_status(0, 2, True, scheduled=False) is OFF


# --- habit_strength -----------------------------------------------------------------------


def test_starts_at_zero() -> None:
    assert habit_strength([]) == 0.0
    assert habit_strength([REST, OFF]) == 0.0


def test_exact_formula() -> None:
    assert habit_strength([MET]) == pytest.approx(0.1)
    assert habit_strength([MET, MET]) == pytest.approx(0.19)
    assert habit_strength([PART]) == pytest.approx(0.05)
    assert habit_strength([MET, MISS]) == pytest.approx(0.09)
    assert habit_strength([MET] * 10) == pytest.approx(1 - 0.9**10)


def test_a_miss_after_ten_mets_costs_at_most_a_tenth() -> None:
    before = habit_strength([MET] * 10)
    after = habit_strength([MET] * 10 + [MISS])
    assert 0 < before - after <= 0.1
    assert after > 0.5  # nothing like a streak reset


def test_partial_always_pushes_up_a_little() -> None:
    for n in range(0, 40):
        base = [MET] * n
        s = habit_strength(base)
        assert s <= habit_strength([*base, PART]) <= habit_strength([*base, MET])


def test_rest_and_unscheduled_days_freeze() -> None:
    base = [MET, MET, MISS, PART, MET]
    s = habit_strength(base)
    assert habit_strength([*base, REST, REST, OFF]) == s
    assert habit_strength([MET, REST, MET]) == habit_strength([MET, MET])
    assert habit_strength([MET, OFF, MISS]) == habit_strength([MET, MISS])


def test_alpha_must_be_sensible() -> None:
    with pytest.raises(ValueError):
        habit_strength([MET], alpha=0)
    with pytest.raises(ValueError):
        habit_strength([MET], alpha=1.5)
    assert habit_strength([MET], alpha=1) == 1.0


_statuses = st.lists(st.sampled_from(list(DayStatus)), max_size=400)
_RANK = {MISS: 0, PART: 1, MET: 2}


@given(_statuses)
def test_strength_stays_between_zero_and_one(statuses: list[DayStatus]) -> None:
    assert 0.0 <= habit_strength(statuses) <= 1.0


@given(_statuses, st.floats(min_value=0.01, max_value=1.0))
def test_strength_bounds_for_any_alpha(statuses: list[DayStatus], alpha: float) -> None:
    assert 0.0 <= habit_strength(statuses, alpha=alpha) <= 1.0


@given(_statuses, st.data())
def test_a_better_day_never_lowers_the_score(
    statuses: list[DayStatus], data: st.DataObject
) -> None:
    due = [i for i, s in enumerate(statuses) if s in _RANK]
    if not due:
        return
    i = data.draw(st.sampled_from(due))
    better = data.draw(st.sampled_from([s for s in _RANK if _RANK[s] >= _RANK[statuses[i]]]))
    improved = [*statuses[:i], better, *statuses[i + 1 :]]
    assert habit_strength(improved) >= habit_strength(statuses) - 1e-12


@given(_statuses)
def test_one_more_day_moves_the_score_in_its_direction(statuses: list[DayStatus]) -> None:
    s = habit_strength(statuses)
    assert habit_strength([*statuses, MET]) >= s
    assert habit_strength([*statuses, PART]) >= s
    assert habit_strength([*statuses, MISS]) <= s
    assert s - habit_strength([*statuses, MISS]) <= 0.1 + 1e-12


# --- week_summary and defaults ------------------------------------------------------------


def test_week_summary() -> None:
    summary = week_summary([MET, MET, PART, MISS, MET, REST, OFF])
    counts = (summary.met, summary.partial, summary.missed, summary.rest, summary.due)
    assert counts == (3, 1, 1, 1, 5)
    assert summary.message == "3 of 5 met, 1 partly."
    assert week_summary([MET, MET]).message == "2 of 2 met."
    assert week_summary([REST, OFF]).due == 0
    assert "rest" in week_summary([REST, OFF]).message


def test_default_goals_are_the_three_small_ones() -> None:
    assert len(DEFAULT_GOALS) == 3
    apply, network, learn = DEFAULT_GOALS
    assert apply.target == 2 and apply.rrule == WEEKDAYS_RRULE
    assert apply.auto_source is GoalSource.APPLICATIONS
    assert (network.target, network.rrule, network.auto_source) == (1, WEEKDAYS_RRULE, None)
    assert (learn.target, learn.unit, learn.rrule) == (30, "minutes", DAILY_RRULE)
    for goal in DEFAULT_GOALS:
        assert goal.title and goal.unit
        assert rrule_problem(goal.rrule) is None
