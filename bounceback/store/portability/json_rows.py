"""One JSON record checked as strictly as the form that would have typed it.

First each value must fit its column (type, enum, a date between 1970 and 2100, a time with a
zone, a length cap); then the table's own rule runs, and that rule is the repository's or the
draft's, never a copy: `ApplicationDraft.validated`, `drafts.validate_changes` for a case,
`check_window`, `ritual_title`, `WinDraft`, `strength_text`, `HelpDraft`, `GoalDraft` and
`check_plan`, `check_count`, `checkin_values`, `settings_problems`. What they clean (control
characters, trimmed lines) is what gets stored; derived columns (`search_fold`) are computed
again, as a save would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from bounceback.sanitize import clean_text
from bounceback.store.applications import search_fold
from bounceback.store.checkins import checkin_values
from bounceback.store.drafts import (
    EARLIEST,
    EDITABLE,
    LATEST,
    ApplicationDraft,
    check_date,
    validate_changes,
)
from bounceback.store.errors import ValidationError
from bounceback.store.goals import GoalDraft, RuleCheck, check_count, check_counted_day, check_plan
from bounceback.store.help_acts import HelpDraft
from bounceback.store.interviews import RoundDraft, fold_question
from bounceback.store.materials import material_label, material_text
from bounceback.store.models import UTCDateTime
from bounceback.store.portability.common import DERIVED_COLUMNS, MAX_TEXT
from bounceback.store.rituals import ritual_title
from bounceback.store.settings import LIMITS, settings_problems
from bounceback.store.strengths import strength_text
from bounceback.store.wallow import check_vent, check_window
from bounceback.store.wins import WinDraft, win_fold

Row = dict[str, Any]


@dataclass(frozen=True)
class RowContext:
    """What the rules compare with: the last day a past event may have, the goal rule check."""

    latest_day: date  # today, plus a day for an export made in a time zone ahead of ours
    rule_problem: RuleCheck


def check_row(table: sa.Table, row: Row, ctx: RowContext) -> tuple[Row, dict[str, str]]:
    """The record's values as they would be stored, and a message per bad field.

    The table's rule runs only once every value fits its column (it needs them all).
    """
    out: Row = {}
    errors: dict[str, str] = {}
    columns, rule = _spec(table)
    for name, convert, optional in columns:
        if name not in row:
            if not optional:
                errors[name] = "missing"
            continue
        try:
            out[name] = convert(row[name])
        except ValueError as exc:
            errors[name] = str(exc)
    if rule is not None and not errors:
        try:
            rule(out, ctx)
        except ValidationError as exc:
            errors.update(exc.errors)
    return out, errors


Converter = Callable[[object], object]


@cache
def _spec(table: sa.Table) -> tuple[tuple[tuple[str, Converter, bool], ...],
                                    Callable[[Row, RowContext], None] | None]:
    """Per column: its name, its converter, whether it may be left out; and the table's rule."""
    columns = tuple((col.name, converter(col), col.nullable or col.server_default is not None)
                    for col in table.columns)
    return columns, _RULES.get(table.name)


def converter(col: sa.Column[Any]) -> Converter:
    """The function turning a JSON value into the column's Python value (ValueError if not)."""
    convert = _by_type(col)
    nullable = bool(col.nullable)

    def run(value: object) -> object:
        if value is None:
            if nullable:
                return None
            raise ValueError("must not be empty")
        return convert(value)

    return run


def _by_type(col: sa.Column[Any]) -> Converter:
    kind = col.type
    if isinstance(kind, UTCDateTime):
        return _moment
    if isinstance(kind, sa.Enum):
        allowed = list(kind.enums)
        enum_class = kind.enum_class

        def enum(value: object) -> object:
            if value not in allowed:
                raise ValueError(f"must be one of {', '.join(allowed)}")
            return enum_class(value) if enum_class else value

        return enum
    if isinstance(kind, sa.Date):
        return _day
    if isinstance(kind, sa.Boolean):
        return _boolean
    if isinstance(kind, sa.Integer):
        return _whole
    if isinstance(kind, sa.JSON) and col.table is not None \
            and (col.table.name, col.name) in DERIVED_COLUMNS:
        return _derived
    if isinstance(kind, sa.JSON):
        return _texts
    if isinstance(kind, sa.String):  # Text too
        cap, single = kind.length or MAX_TEXT, kind.length is not None

        def text(value: object) -> object:
            if not isinstance(value, str):
                raise ValueError("expected text")
            if len(value) > cap:
                raise ValueError(f"is {len(value):,} characters; the limit is {cap:,}")
            return clean_text(value, single_line=single)

        return text
    raise ValueError("unsupported column")  # pragma: no cover - every column type is above


def _derived(value: object) -> None:
    """A value computed from others: whatever the file says, it is computed again here."""
    return None


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**62:
        raise ValueError("expected a whole number")
    return value


