"""The Strengths section of Wins: a short list kept by hand and edited in place.

Each strength is a focusable line; `enter` turns it into an input right where it is, `enter`
again saves, `escape` leaves it as it was. Every kind ends with a "+ add" line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from bounceback.domain import StrengthKind
from bounceback.screens.host import host
from bounceback.screens.outcome import attempt
from bounceback.store.records import StrengthRecord
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.store.db import Store

KIND_GISTS = {
    StrengthKind.SKILL: "what you can do",
    StrengthKind.QUALITY: "how you are with people and problems",
    StrengthKind.VALUE: "what you stand for",
}
KIND_EXAMPLES = {
    StrengthKind.SKILL: "e.g. Explaining a hard idea with a drawing and two sentences",
    StrengthKind.QUALITY: "e.g. Patient with people who are new to something",
    StrengthKind.VALUE: "e.g. Saying the awkward true thing, kindly",
}
_GONE = "That strength was removed in another window."
INTRO = ("Worth, not work: what you bring that no job title hands out, and no rejection takes "
         "away.")


class StrengthLine(Static, can_focus=True):
    """One strength, or (record None) the "+ add" line that ends a kind."""

    def __init__(self, record: StrengthRecord | None, kind: StrengthKind) -> None:
        """Show `record`, or an add line for `kind`."""
        self.record = record
        self.kind = kind
        if record is None:
            super().__init__(Content.styled(f"+ add a {kind.label}", "$text-muted italic"),
                             classes="strength-line strength-add")
        else:
            super().__init__(template("• $text", text=record.text), classes="strength-line")


class StrengthsPane(VerticalScroll, can_focus=False):
    """Skills, qualities and values; persists through the app's store."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "step(-1)", "Up", show=False, id="strengths-up"),
        Binding("down,j", "step(1)", "Down", show=False, id="strengths-down"),
        Binding("enter,e", "edit", "Edit", id="strengths-edit",
                tooltip="Edit the highlighted strength in place (enter saves, escape cancels)"),
        Binding("n", "add", "Add", id="strengths-add",
                tooltip="Add a strength of the highlighted kind"),
        Binding("delete", "remove", "Remove", id="strengths-remove",
                tooltip="Remove the highlighted strength (u brings it back)"),
        Binding("left_square_bracket", "move(-1)", "Move up", show=False, id="strengths-move-up",
                tooltip="Move the highlighted strength up within its kind"),
        Binding("right_square_bracket", "move(1)", "Move down", show=False,
                id="strengths-move-down", tooltip="Move the highlighted strength down"),
        Binding("escape", "cancel_edit", "Cancel", id="strengths-cancel",
                tooltip="Close the input and leave the strength as it was"),
    ]

    class Changed(Message):
        """The list was redrawn after a change made here."""

        def __init__(self, records: list[StrengthRecord]) -> None:
            """Carry the list as it now is."""
            super().__init__()
            self.records = records

    class Removed(Message):
        """A strength was removed; the screen offers `u` to bring it back."""

        def __init__(self, record: StrengthRecord) -> None:
            """Carry what was removed."""
            super().__init__()
            self.record = record

    def __init__(self, id: str | None = None) -> None:
        """Empty until `show` is called."""
        super().__init__(id=id)
        self.records: list[StrengthRecord] = []
        self._lines: list[StrengthLine] = []
        self._editing: tuple[StrengthLine, Input, Label] | None = None

    def compose(self) -> ComposeResult:
        """The intro line; the kinds are mounted by `show`."""
        yield Label(Content(INTRO), id="strengths-intro")

    @property
    def _store(self) -> Store:
        return host(self.app).store

    # ---- drawing --------------------------------------------------------------------------

    def show(self, records: list[StrengthRecord], focus_id: int | None = None,
             focus_kind: StrengthKind | None = None) -> None:
        """Draw `records` grouped by kind; focus a strength (or a kind's add line) if asked.

        Synchronous on purpose: two redraws can never interleave, and the old lines are
        forgotten at once (their removal finishes on its own).
        """
        focused = self.screen.focused
        had_focus = focused is not None and self in focused.ancestors
        self.records = records
        self._editing = None
        self.query(".strengths-group").remove()
        widgets: list[Static | Label] = []
        self._lines = []
        for kind in StrengthKind:
            widgets.append(Label(Content.assemble((kind.heading, "bold"),
                                                  (f" · {KIND_GISTS[kind]}", "$text-muted")),
                                 classes="strengths-heading"))
            mine = [StrengthLine(r, kind) for r in records if r.kind is kind]
            if not mine:
                widgets.append(Label(Content.styled(KIND_EXAMPLES[kind], "$text-muted"),
                                     classes="strengths-example"))
            mine.append(StrengthLine(None, kind))
            widgets += mine
            self._lines += mine
        for w in widgets:
            w.add_class("strengths-group")
        self.mount_all(widgets)
        if focus_id is not None or focus_kind is not None or had_focus:
            self.focus_line(focus_id, focus_kind)

    def lines(self) -> list[StrengthLine]:
        """The focusable lines, top to bottom."""
        return list(self._lines)

    def focus_line(self, strength_id: int | None = None,
                   kind: StrengthKind | None = None) -> None:
        """Focus a strength by id, else the add line of `kind`, else the first line."""
        lines = self._lines
        target = next((x for x in lines if x.record and x.record.id == strength_id), None)
        if target is None and kind is not None:
            target = next((x for x in lines if x.record is None and x.kind is kind), None)
        if target is None and lines:
            target = lines[0]
        if target is not None:
            target.focus()

    def _current(self) -> StrengthLine | None:
        focused = self.screen.focused
        return focused if isinstance(focused, StrengthLine) and focused in self._lines else None

    # ---- keys -----------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        """Move to the previous / next line."""
        lines, current = self._lines, self._current()
        if not lines:
            return
        i = lines.index(current) + delta if current in lines else 0
        lines[max(0, min(len(lines) - 1, i))].focus()

    def action_edit(self) -> None:
        """Turn the highlighted line into an input (the add line opens an empty one)."""
        line = self._current()
        if line is not None:
            self._open_input(line)

    def action_add(self) -> None:
        """An empty input at the end of the highlighted line's kind."""
        line = self._current()
        kind = line.kind if line is not None else StrengthKind.SKILL
        add_line = next((x for x in self._lines if x.record is None and x.kind is kind), None)
        if add_line is not None:  # None: the list has not loaded yet
            self._open_input(add_line)

    def _open_input(self, line: StrengthLine) -> None:
        if not self.is_attached or not line.is_attached:  # the app is closing, or a redraw won
            return
        self.action_cancel_edit()
        text = line.record.text if line.record else ""
        # no id: the input of the previous add may still be on its way out
        box = Input(text, placeholder=KIND_EXAMPLES[line.kind],
                    classes="strength-input strengths-group")
        hint = Label(Content.styled("enter saves · escape leaves it as it was"
                                    + (" · empty + enter removes it" if line.record else ""),
                                    "$text-muted"), classes="strength-hint strengths-group")
        self._editing = (line, box, hint)
        line.display = False
        self.mount(box, hint, after=line)
        box.focus()

    @property
    def typing(self) -> bool:
        """The in-place input is open with something typed that is not saved."""
        if self._editing is None:
            return False
        line, box, _hint = self._editing
        return box.value != (line.record.text if line.record else "")

    def action_cancel_edit(self) -> None:
        """Close the input and leave the strength as it was."""
        if self._editing is None:
            return
        line, box, hint = self._editing
        self._editing = None
        line.display = True
        box.remove()
        hint.remove()
        line.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """List keys only outside the input; removing and moving only on a real strength."""
        if self._editing is not None and action != "cancel_edit":
            return False
        if action == "cancel_edit":
            return self._editing is not None
        if action in ("remove", "move"):
            line = self._current()
            return line is not None and line.record is not None
        return True

    @on(Input.Submitted, ".strength-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._editing is None:
            return
        line, _box, _hint = self._editing
        record = line.record
        if record is not None and not event.value.strip():
            self.action_cancel_edit()
            self._confirm_remove(record)
            return
        if record is None:
            saved = attempt(self.app, self._store.strengths.add, event.value, line.kind)
        else:
            saved = attempt(self.app, self._store.strengths.edit, record.id, event.value,
                            gone=_GONE)
        if saved.missing:
            self.reload()
        if saved.ok:
            # back to the list on the saved line (n adds the next one): a key pressed right
            # after saving is a list key, never stray text in a new input
            self.reload(focus_id=saved.value.id)

    def action_remove(self) -> None:
        """Remove the highlighted strength after a yes."""
        line = self._current()
        if line is not None and line.record is not None:
            self._confirm_remove(line.record)

    def _confirm_remove(self, record: StrengthRecord) -> None:
        from bounceback.screens.modals import ConfirmModal

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            index = next((i for i, x in enumerate(self._lines) if x.record == record), 0)
            removed = attempt(self.app, self._store.strengths.delete, record.id, gone=_GONE)
            if removed.ok:  # only a real removal offers `u`
                self.post_message(self.Removed(record))
            self.reload()
            if self._lines:
                self._lines[min(index, len(self._lines) - 1)].focus()

        self.app.push_screen(
            ConfirmModal(template("Remove [b]$text[/b] from your strengths?", text=record.text),
                         yes="Remove"),
            answered,
        )

    def action_move(self, delta: int) -> None:
        """Reorder within the kind."""
        line = self._current()
        if line is None or line.record is None:
            return
        attempt(self.app, self._store.strengths.reorder, line.record.id, delta, gone=_GONE)
        self.reload(focus_id=line.record.id)

    def reload(self, focus_id: int | None = None,
               focus_kind: StrengthKind | None = None) -> None:
        """Read the list again (it is short: on the event loop, ordered with the writes)."""
        records = self._store.strengths.all()
        self.show(records, focus_id, focus_kind)
        self.post_message(self.Changed(records))
