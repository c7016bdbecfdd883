"""The rejection detective: what kind of "no" it was, likely causes, and patterns across many."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bounceback.domain import PROGRESSION, RejectionKind, Stage

# Reaching any of these means the materials did their job and people talked to you.
_MID_STAGES = frozenset({Stage.SCREENING, Stage.INTERVIEWING})
# Reaching any of these means you were among the last few; an offer that was withdrawn or
# an acceptance that fell through is still a final-stage "no".
_FINAL_STAGES = frozenset({Stage.FINAL_ROUND, Stage.OFFER, Stage.ACCEPTED})
FINAL_AFTER_ROUNDS = 2
"""Interview rounds after which a "no" is a final-round (product-fit) case even when "final
round" was never set: several rounds mean the resume did its job, the conversations carried
you far, and the decision was about fit."""


def classify(stages_reached: Iterable[Stage], rounds: int = 0) -> RejectionKind:
    """Read the kind of "no" from every stage the application ever reached (order irrelevant)
    and how many interview rounds it had (two or more make it a final-round case)."""
    reached = set(stages_reached)
    if reached & _FINAL_STAGES or rounds >= FINAL_AFTER_ROUNDS:
        return RejectionKind.FINAL
    if reached & _MID_STAGES:
        return RejectionKind.MID
    # Saved, applied, ghosted, withdrawn, or nothing at all: nobody interviewed you yet.
    return RejectionKind.EARLY


def stage_reached(history: Sequence[Stage]) -> Stage:
    """The furthest happy-path stage reached before the (last) rejection, never below applied.

    Off-path stages (rejected, withdrawn, ghosted) say how it ended, not how far it got, so
    they are skipped. Anything after the last rejection belongs to a later attempt and is
    ignored. A "no" implies the application went out, so the floor is `applied` even for an
    empty or saved-only history (a rejection logged for an untracked job).
    """
    end = len(history)
    for i in range(len(history) - 1, -1, -1):
        if history[i] is Stage.REJECTED:
            end = i
            break
    furthest = PROGRESSION.index(Stage.APPLIED)
    for stage in history[:end]:
        if stage in PROGRESSION:
            furthest = max(furthest, PROGRESSION.index(stage))
    return PROGRESSION[furthest]


def interview_rounds(history: Sequence[Stage]) -> int:
    """How many interview rounds the history records (each `interviewing` event is one)."""
    # Same rule as ApplicationDetail.interview_rounds: the final round is told by the stage
    # reached, and a screening call is not an interview round.
    return sum(1 for stage in history if stage is Stage.INTERVIEWING)


@dataclass(frozen=True, slots=True)
class KindSummary:
    """How one kind of rejection reads, plain words first (every screen takes its words here).

    `label` is a few plain words for tables, filters and pickers; `title` the plain headline;
    `gloss` the recruiting jargon, shown after the plain words at most; `explanation` data,
    never a verdict on the person.
    """

    label: str
    title: str
    gloss: str
    explanation: str


KIND_SUMMARY: Mapping[RejectionKind, KindSummary] = {
    RejectionKind.EARLY: KindSummary(
        "resume not seen",
        "The resume didn't get you seen",
        "a marketing problem",
        "Nobody had talked to you yet, so this says nothing about you, only about how your "
        "resume and letter read to a filter and a busy recruiter. That part is fixable.",
    ),
    RejectionKind.MID: KindSummary(
        "talks didn't land",
        "The first conversations didn't carry you through",
        "a conversation problem",
        "Your materials opened the door; the first calls didn't carry you through. Look at how "
        "your story, examples and skills came across when you spoke.",
    ),
    RejectionKind.FINAL: KindSummary(
        "made the last few",
        "You made the last few; small things decided",
        "a product-fit problem",
        "You were one of the last few, so your materials and your story work. At this point "
        "small differences and things outside your hands decide, so look at the final "
        "interviews and ask for feedback.",
    ),
}


CHECK_BACK_DAYS = 90
"""When a door may reopen (budget, internal candidate, role paused): check back in 3 months."""


def door_open_causes(keys: Iterable[str]) -> list[Cause]:
    """The ticked causes that leave the door open, in checklist order."""
    chosen = set(keys)
    return [c for c in CAUSES_BY_KEY.values() if c.door_open and c.key in chosen]


def check_back_action(company: str, causes: Sequence[Cause]) -> str:
    """The next action a check-back writes: "Check back with Acme (budget cut or ...)"."""
    why = f" ({causes[0].label.lower()})" if causes else ""
    return f"Check back with {' '.join(company.split()) or 'them'}{why}"[:500]


def kind_label(kind: RejectionKind) -> str:
    """The few plain words for a kind ("resume not seen"), as tables and filters show it."""
    return KIND_SUMMARY[kind].label


def kind_headline(kind: RejectionKind) -> str:
    """The plain headline with the jargon as a gloss: "The resume didn't get you seen (a
    marketing problem)"."""
    summary = KIND_SUMMARY[kind]
    return f"{summary.title} ({summary.gloss})"


