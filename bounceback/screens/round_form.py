"""Write up an interview round (`i` on the Pipeline and the detail), or fix or delete one.

The questions are typed one a line; a line starting with `!` marks a question you felt shaky
on, so the final-round detective can show it later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.domain import RoundKind
from bounceback.screens.draft_form import DraftForm
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content, template

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.interviews import RoundDraft
    from bounceback.store.records import RoundRecord

SHAKY = "!"
QUESTIONS_HINT = ("One question a line. Start a line with ! for one you felt shaky on "
                  "(e.g. !Why are you leaving?).")


def questions_text(record: RoundRecord | None) -> str:
    """The round's questions as the form shows them: one a line, shaky ones with `!`."""
    if record is None:
        return ""
    return "\n".join((SHAKY if q.shaky else "") + q.text for q in record.questions)


def read_questions(text: str) -> tuple[tuple[str, bool], ...]:
    """(question, shaky) from the typed lines; blank lines are skipped."""
    out: list[tuple[str, bool]] = []
    for line in text.splitlines():
        line = line.strip()
        shaky = line.startswith(SHAKY)
        line = line.lstrip(SHAKY).strip()
        if line:
            out.append((line, shaky))
    return tuple(out)


class RoundForm(DraftForm["RoundDraft", "RoundRecord"]):
    """When (empty: today), kind, who, how it went, the questions, notes."""

    AUTO_FOCUS = "#input-held_on"
    DATE_FIELDS = ("held_on",)
    DATE_LEAN = {"held_on": "past"}
    THING = "this round"
    DRAFT_FORM = "round"

    def __init__(self, save: Callable[[RoundDraft, bool], RoundRecord], check: Any,
                 company: str, app_id: int, initial: RoundRecord | None = None) -> None:
        """A new round of application `app_id` at `company`, or `initial` being fixed."""
        super().__init__(save, check)
        self._company = company
        self._app_id = app_id
        self._initial = initial

    def draft_target(self) -> tuple[int | None, int | None]:
        """A new round is kept against its application; an edit against the round."""
        return self._app_id, None

    def compose(self) -> ComposeResult:
        """Title; date, kind, how it went; who; questions; notes."""
        r = self._initial
        title = "Write up the round — $company" if r is None else "Fix this round — $company"
        with Vertical(id="form-box"):
            yield Label(template(f"[b]{title}[/b]", company=self._company), id="form-title")
            yield Label("", id="form-banner")
            with VerticalScroll(id="form-body"):
                with Horizontal(classes="form-row"):
                    yield Field("When", Input(
                        r.held_on.isoformat() if r else "", id="input-held_on",
                        placeholder="empty: today, or Nov 20"), name="held_on")
                    yield Field("Kind", Select(
                        [(k.label, k.value) for k in RoundKind],
                        value=(r.kind if r else RoundKind.OTHER).value, allow_blank=False,
                        id="input-kind"), name="kind")
                    yield Field("How it went (0-10)", Input(
                        "" if r is None or r.felt is None else str(r.felt), id="input-felt",
                        placeholder="empty: not rated"), name="felt")
                yield Field("Who was in it", Input(
                    r.people if r else "", id="input-people",
                    placeholder="e.g. Dana (hiring manager), two engineers"), name="people")
                questions = Field("Questions you remember", TextArea(
                    questions_text(r), id="input-questions", soft_wrap=True,
                    tab_behavior="focus"), name="questions")
                yield questions
                yield Field("Notes", TextArea(
                    r.notes if r else "", id="input-notes", soft_wrap=True,
                    tab_behavior="focus"), name="notes")
            yield Footer()

    def on_mount(self) -> None:
        """The questions field says how to mark a shaky one."""
        super().on_mount()
        self.query_one("#field-questions", Field).set_hint(QUESTIONS_HINT)

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> RoundDraft:
        """Read the fields; an unreadable date or rating is refused where it was typed."""
        from bounceback.store.interviews import RoundDraft

        held_on = self.read_date(values, "held_on", errors)
        felt: int | None = None
        typed = values.get("felt", "").strip()
        if typed:
            try:
                felt = int(typed)
            except ValueError:
                errors["felt"] = "A number from 0 to 10, or empty."
        return RoundDraft(held_on=held_on, kind=RoundKind(values["kind"]),
                          people=values["people"], felt=felt, notes=values["notes"],
                          questions=read_questions(values["questions"]))


class RoundEditForm(RoundForm):
    """The round form fixing a round already written (its draft is kept against the round)."""

    DRAFT_FORM = "round-edit"

    def draft_target(self) -> tuple[int | None, int | None]:
        """The round being fixed and its version."""
        r = self._initial
        return (r.id, r.version) if r is not None else (None, None)


def open_round_form(screen: NumberedScreen, app_id: int, company: str,
                    initial: RoundRecord | None = None,
                    done: Callable[[RoundRecord | None], Any] | None = None) -> None:
    """Write up a round of application `app_id` (or fix `initial`) through the screen's store."""
    from bounceback.screens.draft_form import form_check

    repo = screen.store.interviews
    check = form_check(screen.app)

    def save(draft: RoundDraft, force: bool) -> RoundRecord:
        if initial is None:
            return repo.add(app_id, draft, check.today)
        version = repo.get(initial.id).version if force else initial.version
        return repo.update(initial.id, draft, version, check.today)

    def closed(saved: RoundRecord | None) -> None:
        if saved is not None:
            n = len(saved.questions)
            screen.say(f"Round kept: {saved.kind.label}, {saved.held_on:%b} {saved.held_on.day}"
                       f" · {n} question{'s' if n != 1 else ''}." if initial is None
                       else "Round saved.")
        if done is not None:
            done(saved)

    form = (RoundForm if initial is None else RoundEditForm)(
        save, check, company, app_id, initial)
    screen.app.push_screen(form, closed)


def offer_round(screen: NumberedScreen, app_id: int, company: str,
                done: Callable[[RoundRecord | None], Any] | None = None) -> None:
    """After a move to interviewing: "Write up the round?" (the move is already saved)."""
    from bounceback.screens.modals import ConfirmModal

    def answered(yes: bool | None) -> None:
        if yes:
            open_round_form(screen, app_id, company, done=done)

    screen.app.push_screen(ConfirmModal(
        template("[b]$company[/b] is at interviewing. Write up the round? "
                 "[dim](enter / escape)[/dim]", company=company),
        yes="Write it up", no="Later", enter_means_yes=True), answered)


def delete_round(screen: NumberedScreen, record: RoundRecord,
                 done: Callable[[], Any]) -> None:
    """Ask, then remove the round (and its questions)."""
    from bounceback.screens.modals import ConfirmModal

    def answered(yes: bool | None) -> None:
        if yes and screen.attempt(screen.store.interviews.delete, record.id,
                                  gone="That round was already removed.").ok:
            screen.say(f"Removed the {record.kind.label} round of "
                       f"{record.held_on:%b} {record.held_on.day}.")
            done()

    screen.app.push_screen(ConfirmModal(
        template("Remove the $kind round of $when ($n questions)?", kind=record.kind.label,
                 when=f"{record.held_on:%b} {record.held_on.day}",
                 n=str(len(record.questions))), yes="Remove"), answered)


def round_title(record: RoundRecord) -> Content:
    """"Nov 20 · technical · went 4/10 · Dana, two engineers" for lists and pickers."""
    parts = [f"{record.held_on:%b} {record.held_on.day}", record.kind.label]
    if record.felt is not None:
        parts.append(f"went {record.felt}/10")
    if record.people:
        parts.append(record.people)
    return content(" · ".join(parts))
