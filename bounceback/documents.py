"""Reading a resume or a job description from a file: .txt/.md, .pdf (pypdf), .docx (python-docx).

What comes out is the text an applicant tracking system would see. Anything that cannot be read
is refused with one line saying why and what to do (`DocumentError.message`); nothing is
written anywhere. pypdf and python-docx are imported only when such a file is opened, never on
the app's startup path.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bounceback.sanitize import clean_text

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024  # a .docx is a zip: refuse one that would unpack to more
MAX_PAGES = 100
MIN_TEXT = 20  # fewer visible characters than this from a PDF or .docx means "no text layer"
TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown"})


class DocumentError(Exception):
    """A file that cannot be read, with one line for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Document:
    """The text of a file, its name, what kind of file it was and (for a PDF) its pages."""

    text: str
    name: str
    kind: str
    pages: int | None = None


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read a document into text; DocumentError (one line) when that is not possible."""
    p = Path(path).expanduser()
    data = _read_bytes(p)
    kind = _kind(data, p)
    if kind == "pdf":
        text, pages = _pdf_text(data, p)
        return Document(text, p.name, "pdf", pages)
    if kind == "docx":
        return Document(_docx_text(data, p), p.name, "docx")
    return Document(_plain_text(data, p), p.name, "text")


def _read_bytes(p: Path) -> bytes:
    """The file's bytes, after checking it is a readable regular file of sane size."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DocumentError(f"{p} does not exist.") from None
    except PermissionError:
        raise DocumentError(f"{p} cannot be opened: permission denied.") from None
    except OSError as exc:
        raise DocumentError(f"{p} cannot be read ({exc.strerror or type(exc).__name__}).") \
            from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(f"{p} is a folder; give the document's file.")
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever, a device never ends
        raise DocumentError(f"{p} is not a regular file; save the document to a file first.")
    if st.st_size > MAX_BYTES:
        raise DocumentError(f"{p} is larger than the 10 MB limit (a resume is rarely over "
                            "1 MB: export it again without large images).")
    if st.st_size == 0:
        raise DocumentError(f"{p} is empty.")
    try:
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise DocumentError(f"{p} cannot be opened: permission denied.") from None
    except OSError as exc:
        raise DocumentError(f"{p} cannot be read ({exc.strerror or type(exc).__name__}).") \
            from None
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{p} is over the 10 MB limit.")
    return data


def _kind(data: bytes, p: Path) -> str:
    """What the bytes are (the content decides, the suffix only breaks ties)."""
    suffix = p.suffix.casefold()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(f"{p} is an old Word (.doc) file; save it as .docx or PDF and try "
                            "again.")
    if data.startswith(b"{\\rtf"):
        raise DocumentError(f"{p} is an RTF file; save it as .docx, PDF or plain text.")
    if suffix == ".pdf":
        raise DocumentError(f"{p} is not a readable PDF (the file may be damaged).")
    if suffix == ".docx":
        raise DocumentError(f"{p} is not a readable Word document (the file may be damaged).")
    if suffix not in TEXT_SUFFIXES and b"\x00" in data[:8192]:
        raise DocumentError(f"{p} is not a document bounceback can read; use .txt, .md, .pdf "
                            "or .docx.")
    return "text"


def _plain_text(data: bytes, p: Path) -> str:
    """Decode text (UTF-8, UTF-16 with a BOM, or Windows-1252) and refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(f"{p} does not look like text.") from None
    elif b"\x00" in data[:8192]:
        raise DocumentError(f"{p} does not look like text (it holds binary data); use .txt, "
                            ".md, .pdf or .docx.")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    sample = text[:20_000]
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if odd > 8 and odd / len(sample) > 0.02:  # a stray escape code is cleaned, not refused
        raise DocumentError(f"{p} does not look like text (it holds binary data); use .txt, "
                            ".md, .pdf or .docx.")
    return _finish(text, p)


def _finish(text: str, p: Path) -> str:
    """Clean control characters; refuse a file with no words at all."""
    text = clean_text(text)
    if not text.strip():
        raise DocumentError(f"{p} has no text.")
    return text


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """pypdf logs warnings about odd files to stderr; the person gets one line from us."""
    logger = logging.getLogger(logger_name)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def _pdf_text(data: bytes, p: Path) -> tuple[str, int]:
    """A PDF's text layer, page by page; refused when encrypted or image-only."""
    import pypdf  # lazy: only when a PDF is opened

    with _quiet("pypdf"):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            encrypted = reader.is_encrypted
        except Exception:  # noqa: BLE001 - pypdf raises many kinds for a damaged file
            raise DocumentError(f"{p} could not be read as a PDF (the file may be damaged).") \
                from None
        if encrypted:
            try:
                opened = bool(reader.decrypt(""))  # only an owner password: readable
            except Exception:  # noqa: BLE001 - e.g. AES without the cryptography package
                opened = False
            if not opened:
                raise DocumentError(f"{p} is password-protected or encrypted: an ATS cannot "
                                    "read it either. Save a copy without a password.")
        try:
            count = len(reader.pages)
            texts = [page.extract_text() or "" for page in list(reader.pages)[:MAX_PAGES]]
        except Exception:  # noqa: BLE001
            raise DocumentError(f"{p} could not be read as a PDF (the file may be damaged).") \
                from None
    text = "\n".join(texts)
    if sum(1 for c in text if not c.isspace()) < MIN_TEXT:
        raise DocumentError(f"{p} has no text layer (a scanned image?): an ATS cannot read it "
                            "either. Export it as a text PDF from your editor, or use .docx.")
    return _finish(text, p), count


def _docx_text(data: bytes, p: Path) -> str:
    """A Word document's text in reading order: header, paragraphs (bullets marked), tables."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(f"{p} could not be read as a Word document (the file may be "
                            "damaged).") from None
    if "word/document.xml" not in names:
        raise DocumentError(f"{p} is a zip archive, not a Word document.")
    if unpacked > MAX_UNPACKED:
        raise DocumentError(f"{p} would unpack to over 100 MB; save a simpler copy.")
    import docx  # lazy: only when a .docx is opened

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except Exception:  # noqa: BLE001 - python-docx/lxml raise many kinds for bad XML
        raise DocumentError(f"{p} could not be read as a Word document (the file may be "
                            "damaged).") from None
    text = "\n".join(lines)
    if sum(1 for c in text if not c.isspace()) < MIN_TEXT:
        raise DocumentError(f"{p} has no text (only images?): an ATS cannot read it either.")
    return _finish(text, p)


def _docx_lines(document: Any) -> list[str]:
    lines: list[str] = []
    seen_header: set[str] = set()
    for section in document.sections:
        for para in section.header.paragraphs:
            if para.text.strip() and para.text not in seen_header:
                seen_header.add(para.text)
                lines.append(para.text)
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: each distinct cell once, row by row
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text.strip() and cell.text not in cells:
                        cells.append(cell.text)
                lines.extend(cells)
        else:
            lines.append(f"- {block.text}" if _is_list_item(block) and block.text.strip()
                         else block.text)
    return lines


def _is_list_item(paragraph: Any) -> bool:
    """A bulleted or numbered paragraph (a list style, or numbering in its properties)."""
    style = getattr(paragraph.style, "name", "") or ""
    if style.casefold().startswith("list"):
        return True
    ppr = paragraph.paragraph_format.element.pPr
    return ppr is not None and ppr.numPr is not None
