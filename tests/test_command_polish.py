"""The plan-editing commands say what they do: `--force` names the backup of each hand-edited post it
replaces, `remove-session --dry-run` prints what the real run prints as what would happen (and removing a
held session warns), `new-session --date` on a day the class does not meet warns as `move` does, an empty
reading is named by its option, and `--help` says what `publish` and `export ics` keep.

Today is 2025-01-01 unless a test says otherwise: every session (Tuesdays and Thursdays from 14 January 2025)
is still to come."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from plans import END, LLOCO, NVLM, PLAN, START, SURVEY, plan_text

from conftest import Site
from seminar.cli import main

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},  # Tue 14 Jan 2025
    {"week": "S2", "title": "Long context", "required": [LLOCO]},  # Thu 16 Jan
    {"week": "S3", "title": "Video generation", "required": [SURVEY]},  # Tue 21 Jan
]
S1_POST = "_posts/2025-01-14-intro.md"
S2_POST = "_posts/2025-01-16-long-context.md"
S3_POST = "_posts/2025-01-21-video-generation.md"
EDITED = (
    "the reading list between seminar's markers was edited by hand; --force wrote the plan's reading list, "
    "the old file is kept as"
)


@pytest.fixture(autouse=True)
def before_the_term(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-01T12:00:00Z")


def seminar(site: Site, *args: str) -> Result:
    """`seminar ARGS... --offline` from the top of the site, so that it names files as `_posts/...`."""
    return site.run(*args, "--offline", cwd=site.root)


def built(site: Site) -> None:
    site.write(PLAN, plan_text(SESSIONS))
    result = seminar(site, "build")
    assert result.exit_code == 0, result.output


def edit_reading_list(site: Site, relative: str) -> str:
    """A line typed into the post's reading list, between seminar's markers; the post's new text."""
    post = site.root / relative
    text = post.read_text(encoding="utf-8").replace(END, "Also skim the appendix.\n\n" + END)
    post.write_text(text, encoding="utf-8")
    return text


def the_backup(site: Site, relative: str) -> Path:
    (backup,) = (site.root / ".seminar" / "backups" / Path(relative).parent).glob(f"{Path(relative).name}.*")
    return backup


def replaced_warning(site: Site, relative: str, backup_of: str | None = None) -> str:
    """The warning on `relative` whose hand-edited reading list --force replaced, the old file (`backup_of`,
    default the same) kept as its backup."""
    backup = the_backup(site, backup_of or relative).relative_to(site.root).as_posix()
    return f"{relative}: warning: {EDITED} {backup}"


# --force says what it replaced, and where the old file is kept


def test_build_force_names_the_backup_of_the_reading_list_it_replaced(site: Site) -> None:
    built(site)
    edited = edit_reading_list(site, S1_POST)
    result = seminar(site, "build", "--force")
    assert result.exit_code == 0, result.output
    assert the_backup(site, S1_POST).read_text(encoding="utf-8") == edited
    assert result.stderr.splitlines() == [replaced_warning(site, S1_POST)]
    assert "updated _posts/2025-01-14-intro.md" in result.stdout


def test_add_reading_force_names_the_backup_of_the_reading_list_it_replaced(site: Site) -> None:
    built(site)
    edit_reading_list(site, S1_POST)
    result = seminar(site, "add-reading", "--week", "S1", "--more", SURVEY, "--force")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [replaced_warning(site, S1_POST)]


def test_new_session_force_names_the_backup_of_the_reading_list_it_replaced(site: Site) -> None:
    built(site)
    edit_reading_list(site, S3_POST)
    args = ("new-session", "--week", "S3", "--title", "Video generation", "--required", NVLM, "--force")
    result = seminar(site, *args)
    assert result.exit_code == 0, result.output
    assert replaced_warning(site, S3_POST) in result.stderr.splitlines()
    assert "updated _posts/2025-01-21-video-generation.md (readings: 1 required + 0 more)" in result.stdout


