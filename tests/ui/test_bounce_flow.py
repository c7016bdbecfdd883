"""The bounce-back flow end to end through Pilot, with a fixed clock: screens and stored rows."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta

from textual.widgets import Digits, Input, TextArea

from bounceback.domain import FeedbackStatus, RejectionKind, Stage
from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
from bounceback.screens.bounce.detective import DetectiveScreen
from bounceback.screens.bounce.feedback import FeedbackScreen
from bounceback.screens.bounce.moving import KeepMovingScreen
from bounceback.screens.bounce.ritual import RitualScreen
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.modals import ConfirmModal, PickerModal, TextPromptModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.widgets.wallow_timer import WallowTimer
from tests.ui.conftest import add, screen_text, settle
from tests.ui.toasts import toasts_of


def digits(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(Digits).value


async def start_flow(pilot, store, company="Initrode", stage=Stage.SCREENING):  # type: ignore[no-untyped-def]
    app_id = add(store, company, "Designer", contact_name="Sam Lee")
    store.applications.move(app_id, stage)
    pilot.app.screen.reload()
    await settle(pilot)
    await pilot.press("r")  # asks first: enter (or y) records it and opens first aid
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("enter")
    await settle(pilot)
    return app_id


async def test_acknowledge_saves_at_once_and_starts_the_window(pilot, store, clock):
    await start_flow(pilot, store)
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    await pilot.press("space", "down", "space", "7")  # disappointed, frustrated; intensity 7
    await pilot.pause()
    (row,) = store.rejections.rows()
    case = store.rejections.get(row.id)
    assert case.feelings == ("disappointed", "frustrated") and case.intensity_before == 7
    pilot.app.screen.query_one("#ack-note", Input).focus()
    await pilot.press(*"[bold]x wanted it")
    await pilot.pause()
    assert pilot.app.screen.note_pending  # saved a beat after the last keystroke:
    pilot.app.screen.save_note()  # that beat, without waiting for a wall-clock timer
    assert store.rejections.get(row.id).feeling_note == "[bold]x wanted it"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WallowScreen)
    window = store.wallow.open_window()
    assert window is not None and window.ends_at == clock.now() + timedelta(minutes=15)
    assert digits(pilot.app) == "15:00"
    assert "You named: disappointed, frustrated" in screen_text(pilot.app)


async def test_acknowledge_works_with_only_the_defaults(pilot, store):
    await start_flow(pilot, store)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WallowScreen)
    assert store.wallow.open_window().minutes == 15


async def test_countdown_is_exact_vent_autosaves_and_time_up_waits_for_a_key(
    pilot, store, clock
):
    """Time is driven by the fake clock and the timer's own tick; nothing waits on a real timer."""
    await start_flow(pilot, store)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    timer = screen.query_one(WallowTimer)
    clock.advance(61)
    timer.tick()
    await pilot.pause()
    assert digits(pilot.app) == "13:59"
    await pilot.press(*"so [/] annoyed")
    await pilot.pause()
    assert screen.vent_pending
    screen.save_vent()  # what the debounce does a beat after the last keystroke
    assert store.wallow.open_window().vent_text == "so [/] annoyed"
    clock.advance(15 * 60)
    timer.tick()
    timer.tick()
    await settle(pilot)
    assert pilot.app.title == "bounceback — time's up"
    assert pilot.app.screen is screen  # nothing moved on by itself
    assert "Time's up — enter when ready" in screen_text(pilot.app)
    (row,) = store.rejections.rows()
    window = store.wallow.for_rejection(row.id)
    assert window.ended_at == window.ends_at and not window.ended_early
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RitualScreen)
    assert pilot.app.title == "bounceback"


async def test_end_early_asks_first_and_there_is_no_extend(pilot, store, clock):
    await start_flow(pilot, store)
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WallowScreen)
    clock.advance(120)
    await pilot.press("escape", "x", "y")  # out of the vent box, then x: end early
    await settle(pilot)
    assert isinstance(pilot.app.screen, RitualScreen)
    (row,) = store.rejections.rows()
    assert store.wallow.for_rejection(row.id).ended_early


async def test_relaunch_resumes_the_countdown_with_the_right_time_left(
    make_home_app, store, clock
):
    app_id = add(store, "Hooli", "PM")
    from bounceback.playbook.triage import judge

    case = store.rejections.log_for_application(app_id, judge)
    store.wallow.start(case.id, 15)
    clock.advance(5 * 60)  # the app was closed for five minutes
    # the app as a person starts it (a test app that also switches to the Pipeline at start-up
    # would race the resume)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)
        assert digits(app) == "10:00"


async def test_window_that_ran_out_while_closed_goes_straight_to_the_ritual(
    make_home_app, store, clock
):
    app_id = add(store, "Hooli", "PM")
    from bounceback.playbook.triage import judge

    case = store.rejections.log_for_application(app_id, judge)
    window = store.wallow.start(case.id, 5)
    clock.advance(3600)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RitualScreen)
        assert store.wallow.get(window.id).ended_at == window.ends_at
        assert store.wallow.open_window() is None


