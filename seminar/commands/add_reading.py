"""`seminar add-reading`: a reading added to a session of the plan, and to its post."""

from __future__ import annotations

from pathlib import Path

from seminar.commands.changes import report_update
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.site.plan_edit import add_reading
from seminar.site.update import edited, write_update


def run(
    site: Path | None, week: str, reference: str, fetching: Fetching, *, more: bool, force: bool
) -> Outcome:
    """Add `reference` (an arXiv id or a title) to session `week`'s required readings (or more readings)."""
    config = site_config(site)
    update = edited(config, add_reading(week, reference, more=more), fetching.cache(config), config.today())
    write_update(config, update, force=force)
    outcome = Outcome()
    report_update(outcome, update)
    return outcome
