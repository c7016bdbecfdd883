"""What every numbered screen shares: the store, the clock, the mode bar, safe toasts, the
one way to run a store call (`attempt`) and the one way to load (`load` → `show`).

A screen that reads the store declares two methods and never starts a worker itself:
`load(store, today, **options)` runs in a worker thread and returns a plain value (usually by
calling a pure `load` function in its `<screen>_data.py`), `show(data, **options)` draws it on
the event loop. `reload(**options)` is the same everywhere: read again, the newest call wins.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
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

    # ---- loading: one shape for every screen ----------------------------------------------

    LOADS: ClassVar[bool] = False
    """True on screens that override `load` and `show` (then `reload` reads in a thread)."""

    def load(self, store: Store, today: date, **options: Any) -> Any:
        """In a worker thread: read and judge, return a plain value (None: keep what is shown)."""
        return None

    def show(self, data: Any, **options: Any) -> None:
        """On the event loop: draw what `load` returned (override)."""

    def reload(self, **options: Any) -> Worker[None] | None:
        """Read again off the event loop, then `show` it.

        The worker is exclusive in this screen's load group and never exits the app on error:
        a failed load is one calm toast (`on_worker_state_changed`), the old data stays.
        `options` go to both `load` and `show` (e.g. `keep_id`, the row to keep highlighted).
        A thread cannot be stopped: an older load already reading still shows what it read
        (its `keep_id` matters), so a screen whose loads must not overlap keeps a sequence
        number, as Wins does.
        """
        if not self.LOADS:
            return None
        return self.run_worker(
            partial(self._load_and_show, self.store, self.today(), options), thread=True,
            exclusive=True, exit_on_error=False, group="screen-load",
            name=f"{type(self).__name__}.load",
        )

    def _load_and_show(self, store: Store, day: date, options: dict[str, Any]) -> None:
        data = self.load(store, day, **options)
        if data is not None:
            self.app.call_from_thread(self.show, data, **options)

    def database_reopened(self) -> None:
        """The database was replaced and reopened: read it again (override to save text)."""
        if self.is_mounted:
            self.reload()

    def record_missing(self) -> None:
        """A store call found its record gone: screens with a list reload it (override)."""

    def palette_commands(self) -> list[Any]:
        """Commands this screen adds to ctrl+p (override)."""
        return []
