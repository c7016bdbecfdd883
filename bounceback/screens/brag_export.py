"""The palette's "wins: Export brag document": ask where, ask before replacing, write at 0600."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.content import Content

from bounceback.clock import today
from bounceback.widgets.safe import notify, template


def default_path(app: App[Any]) -> Path:
    """~/brag-<today>.md: easy to find, dated so a second export does not replace the first."""
    return Path.home() / f"brag-{today(app.clock).isoformat()}.md"  # type: ignore[attr-defined]


def export_brag_document(app: App[Any]) -> None:
    """Prompt for a file, confirm a replacement, write, and say how it went."""
    from bounceback.screens.modals import ConfirmModal, TextPromptModal

    def write(path: Path, overwrite: bool) -> None:
        from bounceback.export_md import export_brag

        try:
            counts = export_brag(app.store, path, overwrite=overwrite)  # type: ignore[attr-defined]
        except FileExistsError:
            notify(app, f"{path} appeared meanwhile; nothing was written.", severity="warning")
        except OSError as exc:
            notify(app, f"Could not write {path}: {exc.strerror or type(exc).__name__}.",
                   severity="error", timeout=10)
        else:
            notify(app, f"Brag document written to {path} ({counts.wins} wins, "
                        f"{counts.strengths} strengths, {counts.help_acts} times helping).",
                   timeout=8)

    def answered(text: str | None) -> None:
        if text is None or not text.strip():
            return
        path = Path(text.strip()).expanduser()
        if path.is_dir():
            notify(app, f"{path} is a folder; add a file name such as brag.md.", severity="warning")
            return
        if not path.parent.is_dir():
            notify(app, f"The folder {path.parent} does not exist.", severity="warning")
            return
        if path.exists() or path.is_symlink():
            app.push_screen(
                ConfirmModal(template("[b]$path[/b] already exists. Replace it?", path=str(path)),
                             yes="Replace"),
                lambda yes: write(path, True) if yes else None,
            )
            return
        write(path, False)

    app.push_screen(
        TextPromptModal(Content("Write your brag document (wins, strengths, help given) to:"),
                        str(default_path(app)), placeholder="a file path, e.g. ~/brag.md"),
        answered,
    )
