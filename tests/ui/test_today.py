"""Today through Pilot: the check-in, today's goals and what the search needs today.

Each test presses keys the way a person would and then checks both the screen and the rows.
The fixed clock is Wednesday 2026-11-25 09:30 UTC, so the weekday goals are due.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual import events
from textual.widgets import Digits, Input, Static, TextArea

from bounceback.clock import today
from bounceback.domain import Stage
from bounceback.playbook.goals import rrule_problem
from bounceback.playbook.triage import judge
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.bounce.ritual import RitualScreen
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.today import CELEBRATION, TodayScreen
from bounceback.screens.today_checkin import CheckInPanel
from bounceback.store.goals import GoalDraft
from bounceback.widgets.goal_list import GoalList
from bounceback.widgets.mood import MoodPicker
from bounceback.widgets.record_table import RecordTable
from bounceback.widgets.wallow_timer import WallowTimer
from tests.ui.conftest import HOSTILE, add, screen_text, settle
from tests.ui.toasts import toasts_of

APPLY, NETWORK, LEARN = "Apply to targeted roles", "Reach out to someone in your network", \
    "Learning time"


def goal_rows(store) -> dict[str, tuple[int, bool]]:  # type: ignore[no-untyped-def]
    """Today's stored (count, rest) per goal title."""
    return {g.title: (g.count, g.rest) for g in store.goals.for_day(today(store.clock))}


def toasts(app) -> list[str]:  # type: ignore[no-untyped-def]
    return toasts_of(app)


async def to_goal(pilot, title: str) -> None:  # type: ignore[no-untyped-def]
    """Focus today's goals with the cursor on `title`."""
    goals = pilot.app.screen.query_one(GoalList)
    goals.focus()
    goals.cursor = next(i for i, g in enumerate(goals.lines) if g.title == title)
    await pilot.pause()


async def test_journey_open_check_in_count_a_goal_quit(make_home_app, store, clock):
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert isinstance(app.focused, CheckInPanel)  # no check-in yet: at its door
        assert "Wednesday, November 25" in screen_text(app)
        assert "enter/c: check in" in screen_text(app)
        await pilot.press("c", "4", "tab", *"Two tailored applications", "enter")  # the check-in
        await pilot.press("down", "plus")  # +1 on the networking goal
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    checkin = store.checkins.today()
    assert (checkin.mood, checkin.control, checkin.note) == (4, "Two tailored applications", "")
    assert goal_rows(store) == {APPLY: (0, False), NETWORK: (1, False), LEARN: (0, False)}


async def test_the_three_defaults_are_seeded_once(home, store):
    assert [g.title for g in store.goals.all()] == [APPLY, NETWORK, LEARN]
    text = screen_text(home.app)
    assert APPLY in text and "0 / 2 applications" in text and "auto" in text
    assert "0 of 3 met" in text


async def test_a_digit_at_launch_switches_screens_and_records_no_mood(home, store):
    """Defect 5: `2` pressed by habit at launch went to the mood picker and stored "low"."""
    assert isinstance(home.app.focused, CheckInPanel)
    await home.press("2")
    await settle(home)
    assert isinstance(home.app.screen, PipelineScreen)
    assert store.checkins.today() is None  # no row at all, let alone a mood


async def test_digits_rate_the_mood_only_inside_the_check_in(home, store):
    await home.press("enter", "3")  # enter on the check-in's door opens it
    await settle(home)
    assert isinstance(home.app.screen, TodayScreen)
    assert store.checkins.today().mood == 3
    await home.press("escape")  # leaves the check-in
    assert isinstance(home.app.focused, GoalList)
    assert "c: check in" in screen_text(home.app)
    await home.press("2")
    await settle(home)
    assert isinstance(home.app.screen, PipelineScreen)
    await home.press("1")
    await settle(home)
    assert isinstance(home.app.screen, TodayScreen)
    assert store.checkins.today().mood == 3
    await home.press("c", "5")  # c goes back into the check-in: the mood can be changed
    await settle(home)
    assert store.checkins.today().mood == 5


