"""Reading a file to import a piece at a time: checked (not binary, UTF-8) and fingerprinted.

Nothing here holds the whole file: text comes in chunks of about a megabyte, so a file of any
size is read in the same small memory. The SHA-256 of the bytes read lets the import check that
the file it stores is the file the dry run checked.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from bounceback.store.errors import StoreError
from bounceback.store.fs import open_regular
from bounceback.store.portability.common import MAX_RECORD, ImportRefused, Source

CHUNK = 1024 * 1024
_LINE_END = re.compile("\r\n|\r|\n")


def source_for(path: Path) -> Source:
    """The source for a path, refused in one line when it is missing or not a regular file."""
    path = Path(path).expanduser()
    if not path.exists():
        raise ImportRefused(f"{path} does not exist.")
    if not path.is_file():
        raise ImportRefused(f"{path} is not a file.")
    return Source(path=path)


def _blocks(source: Source, size: int) -> Iterator[bytes]:
    if source.data is not None:
        view = memoryview(source.data)
        for start in range(0, len(view), size):
            yield bytes(view[start:start + size])
        return
    assert source.path is not None
    try:
        fd = open_regular(source.path)  # never blocks on a FIFO swapped in meanwhile
    except StoreError as exc:
        raise ImportRefused(exc.message) from exc
    except OSError as exc:
        raise ImportRefused(f"could not read {source.path} "
                            f"({exc.strerror or type(exc).__name__}).") from exc
    try:
        while True:
            try:
                block = os.read(fd, size)
            except OSError as exc:
                raise ImportRefused(f"could not read {source.path} "
                                    f"({exc.strerror or type(exc).__name__}).") from exc
            if not block:
                return
            yield block
    finally:
        os.close(fd)


class TextStream:
    """The source's text in chunks (UTF-8, a leading BOM dropped); `digest` once read through.

    A NUL byte anywhere refuses the file as binary; bytes that are not UTF-8 refuse it with
    their position.
    """

    def __init__(self, source: Source, chunk: int | None = None) -> None:
        """Nothing is read until iterated (`chunk` bytes at a time, CHUNK by default)."""
        self._source = source
        self._chunk = chunk or CHUNK
        self._sha = hashlib.sha256()
        self.bytes_read = 0

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of the bytes read so far: the whole file once iterated to the end."""
        return self._sha.hexdigest()

    def __iter__(self) -> Iterator[str]:
        """Decoded text, chunk by chunk."""
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        for block in _blocks(self._source, self._chunk):
            self._sha.update(block)
            if b"\x00" in block:
                raise ImportRefused("this looks like a binary file, not a CSV or a bounceback "
                                    "JSON export.")
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(block)
            except UnicodeDecodeError as exc:
                raise _not_utf8(self.bytes_read - pending + exc.start + 1) from exc
            self.bytes_read += len(block)
            if text:
                yield text
        try:
            tail = decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise _not_utf8(self.bytes_read - len(decoder.getstate()[0]) + exc.start + 1) \
                from exc
        if tail:
            yield tail


def _not_utf8(byte: int) -> ImportRefused:
    return ImportRefused(f"the file is not UTF-8 text (byte {byte:,}); save it as UTF-8 CSV "
                         "and try again.")


def lines(chunks: Iterable[str], limit: int = MAX_RECORD) -> Iterator[str]:
    """Lines as `csv` wants them from a file opened with newline="": each with its end kept.

    A line ends at \\n, \\r or \\r\\n (a \\r at a chunk's end waits for the next chunk). A line
    longer than `limit` characters refuses the file.
    """
    rest = ""
    count = 0
    for chunk in chunks:
        buf = rest + chunk
        start = 0
        for match in _LINE_END.finditer(buf):
            if match.group() == "\r" and match.end() == len(buf):
                break  # maybe the first half of \r\n
            count += 1
            yield buf[start:match.end()]
            start = match.end()
        rest = buf[start:]
        if len(rest) > limit:
            raise ImportRefused(f"line {count + 1:,} is longer than {limit:,} characters; "
                                "nothing was imported.")
    if rest:
        yield rest
