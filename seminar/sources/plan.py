"""The term's plan, `_data/schedule.yml`: read, checked line by line, and given each session's date.

The plan is a Jekyll data file a person writes and `seminar` edits. It is read here as Jekyll reads it (YAML
1.1, PyYAML's C loader) with the line of every key and item, so that each problem is reported where it is;
editing it keeps its comments (`seminar.site.plan_edit`, ruamel.yaml's round trip). All problems are
collected before any is reported: an instructor fixes a plan in one pass, not one error per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path, PurePosixPath
from typing import Any

from seminar.core import yamlio
from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.core.fileio import read_text
from seminar.core.yamlio import LocatedList, LocatedMap
from seminar.model.calendar import DAY_NAMES, session_dates
from seminar.model.plan import PLAN_KEYS, READING_KEYS, NoClass, Plan, PlanSession, Reading
from seminar.model.session import PLAN_FIELDS, FieldValue, check_week_label
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
_TIME_RANGE = re.compile(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*")


def weekday(name: str) -> int:
    """The weekday (Monday 0) a name gives in any unambiguous spelling (`Tue`, `thursday`, `Th.`);
    SeminarError naming it otherwise."""
    spelt = name.strip().lower().rstrip(".")
    found = [index for index, day in enumerate(WEEKDAYS) if len(spelt) >= 2 and day.startswith(spelt)]
    if len(found) != 1:
        raise SeminarError(error(f"{name!r} is not a weekday (Mon, Tue, ... Sun)"))
    return found[0]


def plan_path(config: SiteConfig) -> Path:
    return config.root / config.data_dir / PLAN_NAME


def load_plan(config: SiteConfig) -> Plan:
    """The site's plan with every session dated; a SeminarError listing every problem with its line."""
    path = plan_path(config)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise no_plan(path) from None
    return read_plan(config, path, text)


def no_plan(path: Path) -> SeminarError:
    """The error of a command that needs a plan where there is none."""
    message = "no plan yet: write one (README.md, 'The plan') or add sessions with `seminar new-session`"
    return SeminarError(error(message, file=path))


def read_plan(config: SiteConfig, path: Path, text: str) -> Plan:
    """The plan in `text` (the file at `path`, or its edited text); SeminarError with every problem."""
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
    plan = reader.dated(reader.plan(config, document))
    if reader.problems:
        raise SeminarError(*reader.problems)
    return plan


