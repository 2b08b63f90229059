"""`seminar adopt`: a site someone already runs turned into a plan, without rewriting any session file.

Everything is read first: the session files (a collection's documents, or the posts of one term), each file's
readings as the site writes them (`seminar.sources.site_readings`), and the dates, from the schedule page's
positional lists for a collection (`seminar.sources.index_lists`) or from the posts' names. From them come
three things, each written only when it changes: the site profile (the `seminar:` block of `_config.yml`,
added after the rest of the file), the plan (`_data/schedule.yml`: every session with its file, date, keys
as found and readings by section) and the paper store (an entry per reading: arXiv ids, marked for fetching,
and other readings with the title and URL the site gives). Running it again changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from seminar.core import yamlio
from seminar.core.errors import Diagnostic, SeminarError, display_path, error, warning
from seminar.core.fileio import private_dir, read_text, write_atomic
from seminar.model.calendar import DAY_NAMES, session_dates
from seminar.model.papers import Paper, paper_key
from seminar.model.plan import CALENDAR_KEYS
from seminar.model.profile import DEFAULT_FILE_NAME, SECTIONS
from seminar.model.session import FRONT_MATTER_KEYS, PLAN_FIELDS, POST_NAME, check_week_label
from seminar.site.collection_names import document_order_key
from seminar.site.posts import SitePost, read_posts
from seminar.site.schedule_index import index_items
from seminar.sources.config import CONFIG_NAME, SiteConfig
from seminar.sources.index_lists import ScheduleIndex, read_schedule_index, rewrite_lists
from seminar.sources.plan import plan_path, weekday
from seminar.sources.site_readings import FoundReading, SessionBody, read_session_body
from seminar.sources.store import PaperStore

_SEMINAR_KEY = re.compile(r"seminar:[ \t]*(?:#.*)?\r?\n?")  # the `seminar:` block's first line
_TOP_LEVEL = re.compile(r"[^\s#]")  # a line that starts the next top-level key
_NUMBERED = re.compile(r"(?P<prefix>.*?)(?P<digits>[0-9]+)")  # S0-L07: a prefix and a number
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_PAGE_SUFFIXES = (".html", ".md", ".markdown")


@dataclass(frozen=True)
class AdoptedSession:
    """One session file as adopt read it."""

    post: SitePost
    week: str
    date: date
    body: SessionBody
    fixed_file: bool  # whether the plan must name its file (its name is not its week label's)


@dataclass
class Adoption:
    """What adopting the site found and would write; nothing is written until `write_adoption`."""

    sessions: list[AdoptedSession]
    profile: dict[str, object]
    plan_text: str
    config_text: str
    old_config_text: str
    old_plan_text: str | None
    store: PaperStore
    store_added: int
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def readings(self) -> list[FoundReading]:
        return [reading for session in self.sessions for reading in session.body.readings]

    def summary(self) -> str:
        """`12 sessions adopted: 38 readings (29 required, 9 more), 33 arXiv ids, 2 without a link`."""
        readings = self.readings
        by_section = Counter(reading.section for reading in readings)
        sections = ", ".join(f"{by_section[name]} {name}" for name in SECTIONS if by_section[name])
        ids = sum(1 for reading in readings if reading.arxiv_id)
        others = sum(1 for reading in readings if reading.url and not reading.arxiv_id)
        unlinked = sum(1 for reading in readings if not reading.url)
        count = len(self.sessions)
        return (
            f"{count} session{'s' * (count != 1)} adopted: {len(readings)} readings ({sections or 'none'}), "
            f"{ids} arXiv id{'s' * (ids != 1)}, {others} other link{'s' * (others != 1)}, "
            f"{unlinked} without a link"
        )


def adopt_site(
    root: Path,
    *,
    collection: str | None = None,
    first_day: date | None = None,
    meets: frozenset[int] = frozenset(),
) -> Adoption:
    """Read the site at `root` and work out its profile, plan and store entries; nothing is written.

    `collection` names the collection holding the sessions (found on its own when None). A collection's
    sessions take their dates from the page that lists them by position, or, when no page does, from the
    calendar `first_day` and `meets` (weekday numbers, Monday 0) give, in the site's order. Raises
    SeminarError when no sessions are found, or they cannot be dated.
    """
    config_path = root / CONFIG_NAME
    config_text = read_text(config_path)
    try:
        raw = yamlio.load(config_text) or {}
    except yamlio.YAMLError as failure:
        raise SeminarError(error(f"not valid YAML: {failure}", config_path)) from None
    if not isinstance(raw, dict):
        raise SeminarError(error("must be a mapping of settings", config_path))
    found_section = raw.get("seminar")
    section: dict[str, Any] = found_section if isinstance(found_section, dict) else {}
    name = collection or section.get("collection") or _session_collection(root, raw)
    problems: list[Diagnostic] = []
    plan_file = root / _data_dir(raw) / "schedule.yml"
    old_plan = read_text(plan_file) if plan_file.exists() else None
    if first_day is None and old_plan is not None:  # adopted before by a calendar: the same one again
        first_day, meets = _plan_calendar(old_plan)
    if name is not None:
        folder = root / f"_{name}"
        posts = [post for post in read_posts(folder) if _is_session(post)]
        sort_by = _sort_by(raw, name)
        posts.sort(
            key=lambda post: document_order_key(
                sort_by, post.path.relative_to(folder).as_posix(), post.values
            )
        )
        term = _most_common(post.term for post in posts)
        found_dates = _index_dates(root, name, len(posts), _year(term, section), calendar=bool(first_day))
        dates, index_path, index = found_dates if found_dates else ([], None, None)
        if not found_dates:
            assert first_day is not None
            dates = session_dates(first_day, meets, frozenset(), [None] * len(posts))
    else:
        folder = root / "_posts"
        found = [post for post in read_posts(folder) if post.term and POST_NAME.fullmatch(post.path.name)]
        term = _most_common(post.term for post in found)
        posts = sorted((post for post in found if post.term == term), key=lambda post: post.path.name)
        dates = [_name_date(post.path) for post in posts]
        index_path = index = None
    if not posts:
        where = f"_{name}" if name else "_posts (no post has a term:)"
        raise SeminarError(error(f"no session files found in {where}", root))
    for post in posts:
        if post.problem is not None:
            problems.append(post.problem)
    calendar = _calendar(dates, old_plan)
    if name is not None and index is None and first_day is not None:  # dated by the calendar given
        calendar = {"first_day": first_day, "meets": [DAY_NAMES[day][:3] for day in sorted(meets)]}
    sessions = _sessions(posts, dates, folder, collection=name is not None)
    profile = _profile(name, sessions, term, section, index_path, index, dates, root, problems)
    for session in sessions:
        problems += [
            warning(f"not placed in any reading: {text.strip()[:80]}", session.post.path, line)
            for line, text in session.body.unplaced
        ]
    store = PaperStore.load(root / _data_dir(raw) / "papers.json")
    added = _store_entries(store, sessions, root)
    return Adoption(
        sessions=sessions,
        profile=profile,
        plan_text=_plan_text(profile, sessions, term, root, calendar),
        config_text=_config_text(config_text, section, profile),
        old_config_text=config_text,
        old_plan_text=old_plan,
        store=store,
        store_added=added,
        problems=problems,
    )


def write_adoption(config: SiteConfig, adoption: Adoption, *, force: bool) -> list[Path]:
    """Write what changed (the configuration, the plan, the store), each atomically; the files written.

    A plan that exists and differs is replaced only with `force` (SeminarError otherwise).
    """
    path = plan_path(config)
    if adoption.old_plan_text is not None and adoption.old_plan_text != adoption.plan_text and not force:
        old, new = adoption.old_plan_text.splitlines(), adoption.plan_text.splitlines()
        line = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
        )
        shown = new[line].strip() if line < len(new) else "(the end)"
        raise SeminarError(
            error(
                f"a plan already exists and adopting the site gives another, from this line on (adopt: "
                f"{shown!r}); nothing written (--force replaces it; --dry-run prints the plan adopt gives)",
                path,
                line + 1,
            )
        )
    written: list[Path] = []
    if adoption.config_text != adoption.old_config_text:
        write_atomic(config.config_path, adoption.config_text)
        written.append(config.config_path)
    if adoption.plan_text != adoption.old_plan_text:
        write_atomic(path, adoption.plan_text)
        written.append(path)
    if adoption.store_added:
        private_dir(config.root)
        adoption.store.save()
        written.append(adoption.store.path)
    return written


def _is_session(post: SitePost) -> bool:
    return post.parts is not None and (post.is_session or "term" in post.values)


def _session_collection(root: Path, raw: dict[str, Any]) -> str | None:
    """The collection whose documents look most like sessions; None when none does (posts, then)."""
    collections = raw.get("collections")
    names = list(collections) if isinstance(collections, dict | list) else []
    counts = {
        str(name): sum(1 for post in read_posts(root / f"_{name}") if _is_session(post))
        for name in names
        if isinstance(name, str) and name != "posts"
    }
    best = max(counts, key=lambda name: counts[name], default=None)
    return best if best is not None and counts[best] else None


def _relative(post: SitePost, folder: Path) -> str:
    return post.path.relative_to(folder).as_posix()


def _sort_by(raw: dict[str, Any], collection: str) -> str | None:
    """The collection's `sort_by` key in `_config.yml`, if it has one."""
    collections = raw.get("collections")
    settings = collections.get(collection) if isinstance(collections, dict) else None
    found = settings.get("sort_by") if isinstance(settings, dict) else None
    return found if isinstance(found, str) else None


