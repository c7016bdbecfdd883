"""Issue 10, item 1: a form's unsaved text survives a kill and is offered back.

Before, forms kept nothing until ctrl+s: a kill mid-typing lost it all. Now every form writes a
draft to the store a moment after each change (`KeepsDraft`); the next start says "When
bounceback closed, you were writing: …" and enter picks it up in its own form. A "kill" here is
an app dropped without quitting (nothing flushed): only what the draft's pause already wrote
survives, as with SIGKILL. The pause itself is a Textual timer; tests run its callback
(`save_draft_now`) instead of waiting on the wall clock.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Label, Select, SelectionList, TextArea

from bounceback.domain import Stage
from bounceback.playbook.triage import classify
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.bounce.untracked import UntrackedForm
from bounceback.screens.case_form import CaseForm
from bounceback.screens.draft_offer import DraftOffer, DraftText
from bounceback.screens.goal_form import GoalForm
from bounceback.screens.help_form import HelpForm
from bounceback.screens.keeps_draft import KeepsDraft
from bounceback.screens.unsaved import QuitQuestion
from bounceback.screens.win_form import WinForm
from tests.ui.conftest import add, screen_text, settle

COMPANY = "Acme [/] [@click=app.quit]x[/]"


async def _type_and_keep(pilot: Any, *keys: str) -> KeepsDraft[Any]:
    """Type into the open form and run the draft's pause (what its timer does)."""
    await pilot.press(*keys)
    form = pilot.app.screen
    assert isinstance(form, KeepsDraft)
    assert form.draft_pending  # the pause after typing is running
    form.save_draft_now()
    assert not form.draft_pending
    return form


async def test_an_application_typed_then_killed_is_offered_back_and_saved(
        make_app, make_home_app, store):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await _type_and_keep(pilot, *COMPANY, "tab", *"Engineer")
        (kept,) = store.form_drafts.all()
        assert kept.values["company"] == COMPANY and kept.values["role"] == "Engineer"
    # dropped without quitting: nothing more was written, and the draft is still there
    assert store.applications.rows() == [] and len(store.form_drafts.all()) == 1

    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftOffer)
        text = screen_text(app)
        assert "When bounceback closed, you were writing:" in text
        assert f"a new application for {COMPANY}" in text  # shown literally, no action run
        assert "enter: pick it up" in text and "d: discard" in text
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm) and app.current_mode == "pipeline"
        assert form.query_one("#input-company", Input).value == COMPANY
        assert form.query_one("#input-role", Input).value == "Engineer"
        assert "Picked up what you were writing when bounceback closed (Nov 25, 09:30)" in \
            str(form.query_one("#form-banner", Label).render())
        assert form.unsaved_changes()  # escape would ask before throwing it away
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
    (row,) = store.applications.rows()
    assert (row.company, row.role) == (COMPANY, "Engineer")
    assert store.form_drafts.all() == []  # saved: the draft went with it


async def test_later_keeps_it_and_the_form_picks_it_up_when_opened(make_app, make_home_app,
                                                                   store):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await _type_and_keep(pilot, *"Initech")
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftOffer)
        await pilot.press("escape")  # later
        await settle(pilot)
        assert not isinstance(app.screen, DraftOffer) and app.current_mode == "today"
        assert len(store.form_drafts.all()) == 1
        await pilot.press("2", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#input-company", Input).value == "Initech"
        await pilot.press("escape")
        await settle(pilot)
        assert "Discard what you typed?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert store.form_drafts.all() == [] and store.applications.rows() == []
        await pilot.press("n")  # a new form is empty again
        await settle(pilot)
        assert app.screen.query_one("#input-company", Input).value == ""


async def test_d_discards_after_asking(make_app, make_home_app, store):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await _type_and_keep(pilot, *"Hooli")
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "Discard a new application for Hooli" in screen_text(app)
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert isinstance(app.screen, DraftOffer) and len(store.form_drafts.all()) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert not isinstance(app.screen, DraftOffer)
    assert store.form_drafts.all() == []


async def test_an_edit_whose_record_was_deleted_is_shown_to_copy(make_app, make_home_app, store):
    app_id = add(store, "Globex")
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#input-notes", TextArea).focus()
        await _type_and_keep(pilot, *"ask about the team")
    store.applications.delete(app_id)  # e.g. from another window
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "changes to the application at Globex" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DraftText)
        assert "ask about the team" in app.screen.query_one(TextArea).text
        assert "deleted since" in screen_text(app)
        await pilot.press("escape")  # closed, kept
        await settle(pilot)
        assert len(store.form_drafts.all()) == 1


async def test_an_edit_changed_elsewhere_since_says_so(make_app, make_home_app, store):
    from bounceback.store.drafts import ApplicationDraft

    app_id = add(store, "Globex")
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await _type_and_keep(pilot, "end", *" Corp")
    detail = store.applications.get(app_id)
    store.applications.update(app_id, ApplicationDraft(company="Globex", role="Boss"),
                              detail.version)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#input-company", Input).value == "Globex Corp"
        assert "changed elsewhere since" in str(form.query_one("#form-banner", Label).render())


async def _open_goal(pilot: Any) -> None:
    pilot.app.action_go("goals")
    await settle(pilot)
    await pilot.press("n")


async def _open_win(pilot: Any) -> None:
    pilot.app.action_go("wins")
    await settle(pilot)
    await pilot.press("n")


