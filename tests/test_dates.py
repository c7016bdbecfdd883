"""parse_date and parse_time: every format their docstrings promise, and clear refusals."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounceback.dates import (
    DATE_EXAMPLES,
    DateParseError,
    TimeParseError,
    format_date,
    parse_date,
    parse_time,
)

TODAY = date(2026, 11, 25)  # a Wednesday
FRIDAY = date(2026, 11, 27)


def test_every_advertised_example_parses() -> None:
    examples = [e.strip() for e in DATE_EXAMPLES.split(",")]
    assert len(examples) >= 7
    for example in examples:
        assert isinstance(parse_date(example, TODAY), date), example


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DATE_EXAMPLES
        ("2026-11-20", date(2026, 11, 20)),
        ("Nov 20", date(2026, 11, 20)),  # a bare month and day means this year
        ("20/11/2026", date(2026, 11, 20)),  # slashes are day-first
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 26)),
        ("+7d", date(2026, 12, 2)),
        ("next friday", FRIDAY),
        # the docstring's other promises
        ("11/20/2026", date(2026, 11, 20)),  # cannot be day-first: read month-first
        ("1/2/2026", date(2026, 2, 1)),  # ambiguous: day-first wins
        ("Jan 31", date(2026, 1, 31)),
        ("2026-1-5", date(2026, 1, 5)),  # unpadded ISO
        # relative words and offsets
        ("now", TODAY),
        ("tmrw", date(2026, 11, 26)),
        ("yesterday", date(2026, 11, 24)),
        ("-3d", date(2026, 11, 22)),
        ("+2w", date(2026, 12, 9)),
        ("+1m", date(2026, 12, 25)),
        ("+ 1 month", date(2026, 12, 25)),
        ("in 3 days", date(2026, 11, 28)),
        ("in 2 weeks", date(2026, 12, 9)),
        ("2 weeks ago", date(2026, 11, 11)),
        ("3 months ago", date(2026, 8, 25)),
        ("this friday", FRIDAY),
        ("friday", FRIDAY),
        ("fri", FRIDAY),
        ("wed", TODAY),  # a bare weekday counts today
        ("next wednesday", date(2026, 12, 2)),
        ("last monday", date(2026, 11, 23)),
        # other spellings people type
        ("  NOV 20  ", date(2026, 11, 20)),
        ("Tomorrow", date(2026, 11, 26)),
        ("20 Nov 2026", date(2026, 11, 20)),
        ("November 20, 2026", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
    ],
)
def test_formats(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_weekdays_seen_from_a_friday() -> None:
    assert parse_date("friday", FRIDAY) == FRIDAY
    assert parse_date("next friday", FRIDAY) == date(2026, 12, 4)
    assert parse_date("last friday", FRIDAY) == date(2026, 11, 20)


def test_month_offsets_clamp_to_the_end_of_the_month() -> None:
    assert parse_date("+1m", date(2026, 1, 31)) == date(2026, 2, 28)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_is_none(text: str) -> None:
    assert parse_date(text, TODAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "banana",
        "next banana",
        "someday",
        "abc123",
        "32/13/2026",
        "13/25/2026",
        "2026-02-30",
        "2026-13-01",
        "Feb 30",
        "0/0/0",
        "+d",
        "99/99",
        "1" * 5000,
    ],
)
def test_nonsense_is_refused_with_examples(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text, TODAY)
    assert DATE_EXAMPLES in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/-.+ :,adhmnotwyJFNnextlastin", max_size=20))
def test_any_text_gives_a_date_none_or_a_parse_error(text: str) -> None:
    try:
        result = parse_date(text, TODAY)
    except DateParseError:
        return
    assert result is None or isinstance(result, date)


def test_format_date() -> None:
    assert format_date(None) == ""
    assert format_date(date(2026, 11, 5), TODAY) == "Nov 5"
    assert format_date(date(2025, 11, 5), TODAY) == "2025-11-05"
    assert format_date(date(2026, 11, 5)) == "2026-11-05"


# --- which year a date typed without one means (issue 9, defect 15) ------------------------

DEC_30 = date(2026, 12, 30)
JAN_2 = date(2027, 1, 2)


@pytest.mark.parametrize(
    ("text", "today", "lean", "expected"),
    [
        ("Jan 5", DEC_30, "future", date(2027, 1, 5)),  # a next action: next January
        ("5 jan", DEC_30, "future", date(2027, 1, 5)),
        ("5/1", DEC_30, "future", date(2027, 1, 5)),  # day-first, no year
        ("Dec 31", DEC_30, "future", date(2026, 12, 31)),  # still ahead this year
        ("Dec 30", DEC_30, "future", DEC_30),  # today is not the past
        ("Jan 5", DEC_30, "past", date(2026, 1, 5)),  # applied: last January
        ("Dec 28", JAN_2, "past", date(2026, 12, 28)),  # applied last week, across the year
        ("Dec 28", JAN_2, "future", date(2027, 12, 28)),
        ("Jan 2", JAN_2, "past", JAN_2),
        ("Jan 5", JAN_2, "past", date(2026, 1, 5)),
        ("Dec 28", JAN_2, None, date(2027, 12, 28)),  # no lean: this year, as before
        # a typed year, an ISO date, words and offsets are never moved
        ("Jan 5 2026", DEC_30, "future", date(2026, 1, 5)),
        ("05/01/2026", DEC_30, "future", date(2026, 1, 5)),
        ("2026-01-05", DEC_30, "future", date(2026, 1, 5)),
        ("2027-12-28", JAN_2, "past", date(2027, 12, 28)),
        ("yesterday", DEC_30, "future", date(2026, 12, 29)),
        ("-3d", DEC_30, "future", date(2026, 12, 27)),
        ("+7d", DEC_30, "past", date(2027, 1, 6)),
        ("3 days ago", JAN_2, "future", date(2026, 12, 30)),
        ("in 2 weeks", DEC_30, "past", date(2027, 1, 13)),
    ],
)
def test_a_date_without_a_year_leans_the_way_the_field_looks(text, today, lean, expected):
    assert parse_date(text, today, lean) == expected


def test_feb_29_without_a_year_leaning_into_a_common_year_stays_in_february() -> None:
    leap_day_ahead = parse_date("Feb 29", date(2028, 3, 1), "future")
    assert leap_day_ahead == date(2029, 2, 28)


@pytest.mark.parametrize(("typed", "expected"), [
    ("18:00", time(18)), ("6pm", time(18)), ("6:30 pm", time(18, 30)), ("1830", time(18, 30)),
    ("18", time(18)), ("7.15", time(7, 15)), ("12am", time(0)), ("12pm", time(12)),
    (" 09:05 ", time(9, 5)),
])
def test_times_of_day_are_read_the_way_people_type_them(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(("typed", "says"), [
    ("25:00", "hours go 0–23"), ("18:75", "minutes go 00–59"), ("13pm", "hours go 1–12"),
    ("soon", "Try: 18:00"), ("", "Try: 18:00"), ("[bold]x", "Try: 18:00"),
])
def test_a_time_that_is_not_one_gets_one_clear_line(typed: str, says: str) -> None:
    with pytest.raises(TimeParseError) as err:
        parse_time(typed)
    assert says in str(err.value) and "\n" not in str(err.value)
