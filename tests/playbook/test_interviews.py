"""Recurring interview questions across final rounds, the lowest round, prep timing."""

from dataclasses import dataclass
from datetime import date

from bounceback.playbook.interviews import lowest_round, prep_due, recurring_questions


def test_counts_distinct_applications_among_the_last_four_finals() -> None:
    rows = [(1, "conflict", "Conflict?"), (1, "conflict", "conflict again"),
            (2, "conflict", "Tell me about a conflict"), (3, "why us", "Why us?"),
            (4, "conflict", "A conflict?"), (4, "why us", "Why us"),
            (9, "conflict", "old one"), (5, "salary", "Salary?")]
    found = recurring_questions(rows, [4, 3, 2, 1, 9])
    assert [(r.fold, r.asked_in, r.out_of) for r in found] == [("conflict", 3, 4), ("why us", 2, 4)]
    assert found[0].text == "A conflict?"  # the latest wording
    assert found[0].line == "asked in 3 of your last 4 final rounds"


def test_nothing_without_final_rounds_or_repeats() -> None:
    assert recurring_questions([(1, "a", "A")], []) == []
    assert recurring_questions([(1, "a", "A"), (2, "b", "B")], [1, 2]) == []


def test_a_repeated_final_counts_once() -> None:
    found = recurring_questions([(1, "a", "A"), (2, "a", "A")], [1, 1, 2])
    assert [(r.asked_in, r.out_of) for r in found] == [(2, 2)]


@dataclass
class _Round:
    held_on: date
    felt: int | None


def test_lowest_round_is_the_earliest_of_the_lowest() -> None:
    a, b, c = _Round(date(2026, 1, 1), 6), _Round(date(2026, 1, 2), 3), _Round(date(2026, 1, 3), 3)
    assert lowest_round([a, b, c]) is b
    assert lowest_round([_Round(date(2026, 1, 1), None)]) is None


def test_prep_due_within_three_days() -> None:
    today = date(2026, 11, 30)
    assert prep_due(date(2026, 12, 3), today)
    assert prep_due(today, today)
    assert not prep_due(date(2026, 11, 29), today)
    assert not prep_due(date(2026, 12, 4), today)
    assert not prep_due(None, today)
