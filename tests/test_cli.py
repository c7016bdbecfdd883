"""The command line: every failure is one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import sqlite3
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
