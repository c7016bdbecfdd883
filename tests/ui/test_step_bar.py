"""The flow's step bar shows where you are at any width, demo label or not."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from bounceback.widgets.step_bar import STEPS, StepBar
from tests.ui.conftest import screen_text


class BarApp(App[None]):
    """Just the bar."""

    def __init__(self, current: str, note: str) -> None:
        super().__init__()
        self.bar = StepBar(current, note)

    def compose(self) -> ComposeResult:
        yield self.bar


@pytest.mark.parametrize("note", ["", "demo — deleted when you quit"])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("current", "title"), STEPS)
async def test_the_current_step_is_always_named(current: str, title: str, width: int,
                                                note: str) -> None:
    app = BarApp(current, note)
    async with app.run_test(size=(width, 3)) as pilot:
        await pilot.pause()
        line = screen_text(app).splitlines()[0]  # type: ignore[arg-type]
        assert title in line
        assert "6" in line  # every step is there, at least as its number
        if note:
            assert "demo" in line


async def test_every_name_at_a_wide_terminal() -> None:
    app = BarApp("ritual", "")
    async with app.run_test(size=(120, 3)) as pilot:
        await pilot.pause()
        line = screen_text(app).splitlines()[0]  # type: ignore[arg-type]
        assert all(title in line for _, title in STEPS)
