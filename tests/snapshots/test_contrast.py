"""Every text on every main screen reaches WCAG AA (4.5:1) in both offered themes.

Each screen is rendered headless on the demo data, exported as SVG (`App.export_screenshot()`),
and every run of text is measured against the background beneath it (`contrast.py`, which also
lists the few documented exceptions: borders, bars, scrollbars, an unticked checkbox's mark,
emoji, and what a modal dims behind itself). One app per theme visits the screens in turn.
"""

from __future__ import annotations

import pytest
from textual.screen import ModalScreen
from textual.widgets import Input

from bounceback.screens.bounce.base import screen_for
from bounceback.screens.today import TodayScreen
from bounceback.themes import OFFERED_THEMES
from tests.snapshots.conftest import SMALL
from tests.snapshots.contrast import AA_TEXT, failures
from tests.ui.conftest import settle

# (what, keys from Today with nothing open); each route ends with the app back on Today
ROUTES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("today", ()),
    ("today, check-in open", ("c", "4", "tab")),
    ("today, goals focused", ("escape", "tab", "tab", "tab", "tab")),
    ("pipeline", ("2",)),
    ("pipeline, all view filtered", ("2", "f", "slash", *"e")),
    ("application detail", ("2", "enter")),
    ("keyword gap", ("2", "enter", "k")),
    ("reuse research", ("2", "a")),
    ("application form with errors", ("2", "n", "ctrl+s")),
    ("stage picker", ("2", "m")),
    ("delete confirmation", ("2", "delete")),
    ("help", ("2", "question_mark")),
    ("rejections", ("3",)),
    ("case", ("3", "enter")),
    ("case form", ("3", "enter", "e")),
    ("wins", ("4",)),
    ("win reader", ("4", "enter")),
    ("win form", ("4", "n")),
    ("strengths", ("4", "s")),
    ("help given", ("4", "l")),
    ("help form", ("4", "h")),
    ("goals", ("5",)),
    ("goal form", ("5", "n")),
    ("materials", ("2", "M")),
    ("materials file form with an error", ("2", "M", "a", "ctrl+s")),
)
FLOW_STEPS = ("acknowledge", "ritual", "detective", "feedback", "moving")


def _region(app) -> tuple[int, int, int, int] | None:  # type: ignore[no-untyped-def]
    """A modal's own box: what it dims behind itself is inactive on purpose."""
    if isinstance(app.screen, ModalScreen) and app.screen.children:
        r = app.screen.children[0].region
        return (r.x, r.y, r.width, r.height)
    return None


async def _home(pilot) -> None:  # type: ignore[no-untyped-def]
    """Close whatever is open (modals, pushed screens, a field) and go back to Today."""
    for _ in range(4):
        if len(pilot.app.screen_stack) == 1:
            break
        await pilot.press("escape")
        await settle(pilot)
    if isinstance(pilot.app.focused, Input):
        await pilot.press("escape")
    await pilot.press("1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TodayScreen)


@pytest.mark.parametrize("theme", OFFERED_THEMES)
async def test_every_text_reaches_aa_contrast(demo_home, theme: str) -> None:
    app = demo_home
    low: list[str] = []
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.theme = theme
        await settle(pilot)

        def measure(what: str) -> None:
            for span in failures(app.export_screenshot(), AA_TEXT, _region(app)):
                low.append(f"{what}: {span}")

        for what, keys in ROUTES:
            await pilot.press(*keys)
            await settle(pilot)
            measure(what)
            await _home(pilot)
        case_id = app.store.rejections.rows()[0].id
        for step in FLOW_STEPS:
            app.push_screen(screen_for(step, case_id))
            await settle(pilot)
            measure(f"flow: {step}")
            app.pop_screen()
            await settle(pilot)
    assert not low, "\n".join(low[:40])
