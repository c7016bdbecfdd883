"""Small daily goals: which days they apply, how a day went, and a forgiving habit strength."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

from dateutil.rrule import rrule, rruleset, rrulestr

from bounceback.domain import GoalSource

WEEKDAYS_RRULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
DAILY_RRULE = "FREQ=DAILY"


@dataclass(frozen=True, slots=True)
class GoalTemplate:
    """A goal as plain data, for seeding a new database or offering presets."""

    title: str
    target: int
    unit: str
    rrule: str
    auto_source: GoalSource | None = None


# Small enough to do on a bad day; the first counts itself from new applications.
DEFAULT_GOALS: tuple[GoalTemplate, ...] = (
    GoalTemplate(
        "Apply to targeted roles", 2, "applications", WEEKDAYS_RRULE, GoalSource.APPLICATIONS
    ),
    GoalTemplate("Reach out to someone in your network", 1, "emails", WEEKDAYS_RRULE),
    GoalTemplate("Learning time", 30, "minutes", DAILY_RRULE),
)

# Goals are about calendar days; a sub-daily rule would also make `after()` walk through
# millions of occurrences for an old goal, so such rules are refused up front.
_SUB_DAILY = re.compile(r"FREQ\s*=\s*(HOURLY|MINUTELY|SECONDLY)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _rule(rrule_text: str, starts_on: date) -> rrule | rruleset:
    if _SUB_DAILY.search(rrule_text):
        raise ValueError("a goal repeats by day, week, month or year, not by the hour")
    # cache=True lets repeated questions about one goal (a week view) reuse occurrences.
    return rrulestr(rrule_text, dtstart=datetime.combine(starts_on, time()), cache=True)


def rrule_problem(rrule_text: str) -> str | None:
    """Why a typed RRULE cannot be used, or None when it is fine (for form validation)."""
    try:
        _rule(rrule_text.strip(), date(2000, 1, 3))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        return f"Not a repeat rule we can use ({exc}). Example: {WEEKDAYS_RRULE}"
    return None


def applies_on(rrule_text: str, starts_on: date, day: date) -> bool:
    """Whether the goal is scheduled on `day`: its rule, started on `starts_on`, hits that date.

    Only dates are compared, so time zones and daylight-saving changes cannot move a day.
    Raises ValueError for a rule `rrule_problem` would reject.
    """
    if day < starts_on:
        return False
    start_of_day = datetime.combine(day, time())
    hit = _rule(rrule_text.strip(), starts_on).after(start_of_day, inc=True)
    return hit is not None and hit.date() == day


def scheduled_days(rrule_text: str, starts_on: date, first: date, last: date) -> frozenset[date]:
    """Every day from `first` to `last` (inclusive) the goal is scheduled on, in one pass.

    The same answer as asking `applies_on` for each day, without walking the rule once per day
    (a week view over months of history stays cheap). Raises ValueError like `applies_on`.
    """
    first = max(first, starts_on)
    if last < first:
        return frozenset()
    rule = _rule(rrule_text.strip(), starts_on)
    hits = rule.between(
        datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time()),
        inc=True,
    )
    return frozenset(hit.date() for hit in hits if first <= hit.date() <= last)


class Plan(Protocol):
    """A goal's target and days from `starts_on` until the next plan starts (plain values).

    The store's plan records fit this shape; so does `PlanSpan`.
    """

    @property
    def starts_on(self) -> date:
        """The first day this plan judges."""
        ...

    @property
    def target(self) -> int:
        """How much a day, while this plan holds."""
        ...

    @property
    def rrule(self) -> str:
        """Which days, while this plan holds (RRULE text)."""
        ...


@dataclass(frozen=True, slots=True)
class PlanSpan:
    """A plan as a plain value (for callers and tests without a store)."""

    starts_on: date
    target: int
    rrule: str


def targets_by_day(plans: Sequence[Plan], first: date, last: date) -> dict[date, int]:
    """Every scheduled day from `first` to `last`, with the target in effect on that day.

    Each day is judged by the plan that held then, so raising a target today never turns a
    past day that met the old one into a miss, and a change of days keeps the past schedule.
    A plan that only changes the target keeps its rule's rhythm ("every 2 days" stays on the
    same days): the rule counts from where that same rule first started.
    Raises ValueError like `applies_on`.
    """
    ordered = sorted(plans, key=lambda p: p.starts_on)
    out: dict[date, int] = {}
    anchor = first
    for i, plan in enumerate(ordered):
        if i == 0 or _normalized(ordered[i - 1].rrule) != _normalized(plan.rrule):
            anchor = plan.starts_on
        end = ordered[i + 1].starts_on - timedelta(days=1) if i + 1 < len(ordered) else last
        lo, hi = max(first, plan.starts_on), min(last, end)
        if lo <= hi:
            for day in scheduled_days(plan.rrule, anchor, lo, hi):
                out[day] = plan.target
    return out


_DAY_NAMES = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat",
              "SU": "Sun"}


def describe_days(rrule_text: str) -> str:
    """Which days, in words: "every day", "weekdays", "Tue Thu", "every 2 days", or "custom".

    Only the plain shapes get words; anything richer (counts, month days, end dates) is
    "custom", and the form shows the rule itself.
    """
    parts = _normalized(rrule_text)
    if parts == _normalized(DAILY_RRULE):
        return "every day"
    if parts == _normalized(WEEKDAYS_RRULE):
        return "weekdays"
    rule = dict(parts)
    freq = next(iter(rule.get("FREQ", frozenset())), "")
    if freq == "WEEKLY" and set(rule) == {"FREQ", "BYDAY"} and rule["BYDAY"] <= set(_DAY_NAMES):
        return " ".join(name for code, name in _DAY_NAMES.items() if code in rule["BYDAY"])
    interval = next(iter(rule.get("INTERVAL", frozenset())), "")
    if freq == "DAILY" and set(rule) == {"FREQ", "INTERVAL"} and interval.isdigit():
        return f"every {int(interval)} days"
    return "custom"


def _normalized(rrule_text: str) -> frozenset[tuple[str, frozenset[str]]]:
    """The rule's parts, case and order ignored ("BYDAY=FR,MO" equals "byday=mo,fr")."""
    text = rrule_text.strip().upper().removeprefix("RRULE:")
    parts = set()
    for part in text.split(";"):
        key, _, value = part.partition("=")
        if key.strip():
            parts.add((key.strip(), frozenset(v.strip() for v in value.split(","))))
    if ("INTERVAL", frozenset({"1"})) in parts:  # the default interval says nothing
        parts.discard(("INTERVAL", frozenset({"1"})))
    return frozenset(parts)


