"""What Today shows, read in one go off the event loop and judged by the playbook.

`load_today` runs in a worker thread: it stores what automatic goals counted, and returns a
frozen `TodayData` the screen only has to draw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bounceback.playbook.comebacks import (
    LOW_MOOD_DAYS,
    Comeback,
    No,
    RoughPatch,
    Send,
    comebacks,
    rough_patch,
)
from bounceback.playbook.daily import (
    KEEP_MOVING_DAYS,
    DayTally,
    keep_moving,
    statuses,
    tally,
)
from bounceback.playbook.goals import DayStatus
from bounceback.playbook.health import Health
from bounceback.playbook.pipeline import (
    Flag,
    follow_ups,
    send_next,
    summary,
)
from bounceback.screens.interview_prep import interview_prep
from bounceback.screens.pipeline_data import judge_store
from bounceback.store.records import (
    ApplicationRow,
    CheckInRecord,
    GoalDayRecord,
    GoalRecord,
    ScheduledWindow,
    StrengthRecord,
    WallowRecord,
)
from bounceback.widgets.goal_list import GoalLine

if TYPE_CHECKING:
    from bounceback.store.db import Store

AUTO_SYNC_DAYS = 7
"""Automatic goals are recounted for this many days back on every load, so an application
logged late at night (or from a second window) still lands on its own day."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """An application whose next action is due today or overdue."""

    row: ApplicationRow
    flag: Flag
    late_days: int


@dataclass(frozen=True, slots=True)
class KeepMoving:
    """A recent "no" with nothing sent since, and the saved application to send next."""

    company: str
    days_ago: int
    next_company: str = ""
    next_role: str = ""


@dataclass(frozen=True, slots=True)
class PausedFlow:
    """A bounce-back flow left unfinished: which case, where it stopped, how many in all."""

    case_id: int
    company: str
    step: str
    count: int


@dataclass(frozen=True, slots=True)
class TodayData:
    """Everything Today draws, as plain values."""

    day: date
    checkin: CheckInRecord | None
    yesterday_mood: int | None
    goals: tuple[GoalRecord, ...]
    counts: Mapping[tuple[int, date], tuple[int, bool]]
    followups: tuple[FollowUp, ...]
    health: Health
    stale: int
    ghosted: int
    keep_moving: KeepMoving | None
    window: WallowRecord | None
    window_company: str = ""
    window_feeling: str = ""
    strengths: tuple[StrengthRecord, ...] = field(default_factory=tuple)
    paused: PausedFlow | None = None
    rough: RoughPatch | None = None  # go gently today (playbook/comebacks.py thresholds)
    comebacks: tuple[Comeback, ...] = ()  # the person's own, newest first
    prep: tuple[str, ...] = ()  # before an interview in the next days: questions to prepare
    planned: ScheduledWindow | None = None  # a window planned for later (none running)

    def lines(self) -> list[GoalLine]:
        """Today's scheduled goals as the list draws them."""
        return goal_lines(self.goals, self.counts, self.day)

    def today_tally(self) -> DayTally:
        """How today stands across its goals."""
        return day_tally(self.goals, self.counts, self.day)

    def yesterday_tally(self) -> DayTally:
        """How yesterday went across its goals."""
        return day_tally(self.goals, self.counts, self.day - timedelta(days=1))


def _status(goal: GoalRecord, counts: Mapping[tuple[int, date], tuple[int, bool]],
            day: date) -> DayStatus:
    days = {day: counts[(goal.id, day)]} if (goal.id, day) in counts else {}
    (status,) = statuses(goal.plans, days, day, day)
    return status


def goal_lines(goals: Sequence[GoalRecord], counts: Mapping[tuple[int, date], tuple[int, bool]],
               day: date) -> list[GoalLine]:
    """The goals scheduled on `day`, with their counts and status (unscheduled ones left out)."""
    out = []
    for goal in goals:
        status = _status(goal, counts, day)
        if status is DayStatus.NOT_SCHEDULED:
            continue
        count, rest = counts.get((goal.id, day), (0, False))
        auto = goal.auto_source.label if goal.auto_source is not None else ""
        out.append(GoalLine(goal.id, goal.title, count, goal.target, goal.unit, rest, status,
                            auto))
    return out


