"""`seminar check`: what is wrong with a site's posts, found before Jekyll hides it.

Jekyll forgives too much: a post with a bad name or a future date is left out, a YAML error drops the front
matter, two posts with one URL overwrite each other, `{{` in math is run by Liquid, and the build exits 0.
These checks read posts as Jekyll does (YAML 1.1, its file-name rules, its URLs) and name file and line.
Only facts about posts: nothing about a schedule plan.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import yaml

from seminar.core.errors import Diagnostic, display_path, error, warning
from seminar.model.profile import SiteProfile
from seminar.model.session import FRONT_MATTER_KEYS, LECTURE_VERSIONS, POST_NAME, SESSION_FIELDS
from seminar.site.layouts import layout_problem, site_layouts
from seminar.site.posts import SitePost, kind_of
from seminar.site.urls import (
    Address,
    BuildFails,
    PostAddress,
    UnknownURL,
    URLSettings,
    document_address,
    file_name_date,
    post_address,
    shared_urls,
    site_url_settings,
    with_baseurl,
)
from seminar.sources.config import SiteConfig

TEXT_KEYS = tuple(spec.key for spec in SESSION_FIELDS if spec.kind == "text")
LIST_KEYS = tuple(spec.key for spec in SESSION_FIELDS if spec.kind == "list")
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
_RAW_HINT = "wrap it in {% raw %}...{% endraw %}"
_FUTURE_HINT = "Jekyll leaves it out until then (set future: true in _config.yml to publish it)"


def is_session(post: SitePost) -> bool:
    """Whether a post is a session post: it has one of the keys only session posts have."""
    return post.is_session


def lint_posts(config: SiteConfig, posts: Sequence[SitePost], today: date) -> list[Diagnostic]:
    """Every check over the site's posts (as `read_posts` read them), sorted by path and line."""
    settings = site_url_settings(config.root)
    layouts = site_layouts(config)
    problems: list[Diagnostic] = []
    addresses: list[PostAddress] = []
    documents: list[Address] = []
    default = config.profile == SiteProfile()
    for post in posts:
        # The keys of a file seminar wrote are seminar's; an adopted site's own files keep theirs their way.
        keys = config.profile.front_matter if default or post.marked else None
        if config.collection is not None:  # a collection's documents need no date in their names
            found = check_post(post, keys)
            if post.problem is None and is_session(post):
                found += [problem for problem in [layout_problem(config, layouts, post)] if problem]
            if post.problem is None:
                found += _place_document(config.collection, post, documents, settings)
            problems += found
            continue
        found = check_name(post.path)
        if POST_NAME.fullmatch(post.path.name):
            found += check_post(post, keys)
            if post.problem is None and is_session(post):
                found += [problem for problem in [layout_problem(config, layouts, post)] if problem]
            if post.problem is None:
                placing = _place(post, addresses, settings.permalink, settings.timezone)
                found += [] if any(problem.level == "error" for problem in found) else placing  # said already
        problems += found
    if not config.future:
        problems += check_future(addresses, today)
    problems += check_shared_urls([*addresses, *documents], settings.baseurl)
    return sorted(problems, key=lambda problem: (str(problem.file), problem.line or 0))


def check_name(path: Path) -> list[Diagnostic]:
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


def check_session_front_matter(
    post: SitePost, keys: tuple[str, ...] | None = FRONT_MATTER_KEYS
) -> list[Diagnostic]:
    """Types, blank values and key order of a session post's front matter, as seminar writes them: `keys`
    are the site profile's, in its order."""
    problems = [
        problem
        for key, (line, node) in post.nodes.items()
        for problem in _check_value(post.path, key, line, node, post.values[key])
    ]
    if keys is not None:
        problems += _check_keys(post, keys)
    return problems


def check_liquid_hazards(path: Path, body: str, first_line: int = 1) -> list[Diagnostic]:
    """`{{` or `{%` in math or code, outside `{% raw %}`: Liquid runs it and silently eats text."""
    text = _mask(body, _RAW)
    problems: list[Diagnostic] = []
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


def check_future(addresses: Iterable[PostAddress], today: date) -> list[Diagnostic]:
    """Posts dated after today, which Jekyll leaves out unless `_config.yml` sets `future: true`."""
    return [
        _warning(address.source, None, f"dated {address.date:%Y-%m-%d}, after today: {_FUTURE_HINT}")
        for address in addresses
        if address.date.date() > today
    ]


def check_shared_urls(addresses: Iterable[Address], baseurl: str = "") -> list[Diagnostic]:
    """Posts that claim one URL: Jekyll writes one over the other and only warns."""
    problems = []
    for posts in shared_urls(addresses).values():
        names = ", ".join(display_path(post.source) for post in posts)
        url = with_baseurl(baseurl, posts[0].url)
        message = f"{len(posts)} posts share the URL {url}: {names}; Jekyll writes one over the other"
        problems.append(_error(posts[0].source, None, message))
    return problems


