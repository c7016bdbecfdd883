"""The final-round detective's evidence: the interview rounds and the questions to prepare.

A final-round no is about fit and the conversations, so the detective shows what was asked:
this application's rounds (the one rated lowest, the questions flagged shaky) and, across the
latest final-round no's, the questions that keep coming back, each with the answer bank's
answer when there is one. `w` writes a better answer to the highlighted question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from bounceback.domain import RejectionKind
from bounceback.playbook.interviews import (
    RECENT_FINALS,
    Recurring,
    lowest_round,
    recurring_questions,
)
from bounceback.store.records import AnswerRecord, RejectionRecord, RoundRecord
from bounceback.widgets.safe import content, one_line, template

if TYPE_CHECKING:
    from bounceback.store.db import Store

NOT_TRACKED = ("This no is not linked to a tracked application, so there are no interview "
               "rounds to look at.")
NO_ROUNDS = ("No rounds written up for this application. Next time, press i on the Pipeline "
             "after each round: who was in it, how it went, the questions you remember.")


@dataclass(frozen=True, slots=True)
class ToPrepare:
    """A question worth a better answer: why (recurring, or shaky here) and the bank's answer."""

    text: str
    why: str
    answer: AnswerRecord | None


@dataclass(frozen=True, slots=True)
class RoundsEvidence:
    """What the final-round detective shows: this application's rounds, the lowest one, and
    the questions to prepare (recurring across final rounds first, then shaky ones here)."""

    reason: str
    rounds: tuple[RoundRecord, ...]
    lowest: RoundRecord | None
    questions: tuple[ToPrepare, ...]


def final_apps(store: Store, limit: int = RECENT_FINALS) -> list[int]:
    """Application ids of the latest final-round no's, newest first (untracked ones skipped)."""
    found: list[int] = []
    for row in store.rejections.rows():
        if row.kind is not RejectionKind.FINAL:
            continue
        app_id = store.rejections.get(row.id).application_id
        if app_id is not None and app_id not in found:
            found.append(app_id)
        if len(found) == limit:
            break
    return found


def recurring(store: Store) -> list[Recurring]:
    """The questions that keep coming back across the latest final rounds."""
    questions = [(app, fold, text) for app, _r, _h, _k, fold, text, _s
                 in store.interviews.question_rows()]
    return recurring_questions(questions, final_apps(store))


def load_rounds_evidence(store: Store, case: RejectionRecord) -> RoundsEvidence:
    """In a worker thread: the case's rounds and the questions to prepare, with their answers."""
    rounds: tuple[RoundRecord, ...] = ()
    reason = NOT_TRACKED
    if case.application_id is not None:
        rounds = tuple(store.interviews.rounds_for(case.application_id))
        reason = "" if rounds else NO_ROUNDS
    found: list[ToPrepare] = []
    seen: set[str] = set()
    for r in recurring(store):
        seen.add(r.fold)
        found.append(ToPrepare(r.text, r.line, store.interviews.answer_for(r.text)))
    for record in rounds:
        for q in record.questions:
            if q.shaky and q.fold not in seen:
                seen.add(q.fold)
                found.append(ToPrepare(q.text, f"shaky in the {record.kind.label} round",
                                       store.interviews.answer_for(q.text)))
    return RoundsEvidence(reason, rounds, lowest_round(rounds), tuple(found))


def round_line(record: RoundRecord) -> Content:
    """"Nov 10 · technical · went 4/10 · Dana (2 shaky)"."""
    parts = [f"{record.held_on:%b} {record.held_on.day}", record.kind.label]
    if record.felt is not None:
        parts.append(f"went {record.felt}/10")
    if record.people:
        parts.append(one_line(record.people, 40))
    shaky = sum(1 for q in record.questions if q.shaky)
    return Content.assemble("  ", content(" · ".join(parts)),
                            (f"  ({shaky} shaky)" if shaky else "", "$text-warning"))


class RoundsPanel(Vertical):
    """The rounds, the lowest one, and the questions to prepare with their answers."""

    def __init__(self) -> None:
        """An empty panel; `show` fills it once the worker has read the rounds."""
        super().__init__(id="rounds-evidence")
        self.evidence: RoundsEvidence | None = None

    def compose(self) -> ComposeResult:
        """Heading, rounds, the lowest, the questions to prepare, the highlighted answer."""
        yield Label(Content.styled("The evidence — your interview rounds", "bold"),
                    classes="detective-heading")
        yield Static(Content.styled("Reading your rounds…", "$text-muted"), id="rounds-list")
        yield Label(Content.styled(
            "Questions to prepare (w writes a better answer, b opens the answer bank)", "bold"),
            classes="detective-heading", id="rounds-prepare-heading")
        yield OptionList(id="rounds-questions")
        yield Static("", id="rounds-answer")

    def show(self, evidence: RoundsEvidence) -> None:
        """Draw the evidence; the first question's answer shows under the list."""
        self.evidence = evidence
        lines: list[Content] = []
        if evidence.reason:
            lines.append(content(evidence.reason, "$text-muted"))
        else:
            n = len(evidence.rounds)
            lines.append(Content(f"{n} round{'s' * (n != 1)} written up:"))
            lines.extend(round_line(r) for r in evidence.rounds)
            low = evidence.lowest
            if low is not None:
                lines.append(template(
                    "[b]Rated lowest:[/b] $kind on $when ($felt/10) — what made it hard?",
                    kind=low.kind.label, when=f"{low.held_on:%b} {low.held_on.day}",
                    felt=str(low.felt)))
        self.query_one("#rounds-list", Static).update(Content("\n").join(lines))
        options = self.query_one("#rounds-questions", OptionList)
        options.clear_options()
        for item in evidence.questions:
            ready = ("answer ready", "$text-success") if item.answer is not None and \
                item.answer.answer.strip() else ("no answer yet", "$text-warning")
            options.add_option(Option(Content.assemble(
                content(one_line(item.text, 70)), (f" — {item.why} · ", "$text-muted"), ready)))
        has = bool(evidence.questions)
        options.display = has
        if not has:
            self.query_one("#rounds-answer", Static).update(Content.styled(
                "No question has come back yet across your final rounds, and none was "
                "flagged shaky here.", "$text-muted"))
        else:
            self.show_answer(options.highlighted)

    def question(self, index: int | None) -> ToPrepare | None:
        """The question at `index` of the list."""
        if self.evidence is None or index is None:
            return None
        if not 0 <= index < len(self.evidence.questions):
            return None
        return self.evidence.questions[index]

    def highlighted(self) -> ToPrepare | None:
        """The highlighted question (the first until the list is reached)."""
        index = self.query_one("#rounds-questions", OptionList).highlighted
        return self.question(0 if index is None else index)

    def show_answer(self, index: int | None) -> None:
        """The bank's answer to the highlighted question, or an invitation to write one."""
        item = self.question(0 if index is None else index)
        answer = self.query_one("#rounds-answer", Static)
        if item is None:
            answer.update("")
        elif item.answer is not None and item.answer.answer.strip():
            answer.update(Content.assemble(("Your answer: ", "bold"),
                                           content(one_line(item.answer.answer, 400))))
        else:
            answer.update(template("[dim]No answer to “$q” yet — press w to write one.[/dim]",
                                   q=one_line(item.text, 60)))

