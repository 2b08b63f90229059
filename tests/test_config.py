"""Finding the site and reading its `seminar:` settings: every mistake is one line naming file and key."""

from __future__ import annotations

import re

import pytest

from conftest import Site


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") or ": error: " in line, line
    return line


def test_the_site_is_found_by_walking_up_from_a_subfolder(site: Site) -> None:
    site.posts.mkdir()
    result = site.run("new-session", "--week", "S1", "--title", "X", "--date", "2025-01-07", cwd=site.posts)
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-07-x.md"]


def test_no_site_found_is_one_clear_line(tmp_path, site: Site) -> None:
    elsewhere = tmp_path / "not-a-site"
    elsewhere.mkdir()
    line = one_error_line(site.run("new-session", "--week", "S1", cwd=elsewhere))
    assert "no Jekyll site here" in line and "_config.yml" in line and "--site" in line


def test_site_option_pointing_at_a_folder_without_config(tmp_path, site: Site) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_error_line(site.run("--site", str(empty), "new-session", "--week", "S1", cwd=tmp_path))
    assert "empty: error: no _config.yml there" in line


def test_malformed_config_names_the_file_and_line(site: Site) -> None:
    site.write("_config.yml", "title: ok\nseminar:\n  term: [unclosed\n  year: 2025\n")
    line = one_error_line(site.run("new-session", "--week", "S1"))
    assert re.search(r"_config\.yml:\d+: error: not valid YAML", line)


@pytest.mark.parametrize(
    ("settings", "where"),
    [
        ("seminar:\n  term: x\n  year: twenty\n", "3: error: seminar.year: must be a year"),
        ("seminar:\n  term: [a, b]\n", "2: error: seminar.term: must be text"),
        ("seminar: just text\n", "1: error: seminar: must be a mapping"),
        ("seminar:\n  terms: 2025\n", "2: error: seminar.terms: unknown setting"),
        (
            "seminar:\n  posts_dir: ../elsewhere\n",
            "2: error: seminar.posts_dir: must be a folder inside the site",
        ),
        ("seminar:\n  defaults:\n    tags: Multimodal\n", "3: error: seminar.defaults.tags: must be a list"),
        ("seminar:\n  defaults:\n    title: X\n", "3: error: seminar.defaults.title: no default can be set"),
        ("future: sometimes\n", "1: error: future: must be true or false"),
    ],
)
def test_a_wrong_setting_names_the_file_line_and_key(site: Site, settings: str, where: str) -> None:
    site.write("_config.yml", settings)
    before = site.snapshot()
    line = one_error_line(site.run("new-session", "--week", "S1"))
    assert "_config.yml:" + where in line
    assert site.snapshot() == before


def test_a_config_that_is_not_a_mapping_is_refused(site: Site) -> None:
    site.write("_config.yml", "- a\n- b\n")
    assert "must be a mapping" in one_error_line(site.run("new-session", "--week", "S1"))


def test_an_unknown_time_zone_is_named(site: Site) -> None:
    site.write("_config.yml", "timezone: Mars/Olympus\n")
    assert "timezone: unknown time zone 'Mars/Olympus'" in one_error_line(
        site.run("new-session", "--week", "S1")
    )


def test_a_site_without_seminar_settings_works_with_defaults(site: Site) -> None:
    site.write("_config.yml", "title: plain\n")
    result = site.run("new-session", "--week", "S1", "--title", "X", "--date", "2025-01-07")
    assert result.exit_code == 0, result.output
    text = (site.posts / "2025-01-07-x.md").read_text()
    assert "desc: 2025-S1\n" in text and "term:\n" in text
