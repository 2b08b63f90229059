"""The site: the folder holding `_config.yml`, and seminar's settings under its `seminar:` key.

Settings sit beside Jekyll's own (as jekyll-compose keeps `jekyll_compose:`), so a site has one configuration
file; a mistake in it is reported with the file, line and key, never as a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import urlsplit

import yaml

from seminar.core import clock, yamlio
from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.core.fileio import read_text
from seminar.model.plan import in_line_order
from seminar.model.profile import READING_STYLES, SECTIONS, SiteProfile
from seminar.model.session import (
    DEFAULT_FIELDS,
    FRONT_MATTER_KEYS,
    SESSION_FIELDS,
    item_problem,
    line_problem,
)

CONFIG_NAME = "_config.yml"
STORE_NAME = "papers.json"

# Front-matter keys a site may give defaults for; title, desc, term and lectureVersion come from each session.
TEXT_DEFAULTS = tuple(spec.key for spec in DEFAULT_FIELDS if spec.kind == "text")
LIST_DEFAULTS = tuple(spec.key for spec in DEFAULT_FIELDS if spec.kind == "list")
PROFILE_SETTINGS = (
    "collection",
    "file_name",
    "front_matter",
    "flow_lists",
    "sections",
    "headings",
    "reading_level",
    "reading_style",
    "schedule_index",
)
SETTINGS = ("term", "year", "posts_dir", "defaults", "arxiv", *PROFILE_SETTINGS)
ARXIV_SETTINGS = ("api_url", "delay", "timeout", "retry_for")
# Environment variables that win over `seminar: arxiv:` (mirrors and test servers set them).
ARXIV_ENVIRONMENT = {
    "api_url": "SEMINAR_ARXIV_API",
    "delay": "SEMINAR_ARXIV_DELAY",
    "timeout": "SEMINAR_ARXIV_TIMEOUT",
}
DEFAULT_API = "https://export.arxiv.org/api/query"
T = TypeVar("T")
ARXIV_MIN_DELAY = 3.0  # arXiv's terms of use: one request every three seconds


@dataclass(frozen=True)
class ArxivSettings:
    """How seminar talks to the arXiv API (or a mirror, or a test server)."""

    api_url: str = DEFAULT_API  # the query URL without `?`
    delay: float = ARXIV_MIN_DELAY  # seconds between requests
    timeout: float = 30.0  # seconds to wait for an answer
    retry_for: float = 120.0  # seconds of retrying (429, 503, timeouts) before giving up


@dataclass(frozen=True)
class SiteConfig:
    """Where a site's files are and what seminar writes into its posts."""

    root: Path
    term: str | None = None
    year: int | None = None
    posts_dir: str = "_posts"
    data_dir: str = "_data"  # Jekyll's own `data_dir`
    timezone: str | None = None  # Jekyll's own `timezone`
    future: bool = False  # Jekyll's own `future`: whether posts dated later than the build are published
    url: str | None = None  # Jekyll's own `url`: the site's address (https://host), for links from outside
    sort_by: str | None = None  # Jekyll's `collections: NAME: sort_by:` of the sessions' collection
    defaults: Mapping[str, str | tuple[str, ...] | None] = field(default_factory=dict)
    arxiv: ArxivSettings = field(default_factory=ArxivSettings)
    profile: SiteProfile = field(default_factory=SiteProfile)

    def default_text(self, key: str) -> str | None:
        value = self.defaults.get(key)
        return value if isinstance(value, str) else None

    def default_list(self, key: str) -> tuple[str, ...]:
        value = self.defaults.get(key)
        return value if isinstance(value, tuple) else ()

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def posts_path(self) -> Path:
        """The folder of the session files: `posts_dir`, or the profile's collection's folder."""
        return self.root / self.posts_dir

    @property
    def collection(self) -> str | None:
        """The collection the sessions are documents of; None when they are posts."""
        return self.profile.collection

    @property
    def store_path(self) -> Path:
        return self.root / self.data_dir / STORE_NAME

    def today(self) -> date:
        """Today in the site's time zone (Jekyll's `timezone:`), else the machine's; the day of the moment
        `SEMINAR_NOW` names when it is set (`seminar.core.clock`). Raises `SeminarError` for an unknown
        `timezone:` or a bad `SEMINAR_NOW`."""
        moment = clock.now()
        if self.timezone is None:
            return moment.date()
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SeminarError(
                error(f"unknown time zone {self.timezone!r}", self.config_path, key="timezone")
            ) from None
        return moment.astimezone(zone).date()


