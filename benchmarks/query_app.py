"""Baseline: a minimal app that imports textual + sqlmodel + dateutil and runs one query on mount.

Usage: python benchmarks/query_app.py DB_PATH  (shows "rows: N" once the count is known).
"""

import sys

import dateutil.parser  # noqa: F401 - imported for its cost, as the app does
from sqlalchemy import text
from sqlmodel import Session, create_engine
from textual.app import App, ComposeResult
from textual.widgets import Label


class QueryApp(App[None]):
    """A label, then one `select count(*)` on mount."""

    def __init__(self, db: str) -> None:
        """Keep the database path."""
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        """The only widget."""
        yield Label("hello", id="out")

    def on_mount(self) -> None:
        """Count the applications and show the number."""
        engine = create_engine(f"sqlite:///{self.db}")
        with Session(engine) as session:
            count = session.exec(text("select count(*) from application")).one()[0]  # type: ignore[call-overload]
        engine.dispose()
        self.query_one("#out", Label).update(f"rows: {count}")


if __name__ == "__main__":
    QueryApp(sys.argv[1]).run()
