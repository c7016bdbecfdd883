"""Plain, frozen records the repositories return: safe to keep after the session closes.

This module imports neither SQLModel nor SQLAlchemy, so screens can use the types before the
database layer has been imported (the first frame does not wait for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bounceback.domain import (
    FeedbackStatus,
    GoalSource,
    HelpKind,
    MaterialKind,
    RejectionKind,
    RoundKind,
    Stage,
    StrengthKind,
    WinCategory,
)


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """One Pipeline row: only the columns the table shows (no ORM objects)."""

    id: int
    company: str
    role: str
    stage: Stage
    applied_on: date | None
    last_activity_at: datetime
    next_action: str
    next_action_on: date | None
    search_fold: str


@dataclass(frozen=True, slots=True)
class StageEventRecord:
    """One step of an application's history."""

    id: int
    stage: Stage
    at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    """Everything about one application, with its stage history (oldest first)."""

    id: int
    company: str
    role: str
    location: str
    url: str
    source: str
    stage: Stage
    applied_on: date | None
    contact_name: str
    contact_email: str
    description: str
    notes: str
    next_action: str
    next_action_on: date | None
    last_activity_at: datetime
    created_at: datetime
    updated_at: datetime
    version: int
    resume_id: int | None = None
    history: tuple[StageEventRecord, ...] = field(default_factory=tuple)

    @property
    def interview_rounds(self) -> int:
        """How many interview rounds the history records."""
        return sum(1 for e in self.history if e.stage is Stage.INTERVIEWING)


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's preferences, with the playbook's defaults."""

    wallow_minutes: int = 15
    stale_days: int = 14
    ghost_days: int = 21
    follow_up_days: int = 7
    min_active: int = 5
    feedback_let_go_days: int = 14
    theme: str = ""  # the chosen colour theme by name; "" = the app's default
    your_name: str | None = None  # signs emails; None: never asked, "": chose not to say
    rituals_planned_at: datetime | None = None  # rituals chosen on a calm day (or "not now")


@dataclass(frozen=True, slots=True)
class RejectionRecord:
    """One case in the casebook, with everything the flow and the case screen edit."""

    id: int
    application_id: int | None
    company: str
    role: str
    contact_name: str
    received_on: date
    stage_reached: Stage
    interview_rounds: int
    kind: RejectionKind
    kind_override_reason: str
    feelings: tuple[str, ...]
    feeling_note: str
    intensity_before: int | None
    intensity_after: int | None
    causes: tuple[str, ...]
    out_of_control: tuple[str, ...]
    lessons: str
    next_steps: str
    feedback_status: FeedbackStatus
    feedback_asked_on: date | None
    feedback_text: str
    flow_step: str
    version: int
    window_opens_at: datetime | None = None  # a wallow window scheduled for later (v7)
    window_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class RejectionRow:
    """One casebook row (the columns the table shows)."""

    id: int
    received_on: date
    company: str
    role: str
    kind: RejectionKind
    intensity_before: int | None
    intensity_after: int | None
    feedback_status: FeedbackStatus
    feedback_asked_on: date | None


@dataclass(frozen=True, slots=True)
class WallowRecord:
    """A wallow window: its stored deadline makes the countdown survive a restart."""

    id: int
    rejection_id: int
    started_at: datetime
    minutes: int
    ends_at: datetime
    ended_at: datetime | None
    ended_early: bool
    vent_text: str


@dataclass(frozen=True, slots=True)
class ScheduledWindow:
    """A wallow window planned for later ("at 18:00 today"): which case, when, how long."""

    rejection_id: int
    company: str
    opens_at: datetime
    minutes: int


@dataclass(frozen=True, slots=True)
class RitualRecord:
    """A pre-planned positive action."""

    id: int
    title: str
    position: int
    retired: bool


@dataclass(frozen=True, slots=True)
class WinCard:
    """A win as shown in a short list (after a ritual, on Today)."""

    id: int
    title: str
    impact: str
    category: WinCategory
    pinned: bool


@dataclass(frozen=True, slots=True)
class GoalToday:
    """A goal with its count on one day."""

    id: int
    title: str
    target: int
    unit: str
    rrule: str
    starts_on: date
    count: int
    rest: bool
    plans: tuple[GoalPlanRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class WinRow:
    """One win in the catalog: the columns the table and the detail pane show (no ORM objects).

    The story is included so moving through the list never waits for the database.
    """

    id: int
    title: str
    story: str
    category: WinCategory
    happened_on: date | None
    impact: str
    tags: tuple[str, ...]
    pinned: bool
    created_at: datetime
    search_fold: str


@dataclass(frozen=True, slots=True)
class WinDetail:
    """Everything about one win, with the version the edit form saves against."""

    id: int
    title: str
    story: str
    category: WinCategory
    happened_on: date | None
    impact: str
    tags: tuple[str, ...]
    pinned: bool
    last_shown_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class StrengthRecord:
    """Worth, not work: one skill, quality or value, in the person's own order."""

    id: int
    text: str
    kind: StrengthKind
    position: int


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """A question remembered from an interview round (`shaky`: it did not go well)."""

    id: int
    round_id: int
    text: str
    fold: str
    shaky: bool
    position: int