async def _open_help(pilot: Any) -> None:
    pilot.app.action_go("wins")
    await settle(pilot)
    await pilot.press("h")


async def _open_untracked(pilot: Any) -> None:
    pilot.app.action_go("rejections")
    await settle(pilot)
    await pilot.press("n")


@pytest.mark.parametrize(("open_form", "form_class", "field", "mode"), [
    (_open_goal, GoalForm, "#goal-title", "goals"),
    (_open_win, WinForm, "#input-title", "wins"),
    (_open_help, HelpForm, "#input-who", "wins"),
    (_open_untracked, UntrackedForm, "#untracked-company", "rejections"),
], ids=["goal", "win", "help", "untracked"])
async def test_every_form_is_offered_back_in_its_own_place(make_app, make_home_app, store,
                                                           open_form, form_class, field, mode):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_form(pilot)
        assert isinstance(pilot.app.screen, form_class)
        await _type_and_keep(pilot, *"Walk [b]x")
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Walk [b]x" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, form_class) and app.current_mode == mode
        assert app.screen.query_one(field, Input).value == "Walk [b]x"
        await pilot.press("escape", "y")  # discarded on purpose: the draft goes
        await settle(pilot)
    assert store.form_drafts.all() == []


async def test_a_case_draft_keeps_its_kind_and_ticked_causes(make_app, make_home_app, store):
    from bounceback.domain import RejectionKind
    from bounceback.screens.case import CaseScreen

    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(CaseScreen(case.id))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, CaseForm)
        form.query_one("#input-kind", Select).value = RejectionKind.FINAL.value
        await settle(pilot)
        checklist = form.query_one("#input-causes", SelectionList)
        first = checklist.get_option_at_index(0).value
        checklist.select(first)
        form.query_one("#input-lessons", TextArea).focus()
        await _type_and_keep(pilot, *"rehearse")
        kept = store.form_drafts.all()[0].values
        assert kept["causes"] == [first] and kept["kind"] == RejectionKind.FINAL.value
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "changes to the case for Acme" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CaseForm)
        assert form.query_one("#input-lessons", TextArea).text == "rehearse"
        assert form.query_one("#input-kind", Select).value == RejectionKind.FINAL.value
        assert form.query_one("#input-causes", SelectionList).selected == [first]
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = store.rejections.get(case.id)
    assert saved.lessons == "rehearse" and saved.kind is RejectionKind.FINAL
    assert list(saved.causes) == [first] and store.form_drafts.all() == []


async def test_quit_and_discard_drops_the_draft(pilot, store):
    await pilot.press("n")
    await _type_and_keep(pilot, *"Hooli")
    assert len(store.form_drafts.all()) == 1
    await pilot.press("ctrl+q")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuitQuestion)
    await pilot.press("y")
    await pilot.pause()
    assert pilot.app.return_code == 0 and store.form_drafts.all() == []


async def test_typing_back_to_where_it_was_keeps_nothing(pilot, store):
    await pilot.press("n")
    form = await _type_and_keep(pilot, *"Ho")
    assert len(store.form_drafts.all()) == 1
    await pilot.press("backspace", "backspace")
    form.save_draft_now()
    assert store.form_drafts.all() == []


async def test_a_second_form_of_the_same_kind_never_takes_an_open_forms_draft(pilot, store):
    """A win form is open on the Wins stack with text; the palette's quick add opens another."""
    pilot.app.action_go("wins")
    await settle(pilot)
    await pilot.press("n")
    first = await _type_and_keep(pilot, *"Shipped")
    pilot.app.action_go("goals")
    await settle(pilot)
    pilot.app.action_add_win()
    await settle(pilot)
    second = pilot.app.screen
    assert isinstance(second, WinForm) and second is not first
    assert second.query_one("#input-title", Input).value == ""


async def test_typing_on_without_a_pause_is_still_written_in_time(pilot, store, monkeypatch):
    """The pause timer restarts at every key; the deadline does not (a kill mid-burst loses at
    most DRAFT_MAX_WAIT of typing)."""
    from bounceback.screens import keeps_draft

    # timers long enough that a loaded machine's gap between two keys never fires one
    monkeypatch.setattr(keeps_draft, "DRAFT_SAVE_DELAY", 60.0)
    monkeypatch.setattr(keeps_draft, "DRAFT_MAX_WAIT", 120.0)
    await pilot.press("n", "H")
    form = pilot.app.screen
    assert isinstance(form, KeepsDraft)
    deadline = form.draft_deadline
    assert deadline is not None and form.draft_pending
    await pilot.press(*"ooli Inc")
    assert form.draft_deadline is deadline  # the burst did not push it back
    assert keeps_draft.DRAFT_MAX_WAIT > keeps_draft.DRAFT_SAVE_DELAY
    form.save_draft_now()  # what either timer runs
    assert form.draft_deadline is None and not form.draft_pending
    assert store.form_drafts.all()[0].values["company"] == "Hooli Inc"


async def test_the_offer_comes_on_top_of_a_resumed_wallow_window(make_home_app, store):
    from bounceback.screens.bounce.wallow import WallowScreen

    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    store.wallow.start(case.id, 15)
    store.form_drafts.save(None, "win", None, None, {"title": "Shipped it", "category": "shipped"})
    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DraftOffer)
        assert "a new win: Shipped it" in screen_text(app)
        assert any(isinstance(s, WallowScreen) for s in app.screen_stack)  # resumed beneath
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)
