"""What shows before the data is ready: a brief loading state, or why it cannot open."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label

from bounceback.widgets.safe import content


class StartupScreen(Screen[None]):
    """The first frame: drawn before SQLModel is even imported."""

    def compose(self) -> ComposeResult:
        """A title and a spinner."""
        with Middle(), Center():
            yield Label(Content.styled("bounceback", "bold $accent"), id="startup-title")
            # no spinner: its animation competes with the opening thread for the GIL
            yield Label(Content("opening your data…"), id="startup-note")


class OpenErrorScreen(Screen[None]):
    """The database could not be opened: say what happened and what to do, never crash."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,escape", "app.quit", "Quit", id="quit")]

    def __init__(self, message: str) -> None:
        """`message` is the store's one-line explanation (it may contain a path)."""
        super().__init__()
        self._message = message

    def compose(self) -> ComposeResult:
        """The message, the hints, and the quit key."""
        with Middle(), Center():
            yield Label(Content.styled("bounceback could not open your data", "bold $error"))
            yield Label(content(self._message), id="open-error-message")
            yield Label(
                Content(
                    "Nothing was changed. `bounceback check` inspects the file; "
                    "`bounceback restore FILE` brings back a backup; "
                    "`bounceback --db PATH` opens another file."
                ),
                id="open-error-hint",
            )
        yield Footer()
