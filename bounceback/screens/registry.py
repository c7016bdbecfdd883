"""The screens reachable by number: adding a mode is one line here."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class ModeSpec:
    """A mode: its key, name, title, and where its screen class lives ("module:Class")."""

    key: str
    name: str
    title: str
    target: str

    def preload(self) -> None:
        """Import the screen's module now (from the thread that opens the database)."""
        importlib.import_module(self.target.partition(":")[0])

    def factory(self) -> Callable[[], Screen[None]]:
        """A callable that imports the screen module on first use and builds the screen."""

        def build() -> Screen[None]:
            module, _, cls = self.target.partition(":")
            return getattr(importlib.import_module(module), cls)()

        return build


MODES: tuple[ModeSpec, ...] = (
    ModeSpec("1", "today", "Today", "bounceback.screens.today:TodayScreen"),
    ModeSpec("2", "pipeline", "Pipeline", "bounceback.screens.pipeline:PipelineScreen"),
    ModeSpec("3", "rejections", "Rejections", "bounceback.screens.rejections:RejectionsScreen"),
    ModeSpec("4", "wins", "Wins", "bounceback.screens.wins:WinsScreen"),
    ModeSpec("5", "goals", "Goals", "bounceback.screens.goals:GoalsScreen"),
)

DEFAULT_MODE = "today"
