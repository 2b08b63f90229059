"""`seminar check`: what is wrong with a site's posts, found before Jekyll hides it.

Jekyll forgives too much: a post with a bad name or a future date is left out, a YAML error drops the front
matter, two posts with one URL overwrite each other, `{{` in math is run by Liquid, and the build exits 0.
These checks read posts as Jekyll does (YAML 1.1, its file-name rules, its URLs) and name file and line.
Only facts about posts: nothing about a schedule plan.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from seminar.core import clock, yamlio
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
        problems += check_timezone(config, [address.date for address in addresses], machine_now())
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


def check_timezone(config: SiteConfig, dates: Iterable[date], now: datetime) -> list[Diagnostic]:
    """Posts that this machine's day has reached and GitHub Pages' has not: left out of a build now.

    Jekyll reads a post's date in its `timezone:`, and without one in the build machine's zone ("the local
    time zone, as set by your OS": https://jekyllrb.com/docs/configuration/options/, `timezone`); GitHub Pages
    builds in UTC (GitHub's hosted runners keep UTC, and the `pages.yml` workflow `seminar init` writes builds
    on one). A post dated later than the build's time is left out unless `future: true` (the same page,
    `future`; Jekyll 4.3's `Publisher#hidden_in_the_future?`). So east of UTC, a post dated today here is in
    the future for a UTC build until midnight UTC. The `dates` (the posts' dates, with their time of day
    when they have one) that `now` (this machine's clock, aware) has reached and UTC's clock has not are
    said in a warning on `_config.yml`, one per date, suggesting this machine's `timezone:`. Nothing on a site
    with `timezone:` or `future: true`, nor west of UTC, where the build's day comes first.
    """
    if config.timezone is not None or config.future:
        return []
    now = now.astimezone() if now.tzinfo is None else now
    here = now.replace(tzinfo=None)
    in_utc = now.astimezone(UTC).replace(tzinfo=None)
    late: Counter[datetime] = Counter()
    for when in dates:
        if isinstance(when, datetime) and when.tzinfo is not None:
            continue  # a moment with its own offset is the same moment in every build
        moment = when if isinstance(when, datetime) else datetime(when.year, when.month, when.day)
        if in_utc < moment <= here:
            late[moment] += 1
    zone = machine_zone()
    suggestion = (
        f"set `timezone: {zone}` in _config.yml (this machine's time zone)"
        if zone
        else "set `timezone:` in _config.yml to this machine's time zone (an IANA name such as Asia/Tokyo)"
    )
    problems = []
    for moment, count in sorted(late.items()):
        shown = f"{moment:%Y-%m-%d}" + (f" {moment:%H:%M}" if moment.time() != datetime.min.time() else "")
        posts, are, them = ("the post", "is", "it") if count == 1 else (f"{count} posts", "are", "them")
        published = moment.replace(tzinfo=UTC).astimezone(now.tzinfo)
        message = (
            "no `timezone:`, so Jekyll dates posts in the time zone it builds in, and GitHub Pages builds in "
            f"UTC: {posts} dated {shown} {are} in the future there until {moment:%Y-%m-%d %H:%M} UTC "
            f"({published:%Y-%m-%d %H:%M} here), and a build before then leaves {them} out; {suggestion}, "
            "or `future: true`"
        )
        problems.append(warning(message, config.config_path))
    return problems


def machine_now() -> datetime:
    """This machine's clock, aware, in its time zone (the `TZ` environment variable's, else the system's):
    `seminar.core.clock.now()`, which `SEMINAR_NOW` stands in for. Raises `SeminarError` on a bad
    `SEMINAR_NOW`."""
    return clock.now()


def machine_zone() -> str | None:
    """This machine's IANA time-zone name (what Jekyll's `timezone:` takes), or None when it cannot tell.

    From `TZ` when it is set (`Asia/Tokyo`, `:Asia/Tokyo` or a path into a zoneinfo folder; a POSIX rule
    such as `JST-9` names no zone), else from where `/etc/localtime` points, else `/etc/timezone`.
    """
    setting = os.environ.get("TZ")
    if setting is not None:
        return _zone_name(setting.lstrip(":"))
    try:
        found = _zone_name(str(Path("/etc/localtime").resolve()))
        if found is None:
            found = _zone_name(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        return None
    return found


def _zone_name(text: str) -> str | None:
    """`text` as a zone name Python's zoneinfo (the IANA database) knows: a path into it gives its tail."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = text.split("zoneinfo/", 1)[1] if "zoneinfo/" in text else text
    name = name.removeprefix("posix/").removeprefix("right/")
    if not name or name.startswith("/"):
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


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
    """What is wrong with one top-level value, `node` as written and `value` as PyYAML typed it: text keys
    and list items are judged by what Jekyll's Psych reads (`yamlio.jekyll_reads`)."""
    if value == "":
        return [
            _warning(path, line, '"" is an empty string, which Liquid takes for true: leave it blank', key)
        ]
    if key == "lectureVersion":
        if value in LECTURE_VERSIONS:
            return []
        return [_error(path, line, f"must be next or current, not {_shown(node, value)}", key)]
    if key in TEXT_KEYS:
        read = yamlio.jekyll_reads(node)
        if read is None:  # not a scalar, or another explicit tag: PyYAML's type stands
            typed = value is not None and not isinstance(value, str)
        else:  # blank is how seminar writes a value not given; a blank only Psych reads (`nUlL`) is not
            typed = read.kind != "text" and not (read.kind == "blank" and value is None)
        return [_retype(path, key, line, node, value)] if typed else []
    if key in LIST_KEYS:
        return _check_list(path, key, line, node, value)
    return []


def _check_list(path: Path, key: str, line: int, node: yaml.Node, value: object) -> list[Diagnostic]:
    """A list key's value: a YAML list of text, each item as Jekyll's Psych reads it."""
    read = yamlio.jekyll_reads(node)
    if read is not None and read.kind == "blank":
        return []
    if read is not None and read.kind == "error":
        return [_retype(path, key, line, node, value)]
    if (read is not None and read.kind == "text") or (read is None and isinstance(value, str)):
        words = (read.shown if read is not None else str(value)).split()
        message = f"a bare string, which Jekyll splits on spaces into {words}: write a YAML list"
        return [_error(path, line, message, key)]
    if value is not None and not isinstance(value, list):
        return [_error(path, line, f"must be a list of text, not {_jekyll_kind(node, value)}", key)]
    items = zip(node.value, value or [], strict=True) if isinstance(node, yaml.SequenceNode) else ()
    problems = []
    for item, element in items:
        read = yamlio.jekyll_reads(item)
        item_line = item.start_mark.line + 1
        if (element is None and read is None) or (read is not None and read.kind == "blank"):
            # Jekyll's Utils.pluralized_array_from_hash compacts the list
            problems.append(_warning(path, item_line, "a blank item, which Jekyll leaves out", f"{key} item"))
        elif (read is None and not isinstance(element, str)) or (read is not None and read.kind != "text"):
            problems.append(_retype(path, f"{key} item", item_line, item, element))
    return problems


def _retype(path: Path, key: str, line: int, node: yaml.Node, value: object) -> Diagnostic:
    """A value that must be text but that YAML 1.1, as Jekyll's Psych reads it, takes for something else
    (`value`: PyYAML's reading, which stands for a node Psych's rules do not decide)."""
    read = yamlio.jekyll_reads(node)
    if isinstance(node, yaml.ScalarNode) and node.value:
        quoted = json.dumps(node.value, ensure_ascii=False)
        if read is not None and read.kind == "error":
            reason = read.shown.partition(": ")[2]
            message = (
                f"Jekyll cannot read {node.value} ({reason}): it drops the whole front matter, and a strict "
                f"build stops; quote it: {quoted}"
            )
            return _error(path, line, message, key)
        message = f"YAML 1.1 reads {node.value} as {_jekyll_kind(node, value)}; quote it: {quoted}"
        return _error(path, line, message, key)
    return _error(path, line, f"must be text, not {_jekyll_kind(node, value)}", key)


def _jekyll_kind(node: yaml.Node, value: object) -> str:
    """What Jekyll reads `node` as, named as `kind_of` names PyYAML's `value`: `the number 34200` (Psych's
    value, which may not be PyYAML's: `10:00` is 36000 to Psych), `the date 2025-02-01`, `blank`."""
    read = yamlio.jekyll_reads(node)
    if read is None or read.kind in ("text", "error"):
        return kind_of(value)
    if read.kind == "blank":
        return "blank"
    noun = {"integer": "number", "float": "number"}.get(read.kind, read.kind)
    return f"the {noun} {read.shown}"


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
