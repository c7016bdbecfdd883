"""The skill dictionary: names with their aliases, and the matcher that finds them in text.

The data lives in `playbook/data/skills.tsv` (one entry a line: name, kind, sector, aliases,
cues). `parse_skills` turns that text into a `SkillDictionary`; `default_skills` loads the
shipped file once. Everything else here is pure: `SkillDictionary.find` takes tokens.

A form written `?Go` is ambiguous: it matches only with that exact case *and* some evidence
it is the skill (a cue word nearby, another skill beside it in a list, or a skills section),
so "Go above and beyond" is never the language. `=SAP` only needs the exact case.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from bounceback.playbook.tokens import PUNCT_LIST, Token, stem, stems_of, tokenize

# How much a kind of entry weighs in a job's ranking: hard skills and credentials first,
# industries and job titles below them, soft skills last (everyone claims them).
KIND_WEIGHT: dict[str, float] = {
    "skill": 1.0, "tool": 1.0, "cert": 1.1, "language": 0.9, "degree": 0.7,
    "domain": 0.6, "role": 0.6, "field": 0.3, "soft": 0.3,
}
SECTORS = frozenset({
    "software", "data", "office", "sales", "marketing", "finance", "operations", "design",
    "healthcare", "education", "public", "hr", "legal", "support", "project", "construction",
    "general",
})
_WINDOW = 5  # words either side of an ambiguous name where a cue counts
_END = ""  # the trie key under which a node keeps the forms that end there (no stem is empty)


@dataclass(frozen=True, slots=True)
class Skill:
    """One dictionary entry: its display name, kind, sector and disambiguation cues."""

    name: str
    kind: str
    sector: str
    cues: frozenset[str]
    rejects: frozenset[str]

    @property
    def weight(self) -> float:
        """The kind's weight in the ranking."""
        return KIND_WEIGHT[self.kind]


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing a skill, as stems; `case` is set when the exact case matters."""

    stems: tuple[str, ...]
    skill: int
    case: tuple[str, ...] | None
    needs_context: bool


class Hit(NamedTuple):
    """A skill found in a token list: token positions [start, end) and the text as written."""

    skill: int
    start: int
    end: int
    text: str
    stems: tuple[str, ...]
    ambiguous: bool


class SkillDictionary:
    """Skills and their forms in a trie of stems, so the longest form is found in one walk."""

    def __init__(self, skills: Sequence[Skill], forms: Sequence[Form]) -> None:
        self.skills: tuple[Skill, ...] = tuple(skills)
        self._trie: dict[str, Any] = {}
        for form in forms:
            node = self._trie
            for s in form.stems:
                node = node.setdefault(s, {})
            node.setdefault(_END, []).append(form)
        self._forms: dict[tuple[str, ...], list[Form]] = {}
        for form in forms:
            self._forms.setdefault(form.stems, []).append(form)
        self._by_name = {skill.name: i for i, skill in enumerate(self.skills)}
        self._ambiguous = frozenset(f.stems for f in forms if f.needs_context)
        self._of_skill: dict[int, list[tuple[str, ...]]] = {}
        for form in forms:
            self._of_skill.setdefault(form.skill, []).append(form.stems)

    def __len__(self) -> int:
        return len(self.skills)

    def lookup(self, phrase: str) -> Skill | None:
        """The skill a phrase names exactly (any case), or None."""
        forms = self._forms.get(stems_of(phrase))
        return self.skills[forms[0].skill] if forms else None

    def is_form(self, stems: tuple[str, ...]) -> bool:
        """Whether these stems are one of the dictionary's forms."""
        return stems in self._forms

    def is_ambiguous(self, stems: tuple[str, ...]) -> bool:
        """Whether this form needs evidence ("Go", "R", "Excel") before it counts."""
        return stems in self._ambiguous

    def forms_of(self, index: int) -> list[tuple[str, ...]]:
        """Every way of writing skill `index`, as stems."""
        return self._of_skill.get(index, [])

    def index_of(self, name: str) -> int | None:
        """The position of the skill with this display name, or None."""
        return self._by_name.get(name)

    def find(self, tokens: Sequence[Token], *, skills_list: bool = False,
             text: str | None = None) -> list[Hit]:
        """Every skill in `tokens` (one line), longest match first, ambiguous ones checked.

        `skills_list` says the line sits in a skills section (or after a "Skills:" label),
        which is evidence enough for an ambiguous name such as "Go" or "R". "Unit and
        integration tests" also yields "unit tests". With `text` (what the tokens were cut
        from), a hit keeps its exact spelling ("bi-weekly payroll", not "bi weekly payroll").
        """
        hits: list[Hit] = []
        i, n = 0, len(tokens)
        while i < n:
            form = self._match_at(tokens, i) if tokens[i].is_word else None
            if form is None:
                i += 1
                continue
            end = i + len(form.stems)
            hits.append(Hit(form.skill, i, end, _span_text(tokens, i, end, text), form.stems,
                            form.needs_context))
            i = end
        hits = self._ellipsis(tokens, hits, text)
        if any(h.ambiguous for h in hits):
            hits = self._confirm(tokens, hits, skills_list)
        return hits

    def _match_at(self, tokens: Sequence[Token], i: int) -> Form | None:
        """The longest form starting at token i whose case rules are met."""
        node: dict[str, Any] | None = self._trie
        found: list[tuple[int, list[Form]]] = []
        j, n = i, len(tokens)
        while j < n and node is not None:
            node = node.get(tokens[j].stem)
            if node is None:
                break
            j += 1
            if _END in node:
                found.append((j, node[_END]))
        for end, forms in reversed(found):
            for form in forms:
                if form.case is None or tuple(t.text for t in tokens[i:end]) == form.case:
                    return form
        return None

    def _ellipsis(self, tokens: Sequence[Token], hits: list[Hit],
                  text: str | None) -> list[Hit]:
        """"unit and integration tests" -> also "unit tests" (when that is a known form)."""
        extra: list[Hit] = []
        taken = {i for h in hits for i in range(h.start, h.end)}
        for hit in hits:
            if len(hit.stems) < 2 or hit.start < 2:
                continue
            glue, word = tokens[hit.start - 1], tokens[hit.start - 2]
            if glue.norm not in ("and", "or", ",", "/") or not word.is_word or \
                    hit.start - 2 in taken:
                continue
            stems = (word.stem, *hit.stems[1:])
            forms = [f for f in self._forms.get(stems, ()) if not f.needs_context]
            if forms:
                tail = _span_text(tokens, hit.start + 1, hit.end, text)
                extra.append(Hit(forms[0].skill, hit.start - 2, hit.start - 1,
                                 f"{word.text} {tail}", stems, False))
        for hit in hits:  # "discovery requests and responses" -> also "discovery responses"
            after = hit.end + 1
            if len(hit.stems) < 2 or after >= len(tokens) or after in taken or \
                    tokens[hit.end].norm not in ("and", "or") or not tokens[after].is_word:
                continue
            stems = (*hit.stems[:-1], tokens[after].stem)
            forms = [f for f in self._forms.get(stems, ()) if not f.needs_context]
            if forms:
                head = _span_text(tokens, hit.start, hit.end - 1, text)
                extra.append(Hit(forms[0].skill, after, after + 1,
                                 f"{head} {tokens[after].text}", stems, False))
        return sorted([*hits, *extra], key=lambda h: h.start) if extra else hits

    def _confirm(self, tokens: Sequence[Token], hits: list[Hit], skills_list: bool) -> list[Hit]:
        """Keep an ambiguous hit only with evidence; never when a reject word follows it."""
        kept: list[Hit] = []
        for k, hit in enumerate(hits):
            if not hit.ambiguous:
                kept.append(hit)
                continue
            skill = self.skills[hit.skill]
            after = tokens[hit.end] if hit.end < len(tokens) else None
            if after is not None and after.is_word and after.stem in skill.rejects:
                continue
            if skills_list or _cue_near(tokens, hit, skill.cues):
                kept.append(hit)
                continue
            before = hits[k - 1] if k else None
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            if (before is not None and _listed_together(tokens, before.end, hit.start)) or (
                nxt is not None and _listed_together(tokens, hit.end, nxt.start)
            ):
                kept.append(hit)
        return kept


