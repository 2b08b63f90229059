"""`seminar add-reading`: a reading added to a session of the plan, and to its post."""

from __future__ import annotations

from pathlib import Path

from seminar.commands.changes import report_update
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import SeminarError, error
from seminar.site.plan_edit import add_reading
from seminar.site.update import edited, write_update


def run(
    site: Path | None,
    week: str,
    reference: str,
    fetching: Fetching,
    *,
    more: bool,
    background: bool = False,
    force: bool,
) -> Outcome:
    """Add `reference` (an arXiv id or a title) to session `week`'s required readings (or more, or background
    readings). SeminarError when both `more` and `background` are asked for."""
    if more and background:
        raise SeminarError(error("--more and --background go to different sections: give one"))
    section = "more" if more else "background" if background else "required"
    config = site_config(site)
    update = edited(
        config, add_reading(week, reference, section=section), fetching.cache(config), config.today()
    )
    write_update(config, update, force=force)
    outcome = Outcome()
    report_update(outcome, update)
    return outcome
