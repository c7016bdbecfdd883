"""The one form base: ctrl+s validates and hands the draft to a save callback, escape asks.

Every form (application, win, help, goal, case, untracked) is a `DraftForm`: the first field
has focus, the draft is built from the fields and checked with `store.drafts.validate(draft,
check)`, and only a valid draft reaches the `save` callback the opener passed in (the form
never calls the store itself). A refused save comes back as a banner with the typed text kept;
what is typed is kept as a draft meanwhile (`KeepsDraft`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from bounceback.clock import today
from bounceback.dates import DateParseError, Lean, parse_date
from bounceback.screens.host import host
from bounceback.screens.keeps_draft import KeepsDraft
from bounceback.screens.outcome import Outcome
from bounceback.screens.writes import FormSave
from bounceback.store.drafts import Check, Checkable, validate
from bounceback.store.errors import ConflictError, NotFoundError, StoreError, ValidationError
from bounceback.store.records import Settings
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content

D = TypeVar("D", bound=Checkable)
R = TypeVar("R")


def form_check(app: App[Any]) -> Check:
    """What every form's rules see: today, the person's settings, the playbook's rule check."""
    from bounceback.playbook.goals import rrule_problem

    store = host(app).store
    try:
        settings = store.settings.get()
    except StoreError:  # no rule reads a setting yet: a form still opens on a busy database
        settings = Settings()
    return Check(today=today(host(app).clock), settings=settings,
                 rule_problem=rrule_problem)


def set_banner(screen: ModalScreen[Any], message: str, tone: str = "error") -> None:
    """The line under a form's title (its `DRAFT_BANNER`); an empty message hides it."""
    banner = screen.query_one(getattr(screen, "DRAFT_BANNER", "#form-banner"), Label)
    banner.update(content(message))
    banner.set_classes(f"-{tone}" if message else "")


def show_field_errors(screen: ModalScreen[Any], errors: dict[str, str]) -> None:
    """Each message under its Field, the first bad field focused, a banner counting them."""
    first: Field | None = None
    for field in screen.query(Field):
        message = errors.get(field.field_name)
        field.set_error(message)
        if message and first is None:
            first = field
    if first is not None:
        first.control.focus()
        first.scroll_visible()
    set_banner(screen, f"{len(errors)} field(s) need a look — see the red lines." if errors else "")


def close_asking_if_changed(screen: ModalScreen[Any], changed: bool) -> None:
    """Dismiss a form; when something was typed, ask "Discard what you typed?" first."""
    if not changed:
        screen.dismiss(None)
        return
    from bounceback.screens.modals import ConfirmModal

    def answered(discard: bool | None) -> None:
        if discard:
            screen.dismiss(None)

    screen.app.push_screen(
        ConfirmModal(Content("Discard what you typed?"), yes="Discard", no="Keep editing"),
        answered,
    )


class DraftForm(KeepsDraft[R | None], Generic[D, R]):
    """A form that builds a draft `D` and saves it through a callback returning `R`.

    What is typed is kept in the store as it is typed (`KeepsDraft`) until saved or discarded.
    A form composes `Vertical(id="form-box")` holding `#form-title`, `#form-banner` and its
    fields. The box is styled once, by the `DraftForm` rule in app.tcss; a form's own section
    there says only how big its box is.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True,
                tooltip="Save and close"),
        Binding("escape", "cancel", "Cancel", id="form-cancel",
                tooltip="Close without saving (asks first if you typed something)"),
    ]

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ()
    DATE_LEAN: ClassVar[dict[str, Lean]] = {}
    """Per date field, which year a date typed without one means (see `dates.parse_date`)."""
    THING: ClassVar[str] = "this entry"

    def __init__(self, save: Callable[[D, bool], R], check: Check) -> None:
        """`save(draft, force)` persists a valid draft; force means "overwrite a change made
        elsewhere". `check` is what the draft's rules see (`form_check(app)`)."""
        super().__init__()
        self._save = save
        self.check = check
        self._today = check.today
        self._force = False
        self._start_values: dict[str, str | list[str]] = {}
        self.saving = FormSave(self, lambda message, tone: set_banner(self, message, tone))

    def on_mount(self) -> None:
        """Remember what was there, to know whether anything changed."""
        self._start_values = self.draft_values()

    # ---- values ---------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        """The fields' texts (a form with a list field, like the case's causes, reads it
        itself)."""
        return {name: value for name, value in self.draft_values().items()
                if isinstance(value, str)}

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> D:
        """The draft from the typed values; what cannot be read goes into `errors`."""
        raise NotImplementedError

    def nothing_to_save(self, draft: D) -> bool:
        """A valid draft that changes nothing: the form closes without calling `save`."""
        return False

    def read_date(self, values: dict[str, str], name: str, errors: dict[str, str]) -> date | None:
        """A typed date, or None with a message in `errors` when it cannot be read."""
        try:
            return parse_date(values.get(name, ""), self._today, self.DATE_LEAN.get(name))
        except DateParseError as exc:
            errors[name] = str(exc)
            return None

    @on(Input.Changed)
    def _date_hint(self, event: Input.Changed) -> None:
        """Echo how a typed date was understood, as it is typed."""
        field = event.input.parent
        if not isinstance(field, Field) or field.field_name not in self.DATE_FIELDS:
            return
        field.set_error(None)
        try:
            parsed = parse_date(event.value, self._today, self.DATE_LEAN.get(field.field_name))
        except DateParseError:
            parsed = None
        field.set_hint(f"→ {parsed:%a %b} {parsed.day}, {parsed.year}" if parsed else None)

    # ---- actions --------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field, the first bad field focused, a banner counting them."""
        show_field_errors(self, errors)

    def banner(self, message: str, tone: str = "error") -> None:
        """A line under the title (empty hides it)."""
        set_banner(self, message, tone)

    def conflict_line(self) -> str:
        """What the banner says when the record changed elsewhere since the form opened."""
        return (f"Someone changed {self.THING} in another window since you opened it. Your "
                "text is still here: ctrl+s again saves yours over theirs, escape keeps theirs.")

    def gone_line(self) -> str:
        """What the banner says when the record was deleted elsewhere."""
        return (f"{self.THING.capitalize()} was deleted elsewhere; copy anything you need, "
                "then escape.")

    def action_save(self) -> None:
        """Validate, save through the callback and close; on trouble keep everything typed."""
        errors: dict[str, str] = {}
        draft = self.build_draft(self._values(), errors)
        try:
            draft = validate(draft, self.check)
        except ValidationError as exc:
            errors = {**exc.errors, **errors}  # every problem at once, unreadable dates too
        if errors:
            self.show_errors(errors)
            return
        self.show_errors({})
        if self.nothing_to_save(draft):
            self.dismiss(None)
            return
        self.saving.run(self._save, draft, self._force, done=self._saved)

    def _saved(self, outcome: Outcome[R]) -> None:
        """Close with the saved record; on a refusal keep everything typed and say why."""
        if outcome.ok:
            self.dismiss(outcome.value)
            return
        exc = outcome.error
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        elif isinstance(exc, ConflictError):
            self._force = True
            self.banner(self.conflict_line())
        elif isinstance(exc, NotFoundError):
            self.banner(self.gone_line())
        elif isinstance(exc, StoreError):
            self.banner(exc.message)

    def action_cancel(self) -> None:
        """Close; if anything was typed, ask first."""
        if not self.saving.holds_cancel():
            close_asking_if_changed(self, self.unsaved_changes())

    def unsaved_changes(self) -> bool:
        """Something was typed and not saved (quit asks before losing it)."""
        return self.is_mounted and self.draft_values() != self._start_values
