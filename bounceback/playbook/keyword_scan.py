"""Reading a posting's segments for terms: dictionary skills, alternatives and likely phrases.

`scan_job` returns every mention (an `Occurrence`: which term, as written, where, how much it
weighs) and every group of alternatives ("e.g. Tableau, Looker or Power BI", "Python or R",
"a WMS (Manhattan, Blue Yonder or similar)"). `keywords.job_profile` folds them into terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from bounceback.playbook.phrases import heuristic_phrases
from bounceback.playbook.sections import Section, Segment
from bounceback.playbook.skills import KIND_WEIGHT, Hit, SkillDictionary
from bounceback.playbook.tokens import Token, tokenize

Key = tuple[str, ...]

_PHRASE_FACTOR = 0.5  # a phrase the dictionary lacks ranks below a known skill...
_ACRONYM_FACTOR = 0.6  # ...an unknown acronym a little higher (they are usually terms of art)
_TRIGGERS: tuple[tuple[str, ...], ...] = (
    ("e.g",), ("eg",), ("such", "as"), ("for", "example"), ("for", "instance"),
)
_DEGREE = re.compile(r"\bdegree|\bbachelor|\bmaster|\bmajor in|\bdiploma", re.I)
_TRIGGER_FIRST = frozenset(t[0] for t in _TRIGGERS)
_LIST_END = frozenset({")", ";", ".", ":", "!", "?", "]"})
_ITEM_GLUE = frozenset({",", "or", "and", "|", "&"})
_CHAIN_GLUE = frozenset({",", "/", "|", "&", "and", "or", "(", ")"})
_OR_TAIL = frozenset({"similar", "equivalent", "comparable", "other", "another", "alike"})


class Occurrence(NamedTuple):
    """One mention of a term: its key, the stems and text as written, and its weight."""

    key: Key
    stems: tuple[str, ...]
    text: str
    segment: Segment
    weight: float
    factor: float
    skill: int | None
    case: str | None
    grouped: bool


class Group(NamedTuple):
    """Alternatives in one segment: any one of `members` satisfies the requirement."""

    members: tuple[Key, ...]
    segment: Segment


class _Literal(NamedTuple):
    """A list item the dictionary does not know ("CDBG" in "e.g. CDBG, HOME, ESG")."""

    start: int
    end: int


def skill_key(skills: SkillDictionary, index: int) -> Key:
    """The key of a dictionary skill."""
    return ("skill", skills.skills[index].name)


def phrase_key(stems: tuple[str, ...]) -> Key:
    """The key of a phrase the dictionary lacks."""
    return ("phrase", *stems)


def scan_job(segments: Sequence[Segment], skills: SkillDictionary) -> tuple[
        list[Occurrence], list[Group]]:
    """Every mention of a term in the weighted segments, and the groups of alternatives."""
    occurrences: list[Occurrence] = []
    groups: list[Group] = []
    for seg in segments:
        if seg.weight <= 0:
            continue
        tokens = tokenize(seg.text)
        hits = skills.find(tokens, skills_list=seg.skills_list, text=seg.text)
        member_lists = _alternatives(tokens, hits)
        grouped = {id(m) for members in member_lists for m in members if isinstance(m, Hit)}
        degree: bool | None = None
        for hit in hits:
            skill = skills.skills[hit.skill]
            kind_weight = skill.weight
            if skill.kind == "field":  # a field of study weighs like a degree where one is asked
                if degree is None:
                    degree = _DEGREE.search(seg.text) is not None
                if degree:
                    kind_weight = max(kind_weight, KIND_WEIGHT["degree"])
            occurrences.append(Occurrence(skill_key(skills, hit.skill), hit.stems, hit.text, seg,
                                          seg.weight, kind_weight, hit.skill, None,
                                          id(hit) in grouped))
        for members in member_lists:
            keys: list[Key] = []
            for member in members:
                if isinstance(member, Hit):
                    keys.append(skill_key(skills, member.skill))
                    continue
                occ = _phrase(tokens, member.start, member.end, seg, _ACRONYM_FACTOR, True)
                occurrences.append(occ)
                keys.append(occ.key)
            groups.append(Group(tuple(keys), seg))
        if seg.section is Section.TITLE or seg.weight < 1.0:
            continue
        covered = {i for h in hits for i in range(h.start, h.end)}
        covered |= {i for members in member_lists for m in members if isinstance(m, _Literal)
                    for i in range(m.start, m.end)}
        for start, end, acronym in heuristic_phrases(tokens, covered):
            factor = _ACRONYM_FACTOR if acronym else _PHRASE_FACTOR
            occurrences.append(_phrase(tokens, start, end, seg, factor, False))
    return occurrences, groups


def _phrase(tokens: Sequence[Token], start: int, end: int, seg: Segment, factor: float,
            grouped: bool) -> Occurrence:
    span = tokens[start:end]
    stems = tuple(t.stem for t in span if t.is_word or t.norm in ("/", "&"))
    text = seg.text[span[0].start:span[-1].end]
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 2 and all(c.isupper() for c in text.rstrip("s") if c.isalpha())
    return Occurrence(phrase_key(stems), stems, text, seg, seg.weight, factor, None,
                      text if capitals else None, grouped)


def _alternatives(tokens: Sequence[Token], hits: Sequence[Hit]) -> list[list[Hit | _Literal]]:
    """Lists introduced by "e.g."/"such as", and skills joined by a final "or"."""
    groups: list[list[Hit | _Literal]] = []
    used: set[int] = set()
    for start in _trigger_ends(tokens):
        members = _trigger_list(tokens, hits, start)
        if len(members) >= 2:
            groups.append(members)
            used |= {id(m) for m in members if isinstance(m, Hit)}
    chain: list[Hit] = []
    last_glue: list[Token] = []
    for hit in hits:
        if id(hit) in used:
            _close(chain, last_glue, tokens, groups)
            chain, last_glue = [], []
            continue
        if chain:
            glue = list(tokens[chain[-1].end:hit.start])
            if 0 < len(glue) <= 3 and all(t.norm in _CHAIN_GLUE for t in glue):
                chain.append(hit)
                last_glue = glue
                continue
            _close(chain, last_glue, tokens, groups)
        chain, last_glue = [hit], []
    _close(chain, last_glue, tokens, groups)
    return groups


def _close(chain: list[Hit], glue: list[Token], tokens: Sequence[Token],
           groups: list[list[Hit | _Literal]]) -> None:
    """Keep a chain as alternatives when it ends "X or Y" or "X, Y or similar"."""
    if len(chain) < 2:
        return
    norms = [t.norm for t in glue]
    ends_with_or = "or" in norms and ("and" not in norms or "/" in norms)
    after = [t for t in tokens[chain[-1].end:chain[-1].end + 3] if t.is_word]
    or_tail = len(after) >= 2 and after[0].norm == "or" and after[1].norm in _OR_TAIL
    if ends_with_or or or_tail:
        groups.append(list(chain))


def _trigger_ends(tokens: Sequence[Token]) -> list[int]:
    """Positions just after each "e.g." / "such as" / "for example"."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.norm not in _TRIGGER_FIRST:
            continue
        for trigger in _TRIGGERS:
            size = len(trigger)
            if tuple(t.norm for t in tokens[i:i + size]) == trigger:
                j = i + size
                while j < len(tokens) and tokens[j].norm in (".", ",", ":"):
                    j += 1
                out.append(j)
    return out


def _trigger_list(tokens: Sequence[Token], hits: Sequence[Hit],
                  start: int) -> list[Hit | _Literal]:
    """The items after a trigger, up to a closing bracket or the end of the clause."""
    end = start
    while end < len(tokens) and tokens[end].norm not in _LIST_END:
        end += 1
    members: list[Hit | _Literal] = []
    i = start
    while i < end:
        if tokens[i].norm in _ITEM_GLUE or not tokens[i].is_word:
            i += 1
            continue
        j = i
        while j < end and tokens[j].norm not in _ITEM_GLUE and (tokens[j].is_word or
                                                               tokens[j].norm == "/"):
            j += 1
        inside = [h for h in hits if h.start >= i and h.end <= j]
        if inside:
            members.extend(inside)
        elif j - i <= 4 and any(t.text[:1].isupper() for t in tokens[i:j]):
            members.append(_Literal(i, j))
        i = max(j, i + 1)
    return members
