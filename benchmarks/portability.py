"""Export and import of a `demo --scale N` database: seconds and peak memory of each step.

Usage: python benchmarks/portability.py [N ...]   (default: 10000 100000)

Each step runs in its own fresh process through the CLI (`bounceback export/import`), so its
peak RSS (`resource.getrusage`, the kernel's high-water mark) is that step's alone. Prints one
line per step and a JSON summary; never run by pytest. Timings vary with machine load.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The child runs one CLI command and reports its own time and high-water mark (Linux: KiB).
_CHILD = """
import contextlib, io, json, resource, sys, time
from bounceback.cli import main
argv = json.loads(sys.argv[1])
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(argv)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak,
                  "out": out.getvalue()[-300:]}))
"""


def step(argv: list[str]) -> dict[str, object]:
    """Run `bounceback ARGV` in a fresh interpreter; its exit code, seconds and peak RSS."""
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(argv)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return {"code": done.returncode, "error": done.stderr.strip()[-300:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["stderr"] = done.stderr.strip()[-200:]
    return result


def measure(n: int, folder: Path) -> dict[str, object]:
    """Build the demo, then export and import it as JSON and as CSV."""
    db = folder / f"demo-{n}.db"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bounceback", "demo", "--scale", str(n), "--out",
                    str(db)], check=True, capture_output=True)
    built = time.perf_counter() - start
    out: dict[str, object] = {"build_seconds": built, "db_mb": db.stat().st_size / 2**20}
    json_file, csv_dir = folder / f"e-{n}.json", folder / f"e-{n}-csv"
    steps = {
        "export json": ["--db", str(db), "export", "--format", "json", "--out", str(json_file)],
        "import json": ["--db", str(folder / f"j-{n}.db"), "import", str(json_file)],
        "export csv": ["--db", str(db), "export", "--format", "csv", "--out", str(csv_dir)],
        "import csv": ["--db", str(folder / f"c-{n}.db"), "import",
                       str(csv_dir / "applications.csv")],
    }
    for name, argv in steps.items():
        result = step(argv)
        if name == "export json" and json_file.exists():
            result["file_mb"] = json_file.stat().st_size / 2**20
        if name == "export csv" and (csv_dir / "applications.csv").exists():
            result["file_mb"] = (csv_dir / "applications.csv").stat().st_size / 2**20
        out[name] = result
        shown = (f"{result['seconds']:6.1f} s, peak {result['peak_mb']:7.0f} MB"
                 if "seconds" in result else "failed")
        size = f", file {result['file_mb']:.0f} MB" if "file_mb" in result else ""
        why = "" if result.get("code") == 0 else f"  (exit {result.get('code')}: " \
            f"{str(result.get('stderr') or result.get('error', ''))[-120:]})"
        print(f"{n:>7,} {name:<12} {shown}{size}{why}", flush=True)
    return out


def main() -> int:
    """Measure each size given (default 10k and 100k applications)."""
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    summary = {}
    with tempfile.TemporaryDirectory(prefix="bb-portability-") as tmp:
        for n in sizes:
            summary[n] = measure(n, Path(tmp))
    print(json.dumps(summary, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