@pytest.mark.parametrize("key", ["backspace", "delete"])
async def test_a_mood_can_be_cleared(home, store, key):
    await home.press("c", "4")
    await settle(home)
    assert store.checkins.today().mood == 4
    await home.press(key)
    await settle(home)
    assert store.checkins.today().mood is None
    assert home.app.screen.query_one(MoodPicker).value is None
    await home.press("escape", "2")  # and the digits switch screens again
    await settle(home)
    assert isinstance(home.app.screen, PipelineScreen)
    assert store.checkins.today().mood is None


async def test_enter_on_the_mood_moves_on_to_the_line(home, store):
    await home.press("c", "4", "enter", *"One good application", "enter")
    await settle(home)
    checkin = store.checkins.today()
    assert (checkin.mood, checkin.control) == (4, "One good application")
    assert isinstance(home.app.focused, GoalList)


async def test_the_note_saves_as_you_type_and_todays_check_in_stays_editable(
    make_home_app, store
):
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "2", "tab", "tab", *"Slept badly.", "enter", *"Still here.")
        await pilot.pause()
        checkin = app.screen.checkin
        assert checkin.pending  # saved a beat after the last keystroke:
        checkin.flush()  # that beat, without racing a wall-clock timer
        assert store.checkins.today().note == "Slept badly.\nStill here."
        assert "saved 09:30" in screen_text(app)
    app = make_home_app()  # later that day: the fields come back, and can be changed
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, GoalList)  # checked in already: the goals come first
        assert app.screen.query_one("#today-note", TextArea).text == "Slept badly.\nStill here."
        await pilot.press("c", "4")
        await settle(pilot)
    assert store.checkins.today().mood == 4


async def test_a_day_that_ended_while_open_is_not_rewritten(home, store, clock):
    await home.press("c", "3")
    await settle(home)
    clock.advance(24 * 3600)
    await home.press("5")
    await settle(home)
    assert store.checkins.get(today(clock) - timedelta(days=1)).mood == 3
    assert any("new day" in t for t in toasts(home.app))
    assert "Thursday, November 26" in screen_text(home.app)
    assert home.app.screen.query_one(MoodPicker).value is None


async def test_plus_minus_done_and_the_celebration_comes_once(home, store):
    app = home.app
    for company in ("Globex", "Initech"):
        add(store, company)
    app.screen.reload()
    await settle(home)
    await to_goal(home, NETWORK)
    await home.press("plus", "plus", "minus")
    await settle(home)
    assert goal_rows(store)[NETWORK] == (1, False)
    assert CELEBRATION not in toasts(app)
    await to_goal(home, LEARN)
    await home.press("space")
    await settle(home)
    assert goal_rows(store)[LEARN] == (30, False)
    assert toasts(app).count(CELEBRATION) == 1
    assert "All done for today" in screen_text(app)
    await home.press("minus", "plus", "space")  # unmet and met again: no second party
    await settle(home)
    assert toasts(app).count(CELEBRATION) == 1


async def test_rest_day_is_never_a_miss(home, store):
    await to_goal(home, LEARN)
    await home.press("r")
    await settle(home)
    assert goal_rows(store)[LEARN] == (0, True)
    assert "rest" in screen_text(home.app) and "0 of 2 met, 1 resting" not in screen_text(home.app)
    assert "0 of 2 met" in screen_text(home.app)
    await home.press("r")
    await settle(home)
    assert goal_rows(store)[LEARN] == (0, False)
    await home.press("R")  # every goal rests today
    await settle(home)
    assert all(rest for _, rest in goal_rows(store).values())
    assert "Rest day." in " ".join(toasts(home.app))


