"""`bounceback keywords`: golden output for one labelled pair, JSON, and one-line failures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bounceback.cli import main
from tests.data.documents import make_fixtures as fx

PAIR = Path(__file__).parent / "data" / "keywords" / "01-backend-engineer"
JOB, RESUME = PAIR / "job.md", PAIR / "resume.txt"
GOLDEN = Path(__file__).parent / "golden"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["keywords", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def golden(name: str, text: str) -> str:
    path = GOLDEN / name
    if os.environ.get("BOUNCEBACK_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_the_text_report_matches_the_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--job", str(JOB), "--resume", str(RESUME))
    assert code == 0 and err == ""
    assert out == golden("keywords-backend.txt", out)
    assert all(len(line) <= 80 for line in out.splitlines())


def test_the_json_report_matches_the_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--job", str(JOB), "--resume", str(RESUME), "--json")
    assert code == 0
    assert out == golden("keywords-backend.json", out)
    data = json.loads(out)
    assert isinstance(data, list) and data
    assert all({"term", "status", "resume_term", "line"} <= set(item) for item in data)
    postgres = next(item for item in data if item["term"] == "PostgreSQL")
    assert postgres["status"] == "variant" and postgres["resume_term"] == "Postgres"
    assert not any(item["term"] in ("Ledgerline", "401(k)") for item in data)


def test_pdf_and_word_resumes_work_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = fx.write_all(tmp_path)
    for name in ("resume.pdf", "resume.docx"):
        code, out, _ = run(capsys, "--job", str(JOB), "--resume", str(paths[name]))
        assert code == 0 and "Resume health" in out and "PostgreSQL" in out


@pytest.mark.parametrize(("name", "words"), [
    ("locked.pdf", "password"), ("scanned.pdf", "no text layer"), ("broken.docx", "damaged"),
])
def test_a_bad_resume_file_is_one_line_and_exit_2(tmp_path: Path, name: str, words: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    paths = fx.write_all(tmp_path)
    code, out, err = run(capsys, "--job", str(JOB), "--resume", str(paths[name]))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_a_missing_job_file_or_a_folder_is_one_line(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--job", str(tmp_path / "nope.txt"), "--resume", str(RESUME))
    assert code == 2 and err == f"bounceback: {tmp_path / 'nope.txt'} does not exist.\n"
    code, _, err = run(capsys, "--job", str(JOB), "--resume", str(tmp_path))
    assert code == 2 and "folder" in err and err.count("\n") == 1


def test_both_files_are_required() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["keywords", "--job", str(JOB)])
    assert exc.value.code == 2


def test_escape_codes_in_a_file_never_reach_the_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    job = tmp_path / "job.txt"
    job.write_text("Engineer [/]\n\nRequirements\n- Python \x1b[2J and [@click=app.quit]Kafka[/]\n"
                   "- \u202eSQL\n", encoding="utf-8")
    code, out, _ = run(capsys, "--job", str(job), "--resume", str(RESUME))
    assert code == 0 and "Kafka" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_the_company_option_hides_that_name(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    job = tmp_path / "job.txt"
    job.write_text("Admin\n\nRequirements\n- Salesforce administration\n- SQL\n")
    _, out, _ = run(capsys, "--job", str(job), "--resume", str(RESUME), "--json")
    assert "Salesforce" in {item["term"] for item in json.loads(out)}
    _, out, _ = run(capsys, "--job", str(job), "--resume", str(RESUME), "--json",
                    "--company", "Salesforce")
    assert "Salesforce" not in {item["term"] for item in json.loads(out)}


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """`bounceback keywords ... | head` must not end in "unexpected error (BrokenPipeError)"."""
    sink = open(tmp_path / "out", "w")  # noqa: SIM115 - closed below

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return sink.fileno()

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    try:
        code = main(["keywords", "--job", str(JOB), "--resume", str(RESUME)])
    finally:
        sink.close()
    assert code == 0
    assert capsys.readouterr().err == ""
