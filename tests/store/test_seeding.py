"""Starters (the playbook's goals and rituals) are put into a new database once, when it opens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bounceback.clock import FixedClock
from bounceback.playbook.goals import DEFAULT_GOALS
from bounceback.playbook.rituals import DEFAULT_RITUALS
from bounceback.starters import starters
from bounceback.store.database import Database
from bounceback.store.db import Store


def _titles(store: Store) -> tuple[list[str], list[str]]:
    return ([g.title for g in store.goals.all(include_retired=True)],
            [r.title for r in store.rituals.all(include_retired=True)])


def _count_writes(monkeypatch: pytest.MonkeyPatch, db: Database) -> list[int]:
    """Count every write transaction `db` opens from now on."""
    writes: list[int] = []
    real = db.write

    def counting():  # type: ignore[no-untyped-def]
        writes.append(1)
        return real()

    monkeypatch.setattr(db, "write", counting)
    return writes


def test_opening_a_new_database_seeds_the_goals_and_rituals_once(db_path: Path,
                                                                  clock: FixedClock) -> None:
    store = Store.open(db_path, clock, starters=starters())
    try:
        goals, rituals = _titles(store)
        assert goals == [t.title for t in DEFAULT_GOALS]
        assert rituals == list(DEFAULT_RITUALS)
        plans = [g.plans for g in store.goals.all()]
        assert all(len(p) == 1 for p in plans)  # each with its first plan, as seeded before
    finally:
        store.close()


def test_opening_again_and_reopening_never_duplicates(db_path: Path, clock: FixedClock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_path, clock, starters=starters()).close()
    store = Store.open(db_path, clock, starters=starters())
    try:
        store.reopen()
        assert _titles(store) == ([t.title for t in DEFAULT_GOALS], list(DEFAULT_RITUALS))
        writes = _count_writes(monkeypatch, store.db)
        store.reopen()  # the usual open: both tables hold rows, so no write lock is taken
        assert writes == []
    finally:
        store.close()


def test_retired_starters_are_not_seeded_again(db_path: Path, clock: FixedClock) -> None:
    store = Store.open(db_path, clock, starters=starters())
    for goal in store.goals.all():
        store.goals.retire(goal.id)
    for ritual in store.rituals.all():
        store.rituals.set_retired(ritual.id, True)
    store.close()
    store = Store.open(db_path, clock, starters=starters())
    try:
        assert store.goals.all() == [] and store.rituals.all() == []
        assert len(_titles(store)[0]) == len(DEFAULT_GOALS)
    finally:
        store.close()


def test_only_the_empty_table_is_seeded(db_path: Path, clock: FixedClock) -> None:
    store = Store.open(db_path, clock)  # no starters: nothing seeded
    assert _titles(store) == ([], [])
    store.rituals.add("Walk the dog")
    store.close()
    store = Store.open(db_path, clock, starters=starters())
    try:
        goals, rituals = _titles(store)
        assert goals == [t.title for t in DEFAULT_GOALS] and rituals == ["Walk the dog"]
    finally:
        store.close()


def test_a_read_only_database_is_not_seeded(db_path: Path, clock: FixedClock,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_path, clock).close()  # created without starters
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if mode & os.W_OK and str(
        p) == str(db_path) else real(p, mode, *a, **k))
    store = Store.open(db_path, clock, starters=starters())
    try:
        assert store.readonly
        assert _titles(store) == ([], [])  # shows what is stored, as before
    finally:
        store.close()
