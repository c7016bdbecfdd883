"""The feedback request as the playbook means it: signed, addressed, mailto, honest copy."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from bounceback.domain import RejectionKind, Stage
from bounceback.playbook.triage import judge
from bounceback.screens.bounce.base import screen_for
from bounceback.screens.bounce.feedback import FeedbackScreen
from bounceback.screens.modals import TextPromptModal
from bounceback.store.db import Store
from tests.ui.conftest import add, screen_text, settle
from tests.ui.toasts import toasts_of


def _case(store: Store, **kw: object) -> int:
    app_id = add(store, "Acme", "Data Analyst", contact_name="Dana Okafor",
                 contact_email="dana@acme.example", **kw)
    store.applications.move(app_id, Stage.FINAL_ROUND)
    return store.rejections.log_for_application(app_id, judge).id


async def _feedback(app, pilot, case_id: int) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.push_screen(screen_for("feedback", case_id))
    await settle(pilot)


async def test_the_name_is_asked_once_and_signs_the_email(make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _feedback(app, pilot, case_id)
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press(*"Sam [b]Rivera", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.email.endswith("Kind regards,\nSam [b]Rivera\n")
        assert "in the interviews" in app.screen.email  # a final-round no
        await pilot.press("escape")
        await settle(pilot)
        await _feedback(app, pilot, case_id)
        assert isinstance(app.screen, FeedbackScreen)  # not asked a second time
    assert store.settings.get().your_name == "Sam [b]Rivera"


async def test_escape_leaves_it_unsigned_and_is_not_asked_again(make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _feedback(app, pilot, case_id)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.email.endswith("Kind regards,\n")
    assert store.settings.get().your_name == ""


async def test_the_contact_is_the_recipient_and_m_opens_a_filled_in_email(
        make_app, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store.settings.set_your_name("Sam")
    case_id = _case(store)
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("bounceback.clipboard.open_detached", fake_open)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _feedback(app, pilot, case_id)
        assert "To: dana@acme.example" in screen_text(app)
        await pilot.press("m")
        await settle(pilot)
        email = app.screen.email
    (url,) = opened
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "dana@acme.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you — Data Analyst at Acme"]
    assert query["body"] == [email] and email.startswith("Hello Dana,")
    assert any(t.startswith("Opening a new email in your mail app") for t in toasts_of(app))


async def test_without_a_mail_app_it_says_so(make_app, store) -> None:  # type: ignore[no-untyped-def]
    store.settings.set_your_name("Sam")
    case_id = _case(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:  # no desktop session in tests
        await _feedback(app, pilot, case_id)
        await pilot.press("m")
        await settle(pilot)
        assert any(t.startswith("No mail app can be reached") for t in toasts_of(app))


async def test_copy_says_copied_only_when_a_clipboard_tool_took_it(
        make_app, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store.settings.set_your_name("Sam")
    case_id = _case(store)
    taken: list[str] = []

    def fake_tool(text: str) -> str:
        taken.append(text)
        return "xclip"

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _feedback(app, pilot, case_id)
        monkeypatch.setattr("bounceback.clipboard.copy_with_tool", fake_tool)
        await pilot.press("c")
        await settle(pilot)
        assert taken and taken[0].startswith("Subject: Thank you — Data Analyst at Acme\n\n")
        assert any(t.startswith("Copied to the clipboard.") for t in toasts_of(app))
        monkeypatch.setattr("bounceback.clipboard.copy_with_tool", lambda text: None)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard.startswith("Subject: ")  # handed to the terminal instead
        assert any("some ignore it" in t for t in toasts_of(app))


async def test_an_untracked_no_has_no_address_and_asks_about_the_application(
        make_app, store) -> None:  # type: ignore[no-untyped-def]
    store.settings.set_your_name("")
    case = store.rejections.log_untracked("Nowhere", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _feedback(app, pilot, case.id)
        assert "no address saved for the contact" in screen_text(app)
        assert "consider my application" in app.screen.email


async def test_the_palette_changes_the_name(make_app, store) -> None:  # type: ignore[no-untyped-def]
    store.settings.set_your_name("Sam")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_your_name()
        await settle(pilot)
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press("ctrl+u", *"Sam Rivera", "enter")  # starts with the current name
        await settle(pilot)
        assert store.settings.get().your_name == "Sam Rivera"
        app.action_your_name()
        await settle(pilot)
        await pilot.press("escape")  # keeps it
        await settle(pilot)
    assert store.settings.get().your_name == "Sam Rivera"
    assert any(t == "Emails are signed “Sam Rivera”." for t in toasts_of(app))
