"""Interview rounds as records, their questions, and the answer bank (issue 13)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bounceback.domain import RoundKind, Stage
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import ConflictError, NotFoundError, ValidationError
from bounceback.store.interviews import RoundDraft, fold_question

TODAY = date(2026, 11, 25)


def _app(store: Store, company: str = "Acme") -> int:
    return store.applications.create(ApplicationDraft(company, "Dev",
                                                      stage=Stage.INTERVIEWING)).id


def test_a_round_is_stored_with_its_questions_in_order(store: Store, db_path: Path) -> None:
    app_id = _app(store)
    kept = store.interviews.add(app_id, RoundDraft(
        date(2026, 11, 20), RoundKind.PANEL, "Kim, [bold]Lee", 4, "ran long",
        (("Why this team?", False), ("  ", True), ("Design a queue\x1b[2J", True))), TODAY)
    assert (kept.kind, kept.people, kept.felt) == (RoundKind.PANEL, "Kim, [bold]Lee", 4)
    assert [(q.text, q.shaky) for q in kept.questions] == [("Why this team?", False),
                                                           ("Design a queue[2J", True)]
    assert store.interviews.rounds_for(app_id) == [kept]
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("select text, fold, shaky from interview_question order by position"
                            ).fetchall() == [("Why this team?", "why this team", 0),
                                             ("Design a queue[2J", "design a queue 2j", 1)]
    finally:
        conn.close()


@pytest.mark.parametrize(("draft", "field"), [
    (RoundDraft(date(2026, 11, 26)), "held_on"),
    (RoundDraft(felt=11), "felt"),
    (RoundDraft(people="x" * 501), "people"),
    (RoundDraft(questions=(("q" * 1001, False),)), "questions"),
    (RoundDraft(questions=tuple((f"q{i}", False) for i in range(51))), "questions"),
])
def test_a_bad_round_names_the_field_and_stores_nothing(store: Store, draft: RoundDraft,
                                                        field: str) -> None:
    app_id = _app(store)
    with pytest.raises(ValidationError) as exc:
        store.interviews.add(app_id, draft, TODAY)
    assert field in exc.value.errors
    assert store.interviews.rounds_for(app_id) == []


def test_an_empty_date_is_today_and_rounds_sort_by_day(store: Store) -> None:
    app_id = _app(store)
    today = store.interviews.add(app_id, RoundDraft(), TODAY)
    earlier = store.interviews.add(app_id, RoundDraft(date(2026, 11, 1)), TODAY)
    assert today.held_on == TODAY
    assert [r.id for r in store.interviews.rounds_for(app_id)] == [earlier.id, today.id]


def test_edit_replaces_the_questions_and_a_stale_version_conflicts(store: Store) -> None:
    app_id = _app(store)
    kept = store.interviews.add(app_id, RoundDraft(questions=(("One", False),)), TODAY)
    edited = store.interviews.update(kept.id, RoundDraft(TODAY, RoundKind.FINAL, felt=8,
                                                         questions=(("Two", True),)),
                                     kept.version, TODAY)
    assert [q.text for q in edited.questions] == ["Two"] and edited.kind is RoundKind.FINAL
    with pytest.raises(ConflictError):
        store.interviews.update(kept.id, RoundDraft(), kept.version, TODAY)


def test_deleting_a_round_or_its_application_takes_the_questions(store: Store,
                                                                 db_path: Path) -> None:
    app_id = _app(store)
    first = store.interviews.add(app_id, RoundDraft(questions=(("One", False),)), TODAY)
    store.interviews.add(app_id, RoundDraft(questions=(("Two", False),)), TODAY)
    assert store.interviews.delete(first.id).questions[0].text == "One"
    with pytest.raises(NotFoundError):
        store.interviews.get(first.id)
    with store.write() as s:  # a hard delete (the app only hides): the cascade holds
        s.connection().exec_driver_sql(f"delete from application where id = {app_id}")
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("select count(*) from interview_question").fetchone() == (0,)
    finally:
        conn.close()


def test_question_rows_feed_the_detective(store: Store) -> None:
    a, b = _app(store, "Acme"), _app(store, "Beta")
    store.interviews.add(a, RoundDraft(date(2026, 11, 2), RoundKind.FINAL,
                                       questions=(("Tell me about a conflict.", True),)), TODAY)
    store.interviews.add(b, RoundDraft(date(2026, 11, 9), RoundKind.PHONE,
                                       questions=(("tell me about a CONFLICT", False),)), TODAY)
    rows = store.interviews.question_rows()
    assert [(r[0], r[3], r[4], r[6]) for r in rows] == [
        (a, RoundKind.FINAL, "tell me about a conflict", True),
        (b, RoundKind.PHONE, "tell me about a conflict", False)]


def test_fold_question_ignores_case_punctuation_and_spacing() -> None:
    assert fold_question("  Tell me — about a CONFLICT?! ") == "tell me about a conflict"
    assert fold_question("?!") == ""


def test_the_answer_bank_keeps_one_answer_per_question(store: Store) -> None:
    first = store.interviews.save_answer("Tell me about a conflict?", "The freeze story.")
    again = store.interviews.save_answer("tell me about a conflict", "The migration story.",
                                         version=first.version)
    assert again.id == first.id and again.answer == "The migration story."
    assert store.interviews.answer_for("TELL ME ABOUT A CONFLICT").answer == \
        "The migration story."
    with pytest.raises(ConflictError):
        store.interviews.save_answer("Tell me about a conflict", "x", version=first.version)
    store.interviews.save_answer("Why us?", "Your on-call is sane.")
    assert [x.question for x in store.interviews.answers("on-call")] == ["Why us?"]
    assert len(store.interviews.answers()) == 2
    with pytest.raises(ValidationError):
        store.interviews.save_answer("?!", "no question")
    store.interviews.delete_answer(first.id)
    assert store.interviews.answer_for("Tell me about a conflict") is None


def test_your_name_and_the_calm_day_plan_are_settings(store: Store) -> None:
    assert store.settings.get().your_name is None  # never asked
    assert store.settings.set_your_name("  Sam [b]Lee\n").your_name == "Sam [b]Lee"
    assert store.settings.set_your_name("").your_name == ""  # asked; chose not to say
    with pytest.raises(ValidationError):
        store.settings.set_your_name("x" * 201)
    assert store.settings.get().rituals_planned_at is None
    assert store.settings.mark_rituals_planned().rituals_planned_at is not None
