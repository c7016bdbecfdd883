"""Files written for the person: whole or absent, 0600, never clobbered, never via a symlink."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bounceback import files
from bounceback.clock import FixedClock
from bounceback.files import publish, write_private_files, write_private_text
from bounceback.store.db import Store
from bounceback.store.errors import StoreError
from bounceback.store.maintenance import backup_database
from bounceback.store.portability import export_csv, export_json

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


class _DiskFullHalfway:
    """A file object that writes half of what it is given, then reports a full disk."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        self.real = real

    def write(self, data: str) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        self.real.close()

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.fixture
def disk_full_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next file opened for writing through os.fdopen fills the disk halfway through."""
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def fdopen(fd, mode="r", *args, **kw):  # type: ignore[no-untyped-def]
        fh = real_fdopen(fd, mode, *args, **kw)
        calls["n"] += 1
        return _DiskFullHalfway(fh) if calls["n"] == 1 and "w" in mode else fh

    monkeypatch.setattr(files.os, "fdopen", fdopen)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_write_that_fails_midway_leaves_nothing_and_the_retry_succeeds(tmp_path, disk_full_once):
    out = tmp_path / "brag.md"
    with pytest.raises(OSError, match="No space"):
        write_private_text(out, "x" * 10_000)
    assert leftovers(tmp_path) == []  # no half file at the destination, no temp file either
    write_private_text(out, "x" * 10_000)  # not blocked by a partial file
    assert out.read_text() == "x" * 10_000


def test_a_json_export_that_fails_midway_can_be_retried(tmp_path, disk_full_once):
    store = Store.open(tmp_path / "data" / "b.db", FixedClock(NOW))
    out = tmp_path / "out" / "export.json"
    out.parent.mkdir()
    with pytest.raises(OSError):
        export_json(store, out)
    assert leftovers(out.parent) == []
    export_json(store, out)
    assert out.read_text().startswith("{")
    store.close()


def test_a_csv_export_is_both_files_or_neither(tmp_path, monkeypatch):
    store = Store.open(tmp_path / "data" / "b.db", FixedClock(NOW))
    folder = tmp_path / "csv"
    real_publish, calls = files.publish, {"n": 0}

    def publish_then_fail(tmp, target, *, overwrite=False):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.EIO, "I/O error")
        real_publish(tmp, target, overwrite=overwrite)

    monkeypatch.setattr(files, "publish", publish_then_fail)
    with pytest.raises(OSError):
        export_csv(store, folder)
    assert leftovers(folder) == []  # the first file, already in place, was taken back
    monkeypatch.undo()
    export_csv(store, folder)
    assert leftovers(folder) == ["applications.csv", "rejections.csv"]
    store.close()


def test_an_existing_file_is_never_replaced_without_overwrite(tmp_path):
    out = tmp_path / "mine.txt"
    out.write_text("precious")
    with pytest.raises(FileExistsError):
        write_private_text(out, "new")
    assert out.read_text() == "precious"
    assert leftovers(tmp_path) == ["mine.txt"]
    write_private_text(out, "new", overwrite=True)
    assert out.read_text() == "new"


def test_a_name_taken_while_writing_is_not_clobbered(tmp_path):
    """The check before writing can race; the link that names the file cannot."""
    out = tmp_path / "race.txt"
    tmp = tmp_path / ".race.tmp"
    tmp.write_text("ours")
    out.write_text("theirs, written a moment ago")
    with pytest.raises(FileExistsError):
        publish(tmp, out)
    assert out.read_text() == "theirs, written a moment ago"


def test_a_symlink_is_never_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    link = tmp_path / "export.json"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError):
        write_private_text(link, "evil")
    assert victim.read_text() == "do not touch"
    write_private_text(link, "replaced", overwrite=True)  # the link itself is replaced
    assert victim.read_text() == "do not touch"
    assert not link.is_symlink() and link.read_text() == "replaced"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    with pytest.raises(FileExistsError):
        write_private_text(dangling, "evil")
    assert not (tmp_path / "nowhere").exists()


def test_files_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        out = write_private_text(tmp_path / "a.md", "x")
        replaced = write_private_text(out, "y", overwrite=True)
        (first, second) = write_private_files({tmp_path / "b.csv": "1", tmp_path / "c.csv": "2"})
    finally:
        os.umask(old)
    for path in (out, replaced, first, second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_without_hard_links_the_name_is_still_claimed_exclusively(tmp_path, monkeypatch):
    """FAT USB sticks have no hard links: the file is still written whole, never clobbering."""

    def no_links(src, dst, **kw):  # type: ignore[no-untyped-def]
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    out = write_private_text(tmp_path / "stick.md", "whole")
    assert out.read_text() == "whole" and leftovers(tmp_path) == ["stick.md"]
    with pytest.raises(FileExistsError):
        write_private_text(out, "again")
    assert out.read_text() == "whole"


def test_a_backup_that_fails_midway_leaves_nothing_and_the_retry_succeeds(tmp_path, monkeypatch):
    from bounceback.store import backups

    store = Store.open(tmp_path / "data" / "b.db", FixedClock(NOW))
    store.close()
    dest = tmp_path / "backups" / "manual.db"

    def disk_full(tmp, target, *, overwrite=False):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "publish", disk_full)
    with pytest.raises(StoreError, match="nothing was written"):
        backup_database(tmp_path / "data" / "b.db", dest, NOW)
    assert leftovers(dest.parent) == []
    monkeypatch.undo()
    assert backup_database(tmp_path / "data" / "b.db", dest, NOW) == dest
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    with pytest.raises(StoreError):
        backup_database(tmp_path / "data" / "b.db", dest, NOW)
