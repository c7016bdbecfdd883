"""The answer bank: better answers to the questions that keep coming back, searchable.

A pushed screen ("interviews: Answer bank" in ctrl+p, or `b` in the final-round detective).
The search box filters question and answer as you type; the table lists question → answer;
below it the highlighted answer in full. `/` searches, `a` adds, `e` (or enter) edits, delete
removes after asking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea

from bounceback.dates import format_date
from bounceback.screens.base import NumberedScreen
from bounceback.screens.draft_form import DraftForm
from bounceback.screens.registry import MODES
from bounceback.widgets.form import Field
from bounceback.widgets.mode_bar import DEMO_NOTE, ModeBar
from bounceback.widgets.record_table import Column, RecordTable
from bounceback.widgets.safe import content, readonly_banner, template

if TYPE_CHECKING:
    from bounceback.store.db import Store
    from bounceback.store.drafts import Check
    from bounceback.store.records import AnswerRecord

COLUMNS = (
    Column("Question", ratio=1, min_width=16),
    Column("Answer", ratio=2, min_width=16, priority=1),
    Column("Updated", width=10, priority=2),
)
EMPTY = ("No answers yet. When a question keeps coming back in your interviews, write a better "
         "answer here (a), or from the final-round detective (w on a recurring question).")


@dataclass(frozen=True)
class AnswerDraft:
    """What the answer form hands in: the question and the better answer."""

    question: str
    answer: str

    def checked(self, check: Check) -> AnswerDraft:
        """The question is needed (the store checks lengths and cleans the text)."""
        from bounceback.store.errors import ValidationError

        question = " ".join(self.question.split())
        if not question:
            raise ValidationError({"question": "Which question is this the answer to?"})
        return replace(self, question=question)


class AnswerForm(DraftForm[AnswerDraft, "AnswerRecord"]):
    """The question (one line) and your better answer."""

    AUTO_FOCUS = "#input-answer"
    THING = "this answer"
    DRAFT_FORM = "answer"

    def __init__(self, save: Callable[[AnswerDraft, bool], AnswerRecord], check: Check,
                 question: str, initial: AnswerRecord | None = None) -> None:
        """A new answer to `question` (may be empty), or `initial` being improved."""
        super().__init__(save, check)
        self._question = initial.question if initial is not None else question
        self._initial = initial

    def draft_target(self) -> tuple[int | None, int | None]:
        """The answer being improved, if any."""
        a = self._initial
        return (a.id, a.version) if a is not None else (None, None)

    def compose(self) -> ComposeResult:
        """Title; question; answer."""
        a = self._initial
        with Vertical(id="form-box"):
            yield Label(Content.styled("A better answer" if a is None else "Improve this answer",
                                       "bold"), id="form-title")
            yield Label("", id="form-banner")
            with Vertical(id="form-body"):
                yield Field("Question *", Input(
                    self._question, id="input-question",
                    placeholder="e.g. Tell me about a conflict with a colleague"),
                    name="question")
                yield Field("Your answer (the story, the result, what you learned)", TextArea(
                    a.answer if a else "", id="input-answer", soft_wrap=True,
                    tab_behavior="focus"), name="answer")
            yield Footer()

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> AnswerDraft:
        """Read the two fields."""
        return AnswerDraft(values["question"], values["answer"])


class NewAnswerForm(AnswerForm):
    """A new answer with no question yet (`a` in the bank): the question comes first."""

    AUTO_FOCUS = "#input-question"


def open_answer_form(screen: NumberedScreen, question: str,
                     initial: AnswerRecord | None = None,
                     done: Callable[[AnswerRecord | None], Any] | None = None) -> None:
    """Write (or improve) the bank's answer to `question` through the screen's store."""
    from bounceback.screens.draft_form import form_check

    repo = screen.store.interviews
    if initial is None and question:  # a question already answered: improve that answer
        found = screen.attempt(repo.answer_for, question)
        initial = found.value if found.ok else None

    def save(draft: AnswerDraft, force: bool) -> AnswerRecord:
        version = None if initial is None or force else initial.version
        return repo.save_answer(draft.question, draft.answer, version)

    def closed(saved: AnswerRecord | None) -> None:
        if saved is not None:
            screen.say(f"Kept in your answer bank: {saved.question}")
        if done is not None:
            done(saved)

    form = NewAnswerForm if initial is None and not question else AnswerForm
    screen.app.push_screen(form(save, form_check(screen.app), question, initial), closed)


def matches(record: AnswerRecord, needle: str) -> bool:
    """The search as the store's `answers(search)` reads it: in the question or the answer."""
    needle = needle.casefold().strip()
    return not needle or needle in record.question.casefold() or needle in record.answer.casefold()


