"""Where screens are: Textual keeps one screen stack per mode; read them through public API only.

`App.get_screen_stack(mode)` returns a copy of one mode's stack and raises KeyError for a mode
that has not been opened yet; the mode names come from the registry, so nothing here reaches
into Textual's private attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from textual.app import App
from textual.screen import Screen

from bounceback.screens.registry import MODES


def screen_stacks(app: App[Any]) -> Iterator[tuple[str, list[Screen[Any]]]]:
    """(mode, stack bottom to top) for every numbered mode opened so far."""
    for mode in MODES:
        try:
            yield mode.name, app.get_screen_stack(mode.name)
        except KeyError:  # never visited: no stack yet
            continue


def find_screen(
    app: App[Any], match: Callable[[Screen[Any]], bool]
) -> tuple[str, Screen[Any], bool] | None:
    """The first screen `match` accepts: (its mode, the screen, whether it is on top there)."""
    for mode, stack in screen_stacks(app):
        for screen in stack:
            if match(screen):
                return mode, screen, screen is stack[-1]
    return None


def mode_of(app: App[Any], screen: Screen[Any]) -> str | None:
    """The mode whose stack holds `screen`, or None."""
    found = find_screen(app, lambda s: s is screen)
    return found[0] if found is not None else None
