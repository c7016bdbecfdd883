"""Issue 9, defects 14 and 15 (help): the demo says it is a demo, and `?` promises only keys
that work where you are — including Today's goal keys while the check-in has focus.
"""

from __future__ import annotations

import pytest

from bounceback.app import BouncebackApp
from bounceback.domain import Stage
from bounceback.playbook.triage import classify
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.help import HelpScreen
from bounceback.screens.help_form import HelpForm
from bounceback.screens.today import TodayScreen
from bounceback.widgets.mode_bar import DEMO_NOTE
from tests.ui.conftest import add, screen_text, settle

MODES = ("today", "pipeline", "rejections", "wins", "goals")


def demo_app(store, clock) -> BouncebackApp:  # type: ignore[no-untyped-def]
    return BouncebackApp(open_store=lambda: store, clock=clock, demo=True)


async def _help_text(pilot) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("question_mark")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    text = screen_text(pilot.app)
    await pilot.press("escape")
    await settle(pilot)
    return text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_demo_is_labelled_on_every_screen(store, clock, size):
    app_id = add(store, "Globex")
    app = demo_app(store, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for mode in MODES:
            app.action_go(mode)
            await settle(pilot)
            assert DEMO_NOTE in screen_text(app), (mode, screen_text(app))
        app.action_go("pipeline")
        await settle(pilot)
        app.push_screen(ApplicationDetailScreen(app_id))
        await settle(pilot)
        assert DEMO_NOTE in screen_text(app)


@pytest.mark.parametrize(("size", "label"), [((80, 24), " demo "), ((120, 40), " demo ")])
async def test_the_flow_steps_say_demo_too(store, clock, size, label):
    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    store.wallow.start(case.id, 15)
    app = demo_app(store, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)
        for _ in range(20):  # the resumed window's screen mounts a few messages later
            if label in screen_text(app):
                break
            await pilot.pause()
        first = screen_text(app).splitlines()[0]
        assert label in first, first
        assert first.rstrip().endswith("demo")  # the short label at the end
        if size[0] >= 120:  # room for every step by name
            assert "6 Keep moving" in first
        else:  # the other steps by number, the current one named
            assert "2 Wallow window › 3 › 4" in first


async def test_demo_help_says_what_happens_on_quit_and_promises_no_saving(store, clock):
    app = demo_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_go("pipeline")
        await settle(pilot)
        text = await _help_text(pilot)
        assert DEMO_NOTE in text
        assert "saved" not in text.replace("unsaved", "")


async def test_a_real_database_has_no_demo_label(home):
    assert DEMO_NOTE not in screen_text(home.app)
    home.app.action_go("pipeline")
    await settle(home)
    text = await _help_text(home)
    assert "demo" not in text and "what you enter is saved as you go" in text


async def test_today_help_lists_the_goal_keys_while_the_check_in_has_focus(home):
    assert isinstance(home.app.screen, TodayScreen)
    assert home.app.screen.checkin.has_focus_within  # the goal list is not focused
    text = await _help_text(home)
    for key, words in (("+ =", "Count one more"), ("-", "Take one off"),
                       ("space", "Mark the highlighted goal done"),
                       ("r", "rest day for this goal"), ("R", "rest day for every goal")):
        assert any(line.strip(" │▊▎▌█").startswith(f"{key}  ") and words in line
                   for line in text.splitlines()), (key, text)


async def test_wins_n_does_what_its_help_says_in_every_section(make_home_app, store):
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_go("wins")
        await settle(pilot)
        text = await _help_text(pilot)
        assert "a time you helped on Help given" in text
        await pilot.press("l")  # Help given
        await settle(pilot)
        assert "n  New: a win here, a time you helped on Help given" in await _help_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HelpForm)
