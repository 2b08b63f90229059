"""`seminar remove-session`: a session taken out of the plan, its post deleted (a backup kept)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from seminar.commands.changes import report_update, write
from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.commands.sessions import session_files
from seminar.core.errors import SeminarError, display_path, error, warning
from seminar.core.fileio import PRIVATE_DIR, keep_backup
from seminar.site.build import BuildPlan, URLChange, URLHandover, problems
from seminar.site.plan_edit import remove_session
from seminar.site.posts import parse_post
from seminar.site.update import edited
from seminar.site.urls import session_file_url, site_url_settings
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan


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
    update = edited(config, remove_session(week), None if dry_run else fetching.cache(config), today)
    gone = post.path if post is not None else None
    update = replace(update, build=_without(config, update.build, gone, week))
    found = problems(update.build, force=force)
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
    if dry_run:  # the file is deleted first: a shifted post may take its name
        if gone is not None:
            outcome.line(
                f"would delete {display_path(gone)} (session {week}), keeping a backup under "
                f"{PRIVATE_DIR}/backups/"
            )
        report_update(outcome, update, dry_run=True)
        return outcome
    backup = None
    if gone is not None:  # first: a shifted post may take its file's name
        backup = keep_backup(gone, config.root)
        gone.unlink()
    backups = write(config, update, force=force)
    if gone is not None and backup is not None:
        outcome.line(f"deleted {display_path(gone)} (session {week}); its backup: {display_path(backup)}")
    report_update(outcome, update, backups=backups)
    return outcome


def _without(config: SiteConfig, build: BuildPlan, gone: Path | None, week: str) -> BuildPlan:
    """The build with the removed session's file gone: a post may move into it (its URL change, and the
    removed session's URL it takes, are said as any build says them), it is no session file the plan does
    not name, and the posts that left the plan before are no business of this command."""
    if gone is None:
        return replace(build, left=())
    freed = [
        change
        for change in build.changes
        if change.path == gone
        and (change.pruned_first is not None or (change.error is not None and change.error.file == gone))
    ]
    changes = tuple(
        replace(change, error=None, pruned_first=None) if change in freed else change
        for change in build.changes
    )
    kept = tuple(problem for problem in build.site_problems if problem.file != gone)
    urls, handovers = list(build.urls), list(build.handovers)
    settings = build.url_settings or site_url_settings(config.root)
    for change in freed:  # the URL the removed session leaves, which the build cannot know it had
        if change.old_path is None or change.old_text is None or change.text is None or change.week is None:
            continue
        old = session_file_url(
            settings, config.collection, change.old_path, parse_post(change.old_path, change.old_text).values
        )
        new = session_file_url(settings, config.collection, gone, parse_post(gone, change.text).values)
        if old is not None and new is not None:
            if not any(url.week == change.week for url in urls):  # the build compared it already
                urls.append(URLChange(change.week, gone, old, new))
            handovers.append(URLHandover(new, week, change.week, gone))
    return replace(
        build, changes=changes, left=(), site_problems=kept, urls=tuple(urls), handovers=tuple(handovers)
    )
