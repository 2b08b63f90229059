"""`seminar export ics` over a term that changes: an event whose session changed gets the next SEQUENCE and a
new DTSTAMP (RFC 5545 3.8.7.4), so that subscribed calendars take the new version; an unchanged event keeps
both, so an unchanged term exports byte-identical. And a site without `url:` is warned that its events link
to relative URLs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import Result
from icalendar import Calendar, Event
from plans import NVLM, SURVEY, write_plan

from conftest import Site

SESSIONS = [
    {"week": "S1", "title": "Intro", "required": [NVLM]},
    {"week": "S2", "title": "Video generation", "required": [SURVEY]},
]
UID = "2025-seminarRead-{week}@seminar.invalid"  # a site without url: has no host of its own
FIRST_DAY = datetime(2025, 1, 14, tzinfo=UTC)  # a new event's DTSTAMP: the term's first day
LATER = "2025-02-01T09:30:00Z"  # the clock when the term changes (SEMINAR_NOW stands in for it)
OUTPUT = "assets/seminar.ics"


@pytest.fixture
def term(site: Site) -> Site:
    write_plan(site, SESSIONS)
    return site


def export(site: Site, *args: str) -> Result:
    """`seminar export ics`, from the top of the site; at the moment SEMINAR_NOW says, when it is set."""
    result = site.run("export", "ics", "--offline", *args, cwd=site.root)
    assert result.exit_code == 0, result.output
    return result


def events(data: bytes) -> dict[str, Event]:
    return {str(event["UID"]): event for event in Calendar.from_ical(data).walk("VEVENT")}


def revision(event: Event) -> tuple[int, datetime]:
    """The event's SEQUENCE (0 when absent, RFC 5545's default) and DTSTAMP."""
    return int(event.get("SEQUENCE", 0)), event.decoded("DTSTAMP")


def retitle(site: Site, title: str) -> None:
    write_plan(site, [{**SESSIONS[0], "title": title}, SESSIONS[1]])


# The site's address


def test_without_url_the_export_warns_once_that_the_events_link_to_relative_urls(term: Site) -> None:
    result = export(term)
    assert result.stderr == (
        "_config.yml: warning: no url: given; the events link to relative URLs such as "
        "/2025/01/14/intro.html, which calendar apps cannot open; set url: to the site's address\n"
    )
    assert Calendar.from_ical(result.stdout_bytes).walk("VEVENT")  # the calendar is written all the same


def test_with_url_the_export_says_nothing_of_links(term: Site) -> None:
    config = term.root / "_config.yml"
    config.write_text(config.read_text() + "url: https://seminar.example.edu\n")
    assert export(term).stderr == ""


# SEQUENCE and DTSTAMP, exporting to a file


def test_a_first_export_gives_every_event_sequence_0_and_the_terms_first_day_as_dtstamp(term: Site) -> None:
    export(term, "-o", OUTPUT)
    found = events((term.root / OUTPUT).read_bytes())
    assert [revision(event) for event in found.values()] == [(0, FIRST_DAY), (0, FIRST_DAY)]
    assert b"SEQUENCE" not in (term.root / OUTPUT).read_bytes()


def test_a_changed_event_gets_the_next_sequence_and_a_new_dtstamp_and_the_others_keep_theirs(
    term: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(term, "-o", OUTPUT)
    retitle(term, "Welcome")
    monkeypatch.setenv("SEMINAR_NOW", LATER)
    result = export(term, "-o", OUTPUT)
    assert result.stdout == f"wrote {OUTPUT}\n"
    found = events((term.root / OUTPUT).read_bytes())
    assert revision(found[UID.format(week="S1")]) == (1, datetime(2025, 2, 1, 9, 30, tzinfo=UTC))
    assert revision(found[UID.format(week="S2")]) == (0, FIRST_DAY)


def test_each_change_adds_one_to_the_sequence(term: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    export(term, "-o", OUTPUT)
    for title in ("Welcome", "Welcome back"):
        retitle(term, title)
        monkeypatch.setenv("SEMINAR_NOW", LATER)
        export(term, "-o", OUTPUT)
    assert revision(events((term.root / OUTPUT).read_bytes())[UID.format(week="S1")])[0] == 2


def test_a_session_moved_to_another_day_gets_the_next_sequence(
    term: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(term, "-o", OUTPUT)
    write_plan(term, [SESSIONS[0], {**SESSIONS[1], "date": "2025-01-21"}])
    monkeypatch.setenv("SEMINAR_NOW", LATER)
    export(term, "-o", OUTPUT)
    moved = events((term.root / OUTPUT).read_bytes())[UID.format(week="S2")]
    assert revision(moved)[0] == 1 and moved.decoded("DTSTART").date().isoformat() == "2025-01-21"


def test_exporting_a_changed_term_again_changes_nothing(term: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    export(term, "-o", OUTPUT)
    retitle(term, "Welcome")
    monkeypatch.setenv("SEMINAR_NOW", LATER)
    export(term, "-o", OUTPUT)
    before = term.snapshot()
    monkeypatch.setenv("SEMINAR_NOW", "2025-03-01T00:00:00Z")
    result = export(term, "-o", OUTPUT)
    assert result.stdout == f"{OUTPUT} is already up to date\n"
    assert term.snapshot() == before


def test_an_output_file_that_is_not_a_calendar_is_refused_and_kept(term: Site) -> None:
    term.write(OUTPUT, "My notes on the term.\n")
    before = term.snapshot()
    result = term.run("export", "ics", "--offline", "-o", OUTPUT, cwd=term.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{OUTPUT}: error: not an iCalendar file; nothing written (remove it, or export to another file)"
    )
    assert term.snapshot() == before


# SEQUENCE and DTSTAMP, exporting to stdout: the record under .seminar/


def test_an_export_to_stdout_keeps_each_events_digest_and_sequence_under_dot_seminar(term: Site) -> None:
    export(term)
    record = json.loads((term.root / ".seminar" / "calendar.json").read_text(encoding="utf-8"))
    assert sorted(record) == [UID.format(week="S1"), UID.format(week="S2")]
    assert all(set(entry) == {"digest", "sequence", "stamp"} for entry in record.values())
    assert [entry["sequence"] for entry in record.values()] == [0, 0]


def test_a_changed_event_exported_to_stdout_gets_the_next_sequence(
    term: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(term)
    retitle(term, "Welcome")
    monkeypatch.setenv("SEMINAR_NOW", LATER)
    found = events(export(term).stdout_bytes)
    assert revision(found[UID.format(week="S1")]) == (1, datetime(2025, 2, 1, 9, 30, tzinfo=UTC))
    assert revision(found[UID.format(week="S2")]) == (0, FIRST_DAY)


def test_an_unchanged_term_exported_to_stdout_again_gives_the_same_bytes_and_writes_nothing(
    term: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(term)
    retitle(term, "Welcome")
    monkeypatch.setenv("SEMINAR_NOW", LATER)
    first = export(term).stdout_bytes
    before = term.snapshot()
    monkeypatch.setenv("SEMINAR_NOW", "2025-03-01T00:00:00Z")
    again = export(term).stdout_bytes
    assert again == first
    assert term.snapshot() == before


def test_setting_url_after_an_export_keeps_every_events_uid(term: Site) -> None:
    export(term, "-o", "term.ics")
    before = set(events((term.root / "term.ics").read_bytes()))
    config = term.root / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "url: https://seminar.example.edu\n", encoding="utf-8"
    )
    export(term, "-o", "term.ics")
    assert set(events((term.root / "term.ics").read_bytes())) == before  # else each session shows twice
