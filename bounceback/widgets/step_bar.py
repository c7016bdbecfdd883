"""StepBar: where you are in the bounce-back flow."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static

from bounceback.widgets.mode_bar import note_content, with_note

STEPS = (
    ("acknowledge", "Acknowledge"),
    ("wallow", "Wallow window"),
    ("ritual", "Ritual"),
    ("detective", "Detective"),
    ("feedback", "Feedback"),
    ("moving", "Keep moving"),
)


class StepBar(Static):
    """`1 Acknowledge › 2 Wallow window › …` with the current step lit."""

    DEFAULT_CSS = """
    StepBar { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str, note: str = "") -> None:
        """`current` is a step key from STEPS; `note` (the demo label) as on the ModeBar."""
        parts: list[Content] = [Content.styled("bouncing back  ", "bold $accent")]
        for i, (key, title) in enumerate(STEPS, start=1):
            label = f"{i} {title}"
            lit = key == current
            parts.append(Content.styled(label, "reverse bold") if lit else Content(label))
            if i < len(STEPS):
                parts.append(Content.styled(" › ", "$text-muted"))
        self._line = Content("").join(parts)
        self._note = note_content(note) if note else None
        self._short = note_content(note.split()[0]) if note else None  # "demo"
        super().__init__(with_note(self._line, self._note, 80, below=False, short=self._short))

    def on_resize(self, _event: events.Resize) -> None:
        """Place the note for the width there is."""
        if self._note is not None:
            self.update(with_note(self._line, self._note, self.content_size.width,
                                  below=False, short=self._short))
