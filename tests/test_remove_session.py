"""`seminar remove-session`: a session taken out of the plan, its post deleted with a backup kept."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from click.testing import Result
from plans import LLOCO, NVLM, PLAN, START, SURVEY, TERM_HEADER, plan_text

from conftest import Site

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},  # Tue 14 Jan 2025
    {"week": "S2", "title": "Long context", "required": [LLOCO]},  # Thu 16 Jan
    {"week": "S3", "title": "Video generation", "required": [SURVEY]},  # Tue 21 Jan
]
S2_POST = "2025-01-16-long-context.md"


@pytest.fixture(autouse=True)
def before_the_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is before every session: none is held, so every session follows the calendar."""
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-01T12:00:00Z")


def built(site: Site, sessions: list[dict] = SESSIONS, plan: str | None = None) -> None:
    site.write(PLAN, plan or plan_text(sessions))
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output


def planned(site: Site) -> list[dict]:
    return yaml.safe_load((site.root / PLAN).read_text(encoding="utf-8"))["sessions"]


def remove(site: Site, *args: str) -> Result:
    return site.run("remove-session", "--offline", *args, cwd=site.root)


def test_remove_session_takes_it_out_of_the_plan(site: Site) -> None:
    built(site)
    result = remove(site, "--week", "S2")
    assert result.exit_code == 0, result.output
    assert [session["week"] for session in planned(site)] == ["S1", "S3"]


def test_remove_session_deletes_the_post_and_says_where_its_backup_is(site: Site) -> None:
    built(site)
    text = (site.posts / S2_POST).read_text(encoding="utf-8")
    result = remove(site, "--week", "S2")
    assert not (site.posts / S2_POST).exists()
    (backup,) = (site.root / ".seminar" / "backups" / "_posts").glob(f"{S2_POST}.*")
    assert backup.read_text(encoding="utf-8") == text
    where = backup.relative_to(site.root).as_posix()
    assert result.stdout.splitlines()[0] == f"deleted _posts/{S2_POST} (session S2); its backup: {where}"


def test_the_sessions_after_it_that_follow_the_calendar_shift_up(site: Site) -> None:
    built(site)
    result = remove(site, "--week", "S2")
    assert site.post_files() == ["2025-01-14-intro.md", "2025-01-16-video-generation.md"]
    assert (
        "moved   _posts/2025-01-21-video-generation.md -> _posts/2025-01-16-video-generation.md"
        in result.stdout
    )


def test_a_later_session_of_the_same_title_takes_over_the_removed_posts_file(site: Site) -> None:
    sessions = [
        SESSIONS[0],
        {**SESSIONS[1], "title": "Presentations"},
        {**SESSIONS[2], "title": "Presentations"},
    ]
    built(site, sessions)
    assert site.post_files() == [
        "2025-01-14-intro.md",
        "2025-01-16-presentations.md",
        "2025-01-21-presentations.md",
    ]
    result = remove(site, "--week", "S2")
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-14-intro.md", "2025-01-16-presentations.md"]
    assert "desc: 2025-S3" in (site.posts / "2025-01-16-presentations.md").read_text(encoding="utf-8")


