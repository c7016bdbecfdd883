"""Small PDF and Word files for the document tests, made on the fly (nothing binary is committed).

`python tests/data/documents/make_fixtures.py OUT_DIR` writes them to a folder to look at.
PDFs are written by hand (a text PDF needs only a content stream and a standard font); the
encrypted one goes through pypdf, the Word files through python-docx.
"""

from __future__ import annotations

import io
import sys
import zlib
from pathlib import Path

RESUME_LINES = (
    "Dana Whitfield",
    "dana.whitfield@example.com | (503) 555-0142 | github.com/danaw",
    "EXPERIENCE",
    "- Rebuilt the invoicing service in Python; p95 latency fell from 900 ms to 120 ms",
    "- Responsible for on-call rotation and incident reviews",
    "EDUCATION",
    "B.S. Computer Science, Oregon State University",
    "SKILLS",
    "Python, Postgres, Docker, AWS",
)


def _pdf(objects: list[bytes]) -> bytes:
    """Assemble numbered objects into a PDF with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(lines: tuple[str, ...] = RESUME_LINES) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica, plain ASCII)."""
    ops = [b"BT /F1 11 Tf 72 740 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def image_pdf() -> bytes:
    """A PDF whose only content is a picture (what a scanned resume looks like)."""
    pixels = zlib.compress(bytes([0, 255, 255, 0] * 16))  # an 8x8 grey checker
    content = b"q 200 0 0 200 72 500 cm /Im1 Do Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(content),
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 "
                        b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "),
    ])


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """The text PDF, encrypted (RC4, which pypdf writes without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def resume_docx(*, with_table: bool = True) -> bytes:
    """A Word resume: contact line in the header, headings, bullets and a skills table."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = RESUME_LINES[1]
    document.add_heading(RESUME_LINES[0], level=1)
    document.add_heading("Experience", level=2)
    document.add_paragraph("Rebuilt the invoicing service in Python; p95 latency fell from 900 ms "
                           "to 120 ms", style="List Bullet")
    document.add_paragraph("Responsible for on-call rotation and incident reviews",
                           style="List Bullet")
    document.add_heading("Education", level=2)
    document.add_paragraph("B.S. Computer Science, Oregon State University")
    if with_table:
        document.add_heading("Skills", level=2)
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Python, Postgres"
        table.rows[0].cells[1].text = "Docker, AWS"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def empty_docx() -> bytes:
    """A Word file with no words (what a resume made of pictures gives an ATS)."""
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def corrupt_docx() -> bytes:
    """A Word file cut in half (a failed download)."""
    data = resume_docx()
    return data[: len(data) // 2]


FIXTURES = {
    "resume.pdf": text_pdf,
    "scanned.pdf": image_pdf,
    "locked.pdf": encrypted_pdf,
    "resume.docx": resume_docx,
    "pictures.docx": empty_docx,
    "broken.docx": corrupt_docx,
}


def write_all(folder: Path) -> dict[str, Path]:
    """Write every fixture into `folder`; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in FIXTURES.items():
        path = folder / name
        path.write_bytes(make())
        paths[name] = path
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).values():
        print(written)
