"""What the dictionary lacks: the employer's own name, and phrases that look like skills.

The company is never reported as a term (an ATS does not want your resume to say "Ledgerline").
Its name comes from the caller and from the posting itself ("Ledgerline builds...", the line
under the title). Phrases the dictionary lacks are found two ways, both deliberately narrow: an
acronym in capitals ("NDCG", "CFRA") or a short noun phrase ending in a skill-like word
("labor planning", "online inference").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bounceback.playbook.sections import Section, Segment
from bounceback.playbook.skills import SkillDictionary
from bounceback.playbook.tokens import Token, stem, stems_of


def _words(text: str) -> list[str]:
    """A word list written as a block of text (easier to read and edit than a list literal)."""
    return text.split()


# Words in a company's name that say what it is, not who (never reported as its name alone).
_GENERIC_NAME = frozenset(stem(w) for w in _words("""
    the of and group inc llc ltd co corp corporation company gmbh plc sa ag international global
    holdings services solutions systems technologies technology tech labs lab software digital
    media studios games energy insurance financial logistics health healthcare medical center
    centre hospital clinic school district unified county city state department office university
    college bank capital partners consulting foods food supply builders analytics outdoor retail
    works industries enterprises agency network networks hospitality group high public
"""))
_COMPANY_VERB = re.compile(
    r"^(?:[Tt]he\s+|[Aa]t\s+|[Jj]oin\s+)?((?:[A-Z][\w&.'’-]*)(?:\s+(?:&|of|and|[A-Z][\w&.'’-]*)){0,4})\s+"
    r"(?:is|are|was|helps|makes|builds|sells|operates|distributes|provides|offers|creates|"
    r"serves|develops|designs|delivers|powers|runs|has|brings|exists|seeks|is seeking|"
    r"is hiring|was founded|believes)\b")
_ABOUT_HEADING = re.compile(r"^\W*about\s+((?:[A-Z][\w&.'’-]*)(?:\s+(?:&|of|[A-Z][\w&.'’-]*)){0,4})"
                            r"\s*:?\s*$")
_NOT_A_NAME = frozenset({"the", "our", "we", "you", "this", "as", "in", "at", "a", "an", "it",
                         "they", "he", "she", "your", "their", "these", "that", "what", "who",
                         "experience", "familiarity", "knowledge", "proficiency"})
_META_SPLIT = re.compile(r"\s*(?:[·|—–•]|\s-\s|,)\s*")

# Acronyms that are places, titles, currencies or grammar, not skills.
_ACRONYM_STOP = frozenset(_words("""
    US USA UK EU UAE CEO CFO COO CTO CIO CMO VP SVP EVP IT OK AM ID FAQ TBD EEO AA PTO NYC SF LA
    II III IV VI AND OR THE FOR WITH OUR YOU WE NOT ALL ANY NEW USD GBP EUR CAD AUD LLC INC LTD
    CV CVS FTE OTE ASAP ETA AKA PDF FY Q1 Q2 Q3 Q4 EOE W2 DEI HQ MBA PHD BA BS MS MA AB BC AP
    AL AK AZ AR CA CO CT DE FL GA HI IA IL IN KS KY LA ME MD MI MN MO MT NE NV NH NJ NM NY NC ND
    OH OK PA RI SC SD TN TX UT VT VA WA WV WI WY DC
"""))
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,6}s?")
# A word with a capital inside ("ServSafe", "eBPF", "mTLS") is almost always a product's name.
_INTERCAP = re.compile(r"[a-z]{1,3}[A-Z][A-Za-z0-9]+|[A-Z][a-z]+[A-Z][A-Za-z0-9]*")

# Phrase heads: a noun phrase ending in one of these reads like a skill ("claims data").
_HEADS = frozenset(stem(w) for w in _words("""
    analysis analytics management planning evaluation reporting modeling modelling design
    development research testing strategy strategies operations engineering administration
    compliance optimization forecasting budgeting accounting marketing writing documentation
    mapping automation integration integrations architecture scheduling pipelines systems
    relations recruiting training coaching assessment assessments instruction investigations
    control assurance improvement retention acquisition generation segmentation prevention
    inference retrieval search learning processing monitoring audit audits law regulations
    reconciliation governance procurement negotiation enrollment onboarding estimating models
    protocols standards therapy care coding billing security infrastructure data plans
