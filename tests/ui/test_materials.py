"""Materials (M on the Pipeline, ctrl+p) driven through Pilot: each test checks what is on screen
and what was stored."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, TextArea

from bounceback.clock import FixedClock
from bounceback.domain import MaterialKind
from bounceback.screens.material_forms import FileMaterialForm, PasteMaterialForm, RelabelForm
from bounceback.screens.materials import MaterialsScreen
from bounceback.screens.pipeline import PipelineScreen
from bounceback.store.db import Store
from bounceback.widgets.form import Field
from bounceback.widgets.record_table import RecordTable
from tests.data.documents import make_fixtures as fx
from tests.ui.conftest import screen_text, settle
from tests.ui.monkey import keys_for
from tests.ui.test_hostile_text import paste
from tests.ui.toasts import toasts_of

RESUME = """Sam Rivera
sam.rivera@example.com | 555 010 2233
EXPERIENCE
Analyst, Northwind Traders 2021-2025
- Built the weekly revenue dashboard used by 40 managers
- Responsible for data quality checks
- Cut month-end close from 6 days to 3 with automated reconciliations
EDUCATION
B.A. Economics, State University
SKILLS
SQL, Excel, Tableau, Python
"""


def versions(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.record.label for item in
            app.screen.query_one("#materials-table", RecordTable).rows]


async def open_materials(pilot) -> MaterialsScreen:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, PipelineScreen)
    await pilot.press("M")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MaterialsScreen)
    return pilot.app.screen


async def add_from_file(pilot, path: Path | str, label: str = "") -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FileMaterialForm)
    await paste(pilot, form.query_one("#material-path", Input), str(path))
    if label:
        await paste(pilot, form.query_one("#material-label", Input), label)
    await pilot.press("ctrl+s")
    await settle(pilot)


def detail(app) -> str:  # type: ignore[no-untyped-def]
    """The detail pane's words (head, health, text), unwrapped."""
    detail = app.screen.query_one("#materials-detail")
    return "\n".join([*(str(part.content) for part in detail.query(Static)),
                      detail.query_one("#materials-text", TextArea).text])


def field_error(form, name: str) -> str:  # type: ignore[no-untyped-def]
    field = form.query_one(f"#field-{name}", Field)
    assert field.has_class("-has-error")
    return str(field.query_one(".field-error").render())


# ---- getting there and the empty state -------------------------------------------------------


async def test_empty_state_explains_what_a_version_is_for(pilot, store):
    await open_materials(pilot)
    text = screen_text(pilot.app)
    assert "No resume versions yet." in text
    assert "The detective compares a job description" in " ".join(text.split())
    assert "Press a to add one from a file" in text
    assert "bounceback resume add FILE" in text
    keys = {b.binding.action for b in pilot.app.active_bindings.values()}
    assert {"add_file", "paste"} <= keys and not {"relabel", "retire"} & keys
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert store.materials.all() == []


async def test_the_palette_opens_it_and_never_twice(pilot):
    pilot.app.action_materials()
    await settle(pilot)
    assert isinstance(pilot.app.screen, MaterialsScreen)
    pilot.app.action_materials()
    await settle(pilot)
    names = [type(s).__name__ for s in pilot.app.screen_stack]
    assert names.count("MaterialsScreen") == 1
    commands = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
    assert "materials: Resume versions" in commands


async def test_the_pipeline_help_lists_the_key(pilot):
    await pilot.press("question_mark")
    await settle(pilot)
    assert "Materials: your resume and cover-letter versions" in screen_text(pilot.app)


# ---- adding from a file ----------------------------------------------------------------------


async def test_add_a_text_file_stores_its_name_and_shows_its_health(pilot, store, tmp_path):
    path = tmp_path / "sam-analyst.txt"
    path.write_text(RESUME)
    await open_materials(pilot)
    await add_from_file(pilot, path)
    assert isinstance(pilot.app.screen, MaterialsScreen)
    assert pilot.app.focused is pilot.app.screen.table  # x, l and the arrows work at once
    [record] = store.materials.all()
    assert record.file_name == "sam-analyst.txt" and record.label == "sam-analyst"
    assert record.kind is MaterialKind.RESUME and "Northwind Traders" in record.text
    text = screen_text(pilot.app)
    assert "sam-analyst" in text and "current" in text
    assert "Resume health" in text
    # a duty without a number is named with the line it is about
    assert "Responsible for data quality checks" in text
    assert "Text as it was read" in text
    assert "Cut month-end close from 6 days to 3" in detail(pilot.app)
    assert any("Added the resume sam-analyst from sam-analyst.txt" in t
               for t in toasts_of(pilot.app))


