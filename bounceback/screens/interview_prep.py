"""Before an upcoming interview: the questions that keep coming back, for Today to surface.

`interview_prep(store, today)` reads the applications at interviewing or final round whose
next action falls due within `PREP_DAYS`, and for each says which questions keep coming back
across the latest final rounds (or, when none do yet, the ones you were shaky on in its own
earlier rounds) and whether the answer bank holds an answer to each.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bounceback.domain import Stage
from bounceback.playbook.interviews import prep_due
from bounceback.widgets.safe import one_line

if TYPE_CHECKING:
    from bounceback.store.db import Store

MAX_QUESTIONS = 3  # a line on Today, not a study plan
_STAGES = frozenset({Stage.INTERVIEWING, Stage.FINAL_ROUND})


def when(day: date, today: date) -> str:
    """"today", "tomorrow" or the weekday ("Thu")."""
    delta = (day - today).days
    return "today" if delta == 0 else "tomorrow" if delta == 1 else f"{day:%a}"


def interview_prep(store: Store, today: date) -> list[str] | None:
    """One line per upcoming interview with questions worth preparing; None when there is none.

    "Before Acme (Thu): 2 questions keep coming back — Tell me about a conflict (answer
    ready), Why us? (no answer yet)". Runs in a worker (it reads the store).
    """
    from bounceback.screens.bounce.rounds_evidence import recurring

    due = [r for r in store.applications.rows()
           if r.stage in _STAGES and prep_due(r.next_action_on, today)]
    if not due:
        return None
    common = [r.text for r in recurring(store)][:MAX_QUESTIONS]
    lines: list[str] = []
    for row in sorted(due, key=lambda r: (r.next_action_on or today, r.id)):
        assert row.next_action_on is not None
        if common:
            questions = common
            n = len(questions)
            what = f"{n} question{'s keep' if n != 1 else ' keeps'} coming back"
        else:
            seen: dict[str, str] = {}
            for record in store.interviews.rounds_for(row.id):
                for q in record.questions:
                    if q.shaky:
                        seen.setdefault(q.fold, q.text)
            questions = list(seen.values())[:MAX_QUESTIONS]
            if not questions:
                continue
            n = len(questions)
            what = f"{n} question{'s' if n != 1 else ''} you were shaky on"
        ready = [f"{one_line(q, 60)} ({_state(store, q)})" for q in questions]
        lines.append(f"Before {one_line(row.company, 40)} ({when(row.next_action_on, today)}): "
                     f"{what} — {', '.join(ready)}")
    return lines or None


def _state(store: Store, question: str) -> str:
    answer = store.interviews.answer_for(question)
    return "answer ready" if answer is not None and answer.answer.strip() else "no answer yet"
