"""Issue 9, defect 6: quitting never loses typed text.

`ctrl+q` (Textual's own binding), `q` (ours, wherever it is not typed into a field) and the
palette all go through `BouncebackApp.action_quit`: autosaving boxes are written at once, and a
form holding typed text asks "Quit and discard what you typed?" first, on any mode's stack.
The save delays are stretched so "typed a moment before quitting" never depends on timing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea

import bounceback.screens.bounce.wallow as wallow_module
import bounceback.screens.today_checkin as checkin_module
from bounceback.clock import today
from bounceback.domain import Stage
from bounceback.playbook.triage import classify
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.bounce.untracked import UntrackedForm
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.case_form import CaseForm
from bounceback.screens.goal_form import GoalForm
from bounceback.screens.unsaved import QuitQuestion
from tests.ui.conftest import screen_text, settle


async def test_ctrl_q_in_a_form_with_typed_text_asks_and_keeps_it(pilot, store):
    await pilot.press("n", *"Hooli")
    form = pilot.app.screen
    assert isinstance(form, ApplicationForm)
    await pilot.press("ctrl+q")
    await settle(pilot)
    assert pilot.app.is_running and pilot.app.return_code is None
    assert isinstance(pilot.app.screen, QuitQuestion)
    assert "Quit and discard what you typed?" in screen_text(pilot.app)
    await pilot.press("ctrl+q")  # asked already: one question, not a pile of them
    await settle(pilot)
    assert [type(s) for s in pilot.app.screen_stack].count(QuitQuestion) == 1

    await pilot.press("n")  # keep editing
    await settle(pilot)
    assert pilot.app.screen is form
    assert form.query_one("#input-company", Input).value == "Hooli"
    await pilot.press(*" Inc")
    assert form.query_one("#input-company", Input).value == "Hooli Inc"

    await pilot.press("ctrl+q")
    await settle(pilot)
    await pilot.press("y")  # quit
    await pilot.pause()
    assert pilot.app.return_code == 0 and not pilot.app.is_running
    assert store.applications.rows() == []


async def test_quit_with_nothing_typed_leaves_at_once(pilot):
    await pilot.press("n")  # an untouched form is nothing to lose
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert pilot.app.return_code == 0


async def test_a_form_on_another_modes_stack_is_asked_about(pilot):
    await pilot.press("n", *"Initech")
    assert isinstance(pilot.app.screen, ApplicationForm)
    pilot.app.action_go("wins")  # the palette's mode switch works from inside a form
    await settle(pilot)
    assert pilot.app.current_mode == "wins"
    await pilot.press("q")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuitQuestion) and pilot.app.is_running
    await pilot.press("escape")  # the safe answer
    await settle(pilot)
    pilot.app.action_go("pipeline")
    await settle(pilot)
    assert pilot.app.screen.query_one("#input-company", Input).value == "Initech"


async def _goal_form(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.action_go("goals")
    await settle(pilot)
    await pilot.press("n", *"Walk")
    assert isinstance(pilot.app.screen, GoalForm)
    pilot.app.screen.query_one("#goal-days", Select).focus()


async def _untracked_form(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.action_go("rejections")
    await settle(pilot)
    await pilot.press("n", *"Acme")
    assert isinstance(pilot.app.screen, UntrackedForm)
    pilot.app.screen.query_one("#untracked-stage", Select).focus()


async def _case_form(pilot) -> None:  # type: ignore[no-untyped-def]
    from bounceback.screens.case import CaseScreen

    store = pilot.app.store
    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    pilot.app.push_screen(CaseScreen(case.id))
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseForm)
    pilot.app.screen.query_one("#input-lessons", TextArea).text = "tailor the summary"
    pilot.app.screen.query_one("#input-kind", Select).focus()


@pytest.mark.parametrize("open_form", [_goal_form, _untracked_form, _case_form])
async def test_ctrl_q_asks_in_every_form(pilot, open_form):
    await open_form(pilot)
    form = pilot.app.screen
    await pilot.press("ctrl+q")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuitQuestion) and pilot.app.is_running
    await pilot.press("n")
    await settle(pilot)
    assert pilot.app.screen is form and form.unsaved_changes()  # type: ignore[attr-defined]


async def test_untracked_form_escape_asks_before_discarding(pilot, store):
    await _untracked_form(pilot)
    await pilot.press("escape")
    await settle(pilot)
    assert "Discard what you typed?" in screen_text(pilot.app)
    await pilot.press("y")
    await settle(pilot)
    assert store.rejections.rows() == []


async def test_check_in_typed_just_before_ctrl_q_is_stored(make_home_app, store, monkeypatch):
    monkeypatch.setattr(checkin_module, "SAVE_DELAY", 600.0)  # the beat never comes by itself
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#today-control", Input).focus()
        await pilot.press(*"one email")
        assert store.checkins.get(today(store.clock)) is None  # still waiting for its beat
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0  # nothing to ask: it was written
    assert store.checkins.get(today(store.clock)).control == "one email"


async def test_vent_typed_just_before_ctrl_q_is_stored(make_home_app, store, monkeypatch):
    monkeypatch.setattr(wallow_module, "VENT_SAVE_DELAY", 600.0)
    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    store.wallow.start(case.id, 15)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)  # resumed at launch
        await pilot.press(*"so [/] annoyed")
        assert store.wallow.for_rejection(case.id).vent_text == ""
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert store.wallow.for_rejection(case.id).vent_text == "so [/] annoyed"
