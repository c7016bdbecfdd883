"""Export targets: one check for the CLI and the screens (folders, links, FIFOs)."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bounceback.cli import main
from bounceback.clock import FixedClock
from bounceback.targets import taken, target_problem

CSV = ("applications.csv", "rejections.csv")
CLOCK = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))


def test_a_new_file_in_an_existing_folder_is_fine(tmp_path: Path) -> None:
    assert target_problem(tmp_path / "brag.md", example="brag.md") is None
    assert taken(tmp_path / "brag.md") == []


def test_a_folder_where_a_file_goes_names_an_example(tmp_path: Path) -> None:
    assert target_problem(tmp_path, example="brag.md") == (
        f"{tmp_path} is a folder; give a file name, e.g. {tmp_path / 'brag.md'}.")


def test_a_missing_folder_says_to_create_it(tmp_path: Path) -> None:
    assert target_problem(tmp_path / "no" / "b.md") == (
        f"{tmp_path / 'no'} does not exist; create the folder first.")


def test_links_are_replaced_or_refused_as_asked(tmp_path: Path) -> None:
    link = tmp_path / "brag.md"
    link.symlink_to(tmp_path / "nowhere")
    assert target_problem(link) is None and taken(link) == [link]  # dangling still counts
    assert target_problem(link, links=False) == (
        f"{link} is a symbolic link; choose another path.")


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert target_problem(fifo) == (
        f"{fifo} is a named pipe (FIFO), not a file; choose another path.")
    folder = tmp_path / "csv"
    folder.mkdir()
    os.mkfifo(folder / "rejections.csv")
    assert "rejections.csv is a named pipe (FIFO)" in (target_problem(folder, files=CSV) or "")


def test_a_folder_target_lists_the_files_it_would_replace(tmp_path: Path) -> None:
    file = tmp_path / "f"
    file.write_text("x")
    assert target_problem(file, files=CSV) == (
        f"{file} is a file; the CSV export writes a folder (e.g. {file}-csv).")
    folder = tmp_path / "csv"
    assert target_problem(folder, files=CSV) is None and taken(folder, CSV) == []
    folder.mkdir()
    (folder / "rejections.csv").write_text("x")
    assert taken(folder, CSV) == [folder / "rejections.csv"]


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_cli_a_name_taken_meanwhile_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    # The JSON/CSV line used to print the errno ("17 already exists") instead of the file.
    from bounceback import export_md
    from bounceback.store import portability

    db = tmp_path / "demo.db"
    assert main(["demo", "--out", str(db)], clock=CLOCK) == 0
    out = tmp_path / f"x.{fmt}"

    def raced(store: object, path: Path, *, overwrite: bool = False) -> None:
        raise FileExistsError(errno.EEXIST, "File exists", str(path))

    monkeypatch.setattr(portability, "export_json", raced)
    monkeypatch.setattr(export_md, "export_brag", raced)
    capsys.readouterr()
    assert main(["export", "--format", fmt, "--db", str(db), "--out", str(out)], CLOCK) == 2
    assert capsys.readouterr().err == (
        f"bounceback: {out} already exists; add --force to replace it.\n")
