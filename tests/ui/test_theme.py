"""The colour theme: only checked themes are offered, and the chosen one comes back next time."""

from __future__ import annotations

from bounceback.screens.pipeline import PipelineScreen
from bounceback.themes import OFFERED_THEMES
from tests.ui.conftest import screen_text, settle


async def _change_theme_in_the_palette(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p", *"theme")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*name, "enter")
    await settle(pilot)


async def test_a_theme_chosen_in_the_palette_is_remembered_across_launches(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await _change_theme_in_the_palette(pilot, "textual-light")
        assert app.theme == "textual-light"
        assert isinstance(app.screen, PipelineScreen)
    assert store.settings.get().theme == "textual-light"
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"
        assert "Pipeline" in screen_text(again)
        again.theme = "textual-dark"  # and back: saved the same way
        await settle(pilot)
    assert store.settings.get().theme == "textual-dark"


async def test_only_the_contrast_checked_themes_are_offered(pilot):
    assert sorted(pilot.app.available_themes) == sorted(OFFERED_THEMES)


async def test_an_unknown_saved_theme_opens_in_the_default(make_app, store):
    store.settings.set_theme("nord")  # offered once, or typed into the database by hand
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert isinstance(app.screen, PipelineScreen)
