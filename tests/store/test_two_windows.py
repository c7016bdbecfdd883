"""Battery item 9: two terminals (two Store objects on one file) editing the same record.

Both load, both save: the second save is stale and raises ConflictError, and what is stored is
the first save's data. Through the UI: a form with typed text, a save from the other terminal,
then ctrl+s shows the conflict banner and the typed text is still in the form.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from bounceback.clock import FixedClock
from bounceback.domain import RejectionKind, Stage
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.case_form import CaseForm
from bounceback.screens.win_form import WinForm
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import ConflictError
from bounceback.store.wins import WinDraft
from tests.ui.conftest import PipelineFirstApp, screen_text, settle


@pytest.fixture
def other(db_path: Path, store: Store, clock: FixedClock) -> Iterator[Store]:
    """A second terminal: its own Store (own engine, own connections) on the same file."""
    s = Store.open(db_path, clock)
    yield s
    s.close()


def test_applications_second_save_is_a_conflict_and_the_first_is_kept(
    store: Store, other: Store
) -> None:
    app_id = store.applications.create(ApplicationDraft(company="Vandelay", role="Importer")).id
    mine, theirs = store.applications.get(app_id), other.applications.get(app_id)
    assert mine.version == theirs.version
    other.applications.update(
        app_id, ApplicationDraft(company="Vandelay", role="Theirs"), theirs.version
    )
    with pytest.raises(ConflictError):
        store.applications.update(
            app_id, ApplicationDraft(company="Vandelay", role="Mine"), mine.version
        )
    for s in (store, other):
        assert s.applications.get(app_id).role == "Theirs"


def test_rejections_second_save_is_a_conflict_and_the_first_is_kept(
    store: Store, other: Store
) -> None:
    case_id = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY).id
    mine, theirs = store.rejections.get(case_id), other.rejections.get(case_id)
    assert mine.version == theirs.version
    other.rejections.update(case_id, theirs.version, lessons="Theirs", intensity_after=3)
    with pytest.raises(ConflictError):
        store.rejections.update(case_id, mine.version, lessons="Mine", intensity_after=9)
    for s in (store, other):
        saved = s.rejections.get(case_id)
        assert (saved.lessons, saved.intensity_after) == ("Theirs", 3)


def test_wins_second_save_is_a_conflict_and_the_first_is_kept(
    store: Store, other: Store
) -> None:
    win_id = store.wins.create(WinDraft(title="Shipped it")).id
    mine, theirs = store.wins.get(win_id), other.wins.get(win_id)
    assert mine.version == theirs.version
    other.wins.update(win_id, WinDraft(title="Theirs", story="their story"), theirs.version)
    with pytest.raises(ConflictError):
        store.wins.update(win_id, WinDraft(title="Mine", story="my story"), mine.version)
    for s in (store, other):
        saved = s.wins.get(win_id)
        assert (saved.title, saved.story) == ("Theirs", "their story")


# ---- through the UI: terminal A has the form open, terminal B (`other`) saves first ----------


async def _open(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_application_form_conflict_from_another_terminal(
    store: Store, other: Store, clock: FixedClock
) -> None:
    app_id = store.applications.create(ApplicationDraft(company="Vandelay", role="Importer")).id
    app = PipelineFirstApp(open_store=lambda: store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "e")
        form = app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#input-role", Input).value = "Mine: Senior Importer"
        form.query_one("#input-notes", TextArea).text = "my notes"
        theirs = other.applications.get(app_id)
        other.applications.update(
            app_id, ApplicationDraft(company="Vandelay", role="Theirs"), theirs.version
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "changed this application in another window" in screen_text(app)
        assert form.query_one("#input-role", Input).value == "Mine: Senior Importer"
        assert form.query_one("#input-notes", TextArea).text == "my notes"
        assert other.applications.get(app_id).role == "Theirs"


async def test_win_form_conflict_from_another_terminal(
    store: Store, other: Store, clock: FixedClock
) -> None:
    win_id = store.wins.create(WinDraft(title="Draft title")).id
    app = PipelineFirstApp(open_store=lambda: store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_go("wins")
        await _open(pilot, "e")
        form = app.screen
        assert isinstance(form, WinForm)
        form.query_one("#input-title", Input).value = "Mine"
        form.query_one("#input-story", TextArea).text = "my story"
        theirs = other.wins.get(win_id)
        other.wins.update(win_id, WinDraft(title="Theirs"), theirs.version)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "changed this win in another window" in screen_text(app)
        assert form.query_one("#input-title", Input).value == "Mine"
        assert form.query_one("#input-story", TextArea).text == "my story"
        assert other.wins.get(win_id).title == "Theirs"


async def test_case_form_conflict_from_another_terminal(
    store: Store, other: Store, clock: FixedClock
) -> None:
    case_id = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY).id
    app = PipelineFirstApp(open_store=lambda: store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "3", "enter", "e")
        form = app.screen
        assert isinstance(form, CaseForm)
        form.query_one("#input-lessons", TextArea).text = "Mine"
        form.query_one("#input-role", Input).value = "Senior QA"
        theirs = other.rejections.get(case_id)
        other.rejections.update(case_id, theirs.version, lessons="Theirs")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "changed in another window" in screen_text(app)
        assert form.query_one("#input-lessons", TextArea).text == "Mine"
        assert form.query_one("#input-role", Input).value == "Senior QA"
        saved = other.rejections.get(case_id)
        assert (saved.lessons, saved.role) == ("Theirs", "QA")
