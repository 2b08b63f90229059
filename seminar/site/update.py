"""A change to the plan and the build it implies, written together or not at all.

`new-session`, `add-reading` and `move` edit the plan; the posts follow through the same build as
`seminar build`, so a session moved shifts the sessions after it and renames their posts too. Everything is
worked out and checked first (readings fetched, conflicts found); then the plan is written, then the posts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from seminar.core.errors import SeminarError
from seminar.core.fileio import write_atomic
from seminar.site.build import (
    BuildPlan,
    PostChange,
    apply_build,
    existing_posts,
    plan_build,
    plan_sessions,
    problems,
)
from seminar.site.plan_edit import PlanEdit, add_session, edit_plan, session_entry
from seminar.site.sessions import PlannedPost, SessionRequest, check_request, plan_post, with_list_readings
from seminar.sources.cache import ArxivCache
from seminar.sources.config import SiteConfig
from seminar.sources.plan import Plan, load_plan, plan_path
from seminar.sources.store import PaperStore


@dataclass(frozen=True)
class Update:
    edit: PlanEdit | None
    build: BuildPlan

    def change(self, week: str) -> PostChange:
        return next(change for change in self.build.changes if change.week == week)


def build_plan(
    config: SiteConfig, plan: Plan, cache: ArxivCache | None, today: date, store: PaperStore | None = None
) -> BuildPlan:
    """What building this plan would change: readings fetched (none without a cache), posts compared."""
    sessions = plan_sessions(config, plan, cache, today, store)
    return plan_build(config, plan, sessions, existing_posts(config))


def edited(
    config: SiteConfig, change: Callable[[Any], None], cache: ArxivCache | None, today: date
) -> Update:
    """The plan with `change` made, and its build."""
    edit = edit_plan(config, change)
    return Update(edit, build_plan(config, edit.plan, cache, today))


def write_update(config: SiteConfig, update: Update, *, force: bool, prune: bool = False) -> None:
    """The plan, then the posts; nothing at all when the build has a problem (conflicts unless forced)."""
    found = problems(update.build, force=force)
    if found:
        raise SeminarError(*found)
    if update.edit is not None and update.edit.changed:
        write_atomic(plan_path(config), update.edit.text)
    apply_build(config, update.build, prune=prune, force=force)


def new_session(
    config: SiteConfig, request: SessionRequest, cache: ArxivCache | None, *, force: bool
) -> tuple[PlannedPost, Update]:
    """The session added to the plan (replacing its week's with `force`), its post, and the build.

    A session without `--date` takes the plan's next meeting day when the plan has a calendar, else today;
    the date is then fixed in the plan only when it was given or there is no calendar to follow.
    """
    check_request(request)
    store = cache.store() if cache is not None else PaperStore.load(config.store_path)
    request, store = with_list_readings(config, request, store, cache)
    today = config.today()
    fixed = request.date
    current = load_plan(config) if plan_path(config).exists() else None
    if fixed is None and (current is None or current.first_day is None or not current.weekdays):
        fixed = today  # no calendar to follow: the session is fixed on its day
    entry = session_entry(
        {
            "week": request.week,
            "title": request.title,
            "lead": request.video,
            "lecture": request.lecture,
            "extraContent": request.extra_content,
            "notes": request.notes,
            "tags": list(request.tags),
            "categories": list(request.categories),
            "required": list(request.required),
            "more": list(request.more),
            "date": fixed,
        }
    )
    dates = {session.week: session.date for session in current.sessions} if current else {}
    edit = edit_plan(config, add_session(entry, dates, replace=force))
    post = plan_post(config, replace(request, date=edit.plan.session(request.week).date), cache, store)
    return post, Update(edit, build_plan(config, edit.plan, cache, today, store))