def find_site(start: Path, explicit: Path | None = None) -> Path:
    """The site's root: `explicit` if given, else the nearest folder up from `start` with `_config.yml`."""
    if explicit is not None:
        if not (explicit / CONFIG_NAME).is_file():
            raise SeminarError(error(f"no {CONFIG_NAME} there; --site names a Jekyll site", explicit))
        return explicit.resolve()
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise SeminarError(
        error(
            f"no Jekyll site here: no {CONFIG_NAME} in {start} or above it"
            " (run inside a site or use --site DIR)"
        )
    )


def load_config(root: Path) -> SiteConfig:
    """Read `_config.yml` as Jekyll does (YAML 1.1) and check the `seminar:` settings."""
    path = root / CONFIG_NAME
    text = read_text(path)
    try:
        raw = yamlio.load(text)
    except yamlio.MarkedYAMLError as failure:
        mark = failure.problem_mark or failure.context_mark
        line = mark.line + 1 if mark else None
        raise SeminarError(error(f"not valid YAML: {failure.problem}", path, line)) from None
    except (yamlio.YAMLError, ValueError) as failure:
        raise SeminarError(error(f"not valid YAML: {failure}", path)) from None
    return _Checker(path, text).config(root, raw)


class _Failed(Exception):
    """A setting that cannot be used: its problem is noted (`_Checker.problems`), and the check goes on."""