async def test_the_apply_goal_counts_new_applications_by_itself(home, store):
    await to_goal(home, APPLY)
    await home.press("plus")
    await settle(home)
    assert goal_rows(store)[APPLY] == (0, False)  # it counts itself; + only explains
    assert any("counts itself" in t for t in toasts(home.app))
    await home.press("2", "n", *"Globex", "tab", *"Platform Engineer", "ctrl+s")
    await settle(home)
    assert not isinstance(home.app.screen, ApplicationForm)
    await home.press("1")
    await settle(home)
    assert goal_rows(store)[APPLY] == (1, False)
    assert "1 / 2 applications" in screen_text(home.app)
    saved = add(store, "Hooli", stage=Stage.SAVED)
    store.applications.move(saved, Stage.APPLIED)  # moved to applied today counts too
    home.app.screen.reload()
    await settle(home)
    assert goal_rows(store)[APPLY] == (2, False)


@pytest.mark.parametrize("text", [t for t in HOSTILE if len(t) < 1000])
async def test_hostile_text_in_the_check_in_and_a_goal_title(make_home_app, store, text):
    for starter in store.goals.all():  # this goal alone, as on a first start
        store.goals.retire(starter.id)
    store.goals.create(GoalDraft(f"goal:{text}"), rrule_problem)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        control = app.screen.query_one("#today-control", Input)
        control.focus()
        control.post_message(events.Paste(f"control:{text}"))
        note = app.screen.query_one("#today-note", TextArea)
        note.focus()
        await pilot.pause()
        note.insert(f"note:{text}")
        await pilot.press("escape")
        await settle(pilot)
        expected = text.replace("\x1b", "")
        checkin = store.checkins.today()
        assert (checkin.control, checkin.note) == (f"control:{expected}", f"note:{expected}")
        shown = screen_text(app)
        assert f"goal:{expected}"[:20] in shown
        assert "\x1b" not in shown
        await pilot.click("#today-goal-list", offset=(10, 0))
        await pilot.press("plus")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, TodayScreen)
        assert store.goals.for_day(today(store.clock))[0].count == 1


async def test_long_goal_titles_and_units_fit_one_line(make_home_app, store):
    for starter in store.goals.all():  # this goal alone, as on a first start
        store.goals.retire(starter.id)
    store.goals.create(GoalDraft("x" * 200, target=9999, unit="u" * 50), rrule_problem)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        goals = app.screen.query_one(GoalList)
        assert goals.size.height == 1
        assert "0 / 9999 uuuuuuuuuuuuuuu…" in screen_text(app)


