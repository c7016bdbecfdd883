"""ApplicationRepo: optimistic locking, validation, and user text stored exactly (or cleaned)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bounceback.domain import Stage
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import ConflictError, NotFoundError, ValidationError

BASE = ApplicationDraft(company="Acme", role="Engineer")


def test_stale_version_is_a_conflict_and_the_row_is_unchanged(store: Store) -> None:
    created = store.applications.create(BASE)
    mine = store.applications.get(created.id)  # window 1 opens the form
    theirs = store.applications.update(  # window 2 saves first
        created.id, replace(BASE, notes="saved in the other window"), created.version
    )
    assert theirs.version == created.version + 1

    with pytest.raises(ConflictError):
        store.applications.update(created.id, replace(BASE, notes="mine"), mine.version)

    assert store.applications.get(created.id) == theirs


def test_update_with_the_current_version_saves(store: Store) -> None:
    created = store.applications.create(BASE)
    updated = store.applications.update(
        created.id, replace(BASE, role="Staff Engineer"), created.version
    )
    assert updated.role == "Staff Engineer"
    assert updated.history == created.history  # editing fields never rewrites history


def test_create_records_the_first_stage_event(store: Store) -> None:
    created = store.applications.create(BASE, note="found on a board")
    assert created.stage is Stage.APPLIED
    assert [(e.stage, e.note) for e in created.history] == [(Stage.APPLIED, "found on a board")]


def test_missing_application_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.applications.get(12345)


@pytest.mark.parametrize(
    ("draft", "fields"),
    [
        (ApplicationDraft(company="", role=""), {"company", "role"}),
        (ApplicationDraft(company="   ", role="\n"), {"company", "role"}),
        (replace(BASE, company="x" * 10_001), {"company"}),
        (replace(BASE, contact_email="not an email"), {"contact_email"}),
        (replace(BASE, contact_email="a@b"), {"contact_email"}),
        (replace(BASE, applied_on=date(1900, 1, 1)), {"applied_on"}),
        (replace(BASE, next_action_on=date(1900, 6, 1)), {"next_action_on"}),
        (replace(BASE, description="x" * 200_001), {"description"}),
    ],
    ids=[
        "blank",
        "whitespace",
        "10001-char company",
        "bad email",
        "email without dot",
        "applied 1900",
        "next action 1900",
        "huge description",
    ],
)
def test_invalid_drafts_name_their_fields_and_save_nothing(
    store: Store, draft: ApplicationDraft, fields: set[str]
) -> None:
    with pytest.raises(ValidationError) as info:
        store.applications.create(draft)
    assert set(info.value.errors) == fields
    assert all(info.value.errors.values())
    assert store.applications.count() == 0


def test_validation_on_update_keeps_the_stored_row(store: Store) -> None:
    created = store.applications.create(BASE)
    with pytest.raises(ValidationError) as info:
        store.applications.update(created.id, replace(BASE, company=""), created.version)
    assert set(info.value.errors) == {"company"}
    assert store.applications.get(created.id) == created


LITERAL = [
    "[/]",
    "[bold]x",
    "[@click=app.quit]x[/]",
    "Acme [remote] [$accent] [Bold] trailing\\",
    "🎉 Café Ünïcødé 👩‍💻 日本",
]


@pytest.mark.parametrize("text", LITERAL)
def test_markup_like_text_is_stored_exactly(store: Store, text: str) -> None:
    draft = replace(BASE, company=text, role=text, notes=text, description=text, location=text)
    created = store.applications.create(draft)
    got = store.applications.get(created.id)
    assert (got.company, got.role, got.notes, got.description, got.location) == (text,) * 5
    assert store.applications.row(created.id).company == text


def test_a_long_job_description_is_stored_exactly(store: Store) -> None:
    description = ("Line with [markup] and émoji 🎯\n\tindented\n" * 300)[:10_000]
    assert len(description) == 10_000
    created = store.applications.create(replace(BASE, description=description))
    assert store.applications.get(created.id).description == description


def test_escape_sequences_lose_the_escape_byte(store: Store) -> None:
    created = store.applications.create(
        replace(BASE, company="\x1b[2JAcme", notes="a\x1b[2Jb\x1b]52;c;aGk=\x07c")
    )
    got = store.applications.get(created.id)
    assert got.company == "[2JAcme"
    assert "\x1b" not in got.notes and "\x07" not in got.notes
    assert got.notes == "a[2Jb]52;c;aGk=c"


def test_multiline_fields_keep_newlines_and_single_line_fields_lose_them(store: Store) -> None:
    created = store.applications.create(
        replace(BASE, company="Acme\nCorp", notes="one\r\ntwo\nthree")
    )
    got = store.applications.get(created.id)
    assert got.company == "Acme Corp"
    assert got.notes == "one\ntwo\nthree"


def test_search_fold_is_casefolded(store: Store) -> None:
    created = store.applications.create(replace(BASE, company="STRASSE Straße"))
    assert "strasse strasse" in store.applications.row(created.id).search_fold


def test_a_check_back_sets_only_the_next_action(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    import pytest

    from bounceback.store.drafts import ApplicationDraft
    from bounceback.store.errors import ValidationError

    app = store.applications.create(ApplicationDraft("Acme", "Dev", notes="keep"))
    after = store.applications.set_next_action(app.id, " Check back\nwith Acme ",
                                               date(2027, 2, 23))
    assert (after.next_action, after.next_action_on) == ("Check back with Acme",
                                                         date(2027, 2, 23))
    assert after.notes == "keep" and after.stage is app.stage
    with pytest.raises(ValidationError):
        store.applications.set_next_action(app.id, "x" * 501, None)
