"""The keyword gap: the words a job posting cares about, and which of them a resume carries.

`job_profile` reads a posting once (when it is saved) and ranks its important terms: skills
from the shipped dictionary first, weighted by where they stand (requirements over duties over
"nice to have" over "about us"; benefits, pay and equal-opportunity text ignored), then phrases
the dictionary lacks. `compare` then checks one resume in a few milliseconds: each term is
**present** (the posting's own word is there), a **variant** (the skill is there under another
name, "PostgreSQL — you wrote Postgres": an ATS matches words, so mirror theirs) or **missing**.
"e.g. X, Y or Z" and "X or Y" are one term, satisfied by any of them. Pure: no I/O here; the
dictionary is passed in or loaded once by `skills.default_skills`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bounceback.playbook.keyword_scan import Occurrence, scan_job
from bounceback.playbook.phrases import company_names, company_stems
from bounceback.playbook.sections import job_segments, resume_lines
from bounceback.playbook.skills import Hit, SkillDictionary, default_skills
from bounceback.playbook.tokens import Token, stems_of, tokenize

PROFILE_VERSION = 1
MAX_TEXT = 200_000  # characters read of a posting or a resume (the app's cap on a description)
MAX_TERMS = 30
MIN_SCORE = 0.6
_REPEAT_FACTOR = 0.25  # each further mention adds a quarter of its weight...
_REPEAT_CAP = 1.75  # ...up to 1.75 times the strongest mention


class Status(StrEnum):
    """Whether a resume carries a term."""

    MISSING = "missing"
    VARIANT = "variant"
    PRESENT = "present"


@dataclass(frozen=True, slots=True)
class Term:
    """One important term of a posting, as the posting writes it, with the line it came from.

    `forms` are the stems of every way the posting wrote it; `skill` names the dictionary entry
    (None for a phrase the dictionary lacks); `case` is set when only that exact text counts
    (an acronym such as "HOME" the dictionary does not know: the resume must write it in
    capitals too); `alternatives` makes this term
    "any one of these".
    """

    name: str
    forms: tuple[tuple[str, ...], ...]
    skill: str | None
    score: float
    line: str
    line_number: int
    case: str | None = None
    alternatives: tuple[Term, ...] = ()
    cores: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage (a job's profile is kept with its description)."""
        return {
            "name": self.name, "forms": [list(f) for f in self.forms], "skill": self.skill,
            "score": round(self.score, 3), "line": self.line, "line_number": self.line_number,
            "case": self.case, "alternatives": [a.to_dict() for a in self.alternatives],
            "cores": [list(c) for c in self.cores],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Term:
        """The inverse of `to_dict`."""
        return cls(
            str(data["name"]), tuple(tuple(str(s) for s in f) for f in data["forms"]),
            data.get("skill"), float(data["score"]), str(data["line"]),
            int(data["line_number"]), data.get("case"),
            tuple(cls.from_dict(a) for a in data.get("alternatives", ())),
            tuple(tuple(str(s) for s in c) for c in data.get("cores", ())),
        )


@dataclass(frozen=True, slots=True)
class JobProfile:
    """A posting's important terms, most important first, computed once per description."""

    terms: tuple[Term, ...]
    companies: tuple[str, ...] = ()
    words: int = 0
    version: int = PROFILE_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready) for storage beside the job description."""
        return {"version": self.version, "words": self.words,
                "companies": list(self.companies), "terms": [t.to_dict() for t in self.terms]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobProfile:
        """The inverse of `to_dict`; ValueError for a profile from another version."""
        if data.get("version") != PROFILE_VERSION:
            raise ValueError("keyword profile from another version; compute it again")
        return cls(tuple(Term.from_dict(t) for t in data["terms"]),
                   tuple(data.get("companies", ())), int(data.get("words", 0)))


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One term of the posting checked against one resume."""

    term: str
    status: Status
    resume_term: str | None
    line: str
    line_number: int
    score: float
    alternatives: tuple[str, ...] = field(default=())

    @property
    def note(self) -> str:
        """One short line for a person: "PostgreSQL — you wrote Postgres"."""
        if self.status is Status.VARIANT and self.resume_term:
            return f"{self.term} — you wrote {self.resume_term}"
        if self.status is Status.PRESENT and self.alternatives and self.resume_term:
            return f"{self.term} — you have {self.resume_term}"
        return self.term

    def to_dict(self) -> dict[str, Any]:
        """Plain data for `--json`."""
        return {"term": self.term, "status": self.status.value,
                "resume_term": self.resume_term, "line": self.line,
                "line_number": self.line_number, "score": round(self.score, 2),
                "alternatives": list(self.alternatives)}


