"""A form keeps what is typed as a draft in the store while it is typed, so nothing is lost to
a kill, a closed terminal or a crash; the same form opened again picks the draft up.

`KeepsDraft` is under every form (`DraftForm`, the one form base: application, win, help,
goal, case and untracked forms). A change to any field writes the draft after a short
pause (`DRAFT_SAVE_DELAY`), or after `DRAFT_MAX_WAIT` of typing on; `flush_pending()` (quit,
SIGTERM/SIGHUP, a crash) writes it at once. Saving or discarding the form (`dismiss`) deletes
it; so does "Quit and discard". When the form opens, the newest draft for the same form and
record that no other open form holds is put back into the fields, with a line saying so. A
draft holds the person's words: never logged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, TextArea

from bounceback.clock import local
from bounceback.screens.host import host
from bounceback.store.errors import StoreError, ValidationError
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content

DRAFT_SAVE_DELAY = 0.5
"""Seconds of quiet after a change before the draft is written."""

DRAFT_MAX_WAIT = 2.0
"""Seconds of typing without a pause after which the draft is written anyway (so a kill never
loses more than this much typing)."""

T = TypeVar("T")

_held: WeakKeyDictionary[App[Any], set[int]] = WeakKeyDictionary()
"""Per app, the drafts an open form is keeping (another form never takes them)."""

_wanted: WeakKeyDictionary[App[Any], int] = WeakKeyDictionary()
"""Per app, the draft the next form of its kind should pick up (chosen in the draft offer)."""


def want_draft(app: App[Any], draft_id: int | None) -> None:
    """Ask the next form that opens for this draft's form and record to pick up `draft_id`."""
    if draft_id is None:
        _wanted.pop(app, None)
    else:
        _wanted[app] = draft_id


def held_drafts(app: App[Any]) -> frozenset[int]:
    """The drafts open forms of `app` are keeping."""
    return frozenset(_held.get(app, ()))


def picked_up_line(saved_at: str, changed_since: bool) -> str:
    """What the form says when it puts a draft back."""
    line = f"Picked up what you were writing when bounceback closed ({saved_at}): ctrl+s saves it."
    if changed_since:
        line += " It was changed elsewhere since; saving puts your version over that."
    return line


