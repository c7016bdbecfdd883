"""Pinned looks of Wins: the catalog, a win read full-screen, the empty file, the forms, the
strengths and the help log — demo data, 120x40, fixed clock."""

from __future__ import annotations

from tests.snapshots.conftest import SIZE, SMALL
from tests.ui.conftest import settle


async def _wins(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)


def test_wins_catalog_with_demo_data(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_wins)


def test_wins_searched_and_detail_follows(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("slash", *"incidents", "enter", "down")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_win_reader(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_wins_empty_file(snap_compare, empty_app):
    assert snap_compare(empty_app, terminal_size=SIZE, run_before=_wins)


def test_win_form_with_an_error_and_a_completion(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("n", "tab", "tab", *"someday", "tab", *"the whole team thanked me",
                          "tab", *"mentoring, lea", "ctrl+s")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_strengths_section_editing_in_place(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("s", "down", "down", "down", "enter", "end", *" (most days)")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_help_given_section(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_help_form(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("h", *"Jordan (bootcamp friend)")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


# ---- 80x24 and the light theme ----------------------------------------------------------------


def test_wins_catalog_at_80x24(snap_compare, demo_app):
    """Win titles keep 30+ characters; Tags give way (they are in the detail below)."""
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=_wins)


def test_strengths_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_help_given_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_win_reader_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_win_form_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_help_form_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_wins_in_the_light_theme(snap_compare, demo_app):
    """Pinned wins were 1.2:1 on the light theme; now 4.5:1 or more."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await _wins(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)
