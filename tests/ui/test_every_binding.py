"""Every binding on every screen: each key of each screen and modal, pressed from its own state.

For every place in `tests/ui/binding_tour.py` (the numbered screens, the application detail,
every form, every step of the bounce-back flow, the case, the win reader, help, the confirm /
picker / prompt modals, the ritual editor, import and export, the startup and open-error
screens) the tour reaches the place from a fresh app on demo data, presses one key, then escape
twice, and checks the app: alive (or quit cleanly for a quit key), no failed worker, every
touched screen stack sane, no modal left open behind a screen switch. Each (place, key) pair is
its own test; one app per place is shared between its keys (the place's state is re-established
between keys, or a fresh app started), so the pairs of one place run together on one worker.

TABLE lists the keys pressed per place; `test_the_table_lists_every_key` fails when a place's
active bindings change, so a new key is never left out. Regenerate a row with
`python -m tests.ui.binding_tour PLACE`. Known defects are xfail(strict): they turn into
failures (XPASS) the day they are fixed, so the mark is removed with the fix.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.binding_tour import ESCAPES, PLACE_BY_NAME, TourResult, tour
from tests.ui.monkey import make_demo_db, prepare_home

TABLE: dict[str, str] = {
    "startup": "tab shift+tab ctrl+c question_mark ctrl+p ctrl+q",
    "open-error": "tab shift+tab ctrl+c r question_mark ctrl+p ctrl+q",
    "today-checkin": (
        "1 2 3 4 5 left right backspace enter tab shift+tab ctrl+c c w escape R g question_mark "
        "ctrl+p ctrl+q"
    ),
    "today": (  # the demo's window planned for this evening: g starts it
        "plus minus space r up down tab shift+tab ctrl+c c w R g question_mark 1 2 3 4 5 ctrl+p "
        "ctrl+q"
    ),
    "today-wallow-open": (
        "plus minus space r up down tab shift+tab ctrl+c c w R question_mark 1 2 3 4 5 ctrl+p "
        "ctrl+q g"
    ),
    "pipeline": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown enter tab "
        "shift+tab ctrl+c n slash f right_square_bracket r e left_square_bracket m M delete a i "
        "question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "pipeline-filter": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown shift+left "
        "ctrl+left ctrl+shift+left shift+right ctrl+right ctrl+shift+right backspace ctrl+shift+a "
        "shift+home shift+end delete enter ctrl+w ctrl+u ctrl+backspace ctrl+k ctrl+x ctrl+c "
        "ctrl+v tab shift+tab slash escape ctrl+p ctrl+q"
    ),
    "rejections": (
        "up down home end pageup pagedown k enter tab shift+tab ctrl+c n slash s question_mark 1 "
        "2 3 4 5 ctrl+p ctrl+q delete"
    ),
    "wins": (
        "up down home end pageup pagedown enter slash c t tab shift+tab ctrl+c n p h e delete w s "
        "l question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "wins-strengths": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown enter n delete "
        "left_square_bracket right_square_bracket tab shift+tab ctrl+c h w s l question_mark 1 2 "
        "3 4 5 ctrl+p ctrl+q"
    ),
    "wins-help-log": (
        "up down home end pageup pagedown enter e delete tab shift+tab ctrl+c h w s l "
        "question_mark 1 2 3 4 5 ctrl+p ctrl+q n"
    ),
    "goals": (
        "up down home end pageup pagedown enter tab shift+tab ctrl+c n e delete question_mark 1 2 "
        "3 4 5 ctrl+p ctrl+q"
    ),
    "application-detail": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown tab shift+tab "
        "ctrl+c escape e k a i question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "keyword-gap": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown tab shift+tab "
        "ctrl+c v escape"
    ),
    "reuse-research": "enter tab shift+tab ctrl+c ctrl+s escape down up",
    "application-form-new": "tab shift+tab ctrl+s escape",
    "application-form-edit": "tab shift+tab ctrl+s escape",
    "application-form-from-detail": "tab shift+tab ctrl+s escape",
    "confirm-delete": "enter tab shift+tab ctrl+c y n",
    "picker-move": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown enter tab "
        "shift+tab ctrl+c escape"
    ),
    "help": "tab shift+tab ctrl+c escape",
    "palette": "tab shift+tab ctrl+end ctrl+home escape",
    "case": "tab shift+tab ctrl+c escape e v x l question_mark 1 2 3 4 5 ctrl+p ctrl+q delete",
    "case-planned": (  # g opens the planned window now
        "tab shift+tab ctrl+c escape e a v l g delete question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "case-form": "tab shift+tab ctrl+s escape",
    "untracked-form": "tab shift+tab ctrl+s escape",
    "acknowledge": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown enter space tab "
        "shift+tab ctrl+c ctrl+s ctrl+r escape 0 1 2 3 4 5 6 7 8 9 question_mark ctrl+p ctrl+q"
    ),
    "wallow": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown ctrl+left "
        "ctrl+right ctrl+shift+left ctrl+shift+right shift+home shift+end shift+up shift+down "
        "shift+left shift+right f6 f7 backspace ctrl+w delete alt+delete ctrl+x ctrl+c ctrl+v "
        "ctrl+u ctrl+k ctrl+shift+k ctrl+z ctrl+y tab shift+tab ctrl+s escape ctrl+p ctrl+q"
    ),
    "wallow-end-confirm": "tab shift+tab ctrl+c y n",
    "ritual": (
        "tab shift+tab ctrl+c ctrl+s h e escape 0 1 2 3 4 5 6 7 8 9 question_mark ctrl+p ctrl+q"
    ),
    "ritual-first": (  # ctrl+s: on to the wallow window
        "tab shift+tab ctrl+c ctrl+s h e escape 0 1 2 3 4 5 6 7 8 9 question_mark ctrl+p ctrl+q"
    ),
    "help-form-from-ritual": "tab shift+tab ctrl+s escape",
    "ritual-editor-from-flow": (
        "tab shift+tab ctrl+c n r left_square_bracket right_square_bracket x escape"
    ),
    "detective": "tab shift+tab ctrl+c ctrl+s k escape question_mark 1 2 3 4 5 ctrl+p ctrl+q",
    "detective-kind-picker": "tab shift+tab ctrl+c escape",
    "application-detail-rounds": (
        "up down left right home end pageup pagedown ctrl+pageup ctrl+pagedown tab shift+tab "
        "ctrl+c escape e k a i I x question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "detective-final": (
        "tab shift+tab ctrl+c ctrl+s k w b escape question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "detective-answer-form": "tab shift+tab ctrl+s escape",
    "round-form": "tab shift+tab ctrl+s escape",
    "round-form-from-detail": "tab shift+tab ctrl+s escape",
    "round-offer": "tab shift+tab ctrl+c y n",
    "answer-bank": (
        "up down home end pageup pagedown enter tab shift+tab ctrl+c escape slash a e delete "
        "question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "answer-bank-form": "tab shift+tab ctrl+s escape",
    "feedback": (
        "tab shift+tab ctrl+c ctrl+s c m s a n e question_mark 1 2 3 4 5 ctrl+p ctrl+q escape"
    ),
    "feedback-editing": "tab shift+tab ctrl+s escape ctrl+p ctrl+q",
    "feedback-save-prompt": "tab shift+tab escape",
    "keep-moving": "tab shift+tab ctrl+c ctrl+s question_mark 1 2 3 4 5 ctrl+p ctrl+q",
    "win-reader": "right tab shift+tab ctrl+c escape e p question_mark 1 2 3 4 5 ctrl+p ctrl+q",
    "win-form": "tab shift+tab ctrl+s escape",
    "help-form": "tab shift+tab ctrl+s escape",
    "goal-form": "tab shift+tab ctrl+s escape",
    "goal-retire-confirm": "tab shift+tab ctrl+c y n",
    "ritual-editor": "tab shift+tab ctrl+c n r left_square_bracket right_square_bracket x escape",
    "ritual-invite": "tab shift+tab ctrl+c p l",
    "brag-export-prompt": "tab shift+tab escape",
    "import-prompt": "tab shift+tab escape",
    "import-preview": "tab shift+tab ctrl+c y n",
    "export-format-picker": "tab shift+tab ctrl+c escape",
    "materials": (
        "up down home end pageup pagedown enter tab shift+tab ctrl+c escape a p l x "
        "question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "materials-from-palette": (
        "up down home end pageup pagedown enter tab shift+tab ctrl+c escape a p l x "
        "question_mark 1 2 3 4 5 ctrl+p ctrl+q"
    ),
    "materials-file-form": "tab shift+tab ctrl+s escape",
    "materials-paste-form": "tab shift+tab ctrl+s escape",
    "materials-relabel-form": "tab shift+tab ctrl+s escape",
}
"""The keys pressed at each place (`python -m tests.ui.binding_tour` prints this table)."""

KNOWN: dict[tuple[str, str], str] = {}
"""(place, key) pairs that fail today, with the defect; each is xfail(strict=True)."""

_results: dict[str, TourResult] = {}


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per worker; every app gets a copy."""
    return make_demo_db(tmp_path_factory.mktemp("binding-tour") / "template.db")