class DayStatus(StrEnum):
    """How one goal went on one day."""

    MET = "met"
    PARTIAL = "partial"
    MISSED = "missed"
    REST = "rest"
    NOT_SCHEDULED = "not_scheduled"


def day_status(count: int, target: int, rest: bool, *, scheduled: bool = True) -> DayStatus:
    """Classify a day: a rest or unscheduled day is never a miss, whatever the count."""
    if not scheduled:
        return DayStatus.NOT_SCHEDULED
    if rest:
        return DayStatus.REST
    # A target below 1 would make every day "met" for free; treat it as 1.
    if count >= max(target, 1):
        return DayStatus.MET
    if count > 0:
        return DayStatus.PARTIAL
    return DayStatus.MISSED


def habit_strength(statuses: Sequence[DayStatus], *, alpha: float = 0.1) -> float:
    """A forgiving 0..1 score over days, oldest first, starting at 0 (no streak to break).

    For each day, with a = alpha:
      met:      s = s + a * (1 - s)
      partial:  s = s + (a / 2) * (1 - s)   (half a met day: always up, a little)
      missed:   s = s - a * s               (down a little; one miss never zeroes it)
      rest, not scheduled: s unchanged
    A better day in place of a worse one never lowers the final score.
    """
    if not 0 < alpha <= 1:
        raise ValueError("alpha must be in (0, 1]")
    s = 0.0
    for status in statuses:
        if status is DayStatus.MET:
            s += alpha * (1 - s)
        elif status is DayStatus.PARTIAL:
            s += alpha / 2 * (1 - s)
        elif status is DayStatus.MISSED:
            s -= alpha * s
    return min(max(s, 0.0), 1.0)  # guard against float drift at the edges


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """Counts for a run of days (usually a week) and one line to show under the week view."""

    met: int
    partial: int
    missed: int
    rest: int
    due: int
    message: str


def week_summary(statuses: Sequence[DayStatus]) -> WeekSummary:
    """Tally a week's statuses; rest and unscheduled days are not counted as due."""
    met = sum(1 for s in statuses if s is DayStatus.MET)
    partial = sum(1 for s in statuses if s is DayStatus.PARTIAL)
    missed = sum(1 for s in statuses if s is DayStatus.MISSED)
    rest = sum(1 for s in statuses if s is DayStatus.REST)
    due = met + partial + missed
    if due == 0:
        message = "Nothing was due: rest counts too."
    else:
        message = f"{met} of {due} met"
        if partial:
            message += f", {partial} partly"
        message += "."
    return WeekSummary(met, partial, missed, rest, due, message)
