"""Pipeline health after a "no": how many applications are in flight against the user's minimum."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class HealthLevel(StrEnum):
    """Coarse state of the active pipeline, for colour and wording."""

    OK = "ok"
    LOW = "low"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Health:
    """The active count against the minimum, the shortfall and one line saying what to do."""

    level: HealthLevel
    active: int
    minimum: int
    shortfall: int
    message: str


def pipeline_health(active_count: int, minimum: int, *, saved_count: int | None = None) -> Health:
    """Compare active applications with the minimum; the message names the next move.

    `saved_count`, when given, picks the advice: send saved applications if there are any,
    otherwise find new roles. A minimum of 0 or less turns the check off (always ok).
    """
    active = max(active_count, 0)
    minimum = max(minimum, 0)
    shortfall = max(minimum - active, 0)
    if shortfall == 0:
        if minimum == 0:
            message = f"{active} active."
        else:
            message = f"{active} active — your minimum of {minimum} is covered."
        return Health(HealthLevel.OK, active, minimum, 0, message)
    # One "no" removes one application; the fastest recovery is what is already prepared.
    if saved_count == 0:
        advice = "find a few roles to save and apply to"
    else:
        advice = "send the saved ones next"
    level = HealthLevel.EMPTY if active == 0 else HealthLevel.LOW
    if level is HealthLevel.EMPTY:
        message = f"Nothing active — your minimum is {minimum}: {advice}."
    else:
        message = f"{active} active — {shortfall} below your minimum of {minimum}: {advice}."
    return Health(level, active, minimum, shortfall, message)
