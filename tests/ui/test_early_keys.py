"""Issue 9, defect 8: keys typed in a burst (fast typing, a paste of keys, a slow first load)
are applied in order, or not at all — never to a screen they were not typed at.

A terminal delivers a burst of keys at once. Textual hands each key to the widget focused when
the key *arrives*, and runs a screen's bindings when the key comes back up to the app, possibly
after an earlier key of the burst has switched screens or opened a modal. These tests post the
keys the way the terminal driver does: all at once (`App.post_message`), no pause between them.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from bounceback.clock import today
from bounceback.screens.modals import ConfirmModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.rejections import RejectionsScreen
from bounceback.screens.wins import WinsScreen
from bounceback.store.wins import WinDraft
from bounceback.widgets.goal_list import GoalList
from tests.ui.conftest import add, settle

CHARACTERS = {"slash": "/", "space": " ", "delete": None, "escape": None}


def burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue `keys` at once, as a terminal delivers fast typing."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


def filter_is_honest(screen, box_id: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """A filter is either visible with what was typed, or hidden and empty."""
    box = screen.query_one(box_id, Input)
    if box.display:
        assert box.value == query, box.value
    else:
        assert box.value == "", "a hidden filter is filtering"


async def test_keys_typed_at_today_never_act_on_the_pipeline(make_home_app, store):
    add(store, "Oakpetal Vet")
    add(store, "Globex")
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(GoalList).focus()
        await pilot.pause()
        burst(app, "2", "slash", "o", "a", "k")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        filter_is_honest(screen, "#pipeline-filter-input", "oak")
        shown = [item.row.company for item in screen.table.rows]
        assert shown in (["Oakpetal Vet"], ["Globex", "Oakpetal Vet"]), shown
        checkin = store.checkins.get(today(store.clock))
        assert checkin is None or checkin.mood is None  # no digit landed on the mood


async def test_keys_right_after_a_screen_switch_never_fill_a_hidden_filter(pilot, store):
    store.wins.create(WinDraft(title="Shipped the thing"))
    for mode, box_id, cls in (
        ("rejections", "#rejections-filter-input", RejectionsScreen),
        ("wins", "#wins-search-input", WinsScreen),
    ):
        pilot.app.action_go(mode)  # first visit: the screen is built now
        burst(pilot.app, "z", "x")
        await settle(pilot)
        assert isinstance(pilot.app.screen, cls)
        filter_is_honest(pilot.app.screen, box_id, "zx")


async def test_a_fresh_pipeline_does_not_type_into_its_hidden_filter(make_home_app, store):
    add(store, "Globex")
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_go("pipeline")
        burst(app, "z", "x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        filter_is_honest(screen, "#pipeline-filter-input", "zx")
        assert [item.row.company for item in screen.table.rows] == ["Globex"]


async def test_a_confirmation_is_not_answered_by_a_key_typed_before_it_opened(make_app, store):
    app_id = add(store, "Globex")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "delete", "y")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # asked, not answered by the early `y`
        assert [r.id for r in store.applications.rows()] == [app_id]
        await pilot.press("y")  # typed at the question: applied
        await settle(pilot)
        assert store.applications.rows() == []