def _span_text(tokens: Sequence[Token], start: int, end: int, text: str | None = None) -> str:
    """The words of a span as written: the exact slice of `text` when given, else the tokens
    joined the way they stood (no space around `/`)."""
    if text is not None and end > start:
        return text[tokens[start].start:tokens[end - 1].end]
    out = tokens[start].text
    for a, b in zip(tokens[start:end - 1], tokens[start + 1:end], strict=True):
        out += ("" if b.start == a.end else " ") + b.text
    return out


def _cue_near(tokens: Sequence[Token], hit: Hit, cues: frozenset[str]) -> bool:
    if not cues:
        return False
    lo, hi = max(hit.start - _WINDOW * 2, 0), min(hit.end + _WINDOW * 2, len(tokens))
    before = [t for t in tokens[lo:hit.start] if t.is_word][-_WINDOW:]
    after = [t for t in tokens[hit.end:hi] if t.is_word][:_WINDOW]
    return any(t.stem in cues for t in (*before, *after))


def _listed_together(tokens: Sequence[Token], a: int, b: int) -> bool:
    """True when only list glue (commas, slashes, "and", "or", brackets) sits between."""
    between = tokens[a:b]
    return len(between) <= 3 and all(t.norm in PUNCT_LIST for t in between)


def parse_skills(text: str) -> SkillDictionary:
    """Parse the TSV text of a skill dictionary; ValueError names the bad line."""
    skills: list[Skill] = []
    forms: list[Form] = []
    seen: dict[tuple[str, ...], str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 3:
            raise ValueError(f"skills line {number}: expected name, kind, sector")
        name, kind, sector = (c.strip() for c in cols[:3])
        aliases = [a.strip() for a in cols[3].split("|")] if len(cols) > 3 else []
        cue_words = [c.strip() for c in cols[4].split(",")] if len(cols) > 4 else []
        if kind not in KIND_WEIGHT:
            raise ValueError(f"skills line {number}: unknown kind {kind!r}")
        if sector not in SECTORS:
            raise ValueError(f"skills line {number}: unknown sector {sector!r}")
        index = len(skills)
        display = name.lstrip("?=")
        cues = frozenset(stem(c.casefold()) for c in cue_words if c and not c.startswith("-"))
        rejects = frozenset(stem(c[1:].casefold()) for c in cue_words if c.startswith("-"))
        skills.append(Skill(display, kind, sector, cues, rejects))
        for written in [name, *[a for a in aliases if a]]:
            form = _form(written, index)
            if form.stems in seen and seen[form.stems] != display:
                raise ValueError(f"skills line {number}: {written!r} already names "
                                 f"{seen[form.stems]!r}")
            if form.needs_context and not cues and not rejects:
                raise ValueError(f"skills line {number}: {written!r} is ambiguous but has "
                                 "no cues")
            if form.stems not in seen or form.case is not None:
                forms.append(form)
            seen[form.stems] = display
    return SkillDictionary(skills, forms)


def _form(written: str, skill: int) -> Form:
    needs_context = written.startswith("?")
    exact = needs_context or written.startswith("=")
    phrase = written.lstrip("?=")
    tokens = [t for t in tokenize(phrase) if t.is_word or t.norm in ("/", "&")]
    case = tuple(t.text for t in tokens) if exact else None
    return Form(tuple(t.stem for t in tokens), skill, case, needs_context)


@functools.cache
def default_skills() -> SkillDictionary:
    """The dictionary shipped with bounceback, read once from the package data."""
    data = resources.files("bounceback.playbook").joinpath("data", "skills.tsv")
    return parse_skills(data.read_text(encoding="utf-8"))