def _texts(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of texts")
    if sum(len(v) for v in value) > MAX_TEXT:
        raise ValueError("too long")
    return [clean_text(v, single_line=True) for v in value]


def _in_range(day: date) -> None:
    if EARLIEST <= day <= LATEST:
        return
    errors: dict[str, str] = {}
    check_date(errors, "day", "The date", day)
    if errors:
        raise ValueError(errors["day"].removeprefix("The date ").rstrip("."))


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError("expected a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("expected a date (YYYY-MM-DD)") from exc
    _in_range(day)
    return day


def _moment(value: object) -> datetime:
    example = "expected a date and time with its zone (e.g. 2026-11-25T09:30:00+00:00)"
    if not isinstance(value, str):
        raise ValueError(example)
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("the time has no time zone")
        moment = moment.astimezone(UTC)
    except OverflowError as exc:  # a zone offset that leaves year 1 or 9999
        raise ValueError(example) from exc
    except ValueError as exc:
        raise ValueError(str(exc) if "time zone" in str(exc) else example) from exc
    _in_range(moment.date())
    return moment


# ---- the tables' own rules (each updates the row in place or raises ValidationError) -----

_APP_FIELDS = tuple(f.name for f in fields(ApplicationDraft) if f.name != "stage")


def _application(out: Row, ctx: RowContext) -> None:
    draft = ApplicationDraft(**{n: out[n] for n in _APP_FIELDS if n in out})
    draft = draft.validated(ctx.latest_day)
    out.update({n: getattr(draft, n) for n in _APP_FIELDS if n in out})
    out["search_fold"] = search_fold(draft.company, draft.role, draft.notes)


def _rejection(out: Row, ctx: RowContext) -> None:
    out.update(validate_changes({k: v for k, v in out.items() if k in EDITABLE}))


def _wallow_window(out: Row, ctx: RowContext) -> None:
    errors: dict[str, str] = {}
    check_window(errors, out["minutes"], out["started_at"], out["ends_at"])
    check_vent(errors, out.get("vent_text", ""))
    if errors:
        raise ValidationError(errors)


def _ritual(out: Row, ctx: RowContext) -> None:
    out["title"] = ritual_title(out["title"])


def _win(out: Row, ctx: RowContext) -> None:
    draft = WinDraft(
        title=out["title"], category=out["category"], happened_on=out.get("happened_on"),
        impact=out.get("impact", ""), tags=tuple(out.get("tags", ())), story=out.get("story", ""),
    ).validated(ctx.latest_day)
    out.update(title=draft.title, impact=draft.impact, story=draft.story, tags=list(draft.tags),
               search_fold=win_fold(draft.title, draft.story, draft.impact, draft.tags))


def _strength(out: Row, ctx: RowContext) -> None:
    out["text"] = strength_text(out["text"])


def _material(out: Row, ctx: RowContext) -> None:
    out["label"] = material_label(out["label"])
    out["text"] = material_text(out["text"])
    if out.get("pages") is not None and out["pages"] < 0:
        raise ValidationError({"pages": "A page count can't be negative."})
    if out["added_on"] > ctx.latest_day:
        raise ValidationError({"added_on": "A version can't be added in the future."})


def _interview_round(out: Row, ctx: RowContext) -> None:
    draft = RoundDraft(held_on=out["held_on"], kind=out["kind"], people=out.get("people", ""),
                       felt=out.get("felt"), notes=out.get("notes", "")).validated(ctx.latest_day)
    out.update(people=draft.people, notes=draft.notes)


def _interview_question(out: Row, ctx: RowContext) -> None:
    text = clean_text(out["text"], single_line=True).strip()
    if not text:
        raise ValidationError({"text": "A question can't be empty."})
    out.update(text=text, fold=fold_question(text))


def _answer(out: Row, ctx: RowContext) -> None:
    question = clean_text(out["question"], single_line=True).strip()
    if not fold_question(question):
        raise ValidationError({"question": "An answer needs its question."})
    out.update(question=question, fold=fold_question(question))


def _help_act(out: Row, ctx: RowContext) -> None:
    draft = HelpDraft(who=out["who"], what=out.get("what", ""), kind=out["kind"],
                      happened_on=out["happened_on"]).validated(ctx.latest_day)
    out.update(who=draft.who, what=draft.what)


def _goal(out: Row, ctx: RowContext) -> None:
    draft = GoalDraft(title=out["title"], target=out["target"], unit=out.get("unit", ""),
                      rrule=out["rrule"], auto_source=out.get("auto_source"))
    draft = draft.validated(ctx.rule_problem)
    out.update(title=draft.title, unit=draft.unit, rrule=draft.rrule)


def _goal_plan(out: Row, ctx: RowContext) -> None:
    out["rrule"] = out["rrule"].strip()  # cleaned as GoalDraft cleans it (one line, trimmed)
    errors: dict[str, str] = {}
    check_plan(errors, out["target"], out["rrule"], ctx.rule_problem)
    if errors:
        raise ValidationError(errors)


def _goal_day(out: Row, ctx: RowContext) -> None:
    errors: dict[str, str] = {}
    check_count(errors, out.get("count", 0))
    check_counted_day(errors, out["day"], ctx.latest_day)
    if errors:
        raise ValidationError(errors)


def _check_in(out: Row, ctx: RowContext) -> None:
    values = {k: out[k] for k in ("mood", "control", "note") if k in out}
    out.update(checkin_values(**values))
    if out["day"] > ctx.latest_day:
        raise ValidationError({"day": "A check-in for a day that hasn't come yet."})


def _setting(out: Row, ctx: RowContext) -> None:
    errors = settings_problems({k: v for k, v in out.items() if k in LIMITS})
    if out.get("id") != 1:
        errors["id"] = "There is one settings row, with id 1."
    if errors:
        raise ValidationError(errors)


_RULES: dict[str, Callable[[Row, RowContext], None]] = {
    "application": _application,
    "rejection": _rejection,
    "wallow_window": _wallow_window,
    "ritual": _ritual,
    "win": _win,
    "strength": _strength,
    "material": _material,
    "interview_round": _interview_round,
    "interview_question": _interview_question,
    "answer": _answer,
    "help_act": _help_act,
    "goal": _goal,
    "goal_plan": _goal_plan,
    "goal_day": _goal_day,
    "check_in": _check_in,
    "setting": _setting,
}