@dataclass(frozen=True, slots=True)
class MatchSummary:
    """How many of the posting's terms the resume carries, and which are missing."""

    found: int
    total: int
    variants: int
    missing: tuple[str, ...]

    @property
    def text(self) -> str:
        """"9 of 14 key terms (2 under another name); missing: Kubernetes, gRPC"."""
        if not self.total:
            return "No key terms found in the job description."
        out = f"{self.found} of {self.total} key terms"
        if self.variants:
            out += f" ({self.variants} under another name)"
        if self.missing:
            shown = ", ".join(self.missing[:5]) + (", …" if len(self.missing) > 5 else "")
            out += f"; missing: {shown}"
        return out


def job_profile(description: str, company: str = "",
                skills: SkillDictionary | None = None) -> JobProfile:
    """Rank the important terms of a job description (the employer's name is never one)."""
    skills = skills or default_skills()
    description = description[:MAX_TEXT]
    segments = job_segments(description)
    companies = company_names(description, company, segments, skills)
    full, distinctive = company_stems(companies, skills)
    occurrences, groups = scan_job(segments, skills)

    def is_company(stems: tuple[str, ...]) -> bool:
        """Whether a term names the employer (its full name or a distinctive word of it)."""
        return stems in full or any(s in distinctive for s in stems)

    terms: dict[tuple[str, ...], Term] = {}
    grouped_only: set[tuple[str, ...]] = set()
    by_key: dict[tuple[str, ...], list[Occurrence]] = {}
    for occ in occurrences:
        by_key.setdefault(occ.key, []).append(occ)
    for key, occs in by_key.items():
        grouped = all(o.grouped for o in occs)
        term = _term(occs, skills, keep_weak=grouped)
        if term is None or any(is_company(f) for f in term.forms):
            continue
        if grouped:
            grouped_only.add(key)
        terms[key] = term
    ranked = [t for k, t in terms.items() if k not in grouped_only]
    for group in groups:
        alive = [terms[m] for m in dict.fromkeys(group.members)
                 if m in grouped_only and m in terms]
        if len(alive) == 1:
            ranked.append(alive[0])
        elif len(alive) > 1:
            names = [t.name for t in alive]
            name = ", ".join(names[:-1]) + " or " + names[-1]
            score = max(t.score for t in alive)
            ranked.append(Term(name, (), None, score, group.segment.text,
                               group.segment.line_number, None, tuple(alive)))
    ranked = _dedupe([t for t in ranked if t.score >= MIN_SCORE])
    ranked.sort(key=lambda t: (-t.score, t.line_number, t.name.casefold()))
    # cores need the dictionary's forms: worth it only for the terms that are kept
    kept = tuple(_with_cores(t, by_key, skills) for t in ranked[:MAX_TERMS])
    return JobProfile(kept, companies, len(description.split()))


def _with_cores(term: Term, by_key: dict[tuple[str, ...], list[Occurrence]],
                skills: SkillDictionary) -> Term:
    if term.alternatives:
        return replace(term, alternatives=tuple(_with_cores(a, by_key, skills)
                                                for a in term.alternatives))
    index = skills.index_of(term.skill) if term.skill else None
    if index is None:
        return term
    counts: dict[tuple[str, ...], list[Occurrence]] = {}
    for o in by_key.get(("skill", term.skill or ""), ()):
        counts.setdefault(o.stems, []).append(o)
    return replace(term, cores=_cores(counts, skills, index))


