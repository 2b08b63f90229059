"""Editing the plan from the command line (`add-reading`, `move`); the term exported (`export ics|bibtex`)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import bibtexparser
import icalendar
import yaml
from plans import LLOCO, NVLM, PLAN, SURVEY, TERM_HEADER, plan_text

from conftest import Site

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Long context", "lead": "team-1", "required": [LLOCO]},
    {"week": "S3", "title": "Video generation", "required": [SURVEY]},
]
HEATBATH = {
    "1605.08386": {
        "arxiv_id": "1605.08386",
        "title": "Heat-bath random walks with Markov bases",
        "authors": ["Caprice Stanley", "Tobias Windisch"],
        "published": "2016-05-26",
        "primary_category": "math.CO",
        "abs_url": "https://arxiv.org/abs/1605.08386",
    }
}


def built(site: Site, sessions: list[dict] = SESSIONS, header: str = TERM_HEADER) -> None:
    site.write(PLAN, "# our plan, commented\n" + plan_text(sessions, header))
    result = site.run("build", "--offline")
    assert result.exit_code == 0, result.output


def planned(site: Site) -> list[dict]:
    return yaml.safe_load((site.root / PLAN).read_text(encoding="utf-8"))["sessions"]


def test_add_reading_puts_it_in_the_plan_and_the_post(site: Site) -> None:
    built(site)
    result = site.run("add-reading", "--week", "S1", SURVEY, "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert [str(reading) for reading in planned(site)[0]["required"]] == [NVLM, SURVEY]
    required = (site.posts / "2025-01-14-intro.md").read_text().split("## More Readings:")[0]
    assert "#### LLMs Meet Multimodal Generation and Editing: A Survey" in required
    assert result.stdout.splitlines()[1:] == ["updated _posts/2025-01-14-intro.md"]


def test_add_reading_with_more_goes_to_more_readings(site: Site) -> None:
    built(site)
    result = site.run("add-reading", "--week", "S3", "--more", LLOCO, "--offline")
    assert result.exit_code == 0, result.output
    assert planned(site)[2]["more"] == [LLOCO]
    more = (site.posts / "2025-01-21-video-generation.md").read_text().split("## More Readings:")[1]
    assert "#### LLoCO: Learning Long Contexts Offline" in more


def test_add_reading_keeps_the_plans_comments_and_other_lines(site: Site) -> None:
    built(site)
    before = (site.root / PLAN).read_text()
    site.run("add-reading", "--week", "S1", SURVEY, "--offline")
    added = before.replace(f"      - {NVLM}\n", f"      - {NVLM}\n      - '{SURVEY}'\n", 1)
    assert (site.root / PLAN).read_text() == added


def test_a_reading_already_in_the_session_is_refused_and_nothing_changes(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = site.run("add-reading", "--week", "S1", NVLM, "--offline")
    assert result.exit_code == 1
    assert result.stderr == f"error: {NVLM}: already a reading of session S1 (required)\n"
    assert site.snapshot() == before


def test_add_reading_to_an_unknown_week_names_the_weeks(site: Site) -> None:
    built(site)
    result = site.run("add-reading", "--week", "S9", NVLM, "--offline")
    assert result.exit_code == 1
    assert "no session 'S9' in the plan (weeks: S1, S2, S3)" in result.stderr


def test_a_reading_that_cannot_be_had_is_named_and_nothing_changes(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = site.run("add-reading", "--week", "S1", "2501.00001", "--offline")
    assert result.exit_code == 1 and "2501.00001: not cached" in result.stderr
    assert site.snapshot() == before


# A term still to come (2098's calendar is 2025's): no session is held, so the later ones shift.
UPCOMING_HEADER = TERM_HEADER.replace("2025-", "2098-")


def test_move_renames_the_post_says_so_and_shifts_the_sessions_after_it(site: Site) -> None:
    built(site, header=UPCOMING_HEADER)
    result = site.run("move", "--week", "S1", "--to", "2098-01-16", "--offline", cwd=site.root)
    assert result.exit_code == 0, result.output
    assert site.post_files() == [
        "2098-01-16-intro.md",
        "2098-01-21-long-context.md",
        "2098-01-23-video-generation.md",
    ]
    assert "moved   _posts/2098-01-14-intro.md -> _posts/2098-01-16-intro.md" in result.stdout
    assert "S1's URL changed from /2098/01/14/intro.html to /2098/01/16/intro.html" in result.stderr
    assert planned(site)[0]["date"] == date(2098, 1, 16)


def test_move_past_a_later_session_puts_it_after_that_one_in_the_plan(site: Site) -> None:
    built(site, header=UPCOMING_HEADER)
    result = site.run("move", "--week", "S2", "--to", "2098-01-23", "--offline")
    assert result.exit_code == 0, result.output
    assert [session["week"] for session in planned(site)] == ["S1", "S3", "S2"]
    assert site.post_files() == [
        "2098-01-14-intro.md",
        "2098-01-16-video-generation.md",
        "2098-01-23-long-context.md",
    ]


def test_move_carries_the_posts_own_text_along(site: Site) -> None:
    built(site)
    post = site.posts / "2025-01-16-long-context.md"
    post.write_text(post.read_text() + "\nWhat we discussed.\n")
    site.run("move", "--week", "S2", "--to", "2025-01-23", "--offline")
    assert (site.posts / "2025-01-23-long-context.md").read_text().endswith("\nWhat we discussed.\n")


def test_move_before_an_earlier_session_reorders_the_plan(site: Site) -> None:
    built(site)
    result = site.run("move", "--week", "S3", "--to", "2025-01-15", "--offline")
    assert result.exit_code == 0, result.output
    assert [session["week"] for session in planned(site)] == ["S1", "S3", "S2"]
    assert site.post_files() == [
        "2025-01-14-intro.md",
        "2025-01-15-video-generation.md",
        "2025-01-16-long-context.md",
    ]


def test_move_onto_a_day_without_class_is_refused_with_the_plans_line(site: Site) -> None:
    built(site)
    before = site.snapshot()
    result = site.run("move", "--week", "S2", "--to", "2025-03-11", "--offline")
    assert result.exit_code == 1
    assert "session S2: is fixed on 2025-03-11, a day without class (spring break)" in result.stderr
    assert site.snapshot() == before


def calendar_of(site: Site, *args: str) -> icalendar.Calendar:
    result = site.run("export", "ics", "--offline", *args)
    assert result.exit_code == 0, result.output
    return icalendar.Calendar.from_ical(result.stdout_bytes)


def test_the_calendar_has_one_event_per_session_at_the_meeting_time(site: Site) -> None:
    built(site)
    events = calendar_of(site).walk("VEVENT")
    new_york = ZoneInfo("America/New_York")
    assert [str(event["SUMMARY"]) for event in events] == [
        "S1: Intro",
        "S2: Long context",
        "S3: Video generation",
    ]
    assert [event.decoded("DTSTART") for event in events] == [
        datetime(2025, 1, day, 15, 30, tzinfo=new_york) for day in (14, 16, 21)
    ]
    assert events[0].decoded("DTEND") == datetime(2025, 1, 14, 16, 45, tzinfo=new_york)
    assert str(events[0]["LOCATION"]) == "Rice Hall 130"


def test_a_calendar_event_lists_the_readings_and_the_posts_url(site: Site) -> None:
    site.write("_config.yml", (site.root / "_config.yml").read_text() + "url: https://seminar.example.edu\n")
    built(site)
    (event, *_) = calendar_of(site).walk("VEVENT")
    assert str(event["DESCRIPTION"]).splitlines() == [
        "Required readings:",
        "- NVLM: Open Frontier-Class Multimodal LLMs",
        "https://seminar.example.edu/2025/01/14/intro.html",
    ]
    assert str(event["URL"]) == "https://seminar.example.edu/2025/01/14/intro.html"
    assert str(event["UID"]) == "2025-seminarRead-S1@seminar.example.edu"


def test_without_a_meeting_time_sessions_are_all_day_events(site: Site) -> None:
    built(site, header=TERM_HEADER.replace('time: "15:30-16:45"\n', ""))
    (event, *_) = calendar_of(site).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2025, 1, 14) and event.decoded("DTEND") == date(2025, 1, 15)


def test_exporting_the_calendar_again_changes_nothing(site: Site) -> None:
    built(site)
    assert site.run("export", "ics", "--offline", "-o", str(site.root / "seminar.render.ics")).exit_code == 0
    before = site.snapshot()
    result = site.run("export", "ics", "--offline", "-o", str(site.root / "seminar.render.ics"))
    assert result.exit_code == 0 and "already up to date" in result.stdout
    assert site.snapshot() == before


def test_bibtex_has_every_reading_with_its_eprint_fields(site: Site) -> None:
    site.add_papers(HEATBATH)
    built(site, [*SESSIONS, {"week": "S4", "title": "Random walks", "required": ["1605.08386", NVLM]}])
    result = site.run("export", "bibtex", "--offline")
    assert result.exit_code == 0, result.output
    entries = bibtexparser.parse_string(result.stdout).entries
    assert [entry.fields_dict["title"].value for entry in entries] == [
        "{NVLM: Open Frontier-Class Multimodal LLMs}",
        "{LLoCO: Learning Long Contexts Offline}",
        "{LLMs Meet Multimodal Generation and Editing: A Survey}",
        "{Heat-bath random walks with Markov bases}",
    ]
    heat = entries[3].fields_dict
    assert (heat["eprint"].value, heat["archivePrefix"].value, heat["primaryClass"].value) == (
        "1605.08386",
        "arXiv",
        "math.CO",
    )


def test_bibtex_of_one_week_has_only_its_readings(site: Site) -> None:
    built(site)
    result = site.run("export", "bibtex", "--week", "S3", "--offline")
    assert result.exit_code == 0, result.output
    (entry,) = bibtexparser.parse_string(result.stdout).entries
    assert entry.fields_dict["eprint"].value == SURVEY


def test_bibtex_of_an_unknown_week_is_an_error(site: Site) -> None:
    built(site)
    result = site.run("export", "bibtex", "--week", "S9", "--offline")
    assert result.exit_code == 1 and "no session 'S9'" in result.stderr
