"""How the commands that build posts report their work: one line per post written, moved or left behind; a
warning for each post whose hand edit `--force` replaced, naming its backup; a warning for a session put on
a day the class does not meet."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from seminar.commands.outcome import Outcome
from seminar.core.errors import Diagnostic, display_path, warning
from seminar.core.fileio import recording_backups
from seminar.model.calendar import DAY_NAMES
from seminar.model.plan import Plan
from seminar.site.build import BuildPlan, PostChange, change_line
from seminar.site.sessions import reading_hints
from seminar.site.update import Update, write_update
from seminar.sources.config import SiteConfig


def write(config: SiteConfig, update: Update, *, force: bool, prune: bool = False) -> dict[Path, Path]:
    """Write the plan edit and its build (`site.update.write_update`); the backups kept meanwhile, by the
    path of the file backed up. SeminarError, nothing written, when the build has a problem (conflicts
    unless `force`)."""
    with recording_backups() as backups:
        write_update(config, update, force=force, prune=prune)
    return backups


def report_changes(
    outcome: Outcome,
    build: BuildPlan,
    prune: bool,
    besides: PostChange | None = None,
    *,
    dry_run: bool = False,
    backups: Mapping[Path, Path] | None = None,
) -> None:
    """A line for each post the build writes, moves or leaves (but `besides`, reported by the caller); a
    warning for each URL that changes or passes to another session, for each reading written with less than
    it could show (`site.sessions.reading_hints`), and for each post whose hand edit was replaced (its
    backup in `backups`). With `dry_run`, each worded as what would happen."""
    for change in (*build.changes, *build.left):
        if change.kind != "unchanged" and change is not besides:
            outcome.line(change_line(change, prune, dry_run=dry_run))
    outcome.lines(build.index_lines(dry_run=dry_run))
    outcome.report(problem for problem in build.site_problems if problem.level == "warning")
    outcome.report(build.url_warnings(dry_run=dry_run))
    outcome.report(reading_hints(build.changes, build.unfetched))
    outcome.report(replaced(build, backups or {}))


def replaced(build: BuildPlan, backups: Mapping[Path, Path]) -> list[Diagnostic]:
    """A warning on each post written over what a person edited (a conflict `--force` overrode), saying
    what was replaced and where the old file is kept: its backup in `backups`, by the old file's path."""
    found = []
    for change in build.changes:
        if change.conflict is None or change.old_path is None or change.old_path not in backups:
            continue
        what = change.conflict.message.split("; nothing written", 1)[0]
        kept = display_path(backups[change.old_path])
        found.append(
            warning(
                f"{what}; --force wrote the plan's reading list, the old file is kept as {kept}", change.path
            )
        )
    return found


def report_sessions(outcome: Outcome, update: Update, *, dry_run: bool = False) -> None:
    """A line for each held session the edit kept on its date, and for each session whose date changes;
    with `dry_run`, as what would happen."""
    for week, day, held in update.kept:
        why = "held" if held else "else it would move into the past"
        if dry_run:
            outcome.line(
                f"would keep {week} on {day.isoformat()} ({why}): its date would be fixed in the plan"
            )
        else:
            outcome.line(f"kept {week} on {day.isoformat()} ({why}): its date is now fixed in the plan")
    for week, old, new in update.moves:
        moves = "would move" if dry_run else "moves"
        outcome.line(f"{week} {moves} from {old.isoformat()} to {new.isoformat()}")


def report_kept(outcome: Outcome, build: BuildPlan) -> None:
    """A warning for each front-matter key a person edited that the plan would now set otherwise, for what
    is amiss with the site as a whole, and for each reading written with less than it could show."""
    outcome.report(problem for problem in build.site_problems if problem.level == "warning")
    for change in build.changes:
        for edit in change.kept:
            outcome.report(
                [
                    warning(
                        f"kept as edited ({edit.post!r}); the plan says {edit.plan!r}",
                        change.old_path or change.path,
                        edit.line,
                        key=edit.key,
                    )
                ]
            )
    outcome.report(reading_hints(build.changes, build.unfetched))


def report_update(
    outcome: Outcome,
    update: Update,
    *,
    dry_run: bool = False,
    backups: Mapping[Path, Path] | None = None,
) -> None:
    """A plan edit and its build, written (or, with `dry_run`, as what would happen): the plan, the sessions
    kept or moved, then each post written or moved, and the warnings of `report_changes`."""
    if update.edit is not None and update.edit.changed:
        verb = "would update" if dry_run else "updated"
        outcome.line(f"{verb} {display_path(update.edit.plan.path)}")
    report_sessions(outcome, update, dry_run=dry_run)
    report_changes(outcome, update.build, prune=False, dry_run=dry_run, backups=backups)


def past_day(day: date, today: date) -> list[Diagnostic]:
    """A warning when a date given for a session has passed: the session counts as held at once (its
    `lectureVersion` is `current`), which a typo of a month would make too."""
    if day >= today:
        return []
    return [warning(f"{day.isoformat()} has passed: the session counts as held (lectureVersion: current)")]


def off_day(plan: Plan, day: date) -> list[Diagnostic]:
    """A warning when `day` is not one of the plan's meeting weekdays (only for a plan with a calendar): a
    make-up session is allowed, but should be meant."""
    if not plan.has_calendar or day.weekday() in plan.weekdays:
        return []
    meets = ", ".join(DAY_NAMES[weekday][:3] for weekday in sorted(plan.weekdays))
    return [warning(f"{day.isoformat()} is a {DAY_NAMES[day.weekday()]}; the class meets {meets}")]
