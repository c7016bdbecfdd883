"""Issue 9, defect 11: the window title goes through public Textual API only, and the terminal's
own title comes back when the app stops.

If Textual stops building the app's driver from `App.get_driver_class()` (or renames the driver
methods we extend), `test_the_wallow_window_names_the_terminal_and_gives_it_back` fails.
"""

from __future__ import annotations

from typing import Any

import pytest
import textual.constants
from textual.drivers.headless_driver import HeadlessDriver

from bounceback.app import BouncebackApp
from bounceback.domain import Stage
from bounceback.playbook.triage import classify
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.terminal import RESTORE_TITLE, SAVE_TITLE, set_terminal_title, title_sequence
from tests.ui.conftest import settle

WRITTEN: list[str] = []


class RecordingDriver(HeadlessDriver):
    """A headless driver that keeps what would reach the terminal (chosen by TEXTUAL_DRIVER)."""

    def write(self, data: str) -> None:
        """Keep the title sequences (the screen updates are not written headless)."""
        WRITTEN.append(data)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Textual picks RecordingDriver as if TEXTUAL_DRIVER named it."""
    monkeypatch.setattr(textual.constants, "DRIVER", f"{__name__}:RecordingDriver")
    WRITTEN.clear()
    return WRITTEN


def titles(written: list[str]) -> list[str]:
    return [w for w in written if w.startswith(("\x1b]2;", "\x1b[22;", "\x1b[23;"))]


def test_the_driver_is_textuals_choice_with_a_title(recording):
    app = BouncebackApp(open_store=lambda: None)  # type: ignore[arg-type,return-value]
    assert issubclass(app.driver_class, RecordingDriver)  # TEXTUAL_DRIVER still rules
    assert hasattr(app.driver_class, "set_title")


async def test_the_wallow_window_names_the_terminal_and_gives_it_back(recording, store, clock):
    case = store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, classify([Stage.APPLIED]))
    store.wallow.start(case.id, 15)
    app = BouncebackApp(open_store=lambda: store, clock=clock)
    # headless=False: run_test then builds the driver from `driver_class`, as `run()` does
    async with app.run_test(headless=False, size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)
        for _ in range(20):  # the resumed window's screen mounts a few messages later
            if app.title == "bounceback — wallow window":
                break
            await pilot.pause()
        assert titles(recording) == [SAVE_TITLE, title_sequence("bounceback — wallow window")]
    assert titles(recording)[-1] == RESTORE_TITLE


async def test_no_terminal_no_title(store, clock):
    app = BouncebackApp(open_store=lambda: store, clock=clock)
    async with app.run_test(size=(100, 30)):  # the plain headless driver: nothing to name
        assert set_terminal_title(app, "bounceback") is False


def test_only_printable_words_reach_the_terminal():
    assert title_sequence("bounceback — time's up") == "\x1b]2;bounceback — time's up\x07"
    hostile = title_sequence("x\x07\x1b]2;evil\x1b\\\x1b[2J\u202e")
    assert hostile.count("\x1b") == 1 and hostile.count("\x07") == 1
    assert hostile.startswith("\x1b]2;x") and hostile.endswith("\x07")


def test_titles_are_restored_after_a_suspend_and_reapplied_on_resume(recording):
    from bounceback.terminal import titled

    cls: Any = titled(RecordingDriver)
    assert titled(RecordingDriver) is cls  # one subclass per base

    import asyncio

    async def scenario() -> None:
        app = BouncebackApp(open_store=lambda: None)  # type: ignore[arg-type,return-value]
        driver = cls(app, size=(80, 24))
        driver.start_application_mode()
        assert set_terminal_title(app, "bounceback — wallow window") is True
        driver.stop_application_mode()  # ctrl+z: the terminal gets its title back
        assert set_terminal_title(app, "bounceback — time's up") is False  # suspended
        driver.start_application_mode()  # fg: ours again, the newest words

    asyncio.run(scenario())
    assert titles(recording) == [
        SAVE_TITLE, title_sequence("bounceback — wallow window"), RESTORE_TITLE,
        SAVE_TITLE, title_sequence("bounceback — time's up"),
    ]
