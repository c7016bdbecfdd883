"""Baseline: the smallest Textual app (one Label). Its first frame is the yardstick."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class MinimalApp(App[None]):
    """One label, nothing else."""

    def compose(self) -> ComposeResult:
        """The only widget."""
        yield Label("hello")


if __name__ == "__main__":
    MinimalApp().run()
