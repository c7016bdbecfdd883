"""Two instances writing the same file at once lose nothing (BEGIN IMMEDIATE + busy_timeout)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bounceback.clock import FixedClock
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft

WRITES = 200

# A child opens the file itself (two fresh opens race as well when it does not exist yet),
# prints "ready", waits for the go file, then prints one line per save that returned: the
# ledger of acknowledged writes, kept outside the database.
CHILD = r"""
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from bounceback.clock import FixedClock
from bounceback.domain import Stage
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft

path, go, tag, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[5]
writes = int(sys.argv[4])
store = Store.open(path, FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC)))
mine = [r.id for r in store.applications.rows() if r.company.startswith(tag)]
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
for i in range(writes):
    if mode == "create":
        name = f"{tag}-{i:03}"
        store.applications.create(ApplicationDraft(company=name, role="Engineer"), note=name)
        print(name, flush=True)
    else:  # read, then write: a deferred BEGIN would fail here with "database is locked"
        app_id = mine[i % len(mine)]
        stage = Stage.SCREENING if i % 2 else Stage.INTERVIEWING
        store.applications.move(app_id, stage, note=f"{tag}-{i:03}")
        print(f"{app_id}:{stage.value}", flush=True)
store.close()
"""


def run_two(tmp_path: Path, path: Path, mode: str) -> dict[str, list[str]]:
    """Run a "left" and a "right" child at the same moment; their acknowledged lines."""
    go = tmp_path / f"go-{mode}"
    children = {
        tag: subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(go), tag, str(WRITES), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("left", "right")
    }
    acknowledged: dict[str, list[str]] = {}
    try:
        for child in children.values():
            assert child.stdout is not None
            if child.stdout.readline().strip() != "ready":
                child.wait(timeout=60)
                raise AssertionError(child.stderr.read() if child.stderr else "no ready")
        go.touch()
        deadline = time.monotonic() + 120
        for tag, child in children.items():
            out, err = child.communicate(timeout=max(deadline - time.monotonic(), 1))
            assert child.returncode == 0, err
            acknowledged[tag] = out.split()
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.wait()
    return acknowledged


def health(conn: sqlite3.Connection) -> tuple[list[tuple[str]], list[tuple[object, ...]]]:
    return (
        conn.execute("PRAGMA integrity_check").fetchall(),
        conn.execute("PRAGMA foreign_key_check").fetchall(),
    )


def interleavings(tags: list[str]) -> int:
    return sum(a != b for a, b in zip(tags, tags[1:], strict=False))


def test_two_processes_creating_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "data" / "b.db"
    acknowledged = run_two(tmp_path, path, "create")

    ledger = acknowledged["left"] + acknowledged["right"]
    assert len(ledger) == 2 * WRITES
    conn = sqlite3.connect(path)
    try:
        companies = [r[0] for r in conn.execute("SELECT company FROM application ORDER BY id")]
        events = conn.execute("SELECT count(*) FROM stage_event").fetchone()[0]
        without_history = conn.execute(
            "SELECT count(*) FROM application a "
            "WHERE NOT EXISTS (SELECT 1 FROM stage_event e WHERE e.application_id = a.id)"
        ).fetchone()[0]
        assert health(conn) == ([("ok",)], [])
    finally:
        conn.close()
    assert len(companies) == 2 * WRITES
    assert events == 2 * WRITES
    assert without_history == 0
    assert sorted(companies) == sorted(ledger)
    # The two really wrote at the same time, not one after the other.
    assert interleavings([c.split("-")[0] for c in companies]) >= 2


def test_two_processes_reading_then_writing_at_once_lose_nothing(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "data" / "b.db"
    store = Store.open(path, clock)
    for tag in ("left", "right"):
        for i in range(5):
            store.applications.create(ApplicationDraft(company=f"{tag}{i}", role="Engineer"))
    store.close()

    acknowledged = run_two(tmp_path, path, "move")

    assert [len(v) for v in acknowledged.values()] == [WRITES, WRITES]
    conn = sqlite3.connect(path)
    try:
        notes = [r[0] for r in conn.execute("SELECT note FROM stage_event WHERE note != ''")]
        last_stage = dict(
            conn.execute(
                "SELECT application_id, stage FROM stage_event WHERE id IN "
                "(SELECT max(id) FROM stage_event GROUP BY application_id)"
            ).fetchall()
        )
        stages = dict(conn.execute("SELECT id, stage FROM application").fetchall())
        assert health(conn) == ([("ok",)], [])
    finally:
        conn.close()
    assert len(notes) == 2 * WRITES
    assert stages == last_stage  # the current stage always matches the newest history entry
    for lines in acknowledged.values():  # each child moved only its own applications
        acknowledged_last = dict(line.split(":") for line in lines)
        for app_id, stage in acknowledged_last.items():
            assert stages[int(app_id)] == stage
    assert interleavings([n.split("-")[0] for n in notes]) >= 2
