"""SQLModel tables: every table of DESIGN.md "Data". Imported only after the first frame."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.mutable import MutableList
from sqlmodel import Field, SQLModel

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


def _enum(kind: type[Enum], nullable: bool = False) -> sa.Column:
    """An enum stored as its value in a VARCHAR (portable to PostgreSQL, readable in SQL)."""
    return sa.Column(
        sa.Enum(
            kind,
            native_enum=False,
            create_constraint=False,
            length=24,
            values_callable=lambda e: [m.value for m in e],
        ),
        nullable=nullable,
    )


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware UTC in, aware UTC out; SQLite keeps no zone, so naive input is refused."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """Store as naive UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """Read back as aware UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


def _when(nullable: bool = False, index: bool = False) -> sa.Column:
    """An aware UTC timestamp."""
    return sa.Column(UTCDateTime(), nullable=nullable, index=index)


def _text(nullable: bool = False) -> sa.Column:
    """Long free text."""
    return sa.Column(sa.Text, nullable=nullable, server_default="" if not nullable else None)


def _json_list() -> sa.Column:
    """A JSON list whose in-place edits are saved."""
    return sa.Column(MutableList.as_mutable(sa.JSON), nullable=False, server_default="[]")


def _str(length: int, default: str | None = "") -> sa.Column:
    """A bounded single-line string, NOT NULL (with a server default unless None)."""
    return sa.Column(sa.String(length), nullable=False, server_default=default)


def _int(default: str) -> sa.Column:
    """A NOT NULL integer with a server default."""
    return sa.Column(sa.Integer, nullable=False, server_default=default)


def _bool(default: bool) -> sa.Column:
    """A NOT NULL boolean with a server default."""
    server = sa.true() if default else sa.false()
    return sa.Column(sa.Boolean, nullable=False, server_default=server)


def _date(nullable: bool = False) -> sa.Column:
    """A calendar day."""
    return sa.Column(sa.Date, nullable=nullable)


def _fk(target: str, ondelete: str, nullable: bool) -> sa.Column:
    return sa.Column(
        sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
    )


# The optimistic-lock columns must be Column objects for version_id_col (a string fails late).
_application_version = sa.Column("version", sa.Integer, nullable=False, server_default="1")
_rejection_version = sa.Column("version", sa.Integer, nullable=False, server_default="1")
_win_version = sa.Column("version", sa.Integer, nullable=False, server_default="1")
_round_version = sa.Column("version", sa.Integer, nullable=False, server_default="1")
_answer_version = sa.Column("version", sa.Integer, nullable=False, server_default="1")


class SchemaVersion(SQLModel, table=True):
    """One row: the schema version, written in the same transaction as the migration steps."""

    __tablename__ = "schema_version"
    id: int = Field(default=1, primary_key=True)
    version: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))


class Application(SQLModel, table=True):
    """A job applied to (or saved to apply to)."""

    __tablename__ = "application"
    id: int | None = Field(default=None, primary_key=True)
    company: str = Field(sa_column=_str(200, default=None))
    role: str = Field(sa_column=_str(200, default=None))
    # Casefolded company/role/notes so filtering ignores case and accents' case forms.
    search_fold: str = Field(sa_column=_text())
    location: str = Field(default="", sa_column=_str(200))
    url: str = Field(default="", sa_column=_str(2000))
    source: str = Field(default="", sa_column=_str(100))
    stage: Stage = Field(sa_column=_enum(Stage))
    applied_on: date | None = Field(default=None, sa_column=_date(nullable=True))
    contact_name: str = Field(default="", sa_column=_str(200))
    contact_email: str = Field(default="", sa_column=_str(320))
    description: str = Field(default="", sa_column=_text())
    notes: str = Field(default="", sa_column=_text())
    next_action: str = Field(default="", sa_column=_str(500))
    next_action_on: date | None = Field(default=None, sa_column=_date(nullable=True))
    last_activity_at: datetime = Field(sa_column=_when(index=True))
    created_at: datetime = Field(sa_column=_when())
    updated_at: datetime = Field(sa_column=_when())
    deleted_at: datetime | None = Field(default=None, sa_column=_when(nullable=True, index=True))
    version: int = Field(default=1, sa_column=_application_version)
    # v6: the resume version that went out with it (the current one on the day it was sent)
    resume_id: int | None = Field(
        default=None, sa_column=_fk("material.id", "SET NULL", nullable=True))
    # v6: the job description's key terms, computed above the store when the description is
    # saved (the store holds no judgement); keyed by a digest of what it was computed from
    job_profile: dict[str, Any] | None = Field(
        default=None, sa_column=sa.Column(sa.JSON, nullable=True))

    __mapper_args__ = {"version_id_col": _application_version}


class Material(SQLModel, table=True):
    """One version of the person's resume or cover letter: its text as it was read (v6)."""

    __tablename__ = "material"
    id: int | None = Field(default=None, primary_key=True)
    kind: MaterialKind = Field(sa_column=_enum(MaterialKind))
    label: str = Field(sa_column=_str(200, default=None))
    text: str = Field(sa_column=_text())
    file_name: str = Field(default="", sa_column=_str(255))
    pages: int | None = Field(default=None, sa_column=sa.Column(sa.Integer, nullable=True))
    added_on: date = Field(sa_column=_date())
    created_at: datetime = Field(sa_column=_when())
    retired_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))


