"""`seminar check`: what is wrong with a site's posts, found before Jekyll hides it.

Jekyll forgives too much: a post with a bad name or a future date is left out, a YAML error drops the front
matter, two posts with one URL overwrite each other, `{{` in math is run by Liquid, and the build exits 0.
These checks read posts as Jekyll does (YAML 1.1, its file-name rules, its URLs) and name file and line.
Only facts about posts: nothing about a schedule plan.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml

from seminar.core.errors import SeminarError, display_path
from seminar.render.post import FRONT_MATTER_KEYS
from seminar.site.urls import (
    POST_NAME,
    BuildFails,
    PostAddress,
    UnknownURL,
    file_name_date,
    post_address,
    post_files,
    shared_urls,
    site_url_settings,
    split_front_matter,
    with_baseurl,
)
from seminar.sources.config import CONFIG_NAME, SiteConfig

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

POST_EXTENSIONS = (".md", ".markdown", ".html")  # the files in `_posts` that are checked
TEXT_KEYS = ("title", "desc", "term", "layout", "lecture", "extraContent", "notes", "video")
LIST_KEYS = ("tags", "categories")
LECTURE_VERSIONS = ("next", "current")
SESSION_MARKERS = ("desc", "lectureVersion")  # a post with one of these keys is a session post
BUILD_TIMEOUT = 600  # seconds
STRICT_OVERLAY = "liquid:\n  error_mode: strict\n  strict_filters: true\n"

_OPENING = re.compile(r"---\s*\n")  # Jekyll's test for a front-matter block
_RAW = re.compile(r"{%-?\s*raw\s*-?%}.*?(?:{%-?\s*endraw\s*-?%}|\Z)", re.DOTALL)
_FENCE = re.compile(
    r"^ {0,3}(?P<fence>(`|~)\2{2,})(?![^\n]*`).*?(?:^ {0,3}(?P=fence)\2*[ \t]*$|\Z)", re.M | re.S
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
_DISPLAY_MATH = re.compile(r"(?<!\\)\$\$(?:(?!\n[ \t]*\n).)+?\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)[^$\n]+?(?<!\\)\$")
# Where Liquid is never meant, looked for in this order, each blanked out before the next.
_LIQUID_FREE = (
    ("a fenced code block", _FENCE),
    ("a code span", _CODE_SPAN),
    ("$$ math", _DISPLAY_MATH),
    ("$ math", _INLINE_MATH),
)
_LIQUID = re.compile(r"{[{%]")
_DROPPED_HINT = "Jekyll drops it and dates the post the day it builds the site"
_RAW_HINT = "wrap it in {% raw %}...{% endraw %}"
_FUTURE_HINT = "Jekyll leaves it out until then (set future: true in _config.yml to publish it)"
_KEYS_HINT = f"session posts have {', '.join(FRONT_MATTER_KEYS)}, in this order"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_YAML_FAILURE = re.compile(
    r"YAML Exception reading (?P<path>.+?): \(<unknown>\): (?P<message>.+?) at line (?P<line>\d+) column \d+"
)
_LIQUID_FAILURE = re.compile(r"Liquid Exception: (?P<message>.+) in (?P<path>.+)$")
_READ_FAILURE = re.compile(r"Error: could not read file (?P<path>.+?): (?P<message>.+)$")
_LIQUID_LINE = re.compile(r" \(line (\d+)\)")
_RUBY_LOCATION = re.compile(r"^\S+:\d+:in [`'][^']*': ")
_BUILD_NOISE = re.compile(
    r"-*|from .*|.*--trace.*|for any additional information or backtrace\.|ERROR: YOUR SITE COULD NOT BE"
    r" BUILT:|(Configuration file|Source|Destination|Incremental build|Auto-regeneration):.*|Generating\.\.\."
    r"|done in .*"
)


@dataclass(frozen=True)
class Problem:
    """One finding, printed as `_posts/x.md:3: error: ...`."""

    level: Literal["error", "warning"]
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.level}: {self.message}"


@dataclass(frozen=True)
class FrontMatter:
    """A post's front matter as Jekyll reads it, with the line and YAML node of each top-level key."""

    values: Mapping
    nodes: Mapping[str, tuple[int, yaml.Node]]

    @property
    def is_session(self) -> bool:
        return any(key in self.values for key in SESSION_MARKERS)


