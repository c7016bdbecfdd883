"""A wall clock set back, and a change of time zone (issue 10, items 14 and 15).

History is ordered by its own sequence, so a clock set back never reorders what happened; a
wallow window never lasts longer than it was started for; activity keeps the local day it
happened on when the zone changes later.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from bounceback.clock import FixedClock, today
from bounceback.domain import GoalSource, Stage, WinCategory
from bounceback.playbook.goals import rrule_problem
from bounceback.playbook.triage import judge
from bounceback.store.activity import activity_counts
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.goals import GoalDraft
from bounceback.store.models import StageEvent, Win
from bounceback.store.portability import export_csv
from bounceback.store.wins import WinDraft

DAY = 86_400
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def _apply(store: Store, company: str, stage: Stage = Stage.APPLIED) -> int:
    return store.applications.create(ApplicationDraft(company=company, role="Dev", stage=stage)).id


# ---- item 14: stage history by its own sequence ----------------------------------------------


def _moved_across_a_jump(store: Store, clock: FixedClock) -> int:
    """applied → screening, then the clock goes back two days, then → interviewing."""
    app_id = _apply(store, "Initech")
    clock.advance(3600)
    store.applications.move(app_id, Stage.SCREENING)
    clock.jump(-2 * DAY)
    clock.advance(60)
    store.applications.move(app_id, Stage.INTERVIEWING)
    return app_id


def test_history_keeps_its_order_when_the_clock_was_set_back(store: Store, clock) -> None:
    app_id = _moved_across_a_jump(store, clock)
    detail = store.applications.get(app_id)
    assert [e.stage for e in detail.history] == [
        Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING]
    assert detail.history[-1].at < detail.history[0].at  # wall time says otherwise


def test_back_returns_to_the_stage_before_after_a_clock_jump(store: Store, clock) -> None:
    app_id = _moved_across_a_jump(store, clock)
    back = store.applications.back(app_id)
    assert back is not None and back.stage is Stage.SCREENING


def test_the_stage_reached_is_read_in_sequence_after_a_clock_jump(store: Store, clock) -> None:
    app_id = _moved_across_a_jump(store, clock)
    clock.jump(-DAY)  # rejected "before" everything else, by the wall clock
    case = store.rejections.log_for_application(app_id, judge)
    assert case.stage_reached is Stage.INTERVIEWING
    assert [stage for stage, _, _ in store.rejections.history(case.id)] == [
        Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED]


def test_csv_export_lists_the_history_in_sequence(store: Store, clock, tmp_path: Path) -> None:
    _moved_across_a_jump(store, clock)
    export_csv(store, tmp_path / "out")
    with (tmp_path / "out" / "applications.csv").open(newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    stages = [part.rsplit(" ", 1)[0] for part in row["history"].split("; ")]
    assert stages == [Stage.APPLIED.label, Stage.SCREENING.label, Stage.INTERVIEWING.label]


def test_the_last_ritual_done_is_the_last_one_marked(store: Store, clock) -> None:
    store.rituals.seed(["Walk", "Call a friend"])
    walk, call = store.rituals.all()
    case = store.rejections.log_untracked("Nope", "Dev", Stage.APPLIED, judge([])[2])
    store.rituals.mark_done(walk.id, case.id)
    clock.jump(-DAY)
    store.rituals.mark_done(call.id, case.id)
    assert store.rituals.last_done_id() == call.id
    assert store.rituals.done_for(case.id) == ["Walk", "Call a friend"]


def test_the_newest_rejection_is_the_last_logged_on_the_same_day(store: Store, clock) -> None:
    from bounceback.store.activity import latest_rejection

    store.rejections.log_untracked("First", "Dev", Stage.APPLIED, judge([])[2])
    clock.jump(-3600)
    store.rejections.log_untracked("Second", "Dev", Stage.APPLIED, judge([])[2])
    latest = latest_rejection(store)
    assert latest is not None and latest.company == "Second"


# ---- item 14: the wallow window's deadline ---------------------------------------------------


def _window(store: Store, minutes: int = 15) -> tuple[int, int]:
    case = store.rejections.log_untracked("Nope", "Dev", Stage.APPLIED, judge([])[2])
    return case.id, store.wallow.start(case.id, minutes).id


def test_a_moved_deadline_is_kept_within_the_window_from_now(store: Store, clock) -> None:
    _case, window_id = _window(store)
    clock.advance(300)
    clock.jump(-DAY)
    now = clock.now()
    moved = store.wallow.move_deadline(window_id, now + timedelta(minutes=10))
    assert moved.ends_at == now + timedelta(minutes=10)
    assert moved.ends_at - moved.started_at == timedelta(minutes=15)
    # a deadline asked for beyond the window's length, or in the past, is brought inside it
    assert store.wallow.move_deadline(window_id, now + timedelta(days=2)).ends_at == \
        now + timedelta(minutes=15)
    assert store.wallow.move_deadline(window_id, now - timedelta(hours=1)).ends_at == now


def test_an_ended_window_is_not_moved(store: Store, clock) -> None:
    _case, window_id = _window(store)
    ended = store.wallow.finish(window_id, early=True)
    clock.jump(-DAY)
    assert store.wallow.move_deadline(window_id, clock.now()) == ended


def test_the_open_window_is_the_newest_by_sequence_not_by_wall_time(store: Store, clock) -> None:
    _window(store)
    clock.jump(-DAY)
    newer_case, newer = _window(store)
    window = store.wallow.open_window()
    assert window is not None and window.id == newer and window.rejection_id == newer_case


# ---- item 15: local days stored with the activity --------------------------------------------


def _store_at(tmp_path: Path, moment: datetime, tz: ZoneInfo) -> tuple[Store, FixedClock]:
    clock = FixedClock(moment, tz=tz)
    return Store.open(tmp_path / "tz.db", clock), clock


def _auto_goals(store: Store) -> dict[GoalSource, int]:
    return {
        source: store.goals.create(GoalDraft(source.value, auto_source=source), rrule_problem).id
        for source in (GoalSource.APPLICATIONS, GoalSource.WINS)
    }


def _counts(store: Store, first: date, last: date) -> dict[tuple[int, date], int]:
    return {(r.goal_id, r.day): r.count for r in store.goals.days(first, last) if r.count}


def test_a_change_of_zone_keeps_the_past_weeks_counts(tmp_path: Path) -> None:
    # Tuesday 3 November 2026, 00:30 in Berlin: still Monday 18:30 in New York
    store, clock = _store_at(tmp_path, datetime(2026, 11, 2, 23, 30, tzinfo=UTC), BERLIN)
    try:
        clock.jump(-3 * DAY)  # the goals were there before
        goals = _auto_goals(store)
        clock.jump(3 * DAY)
        tuesday, monday = date(2026, 11, 3), date(2026, 11, 2)
        assert today(clock) == tuesday
        _apply(store, "Just after midnight")
        store.wins.create(WinDraft(title="Shipped it", category=WinCategory.SHIPPED))
        clock.advance(6 * 3600)  # 06:30 Berlin, Tuesday
        store.wins.quick_add("Kind words from a reviewer")
        first = tuesday - timedelta(days=6)
        store.goals.sync_auto(first, tuesday)
        before = _counts(store, first, tuesday)
        assert before == {(goals[GoalSource.APPLICATIONS], tuesday): 1,
                          (goals[GoalSource.WINS], tuesday): 2}
        clock.move_to(NEW_YORK)  # the person flew west; it is Tuesday 00:30 there now
        clock.advance(DAY - 6 * 3600)
        assert today(clock) == date(2026, 11, 3)
        store.goals.sync_auto(today(clock) - timedelta(days=6), today(clock))
        assert _counts(store, first, tuesday) == before  # nothing moved to Monday
        counts = activity_counts(store, monday, tuesday)
        assert counts[GoalSource.APPLICATIONS] == {tuesday: 1}
        assert counts[GoalSource.WINS] == {tuesday: 2}
    finally:
        store.close()


@pytest.mark.parametrize(
    ("moment", "tz", "day"),
    [
        # Europe/Berlin: summer time starts Sunday 29 March 2026 at 02:00 (01:00 UTC)
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), BERLIN, date(2026, 3, 29)),  # 00:30 CET
        (datetime(2026, 3, 29, 22, 30, tzinfo=UTC), BERLIN, date(2026, 3, 30)),  # 00:30 CEST
        # and ends Sunday 25 October 2026 at 03:00 (01:00 UTC)
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), BERLIN, date(2026, 10, 25)),  # 00:30 CEST
        (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), BERLIN, date(2026, 10, 25)),  # 23:59 CET
        # America/New_York: 8 March 2026 (spring forward), 1 November 2026 (fall back)
        (datetime(2026, 3, 8, 4, 30, tzinfo=UTC), NEW_YORK, date(2026, 3, 7)),  # 23:30 EST
        (datetime(2026, 3, 9, 3, 30, tzinfo=UTC), NEW_YORK, date(2026, 3, 8)),  # 23:30 EDT
        (datetime(2026, 11, 2, 4, 30, tzinfo=UTC), NEW_YORK, date(2026, 11, 1)),  # 23:30 EST
    ],
)
def test_activity_near_a_daylight_saving_change_lands_on_its_local_day(
    tmp_path: Path, moment: datetime, tz: ZoneInfo, day: date
) -> None:
    store, _clock = _store_at(tmp_path, moment, tz)
    try:
        app_id = _apply(store, "Near the change")
        win = store.wins.create(WinDraft(title="A win", category=WinCategory.LEARNED))
        (event,) = store.applications.get(app_id).history
        with store.read() as s:
            assert s.get(StageEvent, event.id).local_day == day  # type: ignore[union-attr]
            assert s.get(Win, win.id).local_day == day  # type: ignore[union-attr]
        counts = activity_counts(store, day - timedelta(days=1), day + timedelta(days=1))
        assert counts[GoalSource.APPLICATIONS] == {day: 1}
        assert counts[GoalSource.WINS] == {day: 1}
    finally:
        store.close()


def test_rows_without_a_stored_day_count_on_their_day_in_the_zone_now(tmp_path: Path) -> None:
    """An import from an older export carries no local day: the current zone decides."""
    store, clock = _store_at(tmp_path, datetime(2026, 11, 2, 23, 30, tzinfo=UTC), TOKYO)
    try:
        _apply(store, "Imported")
        store.wins.quick_add("Imported win")
        with store.write() as s:
            s.execute(update(StageEvent).values(local_day=None))
            s.execute(update(Win).values(local_day=None))
        tokyo_day = date(2026, 11, 3)  # 08:30 in Tokyo
        counts = activity_counts(store, tokyo_day, tokyo_day)
        assert counts[GoalSource.APPLICATIONS] == {tokyo_day: 1}
        assert counts[GoalSource.WINS] == {tokyo_day: 1}
        clock.move_to(NEW_YORK)  # 18:30 on the 2nd there
        counts = activity_counts(store, date(2026, 11, 1), date(2026, 11, 3))
        assert counts[GoalSource.APPLICATIONS] == {date(2026, 11, 2): 1}
    finally:
        store.close()
