"""The demo's interview rounds: one per interview in each history, with the questions asked.

Every interviewing step of an application's history becomes a round written up that day (the
first a phone screen, then technical, then a panel), and a final-round step a final round. The
final-round no's share two questions (a disagreement with a teammate, "why us?"), so the
final-round detective has something that keeps coming back, and Today can surface them before
an upcoming interview; the answer bank already holds two answers. Nothing here draws from the
demo's random generator, so the rest of the demo stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from bounceback.demo.habits import Row
from bounceback.domain import RejectionKind, RoundKind, Stage
from bounceback.store.interviews import fold_question

CONFLICT = "Tell me about a time you disagreed with a teammate"
WHY_US = "Why do you want to work here?"
RESUME = "Walk me through your resume"

_KINDS = (RoundKind.PHONE, RoundKind.TECHNICAL, RoundKind.PANEL)
_PEOPLE = {
    RoundKind.PHONE: "Jo, the recruiter",
    RoundKind.TECHNICAL: "Two backend engineers",
    RoundKind.PANEL: "Hiring manager and three of the team",
    RoundKind.FINAL: "VP of Engineering and the hiring manager",
}
_QUESTIONS = {  # (text, shaky); each application is asked two of its kind's, by its id
    RoundKind.PHONE: ((RESUME, False), ("Why are you looking to leave?", False),
                      ("What are your salary expectations?", True),
                      ("What do you know about our product?", False),
                      ("When could you start?", False)),
    RoundKind.TECHNICAL: (("Design a rate limiter for a public API", True),
                          ("How would you find a slow Postgres query?", False),
                          ("Walk me through a schema migration you ran", False),
                          ("How do you test code that talks to a queue?", True)),
    RoundKind.PANEL: (("How do you prioritise when everything is urgent?", False),
                      ("Tell me about a production incident you handled", False),
                      ("How do you give feedback to a senior colleague?", True)),
    RoundKind.FINAL: (("Where do you see yourself in three years?", False),
                      ("What would you change in your first ninety days?", True)),
}
_FINALS_OWN = (  # the rest of what each final-round no was asked: its own, so only the two
    # shared questions above come back across them
    (("Which of our products would you improve first?", False),
     ("What would you change in your first ninety days?", True)),
    (("How do you handle on-call fatigue in a team?", False),
     ("What is a technical decision you regret?", True)),
    (("How would you explain eventual consistency to a nurse?", False),
     ("What makes a code review useful?", False)),
    (("How do you decide when to pay down tech debt?", True),
     ("Tell me about a mentor who changed how you work", False)),
)
_FELT = {RoundKind.PHONE: 7, RoundKind.TECHNICAL: 5, RoundKind.PANEL: 6, RoundKind.FINAL: 6}
_NOTES = {
    RoundKind.PHONE: "Friendly; they asked about notice period.",
    RoundKind.TECHNICAL: "Whiteboard ran long; I rushed the trade-offs at the end.",
    RoundKind.PANEL: "Good energy with the team lead.",
    RoundKind.FINAL: "Felt close. Should have said plainly that I want the job.",
}
ANSWERS = (
    (CONFLICT, "At Parcelwise I disagreed with our lead about rewriting the order service. I "
               "asked for a week to measure instead of arguing: the data showed two hot paths, "
               "we fixed those, and shipped a month earlier. I learned to bring numbers, not "
               "opinions."),
    (RESUME, "Two minutes: backend at Parcelwise (order service, 40% faster checkout), before "
             "that front end at Brightmill; now looking for a team where reliability matters."),
)


def interview_rows(
    events: Sequence[Row], rejections: Sequence[Row], local_day: Callable[[datetime], date],
) -> tuple[list[Row], list[Row], list[Row]]:
    """(InterviewRound, InterviewQuestion, Answer) rows for the demo's histories."""
    finals = [r["application_id"] for r in rejections
              if r["kind"] is RejectionKind.FINAL and r["application_id"] is not None]
    steps: dict[int, list[tuple[Stage, datetime]]] = {}
    for e in events:
        if e["stage"] in (Stage.INTERVIEWING, Stage.FINAL_ROUND):
            steps.setdefault(e["application_id"], []).append((e["stage"], e["at"]))
    rounds: list[Row] = []
    questions: list[Row] = []
    for app_id in sorted(steps):
        history = steps[app_id]
        for n, (stage, at) in enumerate(history):
            kind = RoundKind.FINAL if stage is Stage.FINAL_ROUND else _KINDS[min(n, 2)]
            pool = _QUESTIONS[kind]
            asked = [pool[app_id % len(pool)], pool[(app_id + 1) % len(pool)]]
            if app_id in finals:
                own = _FINALS_OWN[finals.index(app_id) % len(_FINALS_OWN)]
                asked = [own[n % len(own)]]
            last = n == len(history) - 1
            if app_id in finals and last:  # what every final-round no was asked at the end
                k = finals.index(app_id)
                asked.insert(0, (CONFLICT, k == 0))
                if k % 2 == 0:
                    asked.append((WHY_US, k == 2))
            round_id = len(rounds) + 1
            written = at + timedelta(hours=3)
            felt = max(0, min(10, _FELT[kind] + app_id % 3 - 1 - (2 * (app_id in finals and last))))
            rounds.append({
                "id": round_id, "application_id": app_id, "held_on": local_day(at), "kind": kind,
                "people": _PEOPLE[kind], "felt": felt, "notes": _NOTES[kind],
                "created_at": written, "updated_at": written, "version": 1,
            })
            for position, (text, shaky) in enumerate(asked):
                questions.append({"id": len(questions) + 1, "round_id": round_id, "text": text,
                                  "fold": fold_question(text), "shaky": shaky,
                                  "position": position})
    first = min((r["created_at"] for r in rounds), default=None)
    answers = [] if first is None else [
        {"id": i, "question": q, "fold": fold_question(q), "answer": a,
         "created_at": first + timedelta(days=i), "updated_at": first + timedelta(days=i),
         "version": 1} for i, (q, a) in enumerate(ANSWERS, 1)]
    return rounds, questions, answers
