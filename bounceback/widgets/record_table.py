"""RecordTable: a keyboard table that draws only the visible rows (Line API).

A DataTable refilled with 10,000 rows costs 0.16-1.5 s per filter keystroke (DESIGN.md); this
widget keeps a list of row objects and formats only what is on screen, so a filter or a screen
switch repaints in milliseconds however many rows there are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from bounceback.sanitize import clean_text


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header and how it takes its share of the width.

    `width` alone is a fixed width; `ratio` alone a share of what is left; both together a
    column that grows by `ratio` up to `width`. `min_width` is the least it is given (a name
    keeps at least 12 characters; a fixed column with a `min_width` may shrink to it).
    `priority` 0 is always shown; when the minimum widths do not fit, the column with the
    highest priority number is hidden first, then the next, so secondary columns give way.
    """

    label: str
    width: int = 0
    ratio: int = 0
    align_right: bool = False
    min_width: int = 0
    priority: int = 0

    @property
    def least(self) -> int:
        """The narrowest this column is drawn."""
        if self.min_width:
            return self.min_width
        return self.width if not self.ratio else 1

    @property
    def most(self) -> float:
        """The widest this column is drawn (a pure ratio column has no limit)."""
        return float(self.width) if self.width else float("inf")


def layout_widths(columns: Sequence[Column], total: int) -> list[int]:
    """Each column's width within `total` cells (one-cell gaps between shown columns); 0 = hidden.

    Hide by priority until the minimums fit, start every shown column at its minimum, then
    share what is left by ratio, each column up to its maximum (water-filling); the cells lost
    to rounding go to the columns that lost the most.
    """
    shown = list(range(len(columns)))

    def need(indexes: list[int]) -> int:
        return sum(columns[i].least for i in indexes) + max(0, len(indexes) - 1)

    while need(shown) > total:
        droppable = [i for i in shown if columns[i].priority > 0]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda i: (columns[i].priority, i)))
    widths = [0] * len(columns)
    for i in shown:
        widths[i] = columns[i].least
    spare = total - need(shown)
    if spare < 0:  # even the essential columns do not fit: flexible ones shrink, fixed stay
        flexible = [i for i in shown if columns[i].ratio]
        for i in reversed(flexible):
            cut = min(-spare, widths[i] - 1)
            widths[i] -= cut
            spare += cut
        return widths
    growing = [i for i in shown if columns[i].ratio and widths[i] < columns[i].most]
    exact = [float(w) for w in widths]
    extra = float(spare)
    while extra > 1e-9 and growing:
        weight = sum(columns[i].ratio for i in growing)
        capped = [i for i in growing
                  if exact[i] + extra * columns[i].ratio / weight >= columns[i].most]
        if not capped:
            for i in growing:
                exact[i] += extra * columns[i].ratio / weight
            extra = 0
            break
        for i in capped:
            extra -= columns[i].most - exact[i]
            exact[i] = columns[i].most
            growing.remove(i)
    widths = [int(w) for w in exact]
    left = total - need(shown) - sum(widths[i] - columns[i].least for i in shown)
    # the cells lost to rounding go to the columns that lost the most, then round again
    while left > 0:
        room = [i for i in shown if columns[i].ratio and widths[i] < columns[i].most]
        if not room:
            break
        for i in sorted(room, key=lambda i: (widths[i] - exact[i], i))[:left]:
            widths[i] += 1
            left -= 1
    return widths


Cells = tuple[str, ...]


