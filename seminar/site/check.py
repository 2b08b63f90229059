"""`seminar check`: the site's posts linted as Jekyll reads them, and checked against the plan.

Nothing is written and nothing fetched. Post-level facts come from `lint`; this adds what only the plan
knows: a plan that does not read, readings missing from the paper store, and posts out of step with the plan
(what `seminar build` would change).
"""

from __future__ import annotations

import re
from datetime import date

from seminar.core.errors import SeminarError
from seminar.site.build import existing_posts, plan_build, plan_sessions
from seminar.site.lint import Problem, lint_posts
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan, plan_path

_PLACED = re.compile(r"^(?P<path>.*?): line (?P<line>\d+): (?P<message>.*)$")
_OUT_OF_STEP = {
    "new": "session {week} has no post yet: `seminar build` writes it",
    "updated": "out of step with the plan (session {week}): `seminar build` would update it",
    "left": "its session is no longer in the plan: `seminar build --prune` deletes it",
}


def check_site(config: SiteConfig, today: date) -> list[Problem]:
    """Every problem found, errors and warnings, posts' first."""
    problems = lint_posts(config, today)
    path = plan_path(config)
    if not path.exists():
        return problems
    try:
        plan = load_plan(config)
        sessions = plan_sessions(config, plan, None, today)
    except SeminarError as error:
        return problems + [_plan_problem(config, line) for line in error.problems]
    build = plan_build(config, plan, sessions, existing_posts(config))
    for change in (*build.changes, *build.left):
        if change.error or change.conflict:
            level = "error" if change.error else "warning"
            problems.append(
                Problem(
                    level, change.old_path or change.path, None, _unplaced(change.error or change.conflict)
                )
            )
        elif change.kind in _OUT_OF_STEP:
            where = change.old_path or change.path
            problems.append(
                Problem("warning", where, None, _OUT_OF_STEP[change.kind].format(week=change.week))
            )
    return problems


def _plan_problem(config: SiteConfig, line: str) -> Problem:
    """A plan problem (`file: line N: what`) as a Problem of the plan file."""
    found = _PLACED.match(line)
    if found is None:
        return Problem("error", plan_path(config), None, _unplaced(line))
    return Problem("error", plan_path(config), int(found["line"]), found["message"])


def _unplaced(message: str) -> str:
    """A message without the leading file name a Problem prints itself."""
    return message.split(": ", 1)[1] if ": " in message else message
