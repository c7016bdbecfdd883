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


class WinCategory(StrEnum):
    """Kinds of entries in the confidence file."""

    LED = "led"
    SOLVED = "solved"
    OVERCAME = "overcame"
    PRAISE = "praise"
    SHIPPED = "shipped"
    LEARNED = "learned"


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


class HelpKind(StrEnum):
    """Ways of helping someone else."""

    INTRODUCTION = "introduction"
    MENTORING = "mentoring"
    REVIEW = "review"
    OTHER = "other"


class GoalSource(StrEnum):
    """Activities a goal can count by itself."""

    APPLICATIONS = "applications"  # applications moved to applied today
    FEEDBACK_ASKED = "feedback_asked"
    WINS = "wins"
    HELP = "help"


FEELING_WORDS = (
    "disappointed",
    "frustrated",
    "angry",
    "embarrassed",
    "anxious",
    "sad",
    "numb",
    "confused",
    "relieved",
    "determined",
)
