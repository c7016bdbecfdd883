"""IntensityScale: a 0-10 rating you set with a digit, the arrow keys, or a click."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class IntensityScale(Widget, can_focus=True):
    """Eleven cells, 0 to 10; `value` None means not rated yet."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Less", show=False, id="intensity-less"),
        Binding("right", "step(1)", "More", show=False, id="intensity-more"),
    ]

    DEFAULT_CSS = """
    IntensityScale { height: 1; width: auto; min-width: 45; }
    IntensityScale:focus { background: $boost; }
    """

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The rating changed."""

        def __init__(self, scale: IntensityScale, value: int | None) -> None:
            """Carry the new value."""
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> IntensityScale:
            """The scale that changed."""
            return self.scale

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        """Start at `value` (None: unrated)."""
        super().__init__(id=id)
        self.set_reactive(IntensityScale.value, value)

    def render(self) -> Content:
        """` 0  1  2 …` with the chosen value lit."""
        parts = []
        for n in range(11):
            cell = f" {n} "
            if self.value is not None and n == self.value:
                parts.append(Content.styled(cell, "reverse bold $accent"))
            elif self.value is not None and n < self.value:
                parts.append(Content.styled(cell, "$accent"))
            else:
                parts.append(Content.styled(cell, "$text-muted"))
        return Content("").join(parts)

    def watch_value(self, value: int | None) -> None:
        """Tell the screen (it saves at once)."""
        self.post_message(self.Changed(self, value))

    def set_value(self, value: int) -> None:
        """Set a rating, clamped to 0-10."""
        self.value = max(0, min(10, value))

    def action_step(self, delta: int) -> None:
        """One up or down (from 5 when unrated)."""
        self.set_value((5 if self.value is None else self.value) + delta)

    def on_click(self, event: events.Click) -> None:
        """A click picks the cell under the mouse."""
        self.set_value(event.x // 3)
