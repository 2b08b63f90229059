"""`seminar build`: every session's post brought in line with the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from seminar.commands.changes import report_changes, report_kept
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.site.build import apply_build, diff, problems
from seminar.site.update import build_plan
from seminar.sources.plan import load_plan


def run(
    site: Path | None, today: date | None, fetching: Fetching, *, dry_run: bool, prune: bool, force: bool
) -> Outcome:
    """Build as if today were `today` (None: the site's today); with `dry_run` print a unified diff and write
    (and fetch) nothing. What stops the build (errors, conflicts unless `force`) is reported and nothing is
    written."""
    config = site_config(site)
    plan = load_plan(config)
    result = build_plan(config, plan, None if dry_run else fetching.cache(config), today or config.today())
    outcome = Outcome()
    report_kept(outcome, result)
    if dry_run:
        outcome.text(diff(result, config.root, prune=prune))
        outcome.line(f"would be: {result.summary()}")
        outcome.report(problems(result, force=force))
        return outcome
    apply_build(config, result, prune=prune, force=force)
    report_changes(outcome, result, prune)
    outcome.line(result.summary())
    return outcome