def check_post(post: SitePost, keys: tuple[str, ...] | None = FRONT_MATTER_KEYS) -> list[Diagnostic]:
    """The problems of one post: front matter Jekyll cannot read, a session's front matter (`keys` in their
    order; None: any keys, in any order), Liquid hazards."""
    if not post.decoded:
        return [post.problem] if post.problem else []
    problems = [post.problem] if post.problem else []
    if post.problem is None and is_session(post):
        problems += check_session_front_matter(post, keys)
    return problems + check_liquid_hazards(post.path, post.body, post.body_line)


def _place_document(
    collection: str, post: SitePost, documents: list[Address], settings: URLSettings
) -> list[Diagnostic]:
    """Add a collection document's address to `documents`, or say why Jekyll's URL for it is unknown."""
    try:
        documents.append(
            document_address(
                settings.permalink,
                collection,
                settings.collection_permalink(collection),
                post.path,
                post.values,
                timezone=settings.timezone,
            )
        )
    except BuildFails as failure:
        return [error(str(failure), post.path)]
    except UnknownURL as failure:
        return [warning(f"seminar cannot tell this file's URL: {failure}", post.path)]
    return []


def _place(
    post: SitePost, addresses: list[PostAddress], permalink: str, timezone: str | None
) -> list[Diagnostic]:
    """Add the post's address to `addresses`, or say why Jekyll's URL for it is unknown."""
    try:
        addresses.append(post_address(permalink, post.path, post.values, timezone=timezone))
    except BuildFails as failure:
        return [error(str(failure), post.path)]
    except UnknownURL as failure:
        return [warning(f"seminar cannot tell this post's URL: {failure}", post.path)]
    return []


def _check_value(path: Path, key: str, line: int, node: yaml.Node, value: object) -> list[Diagnostic]:
    if value == "":
        return [
            _warning(path, line, '"" is an empty string, which Liquid takes for true: leave it blank', key)
        ]
    if key == "lectureVersion":
        if value in LECTURE_VERSIONS:
            return []
        return [_error(path, line, f"must be next or current, not {_shown(node, value)}", key)]
    if key in TEXT_KEYS and value is not None and not isinstance(value, str):
        return [_retype(path, key, line, node, value)]
    if key in LIST_KEYS:
        return _check_list(path, key, line, node, value)
    return []


def _check_list(path: Path, key: str, line: int, node: yaml.Node, value: object) -> list[Diagnostic]:
    if isinstance(value, str):
        message = f"a bare string, which Jekyll splits on spaces into {value.split()}: write a YAML list"
        return [_error(path, line, message, key)]
    if value is not None and not isinstance(value, list):
        return [_error(path, line, f"must be a list of text, not {kind_of(value)}", key)]
    items = zip(node.value, value or [], strict=True) if isinstance(node, yaml.SequenceNode) else ()
    return [
        _warning(path, item.start_mark.line + 1, "a blank item, which Jekyll leaves out", f"{key} item")
        if element is None  # Jekyll's Utils.pluralized_array_from_hash compacts the list
        else _retype(path, f"{key} item", item.start_mark.line + 1, item, element)
        for item, element in items
        if not isinstance(element, str)
    ]


def _retype(path: Path, key: str, line: int, node: yaml.Node, value: object) -> Diagnostic:
    """A value that must be text but that YAML 1.1 reads as something else."""
    if isinstance(node, yaml.ScalarNode) and node.value:
        quoted = json.dumps(node.value, ensure_ascii=False)
        return _error(path, line, f"YAML 1.1 reads {node.value} as {kind_of(value)}; quote it: {quoted}", key)
    return _error(path, line, f"must be text, not {kind_of(value)}", key)


def _check_keys(post: SitePost, keys: tuple[str, ...]) -> list[Diagnostic]:
    """The profile's keys (seminar's eleven by default), all of them, in its order; other keys are the
    site's own business."""
    problems = []
    path = post.path
    hint = f"session files here have {', '.join(keys)}, in this order"
    missing = [key for key in keys if key not in post.nodes]
    if missing:
        problems.append(_warning(path, 1, f"front matter lacks {', '.join(missing)} ({hint})"))
    present = [key for key in post.nodes if key in keys]
    expected = [key for key in keys if key in post.nodes]
    misplaced = next((key for key, wanted in zip(present, expected, strict=True) if key != wanted), None)
    if misplaced is not None:
        problems.append(_warning(path, post.nodes[misplaced][0], f"out of order ({hint})", misplaced))
    return problems


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out what `pattern` matches, keeping line breaks so that lines still count."""
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), text)


def _shown(node: yaml.Node, value: object) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else kind_of(value)


def _error(path: Path, line: int | None, message: str, key: str | None = None) -> Diagnostic:
    return error(message, path, line, key)


def _warning(path: Path, line: int | None, message: str, key: str | None = None) -> Diagnostic:
    return warning(message, path, line, key)