def day_tally(goals: Sequence[GoalRecord], counts: Mapping[tuple[int, date], tuple[int, bool]],
              day: date) -> DayTally:
    """Every goal's status on `day`, tallied."""
    return tally(_status(goal, counts, day) for goal in goals)


def count_map(records: Sequence[GoalDayRecord]) -> dict[tuple[int, date], tuple[int, bool]]:
    """Stored goal days keyed by (goal, day)."""
    return {(r.goal_id, r.day): (r.count, r.rest) for r in records}


def load_today(store: Store, day: date) -> TodayData:
    """Read and judge everything Today shows (call from a worker thread)."""
    store.goals.sync_auto(day - timedelta(days=AUTO_SYNC_DAYS - 1), day)
    goals = tuple(store.goals.all())
    counts_by_day = count_map(store.goals.days(day - timedelta(days=1), day))
    settings = store.settings.get()
    judged = judge_store(store, day, settings)
    counts = summary(judged)
    followups = [FollowUp(j.row, j.flag, (day - j.row.next_action_on).days)
                 for j in follow_ups(judged) if j.row.next_action_on is not None]
    health = counts.health(settings.min_active)
    saved = send_next(judged)
    nudge = _keep_moving(store, day, saved)
    window = store.wallow.open_window()
    company = feeling = ""
    if window is not None:
        case = store.rejections.get(window.rejection_id)
        company, feeling = case.company, ", ".join(case.feelings)
    paused = planned = None
    if window is None:
        planned = store.wallow.next_scheduled()
        latest, count = store.rejections.paused()
        if latest is not None:
            paused = PausedFlow(latest.id, latest.company, latest.flow_step, count)
    yesterday = store.checkins.yesterday()
    rough, comebacks = read_comebacks(store, day)
    return TodayData(
        day=day, checkin=store.checkins.get(day),
        yesterday_mood=yesterday.mood if yesterday is not None else None,
        goals=goals, counts=counts_by_day, followups=tuple(followups), health=health,
        stale=counts.stale, ghosted=counts.ghosted, keep_moving=nudge, window=window,
        window_company=company, window_feeling=feeling, strengths=tuple(store.strengths.all()),
        paused=paused, planned=planned, rough=rough, comebacks=tuple(comebacks),
        prep=tuple(interview_prep(store, day) or ()),
    )


def read_nos(store: Store) -> tuple[list[No], list[Comeback]]:
    """The live no's and the person's comebacks (newest first): the Wins screen needs only
    these, Today judges the rough patch from them too."""
    from bounceback.store.activity import comeback_rows

    no_rows, send_rows = comeback_rows(store)
    nos = [No(*row) for row in no_rows]
    return nos, comebacks(nos, [Send(*row) for row in send_rows])


def read_comebacks(store: Store, day: date) -> tuple[RoughPatch | None, list[Comeback]]:
    """Whether today is a rough patch, and the person's comebacks (newest first)."""
    nos, found = read_nos(store)
    moods = [(c.day, c.mood) for c in store.checkins.recent(LOW_MOOD_DAYS + 1)]
    return rough_patch(day, nos, moods), found


def _keep_moving(store: Store, day: date, saved: list[ApplicationRow]) -> KeepMoving | None:
    """The nudge after a recent \"no\" with nothing sent since; `saved` in send order."""
    from bounceback.store.activity import latest_rejection

    latest = latest_rejection(store)
    if latest is None or not keep_moving(latest.received_on, day, latest.sent_since,
                                         KEEP_MOVING_DAYS):
        return None
    nxt = saved[0] if saved else None
    return KeepMoving(
        latest.company, (day - latest.received_on).days,
        nxt.company if nxt is not None else "", nxt.role if nxt is not None else "",
    )
