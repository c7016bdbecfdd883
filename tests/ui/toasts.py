"""Every toast an app has shown, kept for tests (on screen toasts expire on the wall clock).

Kept in its own module, not in conftest.py: pytest may import a conftest under a second name,
and the fixture that records and the tests that read must share one dictionary.
"""

from __future__ import annotations

import weakref
from typing import Any

from textual.app import App

SAID: weakref.WeakKeyDictionary[App[Any], list[str]] = weakref.WeakKeyDictionary()
"""Per app, every toast message so far (filled by the `_remember_toasts` fixture)."""


def toasts_of(app: App[Any]) -> list[str]:
    """Every toast message the app has shown so far."""
    return list(SAID.get(app, []))
