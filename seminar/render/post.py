"""Session posts: front matter in the order real class sites use, the body from templates, the file name.

Front matter is written by PyYAML, which reads and writes YAML 1.1 as Jekyll does, so anything Jekyll would
take for a number, a boolean or a date (`2410.10000`, `yes`, `10:00`) comes out quoted.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from slugify import slugify

from seminar.core.errors import SeminarError
from seminar.model.arxiv_ids import find_arxiv_ids
from seminar.model.papers import Session
from seminar.render.markdown import environment, render
from seminar.render.markers import wrap
from seminar.sources.config import SiteConfig

FRONT_MATTER_KEYS = (
    "layout",
    "title",
    "lecture",
    "lectureVersion",
    "extraContent",
    "notes",
    "video",
    "tags",
    "desc",
    "term",
    "categories",
)
_WEEK_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SLUG_LENGTH = 60
EXCERPT = "<!--excerpt.start-->"  # the excerpt_separator: the summary ends here; what follows is the author's
PLACEHOLDER_TITLE = "TBA"  # what a session without a title yet shows; easy to find and fill in


class _FrontMatterDumper(yaml.SafeDumper):
    """Blank values are written blank (`lecture:`), never `null` or `""` (Liquid takes "" for true)."""


_FrontMatterDumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def check_week_label(week: str) -> str:
    """A week label reaches file names and URLs: letters, digits, `.`, `-`, `_` only (S4, W03.2, S0-L07)."""
    if not _WEEK_LABEL.fullmatch(week) or ".." in week:
        raise SeminarError(
            f"week label {week!r} is not usable: use up to 32 letters, digits, '.', '-' or '_' "
            "starting with a letter or digit, like S4 or W03.2"
        )
    return week


def check_line(option: str, value: str) -> None:
    """Text for front matter must be one line of printable characters."""
    if _CONTROL.search(value):
        raise SeminarError(f"{option} {value!r}: control characters and line breaks are not allowed")


def front_matter(session: Session) -> dict[str, object]:
    values = {
        "layout": session.layout,
        "title": session.title or PLACEHOLDER_TITLE,
        "lecture": session.lecture,
        "lectureVersion": session.lecture_version,
        "extraContent": session.extra_content,
        "notes": session.notes,
        "video": session.video,
        "tags": list(session.tags),
        "desc": session.desc,
        "term": session.term,
        "categories": list(session.categories),
    }
    # Unknown values are blank: an empty string or list is written as YAML null.
    return {key: values[key] or None for key in FRONT_MATTER_KEYS}


def dump_front_matter(values: dict[str, object]) -> str:
    text = yaml.dump(
        values,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=1_000_000,
    )
    return f"---\n{text}---\n"


def needs_quotes(text: str) -> bool:
    """Whether YAML 1.1, as Jekyll reads it, would take `text` for something else unless it is quoted."""
    return yaml.dump(text, Dumper=_FrontMatterDumper, width=1_000_000).startswith(("'", '"'))


def render_region(config: SiteConfig, session: Session) -> str:
    """The reading list seminar owns in a post: a blank line, the template's text, a blank line."""
    body = render(environment(config.root), "session.md.j2", session=session)
    return "\n" + body.strip("\n") + "\n\n"


def render_post(config: SiteConfig, session: Session) -> str:
    """A new post: front matter, the marked reading list, then the excerpt marker for the author's text."""
    values = front_matter(session)
    return f"{dump_front_matter(values)}\n{wrap(render_region(config, session), values)}\n{EXCERPT}\n"


def referenced_ids(config: SiteConfig) -> list[str]:
    """Base ids of every arXiv paper the site's posts link to, post by post in file order."""
    ids: list[str] = []
    if config.posts_path.is_dir():
        for path in sorted(config.posts_path.rglob("*")):
            if path.suffix in (".md", ".markdown", ".html") and path.is_file():
                ids.extend(find_arxiv_ids(path.read_text(encoding="utf-8", errors="replace")))
    return list(dict.fromkeys(ids))


def post_slug(session: Session) -> str:
    """ASCII slug of the title (transliterated); the week label while there is no title, or none survives."""
    slug = slugify(session.title or "", max_length=_SLUG_LENGTH, word_boundary=True)
    return slug or slugify(session.week)


def post_path(config: SiteConfig, session: Session) -> Path:
    """`_posts/YYYY-MM-DD-<slug>.md`: Jekyll skips a post whose name does not start with a padded date."""
    return config.posts_path / f"{session.date.isoformat()}-{post_slug(session)}.md"
