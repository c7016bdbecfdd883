"""Reading resumes and job descriptions from files: every kind that works, every bad file refused
in one line, and the PDF/Word libraries kept off the startup path."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bounceback import documents
from bounceback.documents import DocumentError, read_document
from tests.data.documents import make_fixtures as fx


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return fx.write_all(tmp_path_factory.mktemp("documents"))


def refused(path: Path) -> str:
    with pytest.raises(DocumentError) as exc:
        read_document(path)
    message = exc.value.message
    assert "\n" not in message and str(path) in message
    return message


def test_a_text_pdf_gives_its_text_and_page_count(files: dict[str, Path]) -> None:
    doc = read_document(files["resume.pdf"])
    assert doc.kind == "pdf" and doc.pages == 1 and doc.name == "resume.pdf"
    assert "dana.whitfield@example.com" in doc.text
    assert "- Responsible for on-call rotation and incident reviews" in doc.text


def test_a_docx_gives_header_paragraphs_bullets_and_table_cells(files: dict[str, Path]) -> None:
    doc = read_document(files["resume.docx"])
    lines = doc.text.splitlines()
    assert doc.kind == "docx" and doc.pages is None
    assert lines[0].startswith("dana.whitfield@example.com")  # from the page header
    assert "- Responsible for on-call rotation and incident reviews" in lines  # a bullet
    assert "Python, Postgres" in lines and "Docker, AWS" in lines  # table cells


def test_text_and_markdown_files_decode_utf8_utf16_and_windows_1252(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Café résumé\n- Python", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Crème brûlée, SQL", encoding="utf-16")
    (tmp_path / "c.txt").write_bytes("Naïve “quotes” — SQL".encode("cp1252"))
    assert read_document(tmp_path / "a.md").text == "# Café résumé\n- Python"
    assert read_document(tmp_path / "b.txt").text == "Crème brûlée, SQL"
    assert read_document(tmp_path / "c.txt").text == "Naïve “quotes” — SQL"


def test_control_characters_and_bidi_overrides_are_stripped(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Dana\x1b[2J Whitfield\u202e\r\nPython", encoding="utf-8")
    assert read_document(tmp_path / "r.txt").text == "Dana[2J Whitfield\nPython"


def test_an_encrypted_pdf_is_refused_saying_an_ats_cannot_read_it(
        files: dict[str, Path]) -> None:
    message = refused(files["locked.pdf"])
    assert "password" in message and "ATS" in message


def test_an_image_only_pdf_is_refused_saying_an_ats_cannot_read_it(
        files: dict[str, Path]) -> None:
    message = refused(files["scanned.pdf"])
    assert "no text layer" in message and "ATS" in message


def test_a_word_file_with_no_words_is_refused(files: dict[str, Path]) -> None:
    assert "ATS" in refused(files["pictures.docx"])


def test_a_corrupt_docx_and_a_corrupt_pdf_are_refused(files: dict[str, Path],
                                                      tmp_path: Path) -> None:
    assert "damaged" in refused(files["broken.docx"])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(fx.text_pdf()[:60])
    assert "PDF" in refused(cut)
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf at all")
    assert "not a readable PDF" in refused(fake)


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "zip archive" in refused(path)


def test_binary_junk_old_doc_and_rtf_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    assert "binary" in refused(junk)
    noise = tmp_path / "noise.md"
    noise.write_bytes(bytes((i * 97 + 13) % 256 for i in range(4000)).replace(b"\x00", b"\x01"))
    assert "text" in refused(noise)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert ".docx" in refused(doc)
    rtf = tmp_path / "cv.rtf"
    rtf.write_text("{\\rtf1\\ansi hello}")
    assert "RTF" in refused(rtf)


def test_a_file_over_10_mb_is_refused_without_reading_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(documents.MAX_BYTES + 1)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file that is too big")

    monkeypatch.setattr("builtins.open", no_open)
    assert "10 MB" in refused(big)


def test_missing_empty_folder_and_fifo_are_refused(tmp_path: Path) -> None:
    assert "does not exist" in refused(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert "empty" in refused(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n")
    assert "no text" in refused(blank)
    assert "folder" in refused(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)  # and it did not block


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hello there")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", denied)  # root can read anything; simulate it
    assert "permission denied" in refused(path)


def test_pdf_warnings_do_not_reach_the_terminal(tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd.pdf"
    odd.write_bytes(fx.text_pdf().replace(b"startxref\n", b"startxref\n9"))  # a bad offset
    with contextlib.suppress(DocumentError):
        read_document(odd)
    assert capfd.readouterr().err == ""


def test_the_pdf_and_word_libraries_load_only_when_needed() -> None:
    code = ("import sys, bounceback.cli, bounceback.documents, bounceback.keyword_report; "
            "print(sorted(m for m in ('pypdf', 'docx', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parents[1])
    assert out.stdout.strip() == "[]"
