"""Dates typed the way people type them: ISO, day-first, month names, and a few relative words."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Literal

from dateutil import parser as du_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

DATE_EXAMPLES = "2026-11-20, Nov 20, 20/11/2026, today, tomorrow, +7d, next friday"

_WEEKDAYS = {
    "monday": MO, "mon": MO, "tuesday": TU, "tue": TU, "tues": TU,
    "wednesday": WE, "wed": WE, "thursday": TH, "thu": TH, "thurs": TH,
    "friday": FR, "fri": FR, "saturday": SA, "sat": SA, "sunday": SU, "sun": SU,
}
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months)$")
_IN = re.compile(r"^in\s+(\d{1,4})\s+(day|days|week|weeks|month|months)$")
_AGO = re.compile(r"^(\d{1,4})\s+(day|days|week|weeks|month|months)\s+ago$")


class DateParseError(ValueError):
    """The text is not a date we understand; the message says what works."""


TIME_EXAMPLES = "18:00, 6pm, 6:30pm, 1830"
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


class TimeParseError(ValueError):
    """The text is not a time of day we understand; the message says what works."""


def parse_time(text: str) -> time:
    """A typed time of day: "18:00", "18.30", "1830", "18", "6pm", "6:30 am" (24-hour or am/pm).

    One clear sentence on anything else: "25:00" names an hour that does not exist, "soon" is
    not a time.
    """
    raw = text.strip().lower()
    m = _CLOCK.match(raw)
    if m is None:
        raise TimeParseError(f"Couldn't read that time. Try: {TIME_EXAMPLES}")
    hour, minute, half = int(m[1]), int(m[2] or 0), (m[3] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise TimeParseError(f"{text.strip()} is not a time: with am/pm, hours go 1–12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23:
        raise TimeParseError(f"{text.strip()} is not a time of day: hours go 0–23.")
    if minute > 59:
        raise TimeParseError(f"{text.strip()} is not a time of day: minutes go 00–59.")
    return time(hour, minute)


def _shift(today: date, sign: int, n: int, unit: str) -> date:
    if unit.startswith("w"):
        return today + timedelta(weeks=sign * n)
    if unit.startswith("m"):
        return today + relativedelta(months=sign * n)
    return today + timedelta(days=sign * n)


Lean = Literal["future", "past"] | None
"""Which year a date typed without one belongs to: the next one of its kind ("future", for
plans such as a next action), the last one ("past", for what already happened, such as an
application sent), or simply this year (None)."""


def parse_date(text: str, today: date, lean: Lean = None) -> date | None:
    """Parse a typed date relative to `today`; empty text is None; nonsense raises DateParseError.

    Slashed dates are day-first (20/11/2026) unless the first number cannot be a day-first
    reading (11/20/2026 is read as November 20). A bare "Nov 20" means this year, unless
    `lean` says otherwise: "Jan 5" typed on Dec 30 is next January for a "future" field, and
    "Dec 28" typed on Jan 2 is last December for a "past" one. A typed year is always kept.
    """
    parsed = _parse(text, today)
    if parsed is None or lean is None or not _year_left_out(text, today):
        return parsed
    if lean == "future" and parsed < today:
        return _add_years(parsed, 1)
    if lean == "past" and parsed > today:
        return _add_years(parsed, -1)
    return parsed


def _year_left_out(text: str, today: date) -> bool:
    """True when the text names a day of a year without the year ("Jan 5", "5/1")."""
    raw = text.strip().lower()
    if not re.search(r"\d", raw) or _OFFSET.match(raw) or _IN.match(raw) or _AGO.match(raw):
        return False  # relative words and offsets already say which day
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw):
        return False
    # Parse again as if "this year" were another one: a typed year does not move.
    other = date(today.year + 4 if today.year < 2090 else today.year - 4, today.month, 1)
    try:
        again = _parse(text, other)
    except DateParseError:
        return False
    first = _parse(text, today)
    return again is not None and first is not None and again.year != first.year


def _add_years(day: date, years: int) -> date:
    return day + relativedelta(years=years)  # Feb 29 becomes Feb 28 in a common year


def _parse(text: str, today: date) -> date | None:
    raw = text.strip().lower()
    if not raw:
        return None
    words = {"today": 0, "now": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
    if raw in words:
        return today + timedelta(days=words[raw])
    if m := _OFFSET.match(raw):
        return _shift(today, 1 if m[1] == "+" else -1, int(m[2]), m[3])
    if m := _IN.match(raw):
        return _shift(today, 1, int(m[1]), m[2])
    if m := _AGO.match(raw):
        return _shift(today, -1, int(m[1]), m[2])
    parts = raw.split()
    if len(parts) == 2 and parts[0] in ("next", "last", "this") and parts[1] in _WEEKDAYS:
        wd = _WEEKDAYS[parts[1]]
        if parts[0] == "last":
            return today + relativedelta(days=-1, weekday=wd(-1))
        if parts[0] == "this":
            return today + relativedelta(weekday=wd(+1))
        return today + relativedelta(days=+1, weekday=wd(+1))
    if raw in _WEEKDAYS:
        # A bare weekday means the next one (today counts): "friday" on a Friday is today.
        return today + relativedelta(weekday=_WEEKDAYS[raw](+1))
    if not re.search(r"\d", raw):
        raise DateParseError(f"Couldn't read that date. Try: {DATE_EXAMPLES}")
    default = today.replace(day=1)
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw):
            return date.fromisoformat("-".join(p.zfill(2) for p in raw.split("-")))
        try:
            return du_parser.parse(raw, dayfirst=True, default=_dt(default)).date()
        except (ValueError, OverflowError):
            return du_parser.parse(raw, dayfirst=False, default=_dt(default)).date()
    except (ValueError, OverflowError, du_parser.ParserError) as exc:
        raise DateParseError(f"Couldn't read that date. Try: {DATE_EXAMPLES}") from exc


def _dt(d: date):  # noqa: ANN202 - dateutil wants a datetime default
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def format_date(d: date | None, today: date | None = None) -> str:
    """A short display date: "Nov 20" this year, "2025-11-20" otherwise, "" for None."""
    if d is None:
        return ""
    if today is not None and d.year == today.year:
        return d.strftime("%b %d").replace(" 0", " ")
    return d.isoformat()
