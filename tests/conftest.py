"""Fixtures: a Jekyll site in a temporary folder, the command line run on it, the local stand-in for arXiv,
real Jekyll, and the real third-party inputs of `../shared` beside the repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from arxiv_server import OURS, Answers, FakeArxiv
from click.testing import CliRunner, Result

from seminar.cli import main

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LISTS = FIXTURES / "paperlists"  # the project's own paper lists, in the shapes of the real curated ones

# The folder beside the repository that holds real third-party inputs: arXiv answers as recorded
# (`arxiv-atom/`), curated paper lists (`paperlists/`) and the seed documents (`seeds/`). Not part of the
# repository: the tests that read it take the `shared` fixture, and skip without it.
SHARED = REPO.parent / "shared"
# The real recorded answers of the arXiv API (see ../shared/arxiv-atom/SOURCES.md).
RECORDED = Answers(
    folder=SHARED / "arxiv-atom",
    paper="1605.08386",
    one_entry="id_1605.08386_s0_m100_199195aa31ad.xml",
    empty="id_0000.0000_s0_m100_8b51d9633a68.xml",
    error="id_abc_s0_m100_b79c8dcf6bc3.xml",
)

SITE_CONFIG = """\
title: Test seminar
future: true
permalink: /:year/:month/:day/:title:output_ext
excerpt_separator: "<!--excerpt.start-->"
exclude: [templates/]
seminar:
  term: 2025-seminarRead
  year: 2025
