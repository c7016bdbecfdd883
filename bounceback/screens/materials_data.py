"""What the Materials screen shows, read off the event loop, and its pure row and text helpers.

`load` runs in the screen's worker thread: every resume and cover-letter version, each
resume's health (the playbook's `resume_health`, through `matching.health_of`), how many
applications went out with it, and which version is current today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content

from bounceback.dates import format_date
from bounceback.domain import MaterialKind
from bounceback.matching import health_of
from bounceback.playbook.resume_health import Level, ResumeHealth
from bounceback.store.records import MaterialRecord
from bounceback.widgets.record_table import Column
from bounceback.widgets.safe import content, one_line

if TYPE_CHECKING:
    from bounceback.store.db import Store

COLUMNS = (
    Column("Kind", width=6),
    Column("Label", ratio=1, min_width=12),
    Column("Added", width=10, priority=3),
    Column("Words", width=5, align_right=True, priority=2),
    Column("Warn", width=4, align_right=True),
    Column("Used", width=4, align_right=True, priority=1),
    Column("", width=7),
)

SHORT_KINDS = {MaterialKind.RESUME: "resume", MaterialKind.COVER_LETTER: "letter"}
"""The Kind column's words (the detail says "cover letter" in full)."""
LEVEL_STYLES = {
    Level.PROBLEM: "bold $error",
    Level.WARNING: "bold $warning",
    Level.TIP: "bold $accent",
}
FINE_NAMES = {
    "email": "email", "phone": "phone", "link": "link", "section-experience": "Experience",
    "section-education": "Education", "section-skills": "Skills", "length": "length",
    "quantified": "numbers in bullet points",
}
"""How `keyword_report.health_lines` names what is fine (the CLI and the screen agree)."""

NOT_CHECKED = ("Health checks are for resumes: a cover letter is kept to read and to note which "
               "one went out.")


def default_label(file_name: str, kind: MaterialKind, day: date) -> str:
    """A label when none is typed (the same as `bounceback resume add`): the file's name
    without its suffix, else the kind and the day."""
    stem = Path(file_name).stem.strip() if file_name else ""
    return stem or f"{kind.label.capitalize()} {day.isoformat()}"


@dataclass(frozen=True, slots=True)
class MaterialItem:
    """One version with what its row and detail show, computed once per load."""

    record: MaterialRecord
    health: ResumeHealth | None  # None for a cover letter: the checks are a resume's
    uses: int
    current: bool

    @property
    def warnings(self) -> int:
        """How many findings are not fine (problems, warnings and tips)."""
        return len(self.health.warnings) if self.health is not None else 0

    @property
    def words(self) -> int:
        """How many words it has."""
        return self.health.words if self.health is not None else len(self.record.text.split())

    @property
    def status(self) -> str:
        """"current", "retired" or nothing."""
        return "current" if self.current else "retired" if self.record.retired else ""


@dataclass(frozen=True, slots=True)
class MaterialsData:
    """One load: the versions newest first, and what they were read from."""

    items: list[MaterialItem]
    fingerprint: object


def fingerprint(store: Store, today: date) -> object:
    """Changes when a version is added, relabelled, retired, or used by another application."""
    return store.materials.fingerprint(), store.materials.uses(), today


def load(store: Store, today: date) -> MaterialsData:
    """Read every version and judge each resume's health (call from a worker thread)."""
    repo = store.materials
    uses = repo.uses()
    current = {r.id for r in (repo.current(kind, on=today) for kind in MaterialKind) if r}
    items = [
        MaterialItem(record, health_of(record) if record.kind is MaterialKind.RESUME else None,
                     uses.get(record.id, 0), record.id in current)
        for record in repo.all()
    ]
    return MaterialsData(items, fingerprint(store, today))


def row_cells(item: MaterialItem, today: date) -> tuple[tuple[str, ...], str]:
    """A version's table cells and its tone (retired is greyed, current is lit)."""
    r = item.record
    cells = (SHORT_KINDS[r.kind], r.label, format_date(r.added_on, today), f"{item.words:,}",
             str(item.warnings) if item.health is not None else "–", str(item.uses),
             item.status)
    return cells, "closed" if r.retired else "pinned" if item.current else ""


def header_content(item: MaterialItem, today: date) -> Content:
    """The detail's title and one line of facts: kind, added, from which file, used, status."""
    r = item.record
    facts = [r.kind.label, f"added {format_date(r.added_on, today)}"]
    if r.file_name:
        facts.append(f"from {one_line(r.file_name, 60)}")
    if r.pages:
        facts.append(f"{r.pages} page{'s' * (r.pages != 1)}")
    facts.append(f"{item.words:,} words")
    used = item.uses
    facts.append(f"sent with {used} application{'s' * (used != 1)}" if used else
                 "not sent with any application yet")
    if item.current:
        facts.append("current: new applications record it")
    elif r.retired:
        facts.append("retired (x brings it back)")
    return Content("\n").join([content(r.label, "bold"),
                               Content.styled(" · ".join(facts), "$text-muted")])


HealthRow = tuple[Content, Content]
"""A health line: its level word (or nothing, under the finding it belongs to) and its text."""


def health_rows(item: MaterialItem) -> list[HealthRow]:
    """The health findings, each followed by the line it is about, then what is fine."""
    health = item.health
    if health is None:
        return [(Content(""), Content.styled(NOT_CHECKED, "$text-muted italic"))]
    rows: list[HealthRow] = []
    if not health.warnings:
        rows.append((Content.styled("fine", "bold $success"),
                     Content("Nothing to fix: contact details, headings, length and numbers "
                             "all look right.")))
    said: set[tuple[Level, str]] = set()
    for finding in health.warnings:
        key = (finding.level, finding.message)
        if key not in said:  # a message shared by several lines is said once
            said.add(key)
            rows.append((Content.styled(finding.level.value, LEVEL_STYLES[finding.level]),
                         content(finding.message)))
        if finding.line_number is not None and finding.line:
            rows.append((Content(""), Content.assemble(
                (f"line {finding.line_number}: ", "$text-muted"),
                content(one_line(finding.line, 200), "italic"))))
    fine = [FINE_NAMES.get(f.code, f.code) for f in health.findings if f.level is Level.OK]
    if fine and health.warnings:
        rows.append((Content.styled("fine", "bold $success"), Content(", ".join(fine))))
    return rows


def health_text(item: MaterialItem) -> str:
    """The health rows as plain text (what a test or a screen reader reads)."""
    return "\n".join(f"{level.plain:<8} {text.plain}".rstrip() for level, text in
                     health_rows(item))