@dataclass(frozen=True, slots=True)
class Cause:
    """One suspected cause on the detective's checklist; `key` is stored, never renamed."""

    key: str
    label: str
    fix: str
    out_of_control: bool = False
    door_open: bool = False  # outside your control, and it may reopen: worth a check-back


_EARLY_CAUSES = (
    Cause(
        "ats_parsing",
        "The resume may not have survived the applicant tracking system",
        "Keep a plain one-column version (no tables, text boxes or header/footer text) and "
        "check that it pastes cleanly into a plain text editor.",
    ),
    Cause(
        "keywords_missing",
        "Keywords from the job description are missing",
        "List the skills and tools the posting names and use its exact words wherever they "
        "are true of you.",
    ),
    Cause(
        "not_tailored",
        "The application was generic rather than written for this role",
        "Rewrite the summary and the first bullets of each job for every role you really want.",
    ),
    Cause(
        "duties_not_results",
        "Bullets list duties instead of results",
        "Turn each bullet into what changed because of you, with a number: time saved, "
        "revenue, users, error rate.",
    ),
    Cause(
        "applied_late",
        "Applied late: the role may already have been filled",
        "Set alerts for the companies you like and apply within a few days of a posting.",
        out_of_control=True,
    ),
    Cause(
        "high_volume",
        "The posting drew a very large number of applicants",
        "Pair cold applications with a referral or a short note to the hiring manager.",
        out_of_control=True,
    ),
)

_MID_CAUSES = (
    Cause(
        "story_not_landing",
        "Your story didn't land in the screening call",
        'Prepare a one-minute answer to "tell me about yourself" that ends on why this '
        "role, and say it out loud until it sounds like you.",
    ),
    Cause(
        "salary_mismatch",
        "Salary expectations didn't match",
        "Look up the pay band before the call and give a range based on market data, or ask "
        "for their range first.",
    ),
    Cause(
        "skills_gap",
        "A skills gap showed in the technical round",
        "Write down the questions that stumped you today and practise that topic before the "
        "next interview.",
    ),
    Cause(
        "examples_vague",
        "Examples lacked detail or numbers",
        "Prepare five stories as situation, action and result, each ending on something "
        "measurable.",
    ),
    Cause(
        "research_thin",
        "Little knowledge of the company came across",
        "Spend twenty minutes on their product, recent news and your interviewer, and bring "
        "two specific questions.",
    ),
    Cause(
        "role_changed",
        "The role changed, was paused or went to a narrower profile",
        "Ask to be considered if it reopens, and move on to the next application.",
        out_of_control=True, door_open=True,
    ),
)

