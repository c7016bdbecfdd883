"""Our JSON export read and written one record at a time (the standard library has no streaming
JSON parser: `json` only takes whole documents).

The writer puts one record per line inside each table's array, so the file stays plain JSON.
The reader walks the top-level object and the `tables` object by hand and hands each record
to `json`'s own decoder (`raw_decode`) as soon as it is complete in the buffer: any layout of
the same JSON reads the same (an older, indented export too), and only one record at a time is
ever held, up to MAX_RECORD.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Protocol

from bounceback.sanitize import UNSAFE_PATTERN
from bounceback.store.portability.common import MAX_RECORD, ImportRefused, short

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER_GOES_ON = frozenset("0123456789.eE+-")
_UNSAFE = re.compile(f"[{UNSAFE_PATTERN}]")
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # made once: json.dumps builds one per call


def size_text(chars: int) -> str:
    """"16 MB" for a limit of whole megabytes, else "1,000 characters"."""
    return f"{chars // 2**20} MB" if chars % 2**20 == 0 else f"{chars:,} characters"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON spells an astral code point as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def dumps(value: object) -> str:
    """One JSON value on one line, every terminal control or bidi character \\u-escaped.

    `json.dumps(ensure_ascii=False)` leaves DEL, the C1 controls (0x9B is an 8-bit CSI), bidi
    overrides and U+2028/2029 raw; escaped, `cat export.json` cannot drive the terminal and the
    value is unchanged.
    """
    text = _ENCODER.encode(value)
    if text.isascii() and "\x7f" not in text:  # json escaped every other control already
        return text
    return _UNSAFE.sub(_escape, text)


class ExportVisitor(Protocol):
    """Receives the parts of an export as they are read."""

    def header(self, key: str, value: Any) -> None:
        """A top-level value other than "tables" ("format", "version", ...)."""

    def tables(self) -> None:
        """The "tables" object starts."""

    def table(self, name: str) -> None:
        """A table's array starts."""

    def row(self, name: str, value: Any) -> None:
        """One record of the table `name`, in file order."""

    def end(self, name: str) -> None:
        """The table's array ended."""


class _Reader:
    """A growing text buffer over the chunks, with the JSON tokens the export is made of."""

    def __init__(self, chunks: Iterator[str], limit: int) -> None:
        self._chunks = chunks
        self._limit = limit
        self._decoder = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # the line `buf` starts on

    def more(self) -> bool:
        """Drop what is parsed, append the next chunk; False at the end of the file."""
        if self.eof:
            return False
        if self.pos:
            self._line += self.buf.count("\n", 0, self.pos)
            self.buf = self.buf[self.pos:]
            self.pos = 0
        chunk = next(self._chunks, None)
        if chunk is None:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def peek(self) -> str:
        """The next character that is not white space, without taking it ("" at the end)."""
        while True:
            end = _SPACE.match(self.buf, self.pos)
            assert end is not None
            self.pos = end.end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def take(self, allowed: str) -> str:
        """The next non-space character, which must be one of `allowed`."""
        char = self.peek()
        if not char or char not in allowed:
            raise self.invalid()
        self.pos += 1
        return char

    def value(self, what: Callable[[], str]) -> Any:
        """The next complete JSON value; reads on while it may still be growing.

        `what` names it, should it be too long (only then is it called).
        """
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                end = -1
            except RecursionError as exc:
                raise self.invalid() from exc
            if end != -1 and (self.eof or (end < len(self.buf) and not (
                    isinstance(value, int | float) and self.buf[end] in _NUMBER_GOES_ON))):
                self.pos = end
                return value
            if end == -1 and self.eof:
                raise self.invalid()
            if len(self.buf) - self.pos > self._limit:
                raise ImportRefused(f"{what()} is longer than {size_text(self._limit)}, the "
                                    "limit for one record; nothing was imported.")
            self.more()  # the value may go on in the next chunk ("12" of "123", "0" of "0.5")

    def key(self) -> str:
        """An object key (a JSON string)."""
        if self.peek() != '"':
            raise self.invalid()
        name = self.value(lambda: "a name")
        if not isinstance(name, str):  # pragma: no cover - a string literal decodes to str
            raise self.invalid()
        return name

    def invalid(self) -> ImportRefused:
        """Where the JSON stops making sense, as a refusal."""
        line = self._line + self.buf.count("\n", 0, self.pos)
        return ImportRefused(f"the file starts like JSON but is not valid JSON (near line "
                             f"{line:,}).")


def read_export(chunks: Iterator[str], visitor: ExportVisitor,
                limit: int = MAX_RECORD) -> None:
    """Walk one export: headers and each table's records go to `visitor` as they are read."""
    reader = _Reader(chunks, limit)
    reader.take("{")
    if reader.peek() == "}":
        reader.pos += 1
    else:
        seen_tables = False
        while True:
            key = reader.key()
            reader.take(":")
            if key == "tables":
                if seen_tables:
                    raise ImportRefused("the export has \"tables\" twice.")
                seen_tables = True
                _tables(reader, visitor)
            else:
                visitor.header(key, reader.value(partial(_value_name, key)))
            if reader.take(",}") == "}":
                break
    if reader.peek():
        raise reader.invalid()  # something after the object


def _value_name(key: str) -> str:
    return f"the value of \"{short(key)}\""


def _record_name(index: int, name: str) -> str:
    return f"record {index:,} of table {short(name)}"


def _tables(reader: _Reader, visitor: ExportVisitor) -> None:
    if reader.peek() != "{":
        reader.value(lambda: "\"tables\"")
        raise ImportRefused("the export's \"tables\" is not an object of tables.")
    reader.take("{")
    visitor.tables()
    if reader.peek() == "}":
        reader.pos += 1
        return
    seen: set[str] = set()
    while True:
        name = reader.key()
        reader.take(":")
        if name in seen:
            raise ImportRefused(f"table {short(name)} appears twice in the export.")
        seen.add(name)
        if reader.peek() != "[":
            raise ImportRefused(f"table {short(name)} is not a list of rows.")
        reader.pos += 1
        visitor.table(name)
        if reader.peek() == "]":
            reader.pos += 1
        else:
            index = 0
            while True:
                index += 1
                visitor.row(name, reader.value(partial(_record_name, index, name)))
                if reader.take(",]") == "]":
                    break
        visitor.end(name)
        if reader.take(",}") == "}":
            return
