"""Settings: the theme is remembered by name next to the other preferences."""

from __future__ import annotations

import pytest

from bounceback.store.db import Store
from bounceback.store.errors import ValidationError


def test_the_theme_starts_empty_and_is_saved_without_touching_the_rest(store: Store) -> None:
    assert store.settings.get().theme == ""
    store.settings.update(wallow_minutes=20)
    assert store.settings.set_theme("textual-light").theme == "textual-light"
    settings = store.settings.get()
    assert (settings.theme, settings.wallow_minutes) == ("textual-light", 20)
    store.settings.update(stale_days=10)
    assert store.settings.get().theme == "textual-light"


def test_a_theme_name_is_cleaned_and_capped(store: Store) -> None:
    assert store.settings.set_theme("  textual-dark\x1b[2J ").theme == "textual-dark[2J"
    with pytest.raises(ValidationError):
        store.settings.set_theme("x" * 41)
    assert store.settings.get().theme == "textual-dark[2J"