class _Checker:
    """Checks the parsed configuration; every problem names the file, the line and the key, and all of them
    are reported at once (a setting that cannot be used is left at its default while the rest is checked)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Diagnostic] = []

    def fail(self, keys: tuple[str, ...], message: str) -> _Failed:
        """Note the problem of the setting at `keys`; the exception that leaves it unused."""
        line = _line_of(self.text, keys)
        self.problems.append(error(message, self.path, line, ".".join(keys)))
        return _Failed()

    def guarded(self, check: Callable[[], T], default: T) -> T:
        """`check()`, or `default` when the setting it checks cannot be used."""
        try:
            return check()
        except _Failed:
            return default

    def config(self, root: Path, raw: object) -> SiteConfig:
        """The configuration; SeminarError listing every problem, in line order."""
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise SeminarError(error(f"must be a mapping of settings, not {_kind(raw)}", self.path))
        section = raw.get("seminar")
        if section is None:
            section = {}
        if not isinstance(section, dict):
            self.fail(("seminar",), f"must be a mapping of settings, not {_kind(section)}")
            section = {}
        for key in section:
            if key not in SETTINGS:
                self.fail(("seminar", str(key)), f"unknown setting (known: {', '.join(SETTINGS)})")
        year = section.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            self.fail(("seminar", "year"), f"must be a year such as 2025, not {_kind(year)}")
            year = None
        future = raw.get("future", False)
        if not isinstance(future, bool):
            self.fail(("future",), f"must be true or false, not {_kind(future)}")
            future = False
        profile = self.profile(raw, section)
        posts_dir = self.guarded(lambda: self.folder(section, ("seminar", "posts_dir"), "_posts"), "_posts")
        sort_by = None
        if profile.collection is not None:
            if "posts_dir" in section:
                self.fail(("seminar", "posts_dir"), "give either posts_dir or collection, not both")
            folder = (
                self.guarded(lambda: self.folder(raw, ("collections_dir",), "."), ".")
                if raw.get("collections_dir")
                else ""
            )
            posts_dir = str(PurePosixPath(folder, f"_{profile.collection}"))
            settings = (
                raw["collections"].get(profile.collection) if isinstance(raw["collections"], dict) else None
            )
            sort_by = settings.get("sort_by") if isinstance(settings, dict) else None
        config = SiteConfig(
            root=root,
            term=self.guarded(lambda: self.text_value(section, ("seminar", "term")), None),
            year=year,
            posts_dir=posts_dir,
            sort_by=sort_by if isinstance(sort_by, str) else None,
            data_dir=self.guarded(lambda: self.folder(raw, ("data_dir",), "_data"), "_data"),
            timezone=self.guarded(lambda: self.timezone(raw), None),
            future=future,
            url=self.guarded(lambda: self.text_value(raw, ("url",)), None),
            defaults=self.guarded(lambda: self.defaults(section.get("defaults")), {}),
            arxiv=self.guarded(lambda: self.arxiv(section.get("arxiv")), ArxivSettings()),
            profile=profile,
        )
        if self.problems:
            raise SeminarError(*in_line_order(self.problems))
        return config

    def profile(self, raw: Mapping[str, object], section: Mapping[str, object]) -> SiteProfile:
        """The site profile from the `seminar:` settings; what is not given (or cannot be used) is seminar's
        own format."""
        checks: dict[str, Callable[[], object]] = {
            "collection": lambda: self.collection(raw, section),
            "file_name": lambda: self.file_name(section),
            "front_matter": lambda: self.front_matter(section["front_matter"]),
            "headings": lambda: self.headings(section["headings"]),
            "reading_level": lambda: self.reading_level(section["reading_level"]),
            "sections": lambda: self.sections(section["sections"]),
            "flow_lists": lambda: self.flow_lists(section["flow_lists"]),
            "reading_style": lambda: self.reading_style(section["reading_style"]),
            "schedule_index": lambda: self.folder(section, ("seminar", "schedule_index"), ""),
        }
        values: dict[str, object] = {}
        for key, check in checks.items():
            if section.get(key) is not None:
                value = self.guarded(check, None)
                if value is not None:
                    values[key] = value
        return SiteProfile(**values)  # type: ignore[arg-type]

    def collection(self, raw: Mapping[str, object], section: Mapping[str, object]) -> str | None:
        collection = self.text_value(section, ("seminar", "collection"))
        if collection is not None:
            known = raw.get("collections")
            if not isinstance(known, dict | list) or collection not in known or collection == "posts":
                raise self.fail(
                    ("seminar", "collection"),
                    f"{collection!r} is not one of the site's `collections:` (for posts, use posts_dir)",
                )
        return collection

    def file_name(self, section: Mapping[str, object]) -> str | None:
        pattern = self.text_value(section, ("seminar", "file_name"))
        if pattern is not None:
            try:
                example = pattern.format(week="W01", n=1)
                fixed = pattern.format(week="W02", n=2) == example  # a name that is the same for all
            except (KeyError, ValueError, IndexError, AttributeError, TypeError):
                example, fixed = "", True
            if fixed or "/" in example or example.startswith("."):
                raise self.fail(
                    ("seminar", "file_name"),
                    "must be a file name pattern using {week} or {n} (such as S0-L{n:02}), "
                    f"not {pattern!r}",
                )
        return pattern

    def front_matter(self, keys: object) -> tuple[str, ...]:
        where = ("seminar", "front_matter")
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            raise self.fail(where, f"must be a list of front-matter keys, not {_kind(keys)}")
        unknown = [key for key in keys if key not in FRONT_MATTER_KEYS]
        if unknown or "title" not in keys or len(set(keys)) != len(keys):
            raise self.fail(
                where,
                f"must list each key once, title included, from {', '.join(FRONT_MATTER_KEYS)}"
                + (f" (not {', '.join(map(str, unknown))})" if unknown else ""),
            )
        return tuple(keys)

    def headings(self, headings: object) -> dict[str, str]:
        where = ("seminar", "headings")
        if not isinstance(headings, dict):
            raise self.fail(where, f"must map sections ({', '.join(SECTIONS)}) to headings")
        for key, heading in headings.items():
            if key not in SECTIONS:
                raise self.fail((*where, str(key)), f"unknown section (known: {', '.join(SECTIONS)})")
            if not isinstance(heading, str) or not heading.startswith("#") or "\n" in heading:
                raise self.fail((*where, key), f"must be a markdown heading line, not {_kind(heading)}")
        return dict(headings)

    def reading_level(self, level: object) -> int:
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 6:
            raise self.fail(("seminar", "reading_level"), f"must be 1 to 6 (#'s), not {_kind(level)}")
        return level

    def sections(self, shown: object) -> tuple[str, ...]:
        if not isinstance(shown, list) or not all(name in SECTIONS for name in shown):
            raise self.fail(("seminar", "sections"), f"must list sections ({', '.join(SECTIONS)})")
        return tuple(shown)

    def flow_lists(self, flows: object) -> tuple[str, ...]:
        lists = tuple(spec.key for spec in SESSION_FIELDS if spec.kind == "list")
        if not isinstance(flows, list) or not all(key in lists for key in flows):
            raise self.fail(
                ("seminar", "flow_lists"), f"must list front-matter list keys ({', '.join(lists)})"
            )
        return tuple(flows)

    def reading_style(self, style: object) -> str:
        if style not in READING_STYLES:
            raise self.fail(
                ("seminar", "reading_style"),
                f"must be one of {', '.join(READING_STYLES)}, not {_kind(style)}",
            )
        return str(style)

    def text_value(self, mapping: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
        value = mapping.get(keys[-1])
        if value is None or isinstance(value, str):
            return value or None
        raise self.fail(keys, f"must be text, not {_kind(value)}")

    def timezone(self, raw: Mapping[str, object]) -> str | None:
        """Jekyll's `timezone`, which says what today is (a session's `lectureVersion`)."""
        name = self.text_value(raw, ("timezone",))
        if name is not None:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                raise self.fail(("timezone",), f"unknown time zone {name!r}") from None
        return name

    def folder(self, mapping: Mapping[str, object], keys: tuple[str, ...], default: str) -> str:
        value = self.text_value(mapping, keys) or default
        parts = PurePosixPath(value).parts
        if value.startswith("/") or ".." in parts or "\\" in value or not parts:
            raise self.fail(keys, f"must be a folder inside the site, not {value!r}")
        if "\0" in value:
            raise self.fail(keys, f"holds a NUL byte, which no file name may: {value!r}")
        return str(PurePosixPath(*parts))

    def defaults(self, raw: object) -> dict[str, str | tuple[str, ...] | None]:
        """The front-matter values a session takes when the plan gives none: text of one line, lists of
        such texts, none empty (each reaches every post)."""
        keys = ("seminar", "defaults")
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise self.fail(keys, f"must be a mapping of front-matter values, not {_kind(raw)}")
        defaults: dict[str, str | tuple[str, ...] | None] = {}
        for key, value in raw.items():
            where = (*keys, str(key))
            if key in TEXT_DEFAULTS:
                if value is not None and not isinstance(value, str):
                    self.fail(where, f"must be text, not {_kind(value)}")
                elif (problem := line_problem(value or "")) is not None:
                    self.fail(where, problem)
                else:
                    defaults[key] = value or None
            elif key in LIST_DEFAULTS:
                if value is None:
                    value = []
                if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                    self.fail(where, f"must be a list of text items, not {_kind(value)}")
                    continue
                problem = next(filter(None, (item_problem(key, item) for item in value)), None)
                if problem is not None:
                    self.fail(where, problem)
                    continue
                defaults[key] = tuple(value)
            else:
                known = ", ".join((*TEXT_DEFAULTS, *LIST_DEFAULTS))
                self.fail(where, f"no default can be set for this key (known: {known})")
        return defaults

    def arxiv(self, raw: object) -> ArxivSettings:
        """`seminar: arxiv:` settings, then the environment variables, which win."""
        keys = ("seminar", "arxiv")
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise self.fail(keys, f"must be a mapping of settings, not {_kind(raw)}")
        values: dict[str, object] = {}
        for key, value in raw.items():
            if key not in ARXIV_SETTINGS:
                self.fail((*keys, str(key)), f"unknown setting (known: {', '.join(ARXIV_SETTINGS)})")
                continue
            problem = _arxiv_problem(key, value)
            if problem:
                self.fail((*keys, key), problem)
                continue
            values[key] = value
        for key, variable in ARXIV_ENVIRONMENT.items():
            text = os.environ.get(variable, "").strip()
            if not text:
                continue
            setting: object = text
            if key != "api_url":
                try:
                    setting = float(text)
                except ValueError:
                    setting = text
            problem = _arxiv_problem(key, setting)
            if problem:
                self.problems.append(error(problem, key=f"environment variable {variable}"))
                continue
            values[key] = setting
        settings = ArxivSettings(**values)  # type: ignore[arg-type]
        host = urlsplit(settings.api_url).hostname or ""
        on_arxiv = host == "arxiv.org" or host.endswith(".arxiv.org")
        if on_arxiv and settings.delay < ARXIV_MIN_DELAY:
            # Never faster than arXiv allows, whatever the settings say; only mirrors and test servers may be.
            settings = replace(settings, delay=ARXIV_MIN_DELAY)
        return settings


def _arxiv_problem(key: str, value: object) -> str | None:
    """What is wrong with one arXiv setting, or None."""
    if key == "api_url":
        if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https") or "?" in value:
            return f"must be an http(s) query URL without '?', such as {DEFAULT_API}, not {value!r}"
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or value < 0 or (key == "timeout" and value == 0):  # type: ignore[operator]
        return f"must be a number of seconds{' above 0' if key == 'timeout' else ''}, not {_kind(value)}"
    return None


def _kind(value: object) -> str:
    """How a wrongly typed value is shown in a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _line_of(text: str, keys: tuple[str, ...]) -> int | None:
    """The line of a nested key in YAML text; only used to word an error, so parsed again here."""
    try:
        node = yamlio.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return line
        for key_node, value_node in node.value:
            if key_node.value == key:
                line, node = key_node.start_mark.line + 1, value_node
                break
        else:
            return line
    return line