class KeepsDraft(ModalScreen[T]):
    """A form whose typed text is kept as a draft until it is saved or discarded."""

    DRAFT_FORM: ClassVar[str] = ""
    """Which form this is, as stored with its drafts ("application", "win", …)."""
    DRAFT_BANNER: ClassVar[str] = "#form-banner"
    """The line under the title that says a draft was picked up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """No draft yet."""
        super().__init__(*args, **kwargs)
        self.draft_id: int | None = None
        self._draft_timer: Timer | None = None
        self.draft_deadline: Timer | None = None
        """Runs out `DRAFT_MAX_WAIT` after the first unsaved change, pauses or not."""
        self._draft_checked = False
        self._draft_closed = False
        self.picks_up_drafts = True
        """False for a form opened already filled (its own values win over an old draft)."""

    # ---- what each form says about itself -------------------------------------------------

    def draft_target(self) -> tuple[int | None, int | None]:
        """(id, version) of the record being edited; (None, None) for a new one."""
        return None, None

    def unsaved_changes(self) -> bool:
        """Something was typed and not saved (each form compares with what it opened with)."""
        raise NotImplementedError

    def draft_values(self) -> dict[str, str | list[str]]:
        """What the fields hold now."""
        return {f.field_name: f.value for f in self.query(Field)}

    def restore_draft_values(self, values: Mapping[str, str | Sequence[str]]) -> None:
        """Put a draft's values back into the fields (a choice no longer offered is skipped)."""
        for field in self.query(Field):
            value = values.get(field.field_name)
            if not isinstance(value, str):
                continue
            control = field.control
            if isinstance(control, Input):
                control.value = value
            elif isinstance(control, TextArea):
                control.load_text(value)
            elif isinstance(control, Select):
                with contextlib.suppress(Exception):  # InvalidSelectValueError: option gone
                    control.value = value

    # ---- the machinery --------------------------------------------------------------------

    @property
    def draft_pending(self) -> bool:
        """A change is waiting for its pause before the draft is written."""
        return self._draft_timer is not None

    def _stop_draft_timers(self) -> None:
        for timer in (self._draft_timer, self.draft_deadline):
            if timer is not None:
                timer.stop()
        self._draft_timer = self.draft_deadline = None

    def _store(self) -> Any:
        store = getattr(self.app, "store", None)
        return None if store is None or store.readonly else store

    # Textual runs the handler of every class in the MRO, so a form's own `on_mount` or
    # `on_input_changed` does not hide these (and these do not replace theirs).

    def on_mount(self) -> None:
        """Look for a draft once every `on_mount` has run (the starting values are known)."""
        self.call_later(self.pick_up_draft)

    def on_input_changed(self) -> None:
        """A field changed: the draft is written after a pause."""
        self._draft_changed()

    def on_text_area_changed(self) -> None:
        """See on_input_changed."""
        self._draft_changed()

    def on_select_changed(self) -> None:
        """See on_input_changed."""
        self._draft_changed()

    def on_selection_list_selected_changed(self) -> None:
        """See on_input_changed."""
        self._draft_changed()

    def _draft_changed(self) -> None:
        if self._draft_closed or not self._draft_checked:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_DELAY, self.save_draft_now)
        if self.draft_deadline is None:  # typing on without a pause still gets written
            self.draft_deadline = self.set_timer(DRAFT_MAX_WAIT, self.save_draft_now)

    def save_draft_now(self) -> None:
        """Write the draft now (what the pause after typing runs); drop it if nothing differs."""
        self._stop_draft_timers()
        store = self._store()
        if self._draft_closed or store is None or not self.is_mounted:
            return
        held = _held.setdefault(self.app, set())
        if not self.unsaved_changes():  # typed back to what it was: nothing to keep
            if self.draft_id is not None:
                with contextlib.suppress(StoreError):
                    store.form_drafts.delete(self.draft_id)
                    held.discard(self.draft_id)
                    self.draft_id = None
            return
        target_id, version = self.draft_target()
        try:
            new_id = store.form_drafts.save(self.draft_id, self.DRAFT_FORM, target_id, version,
                                            self.draft_values())
        except (StoreError, ValidationError):
            return  # the text is still on screen; the next change tries again
        if self.draft_id is not None and new_id != self.draft_id:
            held.discard(self.draft_id)
        self.draft_id = new_id
        held.add(new_id)

    def flush_pending(self) -> None:
        """Quit, a signal or a crash: write the draft now."""
        self.save_draft_now()

    def discard_draft(self) -> None:
        """The form was saved or its text discarded: its draft goes (and no new one is made)."""
        self._stop_draft_timers()
        self._draft_closed = True
        if self.draft_id is None:
            return
        store = self._store()
        if store is not None:
            with contextlib.suppress(StoreError):
                store.form_drafts.delete(self.draft_id)
        _held.get(self.app, set()).discard(self.draft_id)
        self.draft_id = None

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Close the form (saved or discarded): its draft is deleted first."""
        self.discard_draft()
        return super().dismiss(result)

    def pick_up_draft(self) -> None:
        """Put back the newest draft of this form and record that no open form is keeping."""
        if self._draft_checked:
            return
        self._draft_checked = True
        store = self._store()
        if store is None or self._draft_closed or not self.is_mounted or not self.picks_up_drafts:
            return
        target_id, version = self.draft_target()
        held = _held.setdefault(self.app, set())
        try:
            draft = None
            wanted = _wanted.pop(self.app, None)
            if wanted is not None and wanted not in held:
                draft = store.form_drafts.get(wanted)
                if draft is not None and (draft.form, draft.target_id) != (self.DRAFT_FORM,
                                                                           target_id):
                    draft = None
            if draft is None:
                draft = store.form_drafts.find(self.DRAFT_FORM, target_id, frozenset(held))
        except StoreError:
            return
        if draft is None:
            return
        self.draft_id = draft.id
        held.add(draft.id)
        self.restore_draft_values(draft.values)
        when = local(host(self.app).clock, draft.saved_at)
        changed = None not in (version, draft.target_version) and version != draft.target_version
        self.show_draft_note(picked_up_line(f"{when:%b} {when.day}, {when:%H:%M}", changed))

    def show_draft_note(self, message: str) -> None:
        """Say, under the title, that a draft was picked up."""
        for banner in self.query(self.DRAFT_BANNER).results(Label):
            banner.update(content(message))
            banner.set_classes("-note")