class _Reader:
    """Turns the located document into a Plan, noting each problem with its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []

    def problem(self, line: int | None, label: str, message: str) -> None:
        self.problems.append(error(message, file=self.path, line=line, key=label))

    def plan(self, config: SiteConfig, document: Any) -> Plan:
        if document is None:
            document = LocatedMap()
        if not isinstance(document, LocatedMap):
            raise SeminarError(error("must be a mapping (term, first_day, sessions, ...)", file=self.path))
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
        return Plan(
            path=self.path,
            term=self.text(document, "term", "term") or config.term,
            year=year or config.year,
            first_day=self.day(document, "first_day", "first_day"),
            last_day=self.day(document, "last_day", "last_day"),
            weekdays=self.weekdays(document),
            meeting=self.meeting(document),
            timezone=self.timezone(document),
            location=self.text(document, "location", "location"),
            no_class=tuple(self.no_class(document)),
            sessions=tuple(self.sessions(sessions)),
        )

    def unknown_keys(self, mapping: LocatedMap, known: tuple[str, ...], prefix: str) -> None:
        for key in mapping:
            if key not in known:
                self.problem(
                    _key_line(mapping, key), f"{prefix}{key}", f"unknown key (known: {', '.join(known)})"
                )

    def text(self, mapping: LocatedMap, key: str, label: str) -> str | None:
        value = mapping.get(key)
        if value is None or isinstance(value, str):
            if value is not None and re.search(r"[\x00-\x1f\x7f]", value):
                self.problem(_key_line(mapping, key), label, "must be one line of text")
            return None if value is None else str(value)  # plain str; "" blanks a default on purpose
        self.problem(_key_line(mapping, key), label, f"must be text, not {value!r} (quote it)")
        return None

    def day(self, mapping: LocatedMap, key: str, label: str) -> date | None:
        value = mapping.get(key)
        if value is None:
            return None
        found = _as_date(value)
        if found is None:
            self.problem(_key_line(mapping, key), label, f"must be a date such as 2025-01-14, not {value!r}")
        return found

    def weekdays(self, document: LocatedMap) -> frozenset[int]:
        value = document.get("meets")
        if value is None:
            return frozenset()
        names = value if isinstance(value, LocatedList) else [value]
        days = set()
        for name in names:
            try:
                days.add(weekday(str(name)))
            except SeminarError as failure:
                self.problem(_key_line(document, "meets"), "meets", failure.first.message)
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
        value = document.get("no_class")
        if value is None:
            return
        if not isinstance(value, LocatedList):
            self.problem(_key_line(document, "no_class"), "no_class", "must be a list of dates")
            return
        for index, item in enumerate(value):
            line = value.item_lines[index]
            label = f"no_class[{index + 1}]"
            if not isinstance(item, LocatedMap):
                day = _as_date(item)
                if day is None:
                    self.problem(line, label, f"must be a date, or from/to/why, not {item!r}")
                else:
                    yield NoClass(day)
                continue
            self.unknown_keys(item, ("date", "from", "to", "why"), f"{label}.")
            why = self.text(item, "why", f"{label}.why")
            first = self.day(item, "date", f"{label}.date") or self.day(item, "from", f"{label}.from")
            last = self.day(item, "to", f"{label}.to") or first
            if first is None or last is None:
                self.problem(line, label, "needs a date (or from and to)")
            elif last < first:
                self.problem(line, label, f"ends ({last}) before it starts ({first})")
            else:
                for offset in range((last - first).days + 1):
                    yield NoClass(date.fromordinal(first.toordinal() + offset), why)

    def sessions(self, items: LocatedList) -> Iterator[PlanSession]:
        weeks: dict[str, int] = {}
        for index, item in enumerate(items):
            line = items.item_lines[index]
            if not isinstance(item, LocatedMap):
                self.problem(
                    line, f"sessions[{index + 1}]", "must be a mapping with week, title, readings, ..."
                )
                continue
            week = item.get("week")
            label = f"session {week}" if isinstance(week, str) else f"sessions[{index + 1}]"
            self.unknown_keys(item, SESSION_KEYS, f"{label}: ")
            if not isinstance(week, str):
                self.problem(line, label, "needs a week label such as S4 or W03.2 (quoted if it is a number)")
                continue
            try:
                check_week_label(week)
            except SeminarError as failure:
                self.problem(_key_line(item, "week"), label, failure.first.message)
                continue
            if week in weeks:
                self.problem(line, label, f"week {week} is already the session at line {weeks[week]}")
                continue
            weeks[week] = line
            yield self.session(item, week, line, label)

    def session(self, item: LocatedMap, week: str, line: int, label: str) -> PlanSession:
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
        return PlanSession(week, line, fields, required, more, background, file, fixed)

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
        if key not in item:
            return None
        value = item[key]
        values = [] if value is None else value if isinstance(value, LocatedList) else [value]
        if not all(isinstance(entry, str) for entry in values):
            self.problem(_key_line(item, key), label, "must be a list of text items")
            return None
        return tuple(str(entry) for entry in values)

    def readings(self, item: LocatedMap, key: str, label: str) -> Iterator[Reading]:
        value = item.get(key)
        if value is None:
            return
        if not isinstance(value, LocatedList):
            line = _key_line(item, key) or 0
            yield Reading(self.reference(value, line, item.raw.get(key)), line)
            return
        for index, entry in enumerate(value):
            line = value.item_lines[index]
            yield Reading(self.reference(entry, line, value.raw[index]), line)

    def reference(self, value: object, line: int, raw: str | None) -> str:
        """A reading's text; a number (an unquoted arXiv id such as 2410.10000) as written, not as read."""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool) and raw:
            return raw.strip()
        self.problem(line, "reading", f"must be an arXiv id or a title, not {value!r}")
        return ""

    def dated(self, plan: Plan) -> Plan:
        """The plan with each session's date; sessions that cannot be placed are problems."""
        if not plan.sessions:
            return plan
        unfixed = [session for session in plan.sessions if session.fixed is None]
        if unfixed and (plan.first_day is None or not plan.weekdays):
            for session in unfixed:
                self.problem(
                    session.line,
                    f"session {session.week}",
                    "has no date: give it `date:`, or give the plan `first_day` and `meets`",
                )
            return plan
        fixed = [session.fixed for session in plan.sessions]
        if unfixed:
            assert plan.first_day is not None
            days_off = frozenset(off.day for off in plan.no_class)
            dates = session_dates(plan.first_day, plan.weekdays, days_off, fixed)
        else:
            dates = [day for day in fixed if day is not None]
        sessions = tuple(replace(s, date=d) for s, d in zip(plan.sessions, dates, strict=True))
        self.check_dates(plan, sessions)
        return replace(plan, sessions=sessions)

    def check_dates(self, plan: Plan, sessions: tuple[PlanSession, ...]) -> None:
        why = {off.day: off.why for off in plan.no_class}
        previous: PlanSession | None = None
        for session in sessions:
            assert session.date is not None
            label = f"session {session.week}"
            day = session.date.isoformat()
            if previous is not None and previous.date == session.date:
                self.problem(session.line, label, f"falls on {day}, the date of session {previous.week}")
            elif previous is not None and previous.date and session.date < previous.date:
                self.problem(
                    session.line,
                    label,
                    f"is on {day}, before session {previous.week} ({previous.date}): keep date order",
                )
            if plan.first_day and session.date < plan.first_day:
                self.problem(
                    session.line, label, f"is on {day}, before the term's first_day {plan.first_day}"
                )
            if plan.last_day and session.date > plan.last_day:
                self.problem(
                    session.line, label, f"falls on {day}, after the term's last_day {plan.last_day}"
                )
            if session.fixed and session.fixed in why:
                reason = f" ({why[session.fixed]})" if why[session.fixed] else ""
                self.problem(session.line, label, f"is fixed on {day}, a day without class{reason}")
            previous = session


def _key_line(mapping: Any, key: str) -> int | None:
    """The 1-based line of a key in a located mapping."""
    lines = getattr(mapping, "key_lines", None)
    return lines.get(key) if lines is not None else None


def _as_date(value: object) -> date | None:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
