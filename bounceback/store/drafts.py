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
from functools import cache
from typing import Any, TypeVar, cast

from bounceback.domain import Stage
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


@dataclass(frozen=True)
class CaseChanges:
    """What the case form hands the store: only the fields of the case that were changed."""

    changes: Mapping[str, Any] = field(default_factory=dict)

    def validated(self) -> CaseChanges:
        """The changes cleaned (`rejections.validate_changes`), or ValidationError per field."""
        # here, not at the top: rejections imports this module for its field checks
        from bounceback.store.rejections import validate_changes

        return CaseChanges(validate_changes(dict(self.changes)))


@dataclass(frozen=True)
class UntrackedDraft:
    """A "no" for a job that was never tracked: who, which role, how far it got."""

    company: str
    role: str = ""
    reached: Stage = Stage.APPLIED

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


DraftT = TypeVar("DraftT")


def validate(draft: DraftT, check: Check) -> DraftT:
    """The draft cleaned by its own rules, or ValidationError naming every bad field.

    One signature for every kind of draft (application, win, help, goal, case, untracked).
    """
    rules = _rules().get(type(draft))
    if rules is None:
        raise TypeError(f"no rules for {type(draft).__name__}")
    return cast(DraftT, rules(draft, check))


@cache
def _rules() -> dict[type, Callable[[Any, Check], Any]]:
    """Each kind of draft, and how its rules read the check."""
    # here, not at the top: these modules import this one for its field checks
    from bounceback.store.goals import GoalDraft
    from bounceback.store.help_acts import HelpDraft
    from bounceback.store.wins import WinDraft

    return {
        ApplicationDraft: lambda d, c: d.validated(c.today),
        WinDraft: lambda d, c: d.validated(c.today),
        HelpDraft: lambda d, c: d.validated(c.today),
        GoalDraft: lambda d, c: d.validated(c.rule_problem),
        CaseChanges: lambda d, _c: d.validated(),
        UntrackedDraft: lambda d, _c: d.validated(),
    }
