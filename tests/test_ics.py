"""The sessions' calendar feed: what a subscribing calendar app reads back from it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event

from seminar.core.errors import SeminarError
from seminar.render.ics import CalendarEvent, calendar_ics

STAMP = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
NEW_YORK = "America/New_York"

BASE = CalendarEvent(
    uid="2025-S4@seminar.example.org",
    title="multimodal FMs - video generation",
    day=date(2025, 3, 4),
    start=time(14, 0),
    end=time(15, 15),
    description="NVLM: Open Frontier-Class Multimodal LLMs",
    url="https://seminar.example.org/2025/03/04/multimodal-fms.html",
    location=None,
)


def session(**changes: Any) -> CalendarEvent:
    """A timed Tuesday session; tests change only what they are about."""
    return replace(BASE, **changes)


TERM = (session(), session(uid="2025-S9@seminar.example.org", day=date(2025, 4, 29)))  # DST began Mar 9


def export(*events: CalendarEvent, timezone: str | None = NEW_YORK, name: str = "Reading seminar") -> bytes:
    return calendar_ics(events, name=name, timezone=timezone, stamp=STAMP)


def parsed_events(ics: bytes) -> list[Event]:
    return Calendar.from_ical(ics).walk("VEVENT")


def test_the_calendar_says_who_made_it_and_how_to_publish_it() -> None:
    calendar = Calendar.from_ical(export(session(), name="Séminaire 2025"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//seminar//")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Séminaire 2025"
    assert str(calendar["X-WR-TIMEZONE"]) == NEW_YORK


def test_each_session_is_one_event_in_order() -> None:
    events = [session(uid=f"s{week}", day=date(2025, 3, 4) + timedelta(weeks=week)) for week in range(3)]
    assert [str(event["UID"]) for event in parsed_events(export(*events))] == ["s0", "s1", "s2"]


def test_timed_events_across_a_dst_change_are_the_right_utc_instants() -> None:
    before, after = session(uid="before"), session(uid="after", day=date(2025, 3, 11))  # DST began Mar 9
    first, second = parsed_events(export(before, after))
    assert first.decoded("DTSTART").astimezone(UTC) == datetime(2025, 3, 4, 19, 0, tzinfo=UTC)
    assert first.decoded("DTEND").astimezone(UTC) == datetime(2025, 3, 4, 20, 15, tzinfo=UTC)
    assert second.decoded("DTSTART").astimezone(UTC) == datetime(2025, 3, 11, 18, 0, tzinfo=UTC)
    assert second.decoded("DTEND").astimezone(UTC) == datetime(2025, 3, 11, 19, 15, tzinfo=UTC)


def test_timed_events_name_their_time_zone() -> None:
    ics = export(session())
    assert b"DTSTART;TZID=America/New_York:20250304T140000\r\n" in ics
    assert b"DTEND;TZID=America/New_York:20250304T151500\r\n" in ics


def test_the_vtimezone_comes_before_the_events_that_use_it() -> None:
    calendar = Calendar.from_ical(export(*TERM))
    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE", "VEVENT", "VEVENT"]
    assert str(calendar.walk("VTIMEZONE")[0]["TZID"]) == NEW_YORK


def test_the_vtimezone_holds_the_terms_dst_change() -> None:
    (vtimezone,) = Calendar.from_ical(export(*TERM)).walk("VTIMEZONE")
    daylight = vtimezone.walk("DAYLIGHT")
    assert [component.decoded("DTSTART") for component in daylight] == [datetime(2025, 3, 9, 3, 0)]


def test_without_a_time_zone_times_are_floating() -> None:
    ics = export(session(), timezone=None)
    (event,) = parsed_events(ics)
    assert event.decoded("DTSTART") == datetime(2025, 3, 4, 14, 0)  # naive: local time wherever you are
    assert b"DTSTART:20250304T140000\r\n" in ics
    assert b"VTIMEZONE" not in ics and b"X-WR-TIMEZONE" not in ics


def test_all_day_events_are_dates_ending_the_next_day() -> None:
    ics = export(session(start=None, end=None))
    (event,) = parsed_events(ics)
    assert event.decoded("DTSTART") == date(2025, 3, 4)
    assert event.decoded("DTEND") == date(2025, 3, 5)
    assert b"DTSTART;VALUE=DATE:20250304\r\n" in ics


def test_all_day_events_need_no_vtimezone() -> None:
    assert b"VTIMEZONE" not in export(session(start=None, end=None))


def test_dtstamp_is_the_given_stamp_in_utc() -> None:
    plus_two = datetime(2025, 1, 10, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    ics = calendar_ics([session()], name="x", timezone=NEW_YORK, stamp=plus_two)
    assert b"DTSTAMP:20250110T120000Z\r\n" in ics


def test_text_round_trips_with_non_ascii_commas_semicolons_and_newlines() -> None:
    title = "Vidéo, 日本語; and a back\\slash"
    description = "NVLM: Open Frontier-Class Multimodal LLMs\nVideo, Language; Models — a survey"
    location = "Room 101, Rice Hall; 2nd floor"
    (event,) = parsed_events(export(session(title=title, description=description, location=location)))
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == location


def test_url_and_uid_are_written_as_given() -> None:
    (event,) = parsed_events(export(session()))
    assert str(event["UID"]) == "2025-S4@seminar.example.org"
    assert str(event["URL"]) == "https://seminar.example.org/2025/03/04/multimodal-fms.html"


def test_missing_url_location_and_description_are_left_out() -> None:
    (event,) = parsed_events(export(session(url=None, location=None, description="")))
    assert not {"URL", "LOCATION", "DESCRIPTION"} & set(event)


def test_lines_end_in_crlf_and_fold_at_75_octets() -> None:
    ics = export(session(title="Vidéo générætion 日本語 " * 12, description="Ünïcödé reading\n" * 20))
    lines = ics.split(b"\r\n")
    assert ics.endswith(b"\r\n") and all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folding happened
    for line in lines:
        line.decode("utf-8")  # no fold splits a character


def test_same_input_gives_the_same_bytes() -> None:
    assert export(*TERM) == export(*(replace(event) for event in TERM))


def test_same_input_gives_the_same_bytes_in_another_interpreter() -> None:
    """Set and dict order must not leak into the file: each export is a new process with its own hash seed."""
    script = "import sys, test_ics; sys.stdout.buffer.write(test_ics.export(*test_ics.TERM))"
    here = Path(__file__).parent
    path = os.pathsep.join([str(here), str(here.parent)])
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env=os.environ | {"PYTHONHASHSEED": seed, "PYTHONPATH": path},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {export(*TERM)}


def test_an_unknown_time_zone_is_refused_by_name() -> None:
    with pytest.raises(SeminarError, match='unknown time zone "America/Springfield"') as error:
        export(session(), timezone="America/Springfield")
    assert "\n" not in str(error.value)


def test_a_time_zone_folder_is_not_a_time_zone() -> None:
    with pytest.raises(SeminarError, match='unknown time zone "America"'):
        export(session(), timezone="America")


def test_an_end_before_the_start_is_refused_naming_both_times() -> None:
    with pytest.raises(SeminarError, match="ends at 13:00:00, not after its start at 14:00:00") as error:
        export(session(end=time(13, 0)))
    assert "\n" not in str(error.value)


def test_a_start_without_an_end_is_refused() -> None:
    with pytest.raises(SeminarError, match="give both a start and an end time"):
        export(session(end=None))


def test_a_uid_used_twice_is_refused() -> None:
    with pytest.raises(SeminarError, match=r'UID "2025-S4@seminar\.example\.org" is already used'):
        export(session(), session(day=date(2025, 3, 6)))
