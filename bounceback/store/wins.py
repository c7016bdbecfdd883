"""The confidence file's wins (the picks shown after a ritual, and a quick add)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from bounceback.domain import WinCategory
from bounceback.sanitize import clean_text
from bounceback.store.drafts import check_length, check_required
from bounceback.store.errors import ValidationError
from bounceback.store.models import Win
from bounceback.store.records import WinCard

if TYPE_CHECKING:
    from bounceback.store.db import Store

Picker = Callable[[Sequence[tuple[int, bool, datetime | None]], int], list[int]]
"""Chooses win ids from (id, pinned, last shown); the playbook's `pick_wins` is the rule."""


def win_fold(title: str, story: str, impact: str, tags: Sequence[str]) -> str:
    """The casefolded text a win search matches against."""
    return "\n".join((title, story, impact, " ".join(tags))).casefold()


class WinRepo:
    """Wins: pick a few to show, add one quickly."""

    def __init__(self, store: Store) -> None:
        """Bind to a store."""
        self._store = store

    def show(self, pick: Picker, count: int = 3) -> list[WinCard]:
        """Choose `count` wins with `pick` and stamp them shown, so the next picks rotate."""
        w = Win.__table__.c  # type: ignore[attr-defined]
        with self._store.write() as s:
            candidates = s.connection().execute(
                select(w.id, w.pinned, w.last_shown_at).where(w.deleted_at.is_(None))
            ).all()
            chosen = pick([(c[0], bool(c[1]), c[2]) for c in candidates], count)
            now = self._store.clock.now()
            cards = []
            for win_id in chosen:
                win = s.get(Win, win_id)
                assert win is not None and win.id is not None
                win.last_shown_at = now
                cards.append(WinCard(win.id, win.title, win.impact, WinCategory(win.category),
                                     win.pinned))
        return cards

    def quick_add(self, title: str, category: WinCategory = WinCategory.SOLVED) -> WinCard:
        """"Name one thing you did well": a win from one line, refined later on Wins."""
        title = clean_text(title, single_line=True).strip()
        errors: dict[str, str] = {}
        check_required(errors, "title", "A win", title)
        check_length(errors, "title", "A win", title, 200)
        if errors:
            raise ValidationError(errors)
        now = self._store.clock.now()
        win = Win(title=title, category=category, search_fold=win_fold(title, "", "", []),
                  created_at=now, updated_at=now, last_shown_at=now)
        with self._store.write() as s:
            s.add(win)
            s.flush()
            assert win.id is not None
            return WinCard(win.id, win.title, win.impact, category, win.pinned)
