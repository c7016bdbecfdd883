"""The final-round detective shows the rounds and the questions that keep coming back; the
answer bank keeps better answers (issue 13)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, TextArea

from bounceback.domain import RejectionKind, RoundKind, Stage
from bounceback.playbook.triage import judge
from bounceback.screens.answer_bank import AnswerBankScreen, AnswerForm
from bounceback.screens.bounce.detective import DetectiveScreen
from bounceback.screens.case import CaseScreen
from bounceback.screens.interview_prep import interview_prep
from bounceback.screens.modals import ConfirmModal
from bounceback.store.db import Store
from bounceback.store.interviews import RoundDraft
from tests.ui.conftest import add, screen_text, settle

TODAY = date(2026, 11, 25)


def _final(store: Store, company: str, *rounds: RoundDraft) -> int:
    """A final-round no with its rounds written up; returns the case id."""
    app_id = add(store, company, stage=Stage.INTERVIEWING)
    for draft in rounds:
        store.interviews.add(app_id, draft, TODAY)
    store.applications.move(app_id, Stage.FINAL_ROUND)
    case = store.rejections.log_for_application(app_id, judge)
    assert case.kind is RejectionKind.FINAL
    store.rejections.update(case.id, flow_step="detective")
    return case.id


def _round(day: int, kind: RoundKind, felt: int | None, *questions: tuple[str, bool],
           people: str = "") -> RoundDraft:
    return RoundDraft(held_on=date(2026, 11, day), kind=kind, felt=felt, people=people,
                      questions=questions)


async def _detective(app, pilot, case_id: int) -> DetectiveScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.push_screen(CaseScreen(case_id))
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(app.screen, DetectiveScreen)
    return app.screen


async def test_the_final_round_detective_shows_rounds_and_recurring_questions(
        make_app, store) -> None:  # type: ignore[no-untyped-def]
    _final(store, "Globex", _round(3, RoundKind.PANEL, 6, ("Tell me about a conflict", False)))
    case_id = _final(
        store, "Initech [/]",
        _round(10, RoundKind.PHONE, 7, ("tell me about a conflict?", False), people="[bold]x"),
        _round(17, RoundKind.TECHNICAL, 3, ("Design a cache [/]", True)))
    store.interviews.save_answer("Tell me about a conflict", "The [b]launch story")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _detective(app, pilot, case_id)
        await settle(pilot)
        text = screen_text(app)
        assert "The evidence — your interview rounds" in text
        assert "Nov 10 · phone · went 7/10 · [bold]x" in text
        assert "Nov 17 · technical · went 3/10  (1 shaky)" in text
        assert "Rated lowest: technical on Nov 17 (3/10)" in text
        assert "tell me about a conflict? — asked in 2 of your last 2 final rounds · answer ready" \
            in text
        assert "Design a cache [/] — shaky in the technical round · no answer yet" in text
        assert "Your answer: The [b]launch story" in text
        assert "The evidence — your resume" not in text  # the early panel stays hidden
        # w on the shaky question writes an answer into the bank
        options = screen.query_one("#rounds-questions", OptionList)
        options.focus()
        await pilot.pause()
        while options.highlighted != 1:
            await pilot.press("down")
        await settle(pilot)
        assert "No answer to “Design a cache [/]” yet" in screen_text(app)
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AnswerForm)
        assert form.query_one("#input-question", Input).value == "Design a cache [/]"
        form.query_one("#input-answer", TextArea).load_text("LRU, then [/] measure")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DetectiveScreen)
        saved = store.interviews.answer_for("design a cache")
        assert saved is not None and saved.answer == "LRU, then [/] measure"
        assert "Design a cache [/] — shaky in the technical round · answer ready" in \
            screen_text(app)
        # b opens the answer bank over the flow
        screen.query_one("#rounds-questions").focus()
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, AnswerBankScreen)


async def test_a_final_no_without_rounds_says_how_to_keep_them(make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _final(store, "Hooli")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _detective(app, pilot, case_id)
        await settle(pilot)
        text = screen_text(app)
        assert "No rounds written up for this application" in text
        assert "No question has come back yet" in text


async def test_the_answer_bank_filters_adds_edits_and_removes(make_app, store) -> None:  # type: ignore[no-untyped-def]
    store.interviews.save_answer("Why us? [/]", "Your [bold]mission")
    store.interviews.save_answer("Tell me about a conflict", "The launch")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_answer_bank()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnswerBankScreen)
        text = screen_text(app)
        assert "Why us? [/]" in text and "Tell me about a conflict" in text
        assert "2 of 2" in text
        await pilot.press("slash")
        await pilot.press(*"mission")
        await settle(pilot)
        text = screen_text(app)
        assert "1 of 2" in text and "Your [bold]mission" in text
        assert "Tell me about a conflict" not in text
        await pilot.press("enter")  # back to the list
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AnswerForm)
        form.query_one("#input-answer", TextArea).load_text("Your mission, and [/] mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.interviews.answer_for("why us").answer == "Your mission, and [/] mine"
        assert "Your mission, and [/] mine" in screen_text(app)
        await pilot.press("escape")  # clears the search first
        await settle(pilot)
        assert "2 of 2" in screen_text(app)
        # add one
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AnswerForm)
        assert form.focused is form.query_one("#input-question")  # a new one: question first
        await pilot.press("ctrl+s")  # no question: refused where typed
        await settle(pilot)
        assert "Which question is this the answer to?" in screen_text(app)
        await pilot.press(*"[bold]x salary", "tab", *"A range")  # typed as a person would
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [a.question for a in store.interviews.answers("salary")] == ["[bold]x salary"]
        assert "3 of 3" in screen_text(app)
        # remove asks first
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert len(store.interviews.answers()) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AnswerBankScreen)


def test_interview_prep_names_recurring_questions_before_an_upcoming_round(store) -> None:
    assert interview_prep(store, TODAY) is None
    for company in ("Globex", "Initech"):
        _final(store, company, _round(3, RoundKind.FINAL, 5, ("Tell me about a conflict", False),
                                       ("Why us?", True)))
    store.interviews.save_answer("Tell me about a conflict", "The launch")
    add(store, "Acme [/]", stage=Stage.INTERVIEWING, next_action="Final round",
        next_action_on=date(2026, 11, 26))
    add(store, "Later", stage=Stage.INTERVIEWING, next_action="Panel",
        next_action_on=date(2026, 12, 10))
    assert interview_prep(store, TODAY) == [
        "Before Acme [/] (tomorrow): 2 questions keep coming back — Why us? (no answer yet), "
        "Tell me about a conflict (answer ready)"]


def test_interview_prep_falls_back_to_shaky_questions(store) -> None:
    app_id = add(store, "Acme", stage=Stage.FINAL_ROUND, next_action="Final",
                 next_action_on=date(2026, 11, 27))
    assert interview_prep(store, TODAY) is None  # nothing to prepare yet
    store.interviews.add(app_id, _round(20, RoundKind.PHONE, 4, ("Why leave?", True),
                                        ("Salary?", False)), TODAY)
    assert interview_prep(store, TODAY) == [
        "Before Acme (Fri): 1 question you were shaky on — Why leave? (no answer yet)"]
