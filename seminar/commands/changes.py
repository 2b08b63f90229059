"""How the commands that build posts report their work: one line per post written, moved or left behind."""

from __future__ import annotations

from seminar.commands.outcome import Outcome
from seminar.core.errors import display_path, warning
from seminar.site.build import BuildPlan, PostChange, change_line
from seminar.site.update import Update


def report_changes(
    outcome: Outcome, build: BuildPlan, prune: bool, besides: PostChange | None = None
) -> None:
    """A line for each post the build writes, moves or leaves (but `besides`, reported by the caller)."""
    for change in (*build.changes, *build.left):
        if change.kind != "unchanged" and change is not besides:
            outcome.line(change_line(change, prune))
    outcome.lines(build.index_lines())
    outcome.report(problem for problem in build.site_problems if problem.level == "warning")


def report_kept(outcome: Outcome, build: BuildPlan) -> None:
    """A warning for each front-matter key a person edited that the plan would now set otherwise, and for
    what is amiss with the site as a whole."""
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


def report_update(outcome: Outcome, update: Update) -> None:
    """A plan edit and its build, written: the plan, then each post written or moved."""
    if update.edit is not None and update.edit.changed:
        outcome.line(f"updated {display_path(update.edit.plan.path)}")
    report_changes(outcome, update.build, prune=False)
