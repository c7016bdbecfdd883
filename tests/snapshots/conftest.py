"""Snapshot fixtures: the demo database at a fixed clock, so every pixel is reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.store.db import Store
from bounceback.store.demo import build_demo
from tests.ui.conftest import NOW, settle

SIZE = (120, 40)


@pytest.fixture
def demo_app(tmp_path: Path) -> BouncebackApp:
    """The app on demo data ending 2026-11-25 09:30 UTC."""
    clock = FixedClock(NOW)
    store = Store.open(tmp_path / "demo.db", clock)
    build_demo(store)
    return BouncebackApp(open_store=lambda: store, clock=clock)


@pytest.fixture
def empty_app(tmp_path: Path) -> BouncebackApp:
    """The app on an empty database."""
    clock = FixedClock(NOW)
    store = Store.open(tmp_path / "empty.db", clock)
    return BouncebackApp(open_store=lambda: store, clock=clock)


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the store, the first load and the repaint."""
    await settle(pilot)
