"""How the commands that build posts report their work: one line per post written, moved or left behind."""

from __future__ import annotations

from seminar.commands.outcome import Outcome
from seminar.core.errors import display_path, warning
from seminar.site.build import BuildPlan, PostChange, change_line
from seminar.site.sessions import reading_hints
from seminar.site.update import Update


def report_changes(
    outcome: Outcome, build: BuildPlan, prune: bool, besides: PostChange | None = None
) -> None:
    """A line for each post the build writes, moves or leaves (but `besides`, reported by the caller); a
    warning for each URL that changes or passes to another session, and for each reading written with less
    than it could show (`site.sessions.reading_hints`)."""
    for change in (*build.changes, *build.left):
        if change.kind != "unchanged" and change is not besides:
            outcome.line(change_line(change, prune))
    outcome.lines(build.index_lines())
    outcome.report(problem for problem in build.site_problems if problem.level == "warning")
    outcome.report(build.url_warnings())
    outcome.report(reading_hints(build.changes))


def report_sessions(outcome: Outcome, update: Update) -> None:
    """A line for each held session the edit kept on its date, and for each session whose date changes."""
    for week, day, held in update.kept:
        why = "held" if held else "else it would move into the past"
        outcome.line(f"kept {week} on {day.isoformat()} ({why}): its date is now fixed in the plan")
    for week, old, new in update.moves:
        outcome.line(f"{week} moves from {old.isoformat()} to {new.isoformat()}")


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
    outcome.report(reading_hints(build.changes))


def report_update(outcome: Outcome, update: Update) -> None:
    """A plan edit and its build, written: the plan, the sessions kept or moved, then each post written or
    moved."""
    if update.edit is not None and update.edit.changed:
        outcome.line(f"updated {display_path(update.edit.plan.path)}")
    report_sessions(outcome, update)
    report_changes(outcome, update.build, prune=False)