def test_move_force_names_the_backup_of_the_reading_list_it_replaced(site: Site) -> None:
    built(site)
    edit_reading_list(site, S3_POST)
    result = seminar(site, "move", "--week", "S3", "--to", "2025-01-23", "--force")
    assert result.exit_code == 0, result.output
    moved = "_posts/2025-01-23-video-generation.md"  # the warning names the post where it now is
    assert replaced_warning(site, moved, backup_of=S3_POST) in result.stderr.splitlines()


def test_remove_session_force_names_the_backup_of_a_shifted_posts_reading_list(site: Site) -> None:
    built(site)
    edit_reading_list(site, S3_POST)
    result = seminar(site, "remove-session", "--week", "S2", "--force")
    assert result.exit_code == 0, result.output
    shifted = "_posts/2025-01-16-video-generation.md"
    assert replaced_warning(site, shifted, backup_of=S3_POST) in result.stderr.splitlines()


def test_force_names_what_it_replaced_in_a_post_made_before_markers(site: Site) -> None:
    built(site)
    post = site.root / S1_POST
    text = post.read_text(encoding="utf-8")
    post.write_text(START.sub("", text).replace(END, "").replace("## Required", "## Read first"))
    result = seminar(site, "build", "--force")
    assert result.exit_code == 0, result.output
    backup = the_backup(site, S1_POST).relative_to(site.root).as_posix()
    (warned,) = result.stderr.splitlines()
    assert warned.startswith(f"{S1_POST}: warning: a reading list without seminar's markers (lines ")
    assert warned.endswith(
        "that differs from the plan's; --force wrote the plan's reading list, the old file is kept as "
        + backup
    )


def test_force_with_no_hand_edit_to_replace_warns_of_nothing(site: Site) -> None:
    built(site)
    result = seminar(site, "add-reading", "--week", "S1", "--more", SURVEY, "--force")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert not (site.root / ".seminar" / "backups").exists()


# remove-session --dry-run prints what the real run prints (its lines: test_remove_session.py)


def test_remove_session_dry_run_warns_of_each_url_that_would_change(site: Site) -> None:
    built(site)
    result = seminar(site, "remove-session", "--week", "S2", "--dry-run")
    assert result.stderr.splitlines() == [
        "_posts/2025-01-16-video-generation.md: warning: S3's URL would change from "
        "/2025/01/21/video-generation.html to /2025/01/16/video-generation.html: links to the old URL would "
        "no longer work"
    ]


