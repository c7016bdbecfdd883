"""ModeBar: the row of numbered screens at the top, with the current one lit."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static


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
    ) -> None:
        """`modes` are (key, name, title) triples; `current` is the active mode's name.

        `banner` (e.g. the read-only notice) is a second line under the modes.
        """
        bar = self._build(modes, current, extra)
        if banner is not None:
            bar = Content("\n").join([bar, banner])
        super().__init__(bar)

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