_FINAL_CAUSES = (
    Cause(
        "interview_answers",
        "Some answers in the final interviews were weaker",
        "Write down every question you remember while it is fresh and redraft your answers "
        "to the two weakest.",
    ),
    Cause(
        "team_chemistry",
        "The rapport with the team didn't click",
        "Ask each interviewer how the team works and link your answers to it; part of "
        "chemistry is luck, so don't contort yourself.",
    ),
    Cause(
        "did_not_close",
        "Your interest and fit weren't said plainly at the end",
        "Close each final interview by saying you want the job and why you fit, in two sentences.",
    ),
    Cause(
        "internal_candidate",
        "An internal candidate got the role",
        "Nothing to fix here. Stay in touch with the hiring manager: they know you can do it.",
        out_of_control=True, door_open=True,
    ),
    Cause(
        "budget_cut",
        "Budget cut or headcount freeze",
        "Nothing to fix here. Check back in a few months; frozen roles often reopen.",
        out_of_control=True, door_open=True,
    ),
    Cause(
        "more_domain_experience",
        "Another candidate had more experience in their domain",
        "If this keeps happening, aim at roles closer to your domain, or build a small "
        "project in theirs.",
        out_of_control=True,
    ),
)

_CAUSES: Mapping[RejectionKind, tuple[Cause, ...]] = {
    RejectionKind.EARLY: _EARLY_CAUSES,
    RejectionKind.MID: _MID_CAUSES,
    RejectionKind.FINAL: _FINAL_CAUSES,
}
# Every key across all kinds, for showing stored keys even after the kind was overridden.
CAUSES_BY_KEY: Mapping[str, Cause] = {c.key: c for cs in _CAUSES.values() for c in cs}


def causes_for(kind: RejectionKind) -> tuple[Cause, ...]:
    """The checklist of likely causes for one kind of rejection, controllable ones first."""
    return _CAUSES[kind]


@dataclass(frozen=True, slots=True)
class Pattern:
    """What the recent rejections say together: counts per kind and one plain message."""

    total: int
    counts: Mapping[RejectionKind, int]
    dominant: RejectionKind | None
    message: str


def pattern(kinds: Sequence[RejectionKind], *, window: int = 8, minimum: int = 4) -> Pattern | None:
    """The pattern over the newest `window` rejections (input newest first), None below `minimum`.

    A kind dominates only with a strict majority (more than half); exactly half is mixed.
    """
    if window < 1 or minimum < 1:
        raise ValueError("window and minimum must be at least 1")
    recent = list(kinds[:window])
    total = len(recent)
    # A handful of data points is noise; saying "a pattern" about it would be a verdict.
    if total < minimum:
        return None
    tally = Counter(recent)
    counts = {kind: tally.get(kind, 0) for kind in RejectionKind}
    dominant = next((k for k, n in counts.items() if n * 2 > total), None)
    if dominant is None:
        message = _mixed_message(counts, total)
    else:
        message = _DOMINANT_MESSAGES[dominant].format(n=counts[dominant], total=total)
    return Pattern(total=total, counts=counts, dominant=dominant, message=message)


# Only our own numbers are formatted into these, never user text.
_DOMINANT_MESSAGES = {
    RejectionKind.EARLY: (
        "{n} of the last {total} ended before any interview: the application materials are "
        "the bottleneck. Work on the resume and keywords first."
    ),
    RejectionKind.MID: (
        "{n} of the last {total} ended at screening or early interviews: the materials work. "
        "Practise how your story and examples come across when you speak."
    ),
    RejectionKind.FINAL: (
        "{n} of the last {total} reached the final round: you are getting close. Review the "
        "final interviews and ask for feedback, and remember that some finals are decided "
        "by luck."
    ),
}


def _mixed_message(counts: Mapping[RejectionKind, int], total: int) -> str:
    return (
        f"No single stage stands out in the last {total}: "
        f"{counts[RejectionKind.EARLY]} before an interview, "
        f"{counts[RejectionKind.MID]} at screening or interviews, "
        f"{counts[RejectionKind.FINAL]} at the final round. Keep logging; a pattern may show."
    )


def judge(history: Sequence[Stage]) -> tuple[Stage, int, RejectionKind]:
    """Everything the casebook records from a history: stage reached, rounds, kind."""
    rounds = interview_rounds(history)
    return stage_reached(history), rounds, classify(history, rounds)
