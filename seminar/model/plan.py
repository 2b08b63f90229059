"""The term's plan as data: its calendar and its sessions, each with the readings it names and its date.

Made by `seminar.sources.plan` from `_data/schedule.yml`; every command that builds posts starts from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.model.session import FieldValue

# The keys of the plan's calendar: what places a session without a date of its own.
CALENDAR_KEYS = ("first_day", "last_day", "meets", "time", "timezone", "location", "no_class")
PLAN_KEYS = ("term", "year", *CALENDAR_KEYS, "sessions")
READING_KEYS = ("required", "more", "background")  # the sections, as `seminar.model.profile.SECTIONS`


@dataclass(frozen=True)
class Reading:
    """A reading as the plan names it (an arXiv id or a title) and the line it is on."""

    reference: str
    line: int


@dataclass(frozen=True)
class PlanSession:
    """One session of the plan.

    `fields` holds the front-matter values the plan sets, by front-matter key (`video` for the plan's
    `lead`); a key the plan leaves out is absent, and the site's default or the post's own value stands.
    """

    week: str
    line: int
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    required: tuple[Reading, ...] = ()
    more: tuple[Reading, ...] = ()
    background: tuple[Reading, ...] = ()
    file: str | None = None  # its session file, relative to the site (an adopted site's plan names each)
    fixed: date | None = None  # a date the plan fixes; otherwise the calendar's
    date: date | None = None  # the session's day, once the calendar has placed it (None in a plan with
    # problems, when what places it cannot be read)

    @property
    def readings(self) -> tuple[Reading, ...]:
        """Every reading, required first."""
        return (*self.required, *self.more, *self.background)

    @property
    def title(self) -> str | None:
        value = self.fields.get("title")
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class NoClass:
    day: date
    why: str | None = None


@dataclass(frozen=True)
class Plan:
    """The plan as read. `problems` are what is wrong with it, each with its line: a plan with problems is
    read as far as it can be, so that what is found later (readings that do not resolve) is reported with
    them, and is never built (`refuse`)."""

    path: Path
    term: str | None
    year: int | None
    first_day: date | None
    last_day: date | None
    weekdays: frozenset[int]
    meeting: tuple[time, time] | None  # start and end of a meeting
    timezone: str | None
    location: str | None
    no_class: tuple[NoClass, ...]
    sessions: tuple[PlanSession, ...]
    problems: tuple[Diagnostic, ...] = ()

    def refuse(self, found: Iterable[Diagnostic] = ()) -> None:
        """Raise a SeminarError listing the plan's problems and `found` (the problems of its sessions found
        later, such as readings that do not resolve) in line order, each once; nothing when there are none."""
        problems = in_line_order((*self.problems, *found))
        if problems:
            raise SeminarError(*problems)

    @property
    def has_calendar(self) -> bool:
        """Whether sessions without a date can be placed: a first day and meeting weekdays."""
        return self.first_day is not None and bool(self.weekdays)

    def session(self, week: str) -> PlanSession:
        """The session of this week; SeminarError naming the plan and the weeks it has."""
        for session in self.sessions:
            if session.week == week:
                return session
        known = ", ".join(session.week for session in self.sessions) or "none yet"
        raise SeminarError(error(f"no session {week!r} in the plan (weeks: {known})", file=self.path))

    def dates(self) -> dict[str, date]:
        """Each dated session's date, by week."""
        return {session.week: session.date for session in self.sessions if session.date is not None}


def in_line_order(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each problem once, file by file in the order the files first come, and in each file those without a
    line first, then by line (problems of one line in the order found)."""
    unique = list(dict.fromkeys(problems))
    files = list(dict.fromkeys(problem.file for problem in unique))
    return sorted(unique, key=lambda problem: (files.index(problem.file), problem.line or 0))
