"""Materials: the versions of a resume or cover letter, kept as they were read, never edited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from bounceback.clock import today
from bounceback.domain import MaterialKind
from bounceback.sanitize import clean_text
from bounceback.store.drafts import check_length, required_line
from bounceback.store.errors import NotFoundError, ValidationError
from bounceback.store.mapping import columns, to_record
from bounceback.store.models import Application, Material
from bounceback.store.records import MaterialRecord

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database

LABEL_CAP = 200
FILE_NAME_CAP = 255
TEXT_CAP = 200_000  # the same cap as a job description: the keyword gap reads this much


def material_label(label: str) -> str:
    """One line, trimmed, within the cap; ValidationError (field "label") otherwise."""
    return required_line(label, "label", "A label", LABEL_CAP)


def material_text(text: str) -> str:
    """The text cleaned like a paste (newlines kept); ValidationError (field "text") otherwise."""
    value = clean_text(text, single_line=False).strip("\n")
    errors: dict[str, str] = {}
    if not value.strip():
        errors["text"] = "There is no text to keep: paste the resume, or add it from a file."
    else:
        check_length(errors, "text", "The text", value, TEXT_CAP)
    if errors:
        raise ValidationError(errors)
    return value


def _record(x: Material) -> MaterialRecord:
    assert x.id is not None
    return to_record(MaterialRecord, x)


class MaterialRepo:
    """Add, list, relabel, retire and bring back resume and cover-letter versions."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def all(self, kind: MaterialKind | None = None) -> list[MaterialRecord]:
        """Every version (retired ones too), newest first; only `kind` when given."""
        c = columns(Material)
        query = select(Material).order_by(c.added_on.desc(), c.id.desc())
        if kind is not None:
            query = query.where(c.kind == kind)
        with self._db.read() as s:
            return [_record(x) for x in s.scalars(query)]

    def get(self, material_id: int) -> MaterialRecord:
        """One version; NotFoundError when there is no such id."""
        with self._db.read() as s:
            return _record(self._get(s, material_id))

    def current(self, kind: MaterialKind = MaterialKind.RESUME,
                on: date | None = None) -> MaterialRecord | None:
        """The version in use on day `on` (today by default): the newest one added by then
        and not retired before it; None when there is none."""
        day = on or today(self._db.clock)
        for record in self.all(kind):
            if record.added_on > day:
                continue
            if record.retired_at is not None and record.retired_at.date() <= day:
                continue
            return record
        return None

    def uses(self) -> dict[int, int]:
        """How many live applications went out with each version (versions without any are
        left out)."""
        a = columns(Application)
        query = (select(a.resume_id, func.count()).where(a.resume_id.is_not(None),
                                                        a.deleted_at.is_(None))
                 .group_by(a.resume_id))
        with self._db.read() as s:
            return {int(i): int(n) for i, n in s.connection().execute(query)}

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever a version is added, relabelled, retired or brought back."""
        return tuple((r.id, r.label, r.retired_at) for r in self.all())

    def add(self, kind: MaterialKind, label: str, text: str, *, file_name: str = "",
            pages: int | None = None, added_on: date | None = None) -> MaterialRecord:
        """Keep a new version; ValidationError naming the bad field (label or text)."""
        errors: dict[str, str] = {}
        values: dict[str, str] = {}
        for name, check, raw in (("label", material_label, label), ("text", material_text, text)):
            try:
                values[name] = check(raw)
            except ValidationError as exc:
                errors.update(exc.errors)
        name_value = clean_text(file_name, single_line=True).strip()[:FILE_NAME_CAP]
        if errors:
            raise ValidationError(errors)
        now = self._db.clock.now()
        material = Material(kind=kind, label=values["label"], text=values["text"],
                            file_name=name_value, pages=pages,
                            added_on=added_on or today(self._db.clock), created_at=now)
        with self._db.write() as s:
            s.add(material)
            s.flush()
            return _record(material)

    def relabel(self, material_id: int, label: str) -> MaterialRecord:
        """A new label for a version (its text never changes: add a new version instead)."""
        value = material_label(label)
        with self._db.write() as s:
            material = self._get(s, material_id)
            material.label = value
            s.flush()
            return _record(material)

    def retire(self, material_id: int, retired: bool = True) -> MaterialRecord:
        """Retire a version (it stays, with the applications that used it) or bring it back."""
        with self._db.write() as s:
            material = self._get(s, material_id)
            material.retired_at = self._db.clock.now() if retired else None
            s.flush()
            return _record(material)

    @staticmethod
    def _get(s: Session, material_id: int) -> Material:
        material = s.get(Material, material_id)
        if material is None:
            raise NotFoundError(material_id)
        return material
