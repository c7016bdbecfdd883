"""Enums and small value types shared by every layer (no I/O, no Textual, no database)."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where an application stands; stored by value."""

    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def label(self) -> str:
        """Human label for tables and pickers."""
        return STAGE_LABELS[self]

    @property
    def is_closed(self) -> bool:
        """Closed stages are out of the active pipeline (ghosted can be reopened)."""
        return self in CLOSED_STAGES

    @property
    def next(self) -> Stage | None:
        """The next stage on the happy path, or None at its end or off it."""
        if self not in PROGRESSION:
            return None
        i = PROGRESSION.index(self)
        return PROGRESSION[i + 1] if i + 1 < len(PROGRESSION) else None


STAGE_LABELS = {
    Stage.SAVED: "saved",
    Stage.APPLIED: "applied",
    Stage.SCREENING: "screening",
    Stage.INTERVIEWING: "interviewing",
    Stage.FINAL_ROUND: "final round",
    Stage.OFFER: "offer",
    Stage.ACCEPTED: "accepted",
    Stage.REJECTED: "rejected",
    Stage.WITHDRAWN: "withdrawn",
    Stage.GHOSTED: "ghosted",
}

# The happy path `]` walks along; the other stages are reached with the picker or `r`.
PROGRESSION = (
    Stage.SAVED,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEWING,
    Stage.FINAL_ROUND,
    Stage.OFFER,
    Stage.ACCEPTED,
)
CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED})
# Stages where the company owes the next move: these go stale and can look ghosted.
WAITING_STAGES = frozenset(
    {Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER}
)


class StageView(StrEnum):
    """The Pipeline's stage filter."""

    ACTIVE = "active"
    ALL = "all"
    CLOSED = "closed"


class RejectionKind(StrEnum):
    """What kind of "no" it was, read from how far the application got."""

    EARLY = "early"  # no interview: a marketing problem (the materials)
    MID = "mid"  # screening or interviews
    FINAL = "final"  # final round: a product-fit problem (the live performance, or luck)


class FeedbackStatus(StrEnum):
    """Where the one polite feedback request stands."""

    NOT_ASKED = "not_asked"
    ASKED = "asked"
    RECEIVED = "received"
    NO_REPLY = "no_reply"
    LET_GO = "let_go"

    @property
    def label(self) -> str:
        """Human label for tables, filters and pickers."""
        return FEEDBACK_STATUS_LABELS[self]


FEEDBACK_STATUS_LABELS = {
    FeedbackStatus.NOT_ASKED: "not asked",
    FeedbackStatus.ASKED: "asked",
    FeedbackStatus.RECEIVED: "received",
    FeedbackStatus.NO_REPLY: "no reply",
    FeedbackStatus.LET_GO: "let go",
}


class WinCategory(StrEnum):
    """Kinds of entries in the confidence file."""

    LED = "led"
    SOLVED = "solved"
    OVERCAME = "overcame"
    PRAISE = "praise"
    SHIPPED = "shipped"
    LEARNED = "learned"

    @property
    def label(self) -> str:
        """Human label for the catalog, pickers and exports ("led a project")."""
        return WIN_CATEGORY_LABELS[self]


WIN_CATEGORY_LABELS = {
    WinCategory.LED: "led a project",
    WinCategory.SOLVED: "solved a problem",
    WinCategory.OVERCAME: "overcame a challenge",
    WinCategory.PRAISE: "praise received",
    WinCategory.SHIPPED: "shipped",
    WinCategory.LEARNED: "learned",
}


class StrengthKind(StrEnum):
    """Worth, not work: what no job title grants."""

    SKILL = "skill"
    QUALITY = "quality"
    VALUE = "value"

    @property
    def label(self) -> str:
        """The kind in a sentence ("+ add a quality")."""
        return STRENGTH_KIND_LABELS[self]

    @property
    def heading(self) -> str:
        """The kind as a heading over its group ("Qualities")."""
        return STRENGTH_KIND_HEADINGS[self]


