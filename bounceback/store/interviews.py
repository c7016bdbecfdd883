"""Interview rounds as records (written after each round), their questions, and an answer bank."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import delete, select
from sqlalchemy.orm.exc import StaleDataError

from bounceback.domain import RoundKind
from bounceback.sanitize import clean_text
from bounceback.store.drafts import Check, check_date, check_length
from bounceback.store.errors import ConflictError, NotFoundError, ValidationError
from bounceback.store.mapping import columns, table, to_record
from bounceback.store.models import Answer, Application, InterviewQuestion, InterviewRound
from bounceback.store.records import AnswerRecord, QuestionRecord, RoundRecord

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database

QUESTION_CAP = 1000
MAX_QUESTIONS = 50
_NOT_WORD = re.compile(r"[^\w]+")


def fold_question(text: str) -> str:
    """The same question however it was typed: case, accents' case forms, punctuation and
    spacing ignored ("Tell me about a conflict?" == "tell me about a conflict")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())[:QUESTION_CAP]


@dataclass(frozen=True)
class RoundDraft:
    """What the round form hands the store. `questions`: (text, shaky) in the order typed."""

    held_on: date | None = None  # None: today
    kind: RoundKind = RoundKind.OTHER
    people: str = ""
    felt: int | None = None  # 0-10, how it went
    notes: str = ""
    questions: tuple[tuple[str, bool], ...] = ()

    CAPS: ClassVar[dict[str, tuple[str, int]]] = {
        "people": ("Who was in it", 500),
        "notes": ("Notes", 20_000),
    }

    def checked(self, check: Check) -> RoundDraft:
        """`validated` against the check's today."""
        return self.validated(check.today)

    def validated(self, today: date | None = None) -> RoundDraft:
        """Cleaned (blank questions dropped), or ValidationError naming each bad field.

        With `today`, an empty date becomes today and a later one is refused: a round is
        written after it happened.
        """
        questions = tuple((q, bool(shaky)) for q, shaky in (
            (clean_text(text, single_line=True).strip(), shaky) for text, shaky in self.questions)
            if q)
        draft = replace(self, people=clean_text(self.people, single_line=True).strip(),
                        notes=clean_text(self.notes).strip("\n"), questions=questions)
        errors: dict[str, str] = {}
        for name, (label, cap) in self.CAPS.items():
            check_length(errors, name, label, getattr(draft, name), cap)
        if draft.felt is not None and not 0 <= draft.felt <= 10:
            errors["felt"] = "How it went is a number from 0 to 10."
        if len(questions) > MAX_QUESTIONS:
            errors["questions"] = f"Keep it to {MAX_QUESTIONS} questions a round."
        long = next((i for i, (q, _) in enumerate(questions, 1) if len(q) > QUESTION_CAP), None)
        if long is not None:
            errors["questions"] = (f"Question {long} is over {QUESTION_CAP:,} characters; "
                                   "keep the question, put the rest in the notes.")
        check_date(errors, "held_on", "The date", draft.held_on)
        if today is not None and "held_on" not in errors:
            if draft.held_on is None:
                draft = replace(draft, held_on=today)
            elif draft.held_on > today:
                errors["held_on"] = "That date is in the future — write the round up after it."
        if errors:
            raise ValidationError(errors)
        return draft


def _round(x: InterviewRound, questions: list[InterviewQuestion]) -> RoundRecord:
    return to_record(RoundRecord, x, questions=tuple(
        to_record(QuestionRecord, q) for q in sorted(questions, key=lambda q: q.position)))


