"""The keyword engine measured on the labelled set (tests/data/keywords/): it must not get worse.

Figures when this test was last tuned (micro-averaged over all postings): see FLOOR. The floors
sit a small margin below them so that an unrelated change in wording does not fail the build,
but a real loss of precision or recall does. Run `python -m tests.playbook.keyword_labels` for
the per-posting report.
"""

from __future__ import annotations

from tests.playbook.keyword_labels import HELD_OUT, load_cases, run, totals

MARGIN = 0.03
MEASURED = {"precision@10": 0.968, "recall": 1.0, "status": 0.973}
FLOOR = {name: round(value - MARGIN, 3) for name, value in MEASURED.items()}


def test_the_labelled_set_is_big_and_varied_enough() -> None:
    cases = load_cases()
    assert len(cases) >= 12
    software = {"01-backend-engineer", "03-dotnet-developer", "13-ml-engineer", "19-sre"}
    assert len([c for c in cases if c.name not in software]) >= 5
    assert all(c.labels for c in cases)
    assert any(c.name.startswith(HELD_OUT) for c in cases)


def test_precision_recall_and_status_stay_above_their_floors() -> None:
    precision, recall, status = totals(run())
    assert precision >= FLOOR["precision@10"], precision
    assert recall >= FLOOR["recall"], recall
    assert status >= FLOOR["status"], status


def test_no_forbidden_term_is_ever_reported() -> None:
    """The company, benefits, EEO text and "Go above and beyond" never show up as terms."""
    problems = [f"{s.name}: {p}" for s in run() for p in s.forbidden]
    assert problems == []
