"""Words of a job posting or a resume as tokens: technical names kept whole, word forms stemmed.

`C++`, `C#`, `.NET`, `Node.js`, `ASP.NET`, `R&D`, `P&L` stay one token; `CI/CD` and `A/B` are
three (`ci`, `/`, `cd`) so "CI / CD" matches too; a hyphen joins nothing ("front-end" reads as
"front end"). Each word also gets a crude stem so "usability tests" and "usability testing",
"QBR" and "QBRs" count as the same words, the way applicant tracking systems match word forms.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# A word: letters/digits, inner apostrophes and joining dots/ampersands (Node.js, R&D, e.g),
# an optional leading dot (.NET) and a trailing ++, + or # (C++, C#, F#). Then the punctuation
# that matters for lists and sentences; a hyphen only when spaced (" - ") or a real dash.
_TOKEN = re.compile(
    r"(?:(?<![\w.])\.(?=[^\W_]))?[^\W_][\w'’]*(?:[.&][^\W_][\w'’]*)*(?:\+\+|\+|#)?"
    r"|[/,;:()|.!?&\[\]–—•]|(?<=\s)-(?=\s)"
)
_APOSTROPHES = str.maketrans("", "", "'’")
# Words whose final "s" is not a plural (Canvas is not the plural of Canva).
# Words whose final "s" is not a plural (Canvas is not the plural of Canva), and -ing words
# that name something other than their verb (accounting is not "account", training is not
# "train", shipping is not "ship").
_NO_STEM = frozenset({
    "canvas", "saas", "paas", "iaas", "atlas", "alias", "bias", "gas", "texas", "vegas", "kansas",
    "arkansas", "christmas", "lens", "news", "accounting", "marketing", "programming", "banking",
    "staffing", "funding", "sourcing", "advertising", "pricing", "building", "buildings",
    "housing", "training", "trainings", "shipping", "billing", "clothing", "listing", "landing",
    "meeting", "meetings", "posting", "postings", "engineering", "nursing", "lending", "wedding",
    "catering", "plumbing", "roofing", "painting", "printing", "trading", "hosting", "timing",
    "grading",
})
_JOINED_PLURAL = re.compile(r"[a-z]+&[a-z]+s")
PUNCT_LIST = frozenset({",", "/", "|", "&", "and", "or", "(", ")", ";", ":", "—", "-", "–"})


class Token(NamedTuple):
    """One word or punctuation mark: its text as written, normalized form and stem.

    A NamedTuple, not a dataclass: a 3,000-word posting makes thousands of them, and a frozen
    dataclass is several times slower to build.
    """

    text: str
    norm: str
    stem: str
    start: int
    end: int
    is_word: bool


@functools.lru_cache(maxsize=65536)
def stem(norm: str, text: str = "") -> str:
    """A deliberately crude English stem: plural, -ing/-ed, final e, doubled final letter.

    Only pure-letter words are stemmed (never `node.js` or `c++`), and never an acronym written
    in capitals (`CCSS` is not the plural of `CCS`; `KPIs` is that of `KPI`). The result is an
    internal key, not a word: what matters is that both sides of a comparison go through it.
    """
    w = norm
    if len(w) <= 3 or w in _NO_STEM or (1 < len(text) <= 5 and text.isupper()):
        return w
    if len(text) > 2 and text[-1] == "s" and text[:-1].isupper():
        return w[:-1]  # "KPIs", "APIs", "RFIs"
    if not w.isalpha():
        # "P&Ls" is the plural of "P&L"; "node.js" and "c++" stay as they are
        return w[:-1] if _JOINED_PLURAL.fullmatch(w) else w
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    suffix = False
    if len(w) > 5 and w.endswith("ing"):
        w, suffix = w[:-3], True
    elif len(w) > 4 and w.endswith("ed"):
        w, suffix = w[:-2], True
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if suffix and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]  # planning -> plan, but selling stays sell (not SEL)
    return w


@functools.lru_cache(maxsize=65536)
def normalize(word: str) -> str:
    """Casefold and drop apostrophes ("Bachelor's" and "bachelors" are one word)."""
    return word.casefold().translate(_APOSTROPHES)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens; `offset` is added to positions (for a line inside a text)."""
    tokens: list[Token] = []
    append = tokens.append
    known = _PARTS.get
    for m in _TOKEN.finditer(text):
        raw = m.group()
        parts = known(raw)
        if parts is None:
            parts = _parts(raw)
            if len(_PARTS) > _PARTS_MAX:  # a bounded cache: words repeat, texts do not
                _PARTS.clear()
            _PARTS[raw] = parts
        if parts[0]:
            start = m.start() + offset
            append(Token(parts[0], parts[1], parts[2], start, start + len(parts[0]), parts[3]))
    return tokens


_PARTS: dict[str, tuple[str, str, str, bool]] = {}
_PARTS_MAX = 50_000


def _parts(raw: str) -> tuple[str, str, str, bool]:
    """(text, norm, stem, is_word) of one regex match; empty text for nothing to keep."""
    if raw[0].isalnum() or (raw[0] == "." and len(raw) > 1):
        text = raw.rstrip("'’")
        norm = normalize(text)
        return (text, norm, stem(norm, text), True) if norm else ("", "", "", True)
    mark = "—" if raw in "–—-" else raw
    return raw, mark, mark, False


@functools.lru_cache(maxsize=8192)
def stems_of(phrase: str) -> tuple[str, ...]:
    """The stem sequence of a phrase; `/` and `&` are kept (`CI/CD` -> ci / cd)."""
    return tuple(t.stem for t in tokenize(phrase) if t.is_word or t.norm in ("/", "&"))
