"""Plan edits say what they do to the term: a held session (dated before today) stays on its date, every
session whose date changes is named, `new-session --force` names what the replaced entry loses, and a move
to a day the class does not meet is a warning.

The terms here are in 2025, long past (every session held), in 2098 (2025's calendar; none held yet), or
around today (`around_today`), for the tests that need both kinds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml
from plans import NVLM, PLAN, SURVEY, TERM_HEADER, plan_text

from conftest import Site

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Long context", "required": [SURVEY]},
    {"week": "S3", "title": "Video generation"},
]
UPCOMING_HEADER = TERM_HEADER.replace("2025-", "2098-")  # 2098's calendar is 2025's, still to come
KEPT = "(held): its date is now fixed in the plan"


def built(site: Site, header: str = TERM_HEADER, sessions: list[dict] = SESSIONS) -> None:
    site.write(PLAN, plan_text(sessions, header))
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output


def planned(site: Site) -> list[dict]:
    return yaml.safe_load((site.root / PLAN).read_text(encoding="utf-8"))["sessions"]


def around_today(site: Site) -> date:
    """Five sessions, one a day from three days ago: three held, then today's and tomorrow's (a session
    is held once its day has passed). Returns the first one's day."""
    first = date.today() - timedelta(days=3)
    header = f"first_day: {first}\nmeets: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]\nsessions:\n"
    built(site, header, [{"week": f"S{n}", "title": f"Topic {n}"} for n in range(1, 6)])
    return first


def test_a_move_keeps_the_held_sessions_it_would_shift_on_their_dates(site: Site) -> None:
    built(site)
    result = site.run("move", "--week", "S1", "--to", "2025-01-23", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "updated _data/schedule.yml",
        f"kept S2 on 2025-01-16 {KEPT}",
        "S1 moves from 2025-01-14 to 2025-01-23",
        "moved   _posts/2025-01-14-intro.md -> _posts/2025-01-23-intro.md",
    ]
    assert site.post_files() == [
        "2025-01-16-long-context.md",
        "2025-01-21-video-generation.md",
        "2025-01-23-intro.md",
    ]


def test_a_kept_session_gains_a_date_line_and_nothing_else_changes_in_the_plan(site: Site) -> None:
    built(site)
    before = (site.root / PLAN).read_text(encoding="utf-8")
    site.run("move", "--week", "S1", "--to", "2025-01-23", "--offline")
    s1, s2, s3 = (before[before.index(f"  - week: S{n}") :] for n in (1, 2, 3))
    s1, s2 = s1[: len(s1) - len(s2)], s2[: len(s2) - len(s3)]
    assert (site.root / PLAN).read_text(encoding="utf-8") == (
        before[: before.index(s1)] + s2 + "    date: 2025-01-16\n" + s3 + s1 + "    date: 2025-01-23\n"
    )


