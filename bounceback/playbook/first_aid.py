"""First aid's words: a rejection hurts for real, everyone who aims high collects some, and the
person has come back before. Pure text from plain values; the screens only show it."""

from __future__ import annotations

from bounceback.domain import RejectionKind

REAL = ("It hurts for real (the brain files rejection close to physical pain), and every "
        "search that aims high meets some.")
CLOSE = "You made the last few: being that close is why this one stings more."
TALKED = "They wanted to talk to you: that part is working."


def comeback_line(earlier: int) -> str:
    """How many no's the person has already come back from (the cases logged before this one)."""
    if earlier <= 0:
        return "It is the first one logged here; you will come back from it."
    if earlier == 1:
        return "You have come back from one before this."
    return f"You have come back from {earlier} before this one."


def normalise(kind: RejectionKind, earlier: int) -> str:
    """The first step's short line: real pain, common to every ambitious search, survivable
    (with the count), and for a final-round no its own words."""
    middle = {RejectionKind.FINAL: CLOSE, RejectionKind.MID: TALKED}.get(kind, "")
    return " ".join(part for part in (REAL, middle, comeback_line(earlier)) if part)
