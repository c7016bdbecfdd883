"""The system clipboard: a tool that ran and exited 0 is the only "copied"."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bounceback import clipboard


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def bare_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("WAYLAND_DISPLAY", "DISPLAY", "WSL_DISTRO_NAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path))
    return tmp_path


def test_without_a_desktop_session_no_tool_is_tried(bare_env: Path) -> None:
    _tool(bare_env, "xclip", "exit 0")
    assert clipboard.clipboard_tools() == []
    assert clipboard.copy_with_tool("x") is None


def test_a_working_tool_copies_and_is_named(bare_env: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    out = bare_env / "got.txt"
    _tool(bare_env, "xclip", f"/bin/cat > {out}")
    assert clipboard.copy_with_tool("Hello Dana,\n") == "xclip"
    assert out.read_text() == "Hello Dana,\n"


def test_a_failing_tool_falls_through_to_the_next_then_to_none(
        bare_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    _tool(bare_env, "wl-copy", "exit 1")
    _tool(bare_env, "xsel", "/bin/cat > /dev/null")
    assert [c[0] for c in clipboard.clipboard_tools()] == ["wl-copy", "xsel"]
    assert clipboard.copy_with_tool("x") == "xsel"
    os.remove(bare_env / "xsel")
    assert clipboard.copy_with_tool("x") is None


def test_a_mailto_link_goes_only_to_a_desktop_opener(bare_env: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = bare_env / "opened.txt"
    _tool(bare_env, "xdg-open", f"echo \"$1\" > {out}")
    assert clipboard.mail_openers() == [] and not clipboard.open_detached("mailto:x@y")
    monkeypatch.setenv("DISPLAY", ":0")
    assert clipboard.open_detached("mailto:dana@acme.example?subject=Hi")
    import time

    for _ in range(500):  # detached: it writes when it runs (up to 10 s on a loaded machine)
        if out.exists() and out.read_text():
            break
        time.sleep(0.02)
    assert out.read_text() == "mailto:dana@acme.example?subject=Hi\n"
