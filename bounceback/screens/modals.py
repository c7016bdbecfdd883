"""Small reusable modals: yes/no confirmation and a list picker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

T = TypeVar("T")


class ConfirmModal(ModalScreen[bool]):
    """Ask a yes/no question; `y` confirms, `n`/escape decline, enter picks the focused answer.

    Focus starts on the safe answer ("no"), so a stray enter changes nothing. A question the
    person asked for themselves (`r` on the Pipeline: "record this rejection?") passes
    `enter_means_yes=True`, so enter confirms there.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    ConfirmModal #confirm-question { width: 100%; margin-bottom: 1; }
    ConfirmModal Horizontal { height: auto; align-horizontal: right; }
    ConfirmModal Button { margin-left: 2; }
    """

    def __init__(
        self, question: Content, yes: str = "Yes", no: str = "No", *,
        enter_means_yes: bool = False,
    ) -> None:
        """`question` is Content so user text inside it is already safe."""
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no
        self._enter_yes = enter_means_yes

    def compose(self) -> ComposeResult:
        """A question and two buttons; the one enter presses says so."""
        enter_yes = self._enter_yes
        with Vertical():
            yield Label(self._question, id="confirm-question")
            with Horizontal():
                yield Button(f"{self._no} (n)", id="no")
                yield Button(f"{self._yes} (y, enter)" if enter_yes else f"{self._yes} (y)",
                             id="yes", variant="warning")

    def on_mount(self) -> None:
        """Focus the answer enter picks: the safe one unless the caller said otherwise."""
        self.query_one("#yes" if self._enter_yes else "#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class PickerModal(ModalScreen[T | None], Generic[T]):
    """Choose one of a few labelled values; escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker-cancel"),
    ]

    DEFAULT_CSS = """
    PickerModal { align: center middle; }
    PickerModal > Vertical {
        width: 50; height: auto; max-height: 80%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    PickerModal #picker-title { margin-bottom: 1; text-style: bold; }
    PickerModal OptionList { height: auto; max-height: 20; }
    """

    def __init__(
        self, title: Content, choices: Sequence[tuple[T, Content]], highlight: int = 0
    ) -> None:
        """`choices` are (value, label) pairs; labels are Content (safe)."""
        super().__init__()
        self._title = title
        self._choices = list(choices)
        self._highlight = highlight

    def compose(self) -> ComposeResult:
        """The title and the options."""
        with Vertical():
            yield Label(self._title, id="picker-title")
            yield OptionList(
                *[Option(label, id=str(i)) for i, (_, label) in enumerate(self._choices)],
                id="picker-options",
            )

    def on_mount(self) -> None:
        """Focus the list at the suggested option."""
        options = self.query_one(OptionList)
        options.highlighted = self._highlight
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._choices[event.option_index][0])

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)


class TextPromptModal(ModalScreen[str | None]):
    """One line of text: enter answers, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt-cancel"),
    ]

    DEFAULT_CSS = """
    TextPromptModal { align: center middle; }
    TextPromptModal > Vertical {
        width: 80; height: auto; padding: 1 2; border: thick $accent; background: $surface;
    }
    TextPromptModal #prompt-title { margin-bottom: 1; }
    """

    def __init__(self, title: Content, value: str = "", placeholder: str = "") -> None:
        """Ask `title`, starting with `value`."""
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        """The question and the input."""
        from textual.widgets import Input

        with Vertical():
            yield Label(self._title, id="prompt-title")
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")

    def on_input_submitted(self, event: object) -> None:
        """Answer with the text."""
        from textual.widgets import Input

        self.dismiss(self.query_one("#prompt-input", Input).value)

    def action_cancel(self) -> None:
        """No answer."""
        self.dismiss(None)
