"""Form drafts (issue 10, item 1): a form's unsaved text kept in the store, never exported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.store import portability
from bounceback.store.db import Store
from bounceback.store.errors import UnwritableError, ValidationError

HOSTILE = "[/] Acme \x1b[2J 🚀"


def test_a_draft_is_kept_updated_found_and_dropped(store: Store, clock: FixedClock) -> None:
    values = {"company": HOSTILE, "notes": "line one\nline two"}
    draft_id = store.form_drafts.save(None, "application", None, None, values)
    clock.advance(5)
    same = store.form_drafts.save(draft_id, "application", None, None, {**values, "role": "Dev"})
    assert same == draft_id and store.form_drafts.count() == 1
    found = store.form_drafts.find("application", None)
    assert found is not None and found.id == draft_id
    assert found.values == {**values, "role": "Dev"}
    assert found.saved_at == clock.now()
    assert store.form_drafts.find("application", 7) is None  # an edit of record 7 is another
    assert store.form_drafts.find("application", None, frozenset({draft_id})) is None
    store.form_drafts.delete(draft_id)
    store.form_drafts.delete(draft_id)  # twice is fine
    assert store.form_drafts.all() == [] and store.form_drafts.get(draft_id) is None


def test_lists_of_text_are_kept_and_anything_else_is_refused(store: Store) -> None:
    draft_id = store.form_drafts.save(None, "case", 3, 2, {"causes": ["ats", "timing"]})
    draft = store.form_drafts.get(draft_id)
    assert draft is not None and draft.values == {"causes": ["ats", "timing"]}
    assert (draft.target_id, draft.target_version) == (3, 2)
    with pytest.raises(ValidationError):
        store.form_drafts.save(None, "case", 3, 2, {"n": 5})  # type: ignore[dict-item]
    with pytest.raises(ValidationError):
        store.form_drafts.save(None, "", None, None, {})


def test_a_draft_deleted_elsewhere_is_written_again_not_lost(store: Store) -> None:
    first = store.form_drafts.save(None, "win", None, None, {"title": "Shipped"})
    store.form_drafts.delete(first)  # another window discarded it
    again = store.form_drafts.save(first, "win", None, None, {"title": "Shipped it"})
    assert store.form_drafts.get(again) is not None
    assert store.form_drafts.get(again).values == {"title": "Shipped it"}  # type: ignore[union-attr]


def test_newest_first(store: Store, clock: FixedClock) -> None:
    old = store.form_drafts.save(None, "win", None, None, {"title": "a"})
    clock.advance(60)
    new = store.form_drafts.save(None, "win", None, None, {"title": "b"})
    assert [d.id for d in store.form_drafts.all()] == [new, old]
    assert store.form_drafts.find("win", None).id == new  # type: ignore[union-attr]


def test_drafts_are_not_exported(store: Store, tmp_path: Path) -> None:
    store.form_drafts.save(None, "application", None, None, {"company": "Acme Secretco"})
    data = portability.export_data(store)
    assert "form_draft" not in data["tables"]
    out = tmp_path / "e.json"
    portability.export_json(store, out)
    assert "Secretco" not in out.read_text()


def test_a_read_only_store_keeps_no_draft(db_path: Path, clock: FixedClock) -> None:
    Store.open(db_path, clock).close()
    readonly = Store(Store.open(db_path, clock).engine, clock, db_path, readonly_reason="test")
    with pytest.raises(UnwritableError):
        readonly.form_drafts.save(None, "win", None, None, {"title": "x"})
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM form_draft").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_v3_database_upgrades_to_keeping_drafts(tmp_path: Path, clock: FixedClock) -> None:
    """The frozen v3 database (the last release without drafts) gets the table, rows kept."""
    import shutil

    path = tmp_path / "v3.db"
    shutil.copyfile(Path(__file__).parents[1] / "data" / "schema-v3.db", path)
    store = Store.open(path, clock)
    try:
        assert store.form_drafts.all() == []
        draft_id = store.form_drafts.save(None, "application", None, None, {"company": "Acme"})
        assert store.form_drafts.get(draft_id) is not None
        assert store.applications.rows()  # the demo's applications are all still there
    finally:
        store.close()
