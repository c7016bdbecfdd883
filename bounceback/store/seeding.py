"""First start: the playbook's goals and rituals put into an empty database, once, at open.

The store may not import the playbook, so whoever opens the store for a person (the CLI, the
tests' fixtures) hands the starters in; the store only decides *when*: a table that has never
held a row gets them, in one write, and a table with rows (retired ones too) never again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from bounceback.clock import today
from bounceback.store.database import Database
from bounceback.store.goals import GoalDraft, add_goals
from bounceback.store.models import Goal, Ritual
from bounceback.store.rituals import add_rituals


@dataclass(frozen=True)
class Starters:
    """What a first start puts into an empty database (goals already validated)."""

    goals: tuple[GoalDraft, ...] = ()
    rituals: tuple[str, ...] = ()


def _empty(s: Session, model: type[Goal] | type[Ritual]) -> bool:
    """True when `model`'s table has never held a row this database kept."""
    return not s.connection().execute(select(func.count()).select_from(model)).scalar_one()


def _wanted(s: Session, starters: Starters) -> tuple[bool, bool]:
    """Whether the goals and the rituals are to be seeded (wanted and their table empty)."""
    return (bool(starters.goals) and _empty(s, Goal),
            bool(starters.rituals) and _empty(s, Ritual))


def seed_starters(db: Database, starters: Starters) -> bool:
    """Seed whichever starters' table is empty; True if anything was added.

    Never on a read-only database (it shows what is stored). Looked at with a read first, so
    the usual open (both tables hold rows) takes no write lock; looked at again under the lock,
    so two windows opening a new file at once seed it once.
    """
    if db.readonly:
        return False
    with db.read() as s:
        if not any(_wanted(s, starters)):
            return False
    now = db.clock.now()
    with db.write() as s:
        goals, rituals = _wanted(s, starters)
        if goals:
            add_goals(s, starters.goals, today(db.clock), now)
        if rituals:
            add_rituals(s, starters.rituals, now)
    return goals or rituals