class RecordTable(ScrollView, can_focus=True):
    """Rows of records; a sticky header; a cursor; `enter` selects."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table-up",
                tooltip="Previous row (also k)"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table-down",
                tooltip="Next row (also j)"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table-page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table-page-down"),
        Binding("home", "edge(0)", "First", show=False, id="table-first", tooltip="First row"),
        Binding("end", "edge(1)", "Last", show=False, id="table-last", tooltip="Last row"),
        Binding("enter", "select", "Open", id="table-open", tooltip="Open the highlighted row"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-table--header",
        "record-table--cursor",
        "record-table--empty",
        "record-table--tone-overdue",
        "record-table--tone-due",
        "record-table--tone-ghosted",
        "record-table--tone-stale",
        "record-table--tone-closed",
        "record-table--tone-saved",
        "record-table--tone-pinned",
    }

    DEFAULT_CSS = """
    RecordTable { height: 1fr; overflow-x: hidden; background: $surface; }
    RecordTable > .record-table--header {
        text-style: bold; color: $text-muted; background: $panel;
    }
    RecordTable > .record-table--cursor { background: $block-cursor-blurred-background; }
    RecordTable:focus > .record-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    RecordTable > .record-table--empty { color: $text-muted; text-style: italic; }
    RecordTable > .record-table--tone-overdue { color: $error; }
    RecordTable > .record-table--tone-due { color: $warning; }
    RecordTable > .record-table--tone-ghosted { color: $text-muted; text-style: italic; }
    RecordTable > .record-table--tone-stale { color: $warning-darken-1; }
    RecordTable > .record-table--tone-closed { color: $text-muted; }
    RecordTable > .record-table--tone-saved { color: $text-muted; }
    RecordTable > .record-table--tone-pinned { color: $accent; }
    """

    cursor = reactive(0, init=False)

    class Highlighted(Message):
        """The cursor moved to a row (None when the table is empty)."""

        def __init__(self, table: RecordTable, row: Any | None) -> None:
            """Carry the row object under the cursor."""
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RecordTable:
            """The table that posted this."""
            return self.table

    class Selected(Message):
        """A row was chosen with enter or a double click."""

        def __init__(self, table: RecordTable, row: Any) -> None:
            """Carry the chosen row object."""
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RecordTable:
            """The table that posted this."""
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        format_row: Callable[[Any], tuple[Cells, str]],
        key: Callable[[Any], object],
        *,
        empty_message: str = "Nothing here yet.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """`format_row(row)` returns the cell texts and a tone; `key(row)` identifies a row."""
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self._format_row = format_row
        self._key = key
        self._rows: Sequence[Any] = ()
        self._cache: dict[object, tuple[Cells, str]] = {}
        self.empty_message = empty_message

    # ---- data -----------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Any]:
        """The rows currently shown, in order."""
        return self._rows

    @property
    def current(self) -> Any | None:
        """The row under the cursor."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[Any], *, keep_key: object = None, fresh: bool = True) -> None:
        """Show `rows`; the cursor stays on the same record when it is still there.

        `fresh=False` keeps formatted cells (a filter over unchanged data).
        """
        before = self.current
        anchor = keep_key if keep_key is not None else (
            self._key(before) if before is not None else None
        )
        self._rows = rows
        if fresh:
            self._cache.clear()
        index = 0
        if anchor is not None:
            for i, row in enumerate(rows):
                if self._key(row) == anchor:
                    index = i
                    break
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        # a filter over the same row objects keeps the highlight: no message, no relayout
        self._set_cursor(index, force_message=self.current is not before)
        self.refresh()

    def move_to_key(self, key: object) -> bool:
        """Put the cursor on the row with `key`; False when it is not shown."""
        for i, row in enumerate(self._rows):
            if self._key(row) == key:
                self._set_cursor(i)
                return True
        return False

    # ---- cursor ---------------------------------------------------------------------------

    def _set_cursor(self, index: int, force_message: bool = False) -> None:
        index = max(0, min(index, len(self._rows) - 1)) if self._rows else 0
        changed = index != self.cursor
        self.set_reactive(RecordTable.cursor, index)
        if not changed and not force_message:
            return
        self._scroll_cursor_into_view()
        self.refresh()
        if changed or force_message:
            self.post_message(self.Highlighted(self, self.current))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        """Move the cursor up or down."""
        self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        """Move the cursor a page."""
        page = max(1, self.scrollable_content_region.height - 2)
        self._set_cursor(self.cursor + direction * page)

    def action_edge(self, end: int) -> None:
        """Jump to the first or last row."""
        self._set_cursor(len(self._rows) - 1 if end else 0)

    def action_select(self) -> None:
        """Post Selected for the row under the cursor."""
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; a double click selects."""
        if event.y < 1:
            return
        self._set_cursor(round(self.scroll_y) + event.y - 1)
        if event.chain >= 2:
            self.action_select()

    def on_resize(self) -> None:
        """Column widths depend on the width."""
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self._scroll_cursor_into_view()

    # ---- drawing --------------------------------------------------------------------------

    def _widths(self, total: int) -> list[int]:
        return layout_widths(self.columns, total)

    def _line(self, cells: Sequence[str], widths: list[int], style: Style) -> list[Segment]:
        segments: list[Segment] = []
        for text, width, column in zip(cells, widths, self.columns, strict=False):
            if width <= 0:
                continue  # a column hidden at this width
            if segments:
                segments.append(Segment(" ", style))
            text = " ".join(clean_text(text).split())
            if cell_len(text) > width:
                text = set_cell_size(text, max(0, width - 1)) + "…"
            elif column.align_right:
                text = " " * (width - cell_len(text)) + text
            segments.append(Segment(set_cell_size(text, width), style))
        return segments

    def render_line(self, y: int) -> Strip:
        """Draw screen line `y`: the header at 0, then the rows under the scroll offset."""
        width = self.scrollable_content_region.width
        widths = self._widths(width)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("record-table--header")
            strip = Strip(self._line([c.label for c in self.columns], widths, style))
            return strip.extend_cell_length(width, style)
        index = round(self.scroll_y) + y - 1
        if not self._rows:
            if y == 2:
                style = base + self.get_component_rich_style("record-table--empty")
                text = set_cell_size("  " + clean_text(self.empty_message), width)
                return Strip([Segment(text, style)])
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        key = self._key(row)
        formatted = self._cache.get(key)
        if formatted is None:
            formatted = self._format_row(row)
            self._cache[key] = formatted
        cells, tone = formatted
        style = base
        if tone:
            style += self.get_component_rich_style(f"record-table--tone-{tone}")
        if index == self.cursor:
            style += self.get_component_rich_style("record-table--cursor")
        return Strip(self._line(cells, widths, style)).extend_cell_length(width, style)
