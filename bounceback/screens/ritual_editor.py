"""The ritual editor: plan the positive actions you take right after bad news."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from bounceback.screens.host import host
from bounceback.screens.outcome import attempt
from bounceback.widgets.safe import content

if TYPE_CHECKING:
    from bounceback.store.db import Store


class RitualEditor(ModalScreen[None]):
    """n add · r rename · [ ] reorder · x retire / bring back · escape close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add", id="rituals-add", tooltip="Add a ritual"),
        Binding("r", "rename", "Rename", id="rituals-rename", tooltip="Rename the highlighted"),
        Binding("left_square_bracket", "move(-1)", "Up", id="rituals-up",
                tooltip="Move the highlighted ritual up"),
        Binding("right_square_bracket", "move(1)", "Down", id="rituals-down",
                tooltip="Move the highlighted ritual down"),
        Binding("x", "retire", "Retire", id="rituals-retire",
                tooltip="Retire the highlighted ritual (or bring it back)"),
        Binding("escape", "close", "Close", id="rituals-close"),
    ]

    DEFAULT_CSS = """
    RitualEditor { align: center middle; }
    RitualEditor > Vertical {
        width: 80; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    RitualEditor OptionList { height: auto; max-height: 16; }
    RitualEditor Input { display: none; }
    RitualEditor Input.-editing { display: block; }
    """

    def __init__(self) -> None:
        """Editing nothing yet."""
        super().__init__()
        self._renaming: int | None = None
        self._typed_from = ""  # what the open input started with

    def compose(self) -> ComposeResult:
        """The list, a hidden input for add/rename, the footer."""
        with Vertical():
            yield Label(Content.styled("Your rituals", "bold"))
            yield Label(Content("Small, kind, doable within the hour. Offered in rotation."))
            yield OptionList(id="rituals-list")
            yield Input(id="rituals-input", placeholder="e.g. Walk to the park and back")
            yield Footer()

    def on_mount(self) -> None:
        """Load the list."""
        self._reload()
        self.query_one("#rituals-list").focus()

    @property
    def _store(self) -> Store:
        return host(self.app).store

    def _reload(self, highlight: int | None = None) -> None:
        options = self.query_one("#rituals-list", OptionList)
        options.clear_options()
        for ritual in self._store.rituals.all(include_retired=True):
            label = content(ritual.title)
            if ritual.retired:
                label = Content.assemble(label, Content.styled("  (retired)", "$text-muted"))
            options.add_option(Option(label, id=str(ritual.id)))
        if highlight is not None:
            options.highlighted = options.get_option_index(str(highlight))

    def _current(self) -> int | None:
        options = self.query_one("#rituals-list", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return int(option_id) if option_id else None

    def _edit(self, value: str, renaming: int | None) -> None:
        self._renaming = renaming
        self._typed_from = value
        box = self.query_one("#rituals-input", Input)
        box.value = value
        box.add_class("-editing")
        box.focus()

    def action_add(self) -> None:
        """Type a new ritual."""
        self._edit("", None)

    def action_rename(self) -> None:
        """Retype the highlighted ritual."""
        current = self._current()
        if current is not None:
            title = next(r.title for r in self._store.rituals.all(True) if r.id == current)
            self._edit(title, current)

    @on(Input.Submitted, "#rituals-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._renaming is None:
            added = attempt(self.app, self._store.rituals.add, event.value)
            if not added.ok:
                return
            ritual_id = added.value.id
        else:
            ritual_id = self._renaming
            if not attempt(self.app, self._store.rituals.rename, ritual_id, event.value).ok:
                return
        event.input.remove_class("-editing")
        self._reload(ritual_id)
        self.query_one("#rituals-list").focus()

    def action_move(self, delta: int) -> None:
        """Reorder."""
        current = self._current()
        if current is not None:
            attempt(self.app, self._store.rituals.move, current, delta)
            self._reload(current)

    def action_retire(self) -> None:
        """Retire or bring back."""
        current = self._current()
        if current is not None:
            retired = next(r.retired for r in self._store.rituals.all(True) if r.id == current)
            attempt(self.app, self._store.rituals.set_retired, current, not retired)
            self._reload(current)

    def unsaved_changes(self) -> bool:
        """The add / rename box is open with something typed (quit asks before losing it)."""
        if not self.is_mounted:
            return False
        box = self.query_one("#rituals-input", Input)
        return box.has_class("-editing") and box.value != self._typed_from

    def flush_pending(self) -> None:
        """Saved on enter only: nothing waits to be written."""

    def action_close(self) -> None:
        """Close (or stop typing, if the input is open)."""
        box = self.query_one("#rituals-input", Input)
        if box.has_class("-editing"):
            box.remove_class("-editing")
            self.query_one("#rituals-list").focus()
            return
        self.dismiss(None)