class StageEvent(SQLModel, table=True):
    """Append-only stage history: how far it got survives a rejection."""

    __tablename__ = "stage_event"
    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(sa_column=_fk("application.id", "CASCADE", nullable=False))
    stage: Stage = Field(sa_column=_enum(Stage))
    at: datetime = Field(sa_column=_when())
    note: str = Field(default="", sa_column=_text())
    # v3: the local day `at` fell on when it happened (a later change of zone keeps it there);
    # None only for rows imported without one: read as `at` in the current zone
    local_day: date | None = Field(default=None, sa_column=sa.Column(sa.Date, index=True))


class Rejection(SQLModel, table=True):
    """A "no", tracked or not, with the feelings, the diagnosis and the feedback request."""

    __tablename__ = "rejection"
    id: int | None = Field(default=None, primary_key=True)
    application_id: int | None = Field(
        default=None, sa_column=_fk("application.id", "SET NULL", nullable=True)
    )
    company: str = Field(sa_column=_str(200, default=None))
    role: str = Field(default="", sa_column=_str(200))
    received_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False, index=True))
    stage_reached: Stage = Field(sa_column=_enum(Stage))
    interview_rounds: int = Field(default=0, sa_column=_int("0"))
    kind: RejectionKind = Field(sa_column=_enum(RejectionKind))
    kind_override_reason: str = Field(default="", sa_column=_text())
    feelings: list[str] = Field(default_factory=list, sa_column=_json_list())
    feeling_note: str = Field(default="", sa_column=_text())
    intensity_before: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))
    intensity_after: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))
    causes: list[str] = Field(default_factory=list, sa_column=_json_list())
    out_of_control: list[str] = Field(default_factory=list, sa_column=_json_list())
    lessons: str = Field(default="", sa_column=_text())
    next_steps: str = Field(default="", sa_column=_text())
    feedback_status: FeedbackStatus = Field(
        default=FeedbackStatus.NOT_ASKED, sa_column=_enum(FeedbackStatus)
    )
    feedback_asked_on: date | None = Field(default=None, sa_column=_date(nullable=True))
    feedback_text: str = Field(default="", sa_column=_text())
    flow_step: str = Field(default="acknowledge", sa_column=_str(24, default="acknowledge"))
    created_at: datetime = Field(sa_column=_when())
    updated_at: datetime = Field(sa_column=_when())
    version: int = Field(default=1, sa_column=_rejection_version)
    # v2: appended columns (SQLite adds them at the end of the table)
    deleted_at: datetime | None = Field(default=None, sa_column=_when(nullable=True, index=True))
    imported: bool = Field(default=False, sa_column=_bool(False))
    # v7: a wallow window scheduled for later ("at 18:00 today"), and its length
    window_opens_at: datetime | None = Field(
        default=None, sa_column=_when(nullable=True, index=True))
    window_minutes: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))

    __mapper_args__ = {"version_id_col": _rejection_version}


class WallowWindow(SQLModel, table=True):
    """A bounded time to feel it; the deadline is stored so a restart resumes the countdown."""

    __tablename__ = "wallow_window"
    id: int | None = Field(default=None, primary_key=True)
    rejection_id: int = Field(sa_column=_fk("rejection.id", "CASCADE", nullable=False))
    started_at: datetime = Field(sa_column=_when())
    minutes: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    ends_at: datetime = Field(sa_column=_when())
    ended_at: datetime | None = Field(default=None, sa_column=_when(nullable=True, index=True))
    ended_early: bool = Field(default=False, sa_column=_bool(False))
    vent_text: str = Field(default="", sa_column=_text())


