"""Issue 9, defect 1 (second half): the TUI's exit status tells a crash from a normal quit.

`BouncebackApp.run` is replaced by Textual's own `App.run` in headless mode with an auto-pilot,
so `bounceback` is exercised end to end (argument parsing, the opener, the exit status).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from bounceback.app import BouncebackApp
from bounceback.cli import main
from bounceback.clock import FixedClock
from bounceback.screens.ritual_invite import RitualInvite

CLOCK = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
AutoPilot = Callable[[Pilot[Any]], Awaitable[None]]


def drive(monkeypatch: pytest.MonkeyPatch, script: AutoPilot) -> None:
    """Run the app headless, driven by `script` once the data is open."""

    async def auto_pilot(pilot: Pilot[Any]) -> None:
        while not pilot.app.ready:  # type: ignore[attr-defined]
            await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # a first start from the CLI invites the person to plan rituals: "later" first, as a
        # person would (a modal takes the keys; `q` would wait behind it forever)
        if isinstance(pilot.app.screen, RitualInvite):
            await pilot.press("l")
            await pilot.pause()
        await script(pilot)

    def run(self: BouncebackApp, **_kwargs: Any) -> None:
        App.run(self, headless=True, size=(100, 30), auto_pilot=auto_pilot)

    monkeypatch.setattr(BouncebackApp, "run", run)


def test_quitting_normally_exits_zero(monkeypatch, tmp_path, capsys):
    async def quit_(pilot: Pilot[Any]) -> None:
        await pilot.press("q")

    drive(monkeypatch, quit_)
    assert main(["--db", str(tmp_path / "b.db")], clock=CLOCK) == 0


def test_an_unexpected_exception_exits_non_zero(monkeypatch, tmp_path, capsys):
    def boom() -> None:
        raise RuntimeError("a bug, not a refusal")

    async def crash(pilot: Pilot[Any]) -> None:
        pilot.app.call_later(boom)
        await pilot.pause()

    drive(monkeypatch, crash)
    assert main(["--db", str(tmp_path / "b.db")], clock=CLOCK) == 1


def test_bounceback_demo_runs_the_app_labelled_as_a_demo(monkeypatch, capsys):
    seen: list[tuple[bool, str]] = []

    async def look_and_quit(pilot: Pilot[Any]) -> None:
        from tests.ui.conftest import screen_text

        seen.append((pilot.app.demo, screen_text(pilot.app)))  # type: ignore[attr-defined]
        await pilot.press("q")

    drive(monkeypatch, look_and_quit)
    assert main(["demo"], clock=CLOCK) == 0
    (demo, text), = seen
    assert demo and "demo — deleted when you quit" in text


def test_sigterm_exits_through_the_app_with_the_shells_status(monkeypatch, tmp_path, capsys):
    import signal

    async def terminate(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert signal.getsignal(signal.SIGTERM) == app.signal_exit.handle  # type: ignore[attr-defined]
        signal.raise_signal(signal.SIGTERM)
        await pilot.pause()

    drive(monkeypatch, terminate)
    assert main(["--db", str(tmp_path / "b.db")], clock=CLOCK) == 128 + signal.SIGTERM
    assert capsys.readouterr().err == ""


def test_the_first_start_from_the_cli_invites_rituals_once(monkeypatch, tmp_path, capsys):
    """The invitation is really shown on a first start (the auto-pilot answers "later")."""
    seen: list[str] = []

    async def look(pilot: Pilot[Any]) -> None:
        seen.append(type(pilot.app.screen).__name__)
        await pilot.press("q")

    async def invited(pilot: Pilot[Any]) -> None:
        while not pilot.app.ready:  # type: ignore[attr-defined]
            await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        seen.append(type(pilot.app.screen).__name__)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("q")

    def run(self: BouncebackApp, **_kwargs: Any) -> None:
        App.run(self, headless=True, size=(100, 30), auto_pilot=invited)

    monkeypatch.setattr(BouncebackApp, "run", run)
    db = tmp_path / "b.db"
    assert main(["--db", str(db)], clock=CLOCK) == 0
    drive(monkeypatch, look)
    assert main(["--db", str(db)], clock=CLOCK) == 0  # answered: not asked again
    assert seen == ["RitualInvite", "TodayScreen"]
