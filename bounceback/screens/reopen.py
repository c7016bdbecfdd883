"""When the database is restored under the open app (`bounceback restore` in a shell, another
window), the app notices, reopens it and says so plainly; what is on screen stays.

The store refuses any write into data it did not open (DatabaseReplacedError, checked under the
write lock) and tells the watcher; the watcher also looks when the terminal regains focus and
when a screen comes back. Reopening runs the open sequence off the event loop (an older backup
is upgraded there), then every screen hears `database_reopened()`: lists reload, and autosaved
boxes save what they hold against the restored data (a box whose text differs there asks what to
keep; one whose record is not there keeps its text and says so).
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

from textual.app import App

from bounceback.store.errors import StoreError
from bounceback.widgets.safe import notify

if TYPE_CHECKING:
    from bounceback.store.db import Store

REOPENED = (
    "Your data was restored from a backup (in another window or from the shell); bounceback "
    "reopened it. What you were typing is kept: it is still on screen, and saving it now "
    "asks before it replaces anything in the restored data."
)
REOPEN_FAILED = "Your data was replaced (a restore?), and reopening it failed:"


class ReplacedWatch:
    """Notices that the open database was replaced, and reopens it once."""

    def __init__(self, app: App[Any]) -> None:
        """Nothing is watched until `attach`."""
        self._app = app
        self._store: Store | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self.reopening = False

    def attach(self, store: Store) -> None:
        """Watch `store` (call on the event loop): its writes there answer quickly, and a
        replaced file is reported back here from whichever thread noticed it."""
        self._store = store
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        store.answer_quickly_on(self._loop_thread)
        store.replaced_hook = self.heard

    def heard(self) -> None:
        """The store noticed (any thread): reopen soon, on the event loop."""
        if self._loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            self._app.call_later(self.reopen)
        else:
            self._loop.call_soon_threadsafe(self._app.call_later, self.reopen)

    def look(self) -> None:
        """Check now (focus regained, a screen came back): one stat and one tiny read."""
        if self._store is None or self.reopening:
            return
        try:
            replaced = self._store.replaced()
        except Exception:  # an unreadable file is for the next write to report
            return
        if replaced:
            self.reopen()

    def reopen(self) -> None:
        """Reopen the database off the event loop, then tell the person and every screen."""
        if self._store is None or self.reopening:
            return
        self.reopening = True
        self._app.run_worker(self._reopen(self._store), name="reopen-store",
                             exit_on_error=False)

    async def _reopen(self, store: Store) -> None:
        try:
            await asyncio.to_thread(store.reopen)
        except StoreError as exc:
            notify(self._app, f"{REOPEN_FAILED} {exc.message}", severity="error", timeout=20)
            return
        finally:
            self.reopening = False
        notify(self._app, REOPENED, severity="warning", timeout=20)
        from bounceback.screens.unsaved import every_screen

        for screen in every_screen(self._app):
            hook = getattr(screen, "database_reopened", None)
            if hook is not None:
                hook()
