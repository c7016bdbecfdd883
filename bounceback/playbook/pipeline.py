"""Pipeline judgement: which rows need attention, and in what order.

`judge_rows` and `summary` are the one place that decides what counts as active, stale,
ghosted or a follow-up due: the Pipeline, Today and the flow's Keep-moving step all use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import IntEnum
from typing import Generic, Protocol, TypeVar

from bounceback.domain import WAITING_STAGES, Stage
from bounceback.playbook.daily import send_order
from bounceback.playbook.health import Health, pipeline_health


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


class PipelineRow(Protocol):
    """What the judge reads of an application (the store's `ApplicationRow` has it)."""

    @property
    def company(self) -> str:
        """The company, for the order within a flag."""

    @property
    def stage(self) -> Stage:
        """Where the application stands."""

    @property
    def last_activity_at(self) -> datetime:
        """The last time anything happened (aware)."""

    @property
    def next_action_on(self) -> date | None:
        """When the next action is planned, if it is."""


R = TypeVar("R", bound=PipelineRow)


@dataclass(frozen=True, slots=True)
class Judged(Generic[R]):
    """One row with its judgement: flag, silence, quiet days and sort key."""

    row: R
    flag: Flag
    silence: Flag | None  # stale / looks ghosted, even when something more urgent leads
    quiet: int  # whole days since the last activity
    key: tuple[int, int, str]

    @property
    def status(self) -> str:
        """The flag, plus the silence when it is not already the flag."""
        labels = [FLAG_LABELS[self.flag]]
        if self.silence is not None and self.silence is not self.flag:
            labels.append(FLAG_LABELS[self.silence])
        return ", ".join(label for label in labels if label)

    @property
    def active(self) -> bool:
        """Sent and still open: neither closed nor only saved."""
        return self.flag is not Flag.CLOSED and self.row.stage is not Stage.SAVED

    @property
    def saved(self) -> bool:
        """Saved to send, not sent yet."""
        return self.row.stage is Stage.SAVED

    @property
    def follow_up(self) -> bool:
        """The next action is due today or overdue."""
        return self.flag in (Flag.OVERDUE, Flag.DUE)


def judge_rows(
    rows: Iterable[R], today: date, tz: tzinfo | None, thresholds: Thresholds
) -> list[Judged[R]]:
    """Judge every row once (its last activity read as a local day in `tz`), most urgent first."""
    out: list[Judged[R]] = []
    for row in rows:
        last = row.last_activity_at.astimezone(tz).date()
        row_flag = flag(row.stage, last, row.next_action_on, today, thresholds)
        out.append(Judged(
            row, row_flag, silence(row.stage, last, today, thresholds), days_since(last, today),
            attention_key(row_flag, last, row.next_action_on, row.company),
        ))
    out.sort(key=lambda judged: judged.key)
    return out


@dataclass(frozen=True, slots=True)
class PipelineSummary:
    """The counts every screen shows of a judged pipeline."""

    active: int = 0
    saved: int = 0
    overdue: int = 0
    due: int = 0
    stale: int = 0
    ghosted: int = 0
    closed: int = 0

    @property
    def follow_ups(self) -> int:
        """Next actions due today or overdue."""
        return self.overdue + self.due

    def health(self, minimum: int) -> Health:
        """Active applications against the minimum (advice picked by whether any are saved)."""
        return pipeline_health(self.active, minimum, saved_count=self.saved)


def summary(judged: Sequence[Judged[R]]) -> PipelineSummary:
    """Count a judged pipeline: a row quiet too long counts as stale or ghosted even when an
    overdue next action leads its flag."""
    return PipelineSummary(
        active=sum(j.active for j in judged),
        saved=sum(j.saved for j in judged),
        overdue=sum(j.flag is Flag.OVERDUE for j in judged),
        due=sum(j.flag is Flag.DUE for j in judged),
        stale=sum(j.silence is Flag.STALE for j in judged),
        ghosted=sum(j.silence is Flag.GHOSTED for j in judged),
        closed=sum(j.flag is Flag.CLOSED for j in judged),
    )


def follow_ups(judged: Sequence[Judged[R]]) -> list[Judged[R]]:
    """The rows whose next action is due or overdue, most urgent first."""
    return [j for j in judged if j.follow_up]


def send_next(judged: Sequence[Judged[R]]) -> list[R]:
    """The saved applications in the order to send them."""
    saved = [j.row for j in judged if j.saved]
    return sorted(saved, key=lambda row: send_order(row.next_action_on, row.company))
