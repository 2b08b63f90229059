"""The readings an existing class site's session file lists, found without changing a byte of it.

`seminar adopt` turns a site whose session files were written by hand into a plan. This module reads one
session file's body (the text after its front matter) and says which readings it lists, in which section,
with which title, link and arXiv id, and where each one sits in the file, so that adopt can report or
annotate them without rewriting anything.

The rules are those of the three shapes of real class sites (a 2024 reading-log blog, a 2025 `contents`
collection and a 2026 `sessions` collection), as the `conventions` block of each synthetic site's
EXPECTED.json in ../shared/sites writes them down; each pattern below says which rule it follows.
Every pattern is anchored at the start of a line or starts with a literal, so none is quadratic on a long
line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from seminar.model.arxiv_ids import find_arxiv_ids, parse_arxiv_id
from seminar.model.calendar import MONTH_NAMES

REQUIRED = "required"
MORE = "more"
BACKGROUND = "background"

# Jekyll's `excerpt_separator` on all three sites; nothing after it is a reading (conventions.not_readings:
# the blog sections that follow it have headings of their own).
EXCERPT_MARKER = "<!--excerpt.start-->"

# An ATX heading as kramdown (Jekyll's Markdown) reads it: one to six `#` at the start of the line.
HEADING = re.compile(r"(#{1,6})(?!#)(.*)")

# Section headings, matched on the heading's text case-insensitively, with or without the trailing colon,
# at any heading level (`### more readings` is a level-3 section on the contents site). From
# conventions.section: required: `## Readings:`, `## Required Readings:` with or without a topic after the
# colon; more: `## More Readings:`, `## More reading:`, `## More readings`, `### more readings`,
# `## Extra Readings:`; background: `## Background Readings:`.
SECTION_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (REQUIRED, re.compile(r"(?:required[ \t]+)?readings?(?:[ \t]*:.*)?", re.IGNORECASE | re.DOTALL)),
    (MORE, re.compile(r"(?:more|extra)[ \t]+readings?(?:[ \t]*:.*)?", re.IGNORECASE | re.DOTALL)),
    (BACKGROUND, re.compile(r"background[ \t]+readings?(?:[ \t]*:.*)?", re.IGNORECASE | re.DOTALL)),
)

# Readings written as headings are `###`, `####` or `#####` (conventions.not_readings: a `#####` heading is
# a reading of its own, not part of the reading above it).
READING_HEADING_LEVELS = range(3, 6)

# A reading written as a lettered bullet at the start of a line, `+ a. Title (Month Year)` (sessions site;
# letters may repeat, W02.2). Only lower-case letters: `+ A. Author, B. Author` is an author line.
LETTERED = re.compile(r"[+*-][ \t]+(?P<letter>[a-z])\.[ \t]+(?P<text>\S.*)")

# A markdown table row; never a reading, and its links are not readings' links (conventions.not_readings).
TABLE_ROW = re.compile(r"[ \t]*\|")

# A fenced code block's opening or closing line (CommonMark and kramdown); nothing inside one is read.
FENCE = re.compile(r"[ ]{0,3}(?:`{3,}|~{3,})")

# A line that gives its reading's link (conventions.url): a bullet holding a link, `+ [url](url)`,
# `+ [URL](url)`, `+ [ URL](url)` or `+ url` (contents and posts sites, at any indentation); a `- Link:` or
# `- arXiv:` sub-bullet, tab- or two-space-indented (sessions site); or a bare URL line with no bullet
# (contents site S0-L03). Other keyed sub-bullets (`- GitHub:`, `- Project:`, `- Venue:`) give no link.
LINK_LINE = re.compile(
    r"[ \t]*(?:[+*-][ \t]+)?(?:(?i:link|arxiv)[ \t]*:[ \t]*)?"
    r"(?:\[[^\]]*\]\((?P<target>[^)\s]*)\)|<?(?P<bare>https?://[^\s<>]+))"
)

# The first http(s) URL in a piece of text (a heading `Name: https://...`, conventions.title and .url); a
# URL ends at white space, a bracket or a parenthesis, so `[url](url)` gives the URL once.
URL = re.compile(r"https?://[^\s<>\[\]()]+")

# Punctuation that ends a sentence rather than a URL.
URL_TRAILING_PUNCTUATION = ".,;:!?*'\""

# A markdown link `[text](target)` at the start of a heading or lettered bullet's text.
LEADING_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)\)")

# The trailing `(Month Year ...)` of a lettered reading, `(October 2023)` or `(August 2023, updated December
# 2024)`, which the title leaves out (conventions.title). Matched on the text from the last `(` only.
_MONTHS = "|".join(f"{name[:3]}(?:{name[3:]})?" for name in MONTH_NAMES)
DATE_PARENTHETICAL = re.compile(rf"\((?i:{_MONTHS})\.?[ \t]+[0-9]{{4}}\b[^()]*\)[ \t]*")

# Markup around a whole title: bold or italic.
EMPHASIS = ("**", "__", "*", "_")


@dataclass(frozen=True)
class FoundReading:
    """One reading of a session file.

    `section` is "required", "more" or "background"; `title` has the markup removed (EXPECTED
    conventions.title); `url` is the first http(s) URL given for the reading, exactly as written, or None;
    `arxiv_id` is the base id (no version) of the first arxiv.org URL given for it (abs/, pdf/ or html/),
    or None. `line` is the file line of its heading or lettered bullet and `end` that of the last non-blank
    line of its block. `style` is "heading" (with `level`, the number of #'s) or "lettered" (with
    `letter`).
    """

    section: str
    title: str
    url: str | None
    arxiv_id: str | None
    line: int
    end: int
    style: str
    level: int | None
    letter: str | None


@dataclass(frozen=True)
class FoundSection:
    """A section of readings: `kind` is "required", "more" or "background"; `heading` is the heading line
    exactly as written and `line` its file line (both None for the readings before any heading, which are
    required); `end` is the file line of the section's last non-blank line (its heading's when empty)."""

    kind: str
    heading: str | None
    line: int | None
    end: int
    readings: tuple[FoundReading, ...]


@dataclass(frozen=True)
class SessionBody:
    """What a session file's body lists: its sections in file order, the file line of its excerpt marker
    (None without one), and the (file line, text) of each line that looks like a reading or a paper link
    but belongs to no reading (an arXiv link outside any reading, a reading under an unknown heading)."""

    sections: tuple[FoundSection, ...]
    excerpt_line: int | None
    unplaced: tuple[tuple[int, str], ...]

    @property
    def readings(self) -> tuple[FoundReading, ...]:
        """Every reading, in file order."""
        return tuple(reading for section in self.sections for reading in section.readings)


def read_session_body(body: str, first_line: int) -> SessionBody:
    """The sections, readings, excerpt marker and unplaced links of a session file's body.

    `body` is the file's text after its front matter and `first_line` the 1-based file line of the body's
    first line; every line number returned is a line of the file. Nothing is ever raised: text that is not
    a reading is left out, or listed in `unplaced` when it looks like one.
    """
    lines = [line.removesuffix("\r") for line in body.split("\n")]
    excerpt = next((index for index, line in enumerate(lines) if EXCERPT_MARKER in line), None)
    kinds = _classify(lines[: len(lines) if excerpt is None else excerpt])
    reader = _Reader(lines, kinds, first_line)
    reader.read()
    return SessionBody(
        sections=tuple(reader.sections),
        excerpt_line=None if excerpt is None else first_line + excerpt,
        unplaced=tuple(reader.unplaced),
    )


# --- one line at a time ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """What one line is: blank, code (inside a fence), a heading (with its level and text), a lettered
    bullet, a table row, or any other text."""

    kind: str
    level: int = 0
    text: str = ""


_BLANK, _CODE, _HEADING, _LETTERED, _TABLE, _TEXT = "blank", "code", "heading", "lettered", "table", "text"


def _classify(lines: Sequence[str]) -> list[_Line]:
    kinds: list[_Line] = []
    fenced = False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
            kinds.append(_Line(_CODE))
        elif fenced:
            kinds.append(_Line(_CODE))
        elif not line.strip():
            kinds.append(_Line(_BLANK))
        elif (heading := _heading(line)) is not None:
            kinds.append(_Line(_HEADING, heading[0], heading[1]))
        elif LETTERED.match(line):
            kinds.append(_Line(_LETTERED))
        elif TABLE_ROW.match(line):
            kinds.append(_Line(_TABLE))
        else:
            kinds.append(_Line(_TEXT))
    return kinds


def _heading(line: str) -> tuple[int, str] | None:
    """The level and text of a heading line (kramdown drops a closing run of #'s), None for other lines."""
    match = HEADING.match(line)
    if match is None:
        return None
    text = match.group(2).strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.strip()
    return (len(match.group(1)), text) if text else None


def section_kind(heading_text: str) -> str | None:
    """The kind of section a heading's text (without its #'s) opens: "required", "more" or "background";
    None when it opens no section (SECTION_HEADINGS)."""
    for kind, pattern in SECTION_HEADINGS:
        if pattern.fullmatch(heading_text.strip()):
            return kind
    return None


def _first_url(text: str) -> str | None:
    match = URL.search(text)
    return None if match is None else match.group().rstrip(URL_TRAILING_PUNCTUATION) or None


def _link_of(line: str) -> str | None:
    """The URL a link line gives (see LINK_LINE), or None when the line gives none."""
    match = LINK_LINE.match(line)
    if match is None:
        return None
    target = match.group("target")
    if target is not None:
        return target if target.startswith(("http://", "https://")) else None
    return match.group("bare").rstrip(URL_TRAILING_PUNCTUATION)


def _arxiv_base(url: str) -> str | None:
    """The base arXiv id of an arxiv.org URL (abs/, pdf/ or html/ form, with or without a version)."""
    found = parse_arxiv_id(url)
    if found is not None:
        return found.base
    if "arxiv.org/" not in url.lower():
        return None
    ids = find_arxiv_ids(url)  # a URL with a query or an anchor after the id
    return ids[0] if ids else None


def _title_and_url(text: str) -> tuple[str, str | None]:
    """A heading's or lettered bullet's text without its markup (conventions.title), and the URL it holds.

    `[Title](url) ...` gives `Title ...` and url; `Name: https://...` gives `Name` and the URL; a trailing
    `(Month Year ...)` and whole-title emphasis are dropped.
    """
    url: str | None = None
    link = LEADING_LINK.match(text)
    if link is not None and link.group("target").startswith(("http://", "https://")):
        url = link.group("target")
        text = link.group("text") + text[link.end() :]
    text = _without_date(text.strip())
    if url is None:
        url = _first_url(text)
        if url is not None:
            before, _, after = text.partition(url)
            if before.rstrip().endswith(":") and not after.strip(URL_TRAILING_PUNCTUATION + " \t"):
                text = before.rstrip()[:-1]
    return _without_emphasis(text.strip()), url


def _without_date(text: str) -> str:
    opening = text.rfind("(")
    if opening > 0 and DATE_PARENTHETICAL.fullmatch(text, opening):
        return text[:opening].rstrip()
    return text


def _without_emphasis(text: str) -> str:
    for mark in EMPHASIS:
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark) : -len(mark)].strip()
    return text