def _most_common(values: Any) -> Any:
    found = Counter(value for value in values if value is not None).most_common(1)
    return found[0][0] if found else None


def _year(term: str | None, section: dict[str, Any]) -> int:
    """The year of the term's dates: the term's own (`2025-seminarRead`), else `seminar: year`."""
    found = _YEAR.search(term or "")
    if found:
        return int(found.group(1))
    year = section.get("year")
    if isinstance(year, int):
        return year
    raise SeminarError(error("cannot tell the term's year: give `seminar: year:` in _config.yml"))


def _index_dates(
    root: Path, collection: str, count: int, year: int, *, calendar: bool
) -> tuple[list[date], Path, ScheduleIndex] | None:
    """The sessions' dates from the schedule page that lists them by position, its path and its lists;
    None when no page does and a `calendar` is given to date them instead (SeminarError without one)."""
    for page in sorted(root.iterdir()):
        if not page.is_file() or page.suffix not in _PAGE_SUFFIXES:
            continue
        try:
            index = read_schedule_index(read_text(page))
        except SeminarError:
            continue
        if index is None or index.collection != collection or index.dates is None:
            continue
        items = index.dates.items
        dates: list[date] = []
        for position in range(count):
            slot = index.first_slot + position
            text = items[slot].strip() if slot < len(items) else ""
            try:
                dates.append(date(year, int(text[:2]), int(text[2:])))
            except ValueError:
                raise SeminarError(
                    error(
                        f"session {position + 1} of site.{collection} has no date in the list "
                        f"{index.dates.name} (slot {slot}: {text!r})",
                        page,
                        index.dates.line,
                    )
                ) from None
        return dates, page, index
    if calendar:
        return None
    raise SeminarError(
        error(
            f"no page of the site lists the dates of site.{collection} by position (like "
            '`{% assign ddates = "0114,0116" | split: "," %}` in index.html): date the sessions by a '
            "calendar instead, in the site's order, with --first-day YYYY-MM-DD --meets Tue,Thu"
        )
    )


