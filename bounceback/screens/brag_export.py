"""The palette's "wins: Export brag document": ask where, ask before replacing, write at 0600."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.content import Content

from bounceback.clock import today
from bounceback.screens.host import host
from bounceback.screens.save_file import save_file


def default_path(app: App[Any]) -> Path:
    """~/brag-<today>.md: easy to find, dated so a second export does not replace the first."""
    return Path.home() / f"brag-{today(host(app).clock).isoformat()}.md"


def export_brag_document(app: App[Any]) -> None:
    """Prompt for a file, confirm a replacement, write, and say how it went."""

    def write(path: Path, overwrite: bool) -> str:
        from bounceback.export_md import export_brag

        counts = export_brag(host(app).store, path, overwrite=overwrite)
        return (f"Brag document written to {path} ({counts.wins} wins, "
                f"{counts.strengths} strengths, {counts.help_acts} times helping).")

    save_file(app, Content("Write your brag document (wins, strengths, help given) to:"),
              default_path(app), write, placeholder="a file path, e.g. ~/brag.md",
              example="brag.md")