async def test_follow_ups_due_open_the_application(make_home_app, store, clock):
    due = add(store, "Umbrella", next_action="Send the portfolio",
              next_action_on=today(clock))
    add(store, "Vandelay", next_action="Call back", next_action_on=today(clock) - timedelta(days=3))
    add(store, "Later Inc", next_action_on=today(clock) + timedelta(days=4))
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#today-followups-table", RecordTable)
        assert [f.row.company for f in table.rows] == ["Vandelay", "Umbrella"]
        text = screen_text(app)
        assert "3d late" in text and "today" in text and "Later Inc" not in text
        table.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationDetailScreen) and app.screen.app_id == due
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_pipeline_health_and_keep_moving_after_a_no(make_home_app, store, clock):
    for company in ("A1", "A2"):
        add(store, company)
    add(store, "Next Saved Co", role="Data Engineer", stage=Stage.SAVED)
    clock.advance(60)
    store.rejections.log_untracked("Nope Corp", "Dev", Stage.APPLIED, judge([Stage.APPLIED])[2])
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "2 active — 3 below your minimum of 5" in text
        nudge = str(app.screen.query_one("#today-keep-moving", Static).content)
        assert nudge.startswith('Keep moving. A "no" from Nope Corp today, nothing sent since.')
        assert nudge.endswith("Next up: Next Saved Co — Data Engineer.")
        clock.advance(60)
        store.applications.move(store.applications.rows()[-1].id, Stage.APPLIED)
        await pilot.press("escape", "2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "Keep moving" not in screen_text(app)


async def test_a_win_and_a_strength_rotate(make_home_app, store):
    from bounceback.domain import StrengthKind
    from bounceback.store.wins import WinDraft

    for title in ("Shipped the importer", "Calmed a launch"):
        store.wins.create(WinDraft(title))
    for text in ("Patient teacher", "Honest under pressure"):
        store.strengths.add(text, StrengthKind.QUALITY)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = screen_text(app)
        assert "Shipped the importer" in before
        await pilot.press("escape", "w")
        await settle(pilot)
        after = screen_text(app)
        assert "Calmed a launch" in after
        strengths = [t for t in ("Patient teacher", "Honest under pressure") if t in after]
        assert len(strengths) == 1 and strengths[0] not in before


async def test_an_open_wallow_window_counts_down_here_and_enter_goes_to_it(pilot, store, clock):
    app_id = add(store, "Initrode", "Designer")
    pilot.app.screen.reload()
    await settle(pilot)
    await pilot.press("r", "enter")  # on the Pipeline: a no (asks first; enter says yes)
    await settle(pilot)
    await pilot.press("ctrl+s")  # start the window
    await settle(pilot)
    assert isinstance(pilot.app.screen, WallowScreen)
    pilot.app.action_go("today")  # e.g. from the palette, mid-window
    await settle(pilot)
    today_screen = pilot.app.screen
    assert isinstance(today_screen, TodayScreen)
    assert today_screen.query_one("#today-wallow").display
    assert today_screen.query_one(Digits).value == "15:00"
    assert "Your time to feel it — Initrode" in screen_text(pilot.app)
    today_screen.query_one("#today-wallow").focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WallowScreen)  # the same one, in the Pipeline's stack
    assert pilot.app.current_mode == "pipeline" and app_id


async def test_the_window_ending_while_today_is_shown_keeps_you_here(pilot, store, clock):
    """Time's up while on Today: nothing switches screens or steals focus; enter goes on."""
    add(store, "Initrode", "Designer")
    pilot.app.screen.reload()
    await settle(pilot)
    await pilot.press("r", "enter")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    wallow = pilot.app.screen
    assert isinstance(wallow, WallowScreen)
    pilot.app.action_go("today")
    await settle(pilot)
    today_screen = pilot.app.screen
    today_screen.query_one("#today-control", Input).focus()
    await pilot.press(*"Call ")
    clock.advance(15 * 60 + 1)
    for timer in (today_screen.query_one(WallowTimer), wallow.query_one(WallowTimer)):
        timer.tick()  # what each screen's interval does; no real time passes
    await settle(pilot)
    await pilot.press(*"Sam")
    await settle(pilot)
    assert pilot.app.screen is today_screen and pilot.app.current_mode == "today"
    assert today_screen.query_one("#today-control", Input).value == "Call Sam"
    assert "Time's up — enter when ready" in screen_text(pilot.app)
    assert store.wallow.open_window() is None  # the window closed at its deadline
    today_screen.query_one("#today-wallow").focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RitualScreen)
    assert pilot.app.current_mode == "pipeline"  # where the flow's own screen was
    assert not any(isinstance(s, WallowScreen) for s in pilot.app.get_screen_stack("pipeline"))
    pilot.app.action_go("today")
    await settle(pilot)
    assert "paused at step 3, Ritual" in screen_text(pilot.app)


async def test_left_open_overnight_it_turns_to_the_new_day(home, store, clock):
    await home.press("c", "3")
    await settle(home)
    clock.advance(24 * 3600)
    home.app.screen._maybe_new_day()  # what the once-a-minute look at the clock does
    await settle(home)
    assert "Thursday, November 26   Yesterday: 0 of 3 goals met · mood 3 (okay)" in \
        screen_text(home.app)
    assert home.app.screen.query_one(MoodPicker).value is None
