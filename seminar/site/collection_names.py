"""Names for new session files in a collection, chosen so Jekyll's order is the plan's.

A collection whose `sort_by` key no document has (or that has none) is shown in the order of its documents'
paths (Jekyll 4.3 `Collection#sort_docs!`, `Document#<=>`: Ruby's byte-wise String comparison), and sites give
each session its date by that position. A new session's file must therefore sort where the plan puts the
session, or every later session shifts by one. The week label of a collection's session is its file's name
without `.md`, so choosing the name chooses the label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import PurePosixPath

from seminar.core.errors import SeminarError, error
from seminar.model.plan import Plan
from seminar.site.posts import read_post
from seminar.sources.config import SiteConfig

_EXTENSION = ".md"
_LAST_NUMBER = re.compile(r"(.*?)([0-9]+)([^0-9]*)")  # the last run of digits in a name: W15.0, S0-L09
_NUMBER = re.compile(r"\{n(?::[^}]*)?\}")  # `{n}` or `{n:02}` in a file_name pattern


def jekyll_order_key(name: str) -> bytes:
    """How Jekyll orders documents by path: Ruby compares strings byte by byte (UTF-8)."""
    return name.encode("utf-8")


def document_order_key(sort_by: str | None, path: str, values: Mapping[str, object]) -> tuple[object, ...]:
    """Where Jekyll 4.3 puts a collection's document (`Collection#sort_docs_by_key!`): those with the
    collection's `sort_by` key by its value (numbers before text, as values Ruby cannot compare fall back to
    the path), then those without it; each by path (`Document#<=>`) when that does not decide."""
    value = values.get(sort_by) if sort_by else None
    if value is None or isinstance(value, bool):
        return (1, 0, "", jekyll_order_key(path))
    if isinstance(value, int | float):
        return (0, 0, value, jekyll_order_key(path))
    return (0, 1, str(value), jekyll_order_key(path))


def sorts_by_key(config: SiteConfig, values: Iterable[Mapping[str, object]]) -> bool:
    """Whether the collection's documents are ordered by their `sort_by` key: some of them have it."""
    return config.sort_by is not None and any(config.sort_by in one for one in values)


def _stems(config: SiteConfig, plan: Plan | None) -> list[str]:
    """The file stems of the plan's sessions, in plan order."""
    if plan is None:
        return []
    stems = []
    for session in plan.sessions:
        file = session.file or f"{config.posts_dir}/{session.week}{_EXTENSION}"
        stems.append(PurePosixPath(file).stem)
    return stems


def _between(name: str, before: str | None, after: str | None) -> bool:
    key = jekyll_order_key(name + _EXTENSION)
    return (before is None or jekyll_order_key(before + _EXTENSION) < key) and (
        after is None or key < jekyll_order_key(after + _EXTENSION)
    )


def new_week_label(config: SiteConfig, plan: Plan | None, week: str | None, when: date | None) -> str:
    """The week label (the file name without `.md`) of a new session of a collection site.

    The session goes where its date falls in the plan (at the end without a date). A label given must sort
    there; else one is chosen: the profile's numbered `file_name` (such as `S0-L{n:02}`) with the next
    number at the end, or the next session's name with `.0`, `.1`, ... before it (`S0-L07.0` sorts before
    `S0-L07`). Raises SeminarError when the label given would sort elsewhere, or none can be chosen.
    """
    if week is not None and plan is not None and any(session.week == week for session in plan.sessions):
        return week  # a planned session: adding it again is refused, or with --force replaces it, in place
    folder = config.posts_path
    keyed = config.sort_by is not None and folder.is_dir()  # files are read only where a key may order them
    documents = [read_post(path).values for path in folder.glob(f"*{_EXTENSION}")] if keyed else []
    if sorts_by_key(config, documents):
        raise SeminarError(
            error(
                f"this collection is ordered by its documents' {config.sort_by} (collections: in "
                "_config.yml), which seminar does not yet set: write the session's file by hand, or order "
                "the collection by file name (a sort_by key no file has)",
                config.config_path,
            )
        )
    stems = _stems(config, plan)
    dates = [session.date for session in plan.sessions] if plan is not None else []
    position = len(stems) if when is None else sum(1 for day in dates if day is not None and day < when)
    before = stems[position - 1] if position > 0 else None
    after = stems[position] if position < len(stems) else None
    if week is not None:
        if not _between(week, before, after):
            where = " and ".join(f"{name}{_EXTENSION}" for name in (before, after) if name)
            raise SeminarError(
                error(
                    f"{week}{_EXTENSION} would not sort between {where}, where the plan puts this session: "
                    "Jekyll orders the collection by file name, so every later session would change place; "
                    f"leave out --week to get a name that fits ({_suggestion(config, before, after)})",
                    key=f"--week {week}",
                )
            )
        return week
    return _suggestion(config, before, after, strict=True)


def _suggestion(config: SiteConfig, before: str | None, after: str | None, *, strict: bool = False) -> str:
    folder = config.posts_path
    taken = {path.stem for path in folder.glob(f"*{_EXTENSION}")} if folder.is_dir() else set()
    pattern = config.profile.file_name
    if after is None and _NUMBER.search(pattern):
        numbers = [_number(pattern, stem) for stem in taken | ({before} if before else set())]
        n = max((found for found in numbers if found is not None), default=0) + 1
        for candidate in (pattern.format(n=k, week="") for k in range(n, n + 100)):
            if candidate not in taken and _between(candidate, before, None):
                return candidate
    if after is None and before is not None:
        for candidate in _counting_up(before):
            if candidate not in taken and _between(candidate, before, None):
                return candidate
    if after is not None:
        for k in range(10):
            candidate = f"{after}.{k}"
            if candidate not in taken and _between(candidate, before, after):
                return candidate
    if strict:
        raise SeminarError(
            error(
                "no file name fits here by the site's file_name pattern: give one with --week that sorts "
                f"after {before or 'nothing'} and before {after or 'nothing'}"
            )
        )
    return "give --week"


def _counting_up(stem: str) -> list[str]:
    """Names after `stem` by its last number: `W15.0` gives `W15.1`, `W15.2`, ...; none without a number."""
    found = _LAST_NUMBER.fullmatch(stem)
    if found is None:
        return []
    head, digits, tail = found.group(1, 2, 3)
    return [f"{head}{int(digits) + k:0{len(digits)}d}{tail}" for k in range(1, 100)]


def _number(pattern: str, stem: str) -> int | None:
    """The number `{n}` stands for in `stem` when `stem` follows the pattern, else None."""
    parts = _NUMBER.split(pattern, maxsplit=1)
    if len(parts) != 2:
        return None
    found = re.fullmatch(re.escape(parts[0]) + r"([0-9]+)" + re.escape(parts[1]), stem)
    return int(found.group(1)) if found else None
