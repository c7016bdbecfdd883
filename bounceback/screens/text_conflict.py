"""The choice an autosaved box offers when another window saved it first: both, mine, theirs.

Both texts are shown side by side, read-only, so the choice is made seeing what each holds.
The answers sit in a list with "Keep both" highlighted and no letter keys: a person still typing
when it opens cannot pick anything by accident, and the enter a vent box is used to keeps both
(nothing is lost). Escape decides later: nothing is written, and the box asks again at the next
pause in typing.
"""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, TextArea
from textual.widgets.option_list import Option


class Choice(Enum):
    """What to keep of two texts saved in two windows."""

    BOTH = "both"
    MINE = "mine"
    THEIRS = "theirs"


def joined(theirs: str, mine: str, *, multiline: bool) -> str:
    """Both texts, theirs first (it was saved first), parted by a blank line or " / "."""
    if not theirs.strip():
        return mine
    if not mine.strip():
        return theirs
    return f"{theirs.rstrip()}\n\n{mine.lstrip()}" if multiline else f"{theirs} / {mine}"


class TextConflictModal(ModalScreen[Choice | None]):
    """"Changed in another window": their text, yours, and what to keep."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Decide later", id="conflict-later",
                tooltip="Nothing is written; the box asks again at your next pause in typing"),
    ]

    DEFAULT_CSS = """
    TextConflictModal { align: center middle; }
    TextConflictModal > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
        padding: 0 1; border: thick $warning; background: $surface;
    }
    TextConflictModal #conflict-why { width: 100%; margin-bottom: 1; }
    TextConflictModal Horizontal { height: auto; }
    TextConflictModal .conflict-side { width: 1fr; height: auto; }
    TextConflictModal .conflict-side TextArea { height: 6; }
    TextConflictModal OptionList { height: auto; margin-top: 1; }
    TextConflictModal #conflict-keys { color: $text-muted; }
    """

    def __init__(self, what: str, mine: str, theirs: str, *, multiline: bool = True,
                 restored: bool = False) -> None:
        """`what` names the box ("The vent box"); `mine` is on screen, `theirs` is stored.

        `restored`: theirs comes from a backup restored under the open app, not a window.
        """
        super().__init__()
        self._what = what
        self._mine = mine
        self._theirs = theirs
        self._multiline = multiline
        self._restored = restored

    def compose(self) -> ComposeResult:
        """Why, the two texts, the three answers."""
        take_theirs = "Take theirs"
        if self._multiline:
            take_theirs += " (ctrl+z in the box brings yours back)"
        if self._restored:
            title, where = "Restored from a backup", "In the restored backup"
            why = (f"{self._what} holds other text in the restored backup than on this "
                   "screen. Nothing is lost: choose what to keep.")
        else:
            title, where = "Changed in another window", "Saved in the other window"
            why = (f"{self._what} was saved in another window since this one last saved it. "
                   "Nothing is lost: choose what to keep.")
        with Vertical():
            yield Label(Content.styled(title, "bold"))
            yield Label(Content(why), id="conflict-why")
            with Horizontal():
                with Vertical(classes="conflict-side"):
                    yield Label(where)
                    yield TextArea(self._theirs, id="conflict-theirs", read_only=True,
                                   soft_wrap=True, compact=True)
                with Vertical(classes="conflict-side"):
                    yield Label("Yours, here (not saved yet)")
                    yield TextArea(self._mine, id="conflict-mine", read_only=True,
                                   soft_wrap=True, compact=True)
            yield OptionList(
                Option("Keep both (theirs first, then yours)", id=Choice.BOTH.value),
                Option("Keep mine (replace theirs)", id=Choice.MINE.value),
                Option(take_theirs, id=Choice.THEIRS.value),
                id="conflict-choices",
            )
            yield Label("↑↓ then enter to choose · escape decides later", id="conflict-keys")

    def on_mount(self) -> None:
        """The answers take the keys, "Keep both" highlighted."""
        choices = self.query_one("#conflict-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#conflict-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Choice(event.option.id))

    def action_later(self) -> None:
        """Close without choosing: nothing is written."""
        self.dismiss(None)
