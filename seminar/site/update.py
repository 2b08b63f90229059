"""A change to the plan and the build it implies, written together or not at all.

`new-session`, `add-reading` and `move` edit the plan; the posts follow through the same build as
`seminar build`, so a session moved shifts the sessions after it and renames their posts too. Everything is
worked out and checked first (readings fetched, conflicts found); then the plan is written, then the posts.

A held session (dated before today) never moves as a side effect: when an edit would shift one that follows
the calendar, its date is fixed in the plan at the date it had (`Update.kept`), so its post, its URL and the
record of what the class did stay. Only the session an edit is about (the one `move` moves, the one
`new-session` adds or replaces) may change date when held. Every session whose date changes is in
`Update.moves`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from seminar.core.errors import Diagnostic, SeminarError, error, warning
from seminar.core.fileio import write_atomic
from seminar.model.calendar import meeting_days
from seminar.model.papers import reference_key
from seminar.model.plan import READING_KEYS, Plan, PlanSession
from seminar.model.session import (
    PLAN_FIELDS,
    SESSION_FIELDS,
    FieldValue,
    check_line,
    check_week_label,
    dated_file,
)
from seminar.site.build import BuildPlan, PostChange, apply_build, plan_build, problems
from seminar.site.collection_names import new_week_label
from seminar.site.plan_edit import (
    PlanChange,
    PlanEdit,
    add_session,
    calendar_dates,
    edit_plan,
    find_session,
    fix_date,
    session_entry,
)
from seminar.site.posts import read_posts
from seminar.site.sessions import current_store, gather_readings, list_references, plan_sessions
from seminar.sources.cache import ArxivCache
from seminar.sources.config import SiteConfig
from seminar.sources.plan import as_date, load_plan, plan_path
from seminar.sources.readings import lookup_each
from seminar.sources.store import PaperStore


@dataclass(frozen=True)
class Update:
    """A plan edit (None: the plan is as it was) and the build of the edited plan."""

    edit: PlanEdit | None
    build: BuildPlan
    week: str | None = None  # the session the update is about, when it added one
    # The held sessions whose date the edit fixed in the plan so that they stay (week, date), in plan order.
    kept: tuple[tuple[str, date, bool], ...] = ()  # (week, date, held) of each session kept on its date
    replaced: bool = False  # new-session --force: the week's entry was there, and is replaced
    dropped: tuple[Diagnostic, ...] = ()  # a warning per value of a replaced entry the new one leaves out

    def change(self, week: str) -> PostChange:
        return next(change for change in self.build.changes if change.week == week)

    @property
    def moves(self) -> tuple[tuple[str, date, date], ...]:
        """Each session whose date the edit changes: its week, its old date and its new one, in plan order."""
        if self.edit is None or self.edit.before is None:
            return ()
        old = self.edit.before.dates()
        return tuple(
            (session.week, old[session.week], session.date)
            for session in self.edit.plan.sessions
            if session.date is not None and session.week in old and old[session.week] != session.date
        )


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
    config: SiteConfig,
    plan: Plan,
    cache: ArxivCache | None,
    today: date,
    store: PaperStore | None = None,
    removing: tuple[Path, str] | None = None,
) -> BuildPlan:
    """What building this plan would change: readings fetched (none without a cache), posts compared.
    `removing`: the file and week of a session taken out of the plan (`site.build.plan_build`)."""
    sessions = plan_sessions(config, plan, cache, today, store)
    return plan_build(config, plan, sessions, read_posts(config.posts_path), removing)


def edited(
    config: SiteConfig,
    change: PlanChange,
    cache: ArxivCache | None,
    today: date,
    *,
    moving: str | None = None,
    removing: tuple[Path, str] | None = None,
) -> Update:
    """The existing plan with `change` made, held sessions kept on their dates (all but `moving`, the
    session the change moves on purpose), and its build (`removing`: the file and week of the session the
    change takes out, which the build deletes when written with `prune`). SeminarError when there is no
    plan, or the plan is or would be invalid (a kept session on the date another one now takes, say)."""
    kept: list[tuple[str, date, bool]] = []
    try:
        edit = edit_plan(config, keeping_held(change, today, moving, kept), existing=True)
    except SeminarError as failure:
        raise held_in_the_way(failure, kept) from None
    return Update(edit, build_plan(config, edit.plan, cache, today, removing=removing), kept=tuple(kept))


def keeping_held(
    change: PlanChange, today: date, moving: str | None, kept: list[tuple[str, date, bool]]
) -> PlanChange:
    """`change`, then every session that follows the calendar, but `moving`, and would now fall on another day
    that is in the past, or whose own day is (it was held): given its own `date:` at the date it had. A
    side effect never changes what was held, nor puts a session still to come before today. Each one is
    added to `kept` (week, date, held), in plan order. Fixing one changes the days of those after it, so
    they are fixed one at a time, the first one that would move first, until none would."""

    def keep(document: Any, current: Plan | None) -> None:
        change(document, current)
        if current is None or not current.has_calendar:
            return  # every session has its own date: none follows a calendar
        following = [
            session
            for session in current.sessions
            if session.fixed is None and session.date is not None and session.week != moving
        ]
        order = [str(item.get("week")) for item in document["sessions"] if isinstance(item, dict)]
        following.sort(key=lambda session: order.index(session.week) if session.week in order else len(order))
        while True:
            dates = calendar_dates(document, current)
            shifted = next(
                (
                    (session.week, session.date)
                    for session in following
                    if session.date is not None
                    and session.week in dates
                    and dates[session.week] != session.date
                    and min(dates[session.week], session.date) < today
                ),
                None,
            )
            if shifted is None:
                break
            fix_date(find_session(document, shifted[0])[1], shifted[1])
            kept.append((*shifted, shifted[1] < today))
            following = [session for session in following if session.week != shifted[0]]

    return keep


def write_update(config: SiteConfig, update: Update, *, force: bool, prune: bool = False) -> None:
    """The plan, then the posts; nothing at all when the build has a problem (conflicts unless forced)."""
    found = problems(update.build, force=force, prune=prune)
    if found:
        raise SeminarError(*found)
    if update.edit is not None and update.edit.changed:
        write_atomic(plan_path(config), update.edit.text)
    apply_build(config, update.build, prune=prune, force=force)


def check_request(request: SessionRequest) -> None:
    """The week label and texts are usable in a post, named by the option that gave them: one line each,
    and no empty item in a list ("" alone, not in a tuple, is a list given empty: none). SeminarError."""
    if request.week is not None:
        check_week_label(request.week)
    for spec in SESSION_FIELDS:
        value = request.fields.get(spec.key)
        option = spec.option or spec.key
        for text in (value,) if isinstance(value, str) else value or ():
            check_line(option, text)
            if not isinstance(value, str) and not text.strip():
                raise SeminarError(error(f'an empty item: give {option} "" alone for none', key=option))


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

    def change(document: Any, current: Plan | None) -> None:
        replacing = force and current is not None and any(one.week == week for one in current.sessions)
        old = find_session(document, week)[1] if replacing else None
        fixed = request.date
        if fixed is None and old is not None:
            fixed = as_date(old.get("date"))  # a session replaced keeps its own date unless given another
        if fixed is None and not replacing and (current is None or not current.has_calendar):
            fixed = today  # no calendar to follow: the session is fixed on its day
        dates = current.dates() if current is not None else {}
        entry = session_entry({**values, "date": fixed})
        if old is not None:
            file = old.get("file")
            if isinstance(file, str):  # the session's own file, which the options do not name: kept
                entry["file"] = dated_file(file, fixed) if fixed is not None else file
        add_session(entry, dates, replace=force)(document, current)
        if fixed is None and not replacing and current is not None and current.has_calendar:
            placed = calendar_dates(document, current).get(str(week))
            if placed is not None and placed < today:  # the calendar's next day after the last session passed
                days_off = frozenset(off.day for off in current.no_class)
                fix_date(entry, next(meeting_days(today, current.weekdays, days_off)))

    kept: list[tuple[str, date, bool]] = []
    try:
        edit = edit_plan(config, keeping_held(change, today, week, kept))
    except SeminarError as failure:
        raise held_in_the_way(failure, kept) from None
    before = edit.before
    old = next((session for session in before.sessions if session.week == week), None) if before else None
    dropped = dropped_values(old, edit.plan.session(week), edit.plan.path) if old is not None else ()
    return Update(
        edit,
        build_plan(config, edit.plan, cache, today, store),
        week,
        kept=tuple(kept),
        replaced=old is not None and edit.changed,
        dropped=dropped,
    )


def held_in_the_way(failure: SeminarError, kept: list[tuple[str, date, bool]]) -> SeminarError:
    """The plan's errors after an edit that kept held sessions on their dates, with a line after them for
    each kept session they name: why it did not make way (two sessions on one date, say)."""
    said = " ".join(f"{problem.key or ''}: {problem.message}" for problem in failure.diagnostics)
    notes = (
        error(
            f"{week} is held ({day.isoformat()} has passed), so the edit keeps it on its date: choose "
            f"another date, or move it with `seminar move --week {week}`"
        )
        for week, day, held in kept
        if held and re.search(rf"\bsession {re.escape(week)}(?![\w.-])", said)
    )
    return SeminarError(*failure.diagnostics, *notes)


def dropped_values(old: PlanSession, new: PlanSession, plan: Path) -> tuple[Diagnostic, ...]:
    """A warning (on the new entry's line of the plan at `plan`) per value of a session's old entry that
    the new one leaves out: a front-matter value (each item of a list), its fixed date, each reading it no
    longer has (in any section)."""
    found: list[str] = []
    for spec in PLAN_FIELDS:
        was, now = old.fields.get(spec.key), new.fields.get(spec.key)
        if isinstance(was, tuple):
            gone = [item for item in was if not (isinstance(now, tuple) and item in now)]
            if gone:
                found.append(f"dropped {spec.plan_key} [{', '.join(gone)}]")
        elif was is not None and now is None:
            found.append(f"dropped {spec.plan_key} {was}")
    if old.fixed is not None and new.fixed is None:
        found.append(f"dropped date {old.fixed.isoformat()}")
    kept = {reference_key(reading.reference) for reading in new.readings}
    for section in READING_KEYS:
        for reading in getattr(old, section):
            if reference_key(reading.reference) not in kept:
                found.append(f"dropped reading {reading.reference} ({section})")
    return tuple(warning(message, plan, new.line, key=f"session {new.week}") for message in found)