"""))
_STOP = frozenset(_words("""
    a an the and or of in on at to for with by from as is are be been being was were will would
    can could should may might must shall do does did done have has had having not no nor but if
    then than so such that this these those it its it's our ours your yours their theirs we you
    they he she i me my us them who whom whose which what when where why how all any both each
    few more most other some own same very just also only about across after against along
    among around before behind below between beyond during into near over per through toward
    under until up upon via within without etc e.g i.e
    experience experiences years year ability abilities strong excellent solid proven basic good
    great new daily weekly monthly annual ideal key core best high large small overall internal
    external relevant related various multiple complex deep broad clear effective working
    knowledge understanding familiarity proficiency skills skill role team teams work company
    candidate candidates opportunity plus preferred required requirements including include
    includes like well based level levels senior junior lead principal staff full time part
    day days week weeks month months hours environment fast paced self highly closely
    successful every make makes made help helps ensure support drive own build run manage
    across end real world hands first second third one two three four five six
"""))


def company_names(description: str, given: str, segments: Sequence[Segment],
                  skills: SkillDictionary) -> tuple[str, ...]:
    """The employer's names: the one given, the line under the title, "X builds...", "About X"."""
    names: list[str] = [given.strip()] if given.strip() else []
    for seg in segments:
        if seg.section is Section.META:
            first = _META_SPLIT.split(seg.text, maxsplit=1)[0].strip()
            if first and 1 <= len(first.split()) <= 5 and first[:1].isupper():
                names.append(first)
        elif seg.section in (Section.INTRO, Section.ABOUT, Section.DROPPED):
            m = _COMPANY_VERB.match(seg.text)
            if m:
                names.append(m.group(1))
    for line in description.splitlines()[:200]:
        m = _ABOUT_HEADING.match(line.strip().strip("#*_ "))
        if m:
            names.append(m.group(1))
    out: list[str] = []
    for name in names:
        name = name.strip(" .,")
        first_word = name.split()[0].casefold() if name.split() else ""
        if not name or first_word in _NOT_A_NAME:
            continue
        if skills.lookup(name) is not None and name != given.strip():
            continue  # "Python is required" names a skill, not the employer
        if name not in out:
            out.append(name)
    return tuple(out)


def company_stems(names: Iterable[str], skills: SkillDictionary) -> tuple[
        frozenset[tuple[str, ...]], frozenset[str]]:
    """Stem sequences of the full names, and the distinctive words in them ("ledgerline")."""
    full: set[tuple[str, ...]] = set()
    distinctive: set[str] = set()
    for name in names:
        stems = stems_of(name)
        if not stems:
            continue
        full.add(stems)
        trimmed = tuple(s for s in stems if s not in _GENERIC_NAME and s != "&")
        if trimmed:
            full.add(trimmed)
        for s in trimmed:
            if len(s) >= 3 and not skills.is_form((s,)):
                distinctive.add(s)
    return frozenset(full), frozenset(distinctive)


def heuristic_phrases(tokens: Sequence[Token], covered: set[int]) -> list[tuple[int, int, bool]]:
    """Spans (start, end, is_acronym) of likely terms the dictionary did not cover."""
    found: list[tuple[int, int, bool]] = []
    n = len(tokens)
    sentence_start = True
    i = 0
    while i < n:
        tok = tokens[i]
        if i in covered or not tok.is_word:
            sentence_start = tok.norm in (".", "!", "?", ":", ";", "•")
            i += 1
            continue
        acronym = _ACRONYM.fullmatch(tok.text) and sum(c.isupper() for c in tok.text) >= 2 \
            and tok.text.rstrip("s") not in _ACRONYM_STOP and tok.text not in _ACRONYM_STOP
        if acronym or _INTERCAP.fullmatch(tok.text):
            found.append((i, i + 1, True))
            sentence_start = False
            i += 1
            continue
        if tok.stem in _HEADS and not sentence_start:
            start = i
            while start > 0 and i - start < 1:  # one modifier: a verb often stands before
                prev = tokens[start - 1]
                if start - 1 == 0 or not tokens[start - 2].is_word or \
                        tokens[start - 2].norm in ("and", "or", "to"):
                    break  # a verb: "Document assessments", "...and review designs"
                if (start - 1) in covered or not prev.is_word or prev.norm in _STOP or \
                        prev.stem in _STOP or not prev.norm.isalpha() or prev.norm.endswith("ly"):
                    break
                start -= 1
            if start < i:
                found.append((start, i + 1, False))
        sentence_start = False
        i += 1
    return found

