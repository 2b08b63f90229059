"""The term for other programs: a calendar students subscribe to, and the readings as BibTeX.

Both are made from the plan as `seminar build` sees it (dates from the calendar, readings from the store), so
they agree with the posts; both come out the same for an unchanged term, so re-exporting changes no file.
An event whose content changed since the last export gets the next SEQUENCE and a new DTSTAMP; what the last
export said of each event is read back from the file exported to, or, for an export to stdout, kept in
`.seminar/calendar.json` (by UID: its SEQUENCE, DTSTAMP and digest), written only when it changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from urllib.parse import urlsplit

from seminar.core.errors import Diagnostic, SeminarError, error, warning
from seminar.core.fileio import PRIVATE_DIR, private_dir, write_atomic
from seminar.model.papers import Paper
from seminar.model.plan import Plan
from seminar.model.session import Session
from seminar.render.bibtex import bibtex
from seminar.render.ics import CalendarEvent, Revision, calendar_ics, revisions
from seminar.render.post import front_matter, post_path
from seminar.site.urls import UnknownURL, URLSettings, document_url, post_url, site_url_settings
from seminar.sources.config import SiteConfig


def session_url(config: SiteConfig, settings: URLSettings, session: Session) -> str | None:
    """The post's address as Jekyll publishes it (absolute when the site sets `url:`); None if unknowable."""
    values = front_matter(config, session)
    try:
        if config.collection is not None:
            path = document_url(
                settings.permalink,
                config.collection,
                settings.collection_permalink(config.collection),
                post_path(config, session),
                values,
                baseurl=settings.baseurl,
                timezone=settings.timezone,
            )
        else:
            path = post_url(
                settings.permalink,
                post_path(config, session),
                values,
                baseurl=settings.baseurl,
                timezone=settings.timezone,
            )
    except UnknownURL:
        return None
    return (config.url or "").rstrip("/") + path


def calendar(
    config: SiteConfig,
    plan: Plan,
    sessions: Sequence[Session],
    previous: Mapping[str, Revision] | None = None,
    revised: datetime | None = None,
) -> bytes:
    """One event per session: its title, the plan's meeting time (all day without one), readings, URL.

    A session keeps its UID (term, week and site) through moves, so a subscribed calendar moves the event;
    a UID the previous export gave is kept even when the site's `url:` changed since.
    `previous` is what the last export said of each event (`previous_revisions`): an unchanged event keeps
    its SEQUENCE and DTSTAMP, a changed one gets the next SEQUENCE and `revised` (the export's time) as
    DTSTAMP. A new event's DTSTAMP is the term's first day, not the export's time, so the same term gives the
    same bytes. SeminarError as `calendar_ics`.
    """
    host = urlsplit(config.url or "").hostname or "seminar.invalid"
    # A UID a subscribed calendar already has is kept, whatever the site's address became since (url: set
    # after the first export would otherwise give every event a new UID, and calendars a duplicate).
    earlier = {uid.rpartition("@")[0]: uid for uid in previous or {}}
    start, end = plan.meeting or (None, None)
    settings = site_url_settings(config.root)
    events = [
        CalendarEvent(
            uid=earlier.get(
                local := f"{plan.term or session.desc.split('-')[0]}-{session.week}", f"{local}@{host}"
            ),
            title=f"{session.week}: {session.title or 'TBA'}",
            day=session.date,
            start=start,
            end=end,
            description=_description(session, url := session_url(config, settings, session)),
            url=url if config.url and url else None,
            location=plan.location,
        )
        for session in sessions
    ]
    first = min((session.date for session in sessions), default=plan.first_day)
    stamp = datetime.combine(first, time(0), UTC) if first else datetime(1970, 1, 1, tzinfo=UTC)
    name = plan.term or (config.term or "Seminar")
    return calendar_ics(
        events,
        name=name,
        timezone=plan.timezone or config.timezone,
        stamp=stamp,
        previous=previous,
        revised=revised,
    )


def relative_links(config: SiteConfig, sessions: Sequence[Session]) -> Diagnostic | None:
    """Without `url:` in `_config.yml`, the warning that the events link to relative URLs, which a calendar
    app cannot open; None when the site gives its address (or no session has a URL)."""
    if config.url:
        return None
    settings = site_url_settings(config.root)
    example = next((url for session in sessions if (url := session_url(config, settings, session))), None)
    if example is None:
        return None
    return warning(
        f"no url: given; the events link to relative URLs such as {example}, which calendar apps cannot "
        "open; set url: to the site's address",
        config.config_path,
    )


CALENDAR_RECORD = "calendar.json"


def previous_revisions(config: SiteConfig, output: Path | None) -> dict[str, Revision]:
    """What the last export said of each event, by UID: read from `output` when it exists (an empty file
    says nothing), else, for stdout (`output` None), from the record of the last export there.

    SeminarError naming the file when `output` is not an iCalendar file or the record cannot be read.
    """
    if output is not None:
        data = output.read_bytes() if output.is_file() else b""
        return revisions(data, output) if data.strip() else {}
    path = config.root / PRIVATE_DIR / CALENDAR_RECORD
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        return {
            uid: Revision(
                int(entry["sequence"]), datetime.fromisoformat(entry["stamp"]), str(entry["digest"])
            )
            for uid, entry in json.loads(text).items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SeminarError(
            error(
                "not the record seminar keeps of the calendar it last exported to stdout: delete it (the "
                "events' SEQUENCE then starts again from 0)",
                path,
            )
        ) from None


def record_revisions(config: SiteConfig, ics: bytes) -> bool:
    """Keep what the calendar `ics` (just exported to stdout) says of each event, for the next export to
    stdout; whether the record was written (only when it changed)."""
    record = {
        uid: {"sequence": found.sequence, "stamp": found.stamp.isoformat(), "digest": found.digest}
        for uid, found in sorted(revisions(ics).items())
    }
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    path = config.root / PRIVATE_DIR / CALENDAR_RECORD
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(private_dir(config.root) / CALENDAR_RECORD, text)
    return True


def _description(session: Session, url: str | None) -> str:
    lines = []
    sections = (
        ("Required readings", session.required),
        ("More readings", session.more),
        ("Background readings", session.background),
    )
    for heading, papers in sections:
        if papers:
            lines.append(f"{heading}:")
            lines.extend(f"- {paper.title}" for paper in papers)
    lines.extend([url] if url else [])
    return "\n".join(lines)


def readings(sessions: Sequence[Session]) -> list[Paper]:
    """Every reading of these sessions once, in the order they are first met."""
    return list({paper.key: paper for session in sessions for paper in session.papers}.values())


def bibliography(sessions: Sequence[Session]) -> str:
    return bibtex(readings(sessions))