def _term(occs: Sequence[Occurrence], skills: SkillDictionary, *,
          keep_weak: bool = False) -> Term | None:
    """Fold every mention of one skill or phrase into a scored term (None below the cut,
    unless `keep_weak`: a member of a group counts through the group)."""
    weights = sorted((o.weight for o in occs), reverse=True)
    strongest = weights[0]
    if strongest <= 0:
        return None
    combined = min(strongest + _REPEAT_FACTOR * sum(weights[1:]), strongest * _REPEAT_CAP)
    first = occs[0]
    score = combined * first.factor
    if score < MIN_SCORE and not keep_weak:
        return None
    best = max(occs, key=lambda o: (o.weight, -o.segment.line_number))
    counts: dict[tuple[str, ...], list[Occurrence]] = {}
    for o in occs:
        counts.setdefault(o.stems, []).append(o)
    skill = skills.skills[first.skill] if first.skill is not None else None
    name = _display(counts, skill.name if skill else None)
    return Term(name, tuple(counts), skill.name if skill else None, score, best.segment.text,
                best.segment.line_number, first.case)


def _cores(counts: dict[tuple[str, ...], list[Occurrence]], skills: SkillDictionary,
           index: int) -> tuple[tuple[str, ...], ...]:
    """Shorter forms of the skill inside what the posting wrote, when the rest is plain words.

    "exceeding quota" -> "quota" and "machine learning models" -> "machine learning", but not
    "Entity Framework Core" -> "Entity Framework": a capital or a digit makes it a name.
    """
    out: list[tuple[str, ...]] = []
    for stems, occs in counts.items():
        words = [t for t in tokenize(occs[0].text) if t.is_word or t.norm in ("/", "&")]
        if len(words) != len(stems):
            continue
        for core in skills.forms_of(index):
            size = len(core)
            if size >= len(stems) or core in out:
                continue
            for k in range(len(stems) - size + 1):
                if stems[k:k + size] != core:
                    continue
                rest = words[:k] + words[k + size:]
                if all(w.text.isalpha() and w.text.islower() for w in rest):
                    out.append(core)
                break
    return tuple(out)


def _display(counts: dict[tuple[str, ...], list[Occurrence]], canonical: str | None) -> str:
    """The posting's own word: its canonical spelling if it used it, else its commonest form."""
    if canonical is not None:
        canon_stems = stems_of(canonical)
        if canon_stems in counts:
            written = counts[canon_stems][0].text
            shouted = written.isupper() and len(written) > 5  # "SOFTWARE ENGINEER II (.NET)"
            # only the case is corrected ("kubernetes" -> "Kubernetes"); the posting's word
            # form stays ("usability tests", not "Usability testing")
            if shouted or (written.islower() and written.casefold() == canonical.casefold()):
                return canonical
            return written
    form = max(counts.values(), key=lambda os: (len(os), max(o.weight for o in os),
                                                len(os[0].stems)))
    return form[0].text


def _dedupe(terms: list[Term]) -> list[Term]:
    """One entry per name (a phrase the heuristic found twice, a skill inside a group)."""
    seen: dict[str, Term] = {}
    for term in terms:
        key = term.name.casefold()
        if key not in seen or term.score > seen[key].score:
            seen[key] = term
    return list(seen.values())


