"""`seminar move`: a session rescheduled; its post moves to the new date's file and URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from seminar.commands.changes import report_update
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import display_path, warning
from seminar.site.build import PostChange
from seminar.site.plan_edit import move_session
from seminar.site.posts import parse_post
from seminar.site.update import edited, write_update
from seminar.site.urls import UnknownURL, post_url, site_url_settings
from seminar.sources.config import SiteConfig


def run(site: Path | None, week: str, day: date, fetching: Fetching, *, force: bool) -> Outcome:
    """Fix session `week` on `day` in the plan and rebuild; say so when its post's file and URL change."""
    config = site_config(site)
    update = edited(config, move_session(week, day), fetching.cache(config), config.today())
    write_update(config, update, force=force)
    outcome = Outcome()
    report_update(outcome, update)
    moved = update.change(week)
    if moved.renamed and moved.old_path is not None:
        was = display_path(moved.old_path)
        if _same_url(config, moved):
            outcome.line(
                f"{week} is now on {day.isoformat()}: its file was renamed for its date (was {was}); "
                "its URL stays"
            )
        else:
            message = (
                f"{week} is now on {day.isoformat()}: its post and URL changed "
                f"(was {was}); links to the old URL no longer work"
            )
            outcome.report([warning(message, moved.path)])
    return outcome


def _same_url(config: SiteConfig, moved: PostChange) -> bool:
    """Whether the post's URL is the same under its new name (a permalink without the date keeps it)."""
    assert moved.old_path is not None and moved.old_text is not None and moved.text is not None
    settings = site_url_settings(config.root)

    def url(path: Path, text: str) -> str | None:
        try:
            return post_url(
                settings.permalink, path, parse_post(path, text).values, timezone=settings.timezone
            )
        except UnknownURL:
            return None

    before = url(moved.old_path, moved.old_text)
    return before is not None and before == url(moved.path, moved.text)
