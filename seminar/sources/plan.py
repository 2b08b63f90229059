"""The term's plan, `_data/schedule.yml`: read, checked line by line, and given each session's date.

The plan is a Jekyll data file a person writes and `seminar` edits. It is read here as Jekyll reads it (YAML
1.1, PyYAML's C loader) with the line of every key and item, so that each problem is reported where it is;
editing it keeps its comments (`seminar.site.plan_edit`, ruamel.yaml's round trip). Every problem is
collected, and none that only follows from another: what cannot be read is left out of the checks that need
it (sessions the calendar would place are not dated when the calendar cannot be read, nor the sessions after
one whose own date cannot be), so an instructor fixes a plan in one pass, not one error per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path, PurePosixPath
from typing import Any

from seminar.core import yamlio
from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.core.fileio import read_text
from seminar.core.yamlio import LocatedList, LocatedMap
from seminar.model.calendar import DAY_NAMES, CalendarEnd, known_dates
from seminar.model.plan import PLAN_KEYS, READING_KEYS, NoClass, Plan, PlanSession, Reading, in_line_order
from seminar.model.session import PLAN_FIELDS, FieldValue, check_week_label, item_problem, line_problem
from seminar.sources.config import SiteConfig

PLAN_NAME = "schedule.yml"
SESSION_KEYS = (
    "week",
    *(spec.plan_key for spec in PLAN_FIELDS if spec.plan_key),
    *READING_KEYS,
    "date",
    "file",
)
WEEKDAYS = tuple(name.lower() for name in DAY_NAMES)  # what `meets:` names, in any unambiguous spelling
# The calendar keys that place a session the plan gives no date: when one cannot be read, those sessions
# are not dated (its own problem is said once, never again as every session's).
PLACING_KEYS = ("first_day", "meets", "no_class")
_TIME_RANGE = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*")


def weekday(name: str) -> int:
    """The weekday (Monday 0) a name gives: any unambiguous start of a day's name, in any case and with or
    without a final dot (`M`, `Tue`, `thursday`, `Th.`). SeminarError naming it otherwise (`T`: Tuesday or
    Thursday)."""
    spelt = name.strip().lower().rstrip(".")
    found = [index for index, day in enumerate(WEEKDAYS) if spelt and day.startswith(spelt)]
    if len(found) != 1:
        raise SeminarError(
            error(f"{name!r} is not a weekday: write Tue, Thu, ... (any unambiguous start of a day name)")
        )
    return found[0]


def plan_path(config: SiteConfig) -> Path:
    return config.root / config.data_dir / PLAN_NAME


def load_plan(config: SiteConfig, *, keep_problems: bool = False) -> Plan:
    """The site's plan, its sessions dated. SeminarError when there is no plan, or it is not YAML, or not a
    mapping, or it has problems (all of them, in line order).

    With `keep_problems` a plan with problems is returned with them (`Plan.problems`) and its sessions dated
    where they can be: whatever builds from it refuses them together with its readings' own (`Plan.refuse`,
    which `seminar.site.sessions.plan_sessions` calls), so one run reports them all."""
    path = plan_path(config)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise no_plan(path) from None
    plan = plan_of(config, path, text)
    if not keep_problems:
        plan.refuse()
    return plan


def no_plan(path: Path) -> SeminarError:
    """The error of a command that needs a plan where there is none."""
    message = "no plan yet: write one (README.md, 'The plan') or add sessions with `seminar new-session`"
    return SeminarError(error(message, file=path))


def read_plan(config: SiteConfig, path: Path, text: str) -> Plan:
    """The plan in `text` (the file at `path`, or its edited text), to be edited: SeminarError listing its
    problems in line order when it has any (the lines of `text`)."""
    plan = plan_of(config, path, text)
    plan.refuse()
    return plan


def plan_of(config: SiteConfig, path: Path, text: str) -> Plan:
    """The plan in `text` with every problem found (`Plan.problems`, each with its line). SeminarError, a
    single one, when the text is not YAML or not a mapping."""
    try:
        document = yamlio.load_located(text)
    except yamlio.MarkedYAMLError as failure:
        mark = failure.problem_mark or failure.context_mark
        raise SeminarError(
            error(f"not valid YAML: {failure.problem}", file=path, line=mark.line + 1 if mark else None)
        ) from None
    except yamlio.YAMLError as failure:
        raise SeminarError(error(f"not valid YAML: {failure}", file=path)) from None
    reader = _Reader(path)
    plan = reader.plan(config, document)
    return replace(plan, problems=tuple(in_line_order(reader.problems)))


@dataclass(frozen=True)
class _Slot:
    """A session entry of the plan, dated or not: `session` is None when it has no usable week label (it
    still takes its place in the calendar); `unreadable` when its own `date:` cannot be read."""

    label: str
    line: int
    fixed: date | None = None
    unreadable: bool = False
    session: PlanSession | None = None


class _Reader:
    """Turns the located document into a Plan, noting each problem with its line, and which calendar keys
    cannot be read (`unread`), so that no check relies on them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.unread: set[str] = set()
        self.document: LocatedMap | None = None  # the plan's top mapping, once read

    def problem(self, line: int | None, label: str, message: str) -> None:
        self.problems.append(error(message, file=self.path, line=line, key=label))

    def plan(self, config: SiteConfig, document: Any) -> Plan:
        if document is None:
            document = LocatedMap()
        if not isinstance(document, LocatedMap):
            raise SeminarError(error("must be a mapping (term, first_day, sessions, ...)", file=self.path))
        self.document = document
        self.unknown_keys(document, PLAN_KEYS, "")
        sessions = document.get("sessions")
        if sessions is None:
            sessions = LocatedList([], [], [])
        if not isinstance(sessions, LocatedList):
            self.problem(_key_line(document, "sessions"), "sessions", "must be a list of sessions")
            sessions = LocatedList([], [], [])
        year = document.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            self.problem(_key_line(document, "year"), "year", f"must be a year such as 2025, not {year!r}")
            year = None
        first_day = self.calendar_day(document, "first_day")
        last_day = self.calendar_day(document, "last_day")
        if first_day is not None and last_day is not None and last_day < first_day:
            self.problem(_key_line(document, "last_day"), "last_day", f"is before first_day {first_day}")
            last_day = None
        plan = Plan(
            path=self.path,
            term=self.text(document, "term", "term") or config.term,
            year=year or config.year,
            first_day=first_day,
            last_day=last_day,
            weekdays=self.weekdays(document),
            meeting=self.meeting(document),
            timezone=self.timezone(document),
            location=self.text(document, "location", "location"),
            no_class=tuple(self.no_class(document)),
            sessions=(),
        )
        return self.dated(plan, list(self.sessions(sessions)))

    def unknown_keys(self, mapping: LocatedMap, known: tuple[str, ...], prefix: str) -> bool:
        """Each key of `mapping` not `known` is a problem; whether there was one."""
        unknown = [key for key in mapping if key not in known]
        for key in unknown:
            self.problem(
                _key_line(mapping, key), f"{prefix}{key}", f"unknown key (known: {', '.join(known)})"
            )
        return bool(unknown)

    def text(self, mapping: LocatedMap, key: str, label: str) -> str | None:
        """A text value: one line, no control characters; "" blanks a default on purpose."""
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(_key_line(mapping, key), label, f"must be text, not {value!r} (quote it)")
            return None
        problem = line_problem(value)
        if problem is not None:
            self.problem(_key_line(mapping, key), label, problem)
            return None
        return str(value)  # a plain str

    def day(self, mapping: LocatedMap, key: str, label: str) -> date | None:
        value = mapping.get(key)
        if value is None:
            return None
        found = as_date(value)
        if found is None:
            self.problem(_key_line(mapping, key), label, f"must be a date such as 2025-01-14, not {value!r}")
        return found

    def calendar_day(self, document: LocatedMap, key: str) -> date | None:
        """`first_day` or `last_day`; noted as unread when given but not a date."""
        found = self.day(document, key, key)
        if found is None and document.get(key) is not None:
            self.unread.add(key)
        return found

    def weekdays(self, document: LocatedMap) -> frozenset[int]:
        value = document.get("meets")
        if value is None:
            return frozenset()
        line = _key_line(document, "meets")
        if isinstance(value, str) and "," in value:
            self.unread.add("meets")
            self.problem(line, "meets", f"must be a list of weekdays such as [Tue, Thu], not {value!r}")
            return frozenset()
        names = (
            zip(value, value.item_lines, strict=True) if isinstance(value, LocatedList) else [(value, line)]
        )
        days = set()
        for name, where in names:
            try:
                days.add(weekday(str(name)))
            except SeminarError as failure:
                self.unread.add("meets")
                self.problem(where, "meets", failure.first.message)
        return frozenset(days)

    def meeting(self, document: LocatedMap) -> tuple[time, time] | None:
        value = document.get("time")
        if value is None:
            return None
        found = _TIME_RANGE.fullmatch(value) if isinstance(value, str) else None
        times = None
        if found:
            hours = [int(part) for part in found.groups()]
            if hours[0] < 24 and hours[2] < 24 and hours[1] < 60 and hours[3] < 60:
                times = (time(hours[0], hours[1]), time(hours[2], hours[3]))
        if times is None or times[1] <= times[0]:
            self.problem(
                _key_line(document, "time"),
                "time",
                f'must be a start and end such as "15:30-16:45", not {value!r}',
            )
            return None
        return times

    def timezone(self, document: LocatedMap) -> str | None:
        name = self.text(document, "timezone", "timezone")
        if name is not None:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                self.problem(_key_line(document, "timezone"), "timezone", f"unknown time zone {name!r}")
                return None
        return name

    def no_class(self, document: LocatedMap) -> Iterator[NoClass]:
        """The days without class; an entry whose days cannot be read is a problem, once."""
        value = document.get("no_class")
        if value is None:
            return
        if not isinstance(value, LocatedList):
            self.unread.add("no_class")
            self.problem(_key_line(document, "no_class"), "no_class", "must be a list of dates")
            return
        for index, item in enumerate(value):
            line = value.item_lines[index]
            label = f"no_class[{index + 1}]"
            if not isinstance(item, LocatedMap):
                day = as_date(item)
                if day is None:
                    self.unread.add("no_class")
                    self.problem(line, label, f"must be a date, or from/to/why, not {item!r}")
                else:
                    yield NoClass(day)
                continue
            unknown = self.unknown_keys(item, ("date", "from", "to", "why"), f"{label}.")
            why = self.text(item, "why", f"{label}.why")
            given = {key: self.day(item, key, f"{label}.{key}") for key in ("date", "from", "to")}
            given = {key: day for key, day in given.items() if item.get(key) is not None}
            first = given.get("date") or given.get("from")
            last = given.get("to") or first
            if unknown or None in given.values():  # said already: its key, or its date
                self.unread.add("no_class")
            elif first is None or last is None:
                self.unread.add("no_class")
                self.problem(line, label, "needs a date (or from and to)")
            elif last < first:
                self.unread.add("no_class")
                self.problem(line, label, f"ends ({last}) before it starts ({first})")
            else:
                for offset in range((last - first).days + 1):
                    yield NoClass(date.fromordinal(first.toordinal() + offset), why)

    def sessions(self, items: LocatedList) -> Iterator[_Slot]:
        """Every entry of `sessions:`, each in its place in the calendar, whatever is wrong with it."""
        weeks: dict[str, int] = {}
        for index, item in enumerate(items):
            line = items.item_lines[index]
            label = f"sessions[{index + 1}]"
            if not isinstance(item, LocatedMap):
                self.problem(line, label, "must be a mapping with week, title, readings, ...")
                yield _Slot(label, line, unreadable=True)
                continue
            week = item.get("week")
            if isinstance(week, str):
                label = f"session {week}"
            self.unknown_keys(item, SESSION_KEYS, f"{label}: ")
            if not isinstance(week, str):
                self.problem(line, label, "needs a week label such as S4 or W03.2 (quoted if it is a number)")
                week = None
            else:
                try:
                    check_week_label(week)
                except SeminarError as failure:
                    self.problem(_key_line(item, "week"), label, failure.first.message)
                    week = None
                else:
                    if week in weeks:
                        self.problem(line, label, f"week {week} is already the session at line {weeks[week]}")
                    weeks.setdefault(week, line)
            yield self.session(item, week, line, label)

    def session(self, item: LocatedMap, week: str | None, line: int, label: str) -> _Slot:
        fields: dict[str, FieldValue] = {}
        for spec in PLAN_FIELDS:
            assert spec.plan_key is not None
            where = f"{label}: {spec.plan_key}"
            if spec.kind == "list":
                values = self.text_list(item, spec.plan_key, where)
                if values is not None:
                    fields[spec.key] = values
            elif (text := self.text(item, spec.plan_key, where)) is not None:
                fields[spec.key] = text
        required, more, background = (
            tuple(self.readings(item, key, f"{label}: {key}")) for key in READING_KEYS
        )
        fixed = self.day(item, "date", f"{label}: date")
        file = self.session_file(item, f"{label}: file")
        unreadable = fixed is None and item.get("date") is not None
        if week is None:
            return _Slot(label, line, fixed, unreadable)
        session = PlanSession(week, line, fields, required, more, background, file, fixed)
        return _Slot(label, line, fixed, unreadable, session)

    def session_file(self, item: LocatedMap, label: str) -> str | None:
        """The session's file: a relative path inside the site, written as Jekyll names it."""
        value = self.text(item, "file", label)
        if value is None:
            return None
        parts = PurePosixPath(value).parts
        if (
            not parts
            or value.startswith("/")
            or ".." in parts
            or "\\" in value
            or value != str(PurePosixPath(*parts))
        ):
            self.problem(
                _key_line(item, "file"),
                label,
                f"must be a file inside the site such as _posts/x.md, not {value!r}",
            )
            return None
        return value

    def text_list(self, item: LocatedMap, key: str, label: str) -> tuple[str, ...] | None:
        """A list of texts (`tags: [LLM, Agents]`, or one text alone); None when not given (absent or blank:
        the site's default stands), () for none (`tags: []` or `tags: ''`: no tags, whatever the default).
        An empty item, or one with a control character, is a problem at its line."""
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, str) and not value.strip():
            return ()
        line = _key_line(item, key)
        entries = (
            list(zip(value, value.item_lines, strict=True))
            if isinstance(value, LocatedList)
            else [(value, line)]
        )
        if not all(isinstance(entry, str) for entry, _ in entries):
            self.problem(line, label, "must be a list of text items")
            return None
        found = True
        for entry, where in entries:
            problem = item_problem(key, entry)
            if problem is not None:
                self.problem(where, label, problem)
                found = False
        return tuple(str(entry) for entry, _ in entries) if found else None

    def readings(self, item: LocatedMap, key: str, label: str) -> Iterator[Reading]:
        """The readings of one section; one that is no arXiv id or title is a problem, and not looked up."""
        value = item.get(key)
        if value is None:
            return
        if not isinstance(value, LocatedList):
            line = _key_line(item, key) or 0
            references = [(value, line, item.raw.get(key))]
        else:
            references = list(zip(value, value.item_lines, value.raw, strict=True))
        for entry, line, raw in references:
            reference = self.reference(entry, line, raw, label)
            if reference is not None:
                yield Reading(reference, line)

    def reference(self, value: object, line: int, raw: str | None, label: str) -> str | None:
        """A reading's text; a number (an unquoted arXiv id such as 2410.10000) as written, not as read."""
        text = None
        if isinstance(value, str):
            text = value.strip()
        elif isinstance(value, int | float) and not isinstance(value, bool) and raw:
            text = raw.strip()
        problem = line_problem(text) if text else f"must be an arXiv id or a title, not {value!r}"
        if problem is not None:
            self.problem(line, label, problem)
            return None
        return text

    def dated(self, plan: Plan, slots: list[_Slot]) -> Plan:
        """The plan with each session's date where it can be known, and the date problems: a session the
        calendar cannot place when the plan has no calendar, two on one day, dates out of order, outside the
        term or on a day without class. Nothing is said of a date that follows from what cannot be read."""
        placing = plan.first_day is not None and bool(plan.weekdays) and not self.unread & set(PLACING_KEYS)
        try:
            dates = known_dates(
                plan.first_day if placing else None,
                plan.weekdays,
                frozenset(off.day for off in plan.no_class),
                [slot.fixed for slot in slots],
                frozenset(index for index, slot in enumerate(slots) if slot.unreadable),
            )
        except CalendarEnd as end:
            slot = slots[end.index]
            last = f"falls after {date.max}, the last day a date can have"
            self.problem(slot.line, slot.label, f"{last}: move first_day, or give it `date:`")
            dates = [slot.fixed for slot in slots]
        undated = [slot for slot in slots if slot.fixed is None and not slot.unreadable]
        if not placing and not self.unread & set(PLACING_KEYS) and undated:
            half = "first_day" if plan.first_day is not None else "meets" if plan.weekdays else None
            if half is not None:  # half a calendar: said once, at a key, not as every session's
                count = f"{len(undated)} session{'s' * (len(undated) != 1)} without `date:`"
                missing = "meets" if half == "first_day" else "first_day"
                given = self.document is not None and missing in self.document
                if given:  # `meets: []`
                    where, message = missing, f"names no weekday: the calendar needs one to date the {count}"
                else:
                    where, message = half, f"the calendar needs `{missing}` too, to date the {count}"
                line = _key_line(self.document, where) if self.document is not None else None
                self.problem(line, where, message)
            else:
                for slot in undated:
                    self.problem(
                        slot.line,
                        slot.label,
                        "has no date: give it `date:`, or give the plan `first_day` and `meets`",
                    )
        self.check_dates(plan, slots, dates)
        sessions = tuple(
            replace(slot.session, date=day)
            for slot, day in zip(slots, dates, strict=True)
            if slot.session is not None
        )
        return replace(plan, sessions=sessions)

    def check_dates(self, plan: Plan, slots: list[_Slot], dates: list[date | None]) -> None:
        """Each known date against the one before it that is known, the term's bounds and its days off."""
        why = {off.day: off.why for off in plan.no_class}
        previous: tuple[str, date] | None = None
        for slot, day in zip(slots, dates, strict=True):
            if day is None:
                continue
            label, when = slot.label, day.isoformat()
            if previous is not None and previous[1] == day:
                self.problem(slot.line, label, f"falls on {when}, the date of {previous[0]}")
            elif previous is not None and day < previous[1]:
                self.problem(
                    slot.line, label, f"is on {when}, before {previous[0]} ({previous[1]}): keep date order"
                )
            if plan.first_day and day < plan.first_day:
                self.problem(slot.line, label, f"is on {when}, before the term's first_day {plan.first_day}")
            if plan.last_day and day > plan.last_day:
                self.problem(slot.line, label, f"falls on {when}, after the term's last_day {plan.last_day}")
            if slot.fixed and slot.fixed in why:
                reason = f" ({why[slot.fixed]})" if why[slot.fixed] else ""
                self.problem(slot.line, label, f"is fixed on {when}, a day without class{reason}")
            previous = (label, day)


def _key_line(mapping: Any, key: str) -> int | None:
    """The 1-based line of a key in a located mapping."""
    lines = getattr(mapping, "key_lines", None)
    return lines.get(key) if lines is not None else None


def as_date(value: object) -> date | None:
    """A `date:` as the plan takes it: a YAML date, or text in ISO form (YYYY-MM-DD); None for anything else
    (a time of day included)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