def _name_date(path: Path) -> date:
    found = POST_NAME.fullmatch(path.name)
    assert found is not None
    try:
        return date.fromisoformat(found.group("date"))
    except ValueError:
        raise SeminarError(error("the date in its name is not a YYYY-MM-DD date", path)) from None


def _sessions(
    posts: Sequence[SitePost], dates: Sequence[date], folder: Path, *, collection: bool
) -> list[AdoptedSession]:
    sessions: list[AdoptedSession] = []
    labels: set[str] = set()
    for post, day in zip(posts, dates, strict=True):
        relative = post.path.relative_to(folder)
        if collection:
            week = relative.with_suffix("").as_posix()
            fixed = post.path.suffix != ".md" or "/" in week
        else:
            found = POST_NAME.fullmatch(post.path.name)
            assert found is not None
            week = found.group("slug")
            fixed = True
        week = week.replace("/", "-")
        try:
            check_week_label(week)
        except SeminarError:
            week, fixed = f"S{len(sessions) + 1}", True
        if week in labels:
            week, fixed = f"{week}-{len(sessions) + 1}", True
        labels.add(week)
        body = read_session_body(post.body, post.body_line)
        sessions.append(AdoptedSession(post, week, day, body, fixed))
    return sessions


def _profile(
    collection: str | None,
    sessions: Sequence[AdoptedSession],
    term: str | None,
    section: dict[str, Any],
    index_path: Path | None,
    index: ScheduleIndex | None,
    dates: Sequence[date],
    root: Path,
    problems: list[Diagnostic],
) -> dict[str, object]:
    """The `seminar:` block: the term, where sessions are, and how their files look (the most common way)."""
    profile: dict[str, object] = {}
    if term:
        profile["term"] = term
    profile["year"] = _year(term, section)
    if collection is not None:
        profile["collection"] = collection
        profile["file_name"] = _file_name([session.week for session in sessions if not session.fixed_file])
    orders = Counter(
        tuple(key for key in session.post.values if key in FRONT_MATTER_KEYS) for session in sessions
    )
    keys = max(orders, key=lambda order: (orders[order], len(order)))
    profile["front_matter"] = list(keys if "title" in keys else FRONT_MATTER_KEYS)
    flows = Counter(
        (key, node.flow_style)
        for session in sessions
        for key, (_, node) in session.post.nodes.items()
        if isinstance(node, yaml.SequenceNode) and node.value
    )
    flow_lists = [key for key in keys if flows[key, True] > flows[key, False]]
    if flow_lists:
        profile["flow_lists"] = flow_lists
    headings: dict[str, str] = {}
    for kind in SECTIONS:
        found = _most_common(
            _without_topic(one.heading)
            for session in sessions
            for one in session.body.sections
            if one.kind == kind and one.heading
        )
        if found:
            headings[kind] = found
    if headings:
        profile["headings"] = headings
    present = Counter(kind for session in sessions for kind in {one.kind for one in session.body.sections})
    profile["sections"] = [kind for kind in SECTIONS if present[kind] * 2 >= len(sessions)] or ["required"]
    readings = [reading for session in sessions for reading in session.body.readings]
    style = _most_common(reading.style for reading in readings)
    level = _most_common(reading.level for reading in readings if reading.style == "heading")
    if level:
        profile["reading_level"] = level
    if style:
        profile["reading_style"] = style
    if index_path is not None and index is not None:
        text = read_text(index_path)
        if rewrite_lists(text, index_items(index, dates), index) == text:
            profile["schedule_index"] = index_path.relative_to(root).as_posix()
        else:
            problems.append(
                warning(
                    "its date or week lists do not follow the sessions' dates week by week: `seminar build` "
                    "will leave them as they are (keep them in step by hand)",
                    index_path,
                    index.loop_line,
                )
            )
    return profile


