"""The positional lists of a site's schedule page kept in step with the plan.

Sites whose session files hold no date give each session its date on the schedule page, by position: item N
of a hard-coded list for the Nth session (`seminar.sources.index_lists` reads them). `seminar build` rewrites
those lists from the plan, so that adding or moving a session does not mean retyping every later date: the
date list's items become the sessions' dates (MMDD), the week list's items their week labels, and every other
byte of the page stays. Slots before the first session (a blank slot 0) and after the last (dates planned
ahead) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from seminar.core.errors import SeminarError, error
from seminar.core.fileio import read_text
from seminar.sources.config import SiteConfig
from seminar.sources.index_lists import (
    MMDD,
    PositionalList,
    ScheduleIndex,
    read_schedule_index,
    rewrite_lists,
)

WEEK_PREFIX = "W"  # the label of the Nth calendar week of the term on these pages: W1, W2, ...


@dataclass(frozen=True)
class IndexChange:
    """The schedule page and its text before and after its lists are rewritten."""

    path: Path
    old_text: str
    text: str

    @property
    def changed(self) -> bool:
        return self.text != self.old_text


def mmdd(day: date) -> str:
    """The date as the lists hold it: `0114`."""
    return f"{day:%m%d}"


def week_labels(dates: Sequence[date], blank: str | None) -> list[str]:
    """Each date's week label: `W<k>` for the k-th calendar week (Monday to Sunday) counted from the first
    date's; with `blank`, a week's later meetings show `blank` instead (as the 2026-style pages do)."""
    if not dates:
        return []
    first = dates[0] - timedelta(days=dates[0].weekday())
    labels: list[str] = []
    previous: int | None = None
    for day in dates:
        week = (day - timedelta(days=day.weekday()) - first).days // 7 + 1
        labels.append(blank if blank is not None and week == previous else f"{WEEK_PREFIX}{week}")
        previous = week
    return labels


def read_index(config: SiteConfig) -> tuple[Path, str, ScheduleIndex] | None:
    """The profile's schedule page, its text and its lists; None when the profile names none.

    Raises SeminarError when the page is missing or its lists can no longer be read.
    """
    name = config.profile.schedule_index
    if name is None:
        return None
    path = config.root / name
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise SeminarError(
            error("the schedule page named by seminar: schedule_index is missing", path)
        ) from None
    index = read_schedule_index(text)
    if index is None or index.dates is None:
        raise SeminarError(
            error(
                "no positional date list found in the schedule loop any more (seminar: schedule_index "
                "names this page): restore it, or remove schedule_index from _config.yml",
                path,
            )
        )
    return path, text, index


def blank_of(found: PositionalList, first_slot: int) -> str | None:
    """The item a week list shows on a week's later meetings (`" "`), or None when it labels every row."""
    blanks = [item for item in found.items[first_slot:] if not item.strip()]
    return blanks[0] if blanks else None


def index_items(index: ScheduleIndex, dates: Sequence[date]) -> dict[str, list[str]]:
    """The lists' new items for sessions on these dates, in the page's order.

    The date list holds the slots before the first session as they are, then the sessions' dates, then the
    dates planned ahead that it held after them (those later than the last session, which no session took);
    the week list holds the week of each of those dates, and whatever it held beyond them.
    """
    items: dict[str, list[str]] = {}
    slot = index.first_slot
    taken = {mmdd(day) for day in dates}
    last = max(taken, default="")
    ahead: list[date] = []
    if index.dates is not None:
        old = list(index.dates.items)
        spare = [item.strip() for item in old[slot:] if MMDD.fullmatch(item.strip())]
        year = dates[-1].year if dates else date.today().year
        for item in spare:
            if item > last and item not in taken:
                try:
                    ahead.append(date(year, int(item[:2]), int(item[2:])))
                except ValueError:
                    continue
        items[index.dates.name] = old[:slot] + [mmdd(day) for day in (*dates, *ahead)]
    if index.weeks is not None:
        old = list(index.weeks.items)
        shown = [*dates, *ahead]
        labels = week_labels(shown, blank_of(index.weeks, slot))
        held = len(index.dates.items) if index.dates is not None else slot + len(shown)
        items[index.weeks.name] = old[:slot] + labels + old[held:]  # what it held beyond the dates stays
    return items


def index_change(config: SiteConfig, dates: Sequence[date]) -> IndexChange | None:
    """The schedule page with its lists giving the sessions these dates (in the order the site shows the
    sessions); None when the profile names no schedule page. SeminarError as `read_index`."""
    found = read_index(config)
    if found is None:
        return None
    path, text, index = found
    return IndexChange(path, text, rewrite_lists(text, index_items(index, dates), index))
