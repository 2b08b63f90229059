"""`seminar check` errs exactly when `seminar build` refuses, naming the same place in the same words; so
`seminar publish`, which refuses while check errs, refuses what build refuses. Counts are said in the
singular and plural as they should be."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from plans import END, EXCERPT, LLOCO, NVLM, PLAN, SURVEY, build, line_of, old_style, write_plan

from conftest import Site, git, isolate_git

S1_POST = "_posts/2025-01-14-intro.md"
S2_POST = "_posts/2025-01-16-video-generation.md"
S3_POST = "_posts/2025-01-21-long-context.md"  # where a third session's post goes
SESSIONS = [
    {"week": "S1", "title": "Intro", "lead": "team-1", "required": [NVLM]},
    {"week": "S2", "title": "Video generation", "required": [SURVEY]},
]
THIRD = {"week": "S3", "title": "Long context", "required": [LLOCO]}
TODAY = date.today().isoformat()  # as publish, which has no --today, sees the site: every session held


@pytest.fixture
def built(site: Site) -> Site:
    """A site whose two sessions' posts are built and in step with the plan."""
    write_plan(site, SESSIONS)
    result = build(site, today=TODAY)
    assert result.exit_code == 0, result.output
    return site


def read(site: Site, relative: str) -> str:
    return (site.root / relative).read_text(encoding="utf-8")


def edit(site: Site, relative: str, old: str, new: str) -> None:
    text = read(site, relative)
    assert old in text, (old, text)
    site.write(relative, text.replace(old, new, 1))


def front(text: str) -> str:
    """The post's front matter, `---` lines included."""
    return text[: text.index("---\n", 4) + 4]


# Each broken state, made on a built site; the first group makes build refuse, the second does not.
REFUSED: dict[str, Callable[[Site], None]] = {
    "a reading list edited by hand": lambda site: edit(site, S1_POST, END, "Also skim the appendix.\n" + END),
    "a post made before markers whose reading list differs from the plan's": lambda site: site.write(
        S1_POST, old_style(read(site, S1_POST)).replace("#### NVLM", "#### The NVLM paper")
    ),
    "a post made before markers with no reading list to adopt": lambda site: site.write(
        S1_POST, front(read(site, S1_POST)) + "\nNotes from class.\n"
    ),
    "a file in the way of a new session's post": lambda site: (
        site.write(S3_POST, "---\ntitle: My notes\n---\nMine.\n"),
        write_plan(site, [*SESSIONS, THIRD]),
    ),
    "a file in the way whose front matter cannot be read": lambda site: (
        site.write(S3_POST, "---\ntitle: Notes: mine\n---\nMine.\n"),
        write_plan(site, [*SESSIONS, THIRD]),
    ),
    "two posts with one desc": lambda site: site.write(
        "_posts/2025-01-15-intro-again.md", read(site, S1_POST)
    ),
    "two sessions with one desc": lambda site: write_plan(
        site, [SESSIONS[0], {**SESSIONS[1], "desc": "2025-S1"}]
    ),
    "a front-matter key given twice": lambda site: edit(
        site, S1_POST, "lecture:\n", "lecture:\nlecture: x\n"
    ),
}
BUILT: dict[str, Callable[[Site], None]] = {
    "a title changed in the plan": lambda site: write_plan(
        site, [{**SESSIONS[0], "title": "Welcome"}, SESSIONS[1]]
    ),
    "a lead team changed by hand": lambda site: edit(site, S1_POST, "video: team-1\n", "video: team-9\n"),
    "text written after the excerpt marker": lambda site: edit(site, S1_POST, EXCERPT, EXCERPT + "\nBlog.\n"),
    "a session added to the plan": lambda site: write_plan(site, [*SESSIONS, THIRD]),
}


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line or line.startswith("error: ")]


@pytest.mark.parametrize("state", [*REFUSED, *BUILT])
def test_check_errs_exactly_when_build_refuses_and_names_the_same_place(built: Site, state: str) -> None:
    (REFUSED | BUILT)[state](built)
    checked = built.run("check", cwd=built.root)
    built_result = build(built, today=TODAY)
    assert (checked.exit_code != 0) == (built_result.exit_code != 0) == (state in REFUSED), (
        checked.output,
        built_result.output,
    )
    assert set(errors(built_result.stderr)) <= set(errors(checked.stderr)), (
        checked.stderr,
        built_result.stderr,
    )


def test_a_reading_list_edited_by_hand_is_an_error_on_the_line_of_its_start_marker(built: Site) -> None:
    REFUSED["a reading list edited by hand"](built)
    result = built.run("check", cwd=built.root)
    start = line_of(read(built, S1_POST), "<!-- seminar:readings start")
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        f"{S1_POST}:{start}: error: the reading list between seminar's markers was edited by hand; nothing "
        "written (move your text outside the markers, or --force regenerates it and keeps the old file as a "
        "backup)"
    ]
    assert result.stdout == "1 error, 0 warnings\n"


def test_a_posts_own_problem_that_build_says_again_is_said_once_in_builds_words(built: Site) -> None:
    REFUSED["a file in the way whose front matter cannot be read"](built)
    result = built.run("check", cwd=built.root)
    (problem,) = errors(result.stderr)
    assert problem.startswith(f"{S3_POST}:2: error: already exists, and its front matter is not valid YAML")
    assert problem.endswith("nothing written (fix it, rename or remove it)")


def test_check_counts_two_errors_and_one_warning_in_the_plural_and_the_singular(built: Site) -> None:
    site = built
    REFUSED["a reading list edited by hand"](site)
    site.write("_posts/notes.md", "---\ntitle: Notes\n---\nMine.\n")  # a name Jekyll skips
    site.write("_posts/2025-1-5-talk.md", "---\ntitle: Talk\n---\nA guest.\n")  # a date not zero-padded
    result = site.run("check", cwd=site.root)
    assert (result.exit_code, result.stdout) == (1, "2 errors, 1 warning\n")


# publish refuses what build refuses


@pytest.fixture
def repo(built: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    """The built site as a git repository with everything committed."""
    isolate_git(monkeypatch, built.root.parent)
    git(built.root, "init", "-q", "-b", "main")
    git(built.root, "add", "-A")
    git(built.root, "commit", "-qm", "start")
    return built


def test_publish_refuses_a_reading_list_edited_by_hand_and_commits_nothing(repo: Site) -> None:
    REFUSED["a reading list edited by hand"](repo)
    head = git(repo.root, "rev-parse", "HEAD")
    result = repo.run("publish", cwd=repo.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "error: 1 error from `seminar check`; nothing committed"
    assert f"{S1_POST}:" in result.stderr and "edited by hand" in result.stderr
    assert git(repo.root, "rev-parse", "HEAD") == head


def test_publish_counts_two_errors_in_the_plural(repo: Site) -> None:
    REFUSED["a reading list edited by hand"](repo)
    repo.write("_posts/notes.md", "---\ntitle: Notes\n---\nMine.\n")
    result = repo.run("publish", cwd=repo.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "error: 2 errors from `seminar check`; nothing committed"


def test_the_plan_line_of_a_desc_given_twice_is_named_by_check_as_by_build(built: Site) -> None:
    REFUSED["two sessions with one desc"](built)
    result = built.run("check", cwd=built.root)
    plan = read(built, PLAN)
    (problem,) = errors(result.stderr)
    assert problem.startswith(
        f"{PLAN}:{line_of(plan, '- week: S2')}: error: desc 2025-S1 is session S1's too"
    )
