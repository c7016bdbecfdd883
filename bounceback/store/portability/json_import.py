"""One pass over a JSON export: every record checked, counted and (when applying) handed on.

The pass keeps no records: per table only its ids (8 bytes each, to find repeats and check what
other records point at), the values of its unique columns, and for the dry run's note the ids of
applications that ended rejected. The same pass plans the import and, with a sink, applies it.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from bounceback.domain import Stage
from bounceback.store.migrations import LATEST
from bounceback.store.models import BOOKKEEPING_TABLES, metadata
from bounceback.store.portability.common import (
    FORMAT,
    FORMAT_VERSION,
    ImportPlan,
    ImportProblem,
    ImportRefused,
    short,
    table_label,
)
from bounceback.store.portability.json_rows import RowContext, check_row
from bounceback.store.portability.json_stream import read_export
from bounceback.store.portability.source import TextStream

Sink = Callable[[sa.Table, dict[str, Any]], None]


NOT_EXPORTED = frozenset({*BOOKKEEPING_TABLES, "form_draft"})
"""Bookkeeping, not data: the schema's version, the contents' generation, and forms' unsaved text
(working state that is offered back on the next start, never carried to another database)."""


def exported_tables() -> list[sa.Table]:
    """Every table an export holds, parents before the tables that point at them."""
    return [t for t in metadata().sorted_tables if t.name not in NOT_EXPORTED]


class _Ids:
    """A table's ids as read. In order (exports are) they sit in an array of 8 bytes each and
    are found by binary search; a hand-made file out of order falls back to a set."""

    def __init__(self) -> None:
        self.values = array("q")
        self.unordered: set[int] | None = None
        self.done = False

    def add(self, value: int) -> bool:
        """Record an id; False when it repeats one seen before."""
        if self.unordered is None:
            if not self.values or value > self.values[-1]:
                self.values.append(value)
                return True
            self.unordered = set(self.values)
            self.values = array("q")
        if value in self.unordered:
            return False
        self.unordered.add(value)
        return True

    def __contains__(self, value: object) -> bool:
        if self.unordered is not None:
            return value in self.unordered
        if not isinstance(value, int):
            return False
        i = bisect.bisect_left(self.values, value)
        return i < len(self.values) and self.values[i] == value


class JsonPass:
    """Reads an export through `read_export`, filling `plan` (counts, problems, new cases).

    With `sink`, each record that passes is handed on as it is read (the apply pass); a record
    that fails there means the file changed since the dry run.
    """

    def __init__(self, plan: ImportPlan, sink: Sink | None = None) -> None:
        """Check against the plan's rules and day."""
        self.plan = plan
        self.sink = sink
        self.ctx = RowContext(plan.today + timedelta(days=1), plan.rules.rule_problem)
        self.known = {t.name: t for t in exported_tables()}
        # per table: (column, table it points at), and the column sets that must be unique
        self.links = {t.name: [(fk.parent.name, fk.column.table.name) for fk in t.foreign_keys]
                      for t in self.known.values()}
        self.uniques = {t.name: [tuple(c.name for c in con.columns) for con in t.constraints
                                 if isinstance(con, sa.UniqueConstraint)]
                        for t in self.known.values()}
        self.headers: dict[str, Any] = {}
        self.saw_tables = False
        self.ids: dict[str, _Ids] = {}
        self.index: dict[str, int] = {}
        self.unique: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]] = {}
        self.deferred: list[tuple[str, int, int | None, str, str, int]] = []
        self.rejected_apps = array("q")  # not deleted, ended rejected: each needs a case
        self.with_case: set[int] = set()

    def run(self) -> str:
        """Read the whole source; returns its SHA-256."""
        stream = TextStream(self.plan.source)
        read_export(iter(stream), self)
        self.finish()
        return stream.digest

    # ---- the visitor ----------------------------------------------------------------------

    def header(self, key: str, value: Any) -> None:
        """Check "format", "version" and "schema_version" as soon as they are read."""
        self.headers[key] = value
        if key == "format" and value != FORMAT:
            raise ImportRefused("this JSON is not a bounceback export (no \"format\": "
                                "\"bounceback\").")
        if key == "version" and value != FORMAT_VERSION:
            shown = short(repr(value)) if isinstance(value, int | str) else "?"
            raise ImportRefused(f"export format version {shown} is not one this bounceback "
                                f"reads (it reads {FORMAT_VERSION}).")
        if key == "schema_version" and (not isinstance(value, int) or isinstance(value, bool)
                                        or value > LATEST):
            raise ImportRefused("this export was made by a newer bounceback; update "
                                "bounceback to import it.")

    def tables(self) -> None:
        """The "tables" object starts."""
        self.saw_tables = True

    def table(self, name: str) -> None:
        """A known table starts (an unknown one is listed as ignored)."""
        if name not in self.known:
            self.plan.ignored_columns.append(short(name))
            return
        self.plan.counts.setdefault(name, 0)
        self.ids.setdefault(name, _Ids())
        self.index.setdefault(name, 0)

    def row(self, name: str, value: Any) -> None:
        """Check one record, count it, hand it on."""
        table = self.known.get(name)
        if table is None:
            return
        self.index[name] += 1
        i = self.index[name]
        if not isinstance(value, dict):
            self._problem(name, i, None, "(row)", "not an object")
            return
        self.plan.counts[name] += 1
        out, errors = check_row(table, value, self.ctx)
        raw_id = value.get("id")
        record_id = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
        for field, message in errors.items():
            self._problem(name, i, record_id, field, message)
        if "id" in out and not self.ids[name].add(out["id"]):
            self._problem(name, i, record_id, "id", f"repeats {table_label(name)} id "
                          f"{out['id']}")
            errors["id"] = "repeat"
        self._check_links(table, i, record_id, out)
        self._check_unique(table, i, record_id, out)
        if name == "application" and out.get("stage") is Stage.REJECTED \
                and out.get("deleted_at") is None and "id" in out:
            self.rejected_apps.append(out["id"])
        if name == "rejection" and out.get("application_id") is not None:
            self.with_case.add(out["application_id"])
        if self.sink is not None:
            if errors or not self.plan.ok:
                raise ImportRefused("the file changed since it was checked; nothing was "
                                    "imported. Check it again.")
            self.sink(table, out)

    def end(self, name: str) -> None:
        """A table is complete: what points at it can be checked at once from now on."""
        if name in self.ids:
            self.ids[name].done = True

    # ---- the checks -----------------------------------------------------------------------

    def _problem(self, name: str, i: int, record_id: int | None, field: str, message: str
                 ) -> None:
        self.plan.add_problem(ImportProblem(i, field, message, name, record_id))

    def _check_links(self, table: sa.Table, i: int, record_id: int | None,
                     out: dict[str, Any]) -> None:
        for column, target in self.links[table.name]:
            value = out.get(column)
            if value is None:
                continue
            ids = self.ids.get(target)
            if ids is not None and ids.done:
                if value not in ids:
                    self._missing(table.name, i, record_id, column, target, value)
            else:  # the table it points at comes later in this file (or never): check at the end
                self.deferred.append((table.name, i, record_id, column, target, value))

    def _missing(self, name: str, i: int, record_id: int | None, field: str, target: str,
                 value: int) -> None:
        self._problem(name, i, record_id, field,
                      f"points at {table_label(target)} {value}, which is not in the file")

    def _check_unique(self, table: sa.Table, i: int, record_id: int | None,
                      out: dict[str, Any]) -> None:
        for columns in self.uniques[table.name]:
            if not all(c in out for c in columns):
                continue
            seen = self.unique.setdefault((table.name, columns), set())
            key = tuple(out[c] for c in columns)
            if key in seen:
                self._problem(table.name, i, record_id, columns[-1],
                              f"a second {table_label(table.name)} for the same "
                              f"{' and '.join(c.replace('_id', '') for c in columns)}")
            seen.add(key)

    def finish(self) -> None:
        """After the last record: the header's presence, late links, and the new cases."""
        if self.headers.get("format") != FORMAT:
            raise ImportRefused("this JSON is not a bounceback export (no \"format\": "
                                "\"bounceback\").")
        if "version" not in self.headers:
            raise ImportRefused("the export does not say its format version.")
        if "schema_version" not in self.headers:
            raise ImportRefused("this export was made by a newer bounceback; update "
                                "bounceback to import it.")
        if not self.saw_tables:
            raise ImportRefused("the export has no \"tables\".")
        for name, i, record_id, field, target, value in self.deferred:
            if value not in self.ids.get(target, _Ids()):
                self._missing(name, i, record_id, field, target, value)
        self.deferred.clear()
        self.plan.new_cases = sum(1 for a in self.rejected_apps if a not in self.with_case)
        for name in self.known:
            self.plan.counts.setdefault(name, 0)
