"""`seminar adopt`: an existing class site's sessions turned into a plan; no session file is rewritten."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from seminar.commands.outcome import Outcome, site_config
from seminar.core.errors import SeminarError, error
from seminar.site.adopt import adopt_site, adopted_lines, write_adoption
from seminar.sources.plan import weekday

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(
    site: Path | None,
    *,
    collection: str | None,
    first_day: date | None = None,
    meets: str | None = None,
    force: bool,
    dry_run: bool,
) -> Outcome:
    """Adopt the site: write its profile, plan and paper-store entries (what changed only), then say what
    was found and every line that could not be placed. With `dry_run`, write nothing and print the plan.
    `first_day` and `meets` (weekdays, `Tue,Thu`) date a collection's sessions when no page lists their
    dates. SeminarError when one is given without the other, or a weekday is not one."""
    if (first_day is None) != (meets is None):
        raise SeminarError(error("--first-day and --meets go together: the calendar that dates the sessions"))
    days = frozenset(weekday(name) for name in (meets or "").split(",") if name.strip())
    config = site_config(site)
    adoption = adopt_site(config.root, collection=collection, first_day=first_day, meets=days)
    outcome = Outcome()
    outcome.report(adoption.problems)
    if dry_run:
        outcome.text(adoption.plan_text)
        outcome.line(f"would be: {adoption.summary()}")
        return outcome
    written = write_adoption(config, adoption, force=force)
    outcome.lines(adopted_lines(adoption, written))
    return outcome
