"""The key monkey in CI: a few hundred seeded random keys per run, on demo data, at two sizes.

Each run must end with no crash, no exit, no failed worker, a sane screen stack, an app that
still answers keys and an intact database (`integrity_check`, `foreign_key_check`), and it must
have reached every numbered screen and a good number of modals. A failing run prints its seed,
every key it pressed and the command that replays it (`benchmarks/monkey.py`, which also finds
the shortest failing tail). The long runs are by hand: `benchmarks/monkey.py --keys 5000`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.monkey import MAIN_SCREENS, make_demo_db, prepare_home, run_monkey

KEYS = 180
"""Keys per CI run: ~14 s of CPU each on the 2-core machine."""

MIN_OTHER_SCREENS = 6
"""Screens and modals besides the numbered ones that a CI run must reach."""


class MonkeyFailed(AssertionError):
    """A monkey run found something (the message is the run's report)."""


CASES = [
    pytest.param(1, (80, 24), KEYS, id="seed1-80x24"),
    pytest.param(5, (120, 40), KEYS, id="seed5-120x40"),
    pytest.param(2, (80, 24), KEYS, id="seed2-80x24"),  # found issue 9 defect 1 before the fix
]
"""Three runs in CI (the time budget); thousands of keys by hand: benchmarks/monkey.py."""


@pytest.mark.parametrize(("seed", "size", "keys"), CASES)
async def test_random_keys_never_crash_and_leave_the_data_intact(
    seed: int, size: tuple[int, int], keys: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeded random keys, biased to reach every screen; nothing breaks, nothing is damaged."""
    monkeypatch.chdir(tmp_path)  # a relative path typed into an export prompt lands here
    prepare_home(Path.home())  # HOME is a temporary folder (tests/conftest.py)
    run = await run_monkey(make_demo_db(tmp_path / "demo.db"), seed=seed, keys=keys, size=size)
    print(run.report())
    if run.failure is not None:
        raise MonkeyFailed(run.report())
    assert run.keys == keys
    missing = sorted(MAIN_SCREENS - set(run.visited))
    assert not missing, f"never reached {missing}\n{run.report()}"
    others = set(run.visited) - MAIN_SCREENS
    assert len(others) >= MIN_OTHER_SCREENS, f"only reached {sorted(others)}\n{run.report()}"
