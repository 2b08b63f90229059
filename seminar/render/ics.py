"""An iCalendar (RFC 5545) feed of a seminar's sessions, for students to subscribe to.

Calendar apps poll a subscribed feed and match events by UID, so each session's UID must stay the same from
one export to the next; and the export must give the same bytes for the same term, so that re-running it
changes no file in the site. Hence the caller passes the UIDs and the DTSTAMP, and nothing here reads the
clock.

Times are wall-clock times in the seminar's time zone (DTSTART/DTEND with a TZID, plus the VTIMEZONE that
defines it). Without a time zone they are written floating (no TZID, no `Z`): RFC 5545's "same local time
wherever you are", which is what a time typed without a zone means. Reading them as UTC instead would show
a 14:00 class at 09:00 in New York.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Calendar, Event

from seminar.core.errors import SeminarError, error

# No version number: upgrading seminar must not change the bytes of an unchanged term's calendar.
PRODID = "-//seminar//Reading seminar sessions//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One session as a calendar shows it; `start` and `end` None make it an all-day event."""

    uid: str
    title: str
    day: date
    start: time | None
    end: time | None
    description: str
    url: str | None
    location: str | None


def calendar_ics(
    events: Sequence[CalendarEvent], *, name: str, timezone: str | None, stamp: datetime
) -> bytes:
    """The events as one VCALENDAR (CRLF lines folded at 75 octets); same arguments, same bytes.

    `timezone` is a tz database name (America/New_York) or None for floating times; `stamp` is every
    event's DTSTAMP, read as UTC when naive.
    """
    zone = _zone(timezone) if timezone is not None else None
    _check(events)
    calendar = _calendar(name, timezone)
    stamp_utc = stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    for event in events:
        calendar.add_component(_vevent(event, zone, stamp_utc))
    if zone is not None:
        _add_timezones(calendar, events)
    ical: bytes = calendar.to_ical()  # icalendar leaves `to_ical` unannotated (Any)
    return ical


def _zone(name: str) -> ZoneInfo:
    # A membership test, because ZoneInfo's own errors for bad keys ("", "America", "../x") vary in type.
    if name not in available_timezones():
        raise SeminarError(
            error(f'unknown time zone "{name}": use a tz database name such as America/New_York')
        )
    return ZoneInfo(name)


def _check(events: Sequence[CalendarEvent]) -> None:
    """Refuse what a calendar app would show wrongly or silently drop."""
    seen: set[str] = set()
    for event in events:
        what = f'session "{event.title}" on {event.day}'
        if (event.start is None) != (event.end is None):
            raise SeminarError(error("give both a start and an end time, or neither (all day)", key=what))
        if event.start is not None and event.end is not None and event.end <= event.start:
            raise SeminarError(error(f"ends at {event.end}, not after its start at {event.start}", key=what))
        if event.uid in seen:  # a subscribed calendar would keep only one of the two
            raise SeminarError(error(f'UID "{event.uid}" is already used by another session', key=what))
        seen.add(event.uid)


def _calendar(name: str, timezone: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if timezone is not None:
        calendar.add("x-wr-timezone", timezone)
    return calendar


def _vevent(event: CalendarEvent, zone: ZoneInfo | None, stamp: datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.title)
    if event.start is None or event.end is None:
        vevent.add("dtstart", event.day)  # VALUE=DATE; DTEND is exclusive, so the next day
        vevent.add("dtend", event.day + timedelta(days=1))
    else:
        vevent.add("dtstart", datetime.combine(event.day, event.start, tzinfo=zone))
        vevent.add("dtend", datetime.combine(event.day, event.end, tzinfo=zone))
    optional = {"description": event.description, "url": event.url, "location": event.location}
    for key, value in optional.items():
        if value:
            vevent.add(key, value)
    return vevent


def _add_timezones(calendar: Calendar, events: Sequence[CalendarEvent]) -> None:
    """The VTIMEZONEs the events' TZIDs need, spanning only the term's days, ahead of the events."""
    days = [event.day for event in events if event.start is not None]
    if not days:  # all-day events carry no TZID
        return
    calendar.add_missing_timezones(first_date=min(days), last_date=max(days) + timedelta(days=1))
    # icalendar 6 appends them after the events; readers resolving each TZID as they meet it need them first.
    calendar.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