async def test_ritual_detective_feedback_and_keep_moving(pilot, store, clock, tmp_path,
                                                         monkeypatch):
    add(store, "Saved Co", "Analyst", stage=Stage.SAVED)
    await start_flow(pilot, store, stage=Stage.FINAL_ROUND)
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("ctrl+s", "y")  # end the window early
    await settle(pilot)
    # ritual: no wins yet → a quick add; enter marks the first offered ritual done
    assert "Your confidence file is empty" in screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.press("4")
    await pilot.pause()
    (row,) = store.rejections.rows()
    assert store.rituals.done_for(row.id)
    assert store.rejections.get(row.id).intensity_after == 4
    pilot.app.screen.query_one("#ritual-quick-win", Input).focus()
    await pilot.press(*"Calm under pressure", "enter")
    await pilot.pause()
    assert "Calm under pressure" in screen_text(pilot.app)
    await pilot.press("ctrl+s")
    await settle(pilot)
    # detective: final round → product-fit; tick a cause; override the kind with a reason
    assert isinstance(pilot.app.screen, DetectiveScreen)
    assert "You made the last few; small things decided" in screen_text(pilot.app)
    assert "(a product-fit problem)" in screen_text(pilot.app)  # the jargon only as a gloss
    pilot.app.screen.query_one("#detective-causes").focus()
    await pilot.press("space")
    await pilot.pause()
    case = store.rejections.get(row.id)
    assert case.kind is RejectionKind.FINAL and len(case.causes) == 1
    await pilot.press("k")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerModal)
    await pilot.press("home", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextPromptModal)
    await pilot.press(*"they never read the portfolio", "enter")
    await settle(pilot)
    case = store.rejections.get(row.id)
    assert case.kind is RejectionKind.EARLY
    assert case.kind_override_reason == "they never read the portfolio"
    pilot.app.screen.query_one("#detective-lessons", TextArea).focus()
    await pilot.press(*"lead with the case study")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert store.rejections.get(row.id).lessons == "lead with the case study"
    # feedback: asked once for the name to sign with; the contact's first name greets;
    # copy, save to a file, mark asked
    assert isinstance(pilot.app.screen, TextPromptModal)
    await pilot.press(*"Jo Rivera", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackScreen)
    assert store.settings.get().your_name == "Jo Rivera"
    email = pilot.app.screen.email
    assert email.startswith("Hello Sam,") and email.endswith("Kind regards,\nJo Rivera\n")
    assert "consider my application" in email  # the kind was changed to early above
    assert "Hello Sam," in screen_text(pilot.app)
    monkeypatch.setattr("bounceback.clipboard.clipboard_tools", lambda: [])
    await pilot.press("c")
    await settle(pilot)
    assert "Hello Sam," in pilot.app.clipboard
    assert "If nothing pastes, press s" in " ".join(toasts_of(pilot.app))
    await pilot.press("s")
    await pilot.pause()
    prompt = pilot.app.screen.query_one("#prompt-input", Input)
    target = tmp_path / "ask.txt"
    prompt.value = str(target)
    await pilot.press("enter")
    await pilot.pause()
    assert "Hello Sam," in target.read_text() and target.read_text().endswith("Jo Rivera\n")
    assert oct(os.stat(target).st_mode & 0o777) == "0o600"
    await pilot.press("a")
    await pilot.pause()
    case = store.rejections.get(row.id)
    assert case.feedback_status is FeedbackStatus.ASKED
    assert case.feedback_asked_on == clock.now().date()
    await pilot.press("ctrl+s")
    await settle(pilot)
    # keep moving: health and the saved application to send next
    assert isinstance(pilot.app.screen, KeepMovingScreen)
    text = screen_text(pilot.app)
    assert "Saved Co — Analyst" in text and "Nothing active — your minimum is 5" in text
    assert store.rejections.get(row.id).flow_step == "done"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)


async def test_saving_the_email_never_overwrites_without_asking(pilot, store, tmp_path):
    store.settings.set_your_name("")  # asked before: no prompt on arrival
    await start_flow(pilot, store)
    (row,) = store.rejections.rows()
    from bounceback.screens.bounce.base import screen_for

    pilot.app.switch_screen(screen_for("feedback", row.id))
    await settle(pilot)
    target = tmp_path / "exists.txt"
    target.write_text("keep me")
    await pilot.press("s")
    await pilot.pause()
    pilot.app.screen.query_one("#prompt-input", Input).value = str(target)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("n")
    await pilot.pause()
    assert target.read_text() == "keep me"


async def test_untracked_rejection_from_the_palette_flow(pilot, store):
    from bounceback.screens.bounce.entry import log_untracked_rejection

    log_untracked_rejection(pilot.app.screen)
    await pilot.pause()
    await pilot.press("ctrl+s")  # company is required
    await pilot.pause()
    assert "Company is required." in screen_text(pilot.app)
    await pilot.press(*"[/]Nameless Startup", "tab", *"Engineer", "ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    (row,) = store.rejections.rows()
    assert row.company == "[/]Nameless Startup" and row.kind is RejectionKind.EARLY
    assert "[/]Nameless Startup — Engineer" in screen_text(pilot.app)


async def test_killing_the_process_loses_nothing_typed(store, tmp_path):
    """Each step writes as it goes: the rows are there without any clean shutdown."""
    app_id = add(store, "Crashy", "Dev")
    from bounceback.playbook.triage import judge

    case = store.rejections.log_for_application(app_id, judge)
    store.rejections.update(case.id, feelings=["numb"], intensity_before=5)
    window = store.wallow.start(case.id, 10)
    store.wallow.save_vent(window.id, "half a thought")
    raw = sqlite3.connect(store.path)
    assert raw.execute("select vent_text from wallow_window").fetchone() == ("half a thought",)
    assert raw.execute("select intensity_before from rejection").fetchone() == (5,)


async def test_a_paused_case_goes_on_from_its_step(make_app, store):
    app_id = add(store, "Pausy", "Dev")
    from bounceback.playbook.triage import judge
    from bounceback.screens.case import CaseScreen

    case = store.rejections.log_for_application(app_id, judge)
    store.rejections.update(case.id, flow_step="detective")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(CaseScreen(case.id))
        await settle(pilot)
        assert "paused at the detective step" in screen_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, DetectiveScreen)
