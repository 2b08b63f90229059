"""`seminar adopt`: an existing class site's sessions turned into a plan; no session file is rewritten."""

from __future__ import annotations

from pathlib import Path

from seminar.commands.outcome import Outcome, site_config
from seminar.site.adopt import adopt_site, adopted_lines, write_adoption


def run(site: Path | None, *, collection: str | None, force: bool, dry_run: bool) -> Outcome:
    """Adopt the site: write its profile, plan and paper-store entries (what changed only), then say what
    was found and every line that could not be placed. With `dry_run`, write nothing and print the plan."""
    config = site_config(site)
    adoption = adopt_site(config.root, collection=collection)
    outcome = Outcome()
    outcome.report(adoption.problems)
    if dry_run:
        outcome.text(adoption.plan_text)
        outcome.line(f"would be: {adoption.summary()}")
        return outcome
    written = write_adoption(config, adoption, force=force)
    outcome.lines(adopted_lines(adoption, written))
    return outcome
