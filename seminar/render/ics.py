"""An iCalendar (RFC 5545) feed of a seminar's sessions, for students to subscribe to.

Calendar apps poll a subscribed feed and match events by UID, so each session's UID must stay the same from
one export to the next; and the export must give the same bytes for the same term, so that re-running it
changes no file in the site. Hence the caller passes the UIDs and the DTSTAMPs, and nothing here reads the
clock. An event whose content changed since the last export gets the next SEQUENCE (RFC 5545 3.8.7.4) and a
new DTSTAMP, so that an app holding the old one takes the new one; an unchanged event keeps both. What the
last export said of each event (`Revision`) is read back from it with `revisions`.

Times are wall-clock times in the seminar's time zone (DTSTART/DTEND with a TZID, plus the VTIMEZONE that
defines it). Without a time zone they are written floating (no TZID, no `Z`): RFC 5545's "same local time
wherever you are", which is what a time typed without a zone means. Reading them as UTC instead would show
a 14:00 class at 09:00 in New York.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
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


@dataclass(frozen=True)
class Revision:
    """What an export said of one event: its SEQUENCE, its DTSTAMP (UTC) and a digest of everything else."""

    sequence: int
    stamp: datetime
    digest: str


def calendar_ics(
    events: Sequence[CalendarEvent],
    *,
    name: str,
    timezone: str | None,
    stamp: datetime,
    previous: Mapping[str, Revision] | None = None,
    revised: datetime | None = None,
) -> bytes:
    """The events as one VCALENDAR (CRLF lines folded at 75 octets); same arguments, same bytes.

    `timezone` is a tz database name (America/New_York) or None for floating times. `previous` is what the
    last export said of each event, by UID (`revisions`): an event it has with the same content keeps its
    SEQUENCE and DTSTAMP; one whose content differs gets the next SEQUENCE and `revised` as DTSTAMP; an event
    it lacks gets SEQUENCE 0 (left out, RFC 5545's default) and `stamp`. Both stamps are read as UTC when
    naive; `revised` defaults to `stamp`. SeminarError for an unknown time zone, a start without an end (or
    one not before it) and a UID given twice.
    """
    zone = _zone(timezone) if timezone is not None else None
    _check(events)
    calendar = _calendar(name, timezone)
    stamp_utc = _utc(stamp)
    revised_utc = _utc(revised) if revised is not None else stamp_utc
    last = previous or {}
    for event in events:
        vevent = _vevent(event, zone)
        before = last.get(event.uid)
        if before is None:
            sequence, when = 0, stamp_utc
        elif before.digest == _digest(vevent.to_ical()):
            sequence, when = before.sequence, _utc(before.stamp)
        else:
            sequence, when = before.sequence + 1, revised_utc
        vevent.add("dtstamp", when)
        if sequence:
            vevent.add("sequence", sequence)
        calendar.add_component(vevent)
    if zone is not None:
        _add_timezones(calendar, events)
    ical: bytes = calendar.to_ical()  # icalendar leaves `to_ical` unannotated (Any)
    return ical


def revisions(ics: bytes, source: Path | None = None) -> dict[str, Revision]:
    """What a calendar `calendar_ics` made says of each event, by UID: its SEQUENCE, DTSTAMP and digest.

    SeminarError naming `source` when the bytes are not an iCalendar object.
    """
    try:
        events = Calendar.from_ical(ics).walk("VEVENT")
    except ValueError:
        raise SeminarError(
            error("not an iCalendar file; nothing written (remove it, or export to another file)", source)
        ) from None
    found = {}
    for event in events:
        if "UID" not in event:
            continue
        stamp = event.decoded("DTSTAMP") if "DTSTAMP" in event else None
        sequence = event.decoded("SEQUENCE") if "SEQUENCE" in event else 0
        found[str(event["UID"])] = Revision(
            sequence if isinstance(sequence, int) else 0,
            _utc(stamp) if isinstance(stamp, datetime) else _EPOCH,
            _digest(event.to_ical()),
        )
    return found


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FOLD = re.compile(rb"\r\n[ \t]")
_STAMPS = re.compile(rb"^(?:DTSTAMP|SEQUENCE)[:;]", re.IGNORECASE)


def _digest(vevent: bytes) -> str:
    """A digest of one serialised VEVENT's content lines (unfolded) but its DTSTAMP and SEQUENCE."""
    lines = _FOLD.sub(b"", vevent).split(b"\r\n")
    return hashlib.sha256(b"\r\n".join(line for line in lines if not _STAMPS.match(line))).hexdigest()


def _utc(moment: datetime) -> datetime:
    """An aware moment in UTC, to the second; a naive one is read as UTC."""
    aware = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.replace(microsecond=0)


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


def _vevent(event: CalendarEvent, zone: ZoneInfo | None) -> Event:
    """The event without its DTSTAMP and SEQUENCE, which depend on the last export."""
    vevent = Event()
    vevent.add("uid", event.uid)
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
