"""First aid's words: real pain, common to every ambitious search, and the comebacks counted."""

from __future__ import annotations

from bounceback.domain import RejectionKind
from bounceback.playbook.first_aid import CLOSE, REAL, TALKED, comeback_line, normalise


def test_the_count_of_comebacks_is_said_plainly() -> None:
    assert comeback_line(0) == "It is the first one logged here; you will come back from it."
    assert comeback_line(1) == "You have come back from one before this."
    assert comeback_line(12) == "You have come back from 12 before this one."


def test_an_early_no_gets_the_plain_line_and_the_count() -> None:
    assert normalise(RejectionKind.EARLY, 3) == f"{REAL} {comeback_line(3)}"


def test_a_final_round_no_gets_its_own_words() -> None:
    line = normalise(RejectionKind.FINAL, 0)
    assert CLOSE in line and line.startswith(REAL) and "stings more" in line
    assert TALKED not in line


def test_a_mid_stage_no_says_the_conversations_started() -> None:
    assert TALKED in normalise(RejectionKind.MID, 2)
