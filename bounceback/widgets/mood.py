"""MoodPicker: today's mood from 1 to 5, chosen with one digit while it has focus.

While the picker has focus its digit bindings shadow the app's `1`-`5` screen keys (a focused
widget's bindings are checked before the app's), so it only gets focus when the person asks for
the check-in. Leave it with `tab`, `enter` or `escape` and the digits switch screens again.
`backspace`/`delete` clear the mood (no mood is a valid answer).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

_TOOLTIP = "Rate today's mood, 1 to 5 (digits rate the mood while the check-in has focus)"


class MoodPicker(Widget, can_focus=True):
    """Five cells, ` 1 rough ` to ` 5 great `; `value` None means not chosen yet."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "Mood", key_display="1-5", id="mood-choose", tooltip=_TOOLTIP),
        # 2-5 carry no id on purpose: the footer and `?` show the five digits as one "1-5" row
        *[Binding(str(n), f"choose({n})", "Mood", show=False) for n in range(2, 6)],
        Binding("left", "step(-1)", "Lower", show=False, id="mood-step",
                tooltip="Mood one lower / higher"),
        Binding("right", "step(1)", "Higher", show=False, id="mood-step",
                tooltip="Mood one lower / higher"),
        Binding("backspace,delete", "clear", "Clear", show=False, id="mood-clear",
                tooltip="Clear the mood (no mood today)"),
        Binding("enter", "next", "Next", show=False, id="mood-next",
                tooltip="On to the next line of the check-in"),
    ]

    DEFAULT_CSS = """
    MoodPicker { height: 1; width: auto; max-width: 100%; }
    MoodPicker:focus { background: $boost; }
    """

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The person chose a mood, or cleared it (None); not posted for a stored one."""

        def __init__(self, picker: MoodPicker, value: int | None) -> None:
            """Carry the chosen mood."""
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> MoodPicker:
            """The picker that changed."""
            return self.picker

    def __init__(
        self, words: Mapping[int, str], value: int | None = None, *, id: str | None = None
    ) -> None:
        """`words` names each of 1..5 ("rough" … "great"); `value` is the stored mood."""
        super().__init__(id=id)
        self._cells = [f" {n} {words.get(n, '')} ".replace("  ", " ") for n in range(1, 6)]
        # narrower shapes for a narrow terminal: the words without padding, then digits only
        self._compact = [f"{n} {words.get(n, '')}".strip() for n in range(1, 6)]
        self._digits = [f" {n} " for n in range(1, 6)]
        self.set_reactive(MoodPicker.value, value)

    @staticmethod
    def _width(cells: list[str], gap: int) -> int:
        return sum(len(c) for c in cells) + gap * (len(cells) - 1)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the full cells (a narrow parent clips it to a compact shape)."""
        return self._width(self._cells, 1)

    def _shape(self) -> tuple[list[str], int]:
        """The cells that fit the current width, and the gap between them."""
        width = self.size.width or self._width(self._cells, 1)
        for cells, gap in ((self._cells, 1), (self._compact, 2)):
            if self._width(cells, gap) <= width:
                return cells, gap
        return self._digits, 0

    def render(self) -> Content:
        """The five cells with the chosen one lit."""
        cells, gap = self._shape()
        parts: list[Content] = []
        for n, cell in enumerate(cells, start=1):
            if n == self.value:
                parts.append(Content.styled(cell, "reverse bold $accent"))
            else:
                parts.append(Content.styled(cell, "$text-muted"))
        return Content(" " * gap).join(parts)

    def show_value(self, value: int | None) -> None:
        """Display a stored mood without announcing a change."""
        self.value = value if value is None else max(1, min(5, value))

    def choose(self, value: int) -> None:
        """The person picked `value` (clamped to 1-5): show it and tell the screen."""
        self.value = max(1, min(5, value))
        self.post_message(self.Changed(self, self.value))

    def action_choose(self, value: int) -> None:
        """A digit was pressed."""
        self.choose(value)

    def action_clear(self) -> None:
        """Backspace or delete: no mood (only announced when there was one)."""
        if self.value is not None:
            self.value = None
            self.post_message(self.Changed(self, None))

    def action_next(self) -> None:
        """Enter: the mood is chosen, on to the next field."""
        self.screen.focus_next()

    def action_step(self, delta: int) -> None:
        """One lower or higher (from 3 when nothing is chosen yet)."""
        self.choose((3 if self.value is None else self.value) + delta)

    def on_click(self, event: events.Click) -> None:
        """A click picks the cell under the mouse."""
        cells, gap = self._shape()
        x = 0
        for n, cell in enumerate(cells, start=1):
            if x <= event.x < x + len(cell):
                self.choose(n)
                return
            x += len(cell) + gap