STRENGTH_KIND_LABELS = {
    StrengthKind.SKILL: "skill",
    StrengthKind.QUALITY: "quality",
    StrengthKind.VALUE: "value",
}
STRENGTH_KIND_HEADINGS = {
    StrengthKind.SKILL: "Skills",
    StrengthKind.QUALITY: "Qualities",
    StrengthKind.VALUE: "Values",
}


class RoundKind(StrEnum):
    """What kind of interview round it was."""

    PHONE = "phone"
    TECHNICAL = "technical"
    PANEL = "panel"
    TAKE_HOME = "take_home"
    FINAL = "final"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human label ("take-home")."""
        return ROUND_KIND_LABELS[self]


ROUND_KIND_LABELS = {
    RoundKind.PHONE: "phone",
    RoundKind.TECHNICAL: "technical",
    RoundKind.PANEL: "panel",
    RoundKind.TAKE_HOME: "take-home",
    RoundKind.FINAL: "final",
    RoundKind.OTHER: "other",
}


class MaterialKind(StrEnum):
    """What a stored document is: a resume or a cover letter."""

    RESUME = "resume"
    COVER_LETTER = "cover_letter"

    @property
    def label(self) -> str:
        """Human label ("cover letter")."""
        return MATERIAL_KIND_LABELS[self]


MATERIAL_KIND_LABELS = {
    MaterialKind.RESUME: "resume",
    MaterialKind.COVER_LETTER: "cover letter",
}


class HelpKind(StrEnum):
    """Ways of helping someone else."""

    INTRODUCTION = "introduction"
    MENTORING = "mentoring"
    REVIEW = "review"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human label for the picker ("an introduction")."""
        return HELP_KIND_LABELS[self]


HELP_KIND_LABELS = {
    HelpKind.INTRODUCTION: "an introduction",
    HelpKind.MENTORING: "mentoring",
    HelpKind.REVIEW: "a review (resume, code, portfolio…)",
    HelpKind.OTHER: "something else",
}


class GoalSource(StrEnum):
    """Activities a goal can count by itself."""

    APPLICATIONS = "applications"  # applications moved to applied today
    FEEDBACK_ASKED = "feedback_asked"
    WINS = "wins"
    HELP = "help"

    @property
    def label(self) -> str:
        """What an automatic goal counts, in a few words ("wins written down")."""
        return GOAL_SOURCE_LABELS[self]


GOAL_SOURCE_LABELS = {
    GoalSource.APPLICATIONS: "applications sent",
    GoalSource.FEEDBACK_ASKED: "feedback requests sent",
    GoalSource.WINS: "wins written down",
    GoalSource.HELP: "help given",
}


class BounceStep(StrEnum):
    """A step of the bounce-back flow, in order; a case stores the step it paused at by value,
    and `done` once the last step was reached (the flow's navigation: `screens/bounce/flow.py`)."""

    ACKNOWLEDGE = "acknowledge"
    WALLOW = "wallow"
    RITUAL = "ritual"
    DETECTIVE = "detective"
    FEEDBACK = "feedback"
    MOVING = "moving"
    DONE = "done"

    @property
    def label(self) -> str:
        """The step's title, as the step bar and Today name it ("Wallow window")."""
        return BOUNCE_STEP_LABELS[self]


BOUNCE_STEP_LABELS = {
    BounceStep.ACKNOWLEDGE: "Acknowledge",
    BounceStep.WALLOW: "Wallow window",
    BounceStep.RITUAL: "Ritual",
    BounceStep.DETECTIVE: "Detective",
    BounceStep.FEEDBACK: "Feedback",
    BounceStep.MOVING: "Keep moving",
    BounceStep.DONE: "Done",
}
# The steps a person walks through, in order (the step bar's six); DONE is where a case rests.
BOUNCE_STEPS = tuple(step for step in BounceStep if step is not BounceStep.DONE)


FEELING_WORDS = (
    "disappointed",
    "frustrated",
    "angry",
    "embarrassed",
    "anxious",
    "sad",
    "numb",
    "confused",
    "defeated",
    "doubting myself",
    "relieved",
    "determined",
)