def _without_topic(heading: str) -> str:
    """A section heading without the topic a session gives after its colon (`## Required Readings: Model
    serving` is `## Required Readings:`): the heading a new session is written under."""
    head, colon, _ = heading.partition(":")
    return (head + colon).rstrip()


def _file_name(weeks: Sequence[str]) -> str:
    """`S0-L{n:02}` when most names are a common prefix and a number of one width; else `{week}`."""
    shapes = Counter(
        (found.group("prefix"), len(found.group("digits")))
        for week in weeks
        if (found := _NUMBERED.fullmatch(week))
    )
    if not shapes:
        return DEFAULT_FILE_NAME
    (prefix, width), count = shapes.most_common(1)[0]
    if count * 2 <= len(weeks):
        return DEFAULT_FILE_NAME
    escaped = prefix.replace("{", "{{").replace("}", "}}")
    return f"{escaped}{{n:0{width}}}" if width > 1 else f"{escaped}{{n}}"


def _plan_text(
    profile: dict[str, object],
    sessions: Sequence[AdoptedSession],
    term: str | None,
    root: Path,
    calendar: dict[str, object],
) -> str:
    entries = []
    for session in sessions:
        entry: dict[str, object] = {"week": session.week}
        if session.fixed_file:
            entry["file"] = session.post.path.relative_to(root).as_posix()
        entry["date"] = session.date
        for spec in PLAN_FIELDS:
            value = session.post.values.get(spec.key)
            if isinstance(value, str):
                entry[str(spec.plan_key)] = value
            elif spec.kind == "list" and isinstance(value, list) and all(isinstance(x, str) for x in value):
                entry[str(spec.plan_key)] = list(value)
        for kind in SECTIONS:
            titles = [reading.title for reading in session.body.readings if reading.section == kind]
            if titles:
                entry[kind] = titles
        entries.append(entry)
    header = (
        "# The term's plan, adopted from the site's session files by `seminar adopt`: each session's file,\n"
        "# date (from the schedule page or the post's name), front matter and readings as the files have "
        "them.\n# `seminar build` keeps the files in step with it; README.md, 'The plan', lists every key.\n"
    )
    values: dict[str, object] = {}
    if term:
        values["term"] = term
    values["year"] = profile["year"]
    values.update(calendar)
    values["sessions"] = entries
    return header + yamlio.dump_block(values)


