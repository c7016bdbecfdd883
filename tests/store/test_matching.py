"""An application's job description against the resume version that went out with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bounceback import matching
from bounceback.domain import MaterialKind
from bounceback.playbook.keywords import Status
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft

PAIR = Path(__file__).parents[1] / "data" / "keywords" / "01-backend-engineer"
JOB = (PAIR / "job.md").read_text(encoding="utf-8")
RESUME = (PAIR / "resume.txt").read_text(encoding="utf-8")


def _app(store: Store, description: str = JOB, *, resume: bool = True) -> int:
    if resume:
        store.materials.add(MaterialKind.RESUME, "Backend", RESUME)
    return store.applications.create(ApplicationDraft(
        "Ledgerline", "Backend engineer", description=description)).id


def test_the_fit_names_missing_and_variant_terms_with_their_lines(store: Store) -> None:
    app = store.applications.get(_app(store))
    fit = matching.fit_for(store, app)
    assert fit.reason == "" and fit.resume is not None and fit.health is not None
    assert fit.summary is not None and fit.summary.total == len(fit.matches) > 5
    postgres = next(m for m in fit.variants if m.term == "PostgreSQL")
    assert postgres.resume_term == "Postgres" and "PostgreSQL" in postgres.line
    assert all(m.status is Status.MISSING for m in fit.missing)
    assert fit.summary.text.startswith(f"{fit.summary.found} of {fit.summary.total} key terms")
    assert "Ledgerline" not in {m.term for m in fit.matches}  # the company is never a term


def test_the_profile_is_computed_once_per_description(store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    app = store.applications.get(_app(store))
    calls: list[str] = []
    real = matching.job_profile

    def counting(description: str, company: str = "") -> object:
        calls.append(description)
        return real(description, company)

    monkeypatch.setattr(matching, "job_profile", counting)
    matching.refresh_profile(store, app)
    matching.fit_for(store, app)
    matching.fit_for(store, store.applications.get(app.id))
    assert len(calls) == 1
    stored = store.applications.job_profile(app.id)
    assert stored is not None and stored["digest"] == matching.description_digest(
        app.company, app.description)
    edited = store.applications.update(app.id, ApplicationDraft(
        "Ledgerline", "Backend engineer", description=JOB + "\n- Terraform\n",
        resume_id=app.resume_id), app.version)
    fit = matching.fit_for(store, edited)
    assert len(calls) == 2 and "Terraform" in {m.term for m in fit.matches}


def test_a_profile_from_another_engine_version_is_computed_again(store: Store) -> None:
    app = store.applications.get(_app(store))
    store.applications.set_job_profile(app.id, {
        "digest": matching.description_digest(app.company, app.description),
        "profile": {"version": -1, "terms": []}})
    assert matching.fit_for(store, app).matches


def test_without_a_description_or_a_resume_it_says_how_to_add_them(store: Store) -> None:
    bare = store.applications.get(_app(store, "  ", resume=False))
    fit = matching.fit_for(store, bare)
    assert fit.reason == matching.NO_DESCRIPTION and fit.matches == ()
    no_resume = store.applications.get(_app(store, JOB, resume=False))
    assert matching.fit_for(store, no_resume).reason == matching.NO_RESUME


def test_another_version_can_be_compared(store: Store) -> None:
    app = store.applications.get(_app(store))
    other = store.materials.add(MaterialKind.RESUME, "Short",
                                "Jo\nSkills\nPostgreSQL, Kafka, Kubernetes\n")
    fit = matching.fit_for(store, app, resume_id=other.id)
    assert fit.resume is not None and fit.resume.id == other.id
    assert "PostgreSQL" not in {m.term for m in fit.variants}
