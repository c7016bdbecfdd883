"""What the playbook hands the store: the first-start goals and rituals, and an import's rules.

The store may not import the playbook, so the CLI (and the tests' fixtures) build these here
and pass them to `Store.open`, which seeds an empty database once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bounceback.store.goals import GoalDraft
    from bounceback.store.portability import ImportRules
    from bounceback.store.seeding import Starters


def starter_goals() -> tuple[GoalDraft, ...]:
    """The playbook's three small goals, as the store seeds them on the first start."""
    from bounceback.playbook.goals import DEFAULT_GOALS
    from bounceback.store.goals import GoalDraft

    return tuple(GoalDraft(t.title, t.target, t.unit, t.rrule, t.auto_source)
                 for t in DEFAULT_GOALS)


def starters() -> Starters:
    """The playbook's goals (validated by its rule check) and rituals, for `Store.open`."""
    from bounceback.playbook.goals import rrule_problem
    from bounceback.playbook.rituals import DEFAULT_RITUALS
    from bounceback.store.seeding import Starters

    return Starters(goals=tuple(d.validated(rrule_problem) for d in starter_goals()),
                    rituals=DEFAULT_RITUALS)


def import_rules() -> ImportRules:
    """The playbook's judge, goal-rule check and starters, for planning and applying an import."""
    from bounceback.playbook.goals import rrule_problem
    from bounceback.playbook.rituals import DEFAULT_RITUALS
    from bounceback.playbook.triage import judge
    from bounceback.store.portability import ImportRules

    return ImportRules(judge=judge, rule_problem=rrule_problem, starter_goals=starter_goals(),
                       starter_rituals=DEFAULT_RITUALS)
