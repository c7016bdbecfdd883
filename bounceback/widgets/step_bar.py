"""StepBar: where you are in the bounce-back flow."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

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

    def __init__(self, current: str) -> None:
        """`current` is a step key from STEPS."""
        parts: list[Content] = [Content.styled("bouncing back  ", "bold $accent")]
        for i, (key, title) in enumerate(STEPS, start=1):
            label = f"{i} {title}"
            lit = key == current
            parts.append(Content.styled(label, "reverse bold") if lit else Content(label))
            if i < len(STEPS):
                parts.append(Content.styled(" › ", "$text-muted"))
        super().__init__(Content("").join(parts))
