"""`bounceback resume add|list|show|retire`: the person's resume versions from a terminal.

Each function takes an open store and returns the lines to print; a file that cannot be read
raises `DocumentError` and a bad label `ValidationError`, both with one line, nothing stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bounceback.clock import today
from bounceback.domain import MaterialKind
from bounceback.keyword_report import health_lines
from bounceback.matching import health_of
from bounceback.sanitize import strip_unsafe

if TYPE_CHECKING:
    from bounceback.store.db import Store
    from bounceback.store.records import MaterialRecord


def default_label(file_name: str, kind: MaterialKind, day: str) -> str:
    """A label when none is given: the file's name without its suffix, or the kind and day."""
    stem = Path(file_name).stem.strip() if file_name else ""
    return stem or f"{kind.label.capitalize()} {day}"


def add_resume(store: Store, path: Path, *, label: str | None = None,
               kind: MaterialKind = MaterialKind.RESUME) -> list[str]:
    """Read `path` and keep it as a new version; the lines say what was kept and its health."""
    from bounceback.documents import read_document

    document = read_document(path)
    day = today(store.clock).isoformat()
    record = store.materials.add(kind, label or default_label(document.name, kind, day),
                                 document.text, file_name=document.name, pages=document.pages)
    health = health_of(record)
    out = [f"Added {kind.label} version {record.id}: {_safe(record.label)} "
           f"({health.words} words, from {_safe(record.file_name)})."]
    if kind is MaterialKind.RESUME:
        out.append("New applications from today record it as the version that went out.")
    out.append("")
    out.extend(health_lines(record.file_name or record.label, health))
    return out


def list_resumes(store: Store) -> list[str]:
    """Every version, newest first: id, kind, label, added, words, warnings, uses, status."""
    records = store.materials.all()
    if not records:
        return ["No resume versions yet. Add one: bounceback resume add FILE [--label L]"]
    uses = store.materials.uses()
    current = {kind: store.materials.current(kind) for kind in MaterialKind}
    current_ids = {r.id for r in current.values() if r is not None}
    out = [f"{'id':>4}  {'kind':<12} {'added':<10}  {'words':>5}  {'warn':>4}  {'used':>4}  "
           "label"]
    for record in records:
        health = health_of(record)
        status = " (current)" if record.id in current_ids else \
            " (retired)" if record.retired else ""
        out.append(f"{record.id:>4}  {record.kind.label:<12} {record.added_on.isoformat():<10}  "
                   f"{health.words:>5}  {len(health.warnings):>4}  {uses.get(record.id, 0):>4}  "
                   f"{_safe(record.label)}{status}")
    return out


def show_resume(store: Store, material_id: int) -> list[str]:
    """One version's health, then its text as it was read."""
    record = store.materials.get(material_id)
    out = [f"{record.kind.label.capitalize()} version {record.id}: {_safe(record.label)}"
           f"{' (retired)' if record.retired else ''}",
           f"added {record.added_on.isoformat()}"
           + (f" from {_safe(record.file_name)}" if record.file_name else ""), ""]
    out.extend(health_lines(record.file_name or record.label, health_of(record)))
    out.extend(["", *(strip_unsafe(line) for line in record.text.splitlines())])
    return out


def retire_resume(store: Store, material_id: int, *, back: bool = False) -> list[str]:
    """Retire a version (or bring it back with `back`)."""
    record: MaterialRecord = store.materials.retire(material_id, retired=not back)
    verb = "Brought back" if back else "Retired"
    return [f"{verb} {record.kind.label} version {record.id}: {_safe(record.label)}."]


def _safe(text: str) -> str:
    return strip_unsafe(text).replace("\n", " ")
