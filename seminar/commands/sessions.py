"""`seminar sessions`: the plan's sessions listed, with their dates, readings and files; read only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from seminar.commands.outcome import Outcome, site_config
from seminar.model.plan import READING_KEYS, Plan, PlanSession, Reading
from seminar.model.session import Session
from seminar.render.post import PLACEHOLDER_TITLE
from seminar.site.build import plan_build
from seminar.site.posts import SitePost, read_posts
from seminar.site.sessions import PlannedSession, make_session
from seminar.site.urls import URLSettings, session_file_url, site_url_settings
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan


@dataclass(frozen=True)
class SessionFile:
    """A session of the plan and its file as it is now: None when it has none yet."""

    planned: PlanSession
    session: Session  # its readings not looked up: the plan names them
    post: SitePost | None


def session_files(config: SiteConfig, plan: Plan, today: date) -> list[SessionFile]:
    """Every session of the plan, in order, with the file that is its post, found as `seminar build` finds it
    (the plan's `file:`, a collection's document, else the post whose `desc` is the session's). Nothing is
    fetched or looked up; the paper store is not read."""
    sessions = [
        PlannedSession(planned, make_session(config, plan, planned, [], [], today))
        for planned in plan.sessions
    ]
    posts = read_posts(config.posts_path)
    by_path = {post.path: post for post in posts}
    build = plan_build(config, plan, sessions, posts)  # one change per session, in plan order
    return [
        SessionFile(one.planned, one.session, by_path.get(change.old_path) if change.old_path else None)
        for one, change in zip(sessions, build.changes, strict=True)
    ]


def run(site: Path | None, today: date | None, *, as_json: bool, width: int | None) -> Outcome:
    """The plan's sessions as of `today` (None: the site's today; a session dated before it is held): a
    table cut to `width` columns (None: not cut) and a count, or with `as_json` a JSON array (week, date,
    title, required, more, background, held, file, url). Reads the plan and the session files only.
    SeminarError when there is no plan or it is invalid."""
    config = site_config(site)
    plan = load_plan(config)
    day = today or config.today()
    listed = session_files(config, plan, day)
    outcome = Outcome()
    if as_json:
        settings = site_url_settings(config.root)
        rows = [_as_json(config, one, day, _url(config, settings, one.post)) for one in listed]
        outcome.line(json.dumps(rows, ensure_ascii=False, indent=2))
        return outcome
    from seminar.render.table import sessions_table

    outcome.lines(sessions_table([_row(config, one, day) for one in listed], width))
    held = sum(one.session.date < day for one in listed)
    outcome.line(f"{len(listed)} session{'s' * (len(listed) != 1)}, {held} held")
    return outcome


def _file(config: SiteConfig, post: SitePost | None) -> str | None:
    return post.path.relative_to(config.root).as_posix() if post is not None else None


def _url(config: SiteConfig, settings: URLSettings, post: SitePost | None) -> str | None:
    """The address Jekyll publishes the file at (absolute when `_config.yml` sets `url:`); None without a
    file, or when seminar cannot tell it."""
    if post is None:
        return None
    path = session_file_url(settings, config.collection, post.path, post.values)
    return None if path is None else (config.url or "").rstrip("/") + path


def _references(planned: PlanSession, section: str) -> list[str]:
    readings: tuple[Reading, ...] = getattr(planned, section)
    return [reading.reference for reading in readings]


def _as_json(config: SiteConfig, one: SessionFile, today: date, url: str | None) -> dict[str, object]:
    return {
        "week": one.session.week,
        "date": one.session.date.isoformat(),
        "title": one.session.title,
        **{section: _references(one.planned, section) for section in READING_KEYS},
        "held": one.session.date < today,
        "file": _file(config, one.post),
        "url": url,
    }


def _row(config: SiteConfig, one: SessionFile, today: date) -> tuple[str, ...]:
    counts = [len(one.planned.required), len(one.planned.more)]
    counts += [len(one.planned.background)] if one.planned.background else []
    return (
        one.session.week,
        one.session.date.isoformat(),
        one.session.title or PLACEHOLDER_TITLE,
        "+".join(map(str, counts)),
        "yes" if one.session.date < today else "no",
        _file(config, one.post) or "-",
    )
