"""UI fixtures: a real app on a tmp-path store with a fixed clock, driven by Pilot."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.worker import Worker, WorkerCancelled, WorkerState

import bounceback.app
from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.starters import starters
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from tests.ui.toasts import SAID

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
CELL = 20 * 0.61  # Rich's SVG export: 20px characters, 0.61 wide
HOSTILE = ("[/]", "[bold]x", "[@click=app.quit]x[/]", "\x1b[2J", "🚀 emoji", "x" * 10_000)


@pytest.fixture
def clock() -> FixedClock:
    """A clock frozen at 2026-11-25 09:30 UTC."""
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Store:
    """A new store in a tmp folder, opened as the app opens one (the starters seeded)."""
    s = Store.open(tmp_path / "data" / "bounceback.db", clock, starters=starters())
    yield s
    s.close()


def add(store: Store, company: str, role: str = "Engineer", **kw: object) -> int:
    """Create an application directly in the store; returns its id."""
    return store.applications.create(ApplicationDraft(company=company, role=role, **kw)).id


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([0-9.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>',
    re.DOTALL,
)


def screen_text(app: BouncebackApp) -> str:
    """What is on the terminal right now, as plain text, one line per row.

    Read back from the public `App.export_screenshot()`: Rich writes each run of text as an SVG
    `<text>` on its row's clip path, at x = column * CELL (blank runs are left out).
    """
    width, height = app.size
    rows: list[list[str]] = [[" "] * width for _ in range(height)]
    for x, line, escaped in _SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(escaped.replace("&#160;", " "))
        row, column = rows[int(line)], round(float(x) / CELL)
        for char in text:
            if char == "\n":  # Rich ends every row with a newline cell past the right edge
                continue
            cells = cell_len(char)
            if cells == 0 and column > 0:  # a joiner or combining mark rides on the cell before
                row[column - 1] += char
                continue
            if column < width:
                row[column] = char
                for extra in range(1, cells):  # the second cell of a wide character
                    if column + extra < width:
                        row[column + extra] = ""
            column += cells
    return "\n".join("".join(row) for row in rows)


@pytest.fixture(autouse=True)
def _remember_toasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app's toasts are kept for `toasts_of` (tests/ui/toasts.py), from the first one."""
    real = App.notify

    def notify(self: App[Any], message: Any, *args: Any, **kwargs: Any) -> None:
        SAID.setdefault(self, []).append(str(message))
        real(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", notify)


def capture_toasts(app: BouncebackApp) -> list[str]:
    """Every toast message from now on, through the public `notify` (toasts expire on screen
    after a wall-clock timeout; this list does not)."""
    said: list[str] = []
    real = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        said.append(str(message))
        real(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return said


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for that
            await pilot.pause()
    await pilot.pause()


class PipelineFirstApp(BouncebackApp):
    """The app as most UI tests want it: on the Pipeline, as if `2` had been pressed first.

    The app opens on Today (screen 1); tests about the other screens start from the Pipeline,
    so they go there the moment the data is open (before a wallow window is resumed on top).
    """

    # a relative CSS_PATH is read next to the subclass's module; point at the app's own
    CSS_PATH = str(Path(bounceback.app.__file__).parent / "app.tcss")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Once the app's own handler has opened the default screen, go to the Pipeline.

        (Textual calls this and then `BouncebackApp.on_worker_state_changed`: a handler per
        class in the MRO, so no `super()` call here.)
        """
        if event.worker.name == "open-store" and event.state is WorkerState.SUCCESS:
            self.call_later(self.switch_mode, "pipeline")


@pytest.fixture
def make_app(store: Store, clock: FixedClock) -> Callable[[], BouncebackApp]:
    """Build an app bound to the test store that starts on the Pipeline."""
    return lambda: PipelineFirstApp(open_store=lambda: store, clock=clock)


@pytest.fixture
def make_home_app(store: Store, clock: FixedClock) -> Callable[[], BouncebackApp]:
    """Build an app bound to the test store that opens where a person lands: Today."""
    return lambda: BouncebackApp(open_store=lambda: store, clock=clock)


@pytest.fixture
async def pilot(make_app):  # type: ignore[no-untyped-def]
    """A running app at 120x40, already on the Pipeline."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as p:
        await settle(p)
        yield p


@pytest.fixture
async def home(make_home_app):  # type: ignore[no-untyped-def]
    """A running app at 120x40 on its first screen, Today."""
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as p:
        await settle(p)
        yield p

