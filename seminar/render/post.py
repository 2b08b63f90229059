"""Session posts: front matter in the schema's order, the reading list from templates, the file name.

Front matter is written by `core.yamlio` (PyYAML, YAML 1.1 as Jekyll reads it), so anything Jekyll would
take for a number, a boolean or a date (`2410.10000`, `yes`, `10:00`) comes out quoted.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from slugify import slugify

from seminar.core.errors import SeminarError, error
from seminar.core.yamlio import dump_block
from seminar.model.papers import Paper
from seminar.model.session import Session, dated_file
from seminar.render.markdown import environment, letter, render
from seminar.render.markers import wrap
from seminar.sources.config import SiteConfig

_SLUG_LENGTH = 60
EXCERPT = "<!--excerpt.start-->"  # the excerpt_separator: the summary ends here; what follows is the author's
PLACEHOLDER_TITLE = "TBA"  # what a session without a title yet shows; easy to find and fill in


def front_matter(config: SiteConfig, session: Session) -> dict[str, object]:
    """The post's front matter values: the site profile's keys in its order (a title placeholder while
    there is none)."""
    values = session.front_matter(config.profile.front_matter)
    values["title"] = values["title"] or PLACEHOLDER_TITLE
    return values


def dump_front_matter(values: dict[str, object], flow_lists: tuple[str, ...] = ()) -> str:
    """The `---` block of these values, the lists of `flow_lists` on one line."""
    if not any(key in flow_lists and isinstance(value, list) and value for key, value in values.items()):
        return f"---\n{dump_block(values)}---\n"  # one dump: most sites write no list on one line
    lines = "".join(
        dump_block({key: value}, flow_lists=key in flow_lists and isinstance(value, list) and bool(value))
        for key, value in values.items()
    )
    return f"---\n{lines}---\n"


def render_region(config: SiteConfig, session: Session) -> str:
    """The reading list seminar owns in a post: a blank line, the template's text, a blank line."""
    body = _render(config, "session.md.j2", session=session, profile=config.profile)
    return "\n" + body.strip("\n") + "\n\n"


def render_reading(config: SiteConfig, paper: Paper, index: int) -> str:
    """One reading's block in the site's style (its `index` in its section gives its letter), ending in a
    newline: what `seminar` adds to a reading list it did not write."""
    text = _render(config, "reading.md.j2", paper=paper, profile=config.profile, letter=letter(index))
    return text.strip("\n") + "\n"


def _render(config: SiteConfig, name: str, **context: object) -> str:
    """`render` with the site's templates, what a site template's own code raises while it runs (`{{ 1/0 }}`,
    a template that extends or includes itself without end) a SeminarError naming its file and line; what
    seminar's own templates raise is seminar's bug, and goes on to the last-resort handler."""
    try:
        return render(environment(config.root), name, **context)
    except SeminarError:
        raise
    except Exception as failure:
        stack = traceback.extract_tb(failure.__traceback__)
        frames = [frame for frame in stack if frame.filename.endswith(".j2")]
        site_templates = (config.root / "templates").resolve()
        if not frames or not Path(frames[-1].filename).resolve().is_relative_to(site_templates):
            raise
        if isinstance(failure, RecursionError):
            message = "it includes or extends itself without end"
        elif frames[-1] is stack[-1]:
            message = " ".join(f"{type(failure).__name__}: {failure}".split())
        else:
            raise  # raised in seminar's code (a filter), not the template's own
        place = frames[-1]
        raise SeminarError(error(f"template error: {message}", Path(place.filename), place.lineno)) from None


def render_post(config: SiteConfig, session: Session) -> str:
    """A new post: front matter, the marked reading list, then the excerpt marker for the author's text."""
    values = front_matter(config, session)
    front = dump_front_matter(values, config.profile.flow_lists)
    return f"{front}\n{wrap(render_region(config, session), values)}\n{EXCERPT}\n"


def post_slug(session: Session) -> str:
    """The title's ASCII slug (transliterated, lower case, words joined by `-`) cut to a prefix of its words.

    The slug is the longest run of the title's first words that fits in 60 characters: no word is skipped
    and none moves (python-slugify's own `max_length` with `word_boundary` skips a word that does not fit
    and goes on with shorter later ones, giving `...-survey-of-for-long`). A first word longer than that is
    cut. The week label's slug while there is no title, or none of it survives.
    """
    slug = ""
    for word in slugify(session.title or "").split("-"):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > _SLUG_LENGTH:
            slug = slug or word[:_SLUG_LENGTH]
            break
        slug = longer
    return slug or slugify(session.week)


def post_path(config: SiteConfig, session: Session) -> Path:
    """The session's file when the plan fixes it (a collection's document, an adopted post), else
    `_posts/YYYY-MM-DD-<slug>.md`: Jekyll skips a post whose name does not start with a padded date."""
    if session.file is not None:  # a post's name carries its date: it follows the session's
        return config.root / (session.file if config.collection else dated_file(session.file, session.date))
    return config.posts_path / f"{session.date.isoformat()}-{post_slug(session)}.md"
