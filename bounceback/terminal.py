"""The terminal window's title: the one thing the app needs that Textual has no public API for.

The workaround lives here and uses public API only. `BouncebackApp.get_driver_class()` returns
`titled(<the class Textual chose>)` (so TEXTUAL_DRIVER, Windows and web drivers still apply): a
subclass whose instances register with their app, write the title (OSC 2) through the driver's
public `write()`, save the terminal's own title when the app starts (CSI 22;0t) and put it back
when the app stops or is suspended (CSI 23;0t). tests/ui/test_terminal_title.py fails if
Textual stops building the app's driver from `get_driver_class()`.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from textual.app import App
from textual.driver import Driver

from bounceback.sanitize import clean_text
from bounceback.terminal_input import run_guarded_input_thread

SAVE_TITLE = "\x1b[22;0t"
"""Ask the terminal to push its current window title (xterm; ignored where unsupported)."""

RESTORE_TITLE = "\x1b[23;0t"
"""Ask the terminal to pop the title it saved."""



class Titles(Protocol):
    """What `titled()` adds to a driver."""

    def set_title(self, title: str) -> bool:
        """Show `title` in the window's title bar; False if there is no terminal to show it."""


_drivers: WeakKeyDictionary[App[Any], Titles] = WeakKeyDictionary()


def title_sequence(title: str) -> str:
    """OSC 2 for `title`, with every control character (ESC, BEL) removed from the words."""
    words = "".join(ch for ch in clean_text(title, single_line=True) if ch.isprintable())
    return f"\x1b]2;{words}\x07"


def set_terminal_title(app: App[Any], title: str) -> bool:
    """Name the terminal window (our fixed words only, never user text).

    False when the app has no terminal of its own to name (tests, the web).
    """
    driver = _drivers.get(app)
    return driver is not None and driver.set_title(title)


@cache
def titled(base: type[Driver]) -> type[Driver]:
    """`base` with a window title that is saved, set and restored (one subclass per base)."""

    class Titled(base):  # type: ignore[valid-type,misc]
        """`base`, plus the window title."""

        def __init__(self, app: App[Any], **kwargs: Any) -> None:
            super().__init__(app, **kwargs)
            self.bb_title: str | None = None  # the title we set, re-applied after a resume
            self.bb_live = False
            _drivers[app] = self

        def start_application_mode(self) -> None:
            super().start_application_mode()
            self.bb_live = not self.is_web
            if self.bb_live:
                self.write(SAVE_TITLE)
                if self.bb_title is not None:
                    self.write(title_sequence(self.bb_title))
                self.flush()

        def stop_application_mode(self) -> None:
            if self.bb_live:
                self.write(RESTORE_TITLE)
            self.bb_live = False
            super().stop_application_mode()

        if hasattr(base, "run_input_thread"):  # the Linux driver: keep pastes whole

            def run_input_thread(self) -> None:
                run_guarded_input_thread(self)

        def set_title(self, title: str) -> bool:
            self.bb_title = title
            if not self.bb_live:
                return False
            self.write(title_sequence(title))
            self.flush()
            return True

    Titled.__name__ = Titled.__qualname__ = f"Titled{base.__name__}"
    return Titled
