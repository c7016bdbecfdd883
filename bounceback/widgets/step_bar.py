"""StepBar: where you are in the bounce-back flow."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

STEPS = (
    ("acknowledge", "Acknowledge"),
    ("wallow", "Wallow window"),
    ("ritual", "Ritual"),
    ("detective", "Detective"),
    ("feedback", "Feedback"),
    ("moving", "Keep moving"),
)


class StepBar(Widget):
    """`1 Acknowledge › 2 Wallow window › …` with the current step lit.

    Too narrow for every name (80 columns), the other steps show their number only.
    """

    DEFAULT_CSS = """
    StepBar { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str) -> None:
        """`current` is a step key from STEPS."""
        super().__init__()
        self.current = current

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
        """Every step by name when they fit, else by number with the current one named."""
        full = self._bar(names=True)
        width = self.content_region.width
        return full if not width or full.cell_length <= width else self._bar(names=False)
