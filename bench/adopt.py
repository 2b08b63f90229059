"""`seminar adopt` and the builds after it on the three site shapes of ../shared/sites, beside `jekyll build`.

Run: python bench/adopt.py [--runs N]
For each site (a 2025-style collection site, a 2026-style collection site, a reading log of dated posts),
a fresh copy in a temporary folder is timed, each command in a new process (median of N runs, each on its own
copy): the first `seminar adopt`, a second one (which has nothing to do), the first `seminar build --offline`
after it (nothing to write: no build stamp yet, so every file is read and compared), and, for scale,
`jekyll build` of the same copy with plugins off (what an instructor waits for anyway; when jekyll is here).
Files written are counted by comparing every file's content and modification time before and after, not from
seminar's output; the adopt summary line is printed as seminar prints it. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEMINAR = [sys.executable, "-m", "seminar"]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "sites"
SITES = ("contents-site", "sessions-site", "posts-site")


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".seminar" not in path.parts and "_site" not in path.parts
    }


def changed(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> int:
    return sum(1 for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str, int]:
    """Seconds, the command's standard output, and the files it changed."""
    before = snapshot(cwd)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return seconds, result.stdout, changed(before, snapshot(cwd))


def jekyll_command(site: Path, jekyll: str) -> list[str]:
    overlay = site.parent / "no-plugins.yml"
    overlay.write_text("plugins: []\n", encoding="utf-8")
    config = f"{site / '_config.yml'},{overlay}"
    return [
        jekyll,
        "build",
        "--safe",
        "--quiet",
        "--config",
        config,
        "--destination",
        str(site.parent / "out"),
    ]


def bench_site(name: str, runs: int, jekyll: str | None) -> None:
    figures: dict[str, list[float]] = {"adopt": [], "adopt again": [], "build": [], "jekyll build": []}
    written: dict[str, int] = {}
    summary = ""
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder) / name
            shutil.copytree(SHARED / name, site)
            for label, command in (
                ("adopt", [*SEMINAR, "adopt"]),
                ("adopt again", [*SEMINAR, "adopt"]),
                ("build", [*SEMINAR, "build", "--offline"]),
            ):
                seconds, output, files = timed(command, site)
                figures[label].append(seconds)
                written[label] = files
                if label == "adopt":
                    summary = output.strip().splitlines()[-1]
            if jekyll is not None:
                # As `seminar check --build` runs it: without Bundler, whose Gemfile names gems not here.
                env = {**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"}
                seconds, _, _ = timed(jekyll_command(site, jekyll), site, env)
                figures["jekyll build"].append(seconds)
    print(f"{name}: {summary}")
    for label, values in figures.items():
        if values:
            files = f", {written[label]} files written" if label in written else ""
            print(f"  {label:<13} {statistics.median(values):6.2f} s{files}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is missing: this benchmark reads the three sites of ../shared/sites")
    jekyll = shutil.which("jekyll")
    runs = f"median of {options.runs} runs, each a new process on a fresh copy"
    print(f"python {platform.python_version()}, {runs}")
    if jekyll is None:
        print("(jekyll is not installed: no jekyll build figure)")
    for name in SITES:
        bench_site(name, options.runs, jekyll)


if __name__ == "__main__":
    main()
