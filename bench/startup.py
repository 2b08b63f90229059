"""Median wall time of the commands people run most, offline, side by side with jekyll-compose.

Run: python bench/startup.py [--runs N]
Every run is a new process (what a person waits for), and a run that writes gets a fresh copy of the site,
made outside the timed region; one untimed warm-up run comes first. Compared, as seminar / jekyll-compose:
  seminar --help                                       vs  jekyll post --help
  seminar new-session --offline (writes a post)        vs  jekyll post NAME (writes a post)
on a small site copied from the demo one (its _config.yml and its paper store, _data/papers.json, which
already holds the reading). Then seminar alone: `new-session --dry-run` on the demo site and on a synthetic
site whose paper store holds 2,000 entries, with readings looked up by id and by title.
jekyll-compose is the Debian package ruby-jekyll-compose: `jekyll` loads it by itself when installed (it is
one of jekyll's "blessed" gems), so the site needs no plugin setting. Without it `jekyll post --help` prints
jekyll's own help and exits 0, hence the check on what it prints. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ABSTRACT = " ".join(["We study how a model of this kind behaves when trained on long inputs."] * 20)
TITLE = "Bench session"
DATE = "2025-03-25"  # after the demo's held sessions, which a new session may not take the day of
GOALS = {"help": 0.15, "write": 0.3}


def seminar_command() -> list[str]:
    """The console script next to this interpreter (as a virtualenv installs it), else the one on PATH.

    The script next to the interpreter comes first so that a version manager's shim (pyenv's costs ~70 ms
    of shell) is not counted as seminar's time.
    """
    name = "seminar.exe" if os.name == "nt" else "seminar"
    script = Path(sysconfig.get_path("scripts")) / name
    if script.is_file():
        return [str(script)]
    found = shutil.which("seminar")
    return [found] if found else [sys.executable, "-m", "seminar"]


SEMINAR = seminar_command()
JEKYLL = shutil.which("jekyll")


def run(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command to completion; stop the benchmark, saying why, if it fails."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        sys.exit(f"failed (exit {done.returncode}): {' '.join(command)}\n  " + "\n  ".join(tail))
    return done


def median_seconds(command: list[str], runs: int, prepare: Callable[[], Path] | None = None) -> float:
    """Median wall time of `command`, a new process each run, after one untimed warm-up run.

    `prepare` (outside the timed region) returns the folder to run in, e.g. a fresh copy of a site.
    """
    times = []
    for index in range(runs + 1):
        cwd = prepare() if prepare else None
        start = time.perf_counter()
        run(command, cwd)
        elapsed = time.perf_counter() - start
        if index:
            times.append(elapsed)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def report(label: str, seconds: float) -> None:
    print(f"  {label:<62} {ms(seconds)}")


def compare(title: str, seminar: float, jekyll: float | None, goal: float, skipped: str | None) -> None:
    print(f"  {title}")
    print(f"    {'seminar':<16} {ms(seminar)}")
    if jekyll is None:
        print(f"    {'jekyll-compose':<16} skipped ({skipped})")
        return
    print(f"    {'jekyll-compose':<16} {ms(jekyll)}")
    print(f"    {'ratio':<16} {seminar / jekyll:7.2f}x   (seminar / jekyll-compose; goal: {goal}x or less)")


def jekyll_versions() -> str:
    if JEKYLL is None:
        return "jekyll: not found on PATH"
    done = subprocess.run([JEKYLL, "--version"], capture_output=True, text=True)
    jekyll = done.stdout.strip() if done.returncode == 0 else f"jekyll --version exited {done.returncode}"
    gem = shutil.which("gem")
    listed = ""
    if gem:
        command = [gem, "list", "--exact", "jekyll-compose"]
        listed = subprocess.run(command, capture_output=True, text=True).stdout
    lines = [line for line in listed.splitlines() if line.startswith("jekyll-compose ")]
    compose = lines[0] if lines else "jekyll-compose: not listed by `gem list`"
    return f"{jekyll}; {compose} ({JEKYLL})"


def compose_missing(folder: Path) -> str | None:
    """Why jekyll-compose cannot be compared, or None when `jekyll post --help` shows its help."""
    if JEKYLL is None:
        return "`jekyll` is not on PATH"
    done = subprocess.run([JEKYLL, "post", "--help"], cwd=folder, capture_output=True, text=True)
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        return f"`jekyll post --help` exited {done.returncode}: {why[0]}"
    if "jekyll post" not in done.stdout:
        return "`jekyll post --help` printed jekyll's own help: the jekyll-compose plugin is not installed"
    return None


def small_site(folder: Path) -> Path:
    """The demo site cut to what writing a post needs: its configuration and its paper store."""
    (folder / "_data").mkdir(parents=True)
    shutil.copy2(REPO / "_config.yml", folder / "_config.yml")
    shutil.copy2(REPO / "_data" / "papers.json", folder / "_data" / "papers.json")
    return folder


def synthetic_site(folder: Path, entries: int) -> Path:
    """A site whose store holds `entries` arXiv papers with full-length abstracts and ten authors each."""
    (folder / "_data").mkdir(parents=True)
    (folder / "_config.yml").write_text("future: true\nseminar:\n  term: bench\n  year: 2025\n")
    papers = {}
    for number in range(entries):
        arxiv_id = f"2409.{number:05d}"
        papers[arxiv_id] = {
            "arxiv_id": arxiv_id,
            "title": f"A Study of Long Inputs, Part {number}",
            "authors": [f"Author {number}-{k}" for k in range(10)],
            "abstract": ABSTRACT,
            "published": "2024-09-17",
            "updated": "2024-10-22",
            "version": 2,
            "abs_url": f"https://arxiv.org/abs/{arxiv_id}",
        }
    (folder / "_data" / "papers.json").write_text(json.dumps(dict(sorted(papers.items())), indent=2))
    return folder


class Copies:
    """Fresh copies of a site, one per run; each checks that the previous run really wrote one post."""

    def __init__(self, site: Path, into: Path, tool: str) -> None:
        self.site, self.into, self.tool, self.made, self.last = site, into, tool, 0, None

    def __call__(self) -> Path:
        self.check()
        self.made += 1
        self.last = shutil.copytree(self.site, self.into / f"{self.tool}-{self.made}")
        return self.last

    def check(self) -> None:
        if self.last is None:
            return
        posts = sorted(p.name for p in (self.last / "_posts").glob("*.md"))
        if len(posts) != 1:
            sys.exit(f"{self.tool} was to write one post into {self.last / '_posts'}, found: {posts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    print(f"Python {sys.version.split()[0]} ({sys.executable})")
    print(jekyll_versions())
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        site = small_site(root / "site")
        missing = compose_missing(site)
        if missing:
            print(f"comparison with jekyll-compose skipped: {missing}; seminar's own figures follow")
        print(f"median of {runs} runs, each a new process (seminar: {' '.join(SEMINAR)})")
        print()

        print("seminar vs jekyll-compose")
        seminar = median_seconds([*SEMINAR, "--help"], runs, lambda: site)
        jekyll = None if missing else median_seconds([JEKYLL, "post", "--help"], runs, lambda: site)
        compare("seminar --help  vs  jekyll post --help", seminar, jekyll, GOALS["help"], missing)

        new_session = ["new-session", "--week", "S4", "--title", TITLE, "--date", DATE]
        write = [*SEMINAR, "--site", ".", *new_session, "--required", "2409.11402", "--offline"]
        copies = Copies(site, root, "seminar")
        seminar = median_seconds(write, runs, copies)
        copies.check()
        jekyll = None
        if not missing:
            copies = Copies(site, root, "jekyll")
            jekyll = median_seconds([JEKYLL, "post", TITLE, "--date", DATE], runs, copies)
            copies.check()
        title = "new-session --offline (1 reading, in the store)  vs  jekyll post NAME"
        compare(title, seminar, jekyll, GOALS["write"], missing)
        print()

        print("seminar alone")
        dry_run = [*new_session, "--dry-run"]
        two = ["--required", "2409.11402", "--required", "2405.19334"]
        demo = [*SEMINAR, "--site", str(REPO), *dry_run, *two]
        report("new-session --dry-run, demo site (2 readings)", median_seconds(demo, runs))
        large_site = synthetic_site(root / "large", 2000)
        size = (large_site / "_data" / "papers.json").stat().st_size / 1e6
        readings = [
            "--required", "2409.00007", "--required", "2409.01999", "--required", "arXiv:2409.00500v1",
            "--more", "a study of long inputs part 1234", "--more", "A Study of Long Inputs, Part 42",
        ]  # fmt: skip
        large = [*SEMINAR, "--site", str(large_site), *dry_run, *readings]
        report(
            f"new-session --dry-run, 2,000-entry store ({size:.1f} MB, 5 readings)",
            median_seconds(large, runs),
        )


if __name__ == "__main__":
    main()
