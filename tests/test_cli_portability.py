"""`bounceback export --format json|csv|md` and `bounceback import`: one line per failure."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from bounceback.cli import main
from bounceback.clock import FixedClock

CLOCK = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv), clock=CLOCK)
    out, err = capsys.readouterr()
    return code, out, err


def _demo(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--out", str(db))[0] == 0
    return db


def _load(path):  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text())
    data.pop("exported_at")
    return data


def test_json_export_import_export_round_trip(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    code, out, _ = run(capsys, "export", "--format", "json", "--db", str(db),
                       "--out", str(tmp_path / "a.json"))
    assert code == 0 and "json export written" in out
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "fresh.db"
    code, out, _ = run(capsys, "import", str(tmp_path / "a.json"), "--db", str(fresh))
    assert code == 0 and "Imported:" in out and "40 application" in out
    run(capsys, "export", "--format", "json", "--db", str(fresh), "--out",
        str(tmp_path / "b.json"))
    assert _load(tmp_path / "a.json") == _load(tmp_path / "b.json")


def test_export_refuses_to_overwrite_without_force(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    out = tmp_path / "a.json"
    out.write_text("mine")
    code, _, err = run(capsys, "--db", str(db), "export", "--format", "json", "--out", str(out))
    assert code == 2 and "already exists; add --force" in err and out.read_text() == "mine"
    code, _, _ = run(capsys, "--db", str(db), "export", "--format", "json", "--out", str(out),
                     "--force")
    assert code == 0 and out.read_text().startswith("{")


def test_csv_export_writes_two_files_and_refuses_overwrite(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    folder = tmp_path / "csv"
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "csv", "--out",
                       str(folder))
    assert code == 0
    header = (folder / "applications.csv").read_text().splitlines()[0]
    assert header.startswith("company,role,stage") and header.endswith("history")
    assert (folder / "rejections.csv").stat().st_mode & 0o777 == 0o600
    code, _, err = run(capsys, "--db", str(db), "export", "--format", "csv", "--out",
                       str(folder))
    assert code == 2 and "already exists" in err


def test_md_export_still_works(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    code, out, _ = run(capsys, "--db", str(db), "export", "--out", str(tmp_path / "b.md"))
    assert code == 0 and "brag document written" in out


def test_import_dry_run_reports_and_changes_nothing(tmp_path, capsys):
    csv_file = tmp_path / "t.csv"
    csv_file.write_text("Employer,Position,Status,Applied On,Salary\n"
                        "Acme,Dev,interviewing,2026-11-01,1\nBeta,QA,offer,Nov 2,2\n")
    db = tmp_path / "x.db"
    code, out, _ = run(capsys, "import", str(csv_file), "--db", str(db), "--dry-run")
    assert code == 0 and "Would add: 2 application" in out and "Salary" in out
    assert "Dry run" in out
    assert sqlite3.connect(db).execute("select count(*) from application").fetchone() == (0,)
    code, out, _ = run(capsys, "import", str(csv_file), "--db", str(db))
    assert code == 0
    assert sqlite3.connect(db).execute("select count(*) from application").fetchone() == (2,)


def test_import_with_a_bad_row_names_it_and_changes_nothing(tmp_path, capsys):
    csv_file = tmp_path / "t.csv"
    csv_file.write_text("company,role,status\nAcme,Dev,applied\nBeta,QA,sort of\n")
    db = tmp_path / "x.db"
    code, out, err = run(capsys, "import", str(csv_file), "--db", str(db))
    assert code == 1 and "line 3, stage: unknown stage \"sort of\"" in out
    assert "nothing was imported" in err
    assert sqlite3.connect(db).execute("select count(*) from application").fetchone() == (0,)


def test_import_refuses_binary_and_missing_files_in_one_line(tmp_path, capsys):
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02")
    code, _, err = run(capsys, "import", str(tmp_path / "b.bin"), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "binary" in err and err.count("\n") == 1
    code, _, err = run(capsys, "import", str(tmp_path / "nope.csv"))
    assert code == 2 and "does not exist" in err and "Traceback" not in err


def test_json_import_into_a_database_with_data_is_refused(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    run(capsys, "--db", str(db), "export", "--format", "json", "--out", str(tmp_path / "a.json"))
    code, _, err = run(capsys, "import", str(tmp_path / "a.json"), "--db", str(db))
    assert code == 2 and "already holds data" in err
