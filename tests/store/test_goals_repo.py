"""Goal templates and their days; automatic counts by local calendar day (DST included)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bounceback.clock import FixedClock, today
from bounceback.domain import FeedbackStatus, GoalSource, HelpKind, Stage
from bounceback.playbook.goals import DAILY_RRULE, WEEKDAYS_RRULE, rrule_problem
from bounceback.playbook.triage import judge
from bounceback.store.activity import activity_counts, day_bounds, latest_rejection
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import NotFoundError, ValidationError
from bounceback.store.goals import GoalDraft
from bounceback.store.help_acts import HelpDraft
from bounceback.store.wins import WinDraft

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def draft(title: str = "Send one networking email", **kw: object) -> GoalDraft:
    return GoalDraft(title=title, **kw)  # type: ignore[arg-type]


# --- templates ------------------------------------------------------------------------------


def test_create_list_update_retire_restore(store: Store) -> None:
    a = store.goals.create(draft(target=1, unit="email", rrule=WEEKDAYS_RRULE), rrule_problem)
    b = store.goals.create(draft("Learning", target=30, unit="minutes"), rrule_problem)
    assert (a.position, b.position) == (0, 1)
    assert a.starts_on == today(store.clock) and a.active and a.auto_source is None
    assert [g.title for g in store.goals.all()] == ["Send one networking email", "Learning"]
    edited = store.goals.update(b.id, draft("Learn  \x1b[2J", target=45, unit="min",
                                            auto_source=GoalSource.WINS), rrule_problem)
    assert (edited.title, edited.target, edited.auto_source) == ("Learn  [2J", 45,
                                                                 GoalSource.WINS)
    assert edited.starts_on == b.starts_on
    store.goals.retire(a.id)
    assert [g.id for g in store.goals.all()] == [b.id]
    assert [g.id for g in store.goals.all(include_retired=True)] == [b.id, a.id]
    assert store.goals.restore(a.id).active
    with pytest.raises(NotFoundError):
        store.goals.retire(999)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"target": 0}, "target"),
        ({"target": -3}, "target"),
        ({"target": 10_001}, "target"),
        ({"target": True}, "target"),
        ({"unit": "u" * 51}, "unit"),
        ({"rrule": "nonsense"}, "rrule"),
        ({"rrule": "FREQ=HOURLY"}, "rrule"),
        ({"rrule": ""}, "rrule"),
    ],
)
def test_validation_names_the_field_and_writes_nothing(
    store: Store, bad: dict[str, object], field: str
) -> None:
    values = {"title": "Apply", "target": 2, "unit": "applications", "rrule": DAILY_RRULE, **bad}
    with pytest.raises(ValidationError) as caught:
        store.goals.create(GoalDraft(**values), rrule_problem)  # type: ignore[arg-type]
    assert field in caught.value.errors
    assert store.goals.all(include_retired=True) == []


def test_hostile_title_is_kept_literally_minus_control_characters(store: Store) -> None:
    title = "[@click=app.quit]x[/] \u202eevil\x1b[2J 🚀"
    goal = store.goals.create(draft(title), rrule_problem)
    assert goal.title == "[@click=app.quit]x[/] evil[2J 🚀"


def test_seed_only_on_first_run(store: Store) -> None:
    seeds = [draft("One", target=2), draft("Two")]
    assert store.goals.seed(seeds, rrule_problem) is True
    assert [g.title for g in store.goals.all()] == ["One", "Two"]
    for goal in store.goals.all():
        store.goals.retire(goal.id)
    assert store.goals.seed(seeds, rrule_problem) is False  # retired goals still count
    assert store.goals.all() == []


# --- days -----------------------------------------------------------------------------------


def test_adjust_set_and_rest(store: Store) -> None:
    goal = store.goals.create(draft(target=2), rrule_problem)
    day = today(store.clock)
    assert store.goals.adjust(goal.id, day, 1).count == 1
    assert store.goals.adjust(goal.id, day, 1).count == 2
    assert store.goals.adjust(goal.id, day, -5).count == 0  # never below zero
    assert store.goals.set_count(goal.id, day, 2).count == 2
    assert store.goals.toggle_rest(goal.id, day).rest is True
    assert store.goals.toggle_rest(goal.id, day).rest is False
    assert store.goals.set_rest(goal.id, day, True).rest is True
    yesterday = day - timedelta(days=1)
    store.goals.adjust(goal.id, yesterday, 1)  # a past day can still be corrected
    rows = store.goals.days(yesterday, day)
    assert [(r.day, r.count, r.rest) for r in rows] == [(yesterday, 1, False), (day, 2, True)]
    assert store.goals.history(2) == rows
    assert store.goals.history(1) == rows[1:]
    (today_row,) = [g for g in store.goals.for_day(day) if g.id == goal.id]
    assert (today_row.count, today_row.rest) == (2, True)


def test_future_days_and_unknown_goals_are_refused(store: Store) -> None:
    goal = store.goals.create(draft(), rrule_problem)
    with pytest.raises(ValidationError):
        store.goals.adjust(goal.id, today(store.clock) + timedelta(days=1), 1)
    with pytest.raises(NotFoundError):
        store.goals.adjust(12345, today(store.clock), 1)
    with pytest.raises(ValidationError):
        store.goals.set_count(goal.id, today(store.clock), 100_001)
    assert store.goals.days(date(2000, 1, 1), date(2100, 1, 1)) == []


# --- automatic counts -----------------------------------------------------------------------


def _apply(store: Store, company: str, stage: Stage = Stage.APPLIED) -> int:
    return store.applications.create(ApplicationDraft(company=company, role="Dev", stage=stage)).id


def test_sync_counts_each_source_and_keeps_it_in_history(store: Store) -> None:
    day = today(store.clock)
    goals = {
        source: store.goals.create(draft(source.value, auto_source=source), rrule_problem)
        for source in GoalSource
    }
    by_hand = store.goals.create(draft("By hand"), rrule_problem)
    _apply(store, "Applied directly")
    saved = _apply(store, "Saved first", Stage.SAVED)
    store.applications.move(saved, Stage.APPLIED)  # moved to applied today
    store.applications.move(saved, Stage.SAVED)
    store.applications.move(saved, Stage.APPLIED)  # back and forth: still one application
    _apply(store, "Only saved", Stage.SAVED)
    gone = _apply(store, "Deleted later")
    store.applications.delete(gone)
    case = store.rejections.log_for_application(_apply(store, "Nope"), judge)
    store.rejections.update(case.id, feedback_status=FeedbackStatus.ASKED, feedback_asked_on=day)
    store.wins.create(WinDraft("Shipped it"))
    store.help.log(HelpDraft("Sam", kind=HelpKind.REVIEW))
    store.help.log(HelpDraft("Ana", happened_on=day - timedelta(days=2)))
    store.goals.set_rest(goals[GoalSource.HELP].id, day, True)

    assert store.goals.sync_auto(day - timedelta(days=6), day) == 4
    counts = {g.title: (g.count, g.rest) for g in store.goals.for_day(day)}
    assert counts == {
        "applications": (3, False),  # direct, saved→applied, and "Nope" (applied, then rejected)
        "feedback_asked": (1, False), "wins": (1, False),
        "help": (1, True),  # the rest flag set by hand is kept
        "By hand": (0, False),
    }
    assert by_hand.id not in {r.goal_id for r in store.goals.days(day, day)}
    # nothing changed: nothing written
    assert store.goals.sync_auto(day - timedelta(days=6), day) == 0
    # the goal started today, so the help two days ago is not put on its history
    assert store.goals.days(day - timedelta(days=6), day - timedelta(days=1)) == []
    # undoing the activity lowers the stored count
    store.applications.delete(saved)
    assert store.goals.sync_auto(day, day) == 1
    assert {g.title: g.count for g in store.goals.for_day(day)}["applications"] == 2


def test_latest_rejection_counts_what_was_sent_after_it(store: Store, clock: FixedClock) -> None:
    assert latest_rejection(store) is None
    _apply(store, "Before")
    store.rejections.log_untracked("Nope Inc", "Dev", Stage.APPLIED, judge([Stage.APPLIED])[2])
    latest = latest_rejection(store)
    assert latest is not None and (latest.company, latest.sent_since) == ("Nope Inc", 0)
    clock.advance(60)
    _apply(store, "After")
    latest = latest_rejection(store)
    assert latest is not None and latest.sent_since == 1


# --- local days, midnight and daylight saving ------------------------------------------------


def _store_at(tmp_path: Path, moment: datetime, tz: ZoneInfo) -> tuple[Store, FixedClock]:
    clock = FixedClock(moment, tz=tz)
    return Store.open(tmp_path / "tz.db", clock), clock


def test_day_bounds_follow_the_zone_across_dst() -> None:
    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)  # Europe changes clocks these days
    lo, hi = day_bounds(spring, spring, BERLIN)
    assert lo == datetime(2026, 3, 28, 23, tzinfo=UTC)
    assert hi == datetime(2026, 3, 29, 22, tzinfo=UTC)
    assert hi - lo == timedelta(hours=23)
    lo, hi = day_bounds(autumn, autumn, BERLIN)
    assert hi - lo == timedelta(hours=25)
    lo, hi = day_bounds(date(2026, 3, 8), date(2026, 3, 8), NEW_YORK)
    assert (lo.hour, hi.hour, hi - lo) == (5, 4, timedelta(hours=23))


def test_applications_land_on_their_local_day_around_midnight(tmp_path: Path) -> None:
    # 22:30 UTC on Saturday 28 March is 23:30 in Berlin (still CET, UTC+1)
    store, clock = _store_at(tmp_path, datetime(2026, 3, 28, 22, 30, tzinfo=UTC), BERLIN)
    try:
        _apply(store, "Late Saturday")
        clock.advance(45 * 60)  # 00:15 Sunday in Berlin, 23:15 UTC Saturday
        assert today(clock) == date(2026, 3, 29)
        _apply(store, "Just after midnight")
        clock.advance(23 * 3600)  # Sunday 22:15 UTC = Monday 00:15 CEST (summer time began)
        assert today(clock) == date(2026, 3, 30)
        _apply(store, "Monday, new offset")
        counts = activity_counts(store, date(2026, 3, 27), date(2026, 3, 31))
        assert dict(counts[GoalSource.APPLICATIONS]) == {
            date(2026, 3, 28): 1, date(2026, 3, 29): 1, date(2026, 3, 30): 1,
        }
    finally:
        store.close()


def test_sync_auto_on_the_short_and_the_long_day(tmp_path: Path) -> None:
    # New York: DST ends on Sunday 1 November 2026 (a 25-hour day)
    store, clock = _store_at(tmp_path, datetime(2026, 11, 1, 4, 30, tzinfo=UTC), NEW_YORK)
    try:
        assert today(clock) == date(2026, 11, 1)  # 00:30 EDT
        goal = store.goals.create(draft("Apply", target=2, auto_source=GoalSource.APPLICATIONS),
                                  rrule_problem)
        _apply(store, "First hour")
        clock.advance(23.5 * 3600)  # 04:00 UTC Nov 2 = 23:00 EST Nov 1: still the same day
        assert today(clock) == date(2026, 11, 1)
        _apply(store, "Last hour")
        store.goals.sync_auto(date(2026, 11, 1), date(2026, 11, 1))
        (row,) = store.goals.days(date(2026, 11, 1), date(2026, 11, 1))
        assert (row.goal_id, row.count) == (goal.id, 2)
    finally:
        store.close()


# --- plans: past days keep the target and days they had (issue 9, defect 17) ----------------

DAY = 86_400


def plans_of(store: Store, goal_id: int) -> list[tuple[date, int, str]]:
    return [(p.starts_on, p.target, p.rrule) for p in store.goals.get(goal_id).plans]


def test_a_new_goal_has_one_plan_from_its_first_day(store: Store) -> None:
    goal = store.goals.create(draft(target=2, rrule=WEEKDAYS_RRULE), rrule_problem)
    assert plans_of(store, goal.id) == [(today(store.clock), 2, WEEKDAYS_RRULE)]
    store.goals.seed([draft("Seeded")], rrule_problem)  # goals exist: nothing seeded
    assert len(store.goals.all()) == 1


def test_seeded_goals_get_their_plans(store: Store) -> None:
    assert store.goals.seed([draft("A", target=3), draft("B")], rrule_problem)
    assert [len(g.plans) for g in store.goals.all()] == [1, 1]
    assert store.goals.all()[0].plans[0].target == 3


def test_changing_the_target_starts_a_plan_today_and_keeps_the_old_one(store, clock) -> None:
    goal = store.goals.create(draft(target=2), rrule_problem)
    first = today(clock)
    clock.advance(3 * DAY)
    changed = store.goals.update(goal.id, draft(target=5), rrule_problem)
    later = today(clock)
    assert changed.target == 5 and changed.starts_on == first
    assert plans_of(store, goal.id) == [(first, 2, DAILY_RRULE), (later, 5, DAILY_RRULE)]
    # a second change the same day rewrites today's plan instead of adding one
    store.goals.update(goal.id, draft(target=4, rrule=WEEKDAYS_RRULE), rrule_problem)
    assert plans_of(store, goal.id) == [(first, 2, DAILY_RRULE), (later, 4, WEEKDAYS_RRULE)]
    # changing back the same day leaves no change behind
    store.goals.update(goal.id, draft(target=2), rrule_problem)
    assert plans_of(store, goal.id) == [(first, 2, DAILY_RRULE)]
    # a title or unit edit is not a new plan
    store.goals.update(goal.id, draft("Renamed", target=2, unit="emails"), rrule_problem)
    assert plans_of(store, goal.id) == [(first, 2, DAILY_RRULE)]
    assert [len(g.plans) for g in store.goals.for_day(later)] == [1]


def test_a_change_on_the_first_day_rewrites_that_day(store, clock) -> None:
    goal = store.goals.create(draft(target=2), rrule_problem)
    store.goals.update(goal.id, draft(target=3), rrule_problem)
    assert plans_of(store, goal.id) == [(today(clock), 3, DAILY_RRULE)]
