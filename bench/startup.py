"""Median wall time of the commands people run most, offline: `seminar --help` and `new-session --dry-run`.

Run: python bench/startup.py [--runs N]
Each command is a fresh process (what a person waits for). The dry run is timed on the demo site and on a
synthetic site whose paper store holds 2,000 entries, with readings looked up by id and by title.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEMINAR = [shutil.which("seminar") or sys.executable, *([] if shutil.which("seminar") else ["-m", "seminar"])]
ABSTRACT = " ".join(["We study how a model of this kind behaves when trained on long inputs."] * 20)


def median_seconds(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*SEMINAR, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, seconds: float) -> None:
    print(f"  {label:<62} {seconds * 1000:7.1f} ms")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    dry_run = ["new-session", "--week", "S4", "--title", "Bench", "--date", "2025-03-18", "--dry-run"]
    print(f"median of {runs} runs, each a new process ({' '.join(SEMINAR)})")
    report("seminar --help", median_seconds(["--help"], runs))
    demo = ["--site", str(REPO), *dry_run, "--required", "2409.11402", "--required", "2405.19334"]
    report("new-session --dry-run, demo site (2 readings)", median_seconds(demo, runs))
    with tempfile.TemporaryDirectory() as temp:
        site = synthetic_site(Path(temp) / "site", 2000)
        size = (site / "_data" / "papers.json").stat().st_size / 1e6
        readings = [
            "--required", "2409.00007", "--required", "2409.01999", "--required", "arXiv:2409.00500v1",
            "--more", "a study of long inputs part 1234", "--more", "A Study of Long Inputs, Part 42",
        ]  # fmt: skip
        large = ["--site", str(site), *dry_run, *readings]
        report(
            f"new-session --dry-run, 2,000-entry store ({size:.1f} MB, 5 readings)",
            median_seconds(large, runs),
        )


if __name__ == "__main__":
    main()
