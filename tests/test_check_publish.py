"""`seminar check` (lint as Jekyll reads the site, and against the plan) and `seminar publish` (git)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from plans import NVLM, PLAN, SURVEY, plan_text

from conftest import REPO, Site, git, isolate_git

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Video generation", "required": [SURVEY]},
]


def built(site: Site) -> None:
    site.write(PLAN, plan_text(SESSIONS))
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output


def test_the_demo_site_has_no_error_and_one_line_for_its_titles_alone(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(REPO, demo, ignore=shutil.ignore_patterns(".git", "_site", ".jekyll-cache", "*.egg-info"))
    result = Site(demo).run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 1 warning\n"
    (warning,) = result.stderr.splitlines()  # the demo's readings from curated lists that gave no link
    assert warning.startswith("warning: 16 readings of sessions W08.1, W08.2, W10.1, W10.2 are titles alone")


def test_a_built_site_is_clean(site: Site) -> None:
    built(site)
    result = site.run("check")
    assert (result.exit_code, result.stdout) == (0, "0 errors, 0 warnings\n")


PLANTED = {
    "a post name Jekyll skips": ("_posts/intro-notes.md", "---\ntitle: X\n---\nHi\n", "error"),
    "front matter that is not YAML": ("_posts/2025-02-04-x.md", "---\ntitle: A: B\n---\nHi\n", "error"),
    "a title YAML 1.1 reads as a number": (
        "_posts/2025-02-04-x.md",
        "---\nlayout: post\ntitle: 2410.10000\ndesc: 2025-X\nlectureVersion: next\ntags:\ncategories:\n---\n",
        "error",
    ),
    "tags given as a bare string": (
        "_posts/2025-02-04-x.md",
        "---\nlayout: post\ntitle: X\ndesc: 2025-X\nlectureVersion: next\ntags: Long context\n---\n",
        "error",
    ),
    "two files with one URL": ("_posts/2025-01-14-intro.markdown", "---\ntitle: Twin\n---\nHi\n", "error"),
    "Liquid in math left unescaped": (
        "_posts/2025-02-04-math.md",
        "---\ntitle: Math\n---\nWe use $$ {{\\mathbf{x}}_i} $$ here.\n",
        "error",
    ),
}


@pytest.mark.parametrize("planted", PLANTED)
def test_check_finds_a_planted_problem(site: Site, planted: str) -> None:
    built(site)
    path, text, level = PLANTED[planted]
    site.write(path, text)
    result = site.run("check", cwd=site.root)
    assert result.exit_code == 1, result.output
    assert f"{path}:" in result.stderr and f": {level}: " in result.stderr


def test_check_json_prints_every_problem_as_an_object_and_exits_1_on_an_error(site: Site) -> None:
    built(site)
    site.write("_posts/2025-02-04-x.md", PLANTED["a title YAML 1.1 reads as a number"][1])
    site.write("_posts/2099-01-01-later.md", "---\ntitle: Later\n---\nHi\n")
    site.write(
        "_config.yml", (site.root / "_config.yml").read_text().replace("future: true", "future: false")
    )
    result = site.run("check", "--json", "--today", "2025-06-01", cwd=site.root)
    assert result.exit_code == 1 and result.stderr == ""
    found = json.loads(result.stdout)
    assert all(set(item) == {"level", "file", "line", "key", "message"} for item in found)
    (number,) = [item for item in found if item["level"] == "error"]
    assert (number["file"], number["line"]) == ("_posts/2025-02-04-x.md", 3)
    assert number["key"] == "title" and number["message"].startswith(
        "YAML 1.1 reads 2410.10000 as the number"
    )
    assert {"file": "_posts/2099-01-01-later.md", "line": None, "level": "warning", "key": None} in [
        {key: item[key] for key in ("file", "line", "level", "key")} for item in found
    ]


def test_check_json_of_a_clean_site_is_an_empty_list(site: Site) -> None:
    built(site)
    result = site.run("check", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_problems_go_to_stderr_and_the_count_to_stdout(site: Site) -> None:
    built(site)
    site.write("_posts/intro-notes.md", "---\ntitle: X\n---\nHi\n")
    result = site.run("check", cwd=site.root)
    assert result.stdout == "1 error, 0 warnings\n"
    assert result.stderr.startswith("_posts/intro-notes.md: error: Jekyll skips this file silently")


def test_check_warns_when_a_fresh_site_has_no_layout_for_its_sessions(site: Site) -> None:
    shutil.rmtree(site.root / "_layouts")
    built(site)
    result = site.run("check", cwd=site.root)
    assert (result.exit_code, result.stdout) == (0, "0 errors, 2 warnings\n")
    assert (
        "_posts/2025-01-14-intro.md:2: warning: layout: 'post' is not a layout of this site" in result.stderr
    )


def test_check_warns_of_a_future_post_on_a_site_without_future_true(site: Site) -> None:
    site.write("_config.yml", "seminar:\n  term: T\n")
    site.write("_posts/2099-01-01-later.md", "---\ntitle: Later\n---\nHi\n")
    result = site.run("check", "--today", "2025-01-01", cwd=site.root)
    assert result.exit_code == 0
    assert "_posts/2099-01-01-later.md: warning: dated 2099-01-01, after today" in result.stderr


def test_check_finds_a_reading_missing_from_the_store_with_the_plans_line(site: Site) -> None:
    built(site)
    site.write(PLAN, plan_text([*SESSIONS, {"week": "S3", "title": "New", "required": ["2501.00001"]}]))
    result = site.run("check", cwd=site.root)
    assert result.exit_code == 1
    assert result.stderr.startswith("_data/schedule.yml:22: error: session S3: 2501.00001: not cached in")


def test_check_warns_of_posts_out_of_step_with_the_plan(site: Site) -> None:
    built(site)
    site.write(PLAN, plan_text([{**SESSIONS[0], "title": "Welcome"}, SESSIONS[1]]))
    result = site.run("check", cwd=site.root)
    assert result.exit_code == 0
    assert "_posts/2025-01-14-intro.md: warning: out of step with the plan (session S1)" in result.stderr


def test_check_errs_on_a_reading_list_edited_by_hand_as_build_refuses_it(site: Site) -> None:
    built(site)
    post = site.posts / "2025-01-14-intro.md"
    post.write_text(post.read_text().replace("## More Readings:", "## Optional:"))
    result = site.run("check", cwd=site.root)
    assert result.exit_code == 1
    assert ": error: the reading list between seminar's markers was edited by hand" in result.stderr


def test_check_writes_nothing(site: Site) -> None:
    built(site)
    site.write(PLAN, plan_text([{**SESSIONS[0], "title": "Welcome"}, SESSIONS[1]]))
    before = site.snapshot()
    site.run("check")
    assert site.snapshot() == before


@pytest.mark.jekyll
def test_check_build_catches_a_yaml_error_plain_jekyll_lets_through(
    jekyll: str, site: Site, tmp_path: Path
) -> None:
    built(site)
    shutil.copytree(REPO / "_layouts", site.root / "_layouts", dirs_exist_ok=True)
    site.write("about.md", "---\ntitle: Attention: Is All You Need?\n---\nAbout us.\n")
    plain = subprocess.run(
        [jekyll, "build", "-s", str(site.root), "-d", str(tmp_path / "plain")], capture_output=True, text=True
    )
    assert plain.returncode == 0
    assert site.run("check").exit_code == 0
    result = site.run("check", "--build", cwd=site.root)
    assert result.exit_code == 1
    assert "about.md" in result.stderr and "error" in result.stderr


@pytest.fixture
def repo(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    """The site as a git repository with one commit, its build not yet committed."""
    isolate_git(monkeypatch, site.root.parent)
    site.write("about.md", "---\ntitle: About\n---\nAbout us.\n")
    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "start")
    built(site)
    return site


def test_publish_commits_only_seminars_files(repo: Site) -> None:
    repo.write("about.md", "---\ntitle: About\n---\nAbout us, edited.\n")
    result = repo.run("publish", cwd=repo.root)
    assert result.exit_code == 0, result.output
    committed = git(repo.root, "show", "--name-only", "--format=%s", "HEAD").split()
    assert committed[:4] == ["Update", "sessions", "S1,", "S2"]
    assert sorted(committed[4:]) == [
        "_data/schedule.yml",
        "_posts/2025-01-14-intro.md",
        "_posts/2025-01-16-video-generation.md",
    ]
    assert git(repo.root, "status", "--porcelain") == " M about.md\n"


def test_publish_commits_a_moved_post_as_a_rename(repo: Site) -> None:
    repo.run("publish")
    repo.run("move", "--week", "S2", "--to", "2025-01-21", "--offline")
    result = repo.run("publish", "-m", "Move S2 a week", cwd=repo.root)
    assert result.exit_code == 0, result.output
    assert git(repo.root, "show", "--no-renames", "--name-status", "--format=%s", "HEAD").split() == [
        "Move", "S2", "a", "week",
        "M", "_data/schedule.yml",
        "D", "_posts/2025-01-16-video-generation.md",
        "A", "_posts/2025-01-21-video-generation.md",
    ]  # fmt: skip


def test_publish_refuses_when_another_file_is_staged(repo: Site) -> None:
    repo.write("about.md", "---\ntitle: About\n---\nStaged.\n")
    git(repo.root, "add", "about.md")
    head = git(repo.root, "rev-parse", "HEAD")
    result = repo.run("publish")
    assert result.exit_code == 1 and "about.md" in result.stderr and "--include-staged" in result.stderr
    assert git(repo.root, "rev-parse", "HEAD") == head


def test_publish_refuses_when_check_finds_errors(repo: Site) -> None:
    repo.write("_posts/2025-02-04-bad.md", "---\ntitle: A: B\n---\n")
    head = git(repo.root, "rev-parse", "HEAD")
    result = repo.run("publish")
    assert result.exit_code == 1 and "nothing committed" in result.stderr
    assert git(repo.root, "rev-parse", "HEAD") == head


def test_publish_refuses_a_plan_whose_posts_are_not_built_yet(repo: Site) -> None:
    plan = repo.root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: Intro", "title: Introduction"))
    head = git(repo.root, "rev-parse", "HEAD")
    result = repo.run("publish", cwd=repo.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "_posts/2025-01-14-intro.md: error: out of step with the plan (session S1): `seminar build` would "
        "update it",
        "error: 1 error from `seminar check`; nothing committed",
    ]
    assert git(repo.root, "rev-parse", "HEAD") == head  # the site would show the plan's title nowhere


def test_publish_with_nothing_new_commits_nothing(repo: Site) -> None:
    repo.run("publish")
    head = git(repo.root, "rev-parse", "HEAD")
    result = repo.run("publish")
    assert result.exit_code == 0 and "nothing to publish" in result.stdout
    assert git(repo.root, "rev-parse", "HEAD") == head


def test_publish_push_pushes_the_branch(repo: Site, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(repo.root, "remote", "add", "origin", str(remote))
    result = repo.run("publish", "--push")
    assert result.exit_code == 0, result.output
    assert git(remote, "rev-parse", "main") == git(repo.root, "rev-parse", "HEAD")


def test_publish_push_without_a_remote_says_what_it_committed_then_the_error(repo: Site) -> None:
    result = repo.run("publish", "--push")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"committed {git(repo.root, 'rev-parse', '--short', 'HEAD').strip()}: ")
    assert result.stderr.startswith("error: no remote to push to")


def test_publish_include_staged_commits_the_staged_file_too(repo: Site) -> None:
    repo.write("about.md", "---\ntitle: About\n---\nStaged.\n")
    git(repo.root, "add", "about.md")
    result = repo.run("publish", "--include-staged")
    assert result.exit_code == 0, result.output
    assert "about.md" in git(repo.root, "show", "--name-only", "--format=", "HEAD").split()
    assert git(repo.root, "status", "--porcelain") == ""
