"""The command line: every failure is one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bounceback.cli import main
from bounceback.clock import FixedClock

CLOCK = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv), clock=CLOCK)
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_out_writes_a_believable_database(tmp_path, capsys):
    db = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo", "--out", str(db))
    assert code == 0 and "demo database written" in out
    counts = dict(sqlite3.connect(db).execute(
        "select stage, count(*) from application group by stage").fetchall())
    assert sum(counts.values()) == 40 and len(counts) == 10  # every stage


def test_demo_out_refuses_an_existing_file(tmp_path, capsys):
    db = tmp_path / "demo.db"
    db.write_text("mine")
    code, _, err = run(capsys, "demo", "--out", str(db))
    assert code == 2 and "already exists" in err and db.read_text() == "mine"


def test_where_honours_db_before_or_after_the_command(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    for argv in (("--db", db, "where"), ("where", "--db", db)):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and f"database: {tmp_path / 'x.db'}" in out


def test_check_backup_restore_round_trip(tmp_path, capsys):
    db = tmp_path / "data" / "b.db"
    run(capsys, "demo", "--out", str(tmp_path / "demo.db"))
    code, _, _ = run(capsys, "restore", str(tmp_path / "demo.db"), "--db", str(db))
    assert code == 0
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 0 and "integrity: ok" in out and "application" in out
    code, out, _ = run(capsys, "--db", str(db), "backup", "--out", str(tmp_path / "copy.db"))
    assert code == 0 and (tmp_path / "copy.db").stat().st_mode & 0o777 == 0o600
    assert sqlite3.connect(tmp_path / "copy.db").execute(
        "select count(*) from application").fetchone() == (40,)


@pytest.mark.parametrize("command", [("check",), ("backup",)])
def test_a_file_that_is_not_a_database_is_one_line_and_untouched(tmp_path, capsys, command):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    before = junk.read_bytes()
    code, _, err = run(capsys, "--db", str(junk), *command)
    assert code != 0
    assert str(junk) in err and "Traceback" not in err
    assert junk.read_bytes() == before


def test_restore_refuses_a_damaged_backup(tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 4096)
    code, _, err = run(capsys, "restore", str(junk), "--db", str(tmp_path / "b.db"))
    assert code != 0 and "Traceback" not in err and err.count("\n") == 1


def test_bad_arguments_exit_non_zero(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--bogus"])
    assert exc.value.code == 2
    code, _, err = run(capsys, "demo", "--scale", "0")
    assert code == 2 and "--scale must be between 1 and 200000" in err


def test_an_unwritable_location_is_one_line(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "demo", "--out", str(blocker / "sub" / "d.db"))
    assert code == 2 and "Traceback" not in err and str(Path(blocker)) in err


# ---- issue 10, items 6 and 9: paths are exact, special files refused, notes printed -------


@pytest.mark.parametrize("argv", [("--db", "", "check"), ("--db", "", "backup"), ("--db", ""),
                                  ("where", "--db", "")])
def test_an_empty_db_is_refused_not_taken_as_the_default(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--db is empty" in err


@pytest.mark.parametrize("argv", [("backup", "--out", ""), ("demo", "--out", ""),
                                  ("export", "--out", ""), ("import", ""), ("restore", "")])
def test_an_empty_file_argument_is_refused(tmp_path, capsys, argv):
    db = tmp_path / "b.db"
    run(capsys, "demo", "--out", str(db))
    code, _, err = run(capsys, "--db", str(db), *argv)
    assert code == 2 and err.count("\n") == 1 and "empty" in err, err


def test_an_empty_bounceback_db_variable_is_refused(capsys, monkeypatch):
    monkeypatch.setenv("BOUNCEBACK_DB", "")
    code, _, err = run(capsys, "check")
    assert code == 2 and err.count("\n") == 1 and "$BOUNCEBACK_DB is set but empty" in err


@pytest.mark.parametrize("name", ["a?b.db", "a%20b.db", "a#b.db", "sp ace é.db"])
def test_hostile_db_names_work_exactly_from_the_command_line(tmp_path, capsys, name):
    folder = tmp_path / "x"
    db = folder / name
    code, _, err = run(capsys, "demo", "--out", str(db))
    assert code == 0, err
    code, out, err = run(capsys, "--db", str(db), "check")
    assert code == 0 and "integrity: ok" in out, err
    out_file = tmp_path / f"{name}.json"
    code, _, err = run(capsys, "--db", str(db), "export", "--format", "json", "--out",
                       str(out_file))
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert db.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["x", out_file.name])


def _cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in a child with a deadline: a hang fails the test instead of the suite."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run([sys.executable, "-m", "bounceback", *argv], env=env,
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


SPECIAL_RUNS = {
    "open": lambda s, good, tmp: ("--db", s),
    "check": lambda s, good, tmp: ("--db", s, "check"),
    "backup": lambda s, good, tmp: ("--db", s, "backup"),
    "export": lambda s, good, tmp: ("--db", s, "export", "--out", str(tmp / "out.md")),
    "import into": lambda s, good, tmp: ("--db", s, "import", str(tmp / "in.csv")),
    "restore into": lambda s, good, tmp: ("--db", s, "restore", good),
    "restore from": lambda s, good, tmp: ("--db", str(tmp / "new.db"), "restore", s),
    "import from": lambda s, good, tmp: ("--db", str(tmp / "new.db"), "import", s),
    "export to": lambda s, good, tmp: ("--db", good, "export", "--format", "json", "--out", s),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_special_file_anywhere_a_file_is_expected_is_one_line_never_a_hang(tmp_path, kind):
    """A FIFO (or /dev/null) as --db, restore source, import file or export target."""
    special = tmp_path / "pipe" if kind == "fifo" else Path("/dev/null")
    if kind == "fifo":
        os.mkfifo(special)
    good = tmp_path / "good.db"
    assert _cli("demo", "--out", str(good)).returncode == 0
    (tmp_path / "in.csv").write_text("company,role\nAcme,Analyst\n")
    before = good.read_bytes()
    words = "named pipe" if kind == "fifo" else "character device"
    for what, argv in SPECIAL_RUNS.items():
        done = _cli(*argv(str(special), str(good), tmp_path))
        assert done.returncode == 2, (what, done.stderr)
        assert done.stderr.count("\n") == 1 and words in done.stderr, (what, done.stderr)
        assert "Traceback" not in done.stderr
    assert good.read_bytes() == before
    assert not (tmp_path / "new.db").exists()
    if kind == "fifo":
        assert stat.S_ISFIFO(special.stat().st_mode)


def test_the_cli_prints_the_permissions_note_once(tmp_path, capsys):
    db = tmp_path / "b.db"
    run(capsys, "demo", "--out", str(db))
    os.chmod(db, 0o644)
    code, _, err = run(capsys, "--db", str(db), "export", "--out", str(tmp_path / "brag.md"))
    assert code == 0
    notes = [line for line in err.splitlines() if "note:" in line]
    assert len(notes) == 1 and "b.db" in notes[0] and "0600" in notes[0]
    assert db.stat().st_mode & 0o777 == 0o600
    code, _, err = run(capsys, "--db", str(db), "export", "--out", str(tmp_path / "brag2.md"))
    assert code == 0 and "note:" not in err
