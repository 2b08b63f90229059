"""`seminar check`: the site's posts linted as Jekyll reads them, and checked against the plan.

Nothing is written and nothing fetched. Post-level facts come from `lint`; this adds what only the plan
knows: a plan that does not read, readings missing from the paper store, and posts out of step with the plan
(what `seminar build` would change).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from seminar.core.errors import Diagnostic, SeminarError, warning
from seminar.site.build import plan_build
from seminar.site.lint import lint_posts
from seminar.site.posts import SitePost, read_posts
from seminar.site.sessions import plan_sessions
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan, plan_path

_OUT_OF_STEP = {
    "new": "session {week} has no post yet: `seminar build` writes it",
    "updated": "out of step with the plan (session {week}): `seminar build` would update it",
    "left": "its session is no longer in the plan: `seminar build --prune` deletes it",
}


def check_site(config: SiteConfig, today: date, posts: Sequence[SitePost] | None = None) -> list[Diagnostic]:
    """Every problem found, errors and warnings, posts' first. `posts` are the site's posts as read (read
    here when not given)."""
    posts = read_posts(config.posts_path) if posts is None else posts
    problems = lint_posts(config, posts, today)
    if not plan_path(config).exists():
        return problems
    try:
        plan = load_plan(config)
        sessions = plan_sessions(config, plan, None, today)
    except SeminarError as failure:
        return problems + list(failure.diagnostics)
    build = plan_build(config, plan, sessions, posts)
    problems += build.site_problems
    linted = {(problem.file, problem.line) for problem in problems}
    for change in (*build.changes, *build.left):
        if change.error or change.conflict:
            found = change.error or change.conflict
            assert found is not None
            if (found.file, found.line) not in linted:  # a post's own problem is said once
                problems.append(found if change.error else warning(found.message, found.file, found.line))
        elif change.kind in _OUT_OF_STEP:
            where = change.old_path or change.path
            problems.append(warning(_OUT_OF_STEP[change.kind].format(week=change.week), where))
    return problems