def test_a_new_session_on_a_held_sessions_date_is_refused_and_nothing_changes(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = site.run(
        "new-session", "--week", "S0", "--title", "Guest", "--date", "2025-01-16", "--offline", cwd=site.root
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "_data/schedule.yml: error: session S2: falls on 2025-01-16, the date of session S0 (in the plan as "
        "this command would edit it)",  # no line: the edited plan's lines are not the file's
        "error: S2 is held (2025-01-16 has passed), so the edit keeps it on its date: choose another "
        "date, or move it with `seminar move --week S2`",
    ]
    assert site.snapshot() == before


def test_sessions_still_to_come_shift_and_held_ones_stay(site: Site) -> None:
    first = around_today(site)
    day = [(first + timedelta(days=n)).isoformat() for n in range(6)]
    result = site.run("move", "--week", "S1", "--to", day[4], "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:4] == [
        f"kept S2 on {day[1]} {KEPT}",
        f"S1 moves from {day[0]} to {day[4]}",
        f"S5 moves from {day[4]} to {day[5]}",
    ]
    assert [session.get("date") for session in planned(site)] == [
        date.fromisoformat(day[1]),  # S2, kept
        None,  # S3 and S4 follow the calendar, on the days they had
        None,
        date.fromisoformat(day[4]),  # S1, moved
        None,  # S5, shifted to the next day
    ]


def test_every_session_whose_date_changes_is_named_before_the_files(site: Site) -> None:
    built(site, UPCOMING_HEADER)
    result = site.run(
        "new-session", "--week", "S0", "--title", "Guest", "--date", "2098-01-16", "--offline", cwd=site.root
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "added session S0 to _data/schedule.yml",
        "S2 moves from 2098-01-16 to 2098-01-21",
        "S3 moves from 2098-01-21 to 2098-01-23",
        "moved   _posts/2098-01-16-long-context.md -> _posts/2098-01-21-long-context.md",
        "moved   _posts/2098-01-21-video-generation.md -> _posts/2098-01-23-video-generation.md",
        "wrote _posts/2098-01-16-guest.md (readings: 0 required + 0 more)",
    ]


def test_adding_a_reading_moves_no_session_and_says_none(site: Site) -> None:
    built(site)
    result = site.run("add-reading", "--week", "S1", SURVEY, "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["updated _data/schedule.yml", "updated _posts/2025-01-14-intro.md"]


def test_a_move_to_a_day_the_class_does_not_meet_is_made_with_a_warning(site: Site) -> None:
    built(site, UPCOMING_HEADER)
    result = site.run("move", "--week", "S3", "--to", "2098-01-25", "--offline")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "warning: 2098-01-25 is a Saturday; the class meets Tue, Thu"
    assert planned(site)[2]["date"] == date(2098, 1, 25)


def test_a_move_to_a_day_without_class_is_still_refused(site: Site) -> None:
    built(site, UPCOMING_HEADER)
    before = site.snapshot()
    result = site.run("move", "--week", "S3", "--to", "2098-03-11", "--offline")
    assert result.exit_code == 1
    assert "session S3: is fixed on 2098-03-11, a day without class (spring break)" in result.stderr
    assert site.snapshot() == before


# Two more papers with their arXiv metadata cached, for a session with four readings.
CACHED = {
    key: {
        "arxiv_id": key,
        "title": title,
        "authors": ["Ada Lovelace"],
        "published": "2025-01-02",
        "abs_url": f"https://arxiv.org/abs/{key}",
    }
    for key, title in [("2501.00001", "Synthetic Paper One"), ("2501.00002", "Synthetic Paper Two")]
}
FORCED = {
    "week": "S4",
    "title": "Video",
    "lead": "team-2",
    "tags": ["Multimodal", "Video"],
    "required": [NVLM, SURVEY, "2501.00001"],
    "more": ["2501.00002"],
    "date": "2098-01-14",
}


def test_force_replaces_the_entry_says_so_and_names_each_value_it_drops(site: Site) -> None:
    site.add_papers(CACHED)
    built(site, UPCOMING_HEADER, [FORCED])
    result = site.run(
        "new-session", "--week", "S4", "--title", "Video", "--date", "2098-01-14",
        "--tags", "Video", "--required", NVLM, "--force", "--offline", cwd=site.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "replaced session S4 in _data/schedule.yml",
        "updated _posts/2098-01-14-video.md (readings: 1 required + 0 more)",
    ]
    assert result.stderr.splitlines() == [
        f"_data/schedule.yml:11: warning: session S4: {message}"
        for message in [
            "dropped lead team-2",
            "dropped tags [Multimodal]",
            f"dropped reading {SURVEY} (required)",
            "dropped reading 2501.00001 (required)",
            "dropped reading 2501.00002 (more)",
        ]
    ]


def test_force_that_moves_the_post_warns_that_its_url_changed(site: Site) -> None:
    site.add_papers(CACHED)
    built(site, UPCOMING_HEADER, [FORCED])
    result = site.run(
        "new-session", "--week", "S4", "--title", "Video", "--date", "2098-01-16",
        "--video", "team-2", "--tags", "Multimodal", "--tags", "Video", "--required", NVLM,
        "--required", SURVEY, "--required", "2501.00001", "--more", "2501.00002", "--force", "--offline",
        cwd=site.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "S4 moves from 2098-01-14 to 2098-01-16" in result.stdout.splitlines()
    assert result.stderr.splitlines() == [
        "_posts/2098-01-16-video.md: warning: S4's URL changed from /2098/01/14/video.html to "
        "/2098/01/16/video.html: links to the old URL no longer work"
    ]


def test_force_keeps_the_file_the_plan_names_and_renames_it_for_a_new_date(site: Site) -> None:
    built(site, UPCOMING_HEADER, [{"week": "S4", "title": "Video", "file": "_posts/2098-01-14-our-notes.md"}])
    result = site.run(
        "new-session", "--week", "S4", "--title", "Video", "--date", "2098-01-16", "--force", "--offline",
        cwd=site.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert planned(site)[0]["file"] == "_posts/2098-01-16-our-notes.md"
    assert site.post_files() == ["2098-01-16-our-notes.md"]


def test_a_session_still_to_come_is_never_moved_into_the_past(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(site)  # S1 on Tue 14 Jan, S2 on Thu 16 Jan, S3 on Tue 21 Jan: the first one held on the 15th
    monkeypatch.setenv("SEMINAR_NOW", "2025-01-15T12:00:00Z")
    result = site.run("remove-session", "--week", "S1", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [  # after the line saying S1's post was deleted
        "updated _data/schedule.yml",
        "kept S2 on 2025-01-16 (else it would move into the past): its date is now fixed in the plan",
    ]


def test_a_new_session_without_a_date_takes_the_next_meeting_day_from_today_when_the_last_has_passed(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(site)  # the last session on Tue 21 Jan 2025; today a month later, Thu 20 Feb
    monkeypatch.setenv("SEMINAR_NOW", "2025-02-20T12:00:00Z")
    result = site.run("new-session", "--week", "S4", "--title", "Late", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert "wrote _posts/2025-02-20-late.md" in result.stdout  # today meets: not 23 Jan, a day long past
    assert planned(site)[-1]["date"] == date(2025, 2, 20)


def test_force_without_a_date_keeps_the_replaced_sessions_own_date(site: Site) -> None:
    sessions = [dict(SESSIONS[0]), {**SESSIONS[1], "date": "2025-01-23"}, dict(SESSIONS[2])]
    built(site, sessions=sessions)  # S2 fixed on Thu 23 Jan, held by now like the others
    result = site.run(
        "new-session", "--week", "S2", "--title", "Long context", "--force", "--offline", cwd=site.root
    )
    assert result.exit_code == 0, result.output
    assert "moves" not in result.stdout and "URL changed" not in result.stderr
    assert planned(site)[1]["date"] == date(2025, 1, 23)
    assert "2025-01-23-long-context.md" in site.post_files()


def test_force_renaming_the_post_says_it_moved(site: Site) -> None:
    built(site)
    result = site.run(
        "new-session", "--week", "S2", "--title", "Context", "--force", "--offline", cwd=site.root
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "moved _posts/2025-01-16-long-context.md -> _posts/2025-01-16-context.md "
        "(readings: 0 required + 0 more)"
    )
