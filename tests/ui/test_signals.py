"""Issue 10, item 1: SIGTERM and SIGHUP (the terminal closed) keep what was typed and exit the
normal way (Textual's shutdown, which gives the terminal back).

The signal's arrival is driven through the real handler: `signal.raise_signal` once the test has
checked that the app's handler is the one installed (so the test process is never at risk), or
`SignalExit.leave_now`, what the handler schedules on the event loop. Save delays are stretched
so "typed a moment before the signal" never depends on timing.
"""

from __future__ import annotations

import signal

import pytest
from textual.widgets import Input

import bounceback.screens.bounce.wallow as wallow_module
import bounceback.screens.today_checkin as checkin_module
from bounceback.clock import today
from bounceback.domain import Stage
from bounceback.playbook.triage import classify
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.unsaved import SignalExit
from tests.ui.conftest import settle


def _open_window(store):  # type: ignore[no-untyped-def]
    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    store.wallow.start(case.id, 15)
    return case


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
async def test_a_signal_writes_the_vent_box_and_exits_normally(make_home_app, store, monkeypatch,
                                                              signum):
    monkeypatch.setattr(wallow_module, "VENT_SAVE_DELAY", 600.0)  # never saved by its own beat
    case = _open_window(store)
    app = make_home_app()
    before = signal.getsignal(signum)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)
        exit_ = app.signal_exit
        assert isinstance(exit_, SignalExit)
        assert signal.getsignal(signum) == exit_.handle  # ours: raising it is safe
        await pilot.press(*"so [/] annoyed")
        assert store.wallow.for_rejection(case.id).vent_text == ""
        signal.raise_signal(signum)  # the real handler, as `kill` would run it
        await pilot.pause()
        await pilot.pause()
        assert exit_.received == [signum] and exit_.leaving
    assert app.return_code == 128 + signum  # an ordinary exit, with the shell's convention
    assert store.wallow.for_rejection(case.id).vent_text == "so [/] annoyed"
    assert signal.getsignal(signum) == before  # the test process has its own handler back


async def test_a_signal_writes_the_check_in_and_asks_nothing(make_home_app, store, monkeypatch):
    monkeypatch.setattr(checkin_module, "SAVE_DELAY", 600.0)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#today-control", Input).focus()
        await pilot.press(*"one email")
        assert store.checkins.get(today(store.clock)) is None
        assert app.signal_exit is not None
        app.signal_exit.leave_now(signal.SIGTERM)  # what the handler schedules on the loop
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    assert store.checkins.get(today(store.clock)).control == "one email"


async def test_a_signal_with_a_form_open_keeps_its_text_without_asking(pilot, store):
    await pilot.press("n", *"Hooli")
    app = pilot.app
    assert app.signal_exit is not None
    app.signal_exit.leave_now(signal.SIGHUP)
    await pilot.pause()
    assert not app.is_running and app.return_code == 128 + signal.SIGHUP  # no question asked
    (draft,) = store.form_drafts.all()  # the form's text is kept for the next start
    assert draft.form == "application" and draft.values["company"] == "Hooli"
    assert store.applications.rows() == []


async def test_a_second_signal_is_ignored_once_the_exit_is_under_way(make_home_app, store):
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        exit_ = app.signal_exit
        assert exit_ is not None
        exit_.leave_now(signal.SIGHUP)
        exit_.handle(signal.SIGTERM, None)  # e.g. SIGTERM right after the terminal's SIGHUP
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP


async def test_a_real_terminal_gets_a_deadline_for_the_exit(make_home_app, store):
    """With a terminal (not headless), a signal also arms a watchdog: if the terminal is gone
    and Textual's shutdown waits forever to write to it, the process still ends, with what was
    typed already written. `bounceback` disarms it once `run()` returns."""
    app = make_home_app()
    ended: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.signal_exit is not None and app.signal_exit.watchdog is None  # headless
        exit_ = SignalExit(app, lambda _app, _signum: None, grace=3600.0, hard_exit=ended.append)
        exit_.leave_now(signal.SIGHUP)
        watchdog = exit_.watchdog
        assert watchdog is not None and watchdog.daemon and watchdog.is_alive()
        assert watchdog.interval == 3600.0 and watchdog.args == (128 + signal.SIGHUP,)
        exit_.disarm()
        watchdog.join()
        assert ended == []  # disarmed in time: never fired
        watchdog.function(*watchdog.args)  # what firing does
        assert ended == [128 + signal.SIGHUP]