def _plan_calendar(text: str) -> tuple[date | None, frozenset[int]]:
    """The first day and meeting weekdays of a plan's text, when it has both."""
    try:
        old = yamlio.load(text)
    except yamlio.YAMLError:
        return None, frozenset()
    first, meets = (old.get("first_day"), old.get("meets")) if isinstance(old, dict) else (None, None)
    if not isinstance(first, date) or not isinstance(meets, list):
        return None, frozenset()
    try:
        return first, frozenset(weekday(str(name)) for name in meets)
    except SeminarError:
        return None, frozenset()


def _calendar(dates: Sequence[date], old_plan: str | None) -> dict[str, object]:
    """The plan's calendar: the one a plan there already has (a re-adoption keeps it), else the first day
    and the weekdays the sessions meet on (those of two sessions or more), so that a new session without a
    date takes the next meeting day."""
    if old_plan is not None:
        try:
            old = yamlio.load(old_plan)
        except yamlio.YAMLError:
            old = None
        if isinstance(old, dict):
            kept = {key: old[key] for key in CALENDAR_KEYS if key in old}
            if kept:
                return kept
    days = Counter(day.weekday() for day in dates)
    meets = [day for day in sorted(days) if days[day] >= 2] or sorted(days)
    return {"first_day": min(dates), "meets": [DAY_NAMES[day][:3] for day in meets]}


def _config_text(text: str, section: dict[str, Any], profile: dict[str, object]) -> str:
    """`_config.yml` with the profile's settings: a `seminar:` block added at its end, or the block it has
    written again with them (its other settings kept); every line outside the block stays as it is."""
    if not section:
        block = yamlio.dump_block({"seminar": profile})
        gap = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return (
            f"{text}{gap}# How this site keeps its sessions: written by `seminar adopt` (README.md, "
            f'"Using seminar on the site you already have").\n{block}'
        )
    if all(section.get(key) == value for key, value in profile.items()):
        return text
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _SEMINAR_KEY.match(line)), None)
    if start is None:  # `seminar:` written some other way (a flow mapping, a quoted key): not rewritten
        raise SeminarError(
            error(
                "the seminar: block is not a plain `seminar:` mapping seminar can rewrite", Path(CONFIG_NAME)
            )
        )
    end = next((i for i in range(start + 1, len(lines)) if _TOP_LEVEL.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments before the next key are not the block's
    block = yamlio.dump_block({"seminar": {**section, **profile}})
    return "".join([*lines[:start], block, *lines[end:]])


def _data_dir(raw: dict[str, Any]) -> str:
    value = raw.get("data_dir")
    return value if isinstance(value, str) and value else "_data"


def _store_entries(store: PaperStore, sessions: Sequence[AdoptedSession], root: Path) -> int:
    """Put an entry for each reading the store lacks (arXiv ids marked for fetching, others with their
    title and URL); a reading known under another title gets it as an alias. The entries changed."""
    changed = 0
    for session in sessions:
        where = PurePosixPath(session.post.path.relative_to(root).as_posix())
        for reading in session.body.readings:
            key = paper_key(reading.arxiv_id, reading.title)
            existing = store.get(key) if key in store else None
            if existing is None:
                store.put(
                    Paper(
                        title=reading.title,
                        arxiv_id=reading.arxiv_id,
                        url=reading.url,
                        source=f"adopted from {where}",
                    )
                )
                changed += 1
            elif store.by_title(reading.title) is None:
                store.put(Paper(**{**existing.__dict__, "aliases": (*existing.aliases, reading.title)}))
                changed += 1
    return changed


def adopted_lines(adoption: Adoption, written: Sequence[Path]) -> list[str]:
    """What `seminar adopt` prints: each file written, then the summary."""
    lines = [f"wrote   {display_path(path)}" for path in written]
    if not written:
        lines.append("nothing to change: the site is adopted already")
    return [*lines, adoption.summary()]
