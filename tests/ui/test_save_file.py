"""The one "ask where, write a private file" exchange the screens share (`screens/save_file`)."""

from __future__ import annotations

import os
from pathlib import Path

from textual.content import Content
from textual.widgets import Input

from bounceback.screens.brag_export import export_brag_document
from bounceback.screens.modals import ConfirmModal, TextPromptModal
from bounceback.screens.save_file import save_file
from tests.ui.conftest import settle
from tests.ui.toasts import toasts_of

# no "/" (a path reads it as folders), no ESC (the Input drops it)
HOSTILE = "[bold]x [@click=app.quit]y 🚀"


async def _answer(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, TextPromptModal)
    pilot.app.screen.query_one("#prompt-input", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_a_folder_typed_for_the_brag_document_says_so_and_writes_nothing(pilot, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    export_brag_document(pilot.app)
    await settle(pilot)
    await _answer(pilot, str(folder))
    assert not isinstance(pilot.app.screen, (TextPromptModal, ConfirmModal))
    assert (f"{folder} is a folder; give a file name, e.g. {folder / 'brag.md'}."
            in toasts_of(pilot.app))
    assert list(folder.iterdir()) == []


async def test_a_fifo_is_refused_before_anything_opens_it(pilot, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    export_brag_document(pilot.app)
    await settle(pilot)
    await _answer(pilot, str(fifo))
    assert any("is a named pipe (FIFO), not a file" in t for t in toasts_of(pilot.app))


async def test_write_replace_and_failure_go_through_one_exchange(pilot, tmp_path):
    out = tmp_path / f"{HOSTILE}.txt"
    calls: list[tuple[Path, bool]] = []

    def write(path: Path, overwrite: bool) -> str:
        calls.append((path, overwrite))
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        path.write_text("done")
        return f"Saved {path}."

    def ask() -> None:
        save_file(pilot.app, Content("Where?"), tmp_path / "default.txt", write)

    ask()
    await settle(pilot)
    assert pilot.app.screen.query_one("#prompt-input", Input).value == str(
        tmp_path / "default.txt")
    await _answer(pilot, str(out))
    assert calls == [(out, False)] and f"Saved {out}." in toasts_of(pilot.app)
    ask()
    await settle(pilot)
    await _answer(pilot, str(out))
    assert isinstance(pilot.app.screen, ConfirmModal)  # the hostile name shows literally
    await pilot.press("y")
    await settle(pilot)
    assert calls[-1] == (out, True)
    ask()
    await settle(pilot)
    await _answer(pilot, str(out))
    await pilot.press("y")
    await settle(pilot)
    assert f"Could not write {out}: No space left on device." in toasts_of(pilot.app)
