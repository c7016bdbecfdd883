"""The confidence file's wins: the catalog, the form's drafts, and the picks shown after a ritual.

`show()` is the one place that chooses wins to put in front of the person (after a ritual, on
Today): it stamps what it showed, so the rotation never repeats the same few.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from bounceback.clock import local_day, today
from bounceback.domain import WinCategory
from bounceback.sanitize import clean_text
from bounceback.store.drafts import Check, check_date, check_length, check_required
from bounceback.store.errors import ConflictError, NotFoundError, ValidationError
from bounceback.store.mapping import columns, record_columns, to_record
from bounceback.store.models import Win
from bounceback.store.records import WinCard, WinDetail, WinRow

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database

Picker = Callable[[Sequence[tuple[int, bool, datetime | None]], int], list[int]]
"""Chooses win ids from (id, pinned, last shown); the playbook's `pick_wins` is the rule."""

TAG_CAP = 50
MAX_TAGS = 20


def win_fold(title: str, story: str, impact: str, tags: Sequence[str]) -> str:
    """The casefolded text a win search matches against."""
    return "\n".join((title, story, impact, " ".join(tags))).casefold()


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated text as tags, in the order typed (cleaning happens in the draft)."""
    return tuple(part for part in text.split(","))


def format_tags(tags: Iterable[str]) -> str:
    """Tags as the form shows them: "payments, frontend"."""
    return ", ".join(tags)


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, spaces collapsed, empties dropped, the first spelling of a duplicate kept."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in tags:
        for part in raw.split(","):
            tag = " ".join(clean_text(part, single_line=True).split())
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
    return tuple(out)


@dataclass(frozen=True)
class WinDraft:
    """The editable fields of a win, and the rules they must pass before anything is saved."""

    title: str
    category: WinCategory = WinCategory.SOLVED
    happened_on: date | None = None
    impact: str = ""
    tags: tuple[str, ...] = ()
    story: str = ""

    # Single-line fields lose newlines; the story keeps them. Caps match the columns.
    CAPS: ClassVar[dict[str, tuple[str, int, bool]]] = {
        "title": ("Title", 200, True),
        "impact": ("Impact", 500, True),
        "story": ("Story", 200_000, False),
    }

    def cleaned(self) -> WinDraft:
        """Control characters stripped, single-line fields trimmed, tags tidied."""
        changes: dict[str, Any] = {}
        for name, (_, _, single) in self.CAPS.items():
            value = clean_text(getattr(self, name), single_line=single)
            changes[name] = value.strip() if single else value
        changes["tags"] = _clean_tags(self.tags)
        return replace(self, **changes)

    def checked(self, check: Check) -> WinDraft:
        """`validated` against the check's today."""
        return self.validated(check.today)

    def validated(self, today: date | None = None) -> WinDraft:
        """The cleaned draft, or ValidationError naming every bad field.

        With `today`, a date after it is refused: a win is something that already happened.
        """
        draft = self.cleaned()
        errors: dict[str, str] = {}
        check_required(errors, "title", "A title", draft.title)
        for name, (label, cap, _) in self.CAPS.items():
            if name not in errors:
                check_length(errors, name, label, getattr(draft, name), cap)
        long_tag = next((t for t in draft.tags if len(t) > TAG_CAP), None)
        if long_tag is not None:
            errors["tags"] = f"A tag is {len(long_tag):,} characters; the limit is {TAG_CAP}."
        elif len(draft.tags) > MAX_TAGS:
            errors["tags"] = f"That is {len(draft.tags)} tags; the limit is {MAX_TAGS}."
        check_date(errors, "happened_on", "The date", draft.happened_on)
        if (today is not None and draft.happened_on is not None
                and "happened_on" not in errors and draft.happened_on > today):
            errors["happened_on"] = "That date is in the future — a win is something you did."
        if errors:
            raise ValidationError(errors)
        return draft


def _row(r: Sequence[Any]) -> WinRow:
    """A row of `record_columns(Win, WinRow)`: the tags list becomes a tuple."""
    values = list(r)
    values[6] = tuple(values[6] or ())
    return WinRow(*values)