def test_a_held_session_after_it_stays_on_its_date(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-18T12:00:00Z")  # S1 and S2 are held, S3 is not
    built(site)
    result = remove(site, "--week", "S1")
    assert result.exit_code == 0, result.output
    assert planned(site)[0] == {
        "week": "S2",
        "title": "Long context",
        "required": [LLOCO],
        "date": date(2025, 1, 16),
    }
    assert site.post_files() == ["2025-01-16-long-context.md", "2025-01-21-video-generation.md"]


def test_the_plans_comments_between_sessions_stay(site: Site) -> None:
    text = plan_text(SESSIONS).replace("  - week: S3", "  # after the break\n  - week: S3")
    built(site, plan="# our plan\n" + text)
    remove(site, "--week", "S2")
    after = (site.root / PLAN).read_text(encoding="utf-8")
    assert after.startswith("# our plan\n")
    assert "  # after the break\n  - week: S3\n" in after


def test_a_file_seminar_did_not_write_is_refused_without_force(site: Site) -> None:
    built(site)
    post = site.posts / S2_POST
    post.write_text(
        START.sub("", post.read_text(encoding="utf-8")).replace("<!-- seminar:readings end -->\n", "")
    )
    before = site.snapshot()
    result = remove(site, "--week", "S2")
    assert result.exit_code == 1
    assert result.stderr == (
        f"_posts/{S2_POST}: error: session S2's file has no seminar:readings markers: seminar did not write "
        "it; nothing written (--force deletes it too, keeping a backup)\n"
    )
    assert site.snapshot() == before


def test_force_deletes_a_file_seminar_did_not_write_keeping_a_backup(site: Site) -> None:
    built(site)
    post = site.posts / S2_POST
    post.write_text(
        START.sub("", post.read_text(encoding="utf-8")).replace("<!-- seminar:readings end -->\n", "")
    )
    result = remove(site, "--week", "S2", "--force")
    assert result.exit_code == 0, result.output
    assert not post.exists()
    assert list((site.root / ".seminar" / "backups" / "_posts").glob(f"{S2_POST}.*"))


def test_dry_run_says_what_it_would_do_and_writes_nothing(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = remove(site, "--week", "S2", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"would delete _posts/{S2_POST} (session S2), keeping a backup under .seminar/backups/",
        "would update _data/schedule.yml",
        "S3 would move from 2025-01-21 to 2025-01-16",
        "would move _posts/2025-01-21-video-generation.md -> _posts/2025-01-16-video-generation.md",
    ]
    assert site.snapshot() == before


def test_an_unknown_week_is_named_with_the_plans_weeks_and_nothing_changes(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = remove(site, "--week", "S9")
    assert result.exit_code == 1
    assert result.stderr == "_data/schedule.yml: error: no session 'S9' in the plan (weeks: S1, S2, S3)\n"
    assert site.snapshot() == before


def test_a_session_never_built_only_leaves_the_plan(site: Site) -> None:
    built(site)
    site.write(PLAN, plan_text([*SESSIONS, {"week": "S4", "title": "Later", "required": [NVLM]}]))
    before = set(site.post_files())
    result = remove(site, "--week", "S4")
    assert result.exit_code == 0, result.output
    assert result.stdout == "updated _data/schedule.yml\n"
    assert set(site.post_files()) == before


def test_a_post_that_left_the_plan_earlier_is_left_alone(site: Site) -> None:
    built(site)
    site.write(PLAN, plan_text(SESSIONS[:2]))  # S3 taken out by hand: its post stays until `build --prune`
    result = remove(site, "--week", "S2")
    assert result.exit_code == 0, result.output
    assert site.post_files() == ["2025-01-14-intro.md", "2025-01-21-video-generation.md"]
    assert "video-generation" not in result.stdout


def test_the_plan_keeps_its_calendar(site: Site) -> None:
    built(site)
    remove(site, "--week", "S1")
    assert (site.root / PLAN).read_text(encoding="utf-8").startswith(TERM_HEADER)


def test_a_later_session_taking_the_removed_posts_file_warns_of_both_urls(site: Site) -> None:
    built(site, [{"week": week, "title": "Reading group"} for week in ("R1", "R2", "R3")])
    result = remove(site, "--week", "R2")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "_posts/2025-01-16-reading-group.md: warning: R3's URL changed from /2025/01/21/reading-group.html "
        "to /2025/01/16/reading-group.html: links to the old URL no longer work",
        "_posts/2025-01-16-reading-group.md: warning: /2025/01/16/reading-group.html was R2's URL and is now "
        "R3's: links to it lead to R3's post",
    ]
