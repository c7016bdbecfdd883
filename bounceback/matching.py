"""An application's job description against the resume version that went out with it.

The judgement is the playbook's (`keywords`, `resume_health`); the store keeps the job's key
terms beside its description. This module joins the two: it computes a profile once per
description (stored with a digest of what it was computed from, so an edit from any path — the
form, an import, another window — is noticed) and compares it with a resume in milliseconds.
Screens call it from a worker; the CLI calls it directly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bounceback.playbook.keywords import (
    PROFILE_VERSION,
    JobProfile,
    MatchSummary,
    Status,
    TermMatch,
    compare,
    job_profile,
    summarize,
)
from bounceback.playbook.resume_health import ResumeHealth, resume_health

if TYPE_CHECKING:
    from bounceback.store.db import Store
    from bounceback.store.records import ApplicationDetail, MaterialRecord

NO_DESCRIPTION = ("No job description is saved for this application: paste the posting into "
                  "its Job description field (e on the application) to compare it with your "
                  "resume.")
NO_RESUME = ("No resume version is recorded for this application: add your resume under "
             "Materials (M on the Pipeline), then choose it in the application's form.")


def description_digest(company: str, description: str) -> str:
    """What a stored profile was computed from (the company's name is never a key term)."""
    data = f"{PROFILE_VERSION}\n{company}\n{description}".encode()
    return hashlib.sha256(data).hexdigest()[:32]


def profile_for(store: Store, app: ApplicationDetail) -> JobProfile | None:
    """The job's key terms: the stored profile when it is for this description, otherwise
    computed now (and stored unless the store is read-only); None without a description."""
    if not app.description.strip():
        return None
    digest = description_digest(app.company, app.description)
    stored = store.applications.job_profile(app.id)
    if isinstance(stored, dict) and stored.get("digest") == digest:
        try:
            return JobProfile.from_dict(stored["profile"])
        except (KeyError, TypeError, ValueError):
            pass  # an older engine's profile: compute it again below
    profile = job_profile(app.description, app.company)
    if not store.readonly:
        store.applications.set_job_profile(app.id, {"digest": digest,
                                                    "profile": profile.to_dict()})
    return profile


def refresh_profile(store: Store, app: ApplicationDetail) -> None:
    """Compute and keep the profile after the description was saved (so reading it is free)."""
    profile_for(store, app)


@dataclass(frozen=True, slots=True)
class Fit:
    """An application's job description against a resume version, and that version's health.

    `reason` says, in one line, what is missing when there is nothing to compare.
    """

    resume: MaterialRecord | None
    matches: tuple[TermMatch, ...] = ()
    summary: MatchSummary | None = None
    health: ResumeHealth | None = None
    reason: str = ""

    @property
    def missing(self) -> tuple[TermMatch, ...]:
        """Terms the resume does not carry, most important first."""
        return tuple(m for m in self.matches if m.status is Status.MISSING)

    @property
    def variants(self) -> tuple[TermMatch, ...]:
        """Terms the resume carries under another name: mirror the posting's word."""
        return tuple(m for m in self.matches if m.status is Status.VARIANT)


def fit_for(store: Store, app: ApplicationDetail, resume_id: int | None = None) -> Fit:
    """The application against `resume_id` (default: the version recorded on it)."""
    chosen = resume_id if resume_id is not None else app.resume_id
    resume = store.materials.get(chosen) if chosen is not None else None
    health = None if resume is None else resume_health(resume.text, pages=resume.pages)
    profile = profile_for(store, app)
    if profile is None or resume is None:
        reason = NO_DESCRIPTION if profile is None else NO_RESUME
        return Fit(resume, health=health, reason=reason)
    matches = tuple(compare(profile, resume.text))
    return Fit(resume, matches, summarize(matches), health)


def health_of(material: MaterialRecord) -> ResumeHealth:
    """A stored version's health (computed from its text in a few milliseconds)."""
    return resume_health(material.text, pages=material.pages)
