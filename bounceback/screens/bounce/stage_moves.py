"""Every way into or out of `rejected` (and `ghosted`) on the Pipeline: ask first, keep the case
and the stage in step.

- Into rejected (`r`, `m`, `[`, `]`): one question ("a no from X?"; enter or `y` records it,
  escape or `n` records nothing), then the application moves, its case opens and first aid
  starts, whichever key got there. An application that still has a case (it left rejected and
  came back) asks whether this is the same "no" or a new one, so no case is doubled.
- Into ghosted: the move happens, then first aid is offered (never forced: enter says not now).
- Out of rejected or ghosted with a case: the move happens, then "remove its case too?"
  (enter keeps it), so a case logged by mistake never feeds the detective's pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from textual.content import Content

from bounceback.dates import format_date
from bounceback.domain import BounceStep, Stage
from bounceback.store.applications import stage_after
from bounceback.store.errors import NotFoundError, StoreError
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.records import ApplicationDetail, ApplicationRow, RejectionRecord

Moved = Callable[["ApplicationDetail | None"], None]
"""What the Pipeline does after a move: say where the row went and reload."""

Direction = Literal["advance", "back"]

_GONE = "That application no longer exists (deleted in another window?)."


def _run(screen: NumberedScreen, call: Callable[..., Any], *args: Any, gone: str = _GONE) -> Any:
    """A store call; trouble is a toast and None, never a traceback."""
    try:
        return call(*args)
    except NotFoundError:
        screen.say(gone, "warning")
    except StoreError as exc:
        screen.say(exc.message, "error", timeout=10)
    return None


def reject(screen: NumberedScreen, row: ApplicationRow, moved: Moved) -> None:
    """`r`: ask, then record the "no" and open first aid; nothing is written without a yes."""
    if row.stage is not Stage.REJECTED:
        _into_rejected(screen, row, None, moved)
        return
    case = _run(screen, screen.store.rejections.case_for_application, row.id)
    if case is not None:
        screen.say("Already rejected — its case is in Rejections (3).")
        return
    _ask_yes(screen, template(
        "[b]$company[/b] is rejected but has no case (it was removed). Record one and take a "
        "few minutes of first aid?", company=row.company),
        lambda: _start(screen, row.id, move=False), yes="Record it")


def take_over(
    screen: NumberedScreen, row: ApplicationRow, how: Stage | Direction, moved: Moved
) -> bool:
    """Handle a stage move (`m` → `how` a Stage; `]`/`[` → "advance"/"back") that touches
    rejected or ghosted; False when it does not, and the Pipeline moves as usual."""
    store = screen.store
    apps = store.applications
    if isinstance(how, Stage):
        target: Stage | None = how

        def call() -> ApplicationDetail | None:
            return apps.move(row.id, how)
    else:
        detail = _run(screen, apps.get, row.id)
        if detail is None:
            return True
        target = stage_after(detail, forward=how == "advance")
        step = apps.advance if how == "advance" else apps.back

        def call() -> ApplicationDetail | None:
            return step(row.id)
    if target is None:
        return False
    if target is Stage.REJECTED and row.stage is not Stage.REJECTED:
        _into_rejected(screen, row, call, moved)
        return True
    leaving = row.stage in (Stage.REJECTED, Stage.GHOSTED) and target is not row.stage
    if not leaving and target is not Stage.GHOSTED:
        return False
    detail = _run(screen, call)
    moved(detail)
    if detail is None:
        return True
    case = _run(screen, store.rejections.case_for_application, row.id)
    if leaving and case is not None:
        _offer_removal(screen, row, case)
    elif target is Stage.GHOSTED and case is None:
        _offer_first_aid(screen, row)
    return True


# ---- into rejected -------------------------------------------------------------------------


def _into_rejected(
    screen: NumberedScreen, row: ApplicationRow,
    call: Callable[[], ApplicationDetail | None] | None, moved: Moved,
) -> None:
    """Ask "a no from X?"; a case kept from before asks whether this is the same no."""
    store = screen.store
    case = _run(screen, store.rejections.case_for_application, row.id)
    if case is None:
        _ask_yes(screen, template(
            "A no from [b]$company[/b] — $role? It moves to rejected (its history stays) and "
            "first aid opens.", company=row.company, role=row.role or "—"),
            lambda: _start(screen, row.id), yes="Yes, record it", no="Not now")
        return

    def same() -> None:
        detail = _run(screen, call or (lambda: store.applications.move(row.id, Stage.REJECTED)))
        moved(detail)
        if detail is not None and case.flow_step != BounceStep.DONE:
            from bounceback.screens.bounce.entry import resume_case

            resume_case(screen.bb, case.id)

    from bounceback.screens.modals import PickerModal

    when = format_date(case.received_on, screen.today())
    choices: list[tuple[Callable[[], None], Content]] = [
        (same, Content(f"The same no — back to rejected with its case from {when}")),
        (lambda: _start(screen, row.id), Content("A new no — record a new case, then first aid")),
    ]
    screen.app.push_screen(
        PickerModal(template("[b]$company[/b] already has a case. Which is it?",
                             company=row.company), choices),
        lambda chosen: chosen() if chosen is not None else None,
    )


def _start(screen: NumberedScreen, app_id: int, *, move: bool = True) -> None:
    from bounceback.screens.bounce.entry import start_for_application

    start_for_application(screen, app_id, move=move)


# ---- after a move --------------------------------------------------------------------------


def _offer_removal(screen: NumberedScreen, row: ApplicationRow, case: RejectionRecord) -> None:
    """Left rejected (or ghosted) with a case: remove it too? Enter keeps it."""

    def remove() -> None:
        def delete() -> bool:
            screen.store.rejections.delete(case.id)
            return True

        if _run(screen, delete, gone="That case was already removed."):
            screen.say(f"Removed the case for {row.company}. u on Rejections (3) brings it "
                       "back.", timeout=8)

    _ask(screen, template(
        "[b]$company[/b] is back in play. Remove its case from the casebook too? Keep it if "
        "that no was real; remove it if it was a slip.", company=row.company),
        remove, yes="Remove the case", no="Keep it")


def _offer_first_aid(screen: NumberedScreen, row: ApplicationRow) -> None:
    """Moved to ghosted: silence is a no too. Offer first aid; enter says not now."""
    _ask(screen, template(
        "No word from [b]$company[/b]. Silence is a no too, and it can sting. A few minutes of "
        "first aid?", company=row.company),
        lambda: _start(screen, row.id, move=False), yes="First aid", no="Not now")


def _ask(screen: NumberedScreen, question: Content, then: Callable[[], None], *, yes: str,
         no: str = "No", enter_means_yes: bool = False) -> None:
    from bounceback.screens.modals import ConfirmModal

    screen.app.push_screen(
        ConfirmModal(question, yes=yes, no=no, enter_means_yes=enter_means_yes),
        lambda answer: then() if answer else None,
    )


def _ask_yes(screen: NumberedScreen, question: Content, then: Callable[[], None], *, yes: str,
             no: str = "Not now") -> None:
    """A question the person asked for (`r`): enter means yes."""
    _ask(screen, question, then, yes=yes, no=no, enter_means_yes=True)