class _Resume:
    """A resume's tokens, the skills found in it, and a way to look words up."""

    def __init__(self, text: str, skills: SkillDictionary) -> None:
        self.tokens: list[Token] = []
        self.hits: list[Hit] = []  # positions are in self.tokens
        parts: list[str] = []
        offset = 0
        for line in resume_lines(text):
            tokens = tokenize(line.text, offset)
            base = len(self.tokens)
            for hit in skills.find(tokens, skills_list=line.skills_list):
                self.hits.append(Hit(hit.skill, hit.start + base, hit.end + base,
                                     self._slice(line.text, tokens, hit, offset),
                                     hit.stems, hit.ambiguous))
            self.tokens.extend(tokens)
            self.tokens.append(Token("\n", "\n", "\n", 0, 0, False))  # nothing spans lines
            parts.append(line.text)
            offset += len(line.text) + 1
        self.text = "\n".join(parts)
        self.by_stem: dict[str, list[int]] = {}
        for i, tok in enumerate(self.tokens):
            if tok.is_word or tok.norm in ("/", "&"):
                self.by_stem.setdefault(tok.stem, []).append(i)
        self.covered: dict[int, Hit] = {}
        self.by_skill: dict[int, list[Hit]] = {}
        for hit in self.hits:
            self.by_skill.setdefault(hit.skill, []).append(hit)
            for i in range(hit.start, hit.end):
                self.covered[i] = hit

    @staticmethod
    def _slice(line: str, tokens: Sequence[Token], hit: Hit, offset: int) -> str:
        if hit.end - hit.start == len(hit.stems):  # not a "unit and integration tests" hit
            return line[tokens[hit.start].start - offset:tokens[hit.end - 1].end - offset]
        return hit.text

    def find(self, stems: tuple[str, ...]) -> list[int]:
        """Start positions where these stems appear in order."""
        if not stems:
            return []
        out = []
        for i in self.by_stem.get(stems[0], ()):
            if all(i + k < len(self.tokens) and self.tokens[i + k].stem == s
                   for k, s in enumerate(stems[1:], 1)):
                out.append(i)
        return out

    def text_at(self, start: int, size: int) -> str:
        """The resume's words at a position, exactly as written."""
        return self.text[self.tokens[start].start:self.tokens[start + size - 1].end]


def compare(profile: JobProfile, resume_text: str,
            skills: SkillDictionary | None = None) -> list[TermMatch]:
    """Check each of the profile's terms against one resume, in the profile's order."""
    skills = skills or default_skills()
    resume = _Resume(resume_text[:MAX_TEXT], skills)
    out: list[TermMatch] = []
    for term in profile.terms:
        if term.alternatives:
            results = [_check(alt, resume, skills) for alt in term.alternatives]
            best = max(range(len(results)), key=lambda i: _RANK[results[i][0]])
            status, found = results[best]
            out.append(TermMatch(term.name, status, found, term.line, term.line_number,
                                 term.score, tuple(a.name for a in term.alternatives)))
        else:
            status, found = _check(term, resume, skills)
            out.append(TermMatch(term.name, status, found, term.line, term.line_number,
                                 term.score))
    return out


_RANK = {Status.MISSING: 0, Status.VARIANT: 1, Status.PRESENT: 2}


def _capitals(text: str) -> bool:
    """Written in capitals, a plural "s" allowed ("RFIs" and "RFI" are both capitals)."""
    letters = [c for c in text.removesuffix("s") if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _check(term: Term, resume: _Resume, skills: SkillDictionary) -> tuple[Status, str | None]:
    """Present if the posting's own word is there, variant if the skill is, else missing."""
    index = skills.index_of(term.skill) if term.skill else None
    for form in (*term.forms, *term.cores):
        core = form not in term.forms
        for pos in resume.find(form):
            if term.case is not None and not _capitals(resume.text_at(pos, len(form))):
                continue  # "HOME" the programme is not "home"
            if skills.is_ambiguous(form) and pos not in resume.covered:
                continue  # "Go" in "go-to person" is not the language
            around = resume.covered.get(pos)
            if core and around is not None and around.skill == index and around.stems != form:
                continue  # "bank reconciliations" is another name, not the core word alone
            return Status.PRESENT, resume.text_at(pos, len(form))
    if index is not None and index in resume.by_skill:
        hits = resume.by_skill[index]
        for hit in hits:  # "unit and integration tests" holds "unit tests" without the words
            if hit.stems in term.forms:
                return Status.PRESENT, hit.text
        commonest = max({h.text for h in hits}, key=lambda t: sum(h.text == t for h in hits))
        return Status.VARIANT, commonest
    return Status.MISSING, None


def summarize(matches: Sequence[TermMatch]) -> MatchSummary:
    """Count what the resume carries: "9 of 14 key terms (2 under another name)"."""
    found = sum(m.status is not Status.MISSING for m in matches)
    variants = sum(m.status is Status.VARIANT for m in matches)
    missing = tuple(m.term for m in matches if m.status is Status.MISSING)
    return MatchSummary(found, len(matches), variants, missing)
