"""Form drafts: the text of an open form, kept as it is typed, so a kill or a crash loses none.

A draft is working state, not data: it is not exported, and it is deleted the moment its form
is saved or discarded. Its values are the person's words, so nothing here logs or prints them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from bounceback.store.errors import ValidationError
from bounceback.store.mapping import columns, to_record
from bounceback.store.models import FormDraft
from bounceback.store.records import FormDraftRecord

if TYPE_CHECKING:
    from bounceback.store.database import Database

FORM_CAP = 24
"""`form_draft.form` is VARCHAR(24)."""

VALUES_CAP = 16_000_000
"""A draft's values, as JSON, are at most this many characters (a form holds far less)."""

DraftValues = Mapping[str, "str | Sequence[str]"]


def _plain(values: DraftValues) -> dict[str, str | list[str]]:
    """The values as JSON-ready strings and lists of strings; ValidationError otherwise."""
    out: dict[str, str | list[str]] = {}
    for name, value in values.items():
        if isinstance(value, str):
            out[str(name)] = value
        elif isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
            out[str(name)] = list(value)
        else:
            raise ValidationError({str(name): "A draft keeps text and lists of text only."})
    if len(json.dumps(out)) > VALUES_CAP:
        raise ValidationError({"values": "This draft is too large to keep."})
    return out


def _record(row: FormDraft) -> FormDraftRecord:
    assert row.id is not None
    raw: Any = row.field_values
    values = {str(k): (v if isinstance(v, str) else [str(x) for x in v])
              for k, v in (raw or {}).items() if isinstance(v, str | list)}
    return to_record(FormDraftRecord, row, values=values)


class FormDraftRepo:
    """Keep, find and drop form drafts (one row per open form)."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def save(
        self, draft_id: int | None, form: str, target_id: int | None,
        target_version: int | None, values: DraftValues,
    ) -> int:
        """Write a form's values; returns the draft's id.

        `draft_id` is the row this form wrote before (None the first time). If that row is gone
        (discarded in another window meanwhile), a new one is written: the text is never dropped.
        """
        if not form or len(form) > FORM_CAP:
            raise ValidationError({"form": "Unknown form."})
        plain = _plain(values)
        now = self._db.clock.now()
        with self._db.write() as s:
            row = s.get(FormDraft, draft_id) if draft_id is not None else None
            if row is None:
                row = FormDraft(form=form, target_id=target_id, target_version=target_version,
                                field_values=plain, saved_at=now)
                s.add(row)
            else:
                row.form, row.target_id, row.target_version = form, target_id, target_version
                row.field_values = plain
                row.saved_at = now
            s.flush()
            assert row.id is not None
            return row.id

    def all(self) -> list[FormDraftRecord]:
        """Every draft, the most recently written first."""
        c = columns(FormDraft)
        with self._db.read() as s:
            rows = s.scalars(
                select(FormDraft).order_by(c.saved_at.desc(), c.id.desc())
            ).all()
            return [_record(r) for r in rows]

    def find(
        self, form: str, target_id: int | None, skip: frozenset[int] = frozenset()
    ) -> FormDraftRecord | None:
        """The newest draft of `form` for `target_id` (None: a new record) not in `skip`."""
        for draft in self.all():
            if draft.form == form and draft.target_id == target_id and draft.id not in skip:
                return draft
        return None

    def get(self, draft_id: int) -> FormDraftRecord | None:
        """One draft, or None when it is gone."""
        with self._db.read() as s:
            row = s.get(FormDraft, draft_id)
            return _record(row) if row is not None else None

    def delete(self, draft_id: int) -> None:
        """Drop a draft (its form was saved or discarded); a missing one is fine."""
        c = columns(FormDraft)
        with self._db.write() as s:
            s.execute(delete(FormDraft).where(c.id == draft_id))

    def count(self) -> int:
        """How many drafts are kept."""
        return len(self.all())
