"""Screen 4, Wins: the confidence file — wins catalog, strengths, and help given to others."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, TabbedContent, TabPane
from textual.worker import Worker

from bounceback.playbook.comebacks import Comeback
from bounceback.screens.base import NumberedScreen
from bounceback.screens.help_log import HelpLogPane, open_help_form
from bounceback.screens.strengths import StrengthsPane
from bounceback.screens.today_data import read_nos
from bounceback.screens.win_catalog import WinItem, WinsCatalogPane, build_items
from bounceback.screens.win_reader import WinReaderScreen
from bounceback.store.records import (
    HelpActRecord,
    HelpCounts,
    StrengthRecord,
    WinRow,
)
from bounceback.widgets.record_table import RecordTable
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.store.db import Store

TABS = {"wins": "wins-tab-wins", "strengths": "wins-tab-strengths", "help": "wins-tab-help"}
_CATALOG_ONLY = {"pin", "edit", "delete"}


class WinsScreen(NumberedScreen):
    """Catalog with a detail pane; strengths and the help log as sections (w / s / l)."""

    MODE_NAME = "wins"
    HELP_TITLE = "Wins"
    AUTO_FOCUS = "#wins-table"  # from the first frame: early keys never reach the search box

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", id="wins-new",
                tooltip="New: a win here, a time you helped on Help given"),
        Binding("p", "pin", "Pin", id="wins-pin",
                tooltip="Pin or unpin the highlighted win (pinned wins come first everywhere)"),
        Binding("h", "log_help", "Log help", id="wins-log-help",
                tooltip="You helped someone: log it (from any section)"),
        Binding("e", "edit", "Edit", show=False, id="wins-edit",
                tooltip="Edit the highlighted win"),
        Binding("delete", "delete", "Delete", show=False, id="wins-delete",
                tooltip="Delete the highlighted win (undo with u)"),
        Binding("u", "undo", "Undo", show=False, id="wins-undo",
                tooltip="Bring back what you just deleted or removed"),
        Binding("w", "section('wins')", "Wins", show=False, id="wins-go-wins",
                tooltip="Section: the wins catalog"),
        Binding("s", "section('strengths')", "Strengths", show=False, id="wins-go-strengths",
                tooltip="Section: strengths — worth, not work"),
        Binding("l", "section('help')", "Help given", show=False, id="wins-go-help",
                tooltip="Section: the log of times you helped someone"),
    ]

    def __init__(self) -> None:
        """Start empty; everything loads when the screen is shown."""
        super().__init__()
        self._strengths: list[StrengthRecord] | None = None
        self._acts: list[HelpActRecord] | None = None
        self._counts: HelpCounts | None = None
        self._undo: tuple[str, Callable[[], Any]] | None = None
        self._fingerprint: object = None
        self._keep_id: int | None = None
        self._seq = 0
        self._reader: WinReaderScreen | None = None
        self._keep_act: int | None = None  # the help entry to highlight after the next load

    def compose(self) -> ComposeResult:
        """Mode bar; the three sections as tabs; the footer."""
        yield self.mode_bar()
        with TabbedContent(id="wins-tabs"):
            with TabPane("Wins", id=TABS["wins"]):
                yield WinsCatalogPane(self.today, id="wins-catalog")
            with TabPane("Strengths", id=TABS["strengths"]):
                yield StrengthsPane(id="wins-strengths")
            with TabPane("Help given", id=TABS["help"]):
                yield HelpLogPane(id="wins-help")
        yield Footer()

    @property
    def catalog(self) -> WinsCatalogPane:
        """The Wins section."""
        return self.query_one(WinsCatalogPane)

    @property
    def table(self) -> RecordTable:
        """The wins table."""
        return self.catalog.table

    @property
    def current(self) -> WinRow | None:
        """The highlighted win."""
        return self.catalog.current

    @property
    def section(self) -> str:
        """"wins", "strengths" or "help"."""
        active = self.query_one("#wins-tabs", TabbedContent).active
        return next((name for name, pane in TABS.items() if pane == active), "wins")

    # ---- loading --------------------------------------------------------------------------

    def on_mount(self) -> None:
        """The catalog has focus first (unless an early key already moved it, e.g. `/`)."""
        if self.focused is None:
            self.table.focus()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Reload when the screen comes back (cheap when nothing changed); refocus the section.

        Back from the reader, the cursor is on the win last read.
        """
        reader, self._reader = self._reader, None
        if reader is not None and reader.ids:
            last_read = reader.ids[reader.index]
            self.catalog.follow(last_read)
            self._keep_id = last_read
        self.reload(force=False)
        self.call_after_refresh(self._keep_focus_in_section)

    LOADS = True

    def reload(self, **options: Any) -> Worker[None] | None:
        """Load again; `keep_id=` is the win to highlight afterwards, `force=False` skips an
        unchanged catalog.

        Only the newest load is applied (one started before a write is stale). The id waits
        until a load applies it: a closing modal also resumes the screen, and that reload
        replaces this one.
        """
        keep_id = options.pop("keep_id", None)
        if keep_id is not None:
            self._keep_id = keep_id
        self._seq += 1
        return super().reload(force=options.get("force", True), seq=self._seq)

    def load(self, store: Store, today: date, *, force: bool = True, **_: Any) -> Any:
        """In the worker: the wins, only when their fingerprint changed (else items is None)."""
        fingerprint = (store.wins.fingerprint(), today)
        items = None
        if force or not self.catalog.loaded or fingerprint != self._fingerprint:
            items = build_items(store.wins.rows())
        return items, fingerprint, read_nos(store)[1]

    def show(self, data: tuple[list[WinItem] | None, object, list[Comeback]], *, seq: int = 0,
             **_: Any) -> None:
        """Draw the newest load; strengths and help given are read here (short lists)."""
        if seq != self._seq:
            return
        items, fingerprint, comebacks = data
        self.catalog.show_comebacks(comebacks)
        self._fingerprint = fingerprint
        if items is not None:
            keep_id, self._keep_id = self._keep_id, None
            self.catalog.show(items, keep_id)
        # strengths and the help log are short: read here, in order with the writes
        store = self.store
        strengths = store.strengths.all()
        if strengths != self._strengths:
            self._strengths = strengths
            self.query_one(StrengthsPane).show(strengths)
        acts, counts = store.help.all(), store.help.counts()
        keep_act, self._keep_act = self._keep_act, None
        if (acts, counts) != (self._acts, self._counts) or keep_act is not None:
            self._acts, self._counts = acts, counts
            self.query_one(HelpLogPane).show(acts, counts, self.today(), keep_act)
        self._label_tabs()

    def _label_tabs(self) -> None:
        tabs = self.query_one("#wins-tabs", TabbedContent)
        counts = {"wins": len(self.catalog.items), "strengths": len(self._strengths or ()),
                  "help": len(self._acts or ())}
        for name, title, key in (("wins", "Wins", "w"), ("strengths", "Strengths", "s"),
                                 ("help", "Help given", "l")):
            tabs.get_tab(TABS[name]).label = Content.assemble(
                (f"{key} ", "bold $accent"), f"{title} ", (str(counts[name]), "$text-muted"))

    @on(WinsCatalogPane.Read)
    def _read(self, event: WinsCatalogPane.Read) -> None:
        self._reader = WinReaderScreen(event.ids, event.index)
        self.app.push_screen(self._reader)

    @on(TabbedContent.TabActivated, "#wins-tabs")
    def _section_shown(self) -> None:
        self._focus_section()
        self.refresh_bindings()

    def _keep_focus_in_section(self) -> None:
        """After a modal, focus may come back to a widget of a section no longer shown."""
        pane = self.query_one("#wins-tabs", TabbedContent).active_pane
        focused = self.focused
        if pane is not None and (focused is None or pane not in focused.ancestors):
            self._focus_section()

    def _focus_section(self) -> None:
        # set_focus, not focus(): at once, so a modal closing now brings focus back here (a
        # focused widget in another pane would switch the tabs back to that pane)
        section = self.section
        if section == "wins":
            self.set_focus(self.table)
        elif section == "strengths":
            lines = self.query_one(StrengthsPane).lines()
            if lines:
                self.set_focus(lines[0])
        else:
            self.set_focus(self.query_one(HelpLogPane).table)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Catalog keys only on the catalog; row keys only with a row; undo after a removal."""
        if not self.is_mounted:
            return True
        if action in _CATALOG_ONLY and self.section != "wins":
            return False
        if action in {"pin", "edit", "delete"}:
            return self.current is not None
        if action == "undo":
            return self._undo is not None
        return True

    # ---- actions --------------------------------------------------------------------------

    def record_missing(self) -> None:
        """An entry vanished under us (deleted in another window): show the lists as they are."""
        self.reload()

    def _saved(self, saved: Any) -> None:
        """A form closed: show what it saved."""
        if saved is not None:
            self.reload(keep_id=saved.id)

    def action_section(self, name: str) -> None:
        """Show a section."""
        self.query_one("#wins-tabs", TabbedContent).active = TABS[name]
        self._focus_section()
        self.refresh_bindings()

    def action_new(self) -> None:
        """A new win (on Help given: log help; on Strengths: add one)."""
        from bounceback.screens.win_form import open_win_form

        section = self.section
        if section == "help":
            self.action_log_help()
        elif section == "strengths":
            self.query_one(StrengthsPane).action_add()
        else:
            open_win_form(self.app, done=self._saved)

    def action_edit(self) -> None:
        """Edit the highlighted win."""
        from bounceback.screens.win_form import open_win_form

        row = self.current
        if row is None:
            return
        loaded = self.attempt(self.store.wins.get, row.id)
        if loaded.ok:
            open_win_form(self.app, loaded.value, done=self._saved)

    def action_pin(self) -> None:
        """Pin or unpin; the cursor stays on the win as it moves."""
        row = self.current
        if row is None or not self.attempt(self.store.wins.set_pinned, row.id, not row.pinned).ok:
            return
        self.say(f"Unpinned: {row.title}" if row.pinned else
                 f"Pinned: {row.title}. It comes first here and after a hard day.")
        self.reload(keep_id=row.id)

    def action_delete(self) -> None:
        """Delete after a yes; `u` brings it back."""
        from bounceback.screens.modals import ConfirmModal

        row = self.current
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.attempt(self.store.wins.delete, row.id).ok:
                self._remember(f"Restored {row.title}.", lambda: self.store.wins.restore(row.id),
                               row.id)
                self.say(f"Deleted {row.title}. Press u to undo.", timeout=8)
                self.reload()

        self.app.push_screen(ConfirmModal(template("Delete the win [b]$title[/b]?",
                                                   title=row.title), yes="Delete"), answered)

    def _remember(self, message: str, undo: Callable[[], Any], keep_id: int | None = None) -> None:
        def run() -> None:
            if self.attempt(undo).ok:
                self.say(message)
            self.reload(keep_id=keep_id)

        self._undo = (message, run)
        self.refresh_bindings()

    def action_undo(self) -> None:
        """Bring back the last thing deleted or removed."""
        if self._undo is not None:
            _, run = self._undo
            self._undo = None
            run()
            self.refresh_bindings()

    @on(StrengthsPane.Removed)
    def _strength_removed(self, event: StrengthsPane.Removed) -> None:
        r = event.record
        self._remember(f"Restored the strength {r.text}.",
                       lambda: self.store.strengths.add(r.text, r.kind, r.position))
        self.say(f"Removed {r.text}. Press u to undo.", timeout=8)

    @on(StrengthsPane.Changed)
    def _strengths_changed(self, event: StrengthsPane.Changed) -> None:
        self._strengths = event.records
        self._label_tabs()

    def action_log_help(self) -> None:
        """You helped someone: the small form, then the log shows it."""
        open_help_form(self, done=self._help_saved)

    def _help_saved(self, saved: HelpActRecord | None) -> None:
        if saved is not None:
            self._keep_act = saved.id
            self.action_section("help")
            self.reload()

    @on(HelpLogPane.Edit)
    def _edit_help(self, event: HelpLogPane.Edit) -> None:
        open_help_form(self, event.act, done=self._help_saved)

    @on(HelpLogPane.Removed)
    def _help_removed(self, event: HelpLogPane.Removed) -> None:
        from bounceback.store.help_acts import HelpDraft

        act = event.act
        draft = HelpDraft(act.who, act.what, act.kind, act.happened_on)
        self._remember(f"Restored helping {act.who}.", lambda: self.store.help.log(draft))
        self.say(f"Removed helping {act.who}. Press u to undo.", timeout=8)
        self.reload()

    def unsaved_changes(self) -> bool:
        """A strength being typed in place is not saved yet (quit asks before losing it)."""
        return self.is_mounted and self.query_one(StrengthsPane).typing

    def flush_pending(self) -> None:
        """Strengths are saved on enter only: nothing waits to be written."""

    def _in_catalog(self, action: str) -> None:
        """A catalog command from the palette: show the catalog, then run it."""
        self.action_section("wins")
        getattr(self.catalog, f"action_{action}")()

    def palette_commands(self) -> list[Any]:
        """Wins entries for ctrl+p."""
        from textual.app import SystemCommand

        return [
            SystemCommand("wins: Search", "Search wins as you type",
                          lambda: self._in_catalog("search")),
            SystemCommand("wins: Cycle kind", "All / one kind of win at a time",
                          lambda: self._in_catalog("cycle_category")),
            SystemCommand("wins: Filter by tag", "Show the wins with one tag",
                          lambda: self._in_catalog("pick_tag")),
            SystemCommand("wins: Strengths", "Worth, not work",
                          lambda: self.action_section("strengths")),
            SystemCommand("wins: Log help given", "You helped someone", self.action_log_help),
        ]

