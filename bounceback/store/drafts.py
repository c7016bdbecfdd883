"""What a form hands the store, and the rules it must pass (required fields, caps, dates).

Table models skip validation, so every write goes through one of these first. The messages are
shown under the field they concern; nothing typed is dropped or truncated silently.

Every draft, whatever its kind, is checked through one door: `validate(draft, check)`, where
`Check` carries what the rules may need besides the draft's own fields (today, the settings,
the playbook's repeat-rule check). A form builds the draft, validates it, and hands the result
to its save callback; the repositories check again, so nothing reaches a table unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Protocol, Self, TypeVar

from bounceback.domain import FEELING_WORDS, BounceStep, FeedbackStatus, RejectionKind, Stage
from bounceback.sanitize import clean_text
from bounceback.store.errors import ValidationError
from bounceback.store.records import Settings

EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_length(errors: dict[str, str], name: str, label: str, value: str, cap: int) -> None:
    """Record a message when `value` is longer than `cap` characters."""
    if len(value) > cap:
        errors[name] = f"{label} is {len(value):,} characters; the limit is {cap:,}."


def check_required(errors: dict[str, str], name: str, label: str, value: str) -> None:
    """Record a message when `value` is blank."""
    if not value.strip():
        errors[name] = f"{label} is required."


def required_line(text: str, name: str, label: str, cap: int) -> str:
    """`text` cleaned to one trimmed line, or ValidationError (field `name`) when it is blank
    or longer than `cap`: the rule of every short name a person types (a ritual, a strength,
    a label)."""
    value = clean_text(text, single_line=True).strip()
    errors: dict[str, str] = {}
    check_required(errors, name, label, value)
    check_length(errors, name, label, value, cap)
    if errors:
        raise ValidationError(errors)
    return value


def check_date(errors: dict[str, str], name: str, label: str, value: date | None) -> None:
    """Record a message for dates outside a believable range."""
    if value is not None and not EARLIEST <= value <= LATEST:
        errors[name] = f"{label} must be between {EARLIEST.year} and {LATEST.year}."


@dataclass(frozen=True)
class ApplicationDraft:
    """The editable fields of an application."""

    company: str
    role: str
    location: str = ""
    url: str = ""
    source: str = ""
    contact_name: str = ""
    contact_email: str = ""
    applied_on: date | None = None
    next_action: str = ""
    next_action_on: date | None = None
    description: str = ""
    notes: str = ""
    stage: Stage = Stage.APPLIED  # used on create only; later moves append history
    # the resume version that went out; None on create means "the current one on the day it
    # is sent" (the store fills it in then), None on an edit means "none recorded"
    resume_id: int | None = None

    # Single-line fields lose newlines; long ones keep them. Caps match the columns.
    CAPS = {
        "company": ("Company", 200, True),
        "role": ("Role", 200, True),
        "location": ("Location", 200, True),
        "url": ("Link", 2000, True),
        "source": ("Source", 100, True),
        "contact_name": ("Contact name", 200, True),
        "contact_email": ("Contact email", 320, True),
        "next_action": ("Next action", 500, True),
        "description": ("Job description", 200_000, False),
        "notes": ("Notes", 200_000, False),
    }

    def cleaned(self) -> ApplicationDraft:
        """Control characters stripped, single-line fields trimmed."""
        changes: dict[str, Any] = {}
        for f in fields(self):
            if f.name in self.CAPS:
                _, _, single = self.CAPS[f.name]
                value = clean_text(getattr(self, f.name), single_line=single)
                changes[f.name] = value.strip() if single else value
        return replace(self, **changes)

    def checked(self, check: Check) -> ApplicationDraft:
        """`validated` against the check's today."""
        return self.validated(check.today)

    def validated(self, today: date | None = None) -> ApplicationDraft:
        """The cleaned draft, or ValidationError naming every bad field.

        With `today`, an applied-on date after it is refused: nobody applies tomorrow.
        """
        draft = self.cleaned()
        errors: dict[str, str] = {}
        check_required(errors, "company", "Company", draft.company)
        check_required(errors, "role", "Role", draft.role)
        for name, (label, cap, _) in self.CAPS.items():
            if name not in errors:
                check_length(errors, name, label, getattr(draft, name), cap)
        if draft.contact_email and "contact_email" not in errors and not _EMAIL.match(
            draft.contact_email
        ):
            errors["contact_email"] = "That doesn't look like an email address (name@example.com)."
        check_date(errors, "applied_on", "Applied date", draft.applied_on)
        if "applied_on" not in errors and today is not None and draft.applied_on is not None \
                and draft.applied_on > today:
            errors["applied_on"] = "Applied on can't be in the future."
        check_date(errors, "next_action_on", "Next action date", draft.next_action_on)
        if errors:
            raise ValidationError(errors)
        return draft


