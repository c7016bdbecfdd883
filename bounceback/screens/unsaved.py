"""Nothing typed vanishes on quit: what a screen tells the app, and the question quit asks.

Every screen that holds typed text implements `HoldsTyping`: autosaving screens (Today's
check-in, the vent box, the flow's sentences) write what waits for its debounce in
`flush_pending()`; forms report `unsaved_changes()`. Quit (`q`, `ctrl+q`, the palette) flushes
every screen on every mode's stack, then asks before discarding a form's typed text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.content import Content
from textual.screen import Screen

from bounceback.screens.modals import ConfirmModal
from bounceback.screens.stacks import screen_stacks


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen with text typed by the person (a form, an autosaving box)."""

    def flush_pending(self) -> None:
        """Write at once whatever autosave is still waiting for (no-op for a form)."""

    def unsaved_changes(self) -> bool:
        """True when quitting now would lose typed text (always False once autosaved)."""


class QuitQuestion(ConfirmModal):
    """"Quit and discard what you typed?" — the escape question, asked by quit."""

    def __init__(self) -> None:
        """Keep editing is the safe, focused answer."""
        super().__init__(Content("Quit and discard what you typed?"), yes="Quit",
                         no="Keep editing")


def every_screen(app: App[Any]) -> list[Screen[Any]]:
    """The screens on every mode's stack (and the current one, e.g. while starting)."""
    screens: list[Screen[Any]] = list(app.screen_stack)
    for _mode, stack in screen_stacks(app):
        screens += [s for s in stack if s not in screens]
    return screens


def typed(screens: Iterable[Screen[Any]]) -> list[HoldsTyping]:
    """The screens among `screens` that hold typed text."""
    return [s for s in screens if isinstance(s, HoldsTyping)]


def quit_safely(app: App[Any]) -> None:
    """Write what autosaves, then exit — or ask first when a form holds typed text."""
    holders = typed(every_screen(app))
    for holder in holders:
        holder.flush_pending()
    if not any(holder.unsaved_changes() for holder in holders):
        app.exit()
        return
    if isinstance(app.screen, QuitQuestion):  # asked already: the question stays
        return

    def answered(quit_: bool | None) -> None:
        if quit_:
            app.exit()

    app.push_screen(QuitQuestion(), answered)
