"""One form base: every form is a DraftForm that validates its draft and saves only through the
callback its opener passed in (issue 11, item 1)."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest
from textual.widgets import Input

from bounceback.domain import Stage
from bounceback.playbook.triage import classify
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.bounce.untracked import UntrackedForm
from bounceback.screens.case_form import CaseForm
from bounceback.screens.draft_form import DraftForm, form_check
from bounceback.screens.goal_form import GoalForm
from bounceback.screens.help_form import HelpForm
from bounceback.screens.material_forms import FileMaterialForm, PasteMaterialForm, RelabelForm
from bounceback.screens.win_form import WinForm
from bounceback.store.drafts import CaseChanges, UntrackedDraft
from bounceback.store.goals import GoalDraft
from tests.ui.conftest import screen_text, settle

FORMS = (ApplicationForm, WinForm, HelpForm, GoalForm, CaseForm, UntrackedForm,
         PasteMaterialForm, FileMaterialForm, RelabelForm)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__)
def test_every_form_is_a_draft_form_that_never_touches_the_store(form: type) -> None:
    assert issubclass(form, DraftForm)
    # the opener saves; the modal only builds and validates its draft
    for cls in (form, DraftForm):
        code = "\n".join(line for line in inspect.getsource(cls).splitlines()
                         if "import" not in line)
        assert not re.search(r"\bstore\.", code), cls.__name__


class Recorder:
    """A save callback that keeps what it was handed."""

    def __init__(self, result: Any = "saved") -> None:
        self.calls: list[tuple[Any, bool]] = []
        self.result = result

    def __call__(self, draft: Any, force: bool) -> Any:
        self.calls.append((draft, force))
        return self.result


async def _push(pilot: Any, form: DraftForm[Any, Any]) -> list[Any]:
    closed: list[Any] = []
    pilot.app.push_screen(form, closed.append)
    await settle(pilot)
    assert pilot.app.screen is form
    return closed


async def test_the_untracked_form_hands_its_validated_draft_to_the_callback(pilot, store):
    await settle(pilot)
    save = Recorder()
    closed = await _push(pilot, UntrackedForm(save, form_check(pilot.app)))
    await pilot.press(*"  [b]Initech  ", "tab", *"QA")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert save.calls == [(UntrackedDraft("[b]Initech", "QA", Stage.APPLIED), False)]  # trimmed
    assert closed == ["saved"]  # the form closes with what the callback returned
    assert store.rejections.rows() == []  # the form wrote nothing itself
    assert store.form_drafts.all() == []


async def test_an_invalid_draft_is_shown_in_the_form_and_calls_nothing(pilot, store):
    await settle(pilot)
    save = Recorder()
    form = UntrackedForm(save, form_check(pilot.app))
    closed = await _push(pilot, form)
    await pilot.press("tab", *"QA", "ctrl+s")
    await settle(pilot)
    assert save.calls == [] and closed == []
    assert pilot.app.screen is form
    assert "Company is required." in screen_text(pilot.app)
    assert form.query_one("#untracked-role", Input).value == "QA"  # nothing typed is lost


async def test_the_goal_form_checks_the_rule_before_the_callback(pilot, store):
    await settle(pilot)
    save = Recorder()
    form = GoalForm(save, form_check(pilot.app))
    closed = await _push(pilot, form)
    await pilot.press(*" Walk ", "ctrl+s")
    await settle(pilot)
    assert save.calls == [(GoalDraft("Walk", 1, "", "FREQ=DAILY", None), False)]
    assert closed == ["saved"]
    save = Recorder()
    form = GoalForm(save, form_check(pilot.app))
    await _push(pilot, form)
    await pilot.press("ctrl+s")  # no title
    await settle(pilot)
    assert save.calls == [] and pilot.app.screen is form
    assert "A title is required." in screen_text(pilot.app)


async def test_the_case_form_hands_only_the_changed_fields(pilot, store):
    await settle(pilot)
    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    save = Recorder()
    form = CaseForm(case, save, form_check(pilot.app))
    closed = await _push(pilot, form)
    form.query_one("#input-role", Input).value = "  Staff Dev "
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert save.calls == [(CaseChanges({"role": "Staff Dev"}), False)]
    assert closed == ["saved"]
    assert store.rejections.get(case.id).role == "Dev"  # the callback decides what is stored

    save = Recorder()
    form = CaseForm(case, save, form_check(pilot.app))
    closed = await _push(pilot, form)
    await pilot.press("ctrl+s")  # nothing changed: closes without calling anything
    await settle(pilot)
    assert save.calls == [] and closed == [None]

    form = CaseForm(case, save, form_check(pilot.app))
    await _push(pilot, form)
    form.query_one("#input-company", Input).value = ""
    form.query_one("#input-intensity_before", Input).value = "11"
    await pilot.pause()  # the fields' Changed messages first, as when typed
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert save.calls == [] and pilot.app.screen is form
    text = screen_text(pilot.app)
    assert "Company is required." in text  # every problem at once
    assert "Intensity is a whole number from 0 to 10." in text
