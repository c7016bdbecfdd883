"""The Wins section: rows and filters prepared once per load, filtered in memory per keystroke.

At 2,000 wins a keystroke is one pass over prepared rows (`benchmarks/wins_search.py`); the
table then draws only the lines on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from bounceback.dates import format_date
from bounceback.domain import WinCategory
from bounceback.playbook.comebacks import COMEBACK_DAYS, Comeback
from bounceback.screens.base import hidden
from bounceback.screens.win_reader import PIN, win_content
from bounceback.store.records import WinRow
from bounceback.widgets.record_table import Column, RecordTable
from bounceback.widgets.safe import notify, template

COLUMNS = (
    Column(" ", width=1),
    Column("Win", ratio=5, min_width=30),
    Column("Kind", width=20, min_width=15, ratio=1),
    Column("When", width=10),
    Column("Impact", ratio=4, min_width=12, priority=1),
    Column("Tags", ratio=2, min_width=8, priority=2),
)
CATEGORY_ORDER: tuple[WinCategory | None, ...] = (None, *WinCategory)
EMPTY = "No wins yet: press n to write down your first."
NO_MATCH = "Nothing matches: escape clears the search and the filters."
FIRST_WIN = (
    "[b]Your confidence file starts here.[/b]\n\n"
    "Think back over the last few years: a problem you untangled, something you shipped, a "
    "thank-you you still remember, a hard stretch you got through. Pick one (any size counts), "
    "press [b]n[/b], and write down what you did and what changed because of it.\n\n"
    "[dim]On the day a \"no\" lands, this is the list you will read.[/dim]"
)


@dataclass(frozen=True, slots=True)
class WinItem:
    """A catalog row with what the filters need."""

    row: WinRow
    tags: frozenset[str]  # casefolded


def build_items(rows: Sequence[WinRow]) -> list[WinItem]:
    """Wrap the rows (already pinned first, then newest) for filtering."""
    return [WinItem(r, frozenset(t.casefold() for t in r.tags)) for r in rows]


@dataclass(slots=True)
class WinFilter:
    """The catalog's filters: one kind, one tag, and the words searched (all must match)."""

    category: WinCategory | None = None
    tag: str | None = None  # as spelled, for the header
    query: str = ""
    words: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """True when anything narrows the list."""
        return bool(self.query or self.category or self.tag)

    def search(self, text: str) -> None:
        """Set the search text (spaces collapsed; matched case-insensitively, word by word)."""
        self.query = " ".join(text.split())
        self.words = self.query.casefold().split()

    def clear(self) -> None:
        """No filters."""
        self.category, self.tag = None, None
        self.search("")

    def next_category(self) -> None:
        """all → led a project → solved a problem → … → all."""
        i = CATEGORY_ORDER.index(self.category)
        self.category = CATEGORY_ORDER[(i + 1) % len(CATEGORY_ORDER)]

    def apply(self, items: Sequence[WinItem]) -> list[WinItem]:
        """The items that pass every filter, in their order."""
        category, words = self.category, self.words
        tag = self.tag.casefold() if self.tag else None
        if category is None and tag is None and not words:
            return list(items)
        return [
            item for item in items
            if (category is None or item.row.category is category)
            and (tag is None or tag in item.tags)
            and all(w in item.row.search_fold for w in words)
        ]


def tag_choices(items: Sequence[WinItem]) -> list[tuple[str, Content]]:
    """The tag picker's entries: "all tags", then each tag with its count, most used first."""
    from bounceback.store.wins import tag_ranking

    ranked = tag_ranking(item.row.tags for item in items)
    counts: dict[str, int] = {}
    for item in items:
        for tag in item.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return [("", Content("all tags"))] + [
        (t, template("$tag [dim]($n)[/dim]", tag=t, n=str(counts.get(t.casefold(), 0))))
        for t in ranked
    ]


def row_cells(row: WinRow, today: date) -> tuple[tuple[str, ...], str]:
    """One table line: pin, title, kind, when, impact, tags; pinned rows get their tone."""
    cells = (PIN if row.pinned else "", row.title, row.category.label,
             format_date(row.happened_on, today), row.impact, ", ".join(row.tags))
    return cells, "pinned" if row.pinned else ""