def lint_posts(config: SiteConfig, today: date) -> list[Problem]:
    """Every check over the site's posts folder, sorted by path and line."""
    settings = site_url_settings(config.root)
    problems: list[Problem] = []
    addresses: list[PostAddress] = []
    for path in post_files(config.posts_path):
        if path.suffix.lower() not in POST_EXTENSIONS:
            continue
        found = check_name(path)
        front = None
        if POST_NAME.fullmatch(path.name):
            front, more = _check_post(path)
            found += more
        if front is not None:
            placing = _place(path, front, addresses, settings.permalink, settings.timezone)
            found += [] if any(problem.level == "error" for problem in found) else placing  # said already
        problems += found
    if not config.future:
        problems += check_future(addresses, today)
    problems += check_shared_urls(addresses, settings.baseurl)
    return sorted(problems, key=lambda problem: (str(problem.path), problem.line or 0))


def check_name(path: Path) -> list[Problem]:
    """A post's name must be `YYYY-MM-DD-title.ext` with a real, zero-padded date, or Jekyll mishandles it."""
    match = POST_NAME.fullmatch(path.name)
    if match is None:
        return [_error(path, None, f"Jekyll skips this file silently: name it YYYY-MM-DD-title{path.suffix}")]
    if not match["slug"].rstrip("."):
        return [
            _error(
                path,
                None,
                "no title after the date: Jekyll publishes the post as a hidden file named '.html'",
            )
        ]
    written = match["date"]
    try:
        when = file_name_date(written)
    except UnknownURL as error:
        return [_error(path, None, f"{error}: name it YYYY-MM-DD-title{path.suffix}")]
    if written == f"{when:%Y-%m-%d}":
        return []
    if [int(part) for part in written.split("-")] == [when.year, when.month, when.day]:
        padded = f"{when:%Y-%m-%d}-{match['slug']}{match['ext']}"
        return [_warning(path, None, f"{written} is not zero-padded: name it {padded}")]
    return [_error(path, None, f"{written} is not a real date: Jekyll dates the post {when:%Y-%m-%d}")]


def read_front_matter(path: Path, text: str) -> tuple[FrontMatter | None, list[Problem]]:
    """The front matter as Jekyll's YAML 1.1 reads it, or the problem that keeps Jekyll from reading it."""
    block, _, _ = split_front_matter(text)
    if block is None:
        if _OPENING.match(text):
            return None, [
                _error(path, 1, "front matter opened here is never closed by '---': Jekyll reads it as text")
            ]
        return FrontMatter({}, {}), []
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"front matter is not valid YAML ({error.problem}): {_DROPPED_HINT}"
        return None, [_error(path, mark.line + 1 if mark else 1, message)]
    except (yaml.YAMLError, ValueError) as error:  # PyYAML raises ValueError for a date such as 2025-02-30
        return None, [_error(path, 1, f"front matter is not valid YAML ({error}): {_DROPPED_HINT}")]
    finally:
        loader.dispose()
    if not isinstance(values, Mapping) or not isinstance(node, yaml.MappingNode):
        return None, [_error(path, 1, f"front matter must be a mapping of keys, not {_kind(values)}")]
    nodes = {
        key.value: (key.start_mark.line + 1, value) for key, value in node.value if key.tag.endswith(":str")
    }
    return FrontMatter(values, nodes), []


def check_session_front_matter(path: Path, front: FrontMatter) -> list[Problem]:
    """Types, blank values and key order of a session post's front matter, as seminar writes them."""
    problems = [
        problem
        for key, (line, node) in front.nodes.items()
        for problem in _check_value(path, key, line, node, front.values[key])
    ]
    return problems + _check_keys(path, front)