def test_remove_session_dry_run_names_the_held_sessions_it_would_keep_on_their_dates(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(site)
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-18T12:00:00Z")  # S1 and S2 are held, S3 is not
    result = seminar(site, "remove-session", "--week", "S1", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "would delete _posts/2025-01-14-intro.md (session S1), keeping a backup under .seminar/backups/",
        "would update _data/schedule.yml",
        "would keep S2 on 2025-01-16 (held): its date would be fixed in the plan",
    ]
    real = seminar(site, "remove-session", "--week", "S1")
    assert real.stdout.splitlines()[1:3] == [
        "updated _data/schedule.yml",
        "kept S2 on 2025-01-16 (held): its date is now fixed in the plan",
    ]


def test_removing_a_held_session_warns_that_it_leaves_the_schedule(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(site)
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-15T12:00:00Z")  # S1 is held
    result = seminar(site, "remove-session", "--week", "S1")
    assert result.exit_code == 0, result.output
    assert (
        "warning: session S1 was held on 2025-01-14: removing it takes it off the schedule (its post is kept "
        "as a backup)"
    ) in result.stderr.splitlines()
    assert not (site.root / S1_POST).exists()


def test_remove_session_dry_run_warns_of_a_held_session_too(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(site)
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-15T12:00:00Z")
    result = seminar(site, "remove-session", "--week", "S1", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "warning: session S1 was held on 2025-01-14: removing it takes it off the schedule (its post is kept "
        "as a backup)"
    )


def test_removing_a_session_still_to_come_does_not_warn(site: Site) -> None:
    built(site)
    result = seminar(site, "remove-session", "--week", "S3")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# new-session on a day the class does not meet


def test_new_session_on_a_day_the_class_does_not_meet_warns_as_move_does(site: Site) -> None:
    built(site)
    result = seminar(site, "new-session", "--week", "S4", "--title", "Make-up", "--date", "2025-03-22")
    assert result.exit_code == 0, result.output
    assert "warning: 2025-03-22 is a Saturday; the class meets Tue, Thu" in result.stderr.splitlines()
    assert (site.posts / "2025-03-22-make-up.md").exists()


def test_move_to_a_day_the_class_does_not_meet_warns_in_the_same_words(site: Site) -> None:
    built(site)
    result = seminar(site, "move", "--week", "S3", "--to", "2025-03-22")
    assert result.exit_code == 0, result.output
    assert "warning: 2025-03-22 is a Saturday; the class meets Tue, Thu" in result.stderr.splitlines()


def test_new_session_on_a_meeting_day_does_not_warn(site: Site) -> None:
    built(site)
    result = seminar(site, "new-session", "--week", "S4", "--title", "Later", "--date", "2025-03-18")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# An empty reading


@pytest.mark.parametrize("option", ["--required", "--more", "--background"])
@pytest.mark.parametrize("value", ["", "  "])
def test_new_session_names_an_empty_reading_by_its_option(site: Site, option: str, value: str) -> None:
    built(site)
    before = site.snapshot()
    result = seminar(site, "new-session", "--week", "S4", "--title", "X", option, NVLM, option, value)
    assert result.exit_code == 1
    assert result.stderr == f"error: {option}: an empty reading: give an arXiv id or a title\n"
    assert site.snapshot() == before


def test_add_reading_names_an_empty_paper(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = seminar(site, "add-reading", "--week", "S1", "")
    assert result.exit_code == 1
    assert result.stderr == "error: PAPER: an empty reading: give an arXiv id or a title\n"
    assert site.snapshot() == before


def test_add_reading_names_an_empty_more_reading_by_its_option(site: Site) -> None:
    built(site)
    result = seminar(site, "add-reading", "--week", "S1", "--more", "")
    assert result.exit_code == 1
    assert result.stderr == "error: --more: an empty reading: give an arXiv id or a title\n"


# What --help says


def help_text(*words: str) -> str:
    result = CliRunner().invoke(main, [*words, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_publish_help_says_it_commits_the_files_export_wrote_inside_the_site() -> None:
    assert "the files `seminar export ... -o FILE` wrote inside the site" in help_text("publish")


def test_export_ics_help_says_exporting_to_stdout_keeps_a_record_so_sequence_grows() -> None:
    assert (
        "Exporting to stdout keeps a record in .seminar/calendar.json, so that a changed event's SEQUENCE "
        "grows."
    ) in help_text("export", "ics")


# A date given that has passed


@pytest.mark.parametrize(
    "command",
    [("new-session", "--week", "S4", "--date", "2025-01-28"), ("move", "--week", "S3", "--to", "2025-01-28")],
    ids=["new-session", "move"],
)
def test_a_date_given_that_has_passed_warns_that_the_session_counts_as_held(
    site: Site, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    built(site)
    monkeypatch.setenv("SEMINAR_NOW", "2025-02-10T12:00:00Z")  # 28 Jan has passed
    result = seminar(site, *command)
    assert result.exit_code == 0, result.output
    assert "warning: 2025-01-28 has passed: the session counts as held (lectureVersion: current)" in (
        result.stderr.splitlines()
    )


def test_a_date_to_come_gives_no_such_warning(site: Site) -> None:
    built(site)
    result = seminar(site, "new-session", "--week", "S4", "--date", "2025-01-28")
    assert result.exit_code == 0 and "has passed" not in result.stderr


# new-session --force --dry-run says what the real run would


def test_new_session_force_dry_run_names_what_it_would_drop_and_each_url_that_would_change(
    site: Site,
) -> None:
    built(site)
    before = site.snapshot()
    result = seminar(site, "new-session", "--week", "S2", "--title", "Context", "--force", "--dry-run")
    assert result.exit_code == 0, result.output
    assert site.snapshot() == before
    assert f"{PLAN}:" in result.stderr and "session S2: dropped reading" in result.stderr
    assert "S2's URL would change from /2025/01/16/long-context.html to /2025/01/16/context.html" in (
        result.stderr
    )
    assert result.stdout.splitlines()[0] == "would write _posts/2025-01-16-context.md:"