class InterviewRepo:
    """Rounds of an application (add, edit, delete), their questions, and the answer bank."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    # ---- rounds ----------------------------------------------------------------------------

    def rounds_for(self, app_id: int) -> list[RoundRecord]:
        """An application's rounds, oldest first, each with its questions."""
        r = columns(InterviewRound)
        with self._db.read() as s:
            rounds = s.scalars(select(InterviewRound).where(r.application_id == app_id)
                               .order_by(r.held_on, r.id)).all()
            return [_round(x, self._questions(s, x.id or 0)) for x in rounds]

    def get(self, round_id: int) -> RoundRecord:
        """One round; NotFoundError when it is gone."""
        with self._db.read() as s:
            x = self._get(s, round_id)
            return _round(x, self._questions(s, round_id))

    def add(self, app_id: int, draft: RoundDraft, today: date) -> RoundRecord:
        """Write up a round of application `app_id` (NotFoundError if it is gone)."""
        draft = draft.validated(today)
        now = self._db.clock.now()
        with self._db.write() as s:
            if s.get(Application, app_id) is None:
                raise NotFoundError(app_id)
            assert draft.held_on is not None
            x = InterviewRound(application_id=app_id, held_on=draft.held_on, kind=draft.kind,
                               people=draft.people, felt=draft.felt, notes=draft.notes,
                               created_at=now, updated_at=now)
            s.add(x)
            s.flush()
            assert x.id is not None
            round_id = x.id
            self._put_questions(s, round_id, draft.questions)
        return self.get(round_id)

    def update(self, round_id: int, draft: RoundDraft, version: int, today: date) -> RoundRecord:
        """Save an edited round (its questions replaced); ConflictError if it changed since."""
        draft = draft.validated(today)
        with self._db.write() as s:
            x = self._get(s, round_id)
            if x.version != version:
                raise ConflictError("This round")
            assert draft.held_on is not None
            x.held_on, x.kind, x.people = draft.held_on, draft.kind, draft.people
            x.felt, x.notes, x.updated_at = draft.felt, draft.notes, self._db.clock.now()
            s.execute(delete(table(InterviewQuestion))
                      .where(columns(InterviewQuestion).round_id == round_id))
            self._put_questions(s, round_id, draft.questions)
            try:
                s.flush()
            except StaleDataError as exc:
                raise ConflictError("This round") from exc
        return self.get(round_id)

    def delete(self, round_id: int) -> RoundRecord:
        """Remove a round (its questions go with it); returns it for an undo message."""
        with self._db.write() as s:
            x = self._get(s, round_id)
            record = _round(x, self._questions(s, round_id))
            s.delete(x)
        return record

    def question_rows(self) -> list[tuple[int, int, date, RoundKind, str, str, bool]]:
        """Every remembered question as (application id, round id, held on, round kind, fold,
        text, shaky), oldest round first: what the detective counts recurring questions from."""
        r, q = columns(InterviewRound), columns(InterviewQuestion)
        query = (select(r.application_id, r.id, r.held_on, r.kind, q.fold, q.text, q.shaky)
                 .join_from(table(InterviewQuestion), table(InterviewRound), q.round_id == r.id)
                 .order_by(r.held_on, r.id, q.position))
        with self._db.read() as s:
            return [(int(a), int(i), h, RoundKind(k), f, t, bool(sh))
                    for a, i, h, k, f, t, sh in s.connection().execute(query)]

    # ---- the answer bank -------------------------------------------------------------------

    def answers(self, search: str = "") -> list[AnswerRecord]:
        """Every answer (or those whose question or answer contains `search`), newest first."""
        a = columns(Answer)
        with self._db.read() as s:
            rows = [to_record(AnswerRecord, x) for x in s.scalars(
                select(Answer).order_by(a.updated_at.desc(), a.id.desc()))]
        needle = search.casefold().strip()
        if not needle:
            return rows
        return [x for x in rows if needle in x.question.casefold() or needle in
                x.answer.casefold()]

    def answer_for(self, question: str) -> AnswerRecord | None:
        """The bank's answer to this question (however it was typed), if there is one."""
        fold = fold_question(question)
        with self._db.read() as s:
            x = s.scalars(select(Answer).where(columns(Answer).fold == fold)).first()
            return None if x is None else to_record(AnswerRecord, x)

    def save_answer(self, question: str, answer: str,
                    version: int | None = None) -> AnswerRecord:
        """Keep a better answer to a question (one per question: a second save replaces it;
        with `version`, ConflictError when another window changed it meanwhile)."""
        text = clean_text(question, single_line=True).strip()
        body = clean_text(answer).strip("\n")
        errors: dict[str, str] = {}
        fold = fold_question(text)
        if not fold:
            errors["question"] = "Which question is this the answer to?"
        check_length(errors, "question", "The question", text, QUESTION_CAP)
        check_length(errors, "answer", "The answer", body, 20_000)
        if errors:
            raise ValidationError(errors)
        now = self._db.clock.now()
        with self._db.write() as s:
            x = s.scalars(select(Answer).where(columns(Answer).fold == fold)).first()
            if x is None:
                x = Answer(question=text, fold=fold, answer=body, created_at=now, updated_at=now)
                s.add(x)
            else:
                if version is not None and x.version != version:
                    raise ConflictError("This answer")
                x.question, x.answer, x.updated_at = text, body, now
            s.flush()
            return to_record(AnswerRecord, x)

    def delete_answer(self, answer_id: int) -> None:
        """Remove an answer from the bank."""
        with self._db.write() as s:
            x = s.get(Answer, answer_id)
            if x is None:
                raise NotFoundError(answer_id)
            s.delete(x)

    # ---- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _put_questions(s: Session, round_id: int, questions: tuple[tuple[str, bool], ...]
                       ) -> None:
        for position, (text, shaky) in enumerate(questions):
            s.add(InterviewQuestion(round_id=round_id, text=text, fold=fold_question(text),
                                    shaky=shaky, position=position))

    @staticmethod
    def _questions(s: Session, round_id: int) -> list[InterviewQuestion]:
        q = columns(InterviewQuestion)
        return list(s.scalars(select(InterviewQuestion).where(q.round_id == round_id)))

    @staticmethod
    def _get(s: Session, round_id: int) -> InterviewRound:
        x = s.get(InterviewRound, round_id)
        if x is None:
            raise NotFoundError(round_id)
        return x
