"""The demo's plan: which applications to invent, how far each got, and how its stages unfold.

`build.py` turns this plan into rows. The forty default applications are chosen so every screen
has something to show (follow-ups overdue, due and ahead, stale and ghosted rows, every kind
of rejection); `path` and `gap` give each one a believable history.
"""

from __future__ import annotations

from dataclasses import dataclass

from bounceback.domain import PROGRESSION, FeedbackStatus, Stage


@dataclass(frozen=True, slots=True)
class Spec:
    """One application to invent: where it is now and how far it got before that."""

    stage: Stage
    reached: Stage  # the furthest open stage (== stage unless closed)
    rounds: int = 0  # interviewing events in the history
    last_ago: int = 0  # days between the last event and today
    due: int | None = None  # next action in days from today (None: none; applied: +7 days)
    feedback: FeedbackStatus | None = None  # rejected only
    role: str = ""  # override the drawn role


S = Stage
F = FeedbackStatus
# Forty applications. Ages are chosen so the Pipeline shows follow-ups overdue, due today and
# ahead, four stale rows (>14 days quiet) and two that look ghosted (>21 days); 6 of the last 8
# rejections ended before any interview, so the Detective's pattern has something to say.
DEFAULT_PLAN: tuple[Spec, ...] = (
    Spec(S.SAVED, S.SAVED, last_ago=0, due=1),
    Spec(S.SAVED, S.SAVED, last_ago=1, due=0),
    Spec(S.SAVED, S.SAVED, last_ago=3, due=2),
    Spec(S.SAVED, S.SAVED, last_ago=6, due=-1),
    Spec(S.APPLIED, S.APPLIED, last_ago=2, due=5),
    Spec(S.APPLIED, S.APPLIED, last_ago=5, due=2),
    Spec(S.APPLIED, S.APPLIED, last_ago=7, due=0),
    Spec(S.APPLIED, S.APPLIED, last_ago=8, due=-1),
    Spec(S.APPLIED, S.APPLIED, last_ago=10, due=-3),
    Spec(S.APPLIED, S.APPLIED, last_ago=16, due=-9),
    Spec(S.APPLIED, S.APPLIED, last_ago=18, due=-4),
    Spec(S.APPLIED, S.APPLIED, last_ago=24, due=-2),
    Spec(S.APPLIED, S.APPLIED, last_ago=29, due=0),
    Spec(S.SCREENING, S.SCREENING, last_ago=1, due=2),
    Spec(S.SCREENING, S.SCREENING, last_ago=4, due=0),
    Spec(S.SCREENING, S.SCREENING, last_ago=17, due=-3),
    Spec(S.INTERVIEWING, S.INTERVIEWING, rounds=1, last_ago=1, due=2),
    Spec(S.INTERVIEWING, S.INTERVIEWING, rounds=2, last_ago=3, due=1),
    Spec(S.INTERVIEWING, S.INTERVIEWING, rounds=3, last_ago=6, due=-1),
    Spec(S.INTERVIEWING, S.INTERVIEWING, rounds=2, last_ago=15, due=-2),
    Spec(S.FINAL_ROUND, S.FINAL_ROUND, rounds=2, last_ago=2, due=3),
    Spec(S.FINAL_ROUND, S.FINAL_ROUND, rounds=1, last_ago=5, due=0),
    Spec(S.OFFER, S.OFFER, rounds=2, last_ago=1, due=4),
    # A short bridge contract taken while the search goes on: the search is not over.
    Spec(S.ACCEPTED, S.ACCEPTED, rounds=1, last_ago=20,
          role="Contract Product Engineer (8 weeks, part-time)"),
    Spec(S.REJECTED, S.APPLIED, last_ago=2, feedback=F.ASKED),
    Spec(S.REJECTED, S.APPLIED, last_ago=5, feedback=F.NOT_ASKED),
    Spec(S.REJECTED, S.FINAL_ROUND, rounds=2, last_ago=9, feedback=F.ASKED),
    Spec(S.REJECTED, S.APPLIED, last_ago=12, feedback=F.NOT_ASKED),
    Spec(S.REJECTED, S.APPLIED, last_ago=16, feedback=F.NO_REPLY),
    Spec(S.REJECTED, S.INTERVIEWING, rounds=2, last_ago=19, feedback=F.LET_GO),
    Spec(S.REJECTED, S.APPLIED, last_ago=23, feedback=F.LET_GO),
    Spec(S.REJECTED, S.APPLIED, last_ago=27, feedback=F.RECEIVED),
    Spec(S.REJECTED, S.FINAL_ROUND, rounds=1, last_ago=30, feedback=F.RECEIVED),
    Spec(S.REJECTED, S.SCREENING, last_ago=38, feedback=F.RECEIVED),
    Spec(S.REJECTED, S.APPLIED, last_ago=45, feedback=F.NOT_ASKED),
    Spec(S.WITHDRAWN, S.SCREENING, last_ago=11),
    Spec(S.WITHDRAWN, S.INTERVIEWING, rounds=1, last_ago=26),
    Spec(S.GHOSTED, S.APPLIED, last_ago=6),
    Spec(S.GHOSTED, S.APPLIED, last_ago=13),
    Spec(S.GHOSTED, S.SCREENING, last_ago=20),
)
# The rejection for a job that was never tracked (a recruiter's cold call that went nowhere).
UNTRACKED = ("Stonefly Systems", "Backend Engineer", 35)

# Stages the company moves (or the user moves on a working day): kept off weekends.
WORKDAY_STAGES = frozenset(
    {S.APPLIED, S.SCREENING, S.INTERVIEWING, S.FINAL_ROUND, S.OFFER, S.REJECTED}
)
OPEN_PATH = PROGRESSION[PROGRESSION.index(S.APPLIED):]  # the happy path after saving


def gap(prev: Stage, cur: Stage) -> tuple[int, int]:
    """Believable days between two consecutive stage events."""
    if cur is S.REJECTED:
        return (5, 20) if prev in (S.SAVED, S.APPLIED) else (2, 7)
    return {
        S.APPLIED: (0, 4),
        S.SCREENING: (3, 10),
        S.INTERVIEWING: (3, 8) if prev is S.SCREENING else (3, 7),
        S.FINAL_ROUND: (4, 9),
        S.OFFER: (2, 5),
        S.ACCEPTED: (1, 4),
        S.WITHDRAWN: (2, 9),
        S.GHOSTED: (22, 30),
    }.get(cur, (1, 5))


def path(spec: Spec, saved_first: bool) -> list[Stage]:
    """The stages an application went through, oldest first."""
    stages = [S.SAVED] if saved_first or spec.stage is S.SAVED else []
    if spec.stage is S.SAVED:
        return stages
    for stage in OPEN_PATH:
        if stage is S.FINAL_ROUND and spec.reached is S.ACCEPTED:
            continue  # the accepted one is a short contract: no final loop
        stages.extend([stage] * (max(spec.rounds, 1) if stage is S.INTERVIEWING else 1))
        if stage is spec.reached:
            break
    if spec.stage is not spec.reached:
        stages.append(spec.stage)
    return stages
