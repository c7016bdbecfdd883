"""UI fixtures: a real app on a tmp-path store with a fixed clock, driven by Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
HOSTILE = ("[/]", "[bold]x", "[@click=app.quit]x[/]", "\x1b[2J", "🚀 emoji", "x" * 10_000)


@pytest.fixture
def clock() -> FixedClock:
    """A clock frozen at 2026-11-25 09:30 UTC."""
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Store:
    """An empty store in a tmp folder."""
    s = Store.open(tmp_path / "data" / "bounceback.db", clock)
    yield s
    s.close()


def add(store: Store, company: str, role: str = "Engineer", **kw: object) -> int:
    """Create an application directly in the store; returns its id."""
    return store.applications.create(ApplicationDraft(company=company, role=role, **kw)).id


def screen_text(app: BouncebackApp) -> str:
    """What is on the terminal right now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def make_app(store: Store, clock: FixedClock) -> Callable[[], BouncebackApp]:
    """Build an app bound to the test store."""
    return lambda: BouncebackApp(open_store=lambda: store, clock=clock)


@pytest.fixture
async def pilot(make_app):  # type: ignore[no-untyped-def]
    """A running app at 120x40, already on its first screen."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as p:
        await settle(p)
        yield p