FLOW_STEPS = tuple(step.value for step in BounceStep)
"""The bounce-back flow's steps, in order; `flow_step` remembers where a case is."""

_TEXT_CAPS = {
    "company": 200, "role": 200, "feeling_note": 2_000, "kind_override_reason": 2_000,
    "lessons": 20_000, "next_steps": 20_000, "feedback_text": 200_000,
}
_LIST_FIELDS = ("feelings", "causes", "out_of_control")
EDITABLE = frozenset(
    {*_TEXT_CAPS, *_LIST_FIELDS, "intensity_before", "intensity_after", "kind",
     "feedback_status", "feedback_asked_on", "received_on", "flow_step", "stage_reached"}
)
"""The fields of a case a person (or an import) may set; `validate_changes` checks each."""


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Clean and check a partial update of a case; ValidationError names each bad field."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE:
            raise ValueError(f"not an editable field: {name}")
        if name in _TEXT_CAPS:
            single = name in ("company", "role")
            value = clean_text(value, single_line=single)
            value = value.strip() if single else value
            check_length(errors, name, name.replace("_", " ").capitalize(), value, _TEXT_CAPS[name])
        elif name in _LIST_FIELDS:
            cleaned = (clean_text(v, single_line=True).strip() for v in value)
            value = [v for v in cleaned if v]  # drop what is empty once cleaned
            if name == "feelings":
                value = [v[:40].rstrip() for v in value]
                if len(value) > len(FEELING_WORDS) + 3:
                    errors[name] = "That is a lot of feelings; pick the strongest few."
        elif name.startswith("intensity"):
            if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
                errors[name] = "Intensity is a whole number from 0 to 10."
        elif name == "kind":
            value = RejectionKind(value)
        elif name == "feedback_status":
            value = FeedbackStatus(value)
        elif name == "stage_reached":
            value = Stage(value)
        elif name == "flow_step" and value not in FLOW_STEPS:
            errors[name] = f"The flow step is one of {', '.join(FLOW_STEPS)}."
        elif name in ("feedback_asked_on", "received_on"):
            check_date(errors, name, name.replace("_", " ").capitalize(), value)
        clean[name] = value
    if "company" in clean:
        check_required(errors, "company", "Company", clean["company"])
    if errors:
        raise ValidationError(errors)
    return clean


@dataclass(frozen=True)
class CaseChanges:
    """What the case form hands the store: only the fields of the case that were changed."""

    changes: Mapping[str, Any] = field(default_factory=dict)

    def checked(self, check: Check) -> CaseChanges:
        """`validated` (a case's rules need nothing outside its fields)."""
        return self.validated()

    def validated(self) -> CaseChanges:
        """The changes cleaned (`validate_changes`), or ValidationError per field."""
        return CaseChanges(validate_changes(dict(self.changes)))


@dataclass(frozen=True)
class UntrackedDraft:
    """A "no" for a job that was never tracked: who, which role, how far it got."""

    company: str
    role: str = ""
    reached: Stage = Stage.APPLIED

    def checked(self, check: Check) -> UntrackedDraft:
        """`validated` (the rules need nothing outside its fields)."""
        return self.validated()

    def validated(self) -> UntrackedDraft:
        """Company and role cleaned as a case's are, or ValidationError per field."""
        clean = CaseChanges({"company": self.company, "role": self.role}).validated().changes
        return replace(self, company=clean["company"], role=clean["role"])


RuleCheck = Callable[[str], str | None]
"""Why a repeat rule cannot be used, or None when it is fine (`playbook.goals.rrule_problem`)."""


@dataclass(frozen=True)
class Check:
    """What a draft's rules may need besides its own fields; the same for every kind of draft.

    `rule_problem` is the playbook's repeat-rule check, handed in because the store may not
    import the playbook.
    """

    today: date
    settings: Settings
    rule_problem: RuleCheck


class Checkable(Protocol):
    """A draft: it knows its own rules and reads what else they need from a `Check`."""

    def checked(self, check: Check) -> Self:
        """The draft cleaned by its rules, or ValidationError naming every bad field."""
        ...


DraftT = TypeVar("DraftT", bound=Checkable)


def validate(draft: DraftT, check: Check) -> DraftT:
    """The draft cleaned by its own rules, or ValidationError naming every bad field.

    One signature for every kind of draft (application, win, help, goal, case, untracked):
    each kind says in its `checked` which parts of the check its rules read.
    """
    if not callable(getattr(draft, "checked", None)):  # a value with no rules is a bug, not a pass
        raise TypeError(f"no rules for {type(draft).__name__}")
    return draft.checked(check)
