"""GoalList: today's goals with a cursor, a progress bar each, and keys to count them.

The widget only draws and reports what was pressed (`GoalList.Adjust`, `Done`, `RestToggled`);
the screen writes the count and hands back fresh lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from bounceback.playbook.goals import DayStatus
from bounceback.sanitize import clean_text

GLYPHS: dict[DayStatus, str] = {
    DayStatus.MET: "●",
    DayStatus.PARTIAL: "◐",
    DayStatus.MISSED: "○",
    DayStatus.REST: "z",
    DayStatus.NOT_SCHEDULED: "·",
}
"""One character per day status, shared by Today and the Goals week view."""

STATUS_STYLES: dict[DayStatus, str] = {
    DayStatus.MET: "bold $success",
    DayStatus.PARTIAL: "$warning",
    DayStatus.MISSED: "$text-muted",
    DayStatus.REST: "$secondary",
    DayStatus.NOT_SCHEDULED: "$text-muted",
}

BAR_WIDTH = 8
TITLE_MIN = 14
"""A goal's title keeps at least this many cells before the bar and the units give way."""


@dataclass(frozen=True, slots=True)
class GoalLine:
    """One goal as the list shows it today."""

    goal_id: int
    title: str
    count: int
    target: int
    unit: str
    rest: bool
    status: DayStatus
    auto: str = ""  # what an automatic goal counts, e.g. "applications sent"; "" = by hand


def progress_bar(count: int, target: int, width: int = BAR_WIDTH) -> str:
    """`██████░░░░`: how far the count is toward the target."""
    filled = width if target <= 0 else min(width, round(width * max(count, 0) / target))
    return "█" * filled + "░" * (width - filled)


class GoalList(Widget, can_focus=True):
    """The day's goals, one line each; `+`/`-` count, `space` done, `r` rest day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "adjust(1)", "Count", id="goals-plus",
                tooltip="Count one more for the highlighted goal (also =)"),
        Binding("minus", "adjust(-1)", "Less", id="goals-minus",
                tooltip="Take one off the highlighted goal"),
        Binding("space", "done", "Done", id="goals-done",
                tooltip="Mark the highlighted goal done (count = target)"),
        Binding("r", "rest", "Rest day", id="goals-rest",
                tooltip="Today is a rest day for this goal (or not): rest is never a miss"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="goals-up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="goals-down"),
    ]

    DEFAULT_CSS = """
    GoalList { height: auto; min-height: 1; }
    GoalList:focus { background-tint: $foreground 4%; }
    """

    cursor = reactive(0)

    class Adjust(Message):
        """`+` or `-` on a goal."""

        def __init__(self, goal_id: int, delta: int) -> None:
            """Which goal, and by how much."""
            super().__init__()
            self.goal_id = goal_id
            self.delta = delta

    class Done(Message):
        """`space` on a goal: its count becomes the target."""

        def __init__(self, goal_id: int) -> None:
            """Which goal."""
            super().__init__()
            self.goal_id = goal_id

    class RestToggled(Message):
        """`r` on a goal: today becomes a rest day for it, or stops being one."""

        def __init__(self, goal_id: int) -> None:
            """Which goal."""
            super().__init__()
            self.goal_id = goal_id

    def __init__(self, empty_message: str = "", *, id: str | None = None) -> None:
        """Start empty; the screen calls `set_lines`."""
        super().__init__(id=id)
        self.lines: tuple[GoalLine, ...] = ()
        self.empty_message = empty_message

    @property
    def current(self) -> GoalLine | None:
        """The goal under the cursor."""
        return self.lines[self.cursor] if 0 <= self.cursor < len(self.lines) else None

    def set_lines(self, lines: Sequence[GoalLine]) -> None:
        """Show `lines`; the cursor stays on the same goal when it is still there."""
        keep = self.current.goal_id if self.current is not None else None
        self.lines = tuple(lines)
        index = next((i for i, g in enumerate(self.lines) if g.goal_id == keep), self.cursor)
        self.cursor = max(0, min(index, len(self.lines) - 1))
        self.refresh(layout=True)

    # ---- drawing --------------------------------------------------------------------------

    def render(self) -> Content:
        """One line per goal: marker, glyph, title, bar, count / target unit, auto tag.

        When the width is short the bar goes first, then the units, so a title keeps at least
        `TITLE_MIN` cells.
        """
        if not self.lines:
            return Content.styled(clean_text(self.empty_message), "italic $text-muted")
        width = self.size.width or 80
        tags = [("rest" if g.rest else "auto" if g.auto else "") for g in self.lines]
        tag_width = max(len(t) for t in tags)
        tag_width = tag_width + 1 if tag_width else 0
        longest = max(cell_len(" ".join(clean_text(g.title).split())) for g in self.lines)
        for bar, short in ((True, False), (False, False), (False, True)):
            tails = [self._tail(g, short) for g in self.lines]
            tail_width = max(cell_len(t) for t in tails)
            fixed = 4 + (BAR_WIDTH + 1 if bar else 0) + 1 + tail_width + tag_width
            title_width = max(8, width - fixed)
            if title_width >= min(TITLE_MIN, longest):
                break
        rows = [
            self._line(i, g, title_width, tails[i].ljust(tail_width), tags[i].rjust(tag_width),
                       bar)
            for i, g in enumerate(self.lines)
        ]
        return Content("\n").join(rows)

    @staticmethod
    def _tail(goal: GoalLine, short: bool = False) -> str:
        if short:
            return f"{goal.count}/{goal.target}"
        unit = " ".join(clean_text(goal.unit, single_line=True).split())
        if cell_len(unit) > 16:
            unit = set_cell_size(unit, 15) + "…"
        return f"{goal.count} / {goal.target} {unit}".strip()

    def _line(self, index: int, goal: GoalLine, title_width: int, tail: str, tag: str,
              bar: bool = True) -> Content:
        title = " ".join(clean_text(goal.title).split())
        if cell_len(title) > title_width:
            title = set_cell_size(title, title_width - 1) + "…"
        title = set_cell_size(title, title_width)
        selected = index == self.cursor
        marker = "›" if selected and self.has_focus else " "
        style = STATUS_STYLES[goal.status]
        meter: list[str | tuple[str, str]] = [
            (progress_bar(goal.count, goal.target), style if goal.count else "$text-disabled"),
            " ",
        ] if bar else []
        line = Content.assemble(
            (marker, "bold $accent"), " ", (GLYPHS[goal.status], style), " ",
            (title, "bold" if selected and self.has_focus else ""), " ", *meter,
            (tail, "$text-muted" if goal.rest else ""), (tag, "$text-muted"),
        )
        if selected and self.has_focus:
            line = line.stylize("on $boost")
        return line

    def on_focus(self) -> None:
        """The marker shows where the keys act."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the marker."""
        self.refresh()

    def watch_cursor(self) -> None:
        """Redraw the marker."""
        self.refresh()

    # ---- keys -----------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        """Move between goals."""
        if self.lines:
            self.cursor = max(0, min(len(self.lines) - 1, self.cursor + delta))

    def action_adjust(self, delta: int) -> None:
        """Ask the screen to count one more or one less."""
        if self.current is not None:
            self.post_message(self.Adjust(self.current.goal_id, delta))

    def action_done(self) -> None:
        """Ask the screen to mark the goal done."""
        if self.current is not None:
            self.post_message(self.Done(self.current.goal_id))

    def action_rest(self) -> None:
        """Ask the screen to flip the rest day."""
        if self.current is not None:
            self.post_message(self.RestToggled(self.current.goal_id))

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on that goal."""
        if 0 <= event.y < len(self.lines):
            self.cursor = event.y
