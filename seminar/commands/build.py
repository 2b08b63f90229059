"""`seminar build`: every session's post brought in line with the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from seminar.commands.changes import replaced, report_kept
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.fileio import recording_backups
from seminar.site.build import apply_build, diff, problems
from seminar.site.build_stamp import nothing_to_do, stamp_build
from seminar.site.sessions import fetch_pending
from seminar.site.update import build_plan
from seminar.sources.plan import load_plan

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(
    site: Path | None, today: date | None, fetching: Fetching, *, dry_run: bool, prune: bool, force: bool
) -> Outcome:
    """Build as if today were `today` (None: the site's today); with `dry_run` print what a build would
    print (`would move a -> b`, ...), then a unified diff, and write (and fetch) nothing. Each URL that
    changes is a warning. What stops the build (errors, conflicts unless `force`) is reported and nothing is
    written; each conflict `force` overrides is a warning naming the old post's backup. A build the last
    one's stamp shows has nothing to do only says so (`site.build_stamp`)."""
    config = site_config(site)
    day = today or config.today()
    outcome = Outcome()
    if not (dry_run or prune or force or fetching.refresh):
        unchanged = nothing_to_do(config, day)
        if unchanged is not None:
            outcome.lines(unchanged)
            return outcome
    plan = load_plan(config, keep_problems=True)
    result = build_plan(config, plan, None if dry_run else fetching.cache(config), day)
    report_kept(outcome, result)
    if dry_run:
        outcome.lines(result.change_lines(prune, dry_run=True))
        outcome.report(result.url_warnings(dry_run=True))
        outcome.text(diff(result, config.root, prune=prune))
        outcome.line(f"would be: {result.summary()}")
        outcome.report(problems(result, force=force, prune=prune))
        return outcome
    with recording_backups() as backups:
        written = apply_build(config, result, prune=prune, force=force)
    if written and not fetch_pending(result.changes):  # the next build that reaches arXiv has work
        stamp_build(config, plan, result, day, prune=prune)
    outcome.lines(result.report_lines(prune))
    outcome.report(result.url_warnings())
    outcome.report(replaced(result, backups))
    return outcome