"""


def git(repo: Path, *args: str) -> str:
    """`git -C REPO ARGS...`, its stdout; CalledProcessError when git fails."""
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def isolate_git(monkeypatch: pytest.MonkeyPatch, ceiling: Path) -> None:
    """A known identity for commits, none of this machine's git settings, no repository above `ceiling`."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(ceiling))
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(variable, raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test Instructor")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "instructor@example.org")


@dataclass
class Site:
    """A site in a temporary folder, and `seminar` run on it through the real command line."""

    root: Path

    @property
    def posts(self) -> Path:
        return self.root / "_posts"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def add_papers(self, entries: dict[str, dict]) -> None:
        """Put entries into the paper store as a person or an earlier run would have."""
        store = self.root / "_data" / "papers.json"
        current = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
        current.update(entries)
        self.write("_data/papers.json", json.dumps(current, indent=2))

    def run(self, *args: str, cwd: Path | None = None, input: str | None = None) -> Result:
        """`seminar --site ROOT ARGS...`, or `seminar ARGS...` from `cwd` when one is given."""
        runner = CliRunner()
        if cwd is None:
            return runner.invoke(main, ["--site", str(self.root), *args], input=input)
        with _working_directory(cwd):
            return runner.invoke(main, list(args), input=input)

    def post_files(self) -> list[str]:
        return sorted(path.name for path in self.posts.glob("*.md")) if self.posts.exists() else []

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Every file under the site with its content and modification time, to prove nothing changed."""
        return {
            str(path.relative_to(self.root)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(self.root.rglob("*"))
            if path.is_file()
        }


class _working_directory:
    def __init__(self, path: Path) -> None:
        self.path, self.old = path, Path.cwd()

    def __enter__(self) -> None:
        os.chdir(self.path)

    def __exit__(self, *_: object) -> None:
        os.chdir(self.old)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches arXiv: by default the API is a closed local port (connection refused at once)."""
    monkeypatch.setenv("SEMINAR_ARXIV_API", "http://127.0.0.1:9/api/query")
    monkeypatch.setenv("SEMINAR_ARXIV_DELAY", "0")
    monkeypatch.setenv("SEMINAR_ARXIV_TIMEOUT", "2")


@pytest.fixture(scope="session")
def shared() -> Path:
    """`../shared`, the real third-party inputs beside the repository; a test that takes this fixture skips
    without it (a fresh clone), and fails instead when SEMINAR_REQUIRE_SHARED is set (CI)."""
    if not SHARED.is_dir():
        if os.environ.get("SEMINAR_REQUIRE_SHARED"):
            pytest.fail(f"../shared is required here (SEMINAR_REQUIRE_SHARED is set) but {SHARED} is missing")
        pytest.skip(
            f"../shared is not beside the repository: {SHARED} is missing, and this test reads its real "
            "recorded arXiv answers, curated paper lists or seed documents"
        )
    return SHARED


@pytest.fixture
def arxiv(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    """The local stand-in for arXiv, which `seminar` is pointed at through SEMINAR_ARXIV_API.

    It answers from the project's own made-up papers (tests/fixtures/arxiv). A test parametrized with
    `@pytest.mark.parametrize("arxiv", ["ours", "recorded"], indirect=True)` runs on those and again on the
    real recorded answers of ../shared/arxiv-atom (that run needs `shared`); `arxiv.answers` says which.
    """
    source = getattr(request, "param", "ours")
    if source == "recorded":
        request.getfixturevalue("shared")
    with FakeArxiv({"ours": OURS, "recorded": RECORDED}[source]) as server:
        monkeypatch.setenv("SEMINAR_ARXIV_API", server.url)
        yield server


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A site with the demo's paper store (the seed session's papers and paper-list entries)."""
    root = tmp_path / "site"
    root.mkdir()
    made = Site(root)
    made.write("_config.yml", SITE_CONFIG)
    made.write("_layouts/post.html", "{{ content }}\n")  # the layout posts name: the page is the post itself
    made.write("_data/papers.json", (REPO / "_data" / "papers.json").read_text(encoding="utf-8"))
    return made


@pytest.fixture(scope="session")
def jekyll() -> str:
    """Debian's jekyll; the tests that need it skip on a machine without it, and fail in CI."""
    path = shutil.which("jekyll")
    if path is None:
        if os.environ.get("SEMINAR_REQUIRE_JEKYLL"):
            pytest.fail("jekyll is required here (SEMINAR_REQUIRE_JEKYLL is set) but is not on PATH")
        pytest.skip("jekyll is not installed (apt-get install jekyll): the real-Jekyll tests need it")
    return path


def jekyll_build(
    jekyll: str, source: Path, destination: Path, settings: str = ""
) -> subprocess.CompletedProcess[str]:
    """Build as `seminar check --build` will: strict front matter and strict Liquid, so errors fail; the YAML
    `settings` (such as `plugins: []`) laid over the site's configuration too."""
    overlay = destination.parent / f"{destination.name}-strict.yml"
    overlay.write_text("liquid:\n  error_mode: strict\n  strict_filters: true\n" + settings, encoding="utf-8")
    result = subprocess.run(
        [
            jekyll,
            "build",
            "--strict_front_matter",
            "--safe",
            "--source",
            str(source),
            "--destination",
            str(destination),
            "--config",
            f"{source / '_config.yml'},{overlay}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, to load built pages as a browser does; the tests that need it skip on a machine
    without it, and fail instead when SEMINAR_REQUIRE_CHROMIUM is set (CI)."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("SEMINAR_REQUIRE_CHROMIUM"):
            pytest.fail("chromium is required here (SEMINAR_REQUIRE_CHROMIUM is set) but is not on PATH")
        pytest.skip("chromium is not installed (apt-get install chromium): the browser tests need it")
    return path


@pytest.fixture(scope="session")
def ruby() -> str:
    """Debian's ruby, which jekyll brings with Psych (YAML) and kramdown: the oracles of what Jekyll reads.
    The tests that need it skip without it, and fail instead when SEMINAR_REQUIRE_JEKYLL is set (CI)."""
    path = shutil.which("ruby")
    if path is None:
        if os.environ.get("SEMINAR_REQUIRE_JEKYLL"):
            pytest.fail("ruby is required here (SEMINAR_REQUIRE_JEKYLL is set) but is not on PATH")
        pytest.skip(
            "ruby is not installed (apt-get install jekyll brings it): the Psych and kramdown tests need it"
        )
    return path


@pytest.fixture(scope="session")
def tex() -> tuple[str, str]:
    """Debian texlive's pdflatex and bibtex, to compile what the BibTeX export writes; the tests that need
    them skip without them, and fail instead when SEMINAR_REQUIRE_TEX is set (CI)."""
    found = (shutil.which("pdflatex"), shutil.which("bibtex"))
    if None in found:
        if os.environ.get("SEMINAR_REQUIRE_TEX"):
            pytest.fail("pdflatex and bibtex are required here (SEMINAR_REQUIRE_TEX is set) but are missing")
        pytest.skip(
            "pdflatex or bibtex is not installed (apt-get install texlive-latex-base texlive-binaries)"
        )
    pdflatex, bibtex = found
    assert pdflatex is not None and bibtex is not None
    return pdflatex, bibtex
