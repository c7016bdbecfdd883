"""Fixtures for every test. Keep this generic; put area-specific fixtures beside their tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_real_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the database, HOME and the XDG folders at a temporary place for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("BOUNCEBACK_DB", str(home / "bounceback-test.db"))
    # no desktop session: a test never reaches the real clipboard or opens a mail app
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "WSL_DISTRO_NAME"):
        monkeypatch.delenv(var, raising=False)
