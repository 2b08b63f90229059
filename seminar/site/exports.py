"""The term for other programs: a calendar students subscribe to, and the readings as BibTeX.

Both are made from the plan as `seminar build` sees it (dates from the calendar, readings from the store), so
they agree with the posts; both come out the same for an unchanged term, so re-exporting changes no file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time
from urllib.parse import urlsplit

from seminar.model.papers import Paper
from seminar.model.plan import Plan
from seminar.model.session import Session
from seminar.render.bibtex import bibtex
from seminar.render.ics import CalendarEvent, calendar_ics
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


def calendar(config: SiteConfig, plan: Plan, sessions: Sequence[Session]) -> bytes:
    """One event per session: its title, the plan's meeting time (all day without one), readings, URL.

    A session keeps its UID (term, week and site) through moves, so a subscribed calendar moves the event.
    DTSTAMP is the term's first day, not the export's time, so the same term gives the same bytes.
    """
    host = urlsplit(config.url or "").hostname or "seminar.invalid"
    start, end = plan.meeting or (None, None)
    settings = site_url_settings(config.root)
    events = [
        CalendarEvent(
            uid=f"{plan.term or session.desc.split('-')[0]}-{session.week}@{host}",
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
    return calendar_ics(events, name=name, timezone=plan.timezone or config.timezone, stamp=stamp)


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
