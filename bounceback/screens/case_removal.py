"""Deleting a rejection case logged by mistake, and bringing it back: one shape for the casebook
and the case screen.

Deleting is soft (`Rejection.deleted_at`): the case leaves the casebook, the detective's pattern,
Today and every count, and `u` on the casebook brings back the most recently deleted one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bounceback.store.errors import NotFoundError, StoreError
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.records import RejectionRecord


def ask_delete_case(
    screen: NumberedScreen, case_id: int, company: str, done: Callable[[], object]
) -> None:
    """Ask (enter keeps it), delete, say how to undo, then call `done`."""
    from bounceback.screens.modals import ConfirmModal

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            screen.store.rejections.delete(case_id)
        except NotFoundError:
            screen.say("That case was already removed.", "warning")
        except StoreError as exc:
            screen.say(exc.message, "error", timeout=10)
            return
        else:
            screen.say(f"Deleted the case for {company}. Press u in Rejections to undo.",
                       timeout=8)
        done()

    screen.app.push_screen(ConfirmModal(template(
        "Delete the case for [b]$company[/b]? It leaves the casebook, the pattern and every "
        "count (u brings it back). Its application keeps its stage.", company=company),
        yes="Delete"), answered)


def undo_delete(screen: NumberedScreen) -> RejectionRecord | None:
    """Bring back the most recently deleted case; None (and a toast) when there is none."""
    repo = screen.store.rejections
    try:
        last = repo.last_deleted()
        if last is None:
            screen.say("Nothing to undo.")
            return None
        restored = repo.restore(last.id)
    except StoreError as exc:
        screen.say(exc.message, "error", timeout=10)
        return None
    screen.say(f"Restored the case for {restored.company}.")
    return restored
