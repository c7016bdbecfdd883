"""DATA-SAFETY.md battery items 1, 2, 6, 10 (kills) and 15, checked against an independent ledger.

The ledger is a text file outside the database: one line `id sha256(content)` appended and
fsynced only after a save returned (the write was acknowledged). After every fault the
database must hold every ledger entry intact, and pass integrity_check and foreign_key_check.
The other items live beside their subject: 3 test_migrations, 5/11 test_open_safety,
7 test_readonly (+ tests/ui/test_readonly.py), 8 test_concurrency, 9 tests/ui (stale edits),
10 test_maintenance and test_backups, 11 test_open_safety, 12 test_open_safety (umask) and
test_files (loose modes tightened), 13 tests/ui/test_hostile_text.py; hostile paths, special
files, foreign databases and symlinked backups: test_files and tests/test_cli.py; a clock set
back and a change of time zone: test_clock_changes, tests/test_clock.py,
tests/widgets/test_wallow_timer.py and tests/ui/test_clock_set_back.py; typed text at SIGTERM
and SIGHUP and a form dropped mid-typing: tests/ui/test_signals.py and tests/ui/test_drafts.py;
15 for a crash (planted company name and vent text): tests/test_crash.py.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from bounceback.clock import FixedClock
from bounceback.store import migrations
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.engine import stored_version
from bounceback.store.errors import StorageFullError


def digest(company: str, role: str, notes: str) -> str:
    return hashlib.sha256("\x00".join((company, role, notes)).encode()).hexdigest()


def read_ledger(ledger: Path) -> dict[int, str]:
    entries: dict[int, str] = {}
    if ledger.exists():
        for line in ledger.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2:  # a line cut by the kill was never acknowledged
                entries[int(parts[0])] = parts[1]
    return entries


def check_against_ledger(path: Path, ledger: dict[int, str]) -> int:
    """Health checks plus every acknowledged row present and intact; returns the row count."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = {
            r[0]: digest(r[1], r[2], r[3])
            for r in conn.execute("SELECT id, company, role, notes FROM application")
        }
        orphans = conn.execute(
            "SELECT count(*) FROM application a WHERE NOT EXISTS "
            "(SELECT 1 FROM stage_event e WHERE e.application_id = a.id)"
        ).fetchone()[0]
    finally:
        conn.close()
    assert orphans == 0  # no half-written transaction: each application has its first event
    for app_id, sha in ledger.items():
        assert rows.get(app_id) == sha, f"acknowledged application {app_id} lost or changed"
    return len(rows)


SAVER = r"""
import os, sys
from datetime import UTC, datetime
from pathlib import Path
from bounceback.clock import FixedClock
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from tests.store.test_battery import digest

path, ledger, run = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
store = Store.open(path, FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC)))
fd = os.open(ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
i = 0
while True:
    company, role, notes = f"Kill{run}-{i}", "Engineer", f"note {i} " * (1 + i % 300)
    app = store.applications.create(ApplicationDraft(company=company, role=role, notes=notes))
    os.write(fd, f"{app.id} {digest(company, role, notes)}\n".encode())
    os.fsync(fd)
    i += 1
"""


@pytest.mark.slow
def test_sigkill_in_the_middle_of_saves_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """Item 1: 20 SIGKILLs of a child saving through the real Store."""
    path, ledger = tmp_path / "data" / "b.db", tmp_path / "ledger.txt"
    rng = random.Random(20)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    kills = 0
    for run in range(20):
        before = len(read_ledger(ledger))
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(ledger), str(run)],
            env=env, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        target = before + rng.randint(1, 25)
        while len(read_ledger(ledger)) < target and time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            time.sleep(0.002)
        time.sleep(rng.random() * 0.01)  # land anywhere inside the next save
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.stderr is not None
        child.stderr.close()
        kills += child.returncode == -signal.SIGKILL
        acknowledged = read_ledger(ledger)
        assert len(acknowledged) > before
        count = check_against_ledger(path, acknowledged)
        assert count - len(acknowledged) <= run + 1  # at most one unacknowledged save per kill
    assert kills == 20