class AnswerBankScreen(NumberedScreen):
    """Search, read, add, edit and remove the answers you prepared."""

    HELP_TITLE = "Answer bank"
    AUTO_FOCUS = "#answers-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="answers-back",
                tooltip="Clear the search, or go back to where you came from"),
        Binding("slash", "search", "Search", id="answers-search-key",
                tooltip="Search questions and answers as you type"),
        Binding("a", "add", "Add", id="answers-add", tooltip="Write an answer to a question"),
        Binding("e", "edit", "Edit", id="answers-edit",
                tooltip="Improve the highlighted answer"),
        Binding("delete,x", "delete", "Remove", id="answers-delete",
                tooltip="Remove the highlighted answer (asks first)"),
    ]

    def __init__(self, mode: str = "") -> None:
        """`mode` is the numbered screen it was opened from (lit in the mode bar)."""
        super().__init__()
        self._mode = mode
        self._all: list[AnswerRecord] = []
        self._loaded = False

    def mode_bar(self) -> ModeBar:
        """The numbered screens, with the one the bank was opened from lit."""
        reason = self.store.readonly_reason
        return ModeBar([(m.key, m.name, m.title) for m in MODES], self._mode,
                       banner=readonly_banner(reason) if reason else None,
                       note=DEMO_NOTE if self.bb.demo else "")

    def compose(self) -> ComposeResult:
        """Mode bar, title, search, the table, the highlighted answer, the footer."""
        yield self.mode_bar()
        yield Static(Content.styled("Answer bank", "bold"), id="answers-summary")
        yield Input(placeholder="search questions and answers as you type", id="answers-search")
        yield RecordTable(COLUMNS, self._format, key=lambda a: a.id, empty_message="Loading…",
                          id="answers-table")
        with VerticalScroll(id="answers-detail"):
            yield Static(id="answers-text")
        yield Footer()

    @property
    def table(self) -> RecordTable:
        """The answers table."""
        return self.query_one("#answers-table", RecordTable)

    @property
    def current(self) -> AnswerRecord | None:
        """The highlighted answer."""
        record: AnswerRecord | None = self.table.current
        return record

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Read again when the screen comes back (a form may have saved)."""
        super().on_screen_resume(event)
        self.reload()

    LOADS = True

    def load(self, store: Store, today: date, **_: Any) -> list[AnswerRecord]:
        """In the worker: every answer, newest first."""
        return store.interviews.answers()

    def show(self, data: list[AnswerRecord], *, keep_id: int | None = None, **_: Any) -> None:
        """Draw a load, filtered by what is in the search box."""
        self._all = data
        self._loaded = True
        self._refilter(keep_id)

    def _refilter(self, keep_id: int | None = None) -> None:
        needle = self.query_one("#answers-search", Input).value
        shown = [a for a in self._all if matches(a, needle)]
        self.table.empty_message = (EMPTY if not self._all else
                                    "Nothing matches — clear the search to see every answer.")
        self.table.set_rows(shown, keep_key=keep_id, fresh=True)
        self.query_one("#answers-summary", Static).update(template(
            "[b]Answer bank[/b]  $counts  [dim]/ searches · a adds · e edits[/dim]",
            counts=f"{len(shown):,} of {len(self._all):,}"))
        self._draw(self.table.current)
        self.refresh_bindings()

    def _format(self, record: AnswerRecord) -> tuple[tuple[str, ...], str]:
        answer = " ".join(record.answer.split()) or "(no answer yet)"
        return (record.question, answer, format_date(record.updated_at.date(), self.today())), ""

    def _draw(self, record: AnswerRecord | None) -> None:
        text = self.query_one("#answers-text", Static)
        if record is None:
            text.update("")
            return
        text.update(Content.assemble(Content.styled(record.question, "bold"), "\n",
                                     content(record.answer) if record.answer else
                                     Content.styled("(no answer yet)", "$text-muted")))

    @on(Input.Changed, "#answers-search")
    def _typed(self) -> None:
        if self._loaded:
            self._refilter()

    @on(Input.Submitted, "#answers-search")
    def _search_done(self) -> None:
        self.table.focus()

    @on(RecordTable.Highlighted, "#answers-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._draw(event.row)
        self.refresh_bindings()

    @on(RecordTable.Selected, "#answers-table")
    def _selected(self) -> None:
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and remove need a highlighted answer."""
        if action in {"edit", "delete"}:
            return self.is_mounted and self.current is not None
        return True

    def action_search(self) -> None:
        """Type into the search box (enter goes back to the list)."""
        self.query_one("#answers-search", Input).focus()

    def action_back(self) -> None:
        """A search is cleared first; then back to where the bank was opened from."""
        box = self.query_one("#answers-search", Input)
        if box.value or self.focused is box:
            box.value = ""
            self.table.focus()
            return
        self.app.pop_screen()

    def action_add(self) -> None:
        """A new answer (its question typed in the form)."""
        def done(saved: AnswerRecord | None) -> None:
            if saved is not None:
                self.reload(keep_id=saved.id)

        open_answer_form(self, "", done=done)

    def action_edit(self) -> None:
        """Improve the highlighted answer."""
        record = self.current
        if record is not None:
            open_answer_form(self, record.question, record,
                             lambda saved: self.reload(keep_id=saved.id if saved else None))

    def action_delete(self) -> None:
        """Ask, then remove the highlighted answer."""
        from bounceback.screens.modals import ConfirmModal

        record = self.current
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.attempt(self.store.interviews.delete_answer, record.id,
                                    gone="That answer was already removed.").ok:
                self.say(f"Removed your answer to: {record.question}")
                self.reload()

        self.app.push_screen(ConfirmModal(template(
            "Remove your answer to [b]$question[/b]?", question=record.question),
            yes="Remove"), answered)


def open_answer_bank(app: App[Any]) -> AnswerBankScreen | None:
    """Push the answer bank over the current screen (never over a form, never a second one)."""
    if any(isinstance(s, AnswerBankScreen) for s in app.screen_stack):
        return None
    if isinstance(app.screen, ModalScreen):
        from bounceback.widgets.safe import notify

        notify(app, "Close this first (escape), then open the answer bank.", severity="warning")
        return None
    screen = AnswerBankScreen(str(app.current_mode or ""))
    app.push_screen(screen)
    return screen
