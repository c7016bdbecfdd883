"""Every kind of draft validates through one signature: `validate(draft, Check)`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bounceback.domain import Stage
from bounceback.playbook.goals import rrule_problem
from bounceback.store.drafts import (
    ApplicationDraft,
    CaseChanges,
    Check,
    UntrackedDraft,
    validate,
)
from bounceback.store.errors import ValidationError
from bounceback.store.goals import GoalDraft
from bounceback.store.help_acts import HelpDraft
from bounceback.store.records import Settings
from bounceback.store.wins import WinDraft

TODAY = date(2026, 11, 25)
CHECK = Check(today=TODAY, settings=Settings(), rule_problem=rrule_problem)
TOMORROW = TODAY + timedelta(days=1)


@pytest.mark.parametrize(("draft", "cleaned"), [
    (ApplicationDraft(" Acme ", "Dev"), ApplicationDraft("Acme", "Dev")),
    (WinDraft(" Shipped "), WinDraft("Shipped")),
    (HelpDraft(" Sam "), HelpDraft("Sam", happened_on=TODAY)),  # empty date: today
    (GoalDraft(" Walk ", rrule="FREQ=DAILY"), GoalDraft("Walk")),
    (CaseChanges({"role": " QA "}), CaseChanges({"role": "QA"})),
    (UntrackedDraft(" Initech ", "QA", Stage.SCREENING),
     UntrackedDraft("Initech", "QA", Stage.SCREENING)),
], ids=lambda d: type(d).__name__)
def test_every_draft_kind_is_cleaned_through_one_door(draft, cleaned) -> None:  # type: ignore[no-untyped-def]
    assert validate(draft, CHECK) == cleaned


@pytest.mark.parametrize(("draft", "field"), [
    (ApplicationDraft("Acme", "Dev", applied_on=TOMORROW), "applied_on"),  # today from the check
    (WinDraft("Shipped", happened_on=TOMORROW), "happened_on"),
    (HelpDraft("Sam", happened_on=TOMORROW), "happened_on"),
    (GoalDraft("Walk", rrule="FREQ=WEEKLY;BYDAY=XX"), "rrule"),  # the playbook's rule check
    (CaseChanges({"company": " "}), "company"),
    (UntrackedDraft(""), "company"),
], ids=lambda d: type(d).__name__)
def test_every_draft_kind_is_refused_through_one_door(draft, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        validate(draft, CHECK)
    assert field in refused.value.errors


def test_a_value_with_no_rules_is_a_bug_not_a_pass() -> None:
    with pytest.raises(TypeError):
        validate("not a draft", CHECK)
