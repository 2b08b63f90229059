"""`seminar check`: the site's posts linted as Jekyll reads them, and checked against the plan.

Nothing is written and nothing fetched. Post-level facts come from `lint`; this adds what only the plan
knows: a plan that does not read, readings missing from the paper store, a paper that is a reading of two
sessions, and posts out of step with the plan (what `seminar build` would change). Whatever makes `seminar
build` refuse (an error, or a conflict such as a reading list edited by hand) is an error here too, in the
same words and at the same place, so that `seminar publish`, which refuses while `check` errs, refuses it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from seminar.core.errors import Diagnostic, SeminarError, error, warning
from seminar.site.build import plan_build
from seminar.site.lint import lint_posts
from seminar.site.posts import SitePost, read_posts
from seminar.site.sessions import PlannedSession, plan_sessions, reading_summary
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan, plan_path

_OUT_OF_STEP = {
    "new": "session {week} has no post yet: `seminar build` writes it",
    "updated": "out of step with the plan (session {week}): `seminar build` would update it",
    "left": "its session is no longer in the plan: `seminar build --prune` deletes it",
}


def check_site(
    config: SiteConfig, today: date, posts: Sequence[SitePost] | None = None, *, unbuilt: bool = False
) -> list[Diagnostic]:
    """Every problem found, errors and warnings, posts' first. `posts` are the site's posts as read (read
    here when not given). With `unbuilt`, a session whose post `seminar build` would write or update is an
    error (what `seminar publish` refuses: the plan and its posts would be committed out of step)."""
    posts = read_posts(config.posts_path) if posts is None else posts
    problems = lint_posts(config, posts, today)
    if not plan_path(config).exists():
        return problems
    try:
        plan = load_plan(config, keep_problems=True)
        sessions = plan_sessions(config, plan, None, today)
        build = plan_build(config, plan, sessions, posts)
    except SeminarError as failure:
        return problems + list(failure.diagnostics)
    problems += build.site_problems
    problems += repeated_readings(plan.path, sessions)
    problems += reading_summary(build.changes)
    for change in (*build.changes, *build.left):
        # What stops `seminar build`: an error, a conflict (unless --force), a post to prune first.
        refused = change.error or change.conflict or change.pruned_first
        if refused is not None:
            # A post's own problem, which build says again in its own words, is said once, as build says it.
            problems = [problem for problem in problems if not _restated(problem, refused)] + [refused]
        elif change.kind in _OUT_OF_STEP:
            where = change.old_path or change.path
            problem = error if unbuilt and change.kind != "left" else warning
            problems.append(problem(_OUT_OF_STEP[change.kind].format(week=change.week), where))
    return problems


def repeated_readings(plan: Path, sessions: Sequence[PlannedSession]) -> list[Diagnostic]:
    """A warning for each paper that is a reading of an earlier session too, on the `plan` line that names it
    the second time: `2409.11402 is a reading of both W10.1 and S4`. Papers are told apart by their key
    (base arXiv id, else normalized title), however the plan names them. Not an error: revisiting a paper
    can be deliberate."""
    first: dict[str, str] = {}  # each paper's first session
    problems = []
    for one in sessions:
        for reading, paper in zip(one.planned.readings, one.session.papers, strict=True):
            earlier = first.setdefault(paper.key, one.session.week)
            if earlier != one.session.week:
                name = paper.arxiv_id or repr(paper.title)
                message = f"{name} is a reading of both {earlier} and {one.session.week}"
                problems.append(warning(message, plan, reading.line))
    return problems


def counted(number: int, noun: str) -> str:
    """`1 error`, `2 errors`, `0 warnings`: a count as check and publish print it."""
    return f"{number} {noun}{'s' * (number != 1)}"


def _restated(problem: Diagnostic, refused: Diagnostic) -> bool:
    """Whether `refused` (what stops a build) says `problem` (a post's own) again, at the same place."""
    same_place = (problem.file, problem.line) == (refused.file, refused.line)
    return problem.level == "error" and same_place and problem.message in refused.message
