"""Hostile posts and headings: a post with a byte that is not UTF-8 is refused, never rewritten; a post whose
front matter does not read is named with the YAML problem and its line, never written beside; and lines of
30,000 characters (a heading, a run of `#`, `[` or backticks) are read in time proportional to their length,
by `build`, `check`, `adopt` and `import-list` alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from plans import NVLM, SURVEY, build, write_plan
from sites import TALKS_PLAN, adopted_sessions, talks_site

from conftest import Site

POST = "_posts/2025-01-14-long-context.md"
MOVED = "_posts/2025-01-14-long-context-again.md"  # where the post goes once the plan renames its session
SESSION = {"week": "W10.1", "title": "Long context", "required": [NVLM]}
RENAMED = {**SESSION, "title": "Long context again"}
AUTHORS_TEXT = "Caf\xe9 notes: what we said in class.\n".encode("latin-1")  # one Latin-1 byte, 0xe9


@pytest.fixture
def built(site: Site) -> Site:
    """A site whose one session's post seminar wrote, and whose lock and records exist already."""
    write_plan(site, [SESSION])
    result = build(site)
    assert result.exit_code == 0, result.output
    return site


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def post_line(site: Site, needle: bytes, relative: str = POST) -> int:
    """The 1-based line of the post holding `needle`."""
    data = (site.root / relative).read_bytes()
    return data[: data.index(needle)].count(b"\n") + 1


# --- a byte that is not UTF-8 ---------------------------------------------------------------------------


@pytest.fixture
def latin1(built: Site) -> Site:
    """The built site, its post with a paragraph below the reading list saved in Latin-1 by its author."""
    path = built.root / POST
    path.write_bytes(path.read_bytes() + b"\n" + AUTHORS_TEXT)
    return built


def not_utf8(site: Site, relative: str = POST) -> str:
    line = post_line(site, b"Caf\xe9", relative)
    return f"{relative}:{line}: error: not UTF-8 text (byte 0xe9); save it as UTF-8"


@pytest.mark.parametrize("plan", [[SESSION], [RENAMED]], ids=["plan unchanged", "session renamed"])
def test_build_refuses_a_post_with_a_byte_that_is_not_utf8_and_writes_nothing(
    latin1: Site, plan: list[dict]
) -> None:
    write_plan(latin1, plan)
    before = latin1.snapshot()
    result = build(latin1)
    assert result.exit_code == 1
    assert errors(result.stderr) == [not_utf8(latin1)]
    assert "Traceback" not in result.output
    assert latin1.snapshot() == before


def test_add_reading_refuses_a_post_with_a_byte_that_is_not_utf8_and_leaves_the_plan(latin1: Site) -> None:
    before = latin1.snapshot()
    result = latin1.run("add-reading", "--week", "W10.1", SURVEY, "--offline", cwd=latin1.root)
    assert result.exit_code == 1
    assert errors(result.stderr) == [not_utf8(latin1)]
    assert latin1.snapshot() == before


def test_check_names_the_byte_that_is_not_utf8_once(latin1: Site) -> None:
    result = latin1.run("check", cwd=latin1.root)
    assert result.exit_code == 1
    assert errors(result.stderr) == [not_utf8(latin1)]


def test_remove_session_refuses_to_delete_a_post_whose_bytes_its_backup_could_not_keep(latin1: Site) -> None:
    before = latin1.snapshot()
    result = latin1.run("remove-session", "--week", "W10.1", "--offline", cwd=latin1.root)
    assert result.exit_code == 1
    assert errors(result.stderr) == [not_utf8(latin1)]
    assert "internal error" not in result.output
    assert latin1.snapshot() == before


def test_a_file_in_the_way_that_is_not_utf8_is_named_with_its_byte(built: Site) -> None:
    in_the_way = "_posts/2025-01-16-retrieval.md"  # where the next session's post goes
    (built.root / in_the_way).write_bytes(b"---\ntitle: Mine\n---\n" + AUTHORS_TEXT)
    write_plan(built, [SESSION, {"week": "W10.2", "title": "Retrieval", "required": [SURVEY]}])
    before = built.snapshot()
    result = build(built)
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        f"{in_the_way}:4: error: already exists and is not UTF-8 text (byte 0xe9); save it as UTF-8 (or "
        "rename or remove it); nothing written"
    ]
    assert built.snapshot() == before


# --- front matter that does not read --------------------------------------------------------------------

