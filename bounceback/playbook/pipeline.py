"""Pipeline judgement: which rows need attention, and in what order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from bounceback.domain import WAITING_STAGES, Stage


class Flag(IntEnum):
    """Why a row wants attention; lower sorts first."""

    OVERDUE = 0  # the next action's date has passed
    DUE = 1  # the next action is today
    GHOSTED = 2  # silence past the ghost threshold: decide, don't wait
    STALE = 3  # quiet past the stale threshold: a nudge is due
    ACTIVE = 4
    SAVED = 5
    CLOSED = 6


FLAG_LABELS = {
    Flag.OVERDUE: "overdue",
    Flag.DUE: "due today",
    Flag.GHOSTED: "looks ghosted",
    Flag.STALE: "stale",
    Flag.ACTIVE: "",
    Flag.SAVED: "",
    Flag.CLOSED: "",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Days of silence before a row is stale or looks ghosted (from Setting)."""

    stale_days: int = 14
    ghost_days: int = 21


def flag(
    stage: Stage,
    last_activity: date,
    next_action_on: date | None,
    today: date,
    thresholds: Thresholds,
) -> Flag:
    """The single most urgent reason to look at this application."""
    if stage.is_closed:
        return Flag.CLOSED
    if next_action_on is not None and next_action_on < today:
        return Flag.OVERDUE
    if next_action_on is not None and next_action_on == today:
        return Flag.DUE
    quiet = silence(stage, last_activity, today, thresholds)
    if quiet is not None:
        return quiet
    return Flag.SAVED if stage is Stage.SAVED else Flag.ACTIVE


def silence(
    stage: Stage, last_activity: date, today: date, thresholds: Thresholds
) -> Flag | None:
    """STALE or GHOSTED when the company owes a move and has been quiet too long."""
    if stage not in WAITING_STAGES:
        return None
    quiet = (today - last_activity).days
    if quiet >= thresholds.ghost_days:
        return Flag.GHOSTED
    if quiet >= thresholds.stale_days:
        return Flag.STALE
    return None


def attention_key(
    row_flag: Flag, last_activity: date, next_action_on: date | None, company: str
) -> tuple[int, int, str]:
    """Sort key: most urgent flag first; within it the oldest due date / longest silence."""
    if row_flag in (Flag.OVERDUE, Flag.DUE, Flag.ACTIVE) and next_action_on is not None:
        when = next_action_on.toordinal()
    elif row_flag is Flag.CLOSED:
        when = -last_activity.toordinal()  # recently closed first
    else:
        when = last_activity.toordinal()
    return (int(row_flag), when, company.casefold())


def days_since(moment: date, today: date) -> int:
    """Whole days from `moment` to `today` (never negative)."""
    return max(0, (today - moment).days)
