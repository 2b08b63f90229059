"""A session of the seminar, and the schema of its post's front matter: declared here once.

The eleven front-matter keys real class sites use, in their order, with what each one holds, where its value
comes from (the plan, the command line, the site's defaults, or the session's date, week and term) and what
the plan calls it. The post writer, the plan reader and editor, the site's defaults, the build and the lint
all derive their keys from `SESSION_FIELDS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from seminar.core.errors import SeminarError, error

if TYPE_CHECKING:
    from seminar.model.papers import Paper

FieldKind = Literal["text", "list"]


@dataclass(frozen=True)
class SessionField:
    """One front-matter key of a session post.

    `key` is the front-matter key (Jekyll's `page.<key>`), `attribute` the `Session` attribute holding it.
    `plan_key` is its name in the plan (`_data/schedule.yml`) and `option` its `new-session` option.
    `derived` keys are worked out from the session's date, week or term when the plan does not give them
    (an adopted site's plan gives them as its files have them), so every build sets them. `site_default`
    says whether `_config.yml` may give a default under `seminar: defaults:`. `plan_rank` orders the keys of
    a plan entry (week first).
    """

    key: str
    attribute: str
    kind: FieldKind
    help: str
    plan_key: str | None = None
    option: str | None = None
    site_default: bool = False
    plan_rank: int = 0
    derived: bool = False


SESSION_FIELDS: tuple[SessionField, ...] = (
    SessionField("layout", "layout", "text", "The Jekyll layout (default: post).", site_default=True),
    SessionField("title", "title", "text", "The session's title.", "title", "--title", plan_rank=1),
    SessionField(
        "lecture", "lecture", "text", "Slide deck file name, without .pdf.", "lecture", "--lecture", True, 3
    ),
    SessionField(
        "lectureVersion",
        "lecture_version",
        "text",
        "next before the session, current after.",
        "lectureVersion",
        plan_rank=9,
        derived=True,
    ),
    SessionField(
        "extraContent",
        "extra_content",
        "text",
        "An extra slide deck name.",
        "extraContent",
        "--extra-content",
        True,
        4,
    ),
    SessionField("notes", "notes", "text", "A short note the post shows.", "notes", "--notes", True, 5),
    SessionField("video", "video", "text", "The lead (presenting) team.", "lead", "--video", True, 2),
    SessionField("tags", "tags", "list", "A tag (repeat for more).", "tags", "--tags", True, 6),
    SessionField(
        "desc",
        "desc",
        "text",
        "A label, free text (shared by sessions whose files are named, as in a collection). Default: "
        "<year>-<week>.",
        "desc",
        "--desc",
        plan_rank=8,
        derived=True,
    ),
    SessionField("term", "term", "text", "The term, e.g. 2025-seminarRead.", derived=True),
    SessionField(
        "categories",
        "categories",
        "list",
        "A category (repeat for more).",
        "categories",
        "--categories",
        True,
        7,
    ),
)
FRONT_MATTER_KEYS = tuple(spec.key for spec in SESSION_FIELDS)
PLAN_FIELDS = tuple(
    sorted((spec for spec in SESSION_FIELDS if spec.plan_key), key=lambda spec: spec.plan_rank)
)
DEFAULT_FIELDS = tuple(spec for spec in SESSION_FIELDS if spec.site_default)
# The keys every build sets: worked out from the session when the plan does not give them.
DERIVED_KEYS = tuple(spec.key for spec in SESSION_FIELDS if spec.derived)
LECTURE_VERSIONS = ("next", "current")  # lectureVersion: the slides to come, or those shown
DEFAULT_LAYOUT = "post"

_WEEK_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

FieldValue = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Session:
    """One meeting of the seminar: what its post's front matter and reading list are made from."""

    week: str
    date: date
    title: str | None  # None until the instructor chooses one
    lecture_version: str
    desc: str
    term: str | None = None
    layout: str = DEFAULT_LAYOUT
    lecture: str | None = None
    extra_content: str | None = None
    notes: str | None = None
    video: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    required: tuple[Paper, ...] = field(default=())
    more: tuple[Paper, ...] = field(default=())
    background: tuple[Paper, ...] = field(default=())
    file: str | None = None  # the session file, relative to the site, when the plan names it

    def readings(self, section: str) -> tuple[Paper, ...]:
        """The papers of one section: required, more or background."""
        papers: tuple[Paper, ...] = getattr(self, section)
        return papers

    @property
    def papers(self) -> tuple[Paper, ...]:
        """Every reading, required first."""
        return (*self.required, *self.more, *self.background)

    def front_matter(self, keys: tuple[str, ...] | None = None) -> dict[str, object]:
        """The post's front matter: these keys in this order (the schema's when None); unknown values blank
        (None), lists as lists."""
        fields = {spec.key: spec for spec in SESSION_FIELDS}
        values = {key: getattr(self, fields[key].attribute) for key in keys or FRONT_MATTER_KEYS}
        return {
            key: (list(value) if isinstance(value, tuple) else value) or None for key, value in values.items()
        }


# Jekyll's DATE_FILENAME_MATCHER, on a file's name: what makes a file in `_posts` a post at all.
POST_NAME = re.compile(r"(?P<date>[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2})-(?P<slug>.*)(?P<ext>\.[^.]+)")


def dated_file(file: str, day: date) -> str:
    """A post's file (`_posts/2024-01-23-L01.md`) renamed for another date; any other file as it is."""
    folder, _, name = file.rpartition("/")
    found = POST_NAME.fullmatch(name)
    if found is None:
        return file
    renamed = f"{day.isoformat()}-{found.group('slug')}{found.group('ext')}"
    return f"{folder}/{renamed}" if folder else renamed


def desc_of(year: int, week: str) -> str:
    """`<year>-<week>`: the post's `desc`."""
    return f"{year}-{week}"


def check_week_label(week: str) -> str:
    """A week label reaches file names and URLs: letters, digits, `.`, `-`, `_` only (S4, W03.2, S0-L07).

    Raises SeminarError naming the label.
    """
    if not _WEEK_LABEL.fullmatch(week) or ".." in week:
        raise SeminarError(
            error(
                f"week label {week!r} is not usable: use up to 32 letters, digits, '.', '-' or '_' "
                "starting with a letter or digit, like S4 or W03.2"
            )
        )
    return week


def line_problem(text: str) -> str | None:
    """What keeps `text` from being a front-matter value, or None: a control character (C0, C1, NUL) or a
    line break (U+0085, U+2028, U+2029 too) would reach the page's HTML."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    if found.group() >= "\ud800":  # what Python makes of a byte that is not UTF-8 (surrogateescape)
        return f"not UTF-8 text ({code} stands for a byte that is not UTF-8)"
    return f"control characters and line breaks are not allowed ({code})"


def item_problem(key: str, text: str) -> str | None:
    """What keeps `text` from being an item of the list `key` (tags, categories), or None: an empty item
    (an empty tag, an empty heading on the tags page), or a control character."""
    if not text.strip():
        return f"an empty item: leave it out ({key}: [] for none)"
    return line_problem(text)


def check_line(option: str, value: str) -> None:
    """Text for front matter must be one line of printable characters; SeminarError naming the option and
    the value."""
    problem = line_problem(value)
    if problem is not None:
        raise SeminarError(error(problem, key=f"{option} {value!r}"))
