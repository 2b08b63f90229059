"""`seminar init`: a new class site in one command; in an existing site, only what it is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import REPO, SITE_CONFIG, Site, jekyll_build
from seminar.site.init import SKELETON
from seminar.sources.config import load_config
from seminar.sources.plan import load_plan

SITE_FILES = [item.path for item in SKELETON]
COPIED = {item.path: REPO / item.checkout for item in SKELETON if not item.filled}


def new_site(tmp_path: Path, *options: str) -> tuple[Site, str]:
    """`seminar init class ...` run from `tmp_path`: the site and what the command printed."""
    site = Site(tmp_path / "class")
    result = site.run("init", "class", *options, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return site, result.stdout


def test_init_in_an_empty_folder_writes_every_file_and_says_so(tmp_path: Path) -> None:
    site, out = new_site(tmp_path, "--year", "2026")
    assert out == (
        "".join(f"added class/{path}\n" for path in SITE_FILES) + "10 files added\n"
        "next: fill in the calendar in class/_data/schedule.yml, then plan a session:\n"
        '  cd class && seminar new-session --week W01.1 --title "..." --date YYYY-MM-DD --required ARXIV_ID\n'
    )
    assert sorted(SITE_FILES) == sorted(
        str(path.relative_to(site.root)) for path in site.root.rglob("*") if path.is_file()
    )


def test_the_layouts_pages_and_workflow_are_copies_of_seminars_own(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    for path, source in COPIED.items():
        assert (site.root / path).read_bytes() == source.read_bytes(), path


def test_the_folder_is_made_with_its_parents(tmp_path: Path) -> None:
    site = Site(tmp_path / "courses" / "2026" / "seminar")
    result = site.run("init", "courses/2026/seminar", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (site.root / "_config.yml").is_file()


def test_without_a_folder_it_starts_the_site_here(tmp_path: Path) -> None:
    site = Site(tmp_path)
    result = site.run("init", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "added _layouts/post.html\n" in result.stdout
    assert result.stdout.endswith(
        '  seminar new-session --week W01.1 --title "..." --date YYYY-MM-DD --required ARXIV_ID\n'
    )


def test_term_and_year_go_into_the_config_and_the_plan(tmp_path: Path) -> None:
    title = 'The "Reading" Group'
    site, _ = new_site(tmp_path, "--term", "Fall 2026: #LLMs", "--year", "2026", "--title", title)
    config = load_config(site.root)
    assert (config.term, config.year, config.posts_dir) == ("Fall 2026: #LLMs", 2026, "_posts")
    raw = yaml.safe_load((site.root / "_config.yml").read_text(encoding="utf-8"))
    assert raw["title"] == title
    assert raw["future"] is True and raw["excerpt_separator"] == "<!--excerpt.start-->"
    plan = load_plan(config)
    assert (plan.term, plan.year, plan.sessions) == ("Fall 2026: #LLMs", 2026, ())


def test_the_defaults_are_this_years_term(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    config = load_config(site.root)
    year = date.today().year
    assert (config.term, config.year) == (f"{year}-seminarRead", year)


def test_the_plan_has_a_calendar_to_fill_in_and_no_sessions(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path, "--year", "2026")
    text = (site.root / "_data" / "schedule.yml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    assert list(raw) == ["term", "year", "first_day", "last_day", "meets", "no_class", "sessions"]
    assert (raw["first_day"], raw["last_day"], raw["meets"], raw["no_class"], raw["sessions"]) == (
        None, None, None, [], []
    )  # fmt: skip
    assert "# the first day of class, e.g. 2026-01-13" in text


def test_the_fresh_site_checks_clean(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    result = site.run("check")
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr


def test_a_second_init_changes_no_file_and_says_nothing_added(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    before = site.snapshot()
    result = site.run("init", "class", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert site.snapshot() == before
    assert result.stdout.startswith("nothing added: class already has all 10 files of a class site\n")
    assert "added" not in result.stdout.replace("nothing added", "")


def test_in_an_existing_site_it_adds_only_what_is_missing(site: Site) -> None:
    before = site.snapshot()  # _config.yml, a bare _layouts/post.html, the paper store
    result = site.run("init", cwd=site.root)
    assert result.exit_code == 0, result.output
    after = site.snapshot()
    assert {path: after[path] for path in before} == before
    assert "left  _layouts/post.html (already there)\n" in result.stdout
    assert "left  _config.yml (already there)\n" in result.stdout
    assert "added _layouts/default.html\n" in result.stdout
    assert "8 files added, 2 already there\n" in result.stdout
    assert sorted(set(after) - set(before)) == sorted(set(SITE_FILES) - {"_config.yml", "_layouts/post.html"})


def test_a_config_without_a_seminar_block_is_left_and_the_block_printed(tmp_path: Path) -> None:
    site = Site(tmp_path)
    config = site.write("_config.yml", "title: Our seminar\n")
    result = site.run("init", "--term", "2026-seminarRead", "--year", "2026", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert config.read_text(encoding="utf-8") == "title: Our seminar\n"
    assert (
        "_config.yml has no seminar: block; add this one to it (seminar's settings):\n"
        "seminar:\n  term: 2026-seminarRead\n  year: 2026\n  posts_dir: _posts\n"
    ) in result.stdout


def test_a_config_with_a_seminar_block_gets_no_advice(site: Site) -> None:
    assert "seminar:" in SITE_CONFIG
    result = site.run("init", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert "no seminar: block" not in result.stdout


def test_a_broken_config_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.write("_config.yml", "title: x\nseminar:\n  year: twenty\n")
    result = site.run("init", cwd=tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == "_config.yml:3: error: seminar.year: must be a year such as 2025, not 'twenty'\n"
    assert [path.name for path in tmp_path.iterdir()] == ["_config.yml"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--year", "twenty", "error: --year: must be a year such as 2025, not 'twenty'\n"),
        ("--term", "", "error: --term: must be one line of text, not ''\n"),
        ("--title", "two\nlines", "error: --title: must be one line of text, not 'two\\nlines'\n"),
    ],
)
def test_a_bad_value_is_one_error_line_and_nothing_is_written(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = Site(tmp_path / "class").run("init", "class", option, value, cwd=tmp_path)
    assert result.exit_code == 1 and result.stderr == message
    assert not (tmp_path / "class").exists()


def test_a_file_in_the_folders_place_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "class").write_text("not a folder\n", encoding="utf-8")
    result = Site(tmp_path / "class").run("init", "class", cwd=tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("class: error: ")


def test_the_gitignore_keeps_out_seminars_folder_and_jekylls_output(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    ignored = (site.root / ".gitignore").read_text(encoding="utf-8").split("\n")
    assert {".seminar/", "_site/", ".jekyll-cache/", ".jekyll-metadata"} <= set(ignored)


def test_the_pages_workflow_checks_builds_and_deploys(tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    text = (site.root / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"]["steps"], workflow["jobs"]["deploy"]["steps"]
    assert [step["name"] for step in build] == [
        "Check out the site",
        "Set up Ruby",
        "Install Jekyll",
        "Set up Python",
        "Install seminar",
        "Check the posts and the plan, and build strictly",
        "Configure Pages",
        "Build the site",
        "Upload the site",
    ]
    runs = {step["name"]: step.get("run", "") for step in build}
    assert runs["Check the posts and the plan, and build strictly"] == "seminar check --build"
    assert 'pip install "$SEMINAR_PACKAGE"' in runs["Install seminar"]
    assert "jekyll build --baseurl" in runs["Build the site"]
    uses = [step.get("uses", "").split("@")[0] for step in [*build, *deploy]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    assert "SEMINAR_PACKAGE" in workflow["env"]  # where seminar is installed from, named at the top
    assert workflow["jobs"]["deploy"]["needs"] == "build"


@pytest.mark.jekyll
def test_a_new_site_builds_with_jekyll_and_its_schedule_lists_every_session(
    jekyll: str, tmp_path: Path
) -> None:
    site, _ = new_site(tmp_path, "--year", "2026")
    sessions = [("W01.1", "Scaling laws", "2026-01-13"), ("W01.2", "Long context", "2026-01-15")]
    for week, title, day in sessions:
        result = site.run("new-session", "--week", week, "--title", title, "--date", day, "--offline")
        assert result.exit_code == 0, result.output
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output

    built = jekyll_build(jekyll, site.root, tmp_path / "built")
    assert "Layout" not in built.stdout + built.stderr  # no "Build Warning: Layout 'post' ... does not exist"
    page = lxml.html.parse(str(tmp_path / "built" / "schedule" / "index.html"))
    rows = page.xpath("//tr[contains(@class, 'session-row')]")
    shown = [(row.findtext("td[@class='week']"), row.xpath("string(td[@class='title'])")) for row in rows]
    assert shown == [(week, title) for week, title, _ in sessions]
    links = page.xpath("//tr[contains(@class, 'session-row')]//a/@href")
    assert links == ["/2026/01/13/scaling-laws.html", "/2026/01/15/long-context.html"]
    assert all((tmp_path / "built" / link.lstrip("/")).is_file() for link in links)


@pytest.mark.jekyll
def test_a_new_site_passes_check_build_as_its_workflow_runs_it(jekyll: str, tmp_path: Path) -> None:
    site, _ = new_site(tmp_path)
    result = site.run("check", "--build")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