def check_liquid_hazards(path: Path, body: str, first_line: int = 1) -> list[Problem]:
    """`{{` or `{%` in math or code, outside `{% raw %}`: Liquid runs it and silently eats text."""
    text = _mask(body, _RAW)
    problems: list[Problem] = []
    for kind, pattern in _LIQUID_FREE:
        for region in pattern.finditer(text):
            tags: dict[int, str] = {}  # the first Liquid tag on each line
            for tag in _LIQUID.finditer(region[0]):
                tags.setdefault(first_line + text.count("\n", 0, region.start() + tag.start()), tag[0])
            problems += [
                _error(
                    path, line, f"'{tag}' inside {kind}: Liquid runs it and silently eats text; {_RAW_HINT}"
                )
                for line, tag in sorted(tags.items())
            ]
        text = _mask(text, pattern)
    return problems


def check_future(addresses: Iterable[PostAddress], today: date) -> list[Problem]:
    """Posts dated after today, which Jekyll leaves out unless `_config.yml` sets `future: true`."""
    return [
        _warning(address.source, None, f"dated {address.date:%Y-%m-%d}, after today: {_FUTURE_HINT}")
        for address in addresses
        if address.date.date() > today
    ]


def check_shared_urls(addresses: Iterable[PostAddress], baseurl: str = "") -> list[Problem]:
    """Posts that claim one URL: Jekyll writes one over the other and only warns."""
    problems = []
    for posts in shared_urls(addresses).values():
        names = ", ".join(display_path(post.source) for post in posts)
        url = with_baseurl(baseurl, posts[0].url)
        message = f"{len(posts)} posts share the URL {url}: {names}; Jekyll writes one over the other"
        problems.append(_error(posts[0].source, None, message))
    return problems


