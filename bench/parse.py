"""Parsing curated paper lists: every real list, and synthetic lists up to 10,000 papers.

Run: python bench/parse.py [--runs N]
Prints, for each real list of ../shared (paper lists and seed lists), its papers and the best parse time
of N runs; then, for synthetic lists of 1,000 to 10,000 papers mixing the shapes the parser reads (detailed
entries with <details>, math and figures, one-liners, table rows), the parse time and its cost per paper,
which must stay flat as the list grows. Last, `seminar import-list` of the 10,000-paper list into an empty
site, cold and again (a re-import that changes nothing), in a fresh process each.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from seminar.sources.paperlist import parse_list

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEMINAR = [shutil.which("seminar") or sys.executable, *([] if shutil.which("seminar") else ["-m", "seminar"])]


def detailed(number: int) -> str:
    return f"""\
### Paper {number}: A Study of Synthetic Entry Number {number}
[2024.{number % 12 + 1:02d}] [[paper](https://arxiv.org/abs/24{number % 12 + 1:02d}.{number % 100000:05d})]
- `Keypoints:` synthetic lists; benchmark {number}；parsing、speed
- `Objective:`To measure what a list of this size costs to read, entry {number}.
-   <details>
    <summary>Details</summary>

    - `Method:`
        - first step of the method of paper {number}
        - second step, with inline math $x_{{{number}}}$
    - `Metric：` a metric value of {number / 7:.3f}
$$
\\nabla_{{z_t}} \\log p_t(z_t \\mid y_{number})
$$
<p align="center"><img src="https://example.org/figure-{number}.png" width="450" /></p>
</details>
"""


def one_liner(number: int) -> str:
    return (
        f"- [Paper {number}: A One-Line Entry](#paper-{number}) `[SD]` `[2024.07]` "
        f"\\[[paper](https://arxiv.org/abs/2407.{number % 100000:05d})\\] "
        f"\\[[code](https://github.com/x/p{number})\\]\n"
    )


def row(number: int) -> str:
    link = f"https://arxiv.org/abs/2301.{number % 100000:05d}"
    return f"| [Paper {number}: A Table Row]({link}) | venue {number} |\n"


def synthetic(papers: int) -> str:
    """`papers` papers under topics of 50: half detailed entries, a quarter one-liners, a quarter rows."""
    parts = ["# 202407\n"]
    for first in range(0, papers, 50):
        numbers = range(first, min(first + 50, papers))
        kind = (first // 50) % 4
        parts.append(f"\n## Topic {first // 50}\n\n")
        if kind < 2:
            parts += [detailed(number) + "\n" for number in numbers]
        elif kind == 2:
            parts += [one_liner(number) for number in numbers]
        else:
            parts += ["| Title | Venue |\n|---|---|\n", *(row(number) for number in numbers)]
    return "".join(parts)


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print("Real lists (best of", runs, "runs):")
    for path in sorted([*SHARED.glob("paperlists/*.md"), *SHARED.glob("seeds/00[0-3]_*.txt")]):
        text = path.read_text(encoding="utf-8")
        count = len(parse_list(text, path.name).papers)
        seconds = best_of(runs, lambda text=text, path=path: parse_list(text, path.name))
        print(f"  {path.name:<28} {count:>4} papers  {seconds * 1000:7.1f} ms")
    print("Synthetic lists (best of", runs, "runs):")
    for papers in (1_000, 2_500, 5_000, 10_000):
        text = synthetic(papers)
        parsed = parse_list(text, "synthetic.md")
        assert len(parsed.papers) == papers, (len(parsed.papers), papers)
        seconds = best_of(runs, lambda text=text: parse_list(text, "synthetic.md"))
        print(
            f"  {papers:>6} papers ({len(text) / 1e6:4.1f} MB)  {seconds:6.2f} s  "
            f"{seconds / papers * 1e6:6.0f} µs per paper"
        )
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "_config.yml").write_text("title: bench\n", encoding="utf-8")
        big = site / "synthetic.md"
        big.write_text(synthetic(10_000), encoding="utf-8")
        for label in ("cold, empty store", "again, nothing new"):
            start = time.perf_counter()
            done = subprocess.run(
                [*SEMINAR, "import-list", str(big)], cwd=site, capture_output=True, text=True
            )
            seconds = time.perf_counter() - start
            print(f"  import-list 10,000 papers, {label:<20} {seconds:6.2f} s  {done.stdout.strip()}")


if __name__ == "__main__":
    main()
