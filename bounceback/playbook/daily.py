"""The daily rules behind Today and Goals: how a goal's days went, its strength, the day's tally,
when to celebrate, and when a recent "no" deserves a nudge to keep moving.

Everything here is a function of plain values (dates, counts, rule text). Calendar days are
`date`s the caller computed in the person's own time zone, so midnight and daylight-saving
changes are settled before anything reaches these rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bounceback.domain import GoalSource
from bounceback.playbook.goals import (
    DayStatus,
    Plan,
    day_status,
    habit_strength,
    targets_by_day,
)

MOOD_WORDS: dict[int, str] = {1: "rough", 2: "low", 3: "okay", 4: "good", 5: "great"}
"""What each mood digit means; no wrong answer, and 1 is a day, not a verdict."""

SOURCE_WHERE: dict[GoalSource, str] = {
    GoalSource.APPLICATIONS: "add an application as applied, or move a saved one to applied (2)",
    GoalSource.FEEDBACK_ASKED: "mark a feedback request as asked on a rejection (3)",
    GoalSource.WINS: "add a win to the confidence file (4)",
    GoalSource.HELP: "log the help you gave (4)",
}
"""Where the activity an automatic goal counts happens (said when someone presses + on it)."""

STRENGTH_DAYS = 180
"""Days of history the habit strength reads. With alpha 0.1, a day that long ago moves the
score by less than 0.9**180 (about six in a billion), so older days are left out."""

KEEP_MOVING_DAYS = 3
"""How many days after a "no" Today keeps suggesting the next application to send."""

Days = Mapping[date, tuple[int, bool]]
"""A goal's stored days: day -> (count, rest). A day with no entry counts 0, not resting."""


def statuses(plans: Sequence[Plan], days: Days, first: date, last: date) -> list[DayStatus]:
    """How each day from `first` to `last` went for one goal, oldest first.

    Each day is judged by the goal's plan of that day (its target and days then), so a target
    raised today never re-judges the past. Days before the goal started, and days its rule
    skipped, are NOT_SCHEDULED: a goal added on a Wednesday owes nothing for that Monday. A day
    without any stored entry is a plain zero.
    """
    if last < first:
        return []
    targets = targets_by_day(plans, first, last)
    out = []
    day = first
    while day <= last:
        count, rest = days.get(day, (0, False))
        target = targets.get(day)
        out.append(day_status(count, target or 0, rest, scheduled=target is not None))
        day += timedelta(days=1)
    return out


def strength(plans: Sequence[Plan], days: Days, today: date) -> float:
    """The forgiving habit strength (0..1) as of `today`.

    It reads the finished days since the goal started (at most STRENGTH_DAYS of them) with
    `goals.habit_strength`, each judged by its own day's plan. Today is still in progress, so
    it joins only once it helps: a met or partly met today counts, an untouched today is simply
    not judged yet.
    """
    started = min((p.starts_on for p in plans), default=today)
    first = max(started, today - timedelta(days=STRENGTH_DAYS - 1))
    history = statuses(plans, days, first, today - timedelta(days=1))
    (now,) = statuses(plans, days, today, today)
    if now in (DayStatus.MET, DayStatus.PARTIAL):
        history.append(now)
    return habit_strength(history)


@dataclass(frozen=True, slots=True)
class DayTally:
    """A day across all goals: how many were due (scheduled, not resting) and how many met."""

    met: int
    due: int
    rest: int

    @property
    def all_met(self) -> bool:
        """Every due goal met (a day with nothing due is not a finished day)."""
        return self.due > 0 and self.met == self.due

    @property
    def line(self) -> str:
        """"2 of 3 goals met", "nothing was due", with rest days mentioned when any."""
        if self.due == 0:
            text = "nothing was due"
        else:
            text = f"{self.met} of {self.due} goal{'s' if self.due != 1 else ''} met"
        if self.rest:
            text += f", {self.rest} resting"
        return text


def tally(day_statuses: Iterable[DayStatus]) -> DayTally:
    """Count one day's statuses over every goal."""
    met = due = rest = 0
    for status in day_statuses:
        if status is DayStatus.REST:
            rest += 1
        elif status is not DayStatus.NOT_SCHEDULED:
            due += 1
            met += status is DayStatus.MET
    return DayTally(met, due, rest)


def should_celebrate(
    was_all_met: bool | None, all_met: bool, celebrated_on: date | None, today: date
) -> bool:
    """Celebrate the moment the last goal of the day is met, once per day.

    `was_all_met` is what the screen knew before this change; None means it had not looked
    yet, and a day already finished when you open the app is not news.
    """
    return all_met and was_all_met is False and celebrated_on != today


def keep_moving(
    last_rejection_on: date | None, today: date, sent_since: int,
    window: int = KEEP_MOVING_DAYS,
) -> bool:
    """True when a "no" arrived in the last `window` days and nothing has been sent since.

    The best moment to send the next application is right after a rejection; once one has
    gone out, the nudge has done its job and goes quiet.
    """
    if last_rejection_on is None or sent_since > 0:
        return False
    return 0 <= (today - last_rejection_on).days <= window


def send_order(next_action_on: date | None, company: str) -> tuple[date, str]:
    """Sort key for saved applications: the earliest planned date first, then by name."""
    return (next_action_on or date.max, company.casefold())


def rotate(count: int, day: date, offset: int = 0) -> int | None:
    """Which of `count` items to show on `day` (a new one each day; `offset` steps further)."""
    if count <= 0:
        return None
    return (day.toordinal() + offset) % count
