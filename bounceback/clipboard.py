"""The desktop beyond the terminal: the system clipboard (knowing whether text got there) and
the mail app (a mailto: link).

Textual's `copy_to_clipboard` asks the terminal (OSC 52), which cannot answer: some terminals
ignore it. So the system's own clipboard tool is tried first when this machine has a desktop
session (Wayland, X11, macOS, WSL); only a tool that ran and exited 0 counts as "copied".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TIMEOUT = 2.0  # seconds a clipboard tool may take before it counts as unreachable


def clipboard_tools() -> list[list[str]]:
    """The commands that can reach this machine's clipboard, best first (may be empty)."""
    found: list[list[str]] = []
    if sys.platform == "darwin":
        found.append(["pbcopy"])
    if os.environ.get("WAYLAND_DISPLAY"):
        found.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        found += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if os.environ.get("WSL_DISTRO_NAME"):
        found.append(["clip.exe"])
    return [cmd for cmd in found if shutil.which(cmd[0])]


def copy_with_tool(text: str) -> str | None:
    """Copy `text` with the first clipboard tool that works; its name, or None when none did
    (no desktop session, no tool installed, or every tool failed)."""
    for cmd in clipboard_tools():
        try:
            done = subprocess.run(cmd, input=text.encode(), timeout=TIMEOUT, check=False,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return cmd[0]
    return None


COPIED = "Copied to the clipboard. Paste it into your email, read it once, send it once."
SENT_TO_TERMINAL = ("Handed to your terminal's clipboard: most terminals take it, some ignore "
                    "it. If nothing pastes, press s to save it to a file instead.")


def mail_openers() -> list[list[str]]:
    """The commands that hand a mailto: link to the desktop's mail app (may be empty).

    Only a desktop opener, started detached: a text-mode browser that `webbrowser` might pick
    would take over the terminal the app is drawing on.
    """
    found: list[list[str]] = []
    if sys.platform == "darwin":
        found.append(["open"])
    if os.environ.get("WSL_DISTRO_NAME"):
        found.append(["wslview"])
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY"):
        found.append(["xdg-open"])
    return [cmd for cmd in found if shutil.which(cmd[0])]


def open_detached(url: str) -> bool:
    """Hand `url` to the first desktop opener, detached from this terminal; False when there
    is none (or none could be started)."""
    for cmd in mail_openers():
        try:
            subprocess.Popen([*cmd, url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError:
            continue
        return True
    return False


MAIL_OPENED = "Opening a new email in your mail app. Read it once, send it once."
NO_MAIL_APP = ("No mail app can be reached from this terminal: copy the email (c) or save it "
               "(s) instead.")
