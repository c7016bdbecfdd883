"""The `?` help: every key of the screen you came from, and the global ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """A list of (keys, what they do) for the screen underneath."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help-close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    HelpScreen #help-title { text-style: bold; margin-bottom: 1; }
    HelpScreen VerticalScroll { height: auto; max-height: 32; }
    HelpScreen .help-row { height: auto; }
    HelpScreen #help-foot { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        """`rows` are (key display, description) pairs."""
        super().__init__()
        self._title = title
        self._rows = rows

    def compose(self) -> ComposeResult:
        """Title, then one line per key."""
        with Vertical():
            yield Label(Content(f"Keys — {self._title}"), id="help-title")
            with VerticalScroll():
                for keys, description in self._rows:
                    yield Static(
                        Content.assemble((f"{keys:>14}", "bold $accent"), "  ", description),
                        classes="help-row",
                    )
            yield Label(Content("escape closes · ctrl+p lists every command"), id="help-foot")
