"""The Markdown brag document: a golden file, Markdown escaping, 0600 files, and the CLI."""

from __future__ import annotations

import html
import os
import re
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bounceback.cli import main
from bounceback.clock import FixedClock
from bounceback.domain import HelpKind, StrengthKind, WinCategory
from bounceback.export_md import brag_markdown, export_brag, md_block, md_inline
from bounceback.store.db import Store
from bounceback.store.help_acts import HelpDraft
from bounceback.store.wins import WinDraft

GOLDEN = Path(__file__).parent / "golden" / "brag.md"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    """Wednesday 2026-11-25."""
    return FixedClock(NOW)


@pytest.fixture
def db(tmp_path: Path, clock: FixedClock) -> Path:
    """A database with a few of everything, markup-like text included."""
    path = tmp_path / "data" / "b.db"
    store = Store.open(path, clock)
    wins = store.wins
    led = wins.create(WinDraft(
        title="Led the checkout rewrite", category=WinCategory.LED,
        happened_on=date(2025, 10, 1), impact="led 5 people; checkout errors down 60%",
        tags=("leadership", "payments"),
        story="Six weeks, two engineers and a designer.\n\nKept the old path behind a flag.",
    ))
    wins.set_pinned(led.id, True)
    wins.create(WinDraft(title="[bold]Fixed[/bold] the *flaky* <b>tests</b>",
                         category=WinCategory.SOLVED, happened_on=date(2026, 3, 2),
                         impact="CI red 2% of runs, down from 30%", tags=("ci", "[/]"),
                         story="# not a heading\n- not a list\n1. not a list either"))
    wins.create(WinDraft(title="Learned Go", category=WinCategory.LEARNED))
    gone = wins.create(WinDraft(title="Deleted win", category=WinCategory.SHIPPED))
    wins.delete(gone.id)
    store.strengths.add("Explaining trade-offs", StrengthKind.SKILL)
    store.strengths.add("Calm under pressure", StrengthKind.QUALITY)
    store.strengths.add("Honest, even when it's awkward", StrengthKind.VALUE)
    store.help.log(HelpDraft(who="Sam", what="Mock interview.", kind=HelpKind.MENTORING,
                             happened_on=date(2026, 11, 24)))
    store.help.log(HelpDraft(who="[@click=app.quit]Priya[/]", what="Intro to a data lead\n"
                             "at a startup.", kind=HelpKind.INTRODUCTION,
                             happened_on=date(2026, 10, 2)))
    store.close()
    return path


def test_the_document_matches_the_golden_file(db: Path, clock: FixedClock, tmp_path: Path):
    store = Store.open(db, clock)
    out = tmp_path / "brag.md"
    counts = export_brag(store, out)
    store.close()
    assert (counts.wins, counts.strengths, counts.help_acts) == (3, 3, 2)
    text = out.read_text(encoding="utf-8")
    if os.environ.get("BOUNCEBACK_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_markup_is_escaped_so_markdown_shows_it_as_typed() -> None:
    assert md_inline("[bold]x") == r"\[bold\]x"
    assert md_inline("[@click=app.quit]x[/]") == r"\[@click=app.quit\]x\[/\]"
    assert md_inline("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert md_inline("AT&T, &amp; &#60;") == r"AT&T, \&amp; \&#60;"
    assert md_inline("# h") == r"\# h" and md_inline("2024. A year") == r"2024\. A year"
    assert md_inline("cut build time 40% - a win") == "cut build time 40% - a win"
    assert md_inline("a\x1b[2J\nb") == "a\\[2J b"  # ESC stripped, one line
    assert md_block("one\n\n\ntwo\nthree", "  ") == ["  one", "", "  two\\", "  three"]


@pytest.mark.parametrize("text", [
    "[/]", "[bold]x", "[@click=app.quit]x[/]", "🚀 emoji", "<img src=x onerror=alert(1)>",
    "*not emphasis* and _not_ either", "`code`", "# heading?", "> quote?", "- item?",
    "1. item?", "a | b | c", "~~strike~~", "&amp; &#60;", "back\\slash\\", "[link](http://x)",
    "![img](x.png)", "===", "+ plus", "http://example.com",
])
def test_rendered_markdown_shows_exactly_what_was_typed(text: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(md_inline(text))
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == text


def test_an_empty_file_still_reads_well() -> None:
    text = brag_markdown([], [], [], date(2026, 11, 25))
    assert "0 wins, 0 strengths, and 0 times I helped someone else" in text
    assert "No wins written down yet." in text and "Nothing logged yet." in text


# ---- the command line ------------------------------------------------------------------------


def test_cli_exports_and_refuses_to_overwrite_without_force(db: Path, tmp_path: Path, capsys,
                                                            clock: FixedClock):
    out = tmp_path / "brag.md"
    assert main(["export", "--format", "md", "--db", str(db), "--out", str(out)], clock) == 0
    assert capsys.readouterr().out == (
        f"brag document written to {out} (3 wins, 3 strengths, 2 times helping someone)\n")
    assert out.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    out.write_text("mine")
    assert main(["export", "--db", str(db), "--out", str(out)], clock) == 2
    assert capsys.readouterr().err == (
        f"bounceback: {out} already exists; add --force to replace it.\n")
    assert out.read_text() == "mine"
    assert main(["--db", str(db), "export", "--out", str(out), "--force"], clock) == 0
    assert out.read_text(encoding="utf-8").startswith("# Brag document")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_cli_replaces_a_symlink_instead_of_following_it(db: Path, tmp_path: Path,
                                                       clock: FixedClock):
    target = tmp_path / "elsewhere.txt"
    target.write_text("do not touch")
    link = tmp_path / "brag.md"
    link.symlink_to(target)
    assert main(["export", "--db", str(db), "--out", str(link)], clock) == 2
    assert main(["export", "--db", str(db), "--out", str(link), "--force"], clock) == 0
    assert target.read_text() == "do not touch"
    assert not link.is_symlink()


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "--format pdf is not one bounceback writes; use md, json or csv"),
    (["--format", "xlsx"], "--format xlsx is not one bounceback writes; use md, json or csv"),
])
def test_cli_other_formats_are_refused_clearly(db: Path, tmp_path: Path, capsys, args, message,
                                               clock: FixedClock):
    out = tmp_path / "x"
    assert main(["export", *args, "--db", str(db), "--out", str(out)], clock) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_missing_database_or_folder_is_one_line(tmp_path: Path, capsys, db: Path,
                                                    clock: FixedClock):
    missing = tmp_path / "nope.db"
    assert main(["export", "--db", str(missing), "--out", str(tmp_path / "b.md")], clock) == 2
    assert capsys.readouterr().err == f"bounceback: {missing} does not exist; nothing to export.\n"
    assert not missing.exists()
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "no" / "b.md")], clock) == 2
    assert "does not exist; create the folder first." in capsys.readouterr().err
