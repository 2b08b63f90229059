"""A change to the plan and the build it implies, written together or not at all.

`new-session`, `add-reading` and `move` edit the plan; the posts follow through the same build as
`seminar build`, so a session moved shifts the sessions after it and renames their posts too. Everything is
worked out and checked first (readings fetched, conflicts found); then the plan is written, then the posts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from seminar.core.errors import SeminarError, error
from seminar.core.fileio import write_atomic
from seminar.model.plan import Plan
from seminar.model.session import PLAN_FIELDS, SESSION_FIELDS, FieldValue, check_line, check_week_label
from seminar.site.build import BuildPlan, PostChange, apply_build, plan_build, problems
from seminar.site.collection_names import new_week_label
from seminar.site.plan_edit import PlanChange, PlanEdit, add_session, edit_plan, session_entry
from seminar.site.posts import read_posts
from seminar.site.sessions import current_store, gather_readings, list_references, plan_sessions
from seminar.sources.cache import ArxivCache
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan, plan_path
from seminar.sources.readings import lookup_each
from seminar.sources.store import PaperStore


@dataclass(frozen=True)
class Update:
    """A plan edit (None: the plan is as it was) and the build of the edited plan."""

    edit: PlanEdit | None
    build: BuildPlan
    week: str | None = None  # the session the update is about, when it added one

    def change(self, week: str) -> PostChange:
        return next(change for change in self.build.changes if change.week == week)


@dataclass(frozen=True)
class SessionRequest:
    """What `seminar new-session` was given; anything left out comes from the plan's calendar or the site.

    `fields` holds the front-matter values given, by front-matter key; `from_list` and `topic` name a paper
    list's topic whose papers become the first required readings.
    """

    week: str | None  # None: chosen from the site's file names (a collection site only)
    date: date | None = None
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    more: tuple[str, ...] = ()
    from_list: str | None = None
    topic: str | None = None
    background: tuple[str, ...] = ()


def build_plan(
    config: SiteConfig, plan: Plan, cache: ArxivCache | None, today: date, store: PaperStore | None = None
) -> BuildPlan:
    """What building this plan would change: readings fetched (none without a cache), posts compared."""
    sessions = plan_sessions(config, plan, cache, today, store)
    return plan_build(config, plan, sessions, read_posts(config.posts_path))


def edited(config: SiteConfig, change: PlanChange, cache: ArxivCache | None, today: date) -> Update:
    """The existing plan with `change` made, and its build."""
    edit = edit_plan(config, change, existing=True)
    return Update(edit, build_plan(config, edit.plan, cache, today))


def write_update(config: SiteConfig, update: Update, *, force: bool, prune: bool = False) -> None:
    """The plan, then the posts; nothing at all when the build has a problem (conflicts unless forced)."""
    found = problems(update.build, force=force)
    if found:
        raise SeminarError(*found)
    if update.edit is not None and update.edit.changed:
        write_atomic(plan_path(config), update.edit.text)
    apply_build(config, update.build, prune=prune, force=force)


def check_request(request: SessionRequest) -> None:
    """The week label and texts are usable in a post, named by the option that gave them."""
    if request.week is not None:
        check_week_label(request.week)
    for spec in SESSION_FIELDS:
        value = request.fields.get(spec.key)
        for text in (value,) if isinstance(value, str) else value or ():
            check_line(spec.option or spec.key, text)


def new_session(
    config: SiteConfig, request: SessionRequest, cache: ArxivCache | None, *, force: bool
) -> Update:
    """The session added to the plan (replacing its week's with `force`) and the build; nothing written.

    Its readings are fetched first (ids in one batch) and each one that cannot be found is named. A session
    without a date takes the plan's next meeting day when the plan has a calendar, else today; the date is
    fixed in the plan only when it was given or there is no calendar to follow. Without a cache (a dry run)
    nothing is fetched and a list is imported in memory only.
    """
    check_request(request)
    week = request.week
    if config.collection is not None:
        current = load_plan(config) if plan_path(config).exists() else None
        week = new_week_label(config, current, week, request.date)
    elif week is None:
        raise SeminarError(error("--week is needed: the session's week label, such as S4 or W03.2"))
    store = current_store(config, cache)
    required = request.required
    if request.from_list is not None or request.topic is not None:
        if request.from_list is None or request.topic is None:
            raise SeminarError(
                error("--from-list and --topic go together: the list's papers under that topic")
            )
        listed, store = list_references(config, request.from_list, request.topic, store, cache)
        required = (*listed, *required)
    references = [*required, *request.more, *request.background]
    store, reasons = gather_readings(config, references, store, cache)
    papers, missing = lookup_each(store, references, reasons=reasons)
    if missing:
        raise SeminarError(*missing)
    keys = [paper.key for paper in papers]
    repeats = [key for index, key in enumerate(keys) if key in keys[:index]]
    if repeats:
        raise SeminarError(*(error("listed more than once in this session", key=key) for key in repeats))
    today = config.today()
    values: dict[str, object] = {"week": week, "required": list(required), "more": list(request.more)}
    if request.background:
        values["background"] = list(request.background)
    for spec in PLAN_FIELDS:
        given = request.fields.get(spec.key)
        if given is not None or not spec.derived:
            values[str(spec.plan_key)] = list(given) if isinstance(given, tuple) else given

    def change(document: object, current: Plan | None) -> None:
        fixed = request.date
        if fixed is None and (current is None or not current.has_calendar):
            fixed = today  # no calendar to follow: the session is fixed on its day
        dates = current.dates() if current is not None else {}
        add_session(session_entry({**values, "date": fixed}), dates, replace=force)(document, current)

    edit = edit_plan(config, change)
    return Update(edit, build_plan(config, edit.plan, cache, today, store), week)
