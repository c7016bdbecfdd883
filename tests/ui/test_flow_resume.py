"""The flow under real use (issue 9, defects 2, 7 and 15): time's up never steals the keyboard, a
paused flow is easy to find and comes back without stale screens, and every step can be left.

Time only moves through the fake clock and the timers' own `tick()`; nothing waits on a real
timer.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input, TextArea

from bounceback.domain import Stage
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
from bounceback.screens.bounce.base import FlowStep
from bounceback.screens.bounce.detective import DetectiveScreen
from bounceback.screens.bounce.feedback import FeedbackScreen
from bounceback.screens.bounce.moving import KeepMovingScreen
from bounceback.screens.bounce.ritual import RitualScreen
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.case import CaseScreen
from bounceback.screens.modals import ConfirmModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.registry import MODES
from bounceback.screens.today import TodayScreen
from bounceback.widgets.wallow_timer import WallowTimer
from tests.ui.conftest import add, screen_text, settle


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def to_wallow(pilot, store, company: str = "Initrode") -> int:  # type: ignore[no-untyped-def]
    """On the Pipeline: a no from `company` (asked and confirmed), then the window starts."""
    app_id = add(store, company, "Designer")
    store.applications.move(app_id, Stage.SCREENING)
    pilot.app.screen.reload()
    await settle(pilot)
    await press(pilot, "r", "enter", "ctrl+s")
    assert isinstance(pilot.app.screen, WallowScreen)
    return store.rejections.case_for_application(app_id).id


def flow_screens(app) -> list[tuple[str, Screen]]:  # type: ignore[no-untyped-def]
    """Every step screen on every mode's stack (public API only)."""
    found = []
    for mode in MODES:
        try:
            stack = app.get_screen_stack(mode.name)
        except KeyError:
            continue
        found += [(mode.name, s) for s in stack if isinstance(s, FlowStep)]
    return found


# ---- defect 2: time's up while typing ---------------------------------------------------------


async def test_time_up_while_typing_keeps_focus_and_text_and_waits_for_a_key(pilot, store, clock):
    case_id = await to_wallow(pilot, store)
    screen = pilot.app.screen
    vent = screen.query_one("#wallow-vent", TextArea)
    await press(pilot, *"why them")
    clock.advance(15 * 60)
    screen.query_one(WallowTimer).tick()  # the deadline passes mid-sentence
    await settle(pilot)
    # the letters that used to quit (q), open the editor (e) and mark a ritual done (enter)
    await press(pilot, *" quite", "enter", *"e")
    assert pilot.app.is_running and pilot.app.screen is screen
    assert pilot.app.focused is vent
    assert vent.text == "why them quite\ne"
    assert "Time's up — enter when ready" in screen_text(pilot.app)
    window = store.wallow.for_rejection(case_id)
    assert window.ended_at == window.ends_at  # closed at its deadline, not when noticed
    screen.save_vent()  # the debounce, without waiting for it
    assert store.wallow.for_rejection(case_id).vent_text == "why them quite\ne"
    assert store.rituals.done_for(case_id) == []
    await press(pilot, "escape")  # out of the box: now enter is the deliberate key
    assert pilot.app.screen is screen and pilot.app.focused is None
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, RitualScreen)
    assert store.rejections.get(case_id).flow_step == "ritual"


# ---- defect 15: leaving the vent box is not ending the window ---------------------------------


async def test_the_vent_box_can_be_left_without_ending_the_window(pilot, store):
    case_id = await to_wallow(pilot, store)
    screen = pilot.app.screen
    await press(pilot, *"ugh", "escape")
    assert pilot.app.focused is None and pilot.app.screen is screen
    assert store.wallow.open_window() is not None  # still running
    keys = {b.binding.description for b in pilot.app.active_bindings.values() if b.enabled}
    assert {"End early", "Back to writing", "Later"} <= keys
    await press(pilot, "enter")  # back to writing
    assert pilot.app.focused is screen.query_one("#wallow-vent")
    await press(pilot, "escape", "x")  # x ends early, and asks first
    assert isinstance(pilot.app.screen, ConfirmModal)
    await press(pilot, "n")  # keep going: back in the vent box
    assert store.wallow.open_window() is not None
    assert pilot.app.focused is screen.query_one("#wallow-vent")
    await press(pilot, "escape", "escape")  # out of the box, then later: the window runs on
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert store.wallow.open_window().rejection_id == case_id
    assert store.wallow.open_window().vent_text == "ugh"


# ---- defect 15: Acknowledge keeps what is typed after one tab ------------------------------------


