"""After a start, text left in forms when bounceback closed is offered back: enter picks it up
in its own form, d discards it (asking first), escape leaves it for later.

A draft left for later stays in the store and comes back whenever its form opens (and is
offered again at the next start). A draft whose record was deleted since is shown as text to
copy. The form itself puts the values back (`KeepsDraft.pick_up_draft`); this module only says
what each draft is and opens the right form the way its screen would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, TextArea
from textual.widgets.option_list import Option

from bounceback.clock import local
from bounceback.screens.host import host
from bounceback.screens.keeps_draft import held_drafts, want_draft
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.widgets.safe import notify, one_line, template

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.records import FormDraftRecord

Opener = Callable[["NumberedScreen", "int | None"], None]


@dataclass(frozen=True)
class DraftKind:
    """A form whose drafts can be offered: its screen, how to name a draft, how to open it."""

    mode: str
    name_field: str
    new: str
    """"a new application for $name": `$name` is the draft's `name_field` (safe)."""
    edit: str
    unnamed: str
    """What stands in for an empty `name_field`."""
    open: Opener


def _application(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.application_detail import open_edit_form
    from bounceback.screens.pipeline import PipelineScreen

    if target is None:
        assert isinstance(screen, PipelineScreen)
        screen.action_new()
    else:
        open_edit_form(screen, screen.store.applications.get(target))


def _win(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.win_form import open_win_form

    open_win_form(screen.app, screen.store.wins.get(target) if target is not None else None)


def _help(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.help_log import open_help_form

    open_help_form(screen, screen.store.help.get(target) if target is not None else None)


def _goal(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.goals import GoalsScreen

    assert isinstance(screen, GoalsScreen)
    screen.open_form(screen.store.goals.get(target) if target is not None else None)


def _case(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.case import CaseScreen

    assert target is not None
    screen.store.rejections.get(target)  # NotFoundError now, not after the screen opened
    screen.app.push_screen(CaseScreen(target, edit=True))


def _material(form: str) -> Opener:
    """Open the Materials screen over the Pipeline, then the form the draft was typed in."""

    def open_form(screen: NumberedScreen, target: int | None) -> None:
        from bounceback.screens.materials import MaterialsScreen, open_materials

        record = screen.store.materials.get(target) if target is not None else None
        top = screen.app.screen
        materials = top if isinstance(top, MaterialsScreen) else open_materials(screen.app)
        if materials is None:
            return
        if record is not None:
            materials.open_relabel(record)
        elif form == "material-file":
            materials.action_add_file()
        else:
            materials.action_paste()

    return open_form


def _round(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.round_form import open_round_form

    if target is not None:  # a new round's draft is kept against its application
        detail = screen.store.applications.get(target)
        open_round_form(screen, detail.id, detail.company)


def _round_edit(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.round_form import open_round_form

    if target is not None:
        record = screen.store.interviews.get(target)
        detail = screen.store.applications.get(record.application_id)
        open_round_form(screen, detail.id, detail.company, record)


def _answer(screen: NumberedScreen, target: int | None) -> None:
    from bounceback.screens.answer_bank import open_answer_form

    open_answer_form(screen, "", None if target is None else next(
        (a for a in screen.store.interviews.answers() if a.id == target), None))


def _untracked(screen: NumberedScreen, _target: int | None) -> None:
    from bounceback.screens.bounce.entry import log_untracked_rejection

    log_untracked_rejection(screen)


KINDS: dict[str, DraftKind] = {
    "application": DraftKind("pipeline", "company", "a new application for $name",
                             "changes to the application at $name", "a company", _application),
    "win": DraftKind("wins", "title", "a new win: $name", "changes to the win “$name”",
                     "untitled", _win),
    "help": DraftKind("wins", "who", "a note that you helped $name",
                      "changes to helping $name", "someone", _help),
    "goal": DraftKind("goals", "title", "a new goal: $name", "changes to the goal “$name”",
                      "untitled", _goal),
    "case": DraftKind("rejections", "company", "a rejection case",
                      "changes to the case for $name", "a company", _case),
    "material": DraftKind("pipeline", "label", "a pasted resume version ($name)",
                          "a pasted resume version", "no label yet", _material("material")),
    "material-file": DraftKind("pipeline", "path", "a resume version from $name",
                               "a resume version from $name", "a file",
                               _material("material-file")),
    "material-label": DraftKind("pipeline", "label", "a new label: $name",
                                "a new label for a resume version: $name", "empty",
                                _material("material-label")),
    "round": DraftKind("pipeline", "people", "notes on an interview round ($name)",
                       "notes on an interview round ($name)", "a round", _round),
    "round-edit": DraftKind("pipeline", "people", "changes to an interview round ($name)",
                            "changes to an interview round ($name)", "a round", _round_edit),
    "answer": DraftKind("pipeline", "question", "an answer to “$name”",
                        "a better answer to “$name”", "a question", _answer),
    "untracked": DraftKind("rejections", "company", "a no from $name (a job you didn't track)",
                           "a no from $name", "a company", _untracked),
}
"""Every form that keeps drafts, by `KeepsDraft.DRAFT_FORM`."""


def describe(draft: FormDraftRecord, clock: Any) -> Content:
    """"a new application for Acme (Nov 25, 09:12)": the person's words kept as text."""
    kind = KINDS.get(draft.form)
    when = local(clock, draft.saved_at)
    stamp = f"{when:%b} {when.day}, {when:%H:%M}"
    if kind is None:
        return template("something you were writing ($when)", when=stamp)
    value = draft.values.get(kind.name_field, "")
    name = one_line(value, 40) if isinstance(value, str) and value.strip() else kind.unnamed
    words = kind.new if draft.target_id is None else kind.edit
    return template(f"{words} ($when)", name=name, when=stamp)


def offer_drafts(app: App[Any], drafts: Sequence[FormDraftRecord]) -> None:
    """At start-up: offer what forms held when bounceback closed (nothing in read-only mode)."""
    store = host(app).store
    held = held_drafts(app)
    drafts = [d for d in drafts if d.id not in held]
    if not drafts or store.readonly:
        return

    def chosen(draft: FormDraftRecord | None) -> None:
        if draft is not None:
            app.call_later(pick_up, app, draft)

    app.push_screen(DraftOffer(drafts), chosen)


async def pick_up(app: App[Any], draft: FormDraftRecord) -> None:
    """Open the draft's form where it belongs; the form puts the text back."""
    kind = KINDS.get(draft.form)
    if kind is None:
        app.push_screen(DraftText(draft))
        return
    if app.current_mode != kind.mode:
        await app.switch_mode(kind.mode)
    want_draft(app, draft.id)
    try:
        kind.open(app.get_screen_stack(kind.mode)[0], draft.target_id)  # type: ignore[arg-type]
    except NotFoundError:  # its record was deleted since: the words are still worth having
        want_draft(app, None)
        app.push_screen(DraftText(draft))
    except StoreError as exc:
        want_draft(app, None)
        notify(app, exc.message, severity="error", timeout=10)


def _discard(screen: ModalScreen[Any], draft: FormDraftRecord, done: Callable[[], object]
             ) -> None:
    """Ask, then delete the draft."""
    from bounceback.screens.modals import ConfirmModal

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            host(screen.app).store.form_drafts.delete(draft.id)
        except StoreError as exc:
            notify(screen.app, exc.message, severity="error", timeout=10)
            return
        done()

    question = Content.assemble("Discard ", describe(draft, host(screen.app).clock),
                                " for good?")
    screen.app.push_screen(ConfirmModal(question, yes="Discard", no="Keep it"), answered)


class DraftOffer(ModalScreen["FormDraftRecord | None"]):
    """"When bounceback closed, you were writing:" and the drafts, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "discard", "Discard", id="draft-discard",
                tooltip="Discard the highlighted draft (asks first)"),
        Binding("escape", "later", "Later", id="draft-later",
                tooltip="Keep them for later: each comes back when its form opens"),
    ]

    def __init__(self, drafts: Sequence[FormDraftRecord]) -> None:
        """Offer `drafts` (newest first)."""
        super().__init__()
        self._drafts = list(drafts)

    def compose(self) -> ComposeResult:
        """The title, the list, the keys."""
        with Vertical(id="draft-offer-box"):
            yield Label(Content.styled("When bounceback closed, you were writing:", "bold"),
                        id="draft-offer-title")
            yield OptionList(*self._options(), id="draft-offer-list")
            yield Label(Content("enter: pick it up · d: discard · escape: later (kept until "
                                "you decide)"), id="draft-offer-keys")

    def _options(self) -> list[Option]:
        clock = host(self.app).clock
        return [Option(describe(d, clock), id=str(d.id)) for d in self._drafts]

    def on_mount(self) -> None:
        """The newest draft is highlighted."""
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @property
    def highlighted(self) -> FormDraftRecord | None:
        """The draft under the cursor."""
        index = self.query_one(OptionList).highlighted
        return self._drafts[index] if index is not None and index < len(self._drafts) else None

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._drafts[event.option_index])

    def action_discard(self) -> None:
        """Discard the highlighted draft (asks first); the offer closes with the last one."""
        draft = self.highlighted
        if draft is None:
            return

        def gone() -> None:
            self._drafts.remove(draft)
            notify(self.app, "Draft discarded.")
            if not self._drafts:
                self.dismiss(None)
                return
            options = self.query_one(OptionList)
            options.clear_options()
            options.add_options(self._options())
            options.highlighted = 0

        _discard(self, draft, gone)

    def action_later(self) -> None:
        """Keep every draft; each comes back when its form opens."""
        self.dismiss(None)


class DraftText(ModalScreen[None]):
    """A draft whose record is gone: its text, to read and copy; d discards it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "discard", "Discard", id="draft-text-discard",
                tooltip="Discard this draft (asks first)"),
        Binding("escape", "close", "Close", id="draft-text-close",
                tooltip="Close; the draft is kept and offered again next time"),
    ]

    def __init__(self, draft: FormDraftRecord) -> None:
        """Show `draft`'s values."""
        super().__init__()
        self._draft = draft

    def compose(self) -> ComposeResult:
        """What it was, then every field's text (read-only, selectable)."""
        lines = []
        for name, value in self._draft.values.items():
            text = value if isinstance(value, str) else ", ".join(value)
            if text.strip():
                lines.append(f"{name.replace('_', ' ')}: {text}")
        with Vertical(id="draft-text-box"):
            yield Label(Content.assemble(
                describe(self._draft, host(self.app).clock),
                " — what it belonged to was deleted since. Copy what you need."),
                id="draft-text-title")
            yield TextArea("\n".join(lines), read_only=True, soft_wrap=True, id="draft-text")
            yield Label(Content("d: discard · escape: close (kept)"), id="draft-text-keys")

    def action_discard(self) -> None:
        """Discard it (asks first)."""
        _discard(self, self._draft, lambda: self.dismiss(None))

    def action_close(self) -> None:
        """Close; the draft stays."""
        self.dismiss(None)
