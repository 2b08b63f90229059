"""Fetching a term's readings: `seminar fetch` against a naive one-id-at-a-time loop, at arXiv's real delay.

Run: python bench/fetch.py [--ids 150] [--delay 3]
Both talk to the local stand-in for arXiv from the test suite (no internet), with the delay between requests
that arXiv's terms ask for (3 s). Each is run cold (empty store) and warm (everything fetched once already).
The naive loop is what instructors' scripts do today: `arxiv.Client.results(Search(id_list=[id]))` per id.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from arxiv_server import FakeArxiv  # noqa: E402

SEMINAR = [shutil.which("seminar") or sys.executable, *([] if shutil.which("seminar") else ["-m", "seminar"])]


def term_site(folder: Path, ids: list[str]) -> Path:
    """A site whose posts link to `ids`, five readings a session."""
    (folder / "_posts").mkdir(parents=True)
    (folder / "_config.yml").write_text("future: true\nseminar:\n  term: bench\n")
    for number in range(0, len(ids), 5):
        links = "".join(
            f"+ [https://arxiv.org/abs/{key}](https://arxiv.org/abs/{key})\n"
            for key in ids[number : number + 5]
        )
        (folder / "_posts" / f"2025-01-{number // 5 + 1:02d}-s{number}.md").write_text(f"---\n---\n{links}")
    return folder


def seminar_fetch(site: Path, server: FakeArxiv, delay: float) -> tuple[float, int, str]:
    env = {**os.environ, "SEMINAR_ARXIV_API": server.url, "SEMINAR_ARXIV_DELAY": str(delay)}
    before = len(server.requests)
    start = time.perf_counter()
    done = subprocess.run(
        [*SEMINAR, "--site", str(site), "fetch"], env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, len(server.requests) - before, done.stdout.strip()


def naive_loop(ids: list[str], server: FakeArxiv, delay: float) -> tuple[float, int]:
    import arxiv

    client = arxiv.Client(delay_seconds=delay)
    client.query_url_format = server.url + "?{}"
    before = len(server.requests)
    start = time.perf_counter()
    for key in ids:
        list(client.results(arxiv.Search(id_list=[key])))
    return time.perf_counter() - start, len(server.requests) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=150, help="readings in the term (default 150)")
    parser.add_argument("--delay", type=float, default=3.0, help="seconds between requests (arXiv: 3)")
    options = parser.parse_args()
    ids = [f"2501.{number:05d}" for number in range(1, options.ids + 1)]
    with FakeArxiv() as server, tempfile.TemporaryDirectory() as temp:
        for number, key in enumerate(ids, 1):
            server.add_paper(key, f"Bench Paper {number}")
        site = term_site(Path(temp) / "site", ids)
        print(f"{len(ids)} readings, {options.delay:g} s between requests, local arXiv stand-in")
        cold = seminar_fetch(site, server, options.delay)
        warm = seminar_fetch(site, server, options.delay)
        print(f"  seminar fetch, cold store   {cold[0]:8.1f} s  {cold[1]:4d} requests   ({cold[2]})")
        print(f"  seminar fetch, warm store   {warm[0]:8.1f} s  {warm[1]:4d} requests   ({warm[2]})")
        seconds, requests = naive_loop(ids, server, options.delay)
        print(f"  naive loop, one id a time   {seconds:8.1f} s  {requests:4d} requests")
        print("  naive loop, warm            (it keeps no cache: every run costs what the cold run cost)")


if __name__ == "__main__":
    main()
