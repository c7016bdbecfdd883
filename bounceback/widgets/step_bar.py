"""StepBar: where you are in the bounce-back flow."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from bounceback.domain import BOUNCE_STEPS, BounceStep
from bounceback.widgets.mode_bar import note_content, with_note

STEPS = tuple((step, step.label) for step in BOUNCE_STEPS)
"""The bar's steps with their titles, in order."""


class StepBar(Widget):
    """`1 Acknowledge › 2 Wallow window › …` with the current step lit.

    Too narrow for every name (80 columns), the other steps show their number only. A note
    (the demo label) sits at the right end, shortened to its first word when space is tight.
    """

    DEFAULT_CSS = """
    StepBar { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: BounceStep | str, note: str = "") -> None:
        """`current` is one of the bar's steps; `note` (the demo label) as on the ModeBar."""
        super().__init__()
        self.current = current
        self._note = note_content(note) if note else None
        self._short = note_content(note.split()[0]) if note else None  # "demo"

    def _bar(self, names: bool) -> Content:
        parts: list[Content] = [Content.styled("bouncing back  ", "bold $accent")]
        for i, (key, title) in enumerate(STEPS, start=1):
            lit = key == self.current
            label = f"{i} {title}" if names or lit else str(i)
            parts.append(Content.styled(label, "reverse bold") if lit else Content(label))
            if i < len(STEPS):
                parts.append(Content.styled(" › ", "$text-muted"))
        return Content("").join(parts)

    def render(self) -> Content:
        """Step names first, then the whole note; narrower, the short note, then numbers."""
        width = self.content_region.width or 80
        notes = (None,) if self._note is None else (self._note, self._short)
        for names in (True, False):
            line = self._bar(names)
            for note in notes:  # without a demo label, the names only when they fit
                room = 0 if note is None else note.cell_length + 2
                if line.cell_length + room <= width:
                    return with_note(line, note, width, below=False)
        return with_note(self._bar(False), self._note, width, below=False, short=self._short)
