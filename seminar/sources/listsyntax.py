"""The pieces of a curated list's lines: headings, bullets, keys, links, date tags, months and keypoints.

Each function looks at one line (or one piece of text) and says what it holds, forgiving the variants
people type: a key's colon inside or outside its backticks, full-width `：`, no-break spaces, a backtick never
closed, misspelt keys, emoji before a title.
"""

from __future__ import annotations

import bisect
import difflib
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from seminar.model.arxiv_ids import find_arxiv_ids, parse_arxiv_id
from seminar.model.calendar import MONTH_NAMES

# Canonical names of the keys lists use, by their lower-case spellings. `Key Takeaways` is the objective.
KEYS = {
    "keypoints": "Keypoints",
    "keypoint": "Keypoints",
    "key points": "Keypoints",
    "keywords": "Keypoints",
    "objective": "Objective",
    "objectives": "Objective",
    "key takeaways": "Objective",
    "key takeaway": "Objective",
    "takeaways": "Objective",
    "method": "Method",
    "methods": "Method",
    "metric": "Metric",
    "metrics": "Metric",
    "result": "Results",
    "results": "Results",
    "summary": "Summary",
    "limitation": "Limitation",
    "limitations": "Limitation",
    "discussion": "Discussion",
    "motivation": "Motivation",
    "main pipeline": "Main Pipeline",
    "pipeline": "Main Pipeline",
    "findings": "Findings",
    "contributions": "Contributions",
}
# Keys whose value is a link, not a note (`- Paper: https://...`).
LINK_KEYS = {
    "paper",
    "code",
    "project",
    "project page",
    "homepage",
    "website",
    "pdf",
    "arxiv",
    "github",
    "demo",
}

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u3000]+")
HEADING = re.compile(r" {0,3}(#{1,6})(?!#)[ \t]*+(.*)")  # the closing `#`s are taken off by `heading`
BULLET = re.compile(r"([ \t]*)(?:[-*+]|[0-9]{1,3}[.)])(?:[ \t]+(.*)|[ \t]*)")
# `Key:` / `Key`: / **Key:** / **Key**: at the start of a text, then the value. The blanks around a key are
# taken possessively: a key is at most 60 characters, so `- \`` and 30,000 spaces costs 60 passes over them,
# not one for each way of sharing them between the key and its blanks (a blank key is no key either way).
_MARKED_KEY = re.compile(
    r"""(?:`[ \t]*+([^`:：]{1,60}?)[ \t]*+(?:[:：][ \t]*`|`[ \t]*[:：])
        |\*\*[ \t]*+([^*:：]{1,60}?)[ \t]*+(?:[:：][ \t]*\*\*|\*\*[ \t]*[:：]))[ \t]*(.*)""",
    re.VERBOSE,
)
_UNCLOSED_KEY = re.compile(r"`[ \t]*+([^`:：]{1,60}?)[ \t]*+[:：][ \t]*([^`]*)")
_PLAIN_KEY = re.compile(r"([A-Za-z][A-Za-z ]{1,30}?)[ \t]*[:：][ \t]*(.*)")
# Links and images are read by `find_links` in one pass, a token at a time: an escaped character, a run of
# backticks, `[` or `![`, or `]` with the `(destination "title")` that may follow it (one level of balanced
# parentheses inside, as in Wikipedia's addresses). Possessive: a destination never closed costs no
# backtracking, and each attempt stops at the next parenthesis or space. The spaces too are taken once: a
# `(` followed by 30,000 spaces and no `)` costs one pass over them, not one per way of splitting them (a
# title follows the spaces after its destination, or those after the `(` when it has none: `[a]( "t")`).
_PUNCTUATION = re.escape(string.punctuation)
_DESTINATION = rf"""\([ \t]*+
    (?:<((?:[^<>\n\\]|\\.)*+)>
      |((?:[^\s()\\]++|\\[{_PUNCTUATION}]?+|\((?:[^\s()\\]++|\\[{_PUNCTUATION}]?+)*+\))*+))
    (?:(?:[ \t]++|(?<=[ \t]))(?:"[^"\n]{{0,500}}"|'[^'\n]{{0,500}}'|\([^()\n]{{0,500}}\)))?
    [ \t]*+\)"""
