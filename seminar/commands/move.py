"""`seminar move`: a session rescheduled; its post moves to the new date's file and URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from seminar.commands.changes import report_update
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import display_path, warning
from seminar.site.plan_edit import move_session
from seminar.site.update import edited, write_update


def run(site: Path | None, week: str, day: date, fetching: Fetching, *, force: bool) -> Outcome:
    """Fix session `week` on `day` in the plan and rebuild; say so when its post's file and URL change."""
    config = site_config(site)
    update = edited(config, move_session(week, day), fetching.cache(config), config.today())
    write_update(config, update, force=force)
    outcome = Outcome()
    report_update(outcome, update)
    moved = update.change(week)
    if moved.renamed and moved.old_path is not None:
        message = (
            f"{week} is now on {day.isoformat()}: its post and URL changed "
            f"(was {display_path(moved.old_path)}); links to the old URL no longer work"
        )
        outcome.report([warning(message, moved.path)])
    return outcome
