"""The term's calendar: which day each session of the plan falls on.

Sessions meet on the plan's weekdays from the first day of classes, skipping days without class. A session
with a fixed date keeps it; every other session takes the first meeting day after the session before it, so
inserting, moving or fixing one session shifts the later ones and never reorders the plan.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import date, timedelta

# English names, whatever the machine's locale: Jekyll's URLs, arXiv's submission lines and people's lists
# all use them (strftime's %B and %A follow the locale).
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip
DAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)  # date.weekday() order


class CalendarEnd(ValueError):
    """The calendar ran past 9999-12-31, the last day a date can have: session `index` (in plan order) has
    no meeting day left."""

    def __init__(self, index: int) -> None:
        super().__init__(f"session {index + 1} falls after {date.max}, the last day a date can have")
        self.index = index


def meeting_days(first_day: date, weekdays: frozenset[int], no_class: frozenset[date]) -> Iterator[date]:
    """Every day from `first_day` on that falls on a meeting weekday (0 = Monday) and has class, up to
    9999-12-31 (the last day a date can have), where it ends."""
    day = first_day
    while True:
        if day.weekday() in weekdays and day not in no_class:
            yield day
        if day == date.max:
            return
        day += timedelta(days=1)


def session_dates(
    first_day: date, weekdays: frozenset[int], no_class: frozenset[date], fixed: Sequence[date | None]
) -> list[date]:
    """Each session's date, in plan order; `fixed[i]` is session i's fixed date, or None: the calendar's.
    CalendarEnd when a session would fall after 9999-12-31."""
    if not weekdays:
        raise ValueError("a term needs at least one meeting weekday")
    return [day for day in known_dates(first_day, weekdays, no_class, fixed) if day is not None]


def known_dates(
    first_day: date | None,
    weekdays: frozenset[int],
    no_class: frozenset[date],
    fixed: Sequence[date | None],
    unknown: Collection[int] = (),
) -> list[date | None]:
    """Each session's date where it can be known, in plan order: `fixed[i]` is session i's fixed date, or
    None: the calendar's; `unknown` holds the sessions whose own date cannot be read.

    Without a calendar (`first_day` None or no `weekdays`) the sessions that follow it have no date (None);
    so have those after a session of unknown date, up to the next fixed one, since each takes the first
    meeting day after the session before it. CalendarEnd when a session would fall after 9999-12-31.
    """
    days = meeting_days(first_day, weekdays, no_class) if first_day is not None and weekdays else None
    dates: list[date | None] = []
    last: date | None = None  # the date of the session before, when it is known
    for index, pinned in enumerate(fixed):
        if index in unknown:
            last = None
            dates.append(None)
        elif pinned is not None:
            last = pinned
            dates.append(pinned)
        elif days is None or (dates and last is None):
            dates.append(None)
        else:
            day = next(days, None)
            while day is not None and last is not None and day <= last:
                day = next(days, None)
            if day is None:
                raise CalendarEnd(index)
            last = day
            dates.append(day)
    return dates
