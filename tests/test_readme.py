"""The README's examples are true: each command it shows with its output is run, and prints that output.

Every example (a `$ ` transcript, or a ```sh block followed by its output block) is run in README order
through the real command line, each command in its own process (`tests/readme_examples.py` says how examples
are found, run and compared: `...` alone on a line matches any lines, at a line's end the rest of it). The
examples run on one copy of the demo site as a fresh clone has it (a git repository with one commit, its
`origin` a bare repository beside it, `../shared` beside it when the repository has it), so they are one
session of use: what one writes, the next one reads. arXiv is the local stand-in (`tests/arxiv_server.py`)
serving the project's made-up papers and those of `tests/fixtures/readme/arxiv/`; the clock is fixed at `NOW`
(`SEMINAR_NOW`), in UTC.

The directives, HTML comments right before a block (invisible on GitHub), for an example that needs another
starting point:
- `<!-- example: site=fresh -->`: it runs in a new empty folder (for `seminar init`, or a folder that is no
  site);
- `<!-- example: site=shared:NAME -->`: in a copy of `../shared/sites/NAME`, made at the first block naming
  it and carried on by the later ones;
- `<!-- example: setup`, shell lines, `-->`: the lines run in its folder before it (they must succeed; their
  output is not compared): what a person did by hand between two examples;
- `<!-- example: normalize REGEX -> TEXT -->`: REGEX replaced by TEXT in its output, for what no setting fixes
  (a commit hash, a temporary folder's name).
An example that needs `../shared` (a `shared:` site, or a command naming `../shared/`) is skipped without it,
with every later example on its site (their state would not be the README's); with SEMINAR_REQUIRE_SHARED set
it fails instead.

A README example that drifts from the program fails here, with the command, its README line and a diff.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from arxiv_server import FakeArxiv, entries_in
from readme_examples import Command, Example, Tour, examples, match, mismatch, seminar_on_path

from conftest import FIXTURES, REPO, SHARED, Site

README = REPO / "README.md"
NOW = "2025-03-21T12:00:00Z"  # the README's "today": a Friday of the demo term, after its four sessions
README_PAPERS = FIXTURES / "readme" / "arxiv"  # made-up papers the README's examples fetch
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "A. Instructor",
    "GIT_AUTHOR_EMAIL": "instructor@example.org",
    "GIT_COMMITTER_NAME": "A. Instructor",
    "GIT_COMMITTER_EMAIL": "instructor@example.org",
    "GIT_AUTHOR_DATE": NOW,
    "GIT_COMMITTER_DATE": NOW,
    "GIT_CONFIG_GLOBAL": os.devnull,  # none of this machine's git settings
    "GIT_CONFIG_NOSYSTEM": "1",
}
EXAMPLES = examples(README.read_text(encoding="utf-8"))


def demo_site(destination: Path) -> Path:
    """A copy of the demo site as a fresh clone holds it: the repository's files less what the site's
    `_config.yml` excludes from Jekyll (the package, tests, README...), less dot files but `.gitignore` and
    what it ignores; committed in a git repository whose `origin` is a bare repository beside it."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    left_out = [pattern.rstrip("/") for pattern in [*config.get("exclude", []), *ignored]]
    destination.mkdir()
    for entry in sorted(REPO.iterdir()):
        if (entry.name.startswith(".") and entry.name != ".gitignore") or any(
            fnmatch.fnmatch(entry.name, pattern) for pattern in left_out
        ):
            continue
        if entry.is_dir():
            shutil.copytree(entry, destination / entry.name)
        else:
            shutil.copy2(entry, destination / entry.name)
    origin = destination.parent / "origin.git"
    for command in (
        ["git", "init", "-q", "-b", "main", str(destination)],
        ["git", "-C", str(destination), "add", "-A"],
        ["git", "-C", str(destination), "commit", "-q", "-m", "The demo site"],
        ["git", "init", "-q", "--bare", str(origin)],
        ["git", "-C", str(destination), "remote", "add", "origin", str(origin)],
        ["git", "-C", str(destination), "push", "-q", "-u", "origin", "main"],
    ):
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, **GIT_IDENTITY})
    return destination


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tour]:
    """The README's examples, run in order on demand, against the local arXiv stand-in."""
    scratch = tmp_path_factory.mktemp("readme")
    demo = demo_site(scratch / "demo")
    shared = SHARED if SHARED.is_dir() else None
    if shared is not None:
        (scratch / "shared").symlink_to(shared, target_is_directory=True)  # `../shared` from the demo copy
    with FakeArxiv() as arxiv:
        arxiv.entries.update(entries_in(README_PAPERS))
        environment = {
            **os.environ,
            **seminar_on_path(scratch / "bin", REPO),
            **GIT_IDENTITY,
            "PYTHONUNBUFFERED": "1",
            "SEMINAR_ARXIV_API": arxiv.url,
            "SEMINAR_ARXIV_DELAY": "0",
            "SEMINAR_ARXIV_TIMEOUT": "10",
            "SEMINAR_NOW": NOW,
            "TZ": "UTC",
            "LC_ALL": "C.UTF-8",
        }
        yield Tour(EXAMPLES, scratch, demo, shared, environment)


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_the_readme_example_prints_what_the_readme_shows(tour: Tour, example: Example) -> None:
    outcome = tour.outcome(example)
    if outcome.skipped:
        if os.environ.get("SEMINAR_REQUIRE_SHARED"):
            pytest.fail(f"{outcome.skipped} (SEMINAR_REQUIRE_SHARED is set)")
        pytest.skip(outcome.skipped)
    failures = [
        mismatch(example, command, actual)
        for command, actual in zip(example.commands, outcome.outputs, strict=True)
        if not match(command.expected, actual)
    ]
    assert not failures, "\n\n".join(failures)