class Ritual(SQLModel, table=True):
    """A pre-planned positive action for right after bad news."""

    __tablename__ = "ritual"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=_str(200, default=None))
    position: int = Field(default=0, sa_column=_int("0"))
    retired: bool = Field(default=False, sa_column=_bool(False))
    created_at: datetime = Field(sa_column=_when())


class RitualDone(SQLModel, table=True):
    """A ritual done, for which rejection, when."""

    __tablename__ = "ritual_done"
    id: int | None = Field(default=None, primary_key=True)
    ritual_id: int = Field(sa_column=_fk("ritual.id", "CASCADE", nullable=False))
    rejection_id: int | None = Field(
        default=None, sa_column=_fk("rejection.id", "SET NULL", nullable=True)
    )
    done_at: datetime = Field(sa_column=_when())


class Win(SQLModel, table=True):
    """An entry in the confidence file."""

    __tablename__ = "win"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=_str(200, default=None))
    story: str = Field(default="", sa_column=_text())
    category: WinCategory = Field(sa_column=_enum(WinCategory))
    happened_on: date | None = Field(default=None, sa_column=_date(nullable=True))
    impact: str = Field(default="", sa_column=_str(500))
    tags: list[str] = Field(default_factory=list, sa_column=_json_list())
    search_fold: str = Field(default="", sa_column=_text())
    pinned: bool = Field(default=False, sa_column=_bool(False))
    last_shown_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    created_at: datetime = Field(sa_column=_when())
    updated_at: datetime = Field(sa_column=_when())
    deleted_at: datetime | None = Field(default=None, sa_column=_when(nullable=True, index=True))
    version: int = Field(default=1, sa_column=_win_version)
    # v3: the local day it was written down (`created_at` then), as for StageEvent.local_day
    local_day: date | None = Field(default=None, sa_column=sa.Column(sa.Date))

    __mapper_args__ = {"version_id_col": _win_version}


class Strength(SQLModel, table=True):
    """Worth, not work: a skill, quality or value no job title grants."""

    __tablename__ = "strength"
    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=_str(300, default=None))
    kind: StrengthKind = Field(sa_column=_enum(StrengthKind))
    position: int = Field(default=0, sa_column=_int("0"))
    last_shown_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    created_at: datetime = Field(sa_column=_when())


class HelpAct(SQLModel, table=True):
    """Helping someone else: who, what, when."""

    __tablename__ = "help_act"
    id: int | None = Field(default=None, primary_key=True)
    kind: HelpKind = Field(sa_column=_enum(HelpKind))
    who: str = Field(sa_column=_str(200, default=None))
    what: str = Field(default="", sa_column=_text())
    happened_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False, index=True))
    created_at: datetime = Field(sa_column=_when())


class Goal(SQLModel, table=True):
    """A small daily goal; `rrule` says which days it applies (dateutil RRULE text)."""

    __tablename__ = "goal"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=_str(200, default=None))
    target: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    unit: str = Field(default="", sa_column=_str(50))
    rrule: str = Field(sa_column=_str(500, default=None))
    auto_source: GoalSource | None = Field(default=None, sa_column=_enum(GoalSource, nullable=True))
    position: int = Field(default=0, sa_column=_int("0"))
    active: bool = Field(default=True, sa_column=_bool(True))
    starts_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False))
    created_at: datetime = Field(sa_column=_when())


class GoalDay(SQLModel, table=True):
    """A goal's count on one calendar day, or a rest day."""

    __tablename__ = "goal_day"
    __table_args__ = (sa.UniqueConstraint("goal_id", "day", name="uq_goal_day"),)
    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(sa_column=_fk("goal.id", "CASCADE", nullable=False))
    day: date = Field(sa_column=sa.Column(sa.Date, nullable=False))
    count: int = Field(default=0, sa_column=_int("0"))
    rest: bool = Field(default=False, sa_column=_bool(False))


class GoalPlan(SQLModel, table=True):
    """A goal's target and days from `starts_on` on: past days are judged by their own plan."""

    __tablename__ = "goal_plan"
    __table_args__ = (sa.UniqueConstraint("goal_id", "starts_on", name="uq_goal_plan"),)
    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(sa_column=_fk("goal.id", "CASCADE", nullable=False))
    starts_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False))
    target: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    rrule: str = Field(sa_column=_str(500, default=None))