class WinRepo:
    """Wins: the catalog (list, add, edit, pin, delete softly, restore) and the rotating picks."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    # ---- reading -------------------------------------------------------------------------

    def rows(self) -> list[WinRow]:
        """Every live win as a light row: pinned first, then newest (undated ones by entry)."""
        w = columns(Win)
        with self._db.read() as s:
            result = s.connection().execute(
                select(*record_columns(Win, WinRow)).where(w.deleted_at.is_(None))
            ).all()
        rows = [_row(r) for r in result]
        tz = self._db.clock.tz
        rows.sort(key=lambda r: (
            not r.pinned,
            -(r.happened_on or r.created_at.astimezone(tz).date()).toordinal(),
            -r.id,
        ))
        return rows

    def row(self, win_id: int) -> WinRow:
        """One light row (NotFoundError when it is gone or deleted)."""
        w = columns(Win)
        with self._db.read() as s:
            r = s.connection().execute(
                select(*record_columns(Win, WinRow)).where(w.id == win_id, w.deleted_at.is_(None))
            ).first()
        if r is None:
            raise NotFoundError(win_id)
        return _row(r)

    def get(self, win_id: int) -> WinDetail:
        """All fields of a live win, with its version for the edit form."""
        with self._db.read() as s:
            return _detail(self._live(s, win_id))

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever a win is added, edited, pinned, deleted or restored."""
        w = columns(Win)
        query = select(
            func.count(), func.max(w.updated_at), func.max(w.deleted_at), func.sum(w.version),
            func.count(w.deleted_at), func.max(w.id),
        )
        with self._db.read() as s:
            return tuple(s.connection().execute(query).one())

    def all_tags(self) -> list[str]:
        """Every tag on a live win, most used first (then A to Z): the form's completions."""
        w = columns(Win)
        with self._db.read() as s:
            lists = s.connection().execute(
                select(w.tags).where(w.deleted_at.is_(None))
            ).scalars().all()
        return tag_ranking(tuple(tags or ()) for tags in lists)

    # ---- writing -------------------------------------------------------------------------

    def create(self, draft: WinDraft) -> WinDetail:
        """Validate and store a new win."""
        draft = draft.validated(today(self._db.clock))
        now = self._db.clock.now()
        win = Win(
            title=draft.title, story=draft.story, category=draft.category,
            happened_on=draft.happened_on, impact=draft.impact, tags=list(draft.tags),
            search_fold=win_fold(draft.title, draft.story, draft.impact, draft.tags),
            created_at=now, updated_at=now, local_day=local_day(self._db.clock, now),
        )
        with self._db.write() as s:
            s.add(win)
            s.flush()
            assert win.id is not None
            return _detail(win)

    def update(self, win_id: int, draft: WinDraft, version: int) -> WinDetail:
        """Save edited fields; ConflictError if the win changed since `version` was read."""
        draft = draft.validated(today(self._db.clock))
        with self._db.write() as s:
            win = self._live(s, win_id)
            if win.version != version:
                raise ConflictError("This win")
            win.title, win.story, win.category = draft.title, draft.story, draft.category
            win.happened_on, win.impact, win.tags = draft.happened_on, draft.impact, list(
                draft.tags)
            win.search_fold = win_fold(draft.title, draft.story, draft.impact, draft.tags)
            win.updated_at = self._db.clock.now()
            try:
                s.flush()
            except StaleDataError as exc:  # another writer got in between our read and write
                raise ConflictError("This win") from exc
            return _detail(win)

    def set_pinned(self, win_id: int, pinned: bool) -> WinDetail:
        """Pin (always listed and shown first) or unpin a win."""
        with self._db.write() as s:
            win = self._live(s, win_id)
            win.pinned = pinned
            win.updated_at = self._db.clock.now()
            s.flush()
            return _detail(win)

    def delete(self, win_id: int) -> None:
        """Hide a win (undoable with `restore`)."""
        with self._db.write() as s:
            self._live(s, win_id).deleted_at = self._db.clock.now()

    def restore(self, win_id: int) -> WinDetail:
        """Bring back a deleted win."""
        with self._db.write() as s:
            win = s.get(Win, win_id)
            if win is None:
                raise NotFoundError(win_id)
            win.deleted_at = None
            s.flush()
            return _detail(win)

    # ---- the picks -----------------------------------------------------------------------

    def show(self, pick: Picker, count: int = 3, *, remember: bool = True) -> list[WinCard]:
        """Choose `count` wins with `pick` and stamp them shown, so the next picks rotate.

        The one way wins are put in front of the person (after a ritual, on Today): with the
        playbook's `pick_wins`, pinned ones come first, then the least recently shown.
        `remember=False` (or a read-only store) picks the same way and stamps nothing.
        """
        w = columns(Win)
        stamp = remember and not self._db.readonly
        with self._db.write() if stamp else self._db.read() as s:
            candidates = s.connection().execute(
                select(w.id, w.pinned, w.last_shown_at).where(w.deleted_at.is_(None))
            ).all()
            chosen = pick([(c[0], bool(c[1]), c[2]) for c in candidates], count)
            now = self._db.clock.now()
            cards = []
            for win_id in chosen:
                win = s.get(Win, win_id)
                assert win is not None and win.id is not None
                if stamp:
                    win.last_shown_at = now
                cards.append(to_record(WinCard, win))
        return cards

    def quick_add(self, title: str, category: WinCategory = WinCategory.SOLVED) -> WinCard:
        """"Name one thing you did well": a win from one line, refined later on Wins."""
        title = clean_text(title, single_line=True).strip()
        errors: dict[str, str] = {}
        check_required(errors, "title", "A win", title)
        check_length(errors, "title", "A win", title, 200)
        if errors:
            raise ValidationError(errors)
        now = self._db.clock.now()
        win = Win(title=title, category=category, search_fold=win_fold(title, "", "", []),
                  created_at=now, updated_at=now, last_shown_at=now,
                  local_day=local_day(self._db.clock, now))
        with self._db.write() as s:
            s.add(win)
            s.flush()
            assert win.id is not None
            return to_record(WinCard, win)

    # ---- helpers -------------------------------------------------------------------------

    @staticmethod
    def _live(s: Session, win_id: int) -> Win:
        win = s.get(Win, win_id)
        if win is None or win.deleted_at is not None:
            raise NotFoundError(win_id)
        return win


def tag_ranking(tag_lists: Iterable[Sequence[str]]) -> list[str]:
    """Distinct tags, most used first, then A to Z (case-insensitively; first spelling wins)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for tags in tag_lists:
        for tag in tags:
            key = tag.casefold()
            spelling.setdefault(key, tag)
            counts[key] += 1
    return [spelling[k] for k in sorted(counts, key=lambda k: (-counts[k], k))]


def _detail(win: Win) -> WinDetail:
    assert win.id is not None
    return to_record(WinDetail, win, tags=tuple(win.tags or ()))
