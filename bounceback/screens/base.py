"""What every numbered screen shares: the store, the clock, the mode bar, safe toasts, and the
one way to run a store call (`attempt`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.events import ScreenResume
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from bounceback.clock import today
from bounceback.screens.host import HostApp, host
from bounceback.screens.outcome import GONE, Outcome, attempt
from bounceback.screens.registry import MODES
from bounceback.widgets.mode_bar import DEMO_NOTE, ModeBar
from bounceback.widgets.safe import notify, readonly_banner

if TYPE_CHECKING:
    from bounceback.store.db import Store

T = TypeVar("T")


W = TypeVar("W", bound=Widget)


def hidden(widget: W) -> W:
    """`widget`, hidden from its first frame (an `on_mount` hide would come after early keys)."""
    widget.display = False
    return widget


class NumberedScreen(Screen[None]):
    """Base for screens reached with a digit."""

    MODE_NAME: ClassVar[str] = ""
    HELP_TITLE: ClassVar[str] = ""

    @property
    def bb(self) -> HostApp:
        """The app, typed as what screens need of it (`screens/host.py`)."""
        return host(self.app)

    @property
    def store(self) -> Store:
        """The opened store."""
        return self.bb.store

    def today(self) -> date:
        """The local calendar day by the app's clock."""
        return today(self.bb.clock)

    def mode_bar(self) -> ModeBar:
        """The numbered-screens bar with this screen lit."""
        reason = self.store.readonly_reason
        banner = readonly_banner(reason) if reason else None
        return ModeBar([(m.key, m.name, m.title) for m in MODES], self.MODE_NAME, banner=banner,
                       note=DEMO_NOTE if self.bb.demo else "")

    def say(
        self, message: str, severity: str = "information", timeout: float | None = None
    ) -> None:
        """A toast that may carry user text."""
        notify(self.app, message, severity=severity, timeout=timeout)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed load (every worker runs with `exit_on_error=False`) goes to the app's funnel."""
        if event.state is WorkerState.ERROR:
            self.bb.worker_failed(event.worker)

    def attempt(
        self, call: Callable[..., T], *args: Any, gone: str = GONE, conflict: str | None = None
    ) -> Outcome[T]:
        """Run a store call: a refusal becomes a calm toast and `ok=False`, never a traceback.

        Announce success only after `ok`. A record that is gone calls `record_missing()`.
        """
        outcome = attempt(self.app, call, *args, gone=gone, conflict=conflict)
        if outcome.missing:
            self.record_missing()
        return outcome

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Coming back: was the database restored elsewhere meanwhile? (one tiny read)"""
        self.bb.replaced_watch.look()

    def database_reopened(self) -> None:
        """The database was replaced and reopened: read it again (override to save text)."""
        reload = getattr(self, "reload", None)
        if callable(reload) and self.is_mounted:
            reload()

    def record_missing(self) -> None:
        """A store call found its record gone: screens with a list reload it (override)."""

    def palette_commands(self) -> list[Any]:
        """Commands this screen adds to ctrl+p (override)."""
        return []