def jekyll_build_problems(config: SiteConfig, jekyll: str = "jekyll") -> list[Problem]:
    """Build the site with real Jekyll, strict about front matter and Liquid, and name what stops it."""
    program = shutil.which(jekyll)
    if program is None:
        raise SeminarError(f"{jekyll}: not found; install Jekyll with: apt-get install jekyll")
    with tempfile.TemporaryDirectory(prefix="seminar-check-") as scratch:
        overlay = Path(scratch) / "strict.yml"
        overlay.write_text(STRICT_OVERLAY, encoding="utf-8")
        command = [program, "build", "--strict_front_matter", "--safe", "--disable-disk-cache"]
        command += ["--source", str(config.root), "--destination", str(Path(scratch) / "site")]
        command += ["--config", f"{config.config_path},{overlay}"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SeminarError(f"jekyll build did not finish in {BUILD_TIMEOUT} s") from None
    if result.returncode == 0:
        return []
    return _build_failures(config.root, _ANSI.sub("", result.stdout + result.stderr))


def _check_post(path: Path) -> tuple[FrontMatter | None, list[Problem]]:
    """The post's front matter (None when Jekyll cannot read it), and its front matter and body checks."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [_error(path, None, f"not UTF-8 text ({error.reason}): Jekyll cannot read it")]
    front, problems = read_front_matter(path, text)
    if front is not None and front.is_session:
        problems += check_session_front_matter(path, front)
    _, body, first_line = split_front_matter(text)
    return front, problems + check_liquid_hazards(path, body, first_line)


def _place(
    path: Path, front: FrontMatter, addresses: list[PostAddress], permalink: str, timezone: str | None
) -> list[Problem]:
    """Add the post's address to `addresses`, or say why Jekyll's URL for it is unknown."""
    try:
        addresses.append(post_address(permalink, path, front.values, timezone=timezone))
    except BuildFails as error:
        return [_error(path, None, str(error))]
    except UnknownURL as error:
        return [_warning(path, None, f"seminar cannot tell this post's URL: {error}")]
    return []


def _check_value(path: Path, key: str, line: int, node: yaml.Node, value: object) -> list[Problem]:
    if value == "":
        return [
            _warning(path, line, f'{key}: "" is an empty string, which Liquid takes for true: leave it blank')
        ]
    if key in TEXT_KEYS and value is not None and not isinstance(value, str):
        return [_retype(path, key, line, node, value)]
    if key in LIST_KEYS:
        return _check_list(path, key, line, node, value)
    if key == "lectureVersion" and value not in LECTURE_VERSIONS:
        return [_error(path, line, f"lectureVersion: must be next or current, not {_shown(node, value)}")]
    return []


def _check_list(path: Path, key: str, line: int, node: yaml.Node, value: object) -> list[Problem]:
    if isinstance(value, str):
        message = (
            f"{key}: a bare string, which Jekyll splits on spaces into {value.split()}: write a YAML list"
        )
        return [_error(path, line, message)]
    if value is not None and not isinstance(value, list):
        return [_error(path, line, f"{key}: must be a list of text, not {_kind(value)}")]
    items = zip(node.value, value or [], strict=True) if isinstance(node, yaml.SequenceNode) else ()
    return [
        _retype(path, f"{key} item", item.start_mark.line + 1, item, element)
        for item, element in items
        if not isinstance(element, str)
    ]


def _retype(path: Path, key: str, line: int, node: yaml.Node, value: object) -> Problem:
    """A value that must be text but that YAML 1.1 reads as something else."""
    if isinstance(node, yaml.ScalarNode) and node.value:
        quoted = json.dumps(node.value, ensure_ascii=False)
        return _error(path, line, f"{key}: YAML 1.1 reads {node.value} as {_kind(value)}; quote it: {quoted}")
    return _error(path, line, f"{key}: must be text, not {_kind(value)}")


def _check_keys(path: Path, front: FrontMatter) -> list[Problem]:
    """seminar's eleven keys, all of them, in its order; other keys are the site's own business."""
    problems = []
    missing = [key for key in FRONT_MATTER_KEYS if key not in front.nodes]
    if missing:
        problems.append(_warning(path, 1, f"front matter lacks {', '.join(missing)} ({_KEYS_HINT})"))
    present = [key for key in front.nodes if key in FRONT_MATTER_KEYS]
    expected = [key for key in FRONT_MATTER_KEYS if key in front.nodes]
    misplaced = next((key for key, wanted in zip(present, expected, strict=True) if key != wanted), None)
    if misplaced is not None:
        problems.append(
            _warning(path, front.nodes[misplaced][0], f"{misplaced}: out of order ({_KEYS_HINT})")
        )
    return problems


def _build_failures(root: Path, output: str) -> list[Problem]:
    """Jekyll's failure output as problems: its file and line where it names one, else its last words."""
    problems: list[Problem] = []
    for line in output.splitlines():
        problem = _build_failure(root, line.strip())
        if problem is not None and problem not in problems:
            problems.append(problem)
    if problems:
        return problems
    meaningful = [
        _RUBY_LOCATION.sub("", line.strip())
        for line in output.splitlines()
        if not _BUILD_NOISE.fullmatch(line.strip())
    ]
    return [_error(root / CONFIG_NAME, None, "jekyll build failed: " + " / ".join(meaningful[-3:]))]


def _build_failure(root: Path, line: str) -> Problem | None:
    """The problem one line of Jekyll's output names, if it names a file."""
    if match := _YAML_FAILURE.search(line):
        path = _site_file(root, match["path"])
        return _error(path, int(match["line"]), f"front matter is not valid YAML ({match['message']})")
    if match := _LIQUID_FAILURE.search(line):
        path = _site_file(root, match["path"])
        number = _LIQUID_LINE.search(match["message"])
        where = int(number[1]) + _body_line(path) - 1 if number else None
        return _error(path, where, _LIQUID_LINE.sub("", match["message"]))
    if match := _READ_FAILURE.search(line):
        return _error(_site_file(root, match["path"]), None, match["message"])
    return None


def _site_file(root: Path, named: str) -> Path:
    path = Path(named)
    return path if path.is_absolute() else root / path


def _body_line(path: Path) -> int:
    """The file's line that Liquid counts as its line 1: the first after the front matter."""
    try:
        return split_front_matter(path.read_text(encoding="utf-8"))[2]
    except (OSError, UnicodeDecodeError):
        return 1


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out what `pattern` matches, keeping line breaks so that lines still count."""
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), text)


def _kind(value: object) -> str:
    """How a wrongly typed value is named in a message."""
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return repr(value)


def _shown(node: yaml.Node, value: object) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else _kind(value)


def _error(path: Path, line: int | None, message: str) -> Problem:
    return Problem("error", path, line, message)


def _warning(path: Path, line: int | None, message: str) -> Problem:
    return Problem("warning", path, line, message)
