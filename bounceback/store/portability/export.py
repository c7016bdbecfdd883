"""Export: everything as versioned JSON, or applications and rejections as CSV.

Rows are written as they are read, a batch at a time, inside one read transaction (a consistent
snapshot): memory stays flat whatever the database's size. Files are 0600, written under a
temporary name and published in one step (`files.private_writers`), never through a symlink.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import sqlalchemy as sa

from bounceback.domain import Stage
from bounceback.files import private_writers
from bounceback.sanitize import clean_text
from bounceback.store.mapping import columns
from bounceback.store.migrations import LATEST
from bounceback.store.models import Application, Rejection, StageEvent, UTCDateTime
from bounceback.store.portability.common import (
    CSV_FILES,
    DERIVED_COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    csv_cell,
)
from bounceback.store.portability.json_import import exported_tables
from bounceback.store.portability.json_stream import dumps

if TYPE_CHECKING:
    from bounceback.store.db import Store

BATCH = 1_000

_APP_COLUMNS = (
    "company", "role", "stage", "applied_on", "location", "url", "source", "contact_name",
    "contact_email", "next_action", "next_action_on", "description", "notes", "history",
)
_REJ_COLUMNS = (
    "company", "role", "received_on", "stage_reached", "interview_rounds", "kind", "feelings",
    "feeling_note", "intensity_before", "intensity_after", "causes", "out_of_control",
    "lessons", "next_steps", "feedback_status", "feedback_asked_on", "feedback_text",
)


def _to_json(col: sa.Column[Any]) -> Callable[[Any], object] | None:
    """How a column's value becomes JSON (None: as it is)."""
    if isinstance(col.type, UTCDateTime):
        return datetime.isoformat  # read back as aware UTC: "2026-11-25T09:30:00+00:00"
    if isinstance(col.type, sa.Date):
        return date.isoformat
    if isinstance(col.type, sa.JSON):
        return list
    return None


def _stream(conn: sa.Connection, query: sa.Select[Any]) -> Iterator[sa.Row[Any]]:
    """The query's rows, fetched BATCH at a time."""
    result = conn.execution_options(yield_per=BATCH).execute(query)
    for batch in result.partitions():
        yield from batch


def _table_rows(conn: sa.Connection, table: sa.Table) -> Iterator[dict[str, Any]]:
    kept = [c for c in table.columns if (table.name, c.name) not in DERIVED_COLUMNS]
    names = [c.name for c in kept]
    convert = [_to_json(c) for c in kept]
    query = sa.select(*kept).order_by(*table.primary_key.columns)
    for row in _stream(conn, query):
        yield {name: value if f is None or value is None else f(value)
               for name, f, value in zip(names, convert, row, strict=True)}


def _schema(conn: sa.Connection) -> int:
    version = conn.execute(sa.text("select version from schema_version")).scalar()
    return int(version) if version is not None else LATEST


def export_data(store: Store) -> dict[str, Any]:
    """Every table, every row, as JSON-ready values in one dict (tests, small databases)."""
    with store.read() as s:
        conn = s.connection()
        tables = {t.name: list(_table_rows(conn, t)) for t in exported_tables()}
        version = _schema(conn)
    return {"format": FORMAT, "version": FORMAT_VERSION, "schema_version": version,
            "exported_at": store.clock.now().astimezone(UTC).isoformat(), "tables": tables}


def export_json(store: Store, out: Path, *, overwrite: bool = False) -> dict[str, int]:
    """Write everything as versioned JSON, one record per line; returns rows per table.

    The file is plain JSON (`json.load` reads it); the import reads it a record at a time.
    """
    counts: dict[str, int] = {}
    with private_writers([out], overwrite=overwrite) as (fh,), store.read() as s:
        conn = s.connection()
        fh.write(f"{{\"format\": {dumps(FORMAT)}, \"version\": {FORMAT_VERSION}, "
                 f"\"schema_version\": {_schema(conn)}, \"exported_at\": "
                 f"{dumps(store.clock.now().astimezone(UTC).isoformat())},\n\"tables\": {{")
        for t, table in enumerate(exported_tables()):
            fh.write(f"{',' if t else ''}\n{dumps(table.name)}: [")
            n = 0
            for row in _table_rows(conn, table):
                fh.write(f"{',' if n else ''}\n{dumps(row)}")
                n += 1
            fh.write("\n]" if n else "]")
            counts[table.name] = n
        fh.write("\n}}\n")
    return counts


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, Stage):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_row(values: Sequence[object]) -> list[str]:
    # the same cleaning as the screens: no escape sequence or bidi override reaches a terminal
    return [csv_cell(clean_text(_csv_value(v))) for v in values]


def history_text(events: Sequence[tuple[Stage, datetime]]) -> str:
    """`applied 2026-10-01; screening 2026-10-08` (UTC days)."""
    return "; ".join(f"{Stage(stage).label} {at.astimezone(UTC).date().isoformat()}"
                     for stage, at in events)


def export_csv(store: Store, folder: Path, *, overwrite: bool = False) -> dict[str, int]:
    """applications.csv and rejections.csv in `folder` (created 0700); rows written per file.

    Refuses (FileExistsError) before writing anything if either file exists and not
    `overwrite`; a symlinked folder is refused too (never followed). Both files appear or
    neither: a retry is never blocked by half an export.
    """
    folder = Path(folder).expanduser()
    if folder.is_symlink():
        raise FileExistsError(folder)
    if not folder.exists():
        folder.mkdir(mode=0o700)
    targets = [folder / name for name in CSV_FILES]
    with private_writers(targets, overwrite=overwrite) as (apps_fh, rej_fh), \
            store.read() as s:
        conn = s.connection()
        counts = {CSV_FILES[0]: _write_applications(conn, apps_fh),
                  CSV_FILES[1]: _write_rejections(conn, rej_fh)}
    return counts


def _write_applications(conn: sa.Connection, fh: TextIO) -> int:
    a = columns(Application)
    e = columns(StageEvent)
    writer = csv.writer(fh)
    writer.writerow(_APP_COLUMNS)
    # both ordered by application: the history of each row is merged in as it goes
    events = _stream(conn, sa.select(e.application_id, e.stage, e.at)
                     .order_by(e.application_id, e.id))
    pending = next(events, None)
    n = 0
    apps = sa.select(a.id, *(a[c] for c in _APP_COLUMNS[:-1])).where(
        a.deleted_at.is_(None)).order_by(a.id)
    for row in _stream(conn, apps):
        app_id, values = row[0], list[Any](row[1:])
        history: list[tuple[Stage, datetime]] = []
        while pending is not None and pending.application_id <= app_id:
            if pending.application_id == app_id:
                history.append((Stage(pending.stage), pending.at))
            pending = next(events, None)
        writer.writerow(_csv_row([*values, history_text(history)]))
        n += 1
    return n


def _write_rejections(conn: sa.Connection, fh: TextIO) -> int:
    r = columns(Rejection)
    writer = csv.writer(fh)
    writer.writerow(_REJ_COLUMNS)
    n = 0
    query = sa.select(*(r[c] for c in _REJ_COLUMNS)).where(r.deleted_at.is_(None)).order_by(r.id)
    for row in _stream(conn, query):
        writer.writerow(_csv_row(row))
        n += 1
    return n