# Each broken front matter: the text of the post it replaces, what it puts there, the YAML problem, and the
# text of the line PyYAML's problem mark names (the line after an unclosed `[`: where it found it unclosed).
BROKEN = {
    "an unclosed flow list": (
        "title: Long context\n",
        "title: [unclosed\n",
        "did not find expected ',' or ']'",
        b"lecture:",
    ),
    "a tab-indented mapping": (
        "lecture:\n",
        "lecture:\n\tslides: 1\n",
        "found character that cannot start any token",
        b"\tslides",
    ),
    "a date that does not exist": (
        "lecture:\n",
        "lecture: 2025-02-30\n",
        "day is out of range for month",
        b"lecture: 2025",
    ),
}


def break_front_matter(site: Site, case: str) -> str:
    """Break the post's front matter as `case` says; the start of what build and check say of it: the file
    and the line of the problem, counted in the whole file."""
    old, new, _, mark = BROKEN[case]
    path = site.root / POST
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return f"{POST}:{post_line(site, mark)}: error: "


def yaml_problem(case: str) -> str:
    return f"front matter is not valid YAML ({BROKEN[case][2]}"


@pytest.mark.parametrize("case", BROKEN)
def test_build_names_the_yaml_problem_and_its_line_in_a_sessions_post(built: Site, case: str) -> None:
    where = break_front_matter(built, case)
    before = built.snapshot()
    result = build(built)
    assert result.exit_code == 1
    (problem,) = errors(result.stderr)
    assert problem.startswith(where) and yaml_problem(case) in problem
    assert problem.endswith("nothing written (fix it, rename or remove it)")
    assert built.snapshot() == before


@pytest.mark.parametrize("case", BROKEN)
def test_a_session_renamed_in_the_plan_gets_no_second_post_beside_its_unreadable_one(
    built: Site, case: str
) -> None:
    where = break_front_matter(built, case)
    write_plan(built, [RENAMED])
    before = built.snapshot()
    result = build(built)
    assert result.exit_code == 1
    (problem,) = errors(result.stderr)
    assert problem.startswith(
        where + "is session W10.1's post (desc: 2025-W10.1), and its " + yaml_problem(case)
    )
    assert problem.endswith("nothing written (fix it)")
    assert built.snapshot() == before
    assert built.post_files() == [Path(POST).name]


@pytest.mark.parametrize("case", BROKEN)
def test_add_reading_names_the_yaml_problem_and_leaves_the_plan(built: Site, case: str) -> None:
    where = break_front_matter(built, case)
    before = built.snapshot()
    result = built.run("add-reading", "--week", "W10.1", SURVEY, "--offline", cwd=built.root)
    assert result.exit_code == 1
    (problem,) = errors(result.stderr)
    assert problem.startswith(where) and yaml_problem(case) in problem
    assert built.snapshot() == before


@pytest.mark.parametrize("plan", [[SESSION], [RENAMED]], ids=["plan unchanged", "session renamed"])
@pytest.mark.parametrize("case", BROKEN)
def test_check_names_the_yaml_problem_as_build_does(built: Site, case: str, plan: list[dict]) -> None:
    where = break_front_matter(built, case)
    write_plan(built, plan)
    checked = built.run("check", cwd=built.root)
    refused = build(built)
    assert checked.exit_code == refused.exit_code == 1
    (problem,) = errors(checked.stderr)
    assert problem.startswith(where) and yaml_problem(case) in problem
    assert errors(refused.stderr) == [problem]


# --- lines of 30,000 characters -------------------------------------------------------------------------

