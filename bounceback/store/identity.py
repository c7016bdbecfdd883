"""Whose database is it: bounceback marks its files with `PRAGMA application_id`.

A file is ours when it carries APPLICATION_ID, or (files written before the mark existed) when
it has our `schema_version` table with a valid version and every table that version has. A
file with no schema objects at all (a 0-byte file, or an SQLite file never written) is new.
Anything else belongs to another program and is refused, untouched.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from bounceback.store import migrations
from bounceback.store.errors import CorruptDatabaseError

APPLICATION_ID = 0x626E6365
"""The ASCII bytes "bnce", stored big-endian at offset 68 of the SQLite header (1651401573)."""

_CREATE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?\"?(\w+)", re.IGNORECASE)
_DROP = re.compile(r"DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?\"?(\w+)", re.IGNORECASE)
_RENAME = re.compile(r"ALTER\s+TABLE\s+\"?(\w+)\"?\s+RENAME\s+TO\s+\"?(\w+)", re.IGNORECASE)


class Owner(Enum):
    """What a database file is, as far as bounceback is concerned."""

    OURS = "ours"
    NEW = "new"
    FOREIGN = "foreign"


class ForeignDatabaseError(CorruptDatabaseError):
    """An SQLite file that another program wrote; it is left untouched."""


def expected_tables(version: int, steps: Sequence[str] = migrations.STEPS) -> set[str]:
    """The tables a bounceback file at `version` has (every known step for a newer one)."""
    tables: set[str] = set()
    for step in steps[: max(version, 0)]:
        for statement in migrations.statements(step):
            if created := _CREATE.match(statement):
                tables.add(created[1])
            elif dropped := _DROP.match(statement):
                tables.discard(dropped[1])
            elif renamed := _RENAME.match(statement):
                tables.discard(renamed[1])
                tables.add(renamed[2])
    return tables


def _schema_version(conn: sqlite3.Connection) -> int | None:
    """The version in our `schema_version` table, or None when it is missing or not ours."""
    try:
        row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table, or columns that are not ours
        return None
    if row is None or not isinstance(row[0], int) or row[0] < 1:
        return None
    return int(row[0])


def application_id(conn: sqlite3.Connection) -> int:
    """The application id in the file's header (0 when none was ever set)."""
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


def owner(conn: sqlite3.Connection, steps: Sequence[str] = migrations.STEPS) -> Owner:
    """Decide whose file this is, by reading only (sqlite3.DatabaseError when unreadable)."""
    app_id = application_id(conn)
    if app_id == APPLICATION_ID:
        return Owner.OURS
    if app_id != 0:
        return Owner.FOREIGN
    names = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if not names:
        user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        return Owner.NEW if user_version == 0 else Owner.FOREIGN
    version = _schema_version(conn)
    if version is None:
        return Owner.FOREIGN
    tables = {name for kind, name in names if kind == "table"}
    return Owner.OURS if expected_tables(version, steps) <= tables else Owner.FOREIGN


def refuse_foreign(
    conn: sqlite3.Connection, path: Path, outcome: str, steps: Sequence[str] = migrations.STEPS
) -> Owner:
    """Raise ForeignDatabaseError (one line naming the file) unless the file is ours or new.

    `outcome` ends the sentence: "it was left untouched", "nothing was restored"…
    """
    found = owner(conn, steps)
    if found is Owner.FOREIGN:
        raise ForeignDatabaseError(
            f"{path} is an SQLite database of another program, not a bounceback one; "
            f"{outcome}."
        )
    return found

