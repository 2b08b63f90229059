"""The term's calendar: which day each session of the plan falls on.

Sessions meet on the plan's weekdays from the first day of classes, skipping days without class. A session
with a fixed date keeps it; every other session takes the first meeting day after the session before it, so
inserting, moving or fixing one session shifts the later ones and never reorders the plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


def meeting_days(first_day: date, weekdays: frozenset[int], no_class: frozenset[date]) -> Iterator[date]:
    """Every day from `first_day` on that falls on a meeting weekday (0 = Monday) and has class."""
    day = first_day
    while True:
        if day.weekday() in weekdays and day not in no_class:
            yield day
        day += timedelta(days=1)


def session_dates(
    first_day: date, weekdays: frozenset[int], no_class: frozenset[date], fixed: Sequence[date | None]
) -> list[date]:
    """Each session's date, in plan order; `fixed[i]` is session i's fixed date, or None: the calendar's."""
    if not weekdays:
        raise ValueError("a term needs at least one meeting weekday")
    days = meeting_days(first_day, weekdays, no_class)
    dates: list[date] = []
    for pinned in fixed:
        if pinned is not None:
            dates.append(pinned)
            continue
        day = next(days)
        while dates and day <= dates[-1]:
            day = next(days)
        dates.append(day)
    return dates
