"""`seminar move`: a session rescheduled; its post moves to the new date's file and URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from seminar.commands.changes import off_day, past_day, report_update, write
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import display_path
from seminar.site.plan_edit import move_session
from seminar.site.update import Update, edited

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(site: Path | None, week: str, day: date, fetching: Fetching, *, force: bool) -> Outcome:
    """Fix session `week` on `day` in the plan and rebuild, keeping held sessions on their dates; say which
    sessions move, and each URL that changes (`seminar.commands.changes`). A day the class does not meet is
    a warning (a make-up session); a day without class, or a week not in the plan, is a SeminarError. With
    `force`, a post's reading list a person edited is regenerated, with a warning naming its backup."""
    config = site_config(site)
    update = edited(config, move_session(week, day), fetching.cache(config), config.today(), moving=week)
    backups = write(config, update, force=force)
    outcome = Outcome()
    assert update.edit is not None
    outcome.report(off_day(update.edit.plan, day))
    outcome.report(past_day(day, config.today()))
    report_update(outcome, update, backups=backups)
    kept_url = _renamed_keeping_url(update, week)
    if kept_url is not None:
        outcome.line(
            f"{week} is now on {day.isoformat()}: its file was renamed for its date (was {kept_url}); "
            "its URL stays"
        )
    return outcome


def _renamed_keeping_url(update: Update, week: str) -> str | None:
    """The old file of the moved session's post when it was renamed and its URL stays; None otherwise."""
    moved = update.change(week)
    if not moved.renamed or moved.old_path is None:
        return None
    same = any(url.week == week and url.old == url.new for url in update.build.urls)
    return display_path(moved.old_path) if same else None