async def _tour(name: str, template: Path, folder: Path) -> TourResult:
    """The place's tour, run once per worker for all of its keys."""
    if name not in _results:
        prepare_home(Path.home())  # the import place reads ~/in.csv
        here = os.getcwd()
        os.chdir(folder)  # nothing typed as a relative path may land in the checkout
        try:
            _results[name] = await tour(PLACE_BY_NAME[name], template, folder,
                                        keys=TABLE[name].split())
        finally:
            os.chdir(here)
    return _results[name]


def _pairs() -> list[object]:
    pairs = []
    for name, keys in TABLE.items():
        for key in keys.split():
            marks = [pytest.mark.xdist_group(f"binding-tour-{name}")]
            if (name, key) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(name, key)]))
            pairs.append(pytest.param(name, key, id=f"{name}:{key}", marks=marks))
    return pairs


@pytest.mark.parametrize(("place", "key"), _pairs())
async def test_key_keeps_the_app_alive_and_sane(
    place: str, key: str, template: Path, tmp_path: Path
) -> None:
    """The key, then escapes: the app is alive, its screen stacks sane, nothing left open."""
    result = await _tour(place, template, tmp_path)
    assert result.unreachable is None, result.unreachable
    outcome = result.outcomes[key]
    keys = " ".join(PLACE_BY_NAME[place].keys)
    assert outcome.problem is None, (
        f"from a fresh app: [{keys}] then {key} ({outcome.action}) then escape×{ESCAPES}: "
        f"{outcome.problem}")


@pytest.mark.parametrize("place", [
    pytest.param(name, marks=pytest.mark.xdist_group(f"binding-tour-{name}"))
    for name in TABLE
])
async def test_the_table_lists_every_key(place: str, template: Path, tmp_path: Path) -> None:
    """The keys active at the place are exactly the keys the table presses there."""
    result = await _tour(place, template, tmp_path)
    assert result.unreachable is None, result.unreachable
    listed, active = TABLE[place].split(), result.to_press
    assert sorted(listed) == sorted(active), (
        f"{place}: add {sorted(set(active) - set(listed))}, remove "
        f"{sorted(set(listed) - set(active))} (active: {result.active})")


def test_every_place_has_a_row() -> None:
    """A place added to the tour is pressed too."""
    assert sorted(TABLE) == sorted(PLACE_BY_NAME)
