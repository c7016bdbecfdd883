"""Opening the application form: new (maybe carrying research over), or an edit; after a save
that changed the job description, its key terms are computed in a worker so reading them later
is free."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from bounceback.domain import MaterialKind
from bounceback.screens.host import host
from bounceback.store.errors import StoreError

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.db import Store
    from bounceback.store.drafts import ApplicationDraft
    from bounceback.store.records import ApplicationDetail, MaterialRecord

Done = Callable[["ApplicationDetail"], None]


def resume_versions(store: Store) -> tuple[list[MaterialRecord], int | None]:
    """Every resume version (newest first) and the one current today (None without any).

    Materials are a handful of rows: read on the event loop like the form's settings.
    """
    try:
        versions = store.materials.all(MaterialKind.RESUME)
        current = store.materials.current(MaterialKind.RESUME)
    except StoreError:  # a busy database: the form still opens, with "none" to choose
        return [], None
    return versions, None if current is None else current.id


def refresh_later(screen: NumberedScreen, saved: ApplicationDetail,
                  before: ApplicationDetail | None = None) -> None:
    """Compute the saved job description's key terms in a worker, when they changed."""
    if not saved.description.strip():
        return
    if before is not None and (before.description, before.company) == (saved.description,
                                                                       saved.company):
        return
    screen.app.run_worker(partial(_refresh, screen.store, saved), thread=True,
                          exit_on_error=False, group="job-profile", name="job-profile")


def _refresh(store: Store, saved: ApplicationDetail) -> None:
    from bounceback.matching import refresh_profile

    with contextlib.suppress(StoreError):  # busy or gone: computed when it is next read
        refresh_profile(store, saved)


def open_new_form(screen: NumberedScreen, done: Done,
                  prefill: ApplicationDraft | None = None) -> None:
    """The form for a new application (`prefill`: fields carried over); `done` gets it saved."""
    from bounceback.screens.application_form import ApplicationForm
    from bounceback.screens.draft_form import form_check

    repo = screen.store.applications
    versions, current = resume_versions(screen.store)

    def saved(detail: ApplicationDetail | None) -> None:
        if detail is not None:
            refresh_later(screen, detail)
            done(detail)

    screen.app.push_screen(
        ApplicationForm(lambda draft, _force: repo.create(draft), form_check(screen.app),
                        resumes=versions, current_resume=current, prefill=prefill),
        saved,
    )


def open_edit_form(screen: NumberedScreen, detail: ApplicationDetail) -> None:
    """Open the edit form; a stale save comes back as a conflict inside the form."""
    from bounceback.screens.application_form import ApplicationForm
    from bounceback.screens.draft_form import form_check

    repo = screen.store.applications
    version = detail.version
    versions, _ = resume_versions(screen.store)

    def save(draft: Any, force: bool) -> ApplicationDetail:
        expected = repo.get(detail.id).version if force else version
        return repo.update(detail.id, draft, expected)

    def done(saved: ApplicationDetail | None) -> None:
        if saved is not None:
            refresh_later(screen, saved, detail)
            screen.say(f"Saved {saved.company} — {saved.role}.")

    screen.app.push_screen(
        ApplicationForm(save, form_check(host(screen.app)), detail, resumes=versions), done)
