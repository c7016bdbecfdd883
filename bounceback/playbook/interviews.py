"""Interview evidence for the final-round detective: recurring questions, shaky ones, the low round.

A final-round no is about fit and the conversations, so the evidence is what was asked. A
question that comes back across several final rounds is worth a prepared answer; the count is
of distinct applications (asked twice in one process still counts once).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

RECENT_FINALS = 4
"""How many of the latest final-round no's the recurring count looks across."""
RECURS_AT = 2
"""A question asked in at least this many of them keeps coming back."""
PREP_DAYS = 3
"""An interview due within this many days gets its recurring questions surfaced on Today."""


class RatedRound(Protocol):
    """A round with its date and how it went (0-10, or None when not rated)."""

    @property
    def held_on(self) -> date: ...

    @property
    def felt(self) -> int | None: ...


R = TypeVar("R", bound=RatedRound)


@dataclass(frozen=True, slots=True)
class Recurring:
    """A question that keeps coming back: its latest wording, in how many of how many finals."""

    fold: str
    text: str
    asked_in: int
    out_of: int

    @property
    def line(self) -> str:
        """"asked in 3 of your last 4 final rounds"."""
        rounds = "final round" if self.out_of == 1 else f"last {self.out_of} final rounds"
        return f"asked in {self.asked_in} of your {rounds}"


def recurring_questions(
    questions: Iterable[tuple[int, str, str]], final_apps: Sequence[int],
    window: int = RECENT_FINALS, at_least: int = RECURS_AT,
) -> list[Recurring]:
    """Questions asked in `at_least` of the last `window` final-round applications.

    `questions`: (application id, fold, text), oldest first; `final_apps`: the application ids
    of final-round no's, newest first (a repeat is counted once). Most asked first, then the
    most recently worded; the text is the latest wording.
    """
    recent: list[int] = []
    for app_id in final_apps:
        if app_id not in recent:
            recent.append(app_id)
        if len(recent) == window:
            break
    if not recent:
        return []
    chosen = set(recent)
    asked: dict[str, set[int]] = {}
    wording: dict[str, str] = {}
    last_seen: dict[str, int] = {}
    for position, (app_id, fold, text) in enumerate(questions):
        if app_id not in chosen or not fold:
            continue
        asked.setdefault(fold, set()).add(app_id)
        wording[fold] = text
        last_seen[fold] = position
    found = [Recurring(fold, wording[fold], len(apps), len(recent))
             for fold, apps in asked.items() if len(apps) >= at_least]
    found.sort(key=lambda r: (-r.asked_in, -last_seen[r.fold]))
    return found


def lowest_round(rounds: Sequence[R]) -> R | None:
    """The round rated lowest (the earliest of equals); None when none was rated."""
    rated = [r for r in rounds if r.felt is not None]
    if not rated:
        return None
    return min(rated, key=lambda r: (r.felt if r.felt is not None else 0, r.held_on))


def prep_due(next_action_on: date | None, today: date, days: int = PREP_DAYS) -> bool:
    """An interview-stage next action falls due today or within `days` (an overdue one is a
    follow-up to chase, not an interview to prepare for)."""
    return next_action_on is not None and today <= next_action_on <= today + timedelta(days=days)