@pytest.mark.parametrize("name", ["resume.pdf", "resume.docx"])
async def test_add_a_pdf_or_a_word_file(pilot, store, tmp_path, name):
    files = fx.write_all(tmp_path / "docs")
    await open_materials(pilot)
    await add_from_file(pilot, files[name], label="Platform engineer")
    [record] = store.materials.all()
    assert record.file_name == name and record.label == "Platform engineer"
    assert "dana.whitfield@example.com" in record.text
    assert record.pages == (1 if name.endswith(".pdf") else None)
    assert versions(pilot.app) == ["Platform engineer"]
    assert "dana.whitfield@example.com" in screen_text(pilot.app)


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    files = fx.write_all(folder / "docs")
    junk = folder / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    big = folder / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(10 * 1024 * 1024 + 1)
    return {
        "encrypted": (files["locked.pdf"], "password"),
        "image-only": (files["scanned.pdf"], "no text layer"),
        "pictures": (files["pictures.docx"], "ATS"),
        "corrupt": (files["broken.docx"], "damaged"),
        "junk": (junk, "binary"),
        "too big": (big, "10 MB"),
        "missing": (folder / "nowhere.pdf", "does not exist"),
        "folder": (folder, "folder"),
    }


async def test_every_bad_file_is_one_line_under_the_path_and_nothing_is_stored(
        pilot, store, tmp_path):
    await open_materials(pilot)
    for why, (path, words) in _bad_files(tmp_path).items():
        await add_from_file(pilot, path, label="Kept label")
        form = pilot.app.screen
        assert isinstance(form, FileMaterialForm), why
        message = field_error(form, "path")
        assert words in message, (why, message)
        assert str(path) in message
        # what was typed stays; nothing was stored
        assert form.query_one("#material-path", Input).value == str(path)
        assert form.query_one("#material-label", Input).value == "Kept label"
        assert store.materials.all() == []
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MaterialsScreen), why


async def test_an_empty_path_is_asked_for(pilot, store):
    await open_materials(pilot)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert "Type the path of the file" in field_error(pilot.app.screen, "path")
    assert store.materials.all() == []


async def test_an_unreadable_file_says_permission_denied(pilot, store, tmp_path, monkeypatch):
    from bounceback import documents

    path = tmp_path / "secret.txt"
    path.write_text(RESUME)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # tests run as root, whom chmod does not stop: the reader's own open is refused instead
    monkeypatch.setattr(documents, "open", denied, raising=False)
    await open_materials(pilot)
    await add_from_file(pilot, path)
    assert "permission denied" in field_error(pilot.app.screen, "path")
    assert store.materials.all() == []


# ---- pasting ---------------------------------------------------------------------------------


async def test_paste_a_cover_letter_and_an_empty_paste_is_refused_at_the_field(pilot, store):
    await open_materials(pilot)
    await pilot.press("p")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, PasteMaterialForm)
    await paste(pilot, form.query_one("#material-label", Input), "Letter for Acme")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert "There is no text to keep" in field_error(form, "text")
    assert form.query_one("#material-label", Input).value == "Letter for Acme"
    assert store.materials.all() == []
    form.query_one("#material-kind", Select).value = MaterialKind.COVER_LETTER.value
    await paste(pilot, form.query_one("#material-text", TextArea),
                "Dear hiring team,\nI would love to help Acme ship faster.")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MaterialsScreen)
    [record] = store.materials.all()
    assert record.kind is MaterialKind.COVER_LETTER and record.label == "Letter for Acme"
    assert record.file_name == "" and record.text.startswith("Dear hiring team,")
    text = screen_text(pilot.app)
    assert "Letter for Acme" in text and "cover letter" in text
    assert "Health checks are for resumes" in text


async def test_a_pasted_resume_without_a_label_is_named_by_kind_and_day(pilot, store):
    await open_materials(pilot)
    await pilot.press("p")
    await settle(pilot)
    await paste(pilot, pilot.app.screen.query_one("#material-text", TextArea), RESUME)
    await pilot.press("ctrl+s")
    await settle(pilot)
    [record] = store.materials.all()
    assert record.label == "Resume 2026-11-25" and record.kind is MaterialKind.RESUME
    assert versions(pilot.app) == ["Resume 2026-11-25"]


# ---- relabel, retire -------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["[bold]x", "[/]"])
async def test_relabel_shows_markup_literally(pilot, store, label):
    first = store.materials.add(MaterialKind.RESUME, "Old label", RESUME)
    screen = await open_materials(pilot)
    await pilot.press("l")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, RelabelForm)
    await paste(pilot, form.query_one("#material-label", Input), label)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen is screen
    assert store.materials.get(first.id).label == label
    assert versions(pilot.app) == [label]
    assert label in screen_text(pilot.app)


async def test_an_empty_label_is_refused_at_the_field(pilot, store):
    first = store.materials.add(MaterialKind.RESUME, "Keep me", RESUME)
    await open_materials(pilot)
    await pilot.press("e")
    await settle(pilot)
    form = pilot.app.screen
    await paste(pilot, form.query_one("#material-label", Input), "   ")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert "label" in field_error(form, "label").casefold()
    assert store.materials.get(first.id).label == "Keep me"


