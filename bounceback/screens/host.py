"""What a screen needs from the app it runs in, declared below the screens.

Screens type `self.app` through `HostApp` (see `NumberedScreen.bb`) instead of importing
`bounceback.app`, which imports the screens: the arrows point one way and no screen module
sits in an import cycle with the app. `BouncebackApp` is the one implementation.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.worker import Worker

from bounceback.crash import CrashReportingApp

if TYPE_CHECKING:
    from bounceback.clock import Clock
    from bounceback.screens.reopen import ReplacedWatch
    from bounceback.screens.writes import WriteLane
    from bounceback.store.db import Store


class HostApp(CrashReportingApp):
    """The app as screens see it: the store, the clock, the demo flag and the shared lanes."""

    clock: Clock
    demo: bool
    write_lane: WriteLane
    replaced_watch: ReplacedWatch

    @property
    @abstractmethod
    def store(self) -> Store:
        """The opened store (screens only exist once it is)."""

    @abstractmethod
    def worker_failed(self, worker: Worker[Any]) -> None:
        """The one funnel for failed workers: one calm toast, no traceback."""

    @abstractmethod
    def action_go(self, mode: str) -> None:
        """Switch to a numbered screen."""


def host(app: App[Any]) -> HostApp:
    """`app`, typed as the bounceback app every screen runs in."""
    return cast(HostApp, app)
