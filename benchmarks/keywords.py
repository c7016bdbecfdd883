"""How long the keyword gap takes; never run by pytest.

    .venv/bin/python benchmarks/keywords.py [--reps N]

Prints, as median and max over N repetitions (default 30), the CPU time of this process
(`time.process_time`: on a shared machine the wall clock also counts the time other programs
hold the CPU) and, beside it, the wall-clock median:

- profile: `job_profile` on a 3,000-word posting (the labelled postings of tests/data/keywords
  laid end to end until they reach 3,000 words: real headings, bullets, prose and boilerplate);
  budget 30 ms. It runs once, when a job description is saved.
- compare: `compare` of that profile with each labelled resume (one timing per resume and
  repetition); budget 5 ms.
- in-app: what the application detail and the detective do once the profile is stored: read
  the application's stored profile and its resume version from a database, rebuild the profile
  and compare (`matching.fit_for`, resume health included); budget 5 ms.

Loading the skill dictionary happens once per process and is printed on its own. A machine-speed
line (a million additions in pure Python) helps read the figures on a loaded machine. Exit
status 1 when a median is over its budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DATA = HERE.parent / "tests" / "data" / "keywords"
PROFILE_BUDGET_MS = 30.0
COMPARE_BUDGET_MS = 5.0
WORDS = 3000


def posting(words: int = WORDS) -> str:
    """The labelled postings, end to end, cut at the first line past `words` words."""
    texts = [next(folder.glob("job.*")).read_text(encoding="utf-8")
             for folder in sorted(p for p in DATA.iterdir() if p.is_dir())]
    lines: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            for line in text.splitlines():
                lines.append(line)
                count += len(line.split())
                if count >= words:
                    return "\n".join(lines)
            lines.append("")
    return "\n".join(lines)


def resumes() -> list[str]:
    """Every labelled resume."""
    return [next(folder.glob("resume.*")).read_text(encoding="utf-8")
            for folder in sorted(p for p in DATA.iterdir() if p.is_dir())]


def ms(seconds: float) -> str:
    """Seconds as milliseconds, two decimals."""
    return f"{seconds * 1000:.2f}"


def machine_speed() -> float:
    """Seconds for a million additions in pure Python (about 0.04 s on an idle modern core)."""
    start = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return time.perf_counter() - start


def _in_app(text: str, cv: str, reps: int) -> list[tuple[float, float]]:
    """`matching.fit_for` on a real (temporary) database whose profile is already stored."""
    import tempfile
    from datetime import UTC, datetime

    from bounceback import matching
    from bounceback.clock import FixedClock
    from bounceback.domain import MaterialKind
    from bounceback.store.db import Store
    from bounceback.store.drafts import ApplicationDraft

    times: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "b.db", FixedClock(datetime(2026, 11, 25, tzinfo=UTC)))
        try:
            store.materials.add(MaterialKind.RESUME, "cv", cv)
            app = store.applications.create(ApplicationDraft("Acme", "Dev", description=text))
            matching.refresh_profile(store, app)  # what saving the description does
            for _ in range(reps):
                cpu, wall = time.process_time(), time.perf_counter()
                matching.fit_for(store, store.applications.get(app.id))
                times.append((time.process_time() - cpu, time.perf_counter() - wall))
        finally:
            store.close()
    return times


def main() -> int:
    """Time the two steps and print them beside their budgets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=30)
    reps = max(parser.parse_args().reps, 1)

    from bounceback.playbook.keywords import compare, job_profile
    from bounceback.playbook.skills import default_skills

    start = time.perf_counter()
    skills = default_skills()
    load = time.perf_counter() - start
    text = posting()
    cvs = resumes()
    job_profile(text, skills=skills)  # warm the caches a long-running app would have warm

    profile_times: list[tuple[float, float]] = []
    compare_times: list[tuple[float, float]] = []
    profile = None
    for _ in range(reps):
        cpu, wall = time.process_time(), time.perf_counter()
        profile = job_profile(text, skills=skills)
        profile_times.append((time.process_time() - cpu, time.perf_counter() - wall))
        for cv in cvs:
            cpu, wall = time.process_time(), time.perf_counter()
            compare(profile, cv, skills=skills)
            compare_times.append((time.process_time() - cpu, time.perf_counter() - wall))
    assert profile is not None

    app_times = _in_app(text, cvs[0], reps)
    speed = machine_speed()
    print(f"skill dictionary: {len(skills):,} entries, loaded once in {ms(load)} ms")
    print(f"posting: {len(text.split()):,} words, {len(profile.terms)} terms kept; "
          f"{len(cvs)} resumes; {reps} repetitions")
    print(f"{'step':<10}{'cpu median':>12}{'cpu max':>9}{'wall median':>13}{'budget':>8}  (ms)")
    ok = True
    for name, times, budget in (("profile", profile_times, PROFILE_BUDGET_MS),
                                ("compare", compare_times, COMPARE_BUDGET_MS),
                                ("in-app", app_times, COMPARE_BUDGET_MS)):
        cpu_median = statistics.median(t[0] for t in times)
        cpu_max = max(t[0] for t in times)
        wall_median = statistics.median(t[1] for t in times)
        within = cpu_median * 1000 <= budget
        ok = ok and within
        print(f"{name:<10}{ms(cpu_median):>12}{ms(cpu_max):>9}{ms(wall_median):>13}"
              f"{budget:>8.0f}{'' if within else '  OVER BUDGET'}")
    print(f"machine speed: 1M pure-Python additions took {speed * 1000:.0f} ms "
          "(about 40 ms on an idle modern core; scale the figures above by this)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