def test_the_first_example_is_the_set_up_build_of_the_demo() -> None:
    assert EXAMPLES[0].commands[0].text == "python3 -m pip install . && seminar build --offline"
    assert EXAMPLES[0].site == "demo"


# The clock: SEMINAR_NOW is "today" for every command


def test_a_session_without_a_date_is_dated_the_day_seminar_now_names(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2025-03-21T12:00:00Z")
    result = site.run("new-session", "--week", "S9", "--offline")
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-03-21-s9.md"]


def test_seminar_now_is_read_in_the_time_zone_of_the_site(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = site.root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "timezone: Asia/Tokyo\n", encoding="utf-8")
    monkeypatch.setenv("SEMINAR_NOW", "2025-03-18T23:30:00Z")  # already 2025-03-19 in Tokyo
    result = site.run("new-session", "--week", "S9", "--offline")
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-03-19-s9.md"]


def test_sessions_before_the_day_seminar_now_names_are_held(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2025-03-21T12:00:00Z")
    for week, day in (("S1", "2025-03-20"), ("S2", "2025-03-21")):
        result = site.run("new-session", "--week", week, "--date", day, "--offline")
        assert result.exit_code == 0, result.output
    versions = {
        name: next(line for line in (site.posts / name).read_text().splitlines() if "lectureVersion" in line)
        for name in site.post_files()
    }
    assert versions == {
        "2025-03-20-s1.md": "lectureVersion: current",
        "2025-03-21-s2.md": "lectureVersion: next",
    }


def test_a_seminar_now_that_is_no_time_is_an_error_naming_it(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "next Friday")
    result = site.run("new-session", "--week", "S9", "--offline")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: SEMINAR_NOW: must be an ISO 8601 time such as 2025-03-18T23:30:00Z, not 'next Friday'\n"
    )
    assert site.post_files() == []


# The harness: how examples are read from markdown


TRANSCRIPT = """\
Intro.

```
$ seminar build
new     _posts/a.md
1 sessions
$ seminar new-session --week S1 \\
    --title "One"
$ seminar check
0 errors
```
"""


def test_a_transcript_gives_each_command_the_lines_up_to_the_next_one() -> None:
    [example] = examples(TRANSCRIPT)
    assert example.line == 3
    assert example.commands == [
        Command("seminar build", ["new     _posts/a.md", "1 sessions"], 4),
        Command('seminar new-session --week S1 \\\n    --title "One"', [], 7),
        Command("seminar check", ["0 errors"], 9),
    ]
    assert example.site == "demo"


def test_a_command_block_followed_by_an_output_block_is_one_example() -> None:
    markdown = (
        "```sh\n# set up\npython3 -m pip install . && seminar build --offline\n```\n```\n4 sessions\n```\n"
    )
    [example] = examples(markdown)
    [command] = example.commands
    assert command.text == "python3 -m pip install . && seminar build --offline"
    assert command.expected == ["4 sessions"]


def test_a_pip_install_in_a_chain_is_left_out() -> None:
    command = Command("python3 -m pip install . && seminar build --offline", [], 1)
    assert command.script == "seminar build --offline"


def test_commands_without_an_output_block_are_no_example() -> None:
    markdown = "```sh\npython3 -m pytest\n```\n\nThe tests.\n\n```\nnot its output\n```\n```yaml\na: 1\n```\n"
    assert examples(markdown) == []


def test_an_indented_block_in_a_list_item_is_read_without_its_indent() -> None:
    markdown = "- Item:\n\n  ```\n  $ seminar fetch\n  2 readings\n  ```\n"
    [example] = examples(markdown)
    assert example.commands == [Command("seminar fetch", ["2 readings"], 4)]


def test_directives_before_a_block_set_its_site_its_setup_and_what_is_normalized() -> None:
    markdown = """\
<!-- example: site=fresh -->
<!-- example: setup
mkdir notes
printf 'x\\n' > notes/a.md
-->
<!-- example: normalize /\\S+/fresh-\\d+ -> /tmp/rd -->
```
$ seminar check
```
"""
    [example] = examples(markdown)
    assert example.site == "fresh"
    assert example.setup == "mkdir notes\nprintf 'x\\n' > notes/a.md\n"
    assert example.normalize == [("/\\S+/fresh-\\d+", "/tmp/rd")]


def test_an_unknown_directive_is_refused_with_its_line() -> None:
    with pytest.raises(ValueError, match=r"README\.md:2: unknown example directive 'site-fresh'"):
        examples("<!-- example: site-fresh -->\n```\n$ seminar check\n```\n")


def test_a_cd_line_is_followed_by_the_harness() -> None:
    assert Command("cd my-site", [], 1).cd == "my-site"
    assert Command("cd my-site && seminar build", [], 1).cd is None


# The harness: how examples are run


def test_the_examples_of_a_site_carry_its_state_and_its_folder(tmp_path: Path) -> None:
    found = examples('```\n$ mkdir notes\n$ cd notes\n```\n\n```\n$ basename "$PWD"\nnotes\n```\n')
    demo = tmp_path / "demo"
    demo.mkdir()
    tour = Tour(found, tmp_path, demo, None, dict(os.environ))
    assert tour.outcome(found[1]).outputs == [["notes"]]
    assert tour.outcome(found[0]).outputs == [[], []]


def test_without_shared_what_needs_it_and_what_follows_on_its_site_is_skipped(tmp_path: Path) -> None:
    markdown = """\
```
$ echo one
one
```
```
$ cat ../shared/paperlists/README.md
```
```
$ echo three
three
```
<!-- example: site=fresh -->
```
$ echo four
four
```
"""
    found = examples(markdown)
    demo = tmp_path / "demo"
    demo.mkdir()
    tour = Tour(found, tmp_path, demo, None, dict(os.environ))
    outcomes = [tour.outcome(example) for example in found]
    assert [outcome.skipped for outcome in outcomes] == [
        None,
        "README.md:5 needs ../shared, which is not beside the repository",
        "it follows README.md:5, which needs ../shared, which is not beside the repository",
        None,
    ]
    assert [outcomes[0].outputs, outcomes[3].outputs] == [[["one"]], [["four"]]]


# The harness: how output is compared


def test_a_dots_line_matches_no_line_or_any_number_of_lines() -> None:
    expected = ["first", "...", "last"]
    assert match(expected, ["first", "last"])
    assert match(expected, ["first", "a", "b", "c", "last"])
    assert not match(expected, ["first", "a"])


def test_dots_at_the_end_of_a_line_match_the_rest_of_that_line_only() -> None:
    assert match(["+ We introduce NVLM 1.0, ..."], ["+ We introduce NVLM 1.0, a family of models."])
    assert not match(["+ We introduce NVLM 1.0, ..."], ["+ We introduce NVLM 2.0, a family of models."])
    assert not match(["+ We introduce ..."], ["+ We introduce models", "and more"])


def test_every_other_line_is_exact() -> None:
    assert match(["4 sessions: 0 new"], ["4 sessions: 0 new"])
    assert not match(["4 sessions: 0 new"], ["4 sessions: 0 new "])
    assert not match(["4 sessions: 0 new"], ["4 sessions: 0 new", "1 warning"])
    assert not match(["4 sessions: 0 new", "1 warning"], ["4 sessions: 0 new"])


def test_a_failing_example_shows_its_command_its_line_and_a_diff() -> None:
    command = Command("seminar build", ["5 sessions"], 12)
    message = mismatch(Example(11, [command]), command, ["4 sessions"])
    assert message.splitlines() == [
        "README.md:12: `seminar build` printed what the README does not show (the block at line 11, on the "
        "demo site):",
        "--- README.md:12 (expected)",
        "+++ actual output",
        "@@ -1 +1 @@",
        "-5 sessions",
        "+4 sessions",
    ]
