"""Text from a crafted file never reaches the terminal raw (issue 10, item 13), and a reader
that stops early (`| head`) is not an "unexpected error".

The import report (CLI and the TUI's preview share `report_lines`), every error that quotes a
file, a path or a table name, `check` and the CSV export pass through the screens' cleaning
(`sanitize.clean_text`): no ESC, C1 control, BEL or bidi override comes out.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bounceback.cli import main
from bounceback.clock import FixedClock
from bounceback.starters import import_rules
from bounceback.store import portability as p
from bounceback.store.db import Store

CLOCK = FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
EVIL = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m\u202eevil\u2066"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv), clock=CLOCK)
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(*texts: str) -> None:
    for text in texts:
        assert not any(c in text for c in RAW), repr(text)


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crafted.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [
    f"company,role,status,{EVIL}\nAcme,Dev,{EVIL},x\n",  # ignored column, unknown stage
    f"company,role,applied on\n{EVIL},Dev,{EVIL}\n",  # a bad date quoting nothing raw
    f"company,role,history\nAcme,Dev,{EVIL} 2026-01-01\n",  # history quoting the text
    f"name,{EVIL}\nx,y\n",  # no company column
    f"company,role\nAcme,\"{EVIL}\n",  # a quote that never ends
])
def test_a_crafted_csv_reaches_the_terminal_clean(tmp_path, capsys, text):
    code, out, err = run(capsys, "import", str(_csv(tmp_path, text)), "--db",
                         str(tmp_path / "x.db"))
    assert code != 0 or "Imported" in out
    assert_clean(out, err)


def _json(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("doc", [
    {"format": "bounceback", "version": 1, "schema_version": 1, "tables": {EVIL: []}},
    {"format": "bounceback", "version": 1, "schema_version": 1, "tables": {EVIL: 3}},
    {"format": "bounceback", "version": EVIL, "schema_version": 1, "tables": {}},
    {"format": "bounceback", "version": 1, "schema_version": 1, "tables": {
        "strength": [{"id": 1, "text": EVIL, "kind": EVIL, "position": 0,
                      "created_at": EVIL}],
        "goal": [{"id": 1, "title": EVIL, "target": 1, "rrule": EVIL, "starts_on": "2026-01-01",
                  "created_at": "2026-01-01T00:00:00+00:00"}]}},
])
def test_a_crafted_json_reaches_the_terminal_clean(tmp_path, capsys, doc):
    path = _json(tmp_path, doc)
    code, out, err = run(capsys, "import", str(path), "--db", str(tmp_path / "x.db"))
    assert code != 0 or "Imported: nothing" in out
    assert_clean(out, err)
    try:  # the TUI's preview shows the same lines
        plan = p.plan_import(path, date(2026, 11, 25), import_rules())
    except p.ImportRefused as exc:
        assert_clean(exc.message)
    else:
        assert_clean(*p.report_lines(plan))


def test_a_crafted_file_name_is_quoted_clean(tmp_path, capsys):
    name = tmp_path / f"x{EVIL}.csv"
    code, _, err = run(capsys, "import", str(name), "--db", str(tmp_path / "x.db"))
    assert code == 2 and "does not exist" in err
    assert_clean(err)
    name.write_bytes(b"\x00\x01")
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "export", "--out", str(name))
    assert_clean(out, err)


def test_check_prints_table_names_clean(tmp_path, capsys):
    db = tmp_path / "b.db"
    Store.open(db, CLOCK).close()
    conn = sqlite3.connect(db)
    quoted = '"' + EVIL.replace('"', '""') + '"'
    conn.execute(f"CREATE TABLE {quoted} (x)")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "--db", str(db), "check")
    assert "evil" in out  # still listed, only without its control characters
    assert_clean(out, err)


def test_exports_carry_no_raw_control_characters_and_json_loses_nothing(tmp_path, capsys):
    db = tmp_path / "b.db"
    store = Store.open(db, CLOCK)
    store.close()
    conn = sqlite3.connect(db)  # text that slipped past the forms (an older version, a tool)
    conn.execute("INSERT INTO application (company, role, search_fold, location, url, source, "
                 "stage, contact_name, contact_email, description, notes, next_action, "
                 "last_activity_at, created_at, updated_at) VALUES (?, 'Dev', '', '', '', '', "
                 "'applied', '', '', ?, ?, '', '2026-11-25 09:00:00', '2026-11-25 09:00:00', "
                 "'2026-11-25 09:00:00')", (EVIL, EVIL + "\u2028x", "notes\x85"))
    conn.commit()
    conn.close()
    assert run(capsys, "--db", str(db), "export", "--format", "csv", "--out",
               str(tmp_path / "csv"))[0] == 0
    assert_clean((tmp_path / "csv" / "applications.csv").read_text(encoding="utf-8"))
    assert run(capsys, "--db", str(db), "export", "--format", "json", "--out",
               str(tmp_path / "a.json"))[0] == 0
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert_clean(text)
    assert "\u2028" not in text and "\x85" not in text
    (app,) = json.loads(text)["tables"]["application"]
    assert app["company"] == EVIL  # escaped in the file, exact when read back


# ---- a reader that stops early ------------------------------------------------------------

class ClosedPipe:
    """stdout after `| head` has exited."""

    def __init__(self, sink) -> None:  # type: ignore[no-untyped-def]
        self.sink = sink

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return int(self.sink.fileno())


@pytest.mark.parametrize("argv", [["where"], ["check"], ["demo", "--out", "{db}"],
                                  ["import", "{csv}", "--dry-run"], ["export", "--format", "json",
                                                                    "--out", "{out}"]])
def test_a_pipe_closed_early_is_not_an_error(tmp_path, capsys, monkeypatch, argv):
    db = tmp_path / "b.db"
    Store.open(db, CLOCK).close()
    csv_file = _csv(tmp_path, "company,role\nAcme,Dev\n")
    args = [a.format(db=tmp_path / "demo.db", csv=csv_file, out=tmp_path / "a.json")
            for a in argv]
    with open(tmp_path / "sink", "w") as sink:
        monkeypatch.setattr("sys.stdout", ClosedPipe(sink))
        code = main(["--db", str(db), *args], clock=CLOCK)
    err = capsys.readouterr().err
    assert code == 0 and "unexpected error" not in err and "Broken" not in err


def test_an_import_whose_report_is_cut_short_imports_nothing(tmp_path, capsys, monkeypatch):
    db = tmp_path / "b.db"
    csv_file = _csv(tmp_path, "company,role\nAcme,Dev\n")
    with open(tmp_path / "sink", "w") as sink:
        monkeypatch.setattr("sys.stdout", ClosedPipe(sink))
        code = main(["--db", str(db), "import", str(csv_file)], clock=CLOCK)
    assert code == 0 and "unexpected error" not in capsys.readouterr().err
    assert not db.exists() or sqlite3.connect(db).execute(
        "select count(*) from application").fetchone() == (0,)