class WinsCatalogPane(Vertical):
    """The Wins section: summary, search box, the table and the detail pane.

    It filters and draws; the screen loads, writes (pin, edit, delete) and opens the reader.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="wins-search",
                tooltip="Search title, story, impact and tags as you type"),
        Binding("c", "cycle_category", "Kind", id="wins-category",
                tooltip="Show every kind of win, or one kind at a time"),
        Binding("t", "pick_tag", "Tag", id="wins-tag", tooltip="Show only the wins with one tag"),
        Binding("escape", "clear_filters", "Clear filters", show=False, id="wins-clear",
                tooltip="Clear the search, the kind and the tag"),
    ]

    class Read(Message):
        """Open the reader on `ids[index]` (the list as shown)."""

        def __init__(self, ids: list[int], index: int) -> None:
            """Carry the order and where to start."""
            super().__init__()
            self.ids = ids
            self.index = index

    def __init__(self, today: Callable[[], date], id: str | None = None) -> None:
        """`today` gives the calendar day (dates are shown relative to it)."""
        super().__init__(id=id)
        self._today = today
        self.items: list[WinItem] = []
        self.filter = WinFilter()
        self.loaded = False
        self._had_row = False

    def compose(self) -> ComposeResult:
        """Summary, search box (hidden), table, detail pane."""
        yield Static(id="wins-summary")
        yield hidden(Static(id="wins-comebacks"))
        yield hidden(Input(placeholder="search: title, story, impact, tags (escape clears)",
                           id="wins-search-input"))
        yield RecordTable(COLUMNS, self._format, key=lambda item: item.row.id,
                          empty_message="Loading…", id="wins-table")
        with VerticalScroll(id="wins-detail-box"):
            yield Static(id="wins-detail")

    def show_comebacks(self, found: Sequence[Comeback]) -> None:
        """Resilience from the data: how many no's were answered by an application within
        the comeback days, and the latest."""
        line = self.query_one("#wins-comebacks", Static)
        line.display = bool(found)
        if found:
            line.update(template(
                "[b $accent]↺[/] [b]$n[/b] [dim]— a no answered by an application within "
                "$days days. Latest:[/dim] $latest",
                n=f"{len(found)} comeback{'s' if len(found) != 1 else ''}",
                days=str(COMEBACK_DAYS), latest=found[0].text))

    def on_mount(self) -> None:
        """Keep the detail pane out of the tab order."""
        self.query_one("#wins-detail-box").can_focus = False

    @property
    def table(self) -> RecordTable:
        """The wins table."""
        return self.query_one("#wins-table", RecordTable)

    @property
    def current(self) -> WinRow | None:
        """The highlighted win."""
        item = self.table.current
        return item.row if item is not None else None

    def show(self, items: list[WinItem], keep_id: int | None = None) -> None:
        """New rows from a load; the cursor goes to `keep_id`, else stays on its win."""
        self.items = items
        self.loaded = True
        self.refilter(keep_id=keep_id, fresh=True)

    def follow(self, win_id: int) -> None:
        """Put the cursor on a win (back from the reader)."""
        self.table.move_to_key(win_id)

    # ---- filtering ------------------------------------------------------------------------

    def refilter(self, keep_id: int | None = None, fresh: bool = False) -> None:
        """Apply the filters to the prepared rows and redraw (per keystroke: in memory)."""
        visible = self.filter.apply(self.items)
        if self.loaded:
            self.table.empty_message = NO_MATCH if self.items else EMPTY
            empty_file = not self.items
            if empty_file != self.has_class("-empty-file"):
                self.set_class(empty_file, "-empty-file")
                if not empty_file and self.screen.focused is None:
                    self.table.focus()
                self.screen.refresh_bindings()
        self.table.set_rows(visible, keep_key=keep_id, fresh=fresh)
        self._summarize(len(visible))
        if not visible:
            self._show_detail(None)

    def _summarize(self, shown: int) -> None:
        f = self.filter
        pinned = sum(1 for item in self.items if item.row.pinned)
        # one line of fixed size: no layout pass per keystroke
        self.query_one("#wins-summary", Static).update(layout=False, content=template(
            "[b]Wins[/b]  $counts   [dim]kind:[/dim] [b]$category[/b] [dim](c)[/dim]   "
            "[dim]tag:[/dim] [b]$tag[/b] [dim](t)[/dim]$search",
            counts=f"{shown:,} shown of {len(self.items):,} · {pinned:,} pinned",
            category=f.category.label if f.category else "all",
            tag=f.tag or "all",
            search=f"   search: {f.query}" if f.query else "",
        ))

    @on(Input.Changed, "#wins-search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.filter.search(event.value)
        self.refilter()

    @on(Input.Submitted, "#wins-search-input")
    def _search_done(self) -> None:
        self.table.focus()

    def action_search(self) -> None:
        """Show the search box and type into it."""
        box = self.query_one("#wins-search-input", Input)
        box.display = True
        box.focus()

    def action_clear_filters(self) -> None:
        """Empty the search, the kind and the tag; back to the table."""
        box = self.query_one("#wins-search-input", Input)
        box.value = ""
        box.display = False
        self.filter.clear()
        self.refilter()
        self.table.focus()

    def action_cycle_category(self) -> None:
        """all → led a project → solved a problem → … → all."""
        self.filter.next_category()
        self.refilter()

    def action_pick_tag(self) -> None:
        """Choose a tag from those in use (with how many wins carry each)."""
        from bounceback.screens.modals import PickerModal

        choices = tag_choices(self.items)
        if len(choices) == 1:
            notify(self.app, "No tags yet: add some in a win's form (e), comma separated.")
            return
        start = next((i for i, (t, _) in enumerate(choices) if t == (self.filter.tag or "")), 0)

        def picked(tag: str | None) -> None:
            if tag is not None:
                self.filter.tag = tag or None
                self.refilter()

        self.app.push_screen(PickerModal(Content("Show wins tagged…"), choices, start), picked)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Filters only with wins; escape only when something is filtered."""
        if action in {"search", "cycle_category", "pick_tag"}:
            return bool(self.items)
        if action == "clear_filters":
            return self.filter.active or bool(self.query_one("#wins-search-input").display)
        return True

    # ---- rows -----------------------------------------------------------------------------

    def _format(self, item: WinItem) -> tuple[tuple[str, ...], str]:
        return row_cells(item.row, self._today())

    def _show_detail(self, row: WinRow | None) -> None:
        detail = self.query_one("#wins-detail", Static)
        if row is not None:
            detail.update(win_content(row, self._today()))
        elif self.loaded and not self.items:
            detail.update(Content.from_markup(FIRST_WIN))
        else:
            detail.update("")
        self.query_one("#wins-detail-box", VerticalScroll).scroll_home(animate=False)

    @on(RecordTable.Highlighted, "#wins-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        item: WinItem | None = event.row
        self._show_detail(item.row if item is not None else None)
        if (item is not None) != self._had_row:  # row keys appear or vanish with a row
            self._had_row = item is not None
            self.screen.refresh_bindings()

    @on(RecordTable.Selected, "#wins-table")
    def _selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        ids = [item.row.id for item in self.table.rows]
        self.post_message(self.Read(ids, ids.index(event.row.row.id)))
