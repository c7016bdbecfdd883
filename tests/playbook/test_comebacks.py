"""Comebacks and rough patches, with every expected value worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bounceback.playbook.comebacks import (
    Comeback,
    No,
    Send,
    comebacks,
    rough_patch,
)

D = date(2026, 11, 25)


def day(n: int) -> date:
    return date(2026, 11, n)


def test_a_send_within_three_days_answers_a_no() -> None:
    nos = [No(day(10), "Acme", 1), No(day(20), "Beta", 2)]
    sends = [Send(day(8), "Old", 9), Send(day(12), "Gamma", 3), Send(day(13), "Delta", 4),
             Send(day(24), "Late", 5)]  # 4 days after Beta's no: too late
    found = comebacks(nos, sends)
    assert found == [Comeback(nos[0], sends[1])]
    assert found[0].days == 2
    assert found[0].text == "Nov 10: a no from Acme, and Gamma went out 2 days later"


def test_the_same_day_counts_but_not_before_the_no_was_written_down() -> None:
    logged = datetime(2026, 11, 10, 15, tzinfo=UTC)
    no = No(day(10), "Acme", 1, logged_at=logged)
    morning = Send(day(10), "Early", 2, at=datetime(2026, 11, 10, 9, tzinfo=UTC))
    evening = Send(day(10), "Evening", 3, at=datetime(2026, 11, 10, 18, tzinfo=UTC))
    assert comebacks([no], [morning]) == []
    (found,) = comebacks([no], [morning, evening])
    assert found.send is evening and found.text.endswith("Evening went out the same day")


def test_the_rejected_application_is_never_its_own_comeback() -> None:
    no = No(day(10), "Acme", 7)
    assert comebacks([no], [Send(day(10), "Acme", 7)]) == []


def test_newest_first() -> None:
    nos = [No(day(1), "A", 1), No(day(15), "B", 2)]
    sends = [Send(day(2), "X", 3), Send(day(16), "Y", 4)]
    assert [c.no.company for c in comebacks(nos, sends)] == ["B", "A"]


def test_three_nos_in_seven_days_is_a_rough_patch() -> None:
    nos = [No(day(19), "A"), No(day(22), "B"), No(day(25), "C")]
    assert rough_patch(D, nos, []).reason == "3 no's in the last 7 days"
    assert rough_patch(D, [No(day(18), "A"), *nos[1:]], []) is None  # day 18: 8 days back


def test_two_strong_nos_in_fourteen_days() -> None:
    nos = [No(day(12), "A", intensity=8), No(day(20), "B", intensity=9)]
    assert rough_patch(D, nos, []) is not None
    assert rough_patch(D, [No(day(11), "A", intensity=8), nos[1]], []) is None
    assert rough_patch(D, [No(day(12), "A", intensity=7), nos[1]], []) is None


def test_low_moods_three_days_running_ending_today_or_yesterday() -> None:
    moods = [(day(22), 2), (day(23), 1), (day(24), 2)]
    assert rough_patch(D, [], moods).reason == "low moods 3 days running"  # ends yesterday
    assert rough_patch(D, [], [*moods, (day(25), 4)]) is not None
    assert rough_patch(D, [], [(day(21), 2), (day(22), 1), (day(23), 2)]) is None
    assert rough_patch(D, [], [(day(23), 2), (day(24), 3), (day(25), 1)]) is None
    assert rough_patch(D, [], [(day(23), 2), (day(24), None), (day(25), 1)]) is None