_LINK_TOKEN = re.compile(rf"\\[\\\[\]`!]|`+|!?\[|\](?:{_DESTINATION})?", re.VERBOSE)
_ESCAPED = re.compile(rf"\\([{_PUNCTUATION}])")
# Most links hold no bracket in their text: one pattern finds them (`_flat_links` says when it is enough).
_FLAT_LINK = re.compile(rf"!?\[[^\[\]]*\]{_DESTINATION}", re.VERBOSE)
_ESCAPE_TOKEN = re.compile(r"\\[\\\[\]`!]")
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]`'\"]+", re.IGNORECASE)
# A tag holds no `<`: each attempt stops at the next one, so a tag never closed costs no rescanning.
_IMAGE_HTML = re.compile(r"<img\b(?>[^<>]*?\bsrc=[\"']([^\"'<>]+)[\"'])[^<>]*+>", re.IGNORECASE)
_HTML_ONLY = re.compile(r"(?:\s*</?(?:p|div|br|center|img|span|sup|sub)\b[^>]*>)+\s*", re.IGNORECASE)
_DETAILS = re.compile(r"\s*(?:[-*+][ \t]+)?(</?details\b[^>]*>|<summary\b.*?</summary>)\s*", re.IGNORECASE)
_DATE_TAG = re.compile(r"\[([0-9]{4})\.([0-9]{1,2})\]")
_MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
_NAMED_MONTH = re.compile(r"\b([A-Za-z]{3,9})\.?,?\s+((?:19|20)[0-9]{2})\b")
_PAREN_DATE = re.compile(r"\(([A-Za-z]{3,9})\.?,?\s*((?:19|20)[0-9]{2})\)")
_DIGIT_MONTH = re.compile(r"((?:19|20)[0-9]{2})[-./]?(0[1-9]|1[0-2])")
# Where a title stops on a one-liner: a tag, a link, a bracketed date.
# (Besides the links `find_links` reads; `[...](` with a destination it would not take counts too, bounded.)
_TITLE_END = re.compile(
    r"`\[|\\?\[\[|\\\[|\[(?:[0-9]{4}\.[0-9]|[^\]\n]{0,300}\]\()|\([A-Za-z]{3,9}\.?,?\s*[0-9]{4}\)"
)
_LEADING_SYMBOLS = re.compile(r"^[^\w\[(\"'“‘`*]+")
_SEPARATORS = re.compile(r"[;；、,，]")


@dataclass(frozen=True)
class Key:
    """A keyed line's key (canonical when known, else as written) and its value."""

    name: str
    known: bool  # one of KEYS, or close to one (a misspelling)
    link: bool  # a link key such as `Paper:`
    value: str


def clean(text: str) -> str:
    """Whitespace of every kind (no-break, full-width, zero-width) folded to single spaces, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def indent_of(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading with text."""
    match = HEADING.fullmatch(line)
    if match is None:
        return None
    text = match.group(2).rstrip(" \t")
    closing = text.rstrip("#")  # a closing sequence of `#`s, after a space (`## Title ##`)
    if closing != text and closing and closing[-1] in " \t":
        text = closing
    return (len(match.group(1)), clean(text)) if clean(text) else None


def bullet(line: str) -> tuple[int, str] | None:
    """(indent, text) of a list item."""
    match = BULLET.fullmatch(line)
    return None if match is None else (indent_of(match.group(1)), (match.group(2) or "").strip())


def key_of(text: str) -> Key | None:
    """The key a line's text starts with: backticked or bold in any form, or a known key written plain."""
    marked = _MARKED_KEY.match(text)
    if marked:
        name, value = marked.group(1) or marked.group(2), marked.group(3)
    elif text.count("`") == 1 and (unclosed := _UNCLOSED_KEY.match(text)):
        name, value = unclosed.group(1), unclosed.group(2)
    elif (bare := _PLAIN_KEY.match(text)) and _plain_key(bare.group(1)):
        name, value = bare.group(1), bare.group(2)
    else:
        return None
    return named_key(name, value)


def named_key(name: str, value: str = "") -> Key | None:
    """A key by its name alone (a heading's or a table column's): canonical when known or close to known."""
    name = clean(name)
    if not name:
        return None
    lowered = name.casefold()
    if lowered in LINK_KEYS:
        return Key(lowered, True, True, value.strip())
    canonical = _canonical(name, exact=False)
    return Key(canonical or name, canonical is not None, False, value.strip())


def _plain_key(name: str) -> bool:
    """Without backticks or bold, only the known keys are keys: `short term memory: ...` is text."""
    return clean(name).casefold() in LINK_KEYS or _canonical(name, exact=True) is not None


def _canonical(name: str, *, exact: bool) -> str | None:
    lowered = clean(name).casefold()
    if lowered in KEYS:
        return KEYS[lowered]
    if exact:
        return None
    close = difflib.get_close_matches(lowered, KEYS, n=1, cutoff=0.8)
    return KEYS[close[0]] if close else None


def details_tag(line: str) -> str | None:
    """`open`, `close` or `summary` for a line that is only a <details> structure tag (bulleted or not)."""
    match = _DETAILS.fullmatch(line)
    if match is None:
        return None
    tag = match.group(1).lower()
    return "close" if tag.startswith("</") else "summary" if tag.startswith("<summary") else "open"


def take_images(text: str) -> tuple[str, list[str]]:
    """The text without its images, and the images' addresses."""
    found: list[str] = []
    if "<" in text:
        found, text = _IMAGE_HTML.findall(text), _IMAGE_HTML.sub("", text)
    kept, position = [], 0
    for link in find_links(text) if "![" in text else ():
        if link.image and link.start >= position:  # an image inside an image's text goes with it
            found.append(link.target)
            kept.append(text[position : link.start])
            position = link.end
    text = "".join(kept) + text[position:]
    return ("" if _HTML_ONLY.fullmatch(text) else text), found


class Link(NamedTuple):
    """A link or an image in a piece of text, as CommonMark reads it."""

    start: int
    end: int
    label: str  # the link text as written: brackets, escapes, images and code inside it kept
    target: str  # where it points, escapes undone; empty for `[text]()`
    image: bool

    @property
    def text(self) -> str:
        """The link text with its images taken out and its escapes undone (`\\]` is `]`)."""
        return unescape(without_links(self.label) if "](" in self.label else self.label)

    @property
    def web(self) -> bool:
        return self.target.casefold().startswith(("http://", "https://"))


@lru_cache(maxsize=512)
def find_links(text: str) -> tuple[Link, ...]:
    """Every inline link and image in a text, in order, as CommonMark reads them.

    Link text may hold balanced brackets (`[[CLS] Pruning](url)`) and escaped ones (`\\]`); a code span hides
    the brackets inside it; a link holds no other link, but may hold images (a badge `[![alt](img)](url)`),
    and an image may hold links. Brackets never matched are text. One pass over the text, whatever it holds:
    no pattern backtracks. (Unlike CommonMark, a destination holds parentheses one level deep at most.)
    """
    if "](" not in text:  # no link without it: most lines
        return ()
    if (flat := _flat_links(text)) is not None:
        return flat
    found: list[Link] = []
    openers: list[int] = []  # where each `[` or `![` not matched yet starts
    inactive = 0  # a `[` opened before this is text: a link closed after it (it would hold that link)
    runs: dict[int, list[int]] | None = None
    position = 0
    while (token := _LINK_TOKEN.search(text, position)) is not None:
        start, position = token.span()
        char = text[start]
        if char == "\\":
            continue  # an escaped character is text
        if char == "`":
            runs = _backtick_runs(text) if runs is None else runs
            position = _code_span_end(runs, position - start, position)
        elif char != "]":
            openers.append(start)
        elif not openers:
            position = start + 1  # nothing to close: text (and the destination after it is read again)
        else:
            opener = openers.pop()
            image = text[opener] == "!"
            if position == start + 1 or (opener < inactive and not image):
                position = start + 1  # `[text]` alone, or a link's text holding a link: brackets are text
                continue
            target = token.group(1) if token.group(1) is not None else token.group(2)
            found.append(
                Link(opener, position, text[opener + 1 + image : start], unescape(target).strip(), image)
            )
            if not image:
                inactive = opener  # no link inside a link: a `[` still open before it is text now
    found.sort()
    return tuple(found)


def _flat_links(text: str) -> tuple[Link, ...] | None:
    """The links of a text as `find_links` reads them, found by one pattern when that is enough: None when
    some `](` is left outside the links it finds (a link's text holding brackets, say), or a code span
    touches one of them, or an escaped backtick is there (the full reader is needed then).

    With the escapes blanked, every `](` then closes one of the links found or lies in its destination: the
    full reader meets each link's `[` as the last bracket still open, and reads the same destination.
    """
    if "\\`" in text:
        return None
    blanked = _ESCAPE_TOKEN.sub("\x00\x00", text) if "\\" in text else text
    matches = list(_FLAT_LINK.finditer(blanked))
    position = 0
    for match in matches:
        if blanked.find("](", position, match.start()) >= 0:
            return None
        position = match.end()
    if blanked.find("](", position) >= 0:
        return None
    if "`" in blanked and _code_touches(blanked, [match.span() for match in matches]):
        return None
    found = []
    for match in matches:
        start, end = match.span()
        image = text[start] == "!"
        group = 1 if match.group(1) is not None else 2
        label = text[start + 1 + image : blanked.index("]", start)]
        found.append(Link(start, end, label, unescape(text[slice(*match.span(group))]).strip(), image))
    return tuple(found)


def _code_touches(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a code span of the text (a run of backticks up to the next run of as many) overlaps a span."""
    runs, codes, position = _backtick_runs(text), [], 0
    for run in re.finditer(r"`+", text):
        if run.start() >= position and (end := _code_span_end(runs, len(run.group()), run.end())) > run.end():
            codes.append((run.start(), end))
            position = end
    index = 0
    for start, end in codes:  # both in order, neither overlapping itself
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        if index < len(spans) and spans[index][0] < end:
            return True
    return False


def _backtick_runs(text: str) -> dict[int, list[int]]:
    """Where each run of backticks ends, in order, by the run's length."""
    runs: dict[int, list[int]] = {}
    for run in re.finditer(r"`+", text):
        runs.setdefault(run.end() - run.start(), []).append(run.end())
    return runs


def _code_span_end(runs: dict[int, list[int]], length: int, after: int) -> int:
    """Where a code span opened by `length` backticks ending at `after` ends: after the next run of as many
    (a backslash before the opening run may have taken one of its backticks); `after` when none closes it."""
    ends = runs.get(length, [])
    closing = bisect.bisect_left(ends, after + length)  # the first of them to start at `after` or later
    return ends[closing] if closing < len(ends) else after


def unescape(text: str) -> str:
    """Markdown's backslash escapes undone: `\\[` is `[`."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def without_links(text: str) -> str:
    """The text with its links and images taken out."""
    found = find_links(text)
    if not found:
        return text
    kept, position = [], 0
    for link in found:
        if link.start >= position:  # an image inside a link goes with it
            kept.append(text[position : link.start])
            position = link.end
    return "".join(kept) + text[position:]


def leading_link(text: str) -> Link | None:
    """The link a text starts with (a title that is a link), not an image."""
    found = find_links(text)
    return found[0] if found and found[0].start == 0 and not found[0].image else None


def web_link(text: str) -> str | None:
    """The first web address a piece of text links to (an image's aside), or writes out bare."""
    text = _IMAGE_HTML.sub("", text) if "<" in text else text
    for link in find_links(text):
        if link.web and not link.image:
            return link.target
    bare = _BARE_URL.search(without_links(text))
    return bare.group() if bare else None


def markdown_link(label: str, url: str) -> str:
    """A link as markdown, read back by `find_links` as the same label and address."""
    target = url.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"[{label}](<{target}>)" if re.search(r"\s", url) else f"[{label}]({target})"


def links(text: str) -> list[tuple[str, str]]:
    """(label, url) of each link, badges' images left out; an unlabelled link is named by where it points."""
    found = []
    for link in find_links(text):
        if link.image:
            continue
        label, url = clean(link.text).casefold(), link.target
        if not label and url:  # a badge: named by where it points
            label = "paper" if "arxiv.org" in url else "code" if "github.com" in url else "website"
        found.append(("project" if label == "project page" else label, url))
    return found


def arxiv_id_in(text: str) -> str | None:
    """The first arXiv paper a piece of an entry links to, or a bare `[2404.12333]` id."""
    ids = find_arxiv_ids(text)
    if ids:
        return ids[0]
    bare = parse_arxiv_id(text.strip(" []\\*-+`"))
    return bare.base if bare else None


def date_tag(text: str) -> str | None:
    """The month a `[2024.07]` tag or a `(Jun., 2024)` note gives, as YYYY-MM."""
    if tag := _DATE_TAG.search(text):
        return _month(tag.group(1), tag.group(2))
    if named := _PAREN_DATE.search(text):
        return _named_month(named.group(1), named.group(2))
    return None


def month_heading(text: str) -> str | None:
    """The month a heading names (`202404`, `2024-04`, `April 2024`, `Latest Update: August 2024`)."""
    bare = clean(text)
    if digits := _DIGIT_MONTH.fullmatch(bare):
        return _month(digits.group(1), digits.group(2))
    named = _NAMED_MONTH.search(bare)
    if named and len(bare) <= 40 and named.end() == len(bare):
        return _named_month(named.group(1), named.group(2))
    return None


def _month(year: str, month: str) -> str | None:
    return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None


def _named_month(name: str, year: str) -> str | None:
    number = _MONTH_NUMBERS.get(name.casefold())
    return None if number is None else f"{year}-{number:02d}"


def split_keypoints(text: str) -> list[str]:
    """Keypoints split on `;` `；` `、` `,` `，` outside brackets, each trimmed of spaces and end dots."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in "([{（":
            depth += 1
        elif char in ")]}）":
            depth = max(depth - 1, 0)
        if depth == 0 and _SEPARATORS.fullmatch(char):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [point for part in parts if (point := clean(part).rstrip(".。").strip())]


def title_text(text: str) -> str:
    """A title as shown: emphasis, leading emoji and trailing tags or links taken off, spaces folded."""
    text = clean(text)
    text = _LEADING_SYMBOLS.sub("", text)
    if text.startswith(("**", "__")) and text.endswith(("**", "__")) and len(text) > 4:
        text = text[2:-2]
    return clean(text).rstrip(":：").strip()


def split_title(text: str) -> tuple[str, str]:
    """A heading's or line's title and what follows it (tags, links, a bracketed date).

    A title that is a link (`### [[CLS] Token Pruning](url)`) is the link's text; its link is `heading_link`.
    """
    body = _LEADING_SYMBOLS.sub("", text.strip())
    if (link := leading_link(body)) is not None:
        return title_text(link.text), body[link.end :]
    cut = _title_end(text)
    if cut is None or not text[:cut].strip():
        return title_text(text), ""
    return title_text(text[:cut]), text[cut:]


def _title_end(text: str) -> int | None:
    """Where the title of a line stops: at a tag, a link or a bracketed date."""
    ends = [link.start for link in find_links(text) if not link.image][:1]
    if (tag := _TITLE_END.search(text)) is not None:
        ends.append(tag.start())
    return min(ends, default=None)


def heading_link(text: str) -> str | None:
    """The web address a heading that is a link (`### [Title](https://arxiv.org/abs/...)`) points to."""
    link = leading_link(_LEADING_SYMBOLS.sub("", text.strip()))
    return link.target if link is not None and link.web else None


def is_meta(text: str) -> bool:
    """A line of only tags, dates and paper links (`[2024.05] [ICLR24] [[paper](url)]`), or a bare id."""
    unescaped = text.replace("\\[", "[").replace("\\]", "]")
    rest = without_links(text).replace("\\[", "[").replace("\\]", "]")
    if re.sub(r"`?\[[^\[\]]*\]`?", "", rest).strip(" \t`\\[]()"):
        return False
    labels = {label for label, _ in links(text)}
    return bool(labels & LINK_KEYS) or arxiv_id_in(text) is not None or date_tag(unescaped) is not None


def one_liner(text: str) -> tuple[str, str] | None:
    """(title, rest) of a one-line entry: `[Title](url) tags`, `[Title] tags` or `Title tags [[paper](url)]`.

    The title may hold brackets (`[[CLS] Token Pruning](url)`, `[Title \\[v2\\]](url)`). Not an entry: a link
    to another file (an index of lists); a link labelled `paper` or `code`, or an arXiv id or a date; a link
    to an anchor of the same file with no tag or paper link beside it (a table of contents); plain text
    without a link or a date tag.
    """
    body = _LEADING_SYMBOLS.sub("", text.strip())
    link = leading_link(body)
    label, rest = (link.text, body[link.end :]) if link is not None else (None, "")
    if link is None and (close := _closing_bracket(body)) is not None:
        inside, after = body[1:close], body[close + 1 :]
        if not find_links(inside) and not _has_words(after):
            label, rest = unescape(inside), after  # `[Title] tags`
    if label is not None:
        name = clean(label)
        if (
            name.casefold() in LINK_KEYS
            or parse_arxiv_id(name.strip(" \\"))
            or _DATE_TAG.fullmatch(f"[{name}]")
        ):
            return None
        if link is not None and link.target.startswith("#"):
            beside = find_links(body)[1:]  # the links after the title's: the rest's
            if not (any(not found.image for found in beside) or date_tag(rest)):
                return None  # a table of contents' line
        elif link is not None and not link.web:
            return None  # another file, or nowhere
        elif link is not None:
            rest = f"{markdown_link('paper', link.target)} {rest}"  # the title's own link is the paper's
        title = title_text(label)
        return (title, rest) if title else None
    title, rest = split_title(body)
    if not (find_links(rest) or date_tag(rest)):
        return None
    return (title, rest) if len(title) > 1 else None


def _closing_bracket(text: str) -> int | None:
    """Where the `]` closing the `[` a text starts with is (brackets inside balanced, escaped ones text)."""
    if not text.startswith("["):
        return None
    runs: dict[int, list[int]] | None = None
    depth = position = 0
    while (token := _LINK_TOKEN.search(text, position)) is not None:
        start, position = token.span()
        char = text[start]
        if char == "`":
            runs = _backtick_runs(text) if runs is None else runs
            position = _code_span_end(runs, position - start, position)
        elif char == "]":
            position, depth = start + 1, depth - 1
            if depth == 0:
                return start
        elif char != "\\":
            depth += 1
    return None


def _has_words(text: str) -> bool:
    """Text before the tags and links of a line (`[CLS] Token Pruning [[paper](url)]` after `[CLS]`)."""
    cut = _title_end(text)
    return bool(clean(text if cut is None else text[:cut]))


def topic_bullet(text: str) -> str | None:
    """The topic a table-of-contents bullet such as `📌[Long Video Generation](#anchor)` names."""
    if not text.startswith("📌"):
        return None
    name = text.removeprefix("📌").strip()
    anchored = leading_link(name)
    if anchored is not None and anchored.end == len(name) and anchored.target.startswith("#"):
        name = anchored.text
    return clean(name) or None


def topic_name(text: str) -> str:
    """A topic heading's name without its emoji (a heading that is a link: the link's text)."""
    body = _LEADING_SYMBOLS.sub("", text.strip())
    link = leading_link(body)
    return title_text(link.text if link is not None and not body[link.end :].strip() else text)


def bold_title(line: str) -> str | None:
    """The title of a `**Title**` line (a whole line in bold), unless it is a key."""
    match = re.fullmatch(r"\s*\*\*([^*]+)\*\*\s*[:：]?\s*", line)
    if match is None or _canonical(match.group(1).rstrip(":："), exact=True):
        return None
    return title_text(match.group(1)) or None


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row (`| a | b |`), pipes escaped as `\\|` kept in their cell."""
    stripped = line.strip()
    if not stripped.startswith("|"):
        return None
    cells = [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", stripped.strip("|"))]
    return cells


def table_rule(line: str) -> bool:
    return re.fullmatch(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*", line) is not None


def fence(line: str) -> str | None:
    """The fence (```` ``` ```` or `~~~`, with its length) a code or math block opens or closes with."""
    match = re.match(r"\s*(`{3,}|~{3,})", line)
    return match.group(1) if match else None
