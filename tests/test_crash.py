"""Issue 10, item 4: a crash prints one calm line, never the person's text.

Before, Textual printed a traceback with every frame's locals: the vent text, company names.
Now a crash writes a private report (0600, folder 0700) naming types, files, lines and
functions only, prints one line naming it, and `bounceback` exits 1. The private Textual hook
this depends on (`App._handle_exception`) is pinned here: if an upgrade stops calling it, the
first test fails loudly instead of leaking text again.
"""

from __future__ import annotations

import inspect
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Label

from bounceback.crash import CrashReportingApp, code_path, crash_line, crash_report
from bounceback.domain import Stage
from bounceback.paths import crash_dir
from bounceback.playbook.triage import classify
from bounceback.store.db import Store
from tests.test_cli_exit import CLOCK, drive

COMPANY = "Zyxwvut Secretco"
VENT = "I am furious at Qwertyuiop"


class _Broken(Label):
    def on_mount(self) -> None:
        secret = COMPANY  # a local, as a screen would hold a company name
        raise RuntimeError(f"cannot show {secret}")


class _TinyApp(CrashReportingApp):
    def compose(self) -> ComposeResult:
        yield _Broken("x")


def _reports() -> list[Path]:
    return sorted(crash_dir().glob("crash-*.txt"))


async def test_textual_still_hands_an_unhandled_error_to_the_hook(capsys):
    """The one private touch: Textual 8.2 calls `App._handle_exception(error)`."""
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
    app = _TinyApp()
    with pytest.raises(RuntimeError):  # run_test still re-raises the bug for tests
        async with app.run_test() as pilot:
            await pilot.pause()
    assert app.crashed and app.return_code == 1
    (report,) = _reports()
    assert app.crash_report == report
    text = report.read_text()
    assert "builtins.RuntimeError" in text and "in _Broken.on_mount" in text
    assert "Zyxwvut" not in text
    assert capsys.readouterr().err == ""  # Textual's traceback, with the locals, was not printed


def test_a_report_names_types_and_frames_never_values():
    def inner(company: str) -> None:
        try:
            {}[company]
        except KeyError as exc:
            raise ValueError(f"bad {company}") from exc

    try:
        inner(COMPANY)
    except ValueError as exc:
        text = crash_report(exc, CLOCK.now(), ["TodayScreen", "WallowScreen"])
    assert "error: builtins.ValueError" in text
    assert "raised from: builtins.KeyError" in text
    assert "in test_a_report_names_types_and_frames_never_values.<locals>.inner" in text
    assert "test_crash.py:" in text and str(Path.home()) not in text  # no home folder
    assert "screens: TodayScreen > WallowScreen" in text
    assert "when: 2026-11-25T09:00:00+00:00" in text
    assert "Zyxwvut" not in text and "Secretco" not in text and "{}[company]" not in text


def test_code_paths_never_name_the_home_folder():
    import textual

    assert code_path(textual.__file__) == "textual/__init__.py"
    assert code_path("/home/someone/private/thing.py") == "thing.py"
    assert code_path("<frozen importlib._bootstrap>") == "<frozen importlib._bootstrap>"


def _vent_crash(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A database with an open wallow window; saving the vent box hits a bug (a test-only one,
    carrying the vent text in its message and locals, as a real bug's frames would)."""
    from bounceback.store.wallow import WallowRepo

    db = tmp_path / "b.db"
    store = Store.open(db, CLOCK)
    case = store.rejections.log_untracked(COMPANY, "Dev", Stage.APPLIED,
                                          classify([Stage.APPLIED]))
    store.wallow.start(case.id, 15)
    store.close()

    def save_vent(self: WallowRepo, window_id: int, text: str, base: str | None = None) -> None:
        typed = text
        raise RuntimeError(f"could not save {typed!r} for window {window_id}")

    monkeypatch.setattr(WallowRepo, "save_vent", save_vent)

    async def vent_then_save(pilot: Pilot[Any]) -> None:
        from bounceback.screens.bounce.wallow import WallowScreen

        await pilot.pause()
        assert isinstance(pilot.app.screen, WallowScreen)
        await pilot.press(*VENT)
        screen = pilot.app.screen
        screen.call_later(screen.save_vent)  # what the debounce runs: here it hits the bug
        await pilot.pause()

    drive(monkeypatch, vent_then_save)
    return db


def test_a_crash_prints_one_calm_line_and_a_private_report(monkeypatch, tmp_path, capsys):
    db = _vent_crash(monkeypatch, tmp_path)
    from bounceback.cli import main

    old = os.umask(0o022)  # the usual umask would make a plain new file 0644
    try:
        assert main(["--db", str(db)], clock=CLOCK) == 1
    finally:
        os.umask(old)
    out, err = capsys.readouterr()
    (report,) = _reports()
    assert err == crash_line(report) + "\n"  # one line, and only that
    assert "nothing you saved is lost" in err
    assert out == ""
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text()
    for secret in ("Zyxwvut", "Secretco", "furious", "Qwertyuiop"):
        assert secret not in text and secret not in err
    assert "builtins.RuntimeError" in text and "in WallowScreen.save_vent" in text, text
    assert "WallowScreen" in text


def test_a_report_that_cannot_be_written_is_said_in_the_same_line(monkeypatch, tmp_path, capsys):
    db = _vent_crash(monkeypatch, tmp_path)
    crash_dir().parent.mkdir(parents=True)
    crash_dir().write_text("a file where the folder would go")
    from bounceback.cli import main

    assert main(["--db", str(db)], clock=CLOCK) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "The report could not be written" in err
    assert "Zyxwvut" not in err and "furious" not in err


def test_debug_keeps_the_developers_traceback(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("BOUNCEBACK_DEBUG", "1")
    db = _vent_crash(monkeypatch, tmp_path)
    from bounceback.cli import main

    assert main(["--db", str(db)], clock=CLOCK) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError" in err  # asked for: the full picture
    assert _reports()  # and the report all the same


def test_reports_are_kept_to_the_newest(tmp_path):
    from bounceback.crash import KEEP_REPORTS, write_crash_report

    folder = tmp_path / "reports"
    for i in range(KEEP_REPORTS + 3):
        path = write_crash_report(f"report {i}\n", folder, CLOCK.now())
        os.utime(path, (i, i))
    kept = sorted(folder.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime)
    assert len(kept) == KEEP_REPORTS
    assert kept[0].read_text() == "report 3\n"
