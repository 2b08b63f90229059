"""`seminar remove-session`: a session taken out of the plan, its post deleted (a backup kept)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from seminar.commands.changes import report_update, write
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.commands.sessions import session_files
from seminar.core.errors import SeminarError, display_path, error, warning
from seminar.core.fileio import PRIVATE_DIR
from seminar.site.build import problems
from seminar.site.plan_edit import remove_session
from seminar.site.update import edited
from seminar.sources.plan import load_plan

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(site: Path | None, week: str, fetching: Fetching, *, force: bool, dry_run: bool) -> Outcome:
    """Take session `week` out of the plan and rebuild (the sessions after it that follow the calendar
    shift up; held ones stay), deleting the session's file with a backup under `.seminar/backups/`. With
    `dry_run`, print what the real run would print, each line as what would happen, and write (and fetch)
    nothing. Removing a held session (dated before today) is a warning: the record of what the class did
    goes.

    A file seminar did not write (no `seminar:readings` markers) is deleted only with `force`, which also
    regenerates a shifted post's hand-edited reading list (a warning naming its backup). SeminarError,
    nothing written, for an unknown week, such a file without `force`, or anything that stops the build."""
    config = site_config(site)
    today = config.today()
    plan = load_plan(config)
    removed = plan.session(week)  # an unknown week is named, with the plan's weeks
    post = next(one.post for one in session_files(config, plan, today) if one.planned.week == week)
    if post is not None and not post.marked and not force:
        raise SeminarError(
            error(
                f"session {week}'s file has no seminar:readings markers: seminar did not write it; nothing "
                "written (--force deletes it too, keeping a backup)",
                post.path,
            )
        )
    gone = post.path if post is not None else None
    update = edited(
        config,
        remove_session(week),
        None if dry_run else fetching.cache(config),
        today,
        removing=(gone, week) if gone is not None else None,
    )
    found = problems(update.build, force=force, prune=True)
    if found:
        raise SeminarError(*found)
    outcome = Outcome()
    if removed.date is not None and removed.date < today:
        kept = " (its post is kept as a backup)" if gone is not None else ""
        outcome.report(
            [
                warning(
                    f"session {week} was held on {removed.date.isoformat()}: removing it takes it off the "
                    f"schedule{kept}"
                )
            ]
        )
    shown = replace(update, build=replace(update.build, left=()))  # the deletion is said here, first
    if dry_run:
        if gone is not None:
            outcome.line(
                f"would delete {display_path(gone)} (session {week}), keeping a backup under "
                f"{PRIVATE_DIR}/backups/"
            )
        report_update(outcome, shown, dry_run=True)
        return outcome
    backups = write(config, update, force=force, prune=True)  # the build deletes the file first
    if gone is not None:
        outcome.line(
            f"deleted {display_path(gone)} (session {week}); its backup: {display_path(backups[gone])}"
        )
    report_update(outcome, shown, backups=backups)
    return outcome
