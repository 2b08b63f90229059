"""The site: the folder holding `_config.yml`, and seminar's settings under its `seminar:` key.

Settings sit beside Jekyll's own (as jekyll-compose keeps `jekyll_compose:`), so a site has one configuration
file; a mistake in it is reported with the file, line and key, never as a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

from seminar.core import yamlio
from seminar.core.errors import SeminarError, error
from seminar.core.fileio import read_text
from seminar.model.profile import READING_STYLES, SECTIONS, SiteProfile
from seminar.model.session import DEFAULT_FIELDS, FRONT_MATTER_KEYS, SESSION_FIELDS

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
        """Today in the site's time zone (Jekyll's `timezone:`), else the machine's."""
        if self.timezone is None:
            return date.today()
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SeminarError(
                error(f"unknown time zone {self.timezone!r}", self.config_path, key="timezone")
            ) from None
        return datetime.now(zone).date()


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


class _Checker:
    """Checks the parsed configuration; every failure names the file, the line and the key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, keys: tuple[str, ...], message: str) -> SeminarError:
        line = _line_of(self.text, keys)
        return SeminarError(error(message, self.path, line, ".".join(keys)))

    def config(self, root: Path, raw: object) -> SiteConfig:
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise SeminarError(error(f"must be a mapping of settings, not {_kind(raw)}", self.path))
        section = raw.get("seminar")
        if section is None:
            section = {}
        if not isinstance(section, dict):
            raise self.fail(("seminar",), f"must be a mapping of settings, not {_kind(section)}")
        for key in section:
            if key not in SETTINGS:
                raise self.fail(("seminar", str(key)), f"unknown setting (known: {', '.join(SETTINGS)})")
        year = section.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise self.fail(("seminar", "year"), f"must be a year such as 2025, not {_kind(year)}")
        future = raw.get("future", False)
        if not isinstance(future, bool):
            raise self.fail(("future",), f"must be true or false, not {_kind(future)}")
        profile = self.profile(raw, section)
        posts_dir = self.folder(section, ("seminar", "posts_dir"), "_posts")
        sort_by = None
        if profile.collection is not None:
            if "posts_dir" in section:
                raise self.fail(("seminar", "posts_dir"), "give either posts_dir or collection, not both")
            folder = self.folder(raw, ("collections_dir",), ".") if raw.get("collections_dir") else ""
            posts_dir = str(PurePosixPath(folder, f"_{profile.collection}"))
            settings = (
                raw["collections"].get(profile.collection) if isinstance(raw["collections"], dict) else None
            )
            sort_by = settings.get("sort_by") if isinstance(settings, dict) else None
        return SiteConfig(
            root=root,
            term=self.text_value(section, ("seminar", "term")),
            year=year,
            posts_dir=posts_dir,
            sort_by=sort_by if isinstance(sort_by, str) else None,
            data_dir=self.folder(raw, ("data_dir",), "_data"),
            timezone=self.text_value(raw, ("timezone",)),
            future=future,
            url=self.text_value(raw, ("url",)),
            defaults=self.defaults(section.get("defaults")),
            arxiv=self.arxiv(section.get("arxiv")),
            profile=profile,
        )

    def profile(self, raw: Mapping[str, object], section: Mapping[str, object]) -> SiteProfile:
        """The site profile from the `seminar:` settings; what is not given is seminar's own format."""
        values: dict[str, object] = {}
        collection = self.text_value(section, ("seminar", "collection"))
        if collection is not None:
            known = raw.get("collections")
            if not isinstance(known, dict | list) or collection not in known or collection == "posts":
                raise self.fail(
                    ("seminar", "collection"),
                    f"{collection!r} is not one of the site's `collections:` (for posts, use posts_dir)",
                )
            values["collection"] = collection
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
            values["file_name"] = pattern
        keys = section.get("front_matter")
        if keys is not None:
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
            values["front_matter"] = tuple(keys)
        headings = section.get("headings")
        if headings is not None:
            where = ("seminar", "headings")
            if not isinstance(headings, dict):
                raise self.fail(where, f"must map sections ({', '.join(SECTIONS)}) to headings")
            for key, heading in headings.items():
                if key not in SECTIONS:
                    raise self.fail((*where, str(key)), f"unknown section (known: {', '.join(SECTIONS)})")
                if not isinstance(heading, str) or not heading.startswith("#") or "\n" in heading:
                    raise self.fail((*where, key), f"must be a markdown heading line, not {_kind(heading)}")
            values["headings"] = dict(headings)
        level = section.get("reading_level")
        if level is not None:
            if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 6:
                raise self.fail(("seminar", "reading_level"), f"must be 1 to 6 (#'s), not {_kind(level)}")
            values["reading_level"] = level
        shown = section.get("sections")
        if shown is not None:
            if not isinstance(shown, list) or not all(name in SECTIONS for name in shown):
                raise self.fail(("seminar", "sections"), f"must list sections ({', '.join(SECTIONS)})")
            values["sections"] = tuple(shown)
        flows = section.get("flow_lists")
        if flows is not None:
            lists = tuple(spec.key for spec in SESSION_FIELDS if spec.kind == "list")
            if not isinstance(flows, list) or not all(key in lists for key in flows):
                raise self.fail(
                    ("seminar", "flow_lists"), f"must list front-matter list keys ({', '.join(lists)})"
                )
            values["flow_lists"] = tuple(flows)
        style = section.get("reading_style")
        if style is not None:
            if style not in READING_STYLES:
                raise self.fail(
                    ("seminar", "reading_style"),
                    f"must be one of {', '.join(READING_STYLES)}, not {_kind(style)}",
                )
            values["reading_style"] = style
        index = section.get("schedule_index")
        if index is not None:
            values["schedule_index"] = self.folder(section, ("seminar", "schedule_index"), "")
        return SiteProfile(**values)  # type: ignore[arg-type]

    def text_value(self, mapping: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
        value = mapping.get(keys[-1])
        if value is None or isinstance(value, str):
            return value or None
        raise self.fail(keys, f"must be text, not {_kind(value)}")

    def folder(self, mapping: Mapping[str, object], keys: tuple[str, ...], default: str) -> str:
        value = self.text_value(mapping, keys) or default
        parts = PurePosixPath(value).parts
        if value.startswith("/") or ".." in parts or "\\" in value or not parts:
            raise self.fail(keys, f"must be a folder inside the site, not {value!r}")
        return str(PurePosixPath(*parts))

    def defaults(self, raw: object) -> dict[str, str | tuple[str, ...] | None]:
        keys = ("seminar", "defaults")
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise self.fail(keys, f"must be a mapping of front-matter values, not {_kind(raw)}")
        defaults: dict[str, str | tuple[str, ...] | None] = {}
        for key, value in raw.items():
            where = (*keys, str(key))
            if key in TEXT_DEFAULTS:
                defaults[key] = self.text_value(raw, where)
            elif key in LIST_DEFAULTS:
                if value is None:
                    value = []
                if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                    raise self.fail(where, f"must be a list of text items, not {_kind(value)}")
                defaults[key] = tuple(value)
            else:
                known = ", ".join((*TEXT_DEFAULTS, *LIST_DEFAULTS))
                raise self.fail(where, f"no default can be set for this key (known: {known})")
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
                raise self.fail((*keys, str(key)), f"unknown setting (known: {', '.join(ARXIV_SETTINGS)})")
            problem = _arxiv_problem(key, value)
            if problem:
                raise self.fail((*keys, key), problem)
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
                raise SeminarError(error(problem, key=f"environment variable {variable}"))
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
