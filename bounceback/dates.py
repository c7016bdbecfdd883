"""Dates typed the way people type them: ISO, day-first, month names, and a few relative words."""

from __future__ import annotations

import re
from datetime import date, timedelta

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


def _shift(today: date, sign: int, n: int, unit: str) -> date:
    if unit.startswith("w"):
        return today + timedelta(weeks=sign * n)
    if unit.startswith("m"):
        return today + relativedelta(months=sign * n)
    return today + timedelta(days=sign * n)


def parse_date(text: str, today: date) -> date | None:
    """Parse a typed date relative to `today`; empty text is None; nonsense raises DateParseError.

    Slashed dates are day-first (20/11/2026) unless the first number cannot be a day-first
    reading (11/20/2026 is read as November 20). A bare "Nov 20" means this year.
    """
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