# --- the body as a whole --------------------------------------------------------------------------------


@dataclass
class _Section:
    kind: str
    heading: str | None
    index: int | None
    readings: list[FoundReading] = field(default_factory=list)


class _Reader:
    """One pass over the body's lines, before the excerpt marker, in three zones: before any heading of
    level 1 or 2 (readings there are required), inside a section, and after a level-1/2 heading that is no
    section (readings there belong nowhere and are reported as unplaced)."""

    def __init__(self, lines: Sequence[str], kinds: Sequence[_Line], first_line: int) -> None:
        self.lines, self.kinds, self.first_line = lines, kinds, first_line
        self.sections: list[FoundSection] = []
        self.unplaced: list[tuple[int, str]] = []
        # The section being filled; None in the zone after an unknown level-1/2 heading.
        self.section: _Section | None = _Section(REQUIRED, None, None)
        self.section_start = 0

    def read(self) -> None:
        index, count = 0, len(self.kinds)
        while index < count:
            kind = self.kinds[index]
            if kind.kind == _HEADING:
                index = self._heading(index, kind)
            elif kind.kind == _LETTERED:
                index = self._lettered(index)
            else:
                self._loose(index)
                index += 1
        self._close_section(count)

    # Headings open a section, close one, start a reading, or group the readings that follow them.
    def _heading(self, index: int, heading: _Line) -> int:
        kind = section_kind(heading.text)
        if kind is not None:
            self._close_section(index)
            self.section, self.section_start = _Section(kind, self.lines[index], index), index
            return index + 1
        if heading.level <= 2:
            self._close_section(index)
            self.section = None
            return index + 1
        block_end = self._next_heading(index + 1)
        if self._groups_readings(index, heading.level, block_end):
            return index + 1  # `### Key papers on this topic`: the readings that follow are read one by one
        if heading.level not in READING_HEADING_LEVELS or self.section is None:
            self._report(index)
            return index + 1  # the lines below are read on their own, so that their paper links are reported
        title, url = _title_and_url(heading.text)
        urls = [url] if url is not None else []
        urls.extend(found for line in self.lines[index + 1 : block_end] if (found := _link_of(line)))
        self._add(title, urls, index, block_end, style="heading", level=heading.level, letter=None)
        return block_end

    def _groups_readings(self, index: int, level: int, block_end: int) -> bool:
        """Whether a heading introduces other things rather than being a reading: its block (up to the next
        heading) holds lettered readings or a table (the sessions site's `### Key papers on this topic` and
        `### Slide decks ...`), or a deeper heading follows it directly."""
        block = self.kinds[index + 1 : block_end]
        if any(line.kind in (_LETTERED, _TABLE) for line in block):
            return True
        following = index + 1
        while following < len(self.kinds) and self.kinds[following].kind == _BLANK:
            following += 1
        return following == block_end < len(self.kinds) and self.kinds[following].level > level

    def _next_heading(self, start: int) -> int:
        index = start
        while index < len(self.kinds) and self.kinds[index].kind != _HEADING:
            index += 1
        return index

    # A lettered reading's block: its bullet, then indented lines, lines directly below a non-blank one,
    # and bullets; it ends at a heading, the next lettered bullet, a table, or a new unindented paragraph.
    def _lettered(self, index: int) -> int:
        block_end = index + 1
        after_blank = False
        while block_end < len(self.kinds):
            line, kind = self.lines[block_end], self.kinds[block_end].kind
            if kind in (_HEADING, _LETTERED, _TABLE):
                break
            if kind == _TEXT and after_blank and not line[:1].isspace() and line[:1] not in ("+", "-", "*"):
                break
            after_blank = kind == _BLANK
            block_end += 1
        if self.section is None:
            self._report(index)
            return index + 1
        match = LETTERED.match(self.lines[index])
        assert match is not None  # classified as lettered
        title, url = _title_and_url(match.group("text"))
        urls = [url] if url is not None else []
        urls.extend(found for line in self.lines[index + 1 : block_end] if (found := _link_of(line)))
        self._add(title, urls, index, block_end, style="lettered", level=None, letter=match.group("letter"))
        return block_end

    def _add(
        self,
        title: str,
        urls: list[str],
        index: int,
        block_end: int,
        *,
        style: str,
        level: int | None,
        letter: str | None,
    ) -> None:
        assert self.section is not None
        arxiv_id = next((base for url in urls if (base := _arxiv_base(url)) is not None), None)
        reading = FoundReading(
            section=self.section.kind,
            title=title,
            url=urls[0] if urls else None,
            arxiv_id=arxiv_id,
            line=self.first_line + index,
            end=self.first_line + self._last_filled(index, block_end),
            style=style,
            level=level,
            letter=letter,
        )
        self.section.readings.append(reading)

    # A line outside every reading: reported when it holds a paper link.
    def _loose(self, index: int) -> None:
        kind = self.kinds[index].kind
        if kind in (_BLANK, _CODE):
            return
        line = self.lines[index]
        if find_arxiv_ids(line) or (kind == _TEXT and _link_of(line) is not None):
            self.unplaced.append((self.first_line + index, line))

    def _report(self, index: int) -> None:
        """A line that looks like a reading but belongs to no section (or is a `######` heading)."""
        self.unplaced.append((self.first_line + index, self.lines[index]))

    def _close_section(self, stop: int) -> None:
        section = self.section
        if section is None or (section.index is None and not section.readings):
            return
        start = self.section_start
        self.sections.append(
            FoundSection(
                kind=section.kind,
                heading=section.heading,
                line=None if section.index is None else self.first_line + section.index,
                end=self.first_line + self._last_filled(start, stop),
                readings=tuple(section.readings),
            )
        )
        self.section = None

    def _last_filled(self, start: int, stop: int) -> int:
        """The last line in [start, stop) that is not blank (start when all are)."""
        for index in range(stop - 1, start, -1):
            if self.lines[index].strip():
                return index
        return start