async def test_retire_and_bring_back(pilot, store, clock: FixedClock):
    older = store.materials.add(MaterialKind.RESUME, "Generalist", RESUME)
    newer = store.materials.add(MaterialKind.RESUME, "Analyst", RESUME)
    await open_materials(pilot)
    assert versions(pilot.app) == ["Analyst", "Generalist"]
    await pilot.press("x")
    await settle(pilot)
    retired_at = store.materials.get(newer.id).retired_at
    assert retired_at is not None and retired_at.replace(tzinfo=UTC) == clock.now()
    assert store.materials.current().id == older.id
    assert any("Retired the resume Analyst" in t for t in toasts_of(pilot.app))
    text = screen_text(pilot.app)
    assert "retired" in text and "current resume: Generalist" in text
    await pilot.press("x")
    await settle(pilot)
    assert store.materials.get(newer.id).retired_at is None
    assert store.materials.current().id == newer.id
    assert any("Brought back the resume Analyst" in t for t in toasts_of(pilot.app))


async def test_uses_and_warnings_are_counted_in_the_table(pilot, store):
    from tests.ui.conftest import add

    record = store.materials.add(MaterialKind.RESUME, "Sent one", RESUME)
    add(store, "Acme")  # sent today: records the current version
    assert store.materials.uses() == {record.id: 1}
    await open_materials(pilot)
    text = screen_text(pilot.app)
    row = next(line for line in text.splitlines() if line.startswith("resume"))
    assert row.split("│")[0].split()[-4:] == ["50", "3", "1", "current"]  # words warn used
    assert "sent with 1 application" in detail(pilot.app)


async def test_a_read_only_store_refuses_a_retire_in_one_toast(tmp_path, clock, monkeypatch):
    from tests.ui.conftest import PipelineFirstApp
    from tests.ui.test_readonly import _unwritable

    path = tmp_path / "ro.db"
    writer = Store.open(path, clock)
    writer.materials.add(MaterialKind.RESUME, "Only", RESUME)
    writer.close()
    _unwritable(monkeypatch, path)
    store = Store.open(path, clock)
    assert store.readonly
    app = PipelineFirstApp(open_store=lambda: store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_materials(pilot)
        assert "read-only" in screen_text(pilot.app)
        await pilot.press("x")
        await settle(pilot)
        assert store.materials.all()[0].retired_at is None
        assert isinstance(pilot.app.screen, MaterialsScreen)
        assert "Not saved" in toasts_of(pilot.app)[-1]
    store.close()


# ---- what was typed survives a kill ----------------------------------------------------------


async def test_a_paste_typed_then_killed_is_offered_back_over_materials(make_app, make_home_app,
                                                                        store):
    from bounceback.screens.draft_offer import DraftOffer

    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_materials(pilot)
        await pilot.press("p", *keys_for("Sam [b]Rivera"))
        form = pilot.app.screen
        assert isinstance(form, PasteMaterialForm)
        form.save_draft_now()
        assert len(store.form_drafts.all()) == 1
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftOffer)
        assert "a pasted resume version" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PasteMaterialForm) and app.current_mode == "pipeline"
        assert [type(s).__name__ for s in app.screen_stack] == [
            "PipelineScreen", "MaterialsScreen", "PasteMaterialForm"]
        assert form.query_one("#material-text", TextArea).text == "Sam [b]Rivera"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MaterialsScreen)
    [record] = store.materials.all()
    assert record.text == "Sam [b]Rivera" and store.form_drafts.all() == []


async def test_a_relabel_typed_then_killed_is_offered_back(make_app, make_home_app, store):
    record = store.materials.add(MaterialKind.RESUME, "Old", RESUME)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_materials(pilot)
        await pilot.press("l", "end", *keys_for(" and new"))
        pilot.app.screen.save_draft_now()
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "a new label for a resume version: Old and new" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RelabelForm)
        assert app.screen.query_one("#material-label", Input).value == "Old and new"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert store.materials.get(record.id).label == "Old and new"


async def test_from_today_the_palette_opens_it_over_today(home):
    from bounceback.screens.today import TodayScreen
    from bounceback.widgets.mode_bar import ModeBar

    assert isinstance(home.app.screen, TodayScreen)
    home.app.action_materials()
    await settle(home)
    screen = home.app.screen
    assert isinstance(screen, MaterialsScreen) and home.app.current_mode == "today"
    assert "reverse" in str(screen.query_one(ModeBar)._line.spans)  # Today is lit
    await home.press("escape")
    await settle(home)
    assert isinstance(home.app.screen, TodayScreen)


async def test_never_over_a_form(pilot):
    await pilot.press("n")  # the application form
    await settle(pilot)
    pilot.app.action_materials()
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "ApplicationForm"
    assert "Close this first (escape), then open Materials." in toasts_of(pilot.app)
