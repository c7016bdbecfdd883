"""The daily rules: a goal's days, its strength today, the day's tally, celebrating, keep moving."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounceback.playbook.daily import (
    STRENGTH_DAYS,
    DayTally,
    keep_moving,
    rotate,
    send_order,
    should_celebrate,
    statuses,
    strength,
    tally,
)
from bounceback.playbook.goals import (
    DAILY_RRULE,
    WEEKDAYS_RRULE,
    DayStatus,
    PlanSpan,
    applies_on,
    describe_days,
    habit_strength,
    scheduled_days,
)

MET, PART, MISS = DayStatus.MET, DayStatus.PARTIAL, DayStatus.MISSED
REST, OFF = DayStatus.REST, DayStatus.NOT_SCHEDULED
MONDAY = date(2026, 3, 2)
WEEK = [MONDAY + timedelta(days=i) for i in range(7)]


def one_plan(rrule: str, starts_on: date, target: int) -> list[PlanSpan]:
    """A goal that never changed: one plan from its first day."""
    return [PlanSpan(starts_on, target, rrule)]


# --- statuses -------------------------------------------------------------------------------


def test_days_without_any_stored_entry_are_plain_misses() -> None:
    # No GoalDay rows at all (no check-in, nothing counted): each scheduled day is a miss.
    got = statuses(one_plan(WEEKDAYS_RRULE, MONDAY, 2), {}, WEEK[0], WEEK[-1])
    assert got == [MISS] * 5 + [OFF] * 2


def test_counts_rest_and_weekends() -> None:
    days = {
        WEEK[0]: (2, False), WEEK[1]: (1, False), WEEK[2]: (0, True), WEEK[3]: (5, True),
        WEEK[5]: (3, False),  # Saturday counted, but the goal is for weekdays
    }
    got = statuses(one_plan(WEEKDAYS_RRULE, MONDAY, 2), days, WEEK[0], WEEK[-1])
    assert got == [MET, PART, REST, REST, MISS, OFF, OFF]


def test_a_goal_added_mid_week_owes_nothing_for_earlier_days() -> None:
    wednesday = WEEK[2]
    got = statuses(one_plan(DAILY_RRULE, wednesday, 1), {wednesday: (1, False)}, WEEK[0], WEEK[-1])
    assert got == [OFF, OFF, MET, MISS, MISS, MISS, MISS]
    assert strength(one_plan(DAILY_RRULE, wednesday, 1), {wednesday: (1, False)}, wednesday) == \
        pytest.approx(0.1)


def test_empty_and_reversed_ranges() -> None:
    assert statuses(one_plan(DAILY_RRULE, MONDAY, 1), {}, WEEK[3], WEEK[2]) == []
    assert scheduled_days(DAILY_RRULE, MONDAY, WEEK[3], WEEK[2]) == frozenset()


def test_scheduled_days_agrees_with_applies_on() -> None:
    rules = (DAILY_RRULE, WEEKDAYS_RRULE, "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=TU,TH",
             "FREQ=MONTHLY;BYMONTHDAY=1,15", "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9")
    first, last = date(2026, 2, 20), date(2026, 11, 10)  # across both DST changes
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    for rule in rules:
        fast = scheduled_days(rule, MONDAY, first, last)
        assert fast == {d for d in days if applies_on(rule, MONDAY, d)}, rule


def test_describe_days() -> None:
    assert describe_days(DAILY_RRULE) == "every day"
    assert describe_days("RRULE:freq=daily;interval=1") == "every day"
    assert describe_days(WEEKDAYS_RRULE) == "weekdays"
    assert describe_days("FREQ=WEEKLY;BYDAY=FR,TH,WE,TU,MO") == "weekdays"
    assert describe_days("RRULE:FREQ=WEEKLY;BYDAY=TH,TU") == "Tue Thu"
    assert describe_days("FREQ=WEEKLY;BYDAY=SA,SU") == "Sat Sun"
    assert describe_days("FREQ=DAILY;INTERVAL=3") == "every 3 days"
    assert describe_days("FREQ=MONTHLY;BYMONTHDAY=1") == "custom"
    assert describe_days("FREQ=WEEKLY;BYDAY=1MO") == "custom"
    assert describe_days("nonsense") == "custom"


# --- strength -------------------------------------------------------------------------------


def test_today_in_progress_never_lowers_the_strength() -> None:
    days = {d: (1, False) for d in WEEK[:4]}
    friday = WEEK[4]
    before = strength(one_plan(DAILY_RRULE, MONDAY, 1), days, friday)  # Friday untouched so far
    assert before == pytest.approx(habit_strength([MET] * 4))
    assert strength(one_plan(DAILY_RRULE, MONDAY, 1), {**days, friday: (1, False)}, friday) > before
    assert strength(one_plan(DAILY_RRULE, MONDAY, 2), {**days, friday: (1, False)}, friday) > \
        strength(one_plan(DAILY_RRULE, MONDAY, 2), days, friday)
    # the next morning an untouched Friday is a miss
    saturday = WEEK[5]
    assert strength(one_plan(DAILY_RRULE, MONDAY, 1), days, saturday) < before


def test_rest_days_freeze_the_strength() -> None:
    days = {d: (1, False) for d in WEEK[:3]}
    resting = {**days, WEEK[3]: (0, True), WEEK[4]: (0, True)}
    assert strength(one_plan(DAILY_RRULE, MONDAY, 1), resting, WEEK[5]) == \
        pytest.approx(strength(one_plan(DAILY_RRULE, MONDAY, 1), days, WEEK[3]))


def test_strength_reads_at_most_the_last_180_days() -> None:
    start = date(2024, 1, 1)
    today = date(2026, 3, 1)
    days = {start + timedelta(days=i): (1, False) for i in range((today - start).days)}
    got = strength(one_plan(DAILY_RRULE, start, 1), days, today)
    # the finished days of the window: STRENGTH_DAYS minus today (untouched, not judged yet)
    assert got == habit_strength([MET] * (STRENGTH_DAYS - 1))
    assert got > 0.99999


def test_a_single_miss_after_weeks_of_mets_costs_a_little() -> None:
    today = MONDAY + timedelta(days=30)
    days = {MONDAY + timedelta(days=i): (1, False) for i in range(29)}  # day 29 missed
    after_miss = strength(one_plan(DAILY_RRULE, MONDAY, 1), days, today)
    all_met = strength(one_plan(DAILY_RRULE, MONDAY, 1),
                       {**days, today - timedelta(days=1): (1, False)}, today)
    assert 0 < all_met - after_miss <= 0.1 + 1e-9
    assert after_miss > 0.8


# --- tally and celebration ------------------------------------------------------------------


def test_tally() -> None:
    assert tally([MET, PART, MISS, REST, OFF]) == DayTally(met=1, due=3, rest=1)
    assert tally([MET, MET]).all_met
    assert not tally([MET, PART]).all_met
    assert not tally([REST, OFF]).all_met  # nothing due is not a finished day
    assert tally([MET, REST]).all_met
    assert tally([MET, PART, MISS]).line == "1 of 3 goals met"
    assert tally([MET]).line == "1 of 1 goal met"
    assert tally([REST, OFF]).line == "nothing was due, 1 resting"
    assert tally([]).line == "nothing was due"


def test_celebrate_once_when_the_last_goal_is_met() -> None:
    day = WEEK[2]
    assert should_celebrate(False, True, None, day)
    assert not should_celebrate(False, True, day, day)  # once per day
    assert should_celebrate(False, True, day - timedelta(days=1), day)  # a new day
    assert not should_celebrate(None, True, None, day)  # already finished when opened
    assert not should_celebrate(True, True, None, day)  # no change
    assert not should_celebrate(False, False, None, day)


# --- keep moving, order, rotation -----------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "sent", "expected"),
    [(0, 0, True), (3, 0, True), (4, 0, False), (1, 1, False), (-1, 0, False)],
)
def test_keep_moving(days_ago: int, sent: int, expected: bool) -> None:
    today = WEEK[4]
    assert keep_moving(today - timedelta(days=days_ago), today, sent) is expected
    assert keep_moving(None, today, 0) is False


def test_send_order_puts_planned_dates_first() -> None:
    rows = [(None, "acme"), (WEEK[3], "Zeta"), (WEEK[1], "beta"), (None, "Alpha")]
    ordered = [company for _, company in sorted(rows, key=lambda r: send_order(*r))]
    assert ordered == ["beta", "Zeta", "acme", "Alpha"]  # undated ones keep a stable A-Z order


def test_rotate_is_daily_and_steps_with_the_offset() -> None:
    assert rotate(0, MONDAY) is None
    seen = {rotate(3, MONDAY + timedelta(days=i)) for i in range(3)}
    assert seen == {0, 1, 2}
    assert rotate(3, MONDAY, 1) == (rotate(3, MONDAY) + 1) % 3  # type: ignore[operator]


@given(st.integers(min_value=1, max_value=50), st.dates(), st.integers(0, 1000))
def test_rotate_stays_in_range(count: int, day: date, offset: int) -> None:
    index = rotate(count, day, offset)
    assert index is not None and 0 <= index < count


# --- plans: a change never re-judges the past (issue 9, defect 17) -------------------------


def test_raising_the_target_keeps_past_days_met() -> None:
    days = {d: (2, False) for d in WEEK[:5]}
    plans = [PlanSpan(MONDAY, 2, DAILY_RRULE), PlanSpan(WEEK[3], 5, DAILY_RRULE)]
    got = statuses(plans, days, WEEK[0], WEEK[4])
    assert got == [MET, MET, MET, PART, PART]  # Thursday on, 2 of 5 is partly met
    assert strength(plans, days, WEEK[3]) == pytest.approx(
        strength(one_plan(DAILY_RRULE, MONDAY, 2), days, WEEK[2]) + 0.05 * (
            1 - strength(one_plan(DAILY_RRULE, MONDAY, 2), days, WEEK[2])))


def test_changing_the_days_keeps_the_past_schedule() -> None:
    # weekdays until Thursday, then Tuesdays and Thursdays only
    plans = [PlanSpan(MONDAY, 1, WEEKDAYS_RRULE),
             PlanSpan(WEEK[3], 1, "FREQ=WEEKLY;BYDAY=TU,TH")]
    days = {WEEK[0]: (1, False), WEEK[1]: (1, False)}
    got = statuses(plans, days, WEEK[0], WEEK[6])
    assert got == [MET, MET, MISS, MISS, OFF, OFF, OFF]
    next_week = [d + timedelta(days=7) for d in WEEK]
    assert statuses(plans, {}, next_week[0], next_week[6]) == [
        OFF, MISS, OFF, MISS, OFF, OFF, OFF]


def test_a_target_change_keeps_an_interval_rule_on_its_days() -> None:
    every_other = "FREQ=DAILY;INTERVAL=2"
    plans = [PlanSpan(MONDAY, 1, every_other), PlanSpan(WEEK[1], 3, every_other)]
    got = statuses(plans, {}, WEEK[0], WEEK[6])
    assert got == [MISS, OFF, MISS, OFF, MISS, OFF, MISS]  # still Mon, Wed, Fri, Sun


def test_before_the_first_plan_nothing_is_due() -> None:
    plans = [PlanSpan(WEEK[2], 1, DAILY_RRULE)]
    assert statuses(plans, {}, WEEK[0], WEEK[3]) == [OFF, OFF, MISS, MISS]
