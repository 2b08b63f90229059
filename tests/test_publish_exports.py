"""`seminar publish` commits the files seminar exported into the site (`export ics -o`, `export bibtex -o`,
recorded in `.seminar/exports.json`) when they changed; with `--include-staged` it lists every file it
committed, in its output and in the commit message."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from plans import NVLM, SURVEY, TERM_HEADER, build, write_plan

from conftest import Site, git, isolate_git

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Video generation", "required": [SURVEY]},
]
CALENDAR = "assets/seminar.ics"
BIBLIOGRAPHY = "readings.bib"
RECORD = ".seminar/exports.json"


def ok(site: Site, *args: str) -> str:
    result = site.run(*args, cwd=site.root)
    assert result.exit_code == 0, result.output
    return result.stdout


def committed(repo: Path) -> list[str]:
    """The files the last commit touched."""
    return sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split())


@pytest.fixture
def repo(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A site whose built posts and plan are committed (built as of today, as publish checks it)."""
    isolate_git(monkeypatch, site.root.parent)
    site.write("about.md", "---\ntitle: About\n---\nAbout us.\n")
    write_plan(site, SESSIONS)
    assert build(site, today=date.today().isoformat()).exit_code == 0
    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "start")
    return site


# The record of the exports


def test_an_export_to_a_file_inside_the_site_is_recorded_under_dot_seminar(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    ok(repo, "export", "bibtex", "--offline", "-o", BIBLIOGRAPHY)
    record = json.loads((repo.root / RECORD).read_text(encoding="utf-8"))
    assert record == {"files": [CALENDAR, BIBLIOGRAPHY]}


def test_an_export_outside_the_site_is_not_recorded(repo: Site, tmp_path: Path) -> None:
    ok(repo, "export", "bibtex", "--offline", "-o", str(tmp_path / "elsewhere.bib"))
    assert not (repo.root / RECORD).exists()


def test_exporting_to_a_recorded_file_again_writes_no_record(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    retimed = TERM_HEADER.replace("Rice Hall 130", "Rice Hall 340")
    write_plan(repo, SESSIONS, header=retimed)
    modified = (repo.root / RECORD).stat().st_mtime_ns
    assert ok(repo, "export", "ics", "--offline", "-o", CALENDAR) == f"wrote {CALENDAR}\n"
    assert (repo.root / RECORD).stat().st_mtime_ns == modified


# What publish commits


def test_publish_commits_the_calendar_and_the_bibliography_seminar_exported(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    ok(repo, "export", "bibtex", "--offline", "-o", BIBLIOGRAPHY)
    lines = ok(repo, "publish").splitlines()
    assert lines[1:] == [f"  added    {CALENDAR}", f"  added    {BIBLIOGRAPHY}"]
    assert committed(repo.root) == [CALENDAR, BIBLIOGRAPHY]


def test_publish_commits_an_export_again_when_it_changed(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    ok(repo, "publish")
    write_plan(repo, SESSIONS, header=TERM_HEADER.replace("Rice Hall 130", "Rice Hall 340"))
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    assert ok(repo, "publish").splitlines()[1:] == ["  modified _data/schedule.yml", f"  modified {CALENDAR}"]
    assert committed(repo.root) == ["_data/schedule.yml", CALENDAR]


def test_publish_leaves_an_export_as_committed_alone(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    ok(repo, "publish")
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    assert ok(repo, "publish") == "nothing to publish: seminar's files are as committed\n"


def test_publish_does_not_commit_the_removal_of_an_export_a_person_deleted(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    ok(repo, "publish")
    (repo.root / CALENDAR).unlink()
    assert ok(repo, "publish") == "nothing to publish: seminar's files are as committed\n"
    assert git(repo.root, "status", "--porcelain") == f" D {CALENDAR}\n"


# --include-staged


def test_include_staged_lists_every_file_committed_in_the_output_and_the_message(repo: Site) -> None:
    ok(repo, "export", "ics", "--offline", "-o", CALENDAR)
    repo.write("about.md", "---\ntitle: About\n---\nAbout us, staged.\n")
    repo.write("contact.md", "---\ntitle: Contact\n---\nWrite to us.\n")
    git(repo.root, "add", "about.md", "contact.md")
    lines = ok(repo, "publish", "--include-staged").splitlines()
    assert lines[1:] == ["  modified about.md", f"  added    {CALENDAR}", "  added    contact.md"]
    message = git(repo.root, "show", "-s", "--format=%B", "HEAD").rstrip("\n").splitlines()
    assert message[2:] == ["modified about.md", f"added    {CALENDAR}", "added    contact.md"]
    assert committed(repo.root) == ["about.md", CALENDAR, "contact.md"]
