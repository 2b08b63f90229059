"""Readings added to a session file seminar did not write: new blocks in the file's own style, nothing else.

An adopted site's session files hold reading lists a person wrote, in that site's layout, and no markers:
seminar never regenerates them. When the plan gives a section more readings than the file has, the new
ones are added after the section's last reading (or under a new section heading), each rendered in the
profile's style, and every other byte of the file stays. A file whose readings are not the start of the
plan's (a reading removed, replaced or moved) is for its author to change: that is a conflict, never
rewritten.
"""

from __future__ import annotations

from dataclasses import replace

from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.model.papers import Paper
from seminar.model.profile import SECTIONS, ReadingStyle
from seminar.model.session import Session
from seminar.model.titles import normalize_title
from seminar.render.post import render_reading
from seminar.site.posts import SitePost
from seminar.sources.config import SiteConfig
from seminar.sources.site_readings import FoundReading, SessionBody, read_session_body


def same_reading(found: FoundReading, paper: Paper) -> bool:
    """Whether a reading of a file is this paper: the same arXiv id, else the same title (normalized)."""
    if found.arxiv_id and paper.arxiv_id:
        return found.arxiv_id == paper.arxiv_id
    return normalize_title(found.title) == normalize_title(paper.title)


def appended_readings(config: SiteConfig, post: SitePost, session: Session) -> str:
    """The post's body with the plan's new readings added (the same body when there are none).

    A new reading is written as the section's last one is (its heading level), in the file's line endings.
    Raises SeminarError when the file's readings are not the start of the plan's in some section.
    """
    assert post.parts is not None
    body = post.parts.before
    found = read_session_body(body, post.body_line)
    lines = body.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in body else "\n"
    inserts: list[tuple[int, str]] = []  # (index into lines to insert before, text)
    for section in SECTIONS:
        papers = session.readings(section)
        have = [reading for reading in found.readings if reading.section == section]
        if len(have) > len(papers) or not all(map(same_reading, have, papers)):
            raise SeminarError(_differs(post, section, have, papers))
        new = papers[len(have) :]
        if not new:
            continue
        profile = config.profile
        if have:  # written as the section's last reading is: a heading of its level, or a lettered bullet
            last = have[-1]
            style: ReadingStyle = "lettered" if last.style == "lettered" else "heading"
            profile = replace(profile, reading_style=style, reading_level=last.level or profile.reading_level)
        styled = replace(config, profile=profile)
        first = _next_index(have)
        text = "".join("\n" + render_reading(styled, paper, first + i) for i, paper in enumerate(new))
        at, where = _insertion_point(found, section, post.body_line, len(lines))
        if where == "before":  # a new section, before the heading of the section after it
            text = f"{profile.heading(section)}\n{text}\n"
        elif where == "after":  # a new section, after the last one
            text = f"\n{profile.heading(section)}\n{text}"
        inserts.append((at, text.replace("\n", newline)))
    for at, text in sorted(inserts, reverse=True):
        if at > 0 and not lines[at - 1].endswith("\n"):
            lines[at - 1] += newline
        lines.insert(at, text)
    return "".join(lines)


def _next_index(have: list[FoundReading]) -> int:
    """The index (0 for `a`) of the next reading of a section: after the last one's letter when it has one
    (a list lettered a, a, b goes on with c), else after the last reading."""
    last = have[-1].letter if have else None
    if not last or not last.isalpha():
        return len(have)
    number = 0
    for char in last.lower():  # a..z, aa, ab...: the inverse of `render.markdown.letter`
        number = number * 26 + ord(char) - ord("a") + 1
    return number


def _insertion_point(found: SessionBody, section: str, first_line: int, count: int) -> tuple[int, str]:
    """Where a section's new readings go (an index into the body's lines), and whether the section is there
    (`in`), or must be written `before` the heading of the section after it or `after` the last section."""
    sections = [one for one in found.sections if one.kind == section]
    if sections:
        return sections[-1].end - first_line + 1, "in"
    later = [
        one.line
        for one in found.sections
        if one.line is not None and SECTIONS.index(one.kind) > SECTIONS.index(section)
    ]
    if later:  # Required before Background, as a post shows its sections
        return later[0] - first_line, "before"
    if found.sections:
        return found.sections[-1].end - first_line + 1, "after"
    if found.excerpt_line is not None:
        return max(found.excerpt_line - first_line - 1, 0), "after"
    return count, "after"


def _differs(post: SitePost, section: str, have: list[FoundReading], papers: tuple[Paper, ...]) -> Diagnostic:
    """The error of a file whose readings of a section are not the start of the plan's: the first that
    differs, named with its line."""
    for index, reading in enumerate(have):
        if index >= len(papers):
            return error(
                f"{reading.title!r} is a {section} reading here but not in the plan: seminar only adds "
                "readings to a list it did not write; remove it here or add it to the plan",
                post.path,
                reading.line,
            )
        if not same_reading(reading, papers[index]):
            return error(
                f"{section} reading {index + 1} is {reading.title!r} here and {papers[index].title!r} in the "
                "plan: seminar only adds readings to a list it did not write; make them agree",
                post.path,
                reading.line,
            )
    return error(f"its {section} readings are not the start of the plan's", post.path)
