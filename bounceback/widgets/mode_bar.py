"""ModeBar: the row of numbered screens at the top, with the current one lit."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.widgets import Static

DEMO_NOTE = "demo — deleted when you quit"
"""What `bounceback demo` says on every screen (its database is a temporary file)."""


def with_note(
    line: Content, note: Content | None, width: int, below: bool = True,
    short: Content | None = None,
) -> Content:
    """`line` with `note` (else `short`) at its right end when it fits in `width`; else the
    note goes on a line below (`below`) or first, ahead of a line that is cut short."""
    if note is None:
        return line
    for label in (note, short):
        if label is not None and (gap := width - line.cell_length - label.cell_length) >= 2:
            return Content.assemble(line, " " * gap, label)
    if below:
        return Content("\n").join([line, note])
    return Content.assemble(note, " ", line)


def note_content(note: str) -> Content:
    """The note's look: reversed, so it reads as a label and not as a mode."""
    return Content.styled(f" {note} ", "reverse bold $warning")


class ModeBar(Static):
    """`1 Today  2 Pipeline ...`: shows where you are and which digit goes where."""

    DEFAULT_CSS = """
    ModeBar {
        height: auto; max-height: 3; background: $panel; color: $text-muted; padding: 0 1;
    }
    """

    def __init__(
        self,
        modes: Sequence[tuple[str, str, str]],
        current: str,
        extra: str = "",
        banner: Content | None = None,
        note: str = "",
    ) -> None:
        """`modes` are (key, name, title) triples; `current` is the active mode's name.

        `banner` (e.g. the read-only notice) is a line under the modes; `note` (the demo
        label) sits at the right end of the modes' line, or under it when the screen is narrow.
        """
        self._line = self._build(modes, current, extra)
        self._banner = banner
        self._note = note_content(note) if note else None
        super().__init__(self._content(80))

    def _content(self, width: int) -> Content:
        bar = with_note(self._line, self._note, width)
        if self._banner is not None:
            bar = Content("\n").join([bar, self._banner])
        return bar

    def on_resize(self, _event: events.Resize) -> None:
        """Place the note for the width there is."""
        if self._note is not None:
            self.update(self._content(self.content_size.width))

    @staticmethod
    def _build(modes: Sequence[tuple[str, str, str]], current: str, extra: str) -> Content:
        parts = [Content.styled("bounceback ", "bold $accent")]
        for key, name, title in modes:
            label = f" {key} {title} "
            style = "reverse bold" if name == current else ""
            parts.append(Content.styled(label, style) if style else Content(label))
            parts.append(Content(" "))
        if extra:
            parts.append(Content(extra))
        return Content("").join(parts)
