"""Resume and cover-letter versions in the store, and the version each application went out with."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.domain import MaterialKind, Stage
from bounceback.starters import import_rules
from bounceback.store import portability as p
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import NotFoundError, ValidationError

RESUME = MaterialKind.RESUME
TEXT = "Jo Doe\njo@example.com\n\nExperience\n- Cut build time by 40%\n"


def test_a_version_is_kept_exactly_as_read_with_its_file_name(store: Store, db_path: Path) -> None:
    kept = store.materials.add(RESUME, "  Spring 2026 \n", TEXT + "\x1b[2J\n",
                               file_name="cv.pdf", pages=2)
    assert kept.label == "Spring 2026" and kept.file_name == "cv.pdf" and kept.pages == 2
    assert kept.text.startswith(TEXT) and "\x1b" not in kept.text  # cleaned like a paste
    assert kept.added_on == date(2026, 11, 25) and not kept.retired
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute("SELECT kind, label, file_name, pages FROM material").fetchone()
    finally:
        conn.close()
    assert row == ("resume", "Spring 2026", "cv.pdf", 2)


@pytest.mark.parametrize(("label", "text", "field"), [
    ("", TEXT, "label"), ("x" * 201, TEXT, "label"), ("ok", "  \n\t ", "text"),
    ("ok", "x" * 200_001, "text"),
])
def test_a_bad_label_or_text_names_the_field_and_stores_nothing(
        store: Store, label: str, text: str, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        store.materials.add(RESUME, label, text)
    assert field in exc.value.errors
    assert store.materials.all() == []


def test_newest_first_and_by_kind(store: Store, clock: FixedClock) -> None:
    first = store.materials.add(RESUME, "one", TEXT)
    letter = store.materials.add(MaterialKind.COVER_LETTER, "letter", "Dear team")
    clock.advance(1 * 86400)
    second = store.materials.add(RESUME, "two", TEXT)
    assert [r.id for r in store.materials.all()] == [second.id, letter.id, first.id]
    assert [r.id for r in store.materials.all(RESUME)] == [second.id, first.id]


def test_the_current_version_on_a_day(store: Store, clock: FixedClock) -> None:
    assert store.materials.current() is None
    first = store.materials.add(RESUME, "one", TEXT)
    clock.advance(3 * 86400)
    second = store.materials.add(RESUME, "two", TEXT)
    today = date(2026, 11, 28)
    assert store.materials.current().id == second.id
    assert store.materials.current(on=today - timedelta(days=1)).id == first.id
    assert store.materials.current(on=today - timedelta(days=4)) is None
    store.materials.retire(second.id)
    assert store.materials.current().id == first.id
    # retired today: still the one in use on the days before
    assert store.materials.current(on=today - timedelta(days=0)).id == first.id
    store.materials.retire(second.id, retired=False)
    assert store.materials.current().id == second.id
    assert store.materials.current(MaterialKind.COVER_LETTER) is None


def test_relabel_keeps_the_text_and_a_missing_id_is_not_found(store: Store) -> None:
    kept = store.materials.add(RESUME, "one", TEXT)
    assert store.materials.relabel(kept.id, "[bold]two[/]").label == "[bold]two[/]"
    assert store.materials.get(kept.id).text == kept.text
    with pytest.raises(ValidationError):
        store.materials.relabel(kept.id, " ")
    with pytest.raises(NotFoundError):
        store.materials.retire(999)


def test_a_new_application_records_the_version_current_on_the_day_it_was_sent(
        store: Store, clock: FixedClock) -> None:
    old = store.materials.add(RESUME, "old", TEXT)
    clock.advance(5 * 86400)
    new = store.materials.add(RESUME, "new", TEXT)
    sent_before = store.applications.create(ApplicationDraft(
        "Acme", "Dev", applied_on=date(2026, 11, 27)))
    sent_today = store.applications.create(ApplicationDraft("Beta", "Dev"))
    saved = store.applications.create(ApplicationDraft("Gamma", "Dev", stage=Stage.SAVED))
    assert sent_before.resume_id == old.id
    assert sent_today.resume_id == new.id
    assert saved.resume_id is None  # not sent yet: no version went out
    assert store.applications.move(saved.id, Stage.APPLIED).resume_id == new.id
    assert store.materials.uses() == {old.id: 1, new.id: 2}


def test_the_version_can_be_chosen_changed_and_cleared(store: Store) -> None:
    one = store.materials.add(RESUME, "one", TEXT)
    two = store.materials.add(RESUME, "two", TEXT)
    app = store.applications.create(ApplicationDraft("Acme", "Dev", resume_id=one.id))
    assert app.resume_id == one.id
    app = store.applications.update(app.id, ApplicationDraft("Acme", "Dev", resume_id=two.id),
                                    app.version)
    assert app.resume_id == two.id
    app = store.applications.update(app.id, ApplicationDraft("Acme", "Dev"), app.version)
    assert app.resume_id is None
    with pytest.raises(ValidationError) as exc:
        store.applications.update(app.id, ApplicationDraft("Acme", "Dev", resume_id=99),
                                  app.version)
    assert "resume_id" in exc.value.errors
    assert store.applications.get(app.id).resume_id is None


def test_the_job_profile_is_derived_it_never_bumps_the_version(store: Store) -> None:
    app = store.applications.create(ApplicationDraft("Acme", "Dev", description="Python"))
    store.applications.set_job_profile(app.id, {"digest": "d", "profile": {"terms": []}})
    assert store.applications.job_profile(app.id) == {"digest": "d", "profile": {"terms": []}}
    again = store.applications.get(app.id)
    assert again.version == app.version and again.updated_at == app.updated_at
    with pytest.raises(NotFoundError):
        store.applications.job_profile(999)


def test_export_keeps_materials_and_links_but_never_the_derived_profile(
        store: Store, tmp_path: Path, clock: FixedClock) -> None:
    kept = store.materials.add(RESUME, "one", TEXT, file_name="cv.txt")
    app = store.applications.create(ApplicationDraft("Acme", "Dev", description="Python"))
    store.applications.set_job_profile(app.id, {"digest": "d", "profile": {}})
    data = p.export_data(store)
    assert data["tables"]["material"][0]["label"] == "one"
    assert data["tables"]["application"][0]["resume_id"] == kept.id
    assert "job_profile" not in data["tables"]["application"][0]
    out = tmp_path / "all.json"
    p.export_json(store, out)
    fresh = Store.open(tmp_path / "fresh.db", clock)
    try:
        plan = p.plan_import(out, date(2026, 11, 25), import_rules())
        assert plan.ok, plan.problems
        p.apply_import(fresh, plan)
        assert fresh.materials.get(kept.id).text == kept.text
        assert fresh.applications.get(app.id).resume_id == kept.id
        assert fresh.applications.job_profile(app.id) is None
    finally:
        fresh.close()
