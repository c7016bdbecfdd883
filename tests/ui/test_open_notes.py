"""Notes from opening the data (issue 10, item 9) are shown once as a toast, on screen."""

from __future__ import annotations

import os
from pathlib import Path

import bounceback.app
from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.store.db import Store
from tests.ui.conftest import settle


class RecordingApp(BouncebackApp):
    """The app, keeping every toast it was asked to show (Textual's public `notify`)."""

    CSS_PATH = str(Path(bounceback.app.__file__).parent / "app.tcss")  # not beside this test

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.toasts: list[str] = []

    def notify(self, message, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        self.toasts.append(str(message))
        return super().notify(message, *args, **kwargs)


async def test_tightened_permissions_are_shown_once_as_a_toast(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "data" / "bounceback.db"
    Store.open(path, clock).close()
    os.chmod(path, 0o644)
    store = Store.open(path, clock)
    assert len(store.notes) == 1
    app = RecordingApp(open_store=lambda: store, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            made = [t for t in app.toasts if "Made private" in t]
            assert len(made) == 1 and "bounceback.db" in made[0] and "\n" not in made[0]
            assert store.notes == []  # shown once
    finally:
        store.close()
    assert path.stat().st_mode & 0o777 == 0o600
