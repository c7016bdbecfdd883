"""Interview rounds: the round form (Pipeline, detail, after a move), the rounds on the detail."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select, TextArea

from bounceback.domain import RoundKind, Stage
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.modals import ConfirmModal, PickerModal
from bounceback.screens.round_form import RoundForm, read_questions
from bounceback.store.interviews import RoundDraft
from tests.ui.conftest import add, screen_text, settle

TODAY = date(2026, 11, 25)


async def _fill(app, pilot, *, when: str = "", kind: RoundKind = RoundKind.TECHNICAL,  # type: ignore[no-untyped-def]
                people: str = "", felt: str = "", questions: str = "", notes: str = "") -> None:
    form = app.screen
    assert isinstance(form, RoundForm)
    form.query_one("#input-held_on", Input).value = when
    form.query_one("#input-kind", Select).value = kind.value
    form.query_one("#input-people", Input).value = people
    form.query_one("#input-felt", Input).value = felt
    form.query_one("#input-questions", TextArea).load_text(questions)
    form.query_one("#input-notes", TextArea).load_text(notes)
    await pilot.pause()


def test_read_questions_marks_shaky_lines() -> None:
    assert read_questions("!Why us?\n\n  Tell me about [bold]x \n! ") == (
        ("Why us?", True), ("Tell me about [bold]x", False))


async def test_i_on_the_pipeline_writes_up_a_round_with_hostile_text(pilot, store) -> None:  # type: ignore[no-untyped-def]
    app_id = add(store, "Acme [/]", stage=Stage.INTERVIEWING)
    app = pilot.app
    app.screen.reload()  # the row was added after the Pipeline loaded
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(app.screen, RoundForm)
    text = screen_text(app)
    assert "Write up the round — Acme [/]" in text
    assert "Start a line with ! for one you felt shaky on" in text
    await _fill(app, pilot, people="[bold]x, Dana [/]", felt="4",
                questions="!Tell me about a conflict [/]\nWhy us?", notes="[b]went long")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(app.screen, RoundForm)
    [r] = store.interviews.rounds_for(app_id)
    assert (r.held_on, r.kind, r.people, r.felt, r.notes) == (
        TODAY, RoundKind.TECHNICAL, "[bold]x, Dana [/]", 4, "[b]went long")
    assert [(q.text, q.shaky) for q in r.questions] == [
        ("Tell me about a conflict [/]", True), ("Why us?", False)]


async def test_bad_rating_and_future_date_are_refused_where_typed(pilot, store) -> None:  # type: ignore[no-untyped-def]
    app_id = add(store, "Acme", stage=Stage.INTERVIEWING)
    app = pilot.app
    app.screen.reload()  # the row was added after the Pipeline loaded
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    await _fill(app, pilot, felt="eleven", questions="Why us?")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, RoundForm)
    assert "A number from 0 to 10" in screen_text(app)
    await _fill(app, pilot, when="2026-12-30", felt="11", questions="Why us?")
    await pilot.press("ctrl+s")
    await settle(pilot)
    text = screen_text(app)
    assert "That date is in the future" in text and "is a number from 0" in text
    assert app.screen.query_one("#input-questions", TextArea).text == "Why us?"  # kept
    assert store.interviews.rounds_for(app_id) == []


async def test_moving_to_interviewing_offers_the_round_form_without_blocking(pilot, store) -> None:  # type: ignore[no-untyped-def]
    app_id = add(store, "Acme", stage=Stage.SCREENING)
    app = pilot.app
    app.screen.reload()  # the row was added after the Pipeline loaded
    await settle(pilot)
    await pilot.press("right_square_bracket")
    await settle(pilot)
    assert store.applications.get(app_id).stage is Stage.INTERVIEWING  # moved already
    assert isinstance(app.screen, ConfirmModal)
    assert "Write up the round?" in screen_text(app)
    await pilot.press("escape")
    await settle(pilot)
    assert not isinstance(app.screen, (ConfirmModal, RoundForm))
    # "interviewing again" from the m picker: offered again; enter opens the form
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(app.screen, PickerModal)
    await pilot.press("enter")  # the picker starts on the current stage: another round
    await settle(pilot)
    assert isinstance(app.screen, ConfirmModal)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, RoundForm)
    await _fill(app, pilot, kind=RoundKind.PANEL, questions="!Why leave?")
    await pilot.press("ctrl+s")
    await settle(pilot)
    [r] = store.interviews.rounds_for(app_id)
    assert r.kind is RoundKind.PANEL and r.questions[0].shaky
    assert store.applications.get(app_id).interview_rounds == 2


async def test_the_detail_lists_rounds_and_fixes_and_removes_one(pilot, store) -> None:  # type: ignore[no-untyped-def]
    app_id = add(store, "Acme", stage=Stage.INTERVIEWING)
    first = store.interviews.add(app_id, RoundDraft(
        held_on=date(2026, 11, 10), kind=RoundKind.PHONE, people="Sam [/]", felt=7,
        questions=(("Walk me through your resume", False),)), TODAY)
    store.interviews.add(app_id, RoundDraft(
        held_on=date(2026, 11, 20), kind=RoundKind.TECHNICAL, people="[bold]x", felt=3,
        questions=(("Design a rate limiter [/]", True), ("Why us?", False))), TODAY)
    app = pilot.app
    app.push_screen(ApplicationDetailScreen(app_id))
    await settle(pilot)
    text = screen_text(app)
    assert "Interview rounds" in text
    assert "Nov 10 · phone · went 7/10 · Sam [/]  (1 question)" in text
    assert "Nov 20 · technical · went 3/10 · [bold]x  (2 questions, 1 shaky)" in text
    assert "shaky: Design a rate limiter [/]" in text
    # fix the phone round: pick it (newest first), change the rating
    await pilot.press("I")
    await settle(pilot)
    assert isinstance(app.screen, PickerModal)
    await pilot.press("down", "enter")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, RoundForm)
    assert form.query_one("#input-people", Input).value == "Sam [/]"
    form.query_one("#input-felt", Input).value = "5"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert store.interviews.get(first.id).felt == 5
    assert "Nov 10 · phone · went 5/10" in screen_text(app)
    # remove asks first: n keeps it, y removes it
    await pilot.press("x")
    await settle(pilot)
    await pilot.press("enter")  # the newest round
    await settle(pilot)
    assert isinstance(app.screen, ConfirmModal)
    assert "Remove the technical round of Nov 20" in screen_text(app)
    await pilot.press("n")
    await settle(pilot)
    assert len(store.interviews.rounds_for(app_id)) == 2
    await pilot.press("x")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)
    assert [r.kind for r in store.interviews.rounds_for(app_id)] == [RoundKind.PHONE]
    text = screen_text(app)
    assert "technical" not in text and "Nov 10 · phone" in text


async def test_the_detail_says_how_to_write_up_a_round(pilot, store) -> None:  # type: ignore[no-untyped-def]
    app_id = add(store, "Acme", stage=Stage.APPLIED)
    app = pilot.app
    app.push_screen(ApplicationDetailScreen(app_id))
    await settle(pilot)
    assert "None written up yet" in screen_text(app)
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(app.screen, RoundForm)
    await _fill(app, pilot, questions="Why us?")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ApplicationDetailScreen)
    assert "(1 question)" in screen_text(app)


async def test_a_round_typed_then_killed_is_offered_back_in_its_form(
        make_app, make_home_app, store) -> None:  # type: ignore[no-untyped-def]
    from bounceback.screens.keeps_draft import KeepsDraft

    app_id = add(store, "Acme", stage=Stage.INTERVIEWING)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", *"Dana [b]x")  # date, kind, rating, then who
        form = pilot.app.screen
        assert isinstance(form, KeepsDraft) and form.draft_pending
        form.save_draft_now()
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "notes on an interview round (Dana [b]x)" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RoundForm)
        assert form.query_one("#input-people", Input).value == "Dana [b]x"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [r] = store.interviews.rounds_for(app_id)
    assert r.people == "Dana [b]x"
    assert store.form_drafts.all() == []
