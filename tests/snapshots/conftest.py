"""Snapshot fixtures: the demo database at a fixed clock, so every pixel is reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.demo import build_demo
from bounceback.starters import starters
from bounceback.store.db import Store
from tests.ui.conftest import NOW, PipelineFirstApp, settle

SIZE = (120, 40)
SMALL = (80, 24)
"""Every screen and modal is also pinned at the smallest size we support."""


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    """The demo database ending 2026-11-25 09:30 UTC."""
    store = Store.open(tmp_path / "demo.db", FixedClock(NOW))
    build_demo(store)
    return store


@pytest.fixture
def demo_app(demo_store: Store) -> BouncebackApp:
    """The app on demo data, on the Pipeline (the screens these snapshots are about)."""
    return PipelineFirstApp(open_store=lambda: demo_store, clock=demo_store.clock)


@pytest.fixture
def demo_home(demo_store: Store) -> BouncebackApp:
    """The app on demo data, opened where a person lands: Today."""
    return BouncebackApp(open_store=lambda: demo_store, clock=demo_store.clock)


@pytest.fixture
def empty_app(tmp_path: Path) -> BouncebackApp:
    """The app on an empty database, on the Pipeline."""
    clock = FixedClock(NOW)
    store = Store.open(tmp_path / "empty.db", clock, starters=starters())
    return PipelineFirstApp(open_store=lambda: store, clock=clock)


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the store, the first load and the repaint."""
    await settle(pilot)


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes a snapshot depend on when it was taken: keep it lit."""
    from textual.widgets import Input, TextArea

    for cls in (Input, TextArea):
        original = cls._on_mount

        def steady(self, event, _original=original):  # type: ignore[no-untyped-def]
            self.cursor_blink = False
            return _original(self, event)

        monkeypatch.setattr(cls, "_on_mount", steady)

