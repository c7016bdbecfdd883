"""Issue 10, item 2: two windows on one database never silently overwrite each other's autosaved
text (the vent box, Today's check-in lines, the flow's sentences).

One app plus a second Store on the same file (the other window). A box saves only over the text
it last saw stored: when the other window saved something else in between, nothing is written
and the person chooses what to keep (both, mine, theirs), seeing both texts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Input, TextArea

from bounceback.clock import FixedClock
from bounceback.domain import RejectionKind, Stage
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.text_conflict import TextConflictModal
from bounceback.screens.today import TodayScreen
from bounceback.store.db import Store
from bounceback.store.errors import TextConflictError
from tests.ui.conftest import HOSTILE, capture_toasts, screen_text, settle


@pytest.fixture
def other(store: Store, clock: FixedClock) -> Iterator[Store]:
    """The other window: its own Store (own engine, own connections) on the same file."""
    assert store.path is not None
    s = Store.open(store.path, clock)
    yield s
    s.close()


def open_window(store: Store, vent: str = "") -> tuple[int, int]:
    """A rejection with a running wallow window (the app opens straight into it)."""
    case = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY)
    window = store.wallow.start(case.id, 15)
    if vent:
        store.wallow.save_vent(window.id, vent)
    return case.id, window.id


def vent_of(store: Store, window_id: int) -> str:
    return store.wallow.get(window_id).vent_text


async def test_vent_saved_in_another_window_asks_and_keep_both_loses_nothing(
    make_home_app, store: Store, other: Store
) -> None:
    _case, window_id = open_window(store, "Before.")
    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WallowScreen)
        other.wallow.save_vent(window_id, "Before. Theirs, typed over there.", "Before.")
        await pilot.press("end", *" Mine")
        screen.save_vent()  # the beat after the last key
        await pilot.pause()
        assert isinstance(app.screen, TextConflictModal)
        shown = screen_text(app)
        assert "Changed in another window" in shown
        assert "Theirs, typed over" in shown and "Before. Mine" in shown
        assert vent_of(store, window_id) == "Before. Theirs, typed over there."  # untouched
        await pilot.press(*"typing on")  # letters typed into the question pick nothing
        await pilot.pause()
        assert isinstance(app.screen, TextConflictModal)
        await pilot.press("enter")  # "Keep both" is the highlighted answer
        await settle(pilot)
        assert app.screen is screen
        both = "Before. Theirs, typed over there.\n\nBefore. Mine"
        assert vent_of(store, window_id) == both
        assert screen.vent.text == both
        # the other window, still holding its old text, cannot overwrite it silently either
        with pytest.raises(TextConflictError):
            other.wallow.save_vent(window_id, "Theirs again", "Before. Theirs, typed over there.")
        assert vent_of(store, window_id) == both


async def test_keep_mine_and_take_theirs_with_undo(make_home_app, store: Store,
                                                  other: Store) -> None:
    _case, window_id = open_window(store)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WallowScreen)
        other.wallow.save_vent(window_id, "theirs 1", "")
        await pilot.press(*"mine 1")
        screen.save_vent()
        await pilot.pause()
        await pilot.press("down", "enter")  # Keep mine
        await settle(pilot)
        assert vent_of(store, window_id) == "mine 1" and screen.vent.text == "mine 1"

        other.wallow.save_vent(window_id, "theirs 2", "mine 1")
        await pilot.press(*" and more")
        screen.save_vent()
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Take theirs
        await settle(pilot)
        assert screen.vent.text == "theirs 2" and vent_of(store, window_id) == "theirs 2"
        await pilot.press("ctrl+z")  # mine comes back into the box...
        await pilot.pause()
        assert screen.vent.text == "mine 1 and more"
        screen.save_vent()  # ...and is saved over theirs, which this window has now seen
        await settle(pilot)
        assert vent_of(store, window_id) == "mine 1 and more"


async def test_deciding_later_writes_nothing_keeps_the_text_and_asks_again(
    make_home_app, store: Store, other: Store
) -> None:
    _case, window_id = open_window(store)
    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        said = capture_toasts(app)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WallowScreen)
        other.wallow.save_vent(window_id, "theirs", "")
        await pilot.press(*"mine")
        screen.save_vent()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.vent.text == "mine"
        assert vent_of(store, window_id) == "theirs"
        assert any("not saved: it changed in another window" in s for s in said)
        assert screen.unsaved_changes()  # quit would ask before losing it
        await pilot.press(*"!")
        screen.save_vent()
        await pilot.pause()
        assert isinstance(app.screen, TextConflictModal)


async def test_hostile_text_from_the_other_window_is_shown_literally(
    make_home_app, store: Store, other: Store
) -> None:
    _case, window_id = open_window(store)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        theirs = " ".join(HOSTILE[:5])
        other.wallow.save_vent(window_id, theirs, "")
        await pilot.press(*"mine")
        screen.save_vent()
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, TextConflictModal)
        assert modal.query_one("#conflict-theirs", TextArea).text == other.wallow.get(
            window_id).vent_text
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert vent_of(store, window_id).endswith("\n\nmine")


async def test_check_in_line_saved_in_another_window_is_not_overwritten(
    make_home_app, store: Store, other: Store, clock: FixedClock
) -> None:
    from bounceback.clock import today

    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        checkin = app.screen.checkin
        await pilot.press("c", "tab", *"a walk")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#today-control", Input)
        other.checkins.save(today(clock), control="call Sam", base={"control": ""})
        checkin.flush()
        await pilot.pause()
        assert isinstance(app.screen, TextConflictModal)
        assert store.checkins.today().control == "call Sam"
        await pilot.press("enter")  # keep both: one line, parted by " / "
        await settle(pilot)
        assert store.checkins.today().control == "call Sam / a walk"
        assert app.screen.query_one("#today-control", Input).value == "call Sam / a walk"


async def test_check_in_note_from_another_window_shows_up_when_nothing_is_typed_here(
    make_home_app, store: Store, other: Store, clock: FixedClock
) -> None:
    """No question when this window has nothing unsaved: it just shows the newer text."""
    from bounceback.clock import today

    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        other.checkins.save(today(clock), note="from the laptop", base={"note": ""})
        await pilot.press("2", "1")  # away and back: Today reads again
        await settle(pilot)
        assert app.screen.query_one("#today-note", TextArea).text == "from the laptop"
        await pilot.press("c", "tab", "tab", "end", *" and the phone")
        app.screen.checkin.flush()
        await settle(pilot)
        assert not isinstance(app.screen, TextConflictModal)
        assert store.checkins.today().note == "from the laptop and the phone"


def test_flow_sentences_refuse_a_stale_base(store: Store, other: Store) -> None:
    """The flow's sentences (acknowledge, detective) use the same comparison in the store."""
    case = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY)
    other.rejections.update(case.id, base={"lessons": ""}, lessons="theirs")
    with pytest.raises(TextConflictError) as raised:
        store.rejections.update(case.id, base={"lessons": ""}, lessons="mine")
    assert raised.value.theirs == {"lessons": "theirs"}
    assert "theirs" not in str(raised.value)  # their text never goes into a message
    assert store.rejections.get(case.id).lessons == "theirs"
    store.rejections.update(case.id, base={"lessons": "theirs"}, lessons="theirs + mine")
    assert other.rejections.get(case.id).lessons == "theirs + mine"
