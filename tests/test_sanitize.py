"""The sanitiser removes exactly the unsafe code points, one by one, and keeps the rest in order.

The reference below lists the unsafe code points by hand, independently of the regular
expression in `bounceback.sanitize`, so a change there that drops or adds a range fails here.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bounceback.sanitize import clean_text, is_typable, is_unsafe, strip_unsafe

UNSAFE = frozenset(
    [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
     0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
     *range(0xE0000, 0xE0080)]
)
# what people actually paste and type, beside arbitrary text
PIECES = (
    "\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\u202eevil", "\u2066iso\u2069", "\u061c", "\u2028",
    "\u2029", "\r\n", "\r", "\n", "\t", "\x9b31m", "\x00", "\x7f", "\u200d", "\u200c",
    "\U0001f469\u200d\U0001f4bb", "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063"
    "\U000e0074\U000e007f", "\U000e0001", "e\u0301", "\u00a0", "\ufeff", "[/]", "🚀", "word",
)
texts = st.lists(
    st.one_of(st.text(max_size=30), st.sampled_from(PIECES),
              st.characters(min_codepoint=0xE0000, max_codepoint=0xE0080)),
    max_size=12,
).map("".join)


def without_unsafe(text: str) -> str:
    """The reference: every unsafe code point removed, nothing else touched."""
    return "".join(ch for ch in text if ord(ch) not in UNSAFE)


def lines_normalised(text: str) -> str:
    """The reference for line breaks: CRLF, CR, U+2028, U+2029 each become one newline."""
    return (text.replace("\r\n", "\n").replace("\r", "\n")
            .replace("\u2028", "\n").replace("\u2029", "\n"))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_strip_unsafe_removes_exactly_the_unsafe_code_points_in_order(text: str) -> None:
    assert strip_unsafe(text) == without_unsafe(text)
    assert all(is_unsafe(ch) == (ord(ch) in UNSAFE) for ch in text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clean_text_keeps_lines_and_removes_exactly_the_unsafe_code_points(text: str) -> None:
    expected = without_unsafe(lines_normalised(text))
    assert clean_text(text) == expected
    assert clean_text(text, single_line=True) == expected.replace("\n", " ").replace("\t", " ")


def test_emoji_joiners_survive_and_the_invisible_ones_do_not() -> None:
    technologist = "\U0001f469\u200d\U0001f4bb"
    assert strip_unsafe(f"dev {technologist}") == f"dev {technologist}"
    assert clean_text("mi\u200cdoonam") == "mi\u200cdoonam"  # Persian needs the non-joiner
    assert strip_unsafe("a\u061cb\u2028c\u2029d\U000e0041\U000e007fe") == "abcde"
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert strip_unsafe(scotland) == "\U0001f3f4"  # degrades to the black flag
    assert clean_text("one\u2028two") == "one\ntwo"  # a line separator still breaks the line


def test_typable_is_what_textual_drops_but_a_person_means() -> None:
    for char in ("\u200d", "\u200c", "\u00a0", "\u3000", "\ue000"):
        assert is_typable(char), repr(char)
    for char in ("a", "\t", "\r", "\x1b", "\x01", "\u202e", "\u061c", "\u2028", "\U000e0041"):
        assert not is_typable(char), repr(char)
