"""Words of a job posting or a resume as tokens: technical names kept whole, word forms stemmed.

`C++`, `C#`, `.NET`, `Node.js`, `ASP.NET`, `R&D`, `P&L` stay one token; `CI/CD` and `A/B` are
three (`ci`, `/`, `cd`) so "CI / CD" matches too; a hyphen joins nothing ("front-end" reads as
"front end"). Each word also gets a crude stem so "usability tests" and "usability testing",
"QBR" and "QBRs" count as the same words, the way applicant tracking systems match word forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters/digits, inner apostrophes and joining dots/ampersands (Node.js, R&D, e.g),
# an optional leading dot (.NET) and a trailing ++, + or # (C++, C#, F#). Then the punctuation
# that matters for lists and sentences; a hyphen only when spaced (" - ") or a real dash.
_TOKEN = re.compile(
    r"(?P<word>(?:(?<![\w.])\.(?=[^\W_]))?[^\W_][\w'’]*(?:[.&][^\W_][\w'’]*)*(?:\+\+|\+|#)?)"
    r"|(?P<punct>[/,;:()|.!?&\[\]]|(?<=\s)-(?=\s)|[–—•])"
)
_APOSTROPHES = str.maketrans("", "", "'’")
# Words whose final "s" is not a plural (Canvas is not the plural of Canva).
_NO_STEM = frozenset({"canvas", "saas", "paas", "iaas", "atlas", "alias", "bias", "gas",
                      "texas", "vegas", "kansas", "arkansas", "christmas", "lens", "news"})
_JOINED_PLURAL = re.compile(r"[a-z]+&[a-z]+s")
PUNCT_LIST = frozenset({",", "/", "|", "&", "and", "or", "(", ")", ";", ":", "—", "-", "–"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark: its text as written, normalized form and stem."""

    text: str
    norm: str
    stem: str
    start: int
    end: int
    is_word: bool


def stem(norm: str, text: str = "") -> str:
    """A deliberately crude English stem: plural, -ing/-ed, final e, doubled final letter.

    Only pure-letter words are stemmed (never `node.js` or `c++`), and never an acronym written
    in capitals (`CCSS` is not the plural of `CCS`; `KPIs` is that of `KPI`). The result is an
    internal key, not a word: what matters is that both sides of a comparison go through it.
    """
    w = norm
    if len(w) <= 3 or w in _NO_STEM or (1 < len(text) <= 5 and text.isupper()):
        return w
    if not w.isalpha():
        # "P&Ls" is the plural of "P&L"; "node.js" and "c++" stay as they are
        return w[:-1] if _JOINED_PLURAL.fullmatch(w) else w
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2]:
        w = w[:-1]
    return w


def normalize(word: str) -> str:
    """Casefold and drop apostrophes ("Bachelor's" and "bachelors" are one word)."""
    return word.casefold().translate(_APOSTROPHES)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens; `offset` is added to positions (for a line inside a text)."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if m.group("word") is not None:
            raw = raw.rstrip("'’")
            norm = normalize(raw)
            if not norm:
                continue
            tokens.append(Token(raw, norm, stem(norm, raw), m.start() + offset,
                                m.start() + len(raw) + offset, True))
        else:
            mark = "—" if raw in "–—-" else raw
            tokens.append(Token(raw, mark, mark, m.start() + offset, m.end() + offset, False))
    return tokens


def stems_of(phrase: str) -> tuple[str, ...]:
    """The stem sequence of a phrase; `/` and `&` are kept (`CI/CD` -> ci / cd)."""
    return tuple(t.stem for t in tokenize(phrase) if t.is_word or t.norm in ("/", "&"))
