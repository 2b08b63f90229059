"""`seminar check`'s lints: each planted problem is found, with its file, line and level; clean posts pass."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, SITE_CONFIG, Site
from seminar.core.errors import Diagnostic, SeminarError
from seminar.site.jekyll_build import jekyll_build_problems
from seminar.site.lint import lint_posts
from seminar.site.posts import read_posts
from seminar.sources.config import load_config

TODAY = date(2025, 6, 1)
SESSION = """\
---
layout: post
title: LLMs - long context
lecture:
lectureVersion: current
extraContent:
notes:
video: team-1
tags:
- LLM
desc: 2025-S2
term: 2025-seminarRead
categories:
- FMBasic
---

In this session, our readings cover:
"""
BLOG = "---\nlayout: post\ntitle: Our first week\n---\nHello.\n"


def lint(site: Site, today: date = TODAY) -> list[Diagnostic]:
    config = load_config(site.root)
    return lint_posts(config, read_posts(config.posts_path), today)


def found(site: Site, today: date = TODAY) -> list[tuple[str, str, int | None]]:
    """(file name, level, line) of each problem, for comparing."""
    return [(problem.file.name, problem.level, problem.line) for problem in lint(site, today)]


def session(site: Site, old: str = "", new: str = "", name: str = "2025-03-04-long-context.md") -> Path:
    """A session post, with one line of the clean one changed."""
    return site.write(f"_posts/{name}", SESSION.replace(old, new, 1))


def only(site: Site) -> Diagnostic:
    (problem,) = lint(site)
    return problem


def test_a_generated_post_has_no_problems(site: Site) -> None:
    result = site.run("new-session", "--week", "S4", "--title", "Attention: is it {{ all }}?",
                      "--date", "2025-03-18", "--required", "2409.11402", "--video", "10:00",
                      "--tags", "yes")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert lint(site) == []


def test_the_demo_posts_have_no_errors() -> None:
    config = load_config(REPO)
    problems = lint_posts(config, read_posts(config.posts_path), date.today())
    assert [str(problem) for problem in problems if problem.level == "error"] == []


def test_a_yaml_error_is_an_error_at_its_line(site: Site) -> None:
    session(site, "title: LLMs - long context", "title: Attention: Is All You Need?")
    problem = only(site)
    assert (problem.level, problem.line) == ("error", 3)
    assert "not valid YAML" in problem.message


def test_a_key_given_twice_is_an_error_naming_both_lines(site: Site) -> None:
    session(site, "video: team-1", "video: team-1\nvideo: team-2")
    problem = only(site)
    assert (problem.level, problem.line) == ("error", 9)
    assert problem.message == "front matter has video twice (lines 8 and 9): keep one"


def test_front_matter_that_is_not_a_mapping_is_an_error(site: Site) -> None:
    site.write("_posts/2025-03-04-list.md", "---\n- a\n- b\n---\nbody\n")
    assert found(site) == [("2025-03-04-list.md", "error", 1)]
    assert "mapping" in only(site).message


def test_an_unclosed_front_matter_block_is_an_error(site: Site) -> None:
    site.write("_posts/2025-03-04-open.md", SESSION.replace("---\n\n", "\n"))
    assert found(site) == [("2025-03-04-open.md", "error", 1)]
    assert "never closed" in only(site).message


@pytest.mark.parametrize(
    ("old", "new", "line", "read_as"),
    [
        (
            "title: LLMs - long context",
            "title: 10:00",
            3,
            "10:00 as the number 36000",
        ),  # Psych reads h:mm as h*3600+mm*60
        ("lecture:", "lecture: 2025-03-04", 4, "2025-03-04 as the date 2025-03-04"),
        ("notes:", "notes: yes", 7, "yes as the boolean true"),
        ("video: team-1", "video: 2410.10000", 8, "2410.10000 as the number 2410.1"),
    ],
)
def test_a_text_value_yaml_reads_as_another_type_is_an_error_saying_to_quote_it(
    site: Site, old: str, new: str, line: int, read_as: str
) -> None:
    session(site, old, new)
    key, written = new.split(": ")
    assert found(site) == [("2025-03-04-long-context.md", "error", line)]
    problem = only(site)
    assert (problem.key, problem.message) == (key, f'YAML 1.1 reads {read_as}; quote it: "{written}"')
    assert str(problem).endswith(f'{key}: YAML 1.1 reads {read_as}; quote it: "{written}"')


def test_tags_written_as_a_bare_string_are_an_error(site: Site) -> None:
    session(site, "tags:\n- LLM", "tags: World model")
    problem = only(site)
    assert (problem.level, problem.line) == ("error", 9)
    assert "Jekyll splits on spaces into ['World', 'model']" in problem.message


def test_a_category_yaml_reads_as_a_number_is_an_error_at_its_item(site: Site) -> None:
    session(site, "- FMBasic", "- FMBasic\n- 2025")
    assert found(site) == [("2025-03-04-long-context.md", "error", 15)]


def test_lecture_version_must_be_next_or_current(site: Site) -> None:
    session(site, "lectureVersion: current", "lectureVersion: done")
    assert found(site) == [("2025-03-04-long-context.md", "error", 5)]
    assert "must be next or current, not done" in only(site).message


def test_an_empty_string_is_a_warning(site: Site) -> None:
    session(site, "extraContent:", 'extraContent: ""')
    assert found(site) == [("2025-03-04-long-context.md", "warning", 6)]
    assert "Liquid takes for true" in only(site).message


def test_missing_keys_are_a_warning_naming_them(site: Site) -> None:
    session(site, "extraContent:\nnotes:\n", "")
    assert found(site) == [("2025-03-04-long-context.md", "warning", 1)]
    assert only(site).message.startswith("front matter lacks extraContent, notes (")


def test_keys_out_of_order_are_a_warning_at_the_first_misplaced_key(site: Site) -> None:
    session(site, "layout: post\ntitle: LLMs - long context\n", "title: LLMs - long context\nlayout: post\n")
    assert found(site) == [("2025-03-04-long-context.md", "warning", 2)]
    problem = only(site)
    assert problem.key == "title" and problem.message.startswith("out of order")


def test_keys_of_the_sites_own_are_fine(site: Site) -> None:
    session(site, "categories:", "permalink: /s2/\nmath: true\ncategories:")
    assert lint(site) == []


def test_a_hand_written_post_gets_no_session_checks(site: Site) -> None:
    site.write("_posts/2025-03-04-blog.md", "---\ntitle: 10:00\ntags: a b\nfeatured: ''\n---\nHello.\n")
    assert lint(site) == []


@pytest.mark.parametrize(
    "name", ["welcome.md", "2025-03-04.md", "2025-03-04_intro.markdown", "post-2025-03-04-x.html"]
)
def test_a_name_jekyll_skips_is_an_error(site: Site, name: str) -> None:
    site.write(f"_posts/{name}", BLOG)
    assert found(site) == [(name, "error", None)]
    assert "Jekyll skips this file silently" in only(site).message


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("2025-02-30-intro.md", "not a real date: Jekyll dates the post 2025-03-02"),
        ("2025-13-01-intro.md", "not a date: Jekyll stops the build"),
        ("25-03-04-intro.md", "a year of fewer than four digits"),
    ],
)
def test_a_date_in_a_name_that_is_not_real_is_an_error(site: Site, name: str, said: str) -> None:
    site.write(f"_posts/{name}", BLOG)
    assert found(site) == [(name, "error", None)]
    assert said in only(site).message


def test_a_name_with_no_title_after_the_date_is_an_error(site: Site) -> None:
    site.write("_posts/2025-03-04-.md", BLOG)
    assert found(site) == [("2025-03-04-.md", "error", None)]
    assert "no title after the date" in only(site).message


def test_a_code_span_at_the_start_of_a_line_is_no_fence(site: Site) -> None:
    site.write("_posts/2025-03-04-blog.md", BLOG.replace("Hello.", "```x``` first.\n\n{{ page.title }}"))
    assert lint(site) == []


def test_a_date_in_a_name_not_zero_padded_is_a_warning(site: Site) -> None:
    site.write("_posts/2025-3-4-intro.md", BLOG)
    assert found(site) == [("2025-3-4-intro.md", "warning", None)]
    assert "name it 2025-03-04-intro.md" in only(site).message


def test_dot_files_temp_files_and_other_files_are_ignored(site: Site) -> None:
    for name in (
        ".2025-03-04-a.md.123.tmp",
        ".#notes.md",
        "notes.md~",
        "#notes.md#",
        "figure.png",
        "notes.txt",
    ):
        site.write(f"_posts/{name}", "not a post")
    assert lint(site) == []


def test_a_post_dated_after_today_is_a_warning_without_future_true(site: Site) -> None:
    site.write("_config.yml", SITE_CONFIG.replace("future: true", "future: false"))
    session(site, name="2025-06-02-later.md")
    session(site, name="2025-06-01-today.md")
    assert found(site) == [("2025-06-02-later.md", "warning", None)]
    assert "after today: Jekyll leaves it out" in only(site).message


def test_a_post_dated_after_today_is_fine_with_future_true(site: Site) -> None:
    session(site, name="2025-06-02-later.md")
    assert lint(site) == []


def test_two_posts_with_one_url_are_an_error_naming_both_and_the_url(site: Site) -> None:
    session(site, name="2025-03-04-intro.md")
    session(site, "layout: post", "layout: post\ndate: 2025-03-04", name="2025-03-06-intro.md")
    problem = only(site)
    assert (problem.level, problem.file.name) == ("error", "2025-03-04-intro.md")
    assert "2 posts share the URL /2025/03/04/intro.html" in problem.message
    assert "2025-03-04-intro.md" in problem.message and "2025-03-06-intro.md" in problem.message


def test_a_post_whose_url_depends_on_the_build_machine_is_a_warning(site: Site) -> None:
    site.write("_posts/2025-03-04-late.md", "---\ndate: 2025-03-04 23:30:00 -08:00\n---\nHello.\n")
    assert found(site) == [("2025-03-04-late.md", "warning", None)]
    assert "time zone" in only(site).message


@pytest.mark.parametrize(
    ("body", "line", "where"),
    [
        ("Intro.\n\n$$ {{\\mathbf{x}}_i } $$\n", 7, "$$ math"),
        ("Intro.\n\nWe bound $|{{x}}|$ here.\n", 7, "$ math"),
        ("Intro.\n\nRun `{% include x %}` first.\n", 7, "a code span"),
        ("Intro.\n\n```latex\n\\frac{a}{b}\n{{ x }}\n```\n", 9, "a fenced code block"),
    ],
)
def test_liquid_in_math_or_code_is_an_error_at_its_line(site: Site, body: str, line: int, where: str) -> None:
    site.write("_posts/2025-03-04-blog.md", BLOG.replace("Hello.\n", body))
    assert found(site) == [("2025-03-04-blog.md", "error", line)]
    assert f"inside {where}: Liquid runs it" in only(site).message


def test_liquid_in_math_inside_raw_is_fine(site: Site) -> None:
    site.write(
        "_posts/2025-03-04-blog.md", BLOG.replace("Hello.", "{% raw %}$$ {{\\mathbf{x}}_i } $${% endraw %}")
    )
    assert lint(site) == []


def test_other_liquid_in_a_hand_written_body_is_left_alone(site: Site) -> None:
    site.write(
        "_posts/2025-03-04-blog.md", BLOG.replace("Hello.", "{% for t in page.tags %}{{ t }}{% endfor %}")
    )
    assert lint(site) == []


def test_a_problem_prints_as_path_line_level_and_message(site: Site) -> None:
    problem = Diagnostic("error", "title: quote it", site.root / "_posts" / "x.md", 3)
    assert str(problem).endswith("_posts/x.md:3: error: title: quote it")
    assert str(Diagnostic("warning", "later", Path("x.md"), None)) == "x.md: warning: later"


def test_problems_are_sorted_by_path_and_line(site: Site) -> None:
    site.write("_config.yml", SITE_CONFIG.replace("future: true", "future: false"))
    later = SESSION.replace("title: LLMs - long context", "title: 10:00").replace("extraContent:\n", "")
    site.write("_posts/2025-07-01-later.md", later)  # found title first, then the key, then the date
    session(site, "video: team-1", "video: 10:00", name="2025-03-05-video.md")
    assert found(site) == [
        ("2025-03-05-video.md", "error", 8),
        ("2025-07-01-later.md", "warning", None),
        ("2025-07-01-later.md", "warning", 1),
        ("2025-07-01-later.md", "error", 3),
    ]


@pytest.mark.jekyll
def test_the_strict_build_catches_invalid_yaml_that_a_plain_build_lets_through(
    jekyll: str, site: Site, tmp_path: Path
) -> None:
    site.write("about.md", "---\ntitle: Attention: Is All You Need?\n---\nAbout us.\n")
    command = [jekyll, "build", "--source", str(site.root), "--destination", str(tmp_path / "plain")]
    plain = subprocess.run(command, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stderr

    (problem,) = jekyll_build_problems(load_config(site.root), jekyll)
    assert (problem.level, problem.file, problem.line) == ("error", site.root / "about.md", 2)
    assert "mapping values are not allowed" in problem.message


@pytest.mark.jekyll
def test_the_strict_build_names_an_unknown_filter_with_its_line(jekyll: str, site: Site) -> None:
    site.write("_posts/2025-03-04-blog.md", BLOG.replace("Hello.", "Hello.\n\n{{ page.title | shout }}"))
    (problem,) = jekyll_build_problems(load_config(site.root), jekyll)
    assert (problem.file.name, problem.line) == ("2025-03-04-blog.md", 7)
    assert "undefined filter shout" in problem.message


@pytest.mark.jekyll
def test_a_build_failure_naming_no_file_is_reported_by_its_last_words(jekyll: str, site: Site) -> None:
    site.write("_config.yml", SITE_CONFIG.replace("permalink: /", "permalink: /:categories/"))
    site.write("_posts/2025-03-04-blog.md", "---\ncategories: ['Q&A: agents']\n---\nHello.\n")
    (problem,) = jekyll_build_problems(load_config(site.root), jekyll)
    assert problem.file == site.root / "_config.yml" and problem.level == "error"
    assert "Invalid scheme format: 'q&a'" in problem.message


@pytest.mark.jekyll
def test_a_clean_site_builds_without_problems_and_is_left_untouched(jekyll: str, site: Site) -> None:
    assert (
        site.run("new-session", "--week", "S4", "--date", "2025-03-18", "--required", "2409.11402").exit_code
        == 0
    )
    before = site.snapshot()
    assert jekyll_build_problems(load_config(site.root), jekyll) == []
    assert site.snapshot() == before


def test_missing_jekyll_is_an_error_saying_how_to_install_it(site: Site) -> None:
    with pytest.raises(SeminarError, match="apt-get install jekyll"):
        jekyll_build_problems(load_config(site.root), str(site.root / "no-jekyll-here"))


# What this machine lacks is a warning about the machine, not an error in the site.
GITHUB_PAGES_GEMFILE = 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n'


@pytest.mark.jekyll
def test_a_gemfile_asking_for_gems_this_machine_lacks_builds_without_bundler(jekyll: str, site: Site) -> None:
    site.write("Gemfile", GITHUB_PAGES_GEMFILE)
    (problem,) = jekyll_build_problems(load_config(site.root), jekyll)
    assert (problem.level, problem.file) == ("warning", site.root / "Gemfile")
    assert problem.message.startswith("built without Bundler: github-pages not installed on this machine")


@pytest.mark.jekyll
def test_plugins_and_a_theme_not_installed_here_are_left_out_with_a_warning_each(
    jekyll: str, site: Site
) -> None:
    site.write(
        "_config.yml",
        SITE_CONFIG + "plugins: [jekyll-feed, jekyll-not-on-this-machine]\ntheme: no-such-theme\n",
    )
    problems = jekyll_build_problems(load_config(site.root), jekyll)
    assert [(problem.level, problem.key, problem.message) for problem in problems] == [
        (
            "warning",
            "plugins",
            "jekyll-not-on-this-machine is not installed on this machine: built without it",
        ),
        ("warning", "theme", "no-such-theme is not installed on this machine: built without it"),
    ]


@pytest.mark.jekyll
def test_an_error_in_the_site_is_still_an_error_when_plugins_are_left_out(jekyll: str, site: Site) -> None:
    site.write("Gemfile", GITHUB_PAGES_GEMFILE)
    site.write("_config.yml", SITE_CONFIG + "plugins: [jekyll-not-on-this-machine]\n")
    site.write("_posts/2025-03-04-blog.md", BLOG.replace("Hello.", "{{ page.title | shout }}"))
    levels = [problem.level for problem in jekyll_build_problems(load_config(site.root), jekyll)]
    assert levels == ["warning", "warning", "error"]


@pytest.mark.jekyll
def test_a_real_collection_site_checks_clean_on_a_machine_without_its_gems(
    jekyll: str, shared: Path, tmp_path: Path
) -> None:
    copy = Site(tmp_path / "contents-site")
    shutil.copytree(shared / "sites" / "contents-site", copy.root)
    result = copy.run("check", "--build", cwd=copy.root)
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 2 warnings\n"
    assert "Gemfile: warning: built without Bundler: github-pages" in result.stderr
    assert "_config.yml: warning: plugins: jekyll-include-cache is not installed" in result.stderr


# A session's layout the site does not have: Jekyll writes the post as bare content.


def test_a_session_whose_layout_the_site_lacks_is_a_warning_at_its_line(site: Site) -> None:
    session(site, "layout: post", "layout: lecture")
    problem = only(site)
    assert (problem.level, problem.line, problem.key) == ("warning", 2, "layout")
    assert problem.message.startswith("'lecture' is not a layout of this site (no _layouts/lecture.html)")


def test_a_layout_given_by_the_sites_defaults_is_checked_too(site: Site) -> None:
    site.write(
        "_config.yml",
        SITE_CONFIG + "defaults:\n  - scope: {path: '', type: posts}\n    values: {layout: talk}\n",
    )
    session(site, "layout: post\n", "")
    problems = [problem for problem in lint(site) if problem.key == "layout"]
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [
        (None, "'talk' is not a layout of this site (no _layouts/talk.html)")
    ]


def test_the_most_specific_default_gives_the_layout_as_in_jekyll(site: Site) -> None:
    defaults = (
        "defaults:\n"
        "  - scope: {path: '_posts'}\n    values: {layout: post}\n"
        "  - scope: {path: ''}\n    values: {layout: talk}\n"
    )
    site.write("_config.yml", SITE_CONFIG + defaults)
    session(site, "layout: post\n", "")
    assert not [problem for problem in lint(site) if problem.key == "layout"]


def test_a_site_with_a_theme_may_take_layouts_from_it_and_is_not_warned(site: Site) -> None:
    site.write("_config.yml", SITE_CONFIG + "remote_theme: someone/some-theme\n")
    session(site, "layout: post", "layout: single")
    assert lint(site) == []