async def test_letters_typed_after_one_tab_in_acknowledge_land_in_the_sentence(pilot, store):
    add(store, "Tabby", "Designer")
    pilot.app.screen.reload()
    await settle(pilot)
    await press(pilot, "r", "enter")
    screen = pilot.app.screen
    assert isinstance(screen, AcknowledgeScreen)
    await press(pilot, "tab")  # from the feelings list to the intensity scale
    await press(pilot, *"quite gutted", "7")
    note = screen.query_one("#ack-note", Input)
    assert note.value == "quite gutted7"  # the first letter moved focus; the rest followed
    assert pilot.app.is_running and pilot.app.screen is screen
    screen.save_note()
    (row,) = store.rejections.rows()
    assert store.rejections.get(row.id).feeling_note == "quite gutted7"


# ---- defect 15: escape leaves Feedback; Keep moving opens what to send next ---------------------


async def test_escape_leaves_the_feedback_step_like_every_other_step(pilot, store):
    store.settings.set_your_name("")  # asked before: the feedback step opens without a prompt
    from bounceback.screens.bounce.base import screen_for

    case_id = await to_wallow(pilot, store)
    pilot.app.switch_screen(screen_for("feedback", case_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackScreen)
    await press(pilot, "e", "escape")  # first escape: stop editing the email
    assert isinstance(pilot.app.screen, FeedbackScreen)
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, PipelineScreen)


async def test_enter_on_a_send_next_item_opens_that_application(pilot, store):
    from bounceback.screens.bounce.base import screen_for

    saved = add(store, "Next Up Ltd", "Analyst", stage=Stage.SAVED)
    case_id = await to_wallow(pilot, store)
    pilot.app.switch_screen(screen_for("moving", case_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, KeepMovingScreen)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, ApplicationDetailScreen)
    assert pilot.app.screen.app_id == saved
    await press(pilot, "escape", "ctrl+s")
    assert isinstance(pilot.app.screen, PipelineScreen)


# ---- defect 7: a paused flow is found on Today and resumes without stale screens ---------------


async def test_a_flow_paused_at_step_3_comes_back_after_a_relaunch(
    make_app, make_home_app, store, clock
):
    store.settings.set_your_name("")  # asked before: the feedback step opens without a prompt
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        case_id = await to_wallow(pilot, store)
        await press(pilot, "ctrl+s", "y")  # end the window early: step 3, the ritual
        assert isinstance(app.screen, RitualScreen)
    app = make_home_app()  # relaunched on the same store
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        assert "Bouncing back, paused" in text
        assert "Initrode — paused at step 3, Ritual." in text
        app.screen.query_one("#today-wallow").focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, RitualScreen) and app.screen.case_id == case_id
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DetectiveScreen)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, KeepMovingScreen)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PipelineScreen)
        assert flow_screens(app) == []  # no step left behind on any mode's stack
        assert store.rejections.get(case_id).flow_step == "done"
        await press(pilot, "1")
        assert "Bouncing back, paused" not in screen_text(app)


async def test_going_on_from_today_or_the_case_never_opens_a_second_copy(pilot, store):
    store.settings.set_your_name("")  # asked before: the feedback step opens without a prompt
    case_id = await to_wallow(pilot, store)
    await press(pilot, "ctrl+s", "y")
    ritual = pilot.app.screen
    assert isinstance(ritual, RitualScreen)
    pilot.app.action_go("today")  # left mid-flow with the palette: the step stays put
    await settle(pilot)
    await press(pilot, "g")  # Today: go on
    assert pilot.app.screen is ritual and pilot.app.current_mode == "pipeline"
    pilot.app.action_go("rejections")
    await settle(pilot)
    pilot.app.push_screen(CaseScreen(case_id))
    await settle(pilot)
    await press(pilot, "g")  # the case: go on
    assert pilot.app.screen is ritual
    assert [s for _, s in flow_screens(pilot.app)] == [ritual]
    await press(pilot, "ctrl+s", "ctrl+s", "ctrl+s", "ctrl+s")
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert flow_screens(pilot.app) == []


async def test_finishing_a_flow_never_lands_on_an_abandoned_step(pilot, store):
    store.settings.set_your_name("")  # asked before: the feedback step opens without a prompt
    from bounceback.screens.bounce.entry import log_untracked_rejection

    first = await to_wallow(pilot, store, "Abandoned")
    await press(pilot, "ctrl+s", "y")  # a ritual step left on the Pipeline's stack…
    pilot.app.action_go("rejections")  # …when the person walked away with the palette
    await settle(pilot)
    log_untracked_rejection(pilot.app.screen)  # a second no, from the casebook
    await settle(pilot)
    await press(pilot, *"Other Co", "ctrl+s")
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    await press(pilot, "ctrl+s", "ctrl+s", "y", "ctrl+s", "ctrl+s", "ctrl+s", "ctrl+s")
    assert isinstance(pilot.app.screen, PipelineScreen)  # the Pipeline itself, not a step
    assert flow_screens(pilot.app) == []
    assert store.rejections.get(first).flow_step == "ritual"  # still paused, for Today