LONG = 30_000
# Lines that made a pattern backtrack: each is read in one pass now. (`+ [x](` and 30,000 spaces took
# `import-list` 95 s: a link's destination tried every way of splitting the spaces before and after it; a
# backticked key opened then 30,000 spaces, some 20 minutes: the key and its blanks shared them every way.)
HOSTILE = {
    "a heading": "## " + "a" * LONG,
    "a reading's heading": "#### " + "Title " * (LONG // 6),
    "hashes": "#" * LONG,
    "stars": "*" * LONG,
    "dashes": "-" * LONG,
    "pluses": "+" * LONG,
    "opening brackets": "[" * LONG,
    "closing brackets": "]" * LONG,
    "backticks": "`" * LONG,
    "tildes": "~" * LONG,
    "pipes": "|" * LONG,
    "backslashes": "\\" * LONG,
    "Liquid tags opened": "{%" * (LONG // 2),
    "spaces, then a word": " " * LONG + "word",
    "a link opened, then spaces": "+ [x](" + " " * LONG,
    "a link opened, then tabs": "[x](" + "\t" * LONG + "u",
    "links opened, then spaces": ("[x](" + " " * 100) * (LONG // 104),
    "a destination opened with <": "[x](<" + "a" * LONG,
    "a title never closed": '[x](u "' + "a" * LONG,
    "closers and openers": "](" * (LONG // 2),
    "emphasis opened": "**a" * (LONG // 3),
    "code spans opened": "`a" * (LONG // 2),
    "a bracketed date": "[2024." + "1" * LONG,
    "an address": "https://" + "a" * LONG,
    "an arXiv mention": "arXiv:" + "1" * LONG,
    "months in parentheses": "(" + "Jan " * (LONG // 4),
    "a backticked key opened, then spaces": "`" + " " * LONG + "x",
    "a bold key opened, then tabs": "**" + "\t" * LONG + "x",
}


def hostile_talks_site(tmp_path: Path, line: str) -> Site:
    """The tiny talks site, its first talk holding `line` after its required reading (a table row, a code
    fence or a heading there changes what its readings are, as it would on the page) and after its excerpt
    marker."""
    site = talks_site(tmp_path)
    path = site.root / "_talks/T01.md"
    text = path.read_text(encoding="utf-8").replace("## More Readings:", f"{line}\n\n## More Readings:")
    path.write_text(f"{text}\n{line}\n", encoding="utf-8")
    return site


@pytest.mark.parametrize("line", HOSTILE.values(), ids=HOSTILE.keys())
def test_adopt_build_and_check_read_a_session_file_holding_a_long_hostile_line(
    tmp_path: Path, line: str
) -> None:
    site = hostile_talks_site(tmp_path, line)
    adopted = site.run("adopt", cwd=site.root)
    assert adopted.exit_code == 0, adopted.output
    assert (
        adopted_sessions(site)[1:] == TALKS_PLAN[1:]
    )  # the first talk's readings are what its line makes them
    built = site.run("build", "--offline", cwd=site.root)
    assert (built.exit_code, built.stdout) == (0, "3 sessions: 0 new, 0 updated, 3 unchanged\n")
    checked = site.run("check", cwd=site.root)
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("line", HOSTILE.values(), ids=HOSTILE.keys())
def test_build_and_check_read_a_seminar_post_holding_a_long_hostile_line(built: Site, line: str) -> None:
    path = built.root / POST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n\n", f"---\n\n{line}\n\n", 1) + f"\n{line}\n", encoding="utf-8")
    before = built.snapshot()
    result = build(built)
    assert (result.exit_code, result.stdout) == (0, "1 session: 0 new, 0 updated, 1 unchanged\n")
    assert built.snapshot() == before
    checked = built.run("check", cwd=built.root)
    assert "Traceback" not in checked.output and checked.exit_code in (0, 1)


LIST = """\
# 202409
## Agents
### ReAct: Synergizing Reasoning and Acting in Language Models
[2022.10] [[paper](https://arxiv.org/abs/2210.03629)]
- `Keypoints:` reasoning; acting
- {line}
{line}
### {line}
- `Keypoints:` nothing
### Reflexion: Language Agents with Verbal Reinforcement Learning
- `Keypoints:` self-reflection; memory
"""


@pytest.mark.parametrize("line", HOSTILE.values(), ids=HOSTILE.keys())
def test_import_list_reads_a_list_holding_a_long_hostile_line(site: Site, tmp_path: Path, line: str) -> None:
    path = tmp_path / "agents.md"
    path.write_text(LIST.format(line=line), encoding="utf-8")
    result = site.run("import-list", str(path))
    assert result.exit_code == 0, result.output
    titles = [paper["title"] for paper in json.loads(site.run("papers", "--json").stdout)]
    assert "ReAct: Synergizing Reasoning and Acting in Language Models" in titles
    assert "Reflexion: Language Agents with Verbal Reinforcement Learning" in titles


def test_check_reads_a_post_opening_with_30000_blank_lines_never_closed(built: Site) -> None:
    built.write("_posts/2025-01-20-notes.md", "---" + "\n" * LONG + "Notes.\n")
    result = built.run("check", cwd=built.root)
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        "_posts/2025-01-20-notes.md:1: error: front matter opened here is never closed by '---': Jekyll "
        "reads it as text"
    ]