@dataclass(frozen=True, slots=True)
class RoundRecord:
    """One interview round of an application, with its questions in the order written."""

    id: int
    application_id: int
    held_on: date
    kind: RoundKind
    people: str
    felt: int | None
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int
    questions: tuple[QuestionRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """The answer bank's better answer to a question that keeps coming back."""

    id: int
    question: str
    fold: str
    answer: str
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class MaterialRecord:
    """One resume or cover-letter version, with its text as it was read."""

    id: int
    kind: MaterialKind
    label: str
    text: str
    file_name: str
    pages: int | None
    added_on: date
    created_at: datetime
    retired_at: datetime | None

    @property
    def retired(self) -> bool:
        """A retired version is kept (applications still point at it) but no longer current."""
        return self.retired_at is not None


@dataclass(frozen=True, slots=True)
class HelpActRecord:
    """One time the person helped someone else."""

    id: int
    kind: HelpKind
    who: str
    what: str
    happened_on: date


@dataclass(frozen=True, slots=True)
class HelpCounts:
    """How often the person helped: this calendar week (Monday first), this month, ever."""

    week: int
    month: int
    total: int


@dataclass(frozen=True, slots=True)
class GoalPlanRecord:
    """A goal's target and days from `starts_on` on, until its next plan starts."""

    goal_id: int
    starts_on: date
    target: int
    rrule: str


@dataclass(frozen=True, slots=True)
class GoalRecord:
    """A goal template: what, how much a day, which days (RRULE), counted by hand or by itself.

    `target` and `rrule` are today's; `plans` (oldest first) say what held on each past day.
    """

    id: int
    title: str
    target: int
    unit: str
    rrule: str
    auto_source: GoalSource | None
    position: int
    active: bool
    starts_on: date
    plans: tuple[GoalPlanRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class GoalDayRecord:
    """A goal's stored count on one calendar day, or a rest day."""

    goal_id: int
    day: date
    count: int
    rest: bool


@dataclass(frozen=True, slots=True)
class CheckInRecord:
    """One day's check-in: mood 1-5 (None until chosen), what I can control, a note."""

    id: int
    day: date
    mood: int | None
    control: str
    note: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class LatestRejection:
    """The newest "no" and how many applications went out after it was logged."""

    id: int
    company: str
    received_on: date
    sent_since: int


@dataclass(frozen=True, slots=True)
class FormDraftRecord:
    """A form's unsaved text: which form, the record it edits (None: a new one), the values."""

    id: int
    form: str
    target_id: int | None
    target_version: int | None
    values: dict[str, str | list[str]]
    saved_at: datetime