SLOW_STEP = (
    "CREATE TABLE slow_fill (x INTEGER NOT NULL, pad TEXT NOT NULL);\n"
    "INSERT INTO slow_fill (x, pad) WITH RECURSIVE c(x) AS "
    "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) "
    "SELECT x, printf('%050d', x) FROM c;"
)

MIGRATOR = r"""
import sys
from datetime import UTC, datetime
from pathlib import Path
from bounceback.clock import FixedClock
from bounceback.store import migrations
from bounceback.store.db import Store

steps = (*migrations.STEPS, sys.argv[2])
# each attempt a minute later, as a person retrying would be (the backup names differ)
clock = FixedClock(datetime(2026, 11, 25, 9, int(sys.argv[3]), tzinfo=UTC))
Store.open(Path(sys.argv[1]), clock, steps).close()
print("done", flush=True)
"""


@pytest.mark.slow
def test_sigkill_during_a_migration_leaves_the_old_version_intact(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Item 2: a slow artificial step, killed mid-way 3 times; then it completes."""
    path = tmp_path / "data" / "b.db"
    store = Store.open(path, clock)
    ledger = {}
    for i in range(30):
        notes = f"before migration {i}"
        app = store.applications.create(
            ApplicationDraft(company=f"Keep {i}", role="Analyst", notes=notes)
        )
        ledger[app.id] = digest(f"Keep {i}", "Analyst", notes)
    store.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    backups = path.parent / "backups"
    for attempt in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", MIGRATOR, str(path), SLOW_STEP, str(attempt)], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while len(list(backups.glob("pre-v*.db"))) <= attempt and time.monotonic() < deadline:
            assert child.poll() is None, child.communicate()
            time.sleep(0.005)
        time.sleep(0.2 + 0.1 * attempt)  # inside the long INSERT
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert child.returncode == -signal.SIGKILL
        check_against_ledger(path, ledger)
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            assert stored_version(conn) == migrations.LATEST  # the old version, intact
            assert conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'slow_fill'"
            ).fetchone() == (0,)
        finally:
            conn.close()
        for backup in backups.glob("pre-v*.db"):
            check_against_ledger(backup, ledger)
    # the same upgrade, left to finish, is complete
    done = subprocess.run(
        [sys.executable, "-c", MIGRATOR, str(path), SLOW_STEP, "9"], env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert done.stdout.strip() == "done", done.stderr
    check_against_ledger(path, ledger)
    conn = sqlite3.connect(path)
    try:
        assert stored_version(conn) == migrations.LATEST + 1
        assert conn.execute("SELECT count(*) FROM slow_fill").fetchone() == (3_000_000,)
    finally:
        conn.close()


BACKUPER = r"""
import sys, time
from bounceback.store import backups
from bounceback.cli import main

def slow(src, target):  # the real backup API, a few pages at a time: room for a kill
    src.backup(target, pages=4, progress=lambda *_: time.sleep(0.002))

backups._copy_pages = slow
sys.exit(main(["--db", sys.argv[1], "backup", "--out", sys.argv[2]]))
"""


@pytest.mark.slow
def test_sigkill_of_a_backup_never_leaves_a_broken_file_under_its_final_name(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Item 10 (kills): 10 SIGKILLs of `bounceback backup` while it copies; then one finishes."""
    from bounceback.screens.startup import list_backups
    from bounceback.store.backups import PARTIAL, backup_problem
    from bounceback.store.engine import newest_backup_hint

    path = tmp_path / "data" / "b.db"
    store = Store.open(path, clock)
    ledger = {}
    for i in range(1500):
        notes = f"kept {i} " * 150
        app = store.applications.create(ApplicationDraft(company=f"B{i}", role="R", notes=notes))
        ledger[app.id] = digest(f"B{i}", "R", notes)
    store.close()
    original = hashlib.sha256(path.read_bytes()).hexdigest()
    folder = path.parent / "backups"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    rng = random.Random(10)
    midway = 0
    for run in range(10):
        dest = folder / f"manual-{run}.db"
        child = subprocess.Popen(
            [sys.executable, "-c", BACKUPER, str(path), str(dest)], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None and not any(
            PARTIAL.match(p.name) and p.stat().st_size > 0
            for p in (folder.iterdir() if folder.exists() else [])
        ):
            time.sleep(0.002)
        time.sleep(rng.random() * 0.05)  # anywhere inside the copy
        child.send_signal(signal.SIGKILL)
        child.communicate()
        if child.returncode == -signal.SIGKILL and not dest.exists():
            midway += 1
        # the final name holds a whole, checked backup or nothing at all
        assert not dest.exists() or backup_problem(dest) == "", run
    assert midway >= 8, midway  # the kills really landed inside the copy
    leftovers = [p for p in folder.iterdir() if PARTIAL.match(p.name)]
    assert leftovers  # what the killed copies left, under temporary names only...
    finished = {p for p in folder.glob("*.db")}
    assert set(list_backups(path)) == finished  # ...never offered
    assert all(str(p) not in newest_backup_hint(path) for p in leftovers)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == original
    check_against_ledger(path, ledger)
    done = subprocess.run(
        [sys.executable, "-m", "bounceback", "--db", str(path), "backup"], env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not [p for p in folder.iterdir() if PARTIAL.match(p.name)]  # cleaned up
    newest = list_backups(path)[0]
    assert backup_problem(newest) == "" and str(newest) in newest_backup_hint(path)
    check_against_ledger(newest, ledger)


def _limit_pages(store: Store, extra_pages: int | None) -> None:
    """Cap every connection of the store at its current size plus `extra_pages` (None: lift)."""
    store.engine.dispose()
    for fn in list(getattr(store, "_battery_limits", [])):
        event.remove(store.engine, "connect", fn)
    store._battery_limits = []  # type: ignore[attr-defined]
    if extra_pages is None:
        return

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + extra_pages}")

    event.listen(store.engine, "connect", cap)
    store._battery_limits.append(cap)  # type: ignore[attr-defined]


def test_disk_full_on_save_is_clear_keeps_old_rows_and_the_same_save_succeeds_later(
    store: Store, db_path: Path
) -> None:
    """Item 6 (store part): PRAGMA max_page_count stands in for a full disk."""
    ledger = {}
    for i in range(20):
        app = store.applications.create(ApplicationDraft(company=f"Old {i}", role="R"))
        ledger[app.id] = digest(f"Old {i}", "R", "")
    secret = "DISTINCTIVE-full-disk-text " * 7000  # ~200 KB: many pages
    draft = ApplicationDraft(company="Big Notes", role="Writer", notes=secret)
    _limit_pages(store, 2)
    with pytest.raises(StorageFullError) as info:
        store.applications.create(draft)
    message = info.value.message
    assert "full" in message and "still here" in message
    assert "DISTINCTIVE" not in message and "DISTINCTIVE" not in str(info.value.__cause__)
    assert len(store.applications.rows()) == 20
    check_against_ledger(db_path, ledger)
    _limit_pages(store, None)
    created = store.applications.create(draft)  # the very same save, now with room
    ledger[created.id] = digest("Big Notes", "Writer", secret)
    check_against_ledger(db_path, ledger)


def test_no_user_text_in_logs_or_error_messages(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """Item 15: every logger at DEBUG (SQLAlchemy's statement log at INFO), an error and a save.

    SQLAlchemy's INFO log carries statements and, unless hidden, their parameters: ours are
    hidden (hide_parameters=True). Its DEBUG level prints result rows by design (echo="debug");
    bounceback never turns it on.
    """
    secret = "ZZ-my-private-journal-ZZ"
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    try:
        app = store.applications.create(ApplicationDraft(company=secret, role=secret, notes=secret))
        _limit_pages(store, 0)
        with pytest.raises(StorageFullError) as info:
            big = ApplicationDraft(company=secret, role="x", notes=secret * 8000)
            store.applications.create(big)
        _limit_pages(store, None)
        store.applications.get(app.id)
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert caplog.records, "SQLAlchemy logged nothing: the test would prove nothing"
    for record in caplog.records:
        assert secret not in record.getMessage()
    assert secret not in str(info.value) and secret not in repr(info.value.__cause__)
