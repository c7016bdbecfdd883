"""`bounceback resume add|list|show|retire`: versions stored from files, one line per failure."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bounceback.cli import main
from bounceback.clock import FixedClock
from tests.data.documents import make_fixtures as fx

PAIR = Path(__file__).parent / "data" / "keywords" / "01-backend-engineer"
CLOCK = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["resume", *argv, "--db", str(db)], clock=CLOCK)
    out, err = capsys.readouterr()
    return code, out, err


def rows(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, kind, label, file_name, retired_at IS NOT NULL "
                            "FROM material ORDER BY id").fetchall()
    finally:
        conn.close()


def test_add_list_show_and_retire(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "b.db"
    code, out, err = run(capsys, db, "add", str(PAIR / "resume.txt"), "--label", "Backend v1")
    assert code == 0 and err == ""
    assert out.startswith("Added resume version 1: Backend v1 (")
    assert "Resume health (resume.txt:" in out
    code, out, _ = run(capsys, db, "add", str(PAIR / "job.md"), "--cover-letter")
    assert code == 0 and "Added cover letter version 2: job (" in out
    assert rows(db) == [(1, "resume", "Backend v1", "resume.txt", 0),
                        (2, "cover_letter", "job", "job.md", 0)]
    code, out, _ = run(capsys, db, "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "kind", "added", "words", "warn", "used",
                                              "label"]
    assert any(line.strip().startswith("1  resume") and line.endswith("Backend v1 (current)")
               for line in lines)
    code, out, _ = run(capsys, db, "show", "1")
    assert code == 0 and out.startswith("Resume version 1: Backend v1\n")
    assert (PAIR / "resume.txt").read_text().splitlines()[0] in out
    code, out, _ = run(capsys, db, "retire", "1")
    assert code == 0 and out == "Retired resume version 1: Backend v1.\n"
    assert rows(db)[0][4] == 1
    _, out, _ = run(capsys, db, "list")
    assert "Backend v1 (retired)" in out
    code, out, _ = run(capsys, db, "retire", "1", "--undo")
    assert code == 0 and rows(db)[0][4] == 0


def test_an_empty_list_says_how_to_add_one(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, tmp_path / "b.db", "list")
    assert code == 0 and "bounceback resume add FILE" in out


def test_pdf_and_word_files_keep_their_text(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    paths = fx.write_all(tmp_path)
    db = tmp_path / "b.db"
    for name in ("resume.pdf", "resume.docx"):
        code, out, _ = run(capsys, db, "add", str(paths[name]))
        assert code == 0 and f"from {name})" in out
    assert [r[3] for r in rows(db)] == ["resume.pdf", "resume.docx"]


@pytest.mark.parametrize(("name", "words"), [
    ("locked.pdf", "password"), ("scanned.pdf", "no text layer"), ("broken.docx", "damaged"),
])
def test_a_bad_file_is_one_line_and_stores_nothing(tmp_path: Path, name: str, words: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    paths = fx.write_all(tmp_path)
    db = tmp_path / "b.db"
    code, out, err = run(capsys, db, "add", str(paths[name]))
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err
    assert rows(db) == []


def test_junk_a_missing_file_and_a_huge_file_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "b.db"
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 20)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    for path in (junk, tmp_path / "missing.txt", huge, tmp_path):
        code, out, err = run(capsys, db, "add", str(path))
        assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert rows(db) == []


def test_markup_and_escapes_in_a_label_or_file_stay_inert(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "b.db"
    cv = tmp_path / "cv.txt"
    cv.write_text("Jo [/]\x1b[2J\nExperience\n- Led 4 launches\n", encoding="utf-8")
    code, out, _ = run(capsys, db, "add", str(cv), "--label", "[bold]x\u202e")
    assert code == 0 and "[bold]x" in out and "\x1b" not in out and "\u202e" not in out
    _, out, _ = run(capsys, db, "show", "1")
    assert "Jo [/]" in out and "\x1b" not in out


def test_an_unknown_version_is_one_line(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    for action in ("show", "retire"):
        code, _, err = run(capsys, tmp_path / "b.db", action, "7")
        assert code == 2 and err == ("bounceback: there is no version 7; bounceback resume list "
                                     "shows them.\n")
