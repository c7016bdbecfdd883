"""The long key monkey, run by hand: many seeded random keys through the real app on demo data.

    .venv/bin/python benchmarks/monkey.py [--seed N] [--keys N] [--size WxH] [--replay TOKENS]

Prints the seed, every token pressed, the screens visited, and the verdict. On a failure (a
crash, an exit, a failed worker, an insane screen stack, a damaged database) it replays ever
shorter tails from a fresh app and prints the shortest one that still fails, then exits 1.
The driving code is `tests/ui/monkey.py`, shared with the CI test `tests/ui/test_monkey.py`.
Everything happens in a temporary folder that is also HOME (exports and imports land there).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _isolate(folder: Path) -> None:
    """HOME, the XDG folders and the database path all inside `folder` (never real data)."""
    os.environ["HOME"] = str(folder)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(folder / var.lower())
    os.environ["BOUNCEBACK_DB"] = str(folder / "unused.db")
    os.chdir(folder)  # a relative path typed into an export prompt lands here too


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    """Run one monkey; 0 when it found nothing, 1 when it did (with the shortest tail)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None, help="default: a new random seed")
    parser.add_argument("--keys", type=int, default=5000, help="keys to press (default 5000)")
    parser.add_argument("--size", type=_size, default=(80, 24), help="terminal WxH (80x24)")
    parser.add_argument("--replay", default=None,
                        help="exact tokens to press, space-separated (instead of a seed)")
    parser.add_argument("--no-shrink", action="store_true", help="skip the shortest-tail search")
    parser.add_argument("--quiet", action="store_true", help="no progress line per 250 keys")
    parser.add_argument("--keep-going", action="store_true",
                        help="after a failure, start a fresh app (seed N*1000+1, +2, …) until "
                             "--keys keys are pressed; report each kind of failure once")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="bounceback-monkey-"))
    _isolate(folder)
    sys.path.insert(0, str(ROOT))
    from tests.ui.monkey import copy_db, make_demo_db, prepare_home, run_monkey, shortest_tail

    prepare_home(folder)
    template = make_demo_db(folder / "demo-template.db")
    copies = iter(range(1, 10**9))

    def fresh_db() -> Path:
        return copy_db(template, folder / f"run-{next(copies)}.db")

    replay = args.replay.split() if args.replay else None
    seed = None if replay else (args.seed if args.seed is not None
                                else random.SystemRandom().randrange(1_000_000))
    size_text = f"{args.size[0]}x{args.size[1]}"
    print(f"seed {seed}  keys {len(replay) if replay else args.keys}  size {size_text}  "
          f"folder {folder}", flush=True)

    def progress(n: int, token: str, screen: str) -> None:
        if not args.quiet and n % 250 == 0:
            print(f"  {n:>6} tokens  on {screen}", flush=True)

    if args.keep_going and replay is None:
        return _keep_going(seed or 0, args, fresh_db, progress)
    started = time.process_time()
    run = asyncio.run(run_monkey(fresh_db(), seed=seed, keys=args.keys, size=args.size,
                                 replay=replay, on_token=progress))
    cpu = time.process_time() - started
    print(f"\npressed {run.keys} keys ({len(run.tokens)} tokens) in {cpu:.0f} s of CPU")
    print("tokens:\n" + textwrap.fill(" ".join(run.tokens), 100, initial_indent="  ",
                                      subsequent_indent="  "))
    print("screens visited:")
    for name, count in run.visited.most_common():
        print(f"  {name:<28} {count:>6}")
    if run.failure is None:
        print("\nOK: no crash, no exit, no failed worker, screen stack sane, database intact.")
        return 0
    print(f"\nFAILED after token {run.failed_at}: {run.signature}\n{run.failure}")
    if not args.no_shrink and run.signature is not None:
        print("looking for the shortest tail that fails the same way from a fresh app…")
        tail = asyncio.run(shortest_tail(run.failing_tokens, run.signature, fresh_db,
                                         args.size, log=print))
        if tail is None:
            print("could not make it fail again: it depends on timing; rerun with --replay")
        else:
            print(f"\nshortest failing tail ({len(tail)} tokens), from a fresh app:")
            print(f"  benchmarks/monkey.py --size {size_text} --replay '{' '.join(tail)}'")
    return 1


def _keep_going(seed: int, args: argparse.Namespace, fresh_db: Any, progress: Any) -> int:
    """Runs of the same monkey until `--keys` keys in all; each kind of failure once."""
    from tests.ui.monkey import run_monkey, shortest_tail

    size_text = f"{args.size[0]}x{args.size[1]}"
    found: dict[str, Any] = {}
    pressed, part = 0, 0
    started = time.process_time()
    while pressed < args.keys:
        part_seed = seed if part == 0 else seed * 1000 + part
        part += 1
        run = asyncio.run(run_monkey(fresh_db(), seed=part_seed, keys=args.keys - pressed,
                                     size=args.size, on_token=progress))
        pressed += run.keys
        verdict = run.signature or "OK"
        print(f"run seed {part_seed}: {run.keys} keys, {verdict[:100]}", flush=True)
        kind = (run.signature or "")[:120]
        if run.failure is not None and kind not in found:
            found[kind] = run
        if run.failure is not None and run.keys == 0:
            break  # fails before any key: more runs would only repeat it
    cpu = time.process_time() - started
    print(f"\npressed {pressed} keys in {part} runs, {cpu:.0f} s of CPU; "
          f"{len(found)} kind(s) of failure")
    for run in found.values():
        print(f"\n== {run.signature}\nseed {run.seed}, failed after token {run.failed_at}")
        print(textwrap.fill(" ".join(run.failing_tokens), 100, initial_indent="  ",
                            subsequent_indent="  "))
        if not args.no_shrink and run.signature is not None:
            tail = asyncio.run(shortest_tail(run.failing_tokens, run.signature, fresh_db,
                                             args.size))
            if tail is not None:
                print(f"shortest failing tail ({len(tail)} tokens):\n"
                      f"  benchmarks/monkey.py --size {size_text} --replay '{' '.join(tail)}'")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