class CheckIn(SQLModel, table=True):
    """The daily check-in: one per calendar day."""

    __tablename__ = "check_in"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(sa_column=sa.Column(sa.Date, nullable=False, unique=True))
    mood: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))
    control: str = Field(default="", sa_column=_str(500))
    note: str = Field(default="", sa_column=_text())
    created_at: datetime = Field(sa_column=_when())
    updated_at: datetime = Field(sa_column=_when())


class Setting(SQLModel, table=True):
    """One row of preferences with the playbook's defaults."""

    __tablename__ = "setting"
    id: int = Field(default=1, primary_key=True)
    wallow_minutes: int = Field(default=15, sa_column=_int("15"))
    stale_days: int = Field(default=14, sa_column=_int("14"))
    ghost_days: int = Field(default=21, sa_column=_int("21"))
    follow_up_days: int = Field(default=7, sa_column=_int("7"))
    min_active: int = Field(default=5, sa_column=_int("5"))
    feedback_let_go_days: int = Field(default=14, sa_column=_int("14"))
    theme: str = Field(default="", sa_column=_str(40))  # v2; "" = the built-in default
    # v7: the name emails are signed with (None: never asked; "": chose not to give one)
    your_name: str | None = Field(default=None, sa_column=sa.Column(sa.String(200)))
    # v7: when the person planned their rituals on a calm day (or said not now)
    rituals_planned_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))


class InterviewRound(SQLModel, table=True):
    """One interview round of an application, written after it (v7)."""

    __tablename__ = "interview_round"
    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(sa_column=_fk("application.id", "CASCADE", nullable=False))
    held_on: date = Field(sa_column=sa.Column(sa.Date, nullable=False, index=True))
    kind: RoundKind = Field(sa_column=_enum(RoundKind))
    people: str = Field(default="", sa_column=_str(500))
    felt: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))
    notes: str = Field(default="", sa_column=_text())
    created_at: datetime = Field(sa_column=_when())
    updated_at: datetime = Field(sa_column=_when())
    version: int = Field(default=1, sa_column=_round_version)

    __mapper_args__ = {"version_id_col": _round_version}


class InterviewQuestion(SQLModel, table=True):
    """A question remembered from a round; `fold` finds the same question asked again (v7)."""

    __tablename__ = "interview_question"
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(sa_column=_fk("interview_round.id", "CASCADE", nullable=False))
    text: str = Field(sa_column=_str(1000, default=None))
    fold: str = Field(default="", sa_column=sa.Column(sa.String(1000), nullable=False,
                                                       server_default="", index=True))
    shaky: bool = Field(default=False, sa_column=_bool(False))
    position: int = Field(default=0, sa_column=_int("0"))


class Answer(SQLModel, table=True):
    """The answer bank: a better answer to a question that keeps coming back (v7)."""

    __tablename__ = "answer"
    __table_args__ = (sa.UniqueConstraint("fold", name="uq_answer_fold"),)
    id: int | None = Field(default=None, primary_key=True)
    question: str = Field(sa_column=_str(1000, default=None))
    fold: str = Field(sa_column=_str(1000, default=None))
    answer: str = Field(default="", sa_column=_text())
    created_at: datetime = Field(sa_column=_when())
    updated_at: datetime = Field(sa_column=_when())
    version: int = Field(default=1, sa_column=_answer_version)

    __mapper_args__ = {"version_id_col": _answer_version}


class FormDraft(SQLModel, table=True):
    """What was typed into a form and not saved yet (v4): offered back after a kill or crash."""

    __tablename__ = "form_draft"
    id: int | None = Field(default=None, primary_key=True)
    form: str = Field(sa_column=_str(24, default=None))
    target_id: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))
    target_version: int | None = Field(default=None, sa_column=sa.Column(sa.Integer))
    field_values: dict[str, str | list[str]] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False, server_default="{}")
    )
    saved_at: datetime = Field(sa_column=_when())


class StoreGeneration(SQLModel, table=True):
    """One row: a random token for the database's contents, new after every restore (v4)."""

    __tablename__ = "store_generation"
    id: int = Field(default=1, primary_key=True)
    token: str = Field(sa_column=sa.Column(sa.String(32), nullable=False))


BOOKKEEPING_TABLES = ("schema_version", "store_generation")
"""Tables about the file, not the person's data: never exported, imported or counted as data."""


def metadata() -> sa.MetaData:
    """The declared schema, for the migration test and create-free fresh databases."""
    return SQLModel.metadata
