"""Battery item 13 across the forms: markup, escape sequences, bidi and a 1 MB paste in each field.

One app per form; every payload is pasted into every free-text field of a freshly opened form,
then saved. The app keeps running, no ESC byte reaches the screen, markup is shown literally,
and a 1 MB paste is refused with a message naming the limit (the form and the text stay).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from textual.screen import Screen
from textual.widgets import Input, TextArea

from bounceback.domain import RejectionKind, Stage
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.case_form import CaseForm
from bounceback.screens.goal_form import GoalForm
from bounceback.screens.help_form import HelpForm
from bounceback.screens.material_forms import FileMaterialForm, PasteMaterialForm
from bounceback.screens.modals import ConfirmModal
from bounceback.screens.win_form import WinForm
from tests.ui.conftest import screen_text, settle
from tests.ui.test_hostile_text import paste
from tests.ui.toasts import toasts_of

MARKUP = ("[/]", "[@click=app.quit]x[/]")
ESCAPE = "\x1b[2J\u202eevil"
MEGABYTE = "y" * 1_000_000
PAYLOADS = (*MARKUP, ESCAPE, MEGABYTE)


@dataclass(frozen=True)
class Form:
    keys: tuple[str, ...]  # pressed from the Pipeline to open the form
    screen: type[Screen]
    skip: tuple[str, ...] = ()  # dates and numbers: not free text


FORMS = {
    "application": Form(("n",), ApplicationForm,
                        ("input-applied_on", "input-next_action_on", "input-contact_email")),
    "win": Form(("4", "n"), WinForm, ("input-happened_on",)),
    "help": Form(("4", "h"), HelpForm, ("input-happened_on",)),
    "goal": Form(("5", "n"), GoalForm, ("goal-target", "goal-rule")),
    "case": Form(("3", "enter", "e"), CaseForm,
                 ("input-received_on", "input-feedback_asked_on", "input-intensity_before",
                  "input-intensity_after")),
    "material-paste": Form(("M", "p"), PasteMaterialForm),
    "material-file": Form(("M", "a"), FileMaterialForm),
}


def text_fields(screen: Screen, skip: tuple[str, ...]) -> list[Input | TextArea]:
    return [w for w in screen.query("Input, TextArea")
            if isinstance(w, Input | TextArea) and w.id not in skip and w.display]


async def leave(pilot, form_type: type[Screen]) -> None:  # type: ignore[no-untyped-def]
    """Close the form without saving (confirming the discard), back to where it was opened."""
    while isinstance(pilot.app.screen, form_type | ConfirmModal):
        key = "y" if isinstance(pilot.app.screen, ConfirmModal) else "escape"
        await pilot.press(key)
        await settle(pilot)


@pytest.mark.parametrize("name", list(FORMS))
async def test_hostile_pastes_in_every_field_of_the_form(make_app, store, name):
    spec = FORMS[name]
    store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        where = None
        for payload in PAYLOADS:
            if where is not None and app.screen is not where:
                await pilot.press("escape")  # a form saved from the case screen returns there
                await settle(pilot)
            for key in spec.keys:
                await pilot.press(key)
                await settle(pilot)
            form = app.screen
            assert isinstance(form, spec.screen), (name, type(form))
            fields = text_fields(form, spec.skip)
            assert fields, name
            for widget in fields:
                await paste(pilot, widget, payload)
            shown_before = screen_text(app)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running, name
            shown = screen_text(app)
            assert "\x1b" not in shown, name
            if payload is not ESCAPE:  # see test_escape_pasted_into_a_field_is_not_painted
                assert "\x1b" not in shown_before, name
            if payload in MARKUP:
                assert payload in shown_before, (name, payload)
            if payload is MEGABYTE:
                # every form caps its fields below 1 MB: refused, the form and the text stay
                assert app.screen is form, name
                assert "the limit is" in shown, (name, shown)
                assert any(
                    (w.value if isinstance(w, Input) else w.text) == MEGABYTE for w in fields
                ), name
                await leave(pilot, spec.screen)
            elif app.screen is form:
                # refused by a field's rule (e.g. a blank after cleaning): said on the form
                assert "\x1b" not in shown
                await leave(pilot, spec.screen)
            where = app.screen
        assert app.is_running


async def test_check_in_fields_on_today(make_home_app, store):
    from textual import events

    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for payload in PAYLOADS:
            control = app.screen.query_one("#today-control", Input)
            note = app.screen.query_one("#today-note", TextArea)
            control.focus()
            control.value = ""
            control.post_message(events.Paste(payload))
            note.focus()
            await pilot.pause()
            note.text = ""
            note.insert(payload)
            await pilot.press("escape")
            await settle(pilot)
            assert app.is_running
            shown = screen_text(app)
            assert "\x1b" not in shown
            saved = store.checkins.today()
            if payload is MEGABYTE:
                said = " ".join(toasts_of(app))
                assert "the limit is" in said, said
                assert saved is None or saved.note != MEGABYTE
            else:
                assert saved is not None and saved.note == payload.replace("\x1b", "").replace(
                    "\u202e", "")
                if payload in MARKUP:
                    assert payload in shown


async def test_escape_pasted_into_a_field_is_not_painted(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await paste(pilot, app.screen.query_one("#input-company", Input), ESCAPE)
        await paste(pilot, app.screen.query_one("#input-notes", TextArea), ESCAPE)
        shown = screen_text(app)
        assert "\x1b" not in shown and "\u202e" not in shown


async def test_a_terminal_paste_is_cleaned_before_the_field_sees_it(make_app):
    """The driver hands pastes to the app; the field only ever gets the cleaned text."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.post_message(events.Paste("Acme\x1b]52;c;ZXZpbA==\x07 \u202eCo"))
        await pilot.pause()
        assert app.screen.query_one("#input-company", Input).value == "Acme]52;c;ZXZpbA== Co"
