"""The "Help given" section of Wins: every time you helped someone, and how often lately."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from bounceback.dates import format_date
from bounceback.screens.base import NumberedScreen
from bounceback.screens.host import host
from bounceback.screens.outcome import attempt
from bounceback.store.records import HelpActRecord, HelpCounts
from bounceback.widgets.record_table import Column, RecordTable
from bounceback.widgets.safe import one_line, template

COLUMNS = (
    Column("When", width=10),
    Column("Kind", width=12),
    Column("Who", ratio=2, min_width=12),
    Column("What", ratio=5, min_width=12),
)
EMPTY = ("Nothing logged yet. After an intro, an hour of mentoring or a resume read-through, "
         "press h.")
WHY = "Helping someone else is the quickest way back to feeling useful."


class HelpLogPane(Vertical):
    """The counts line and the log; `enter`/`e` fix an entry, `delete` removes one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", show=False, id="help-log-edit",
                tooltip="Fix the highlighted entry (enter too)"),
        Binding("delete", "remove", "Remove", id="help-log-remove",
                tooltip="Remove the highlighted entry (u brings it back)"),
    ]

    class Edit(Message):
        """Open the form on this entry."""

        def __init__(self, act: HelpActRecord) -> None:
            """Carry the entry."""
            super().__init__()
            self.act = act

    class Removed(Message):
        """An entry was removed; the screen offers `u` to log it again."""

        def __init__(self, act: HelpActRecord) -> None:
            """Carry what was removed."""
            super().__init__()
            self.act = act

    def __init__(self, id: str | None = None) -> None:
        """Empty until `show` is called."""
        super().__init__(id=id)
        self.today: date | None = None

    def compose(self) -> ComposeResult:
        """Counts, then the log."""
        yield Static(id="help-log-counts")
        yield RecordTable(COLUMNS, self._format, key=lambda act: act.id,
                          empty_message="Loading…", id="help-log-table")

    @property
    def table(self) -> RecordTable:
        """The log table."""
        return self.query_one("#help-log-table", RecordTable)

    @property
    def current(self) -> HelpActRecord | None:
        """The highlighted entry."""
        return self.table.current

    def show(self, acts: Sequence[HelpActRecord], counts: HelpCounts, today: date,
             keep_id: int | None = None) -> None:
        """Fill the counts line and the table (newest first); the cursor goes to `keep_id`,
        else stays on its entry."""
        self.today = today
        self.query_one("#help-log-counts", Static).update(Content.assemble(
            ("This week ", "$text-muted"), (str(counts.week), "bold"),
            ("  ·  this month ", "$text-muted"), (str(counts.month), "bold"),
            ("  ·  in all ", "$text-muted"), (str(counts.total), "bold"),
            "\n", (WHY, "$text-muted italic"),
        ))
        self.table.empty_message = EMPTY
        self.table.set_rows(list(acts), keep_key=keep_id)
        self.refresh_bindings()

    def _format(self, act: HelpActRecord) -> tuple[tuple[str, ...], str]:
        return (format_date(act.happened_on, self.today), act.kind.value, act.who,
                one_line(act.what, 400)), ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Entry keys only with an entry."""
        if action in ("edit", "remove"):
            return self.current is not None
        return True

    @on(RecordTable.Selected, "#help-log-table")
    def _selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.post_message(self.Edit(event.row))

    def action_edit(self) -> None:
        """Fix the highlighted entry."""
        if self.current is not None:
            self.post_message(self.Edit(self.current))

    def action_remove(self) -> None:
        """Remove the highlighted entry after a yes."""
        from bounceback.screens.modals import ConfirmModal

        act = self.current
        if act is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            removed = attempt(self.app, host(self.app).store.help.delete, act.id,
                              gone="That entry was already removed (in another window?).")
            if removed.ok:  # only a real removal offers `u`
                self.post_message(self.Removed(act))
            elif removed.missing and isinstance(self.screen, NumberedScreen):
                self.screen.record_missing()

        self.app.push_screen(ConfirmModal(template("Remove helping [b]$who[/b] from the log?",
                                                   who=act.who), yes="Remove"), answered)


def open_help_form(
    screen: NumberedScreen, initial: HelpActRecord | None = None,
    done: Callable[[HelpActRecord | None], Any] | None = None,
) -> None:
    """Log (or fix) a time you helped someone, through the screen's store."""
    from bounceback.screens.draft_form import form_check
    from bounceback.screens.help_form import HelpForm

    repo = screen.store.help

    def save(draft: Any, _force: bool) -> HelpActRecord:
        return repo.log(draft) if initial is None else repo.update(initial.id, draft)

    def closed(saved: HelpActRecord | None) -> None:
        if saved is not None:
            screen.say(f"Logged: you helped {saved.who}." if initial is None else "Saved.")
        if done is not None:
            done(saved)

    screen.app.push_screen(HelpForm(save, form_check(screen.app), initial), closed)
