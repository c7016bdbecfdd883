"""Read-only mode in the TUI: a banner, everything browsable, every write refused as a toast.

Tests run as root, for whom chmod does not stop writes, so "not writable" is simulated by
making `os.access(..., W_OK)` answer False for the database file (what the engine asks).
The store then opens through SQLite's `mode=ro` URI, so a write that slipped past the Store's
own refusal would still fail in SQLite, never reach the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.demo import build_demo
from bounceback.starters import starters
from bounceback.store.db import Store
from bounceback.store.seeding import seed_starters
from tests.ui.conftest import capture_toasts, screen_text, settle
from tests.ui.toasts import toasts_of


def _unwritable(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    real = os.access
    blocked = {str(p) for p in paths}

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path) in blocked:
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


@pytest.fixture
def ro_store(tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    path = tmp_path / "data" / "bounceback.db"
    seed = Store.open(path, clock)
    build_demo(seed, scale=12)
    seed_starters(seed.db, starters())
    seed.close()
    _unwritable(monkeypatch, path)
    store = Store.open(path, clock)
    assert store.readonly
    yield store
    store.close()


def _fingerprint(path: Path) -> bytes:
    return path.read_bytes()


MODES = ("today", "pipeline", "rejections", "wins", "goals")
# keys that start a write on each screen; each is followed by ctrl+s / enter / escape
WRITE_KEYS = {
    "today": ["c", "w", "R"],
    "pipeline": ["n", "right_square_bracket", "left_square_bracket", "r", "e", "delete", "u"],
    "rejections": ["n", "enter"],
    "wins": ["n", "p", "h", "e", "delete", "u"],
    "goals": ["plus", "minus", "space", "n", "e", "delete", "u"],
}


async def test_banner_on_every_screen_and_browsing_works(
    ro_store: Store, clock: FixedClock
) -> None:
    app = BouncebackApp(open_store=lambda: ro_store, clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        # checked first: the toast expires after 10 s of wall-clock time, a loaded machine's
        # five screen switches can take longer
        assert any("read-only" in said for said in toasts_of(app))
        for mode in MODES:
            app.switch_mode(mode)
            await settle(pilot)
            assert app.current_mode == mode
            text = screen_text(app)
            assert "read-only: the database file is not writable — browsing only" in text, mode


@pytest.mark.parametrize("mode", MODES)
async def test_every_write_is_refused_as_a_toast_not_a_crash(
    ro_store: Store, clock: FixedClock, mode: str
) -> None:
    assert ro_store.path is not None
    before = _fingerprint(ro_store.path)
    app = BouncebackApp(open_store=lambda: ro_store, clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        messages = capture_toasts(app)  # kept: a toast on screen expires after 10 s of wall time
        app.switch_mode(mode)
        await settle(pilot)
        for key in WRITE_KEYS[mode]:
            await pilot.press("down", key)
            await settle(pilot)
            for follow in ("y", "x", "a", "ctrl+s", "enter", "ctrl+s"):
                await pilot.press(follow)
                await settle(pilot)
            for _ in range(4):  # leave whatever form or modal opened (discarding)
                if len(app.screen_stack) <= 1:
                    break
                await pilot.press("escape")
                await settle(pilot)
                if type(app.screen).__name__ == "ConfirmModal":
                    await pilot.press("y")
                    await settle(pilot)
        assert app.return_code is None  # still running: nothing crashed
    assert _fingerprint(ro_store.path) == before
    refused = [m for m in messages if "read-only" in m and "Not saved" in m]
    assert refused, messages
    for m in messages:
        assert "Traceback" not in m


async def test_open_error_screen_restores_a_chosen_backup_and_reopens(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Battery item 11 in the TUI: a damaged file, `r`, the newest backup, confirm, reopened."""
    from bounceback.screens.startup import OpenErrorScreen
    from bounceback.store.drafts import ApplicationDraft
    from bounceback.store.maintenance import backup_database

    path = tmp_path / "data" / "bounceback.db"
    seed = Store.open(path, clock)
    seed.applications.create(ApplicationDraft(company="Old Co", role="Analyst"))
    older = backup_database(path, None, clock.now())
    seed.applications.create(ApplicationDraft(company="New Co", role="Analyst"))
    newer = backup_database(path, tmp_path / "data" / "backups" / "later.db", clock.now())
    seed.close()
    os.utime(older, (1_000, 1_000))
    damaged = b"not a database!!" + path.read_bytes()[16:]
    path.write_bytes(damaged)

    opened: list[Store] = []

    def opener() -> Store:
        opened.append(Store.open(path, clock))
        return opened[-1]

    app = BouncebackApp(open_store=opener, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, OpenErrorScreen)
            assert path.read_bytes() == damaged  # untouched
            await pilot.press("r")
            await settle(pilot)
            assert type(app.screen).__name__ == "PickerModal"
            text = screen_text(app)
            assert text.index(newer.name) < text.index(older.name)  # newest first
            await pilot.press("enter")  # the newest
            await settle(pilot)
            assert type(app.screen).__name__ == "ConfirmModal"
            await pilot.press("y")
            await settle(pilot)
            await settle(pilot)
            assert app.ready and not app.open_failed
            assert sorted(r.company for r in app.store.applications.rows()) == [
                "New Co", "Old Co"
            ]
        kept = sorted((path.parent / "backups").glob("before-restore-*.db"))
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
    finally:
        for s in opened:
            s.close()


async def test_open_error_screen_without_backups_says_so(tmp_path: Path, clock: FixedClock) -> None:
    from bounceback.screens.startup import OpenErrorScreen

    path = tmp_path / "data" / "bounceback.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 100)
    app = BouncebackApp(open_store=lambda: Store.open(path, clock), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OpenErrorScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, OpenErrorScreen)
        assert any("No backup" in said for said in toasts_of(app))
    assert path.read_bytes() == b"garbage" * 100


async def test_open_error_hint_offers_r_only_where_r_works(
    tmp_path: Path, clock: FixedClock
) -> None:
    """An error with no file behind it (no path to restore into) does not promise `r`."""
    from bounceback.screens.startup import OpenErrorScreen

    def broken() -> Store:
        raise RuntimeError("the disk went away")

    app = BouncebackApp(open_store=broken, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OpenErrorScreen)
        assert "press r" not in screen_text(app)
        await pilot.press("r")  # nothing happens, nothing breaks
        await settle(pilot)
        assert isinstance(app.screen, OpenErrorScreen)

    path = tmp_path / "data" / "bounceback.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage" * 100)
    app = BouncebackApp(open_store=lambda: Store.open(path, clock), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "press r" in screen_text(app)
