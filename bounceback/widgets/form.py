"""Form building blocks: a labelled field with its own inline error and hint lines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from bounceback.widgets.safe import content


class Field(Vertical):
    """Label, input widget, then a hint and an error line that appear only when set."""

    DEFAULT_CSS = """
    Field { height: auto; width: 1fr; margin: 0 1 0 0; }
    Field > .field-label { color: $text-muted; }
    Field > .field-hint { color: $text-muted; height: auto; width: 100%; display: none; }
    Field > .field-error { color: $error; height: auto; width: 100%; display: none; }
    Field.-has-hint > .field-hint { display: block; }
    Field.-has-error > .field-error { display: block; }
    Field.-has-error > Input, Field.-has-error > TextArea { border: tall $error; }
    """

    def __init__(self, label: str, control: Widget, *, name: str) -> None:
        """`name` is the draft field this edits (errors are matched by it)."""
        super().__init__(id=f"field-{name.replace('_', '-')}")
        self.field_name = name
        self._label = label
        self.control = control

    def compose(self) -> ComposeResult:
        """Label, control, hint, error."""
        yield Label(Content(self._label), classes="field-label")
        yield self.control
        yield Label("", classes="field-hint")
        yield Label("", classes="field-error")

    def set_error(self, message: str | None) -> None:
        """Show (or clear) the message under the field."""
        self.query_one(".field-error", Label).update(content(message or ""))
        self.set_class(bool(message), "-has-error")

    def set_hint(self, message: str | None) -> None:
        """Show (or clear) a quiet hint under the field."""
        self.query_one(".field-hint", Label).update(content(message or ""))
        self.set_class(bool(message), "-has-hint")

    @property
    def value(self) -> str:
        """The text typed (or the selected value) as a string."""
        control = self.control
        if isinstance(control, Input):
            return control.value
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Select):
            return "" if control.value is Select.BLANK else str(control.value)
        raise TypeError(type(control))
