"""The pieces of a curated list's lines: headings, bullets, keys, links, date tags, months and keypoints.

Each function looks at one line (or one piece of text) and says what it holds, forgiving the variants
people type: a key's colon inside or outside its backticks, full-width `：`, no-break spaces, a backtick never
closed, misspelt keys, emoji before a title.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

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
HEADING = re.compile(r" {0,3}(#{1,6})(?!#)[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*")
BULLET = re.compile(r"([ \t]*)(?:[-*+]|\d{1,3}[.)])(?:[ \t]+(.*)|[ \t]*)")
# `Key:` / `Key`: / **Key:** / **Key**: at the start of a text, then the value.
_MARKED_KEY = re.compile(
    r"""(?:`[ \t]*([^`:：]{1,60}?)[ \t]*(?:[:：][ \t]*`|`[ \t]*[:：])
        |\*\*[ \t]*([^*:：]{1,60}?)[ \t]*(?:[:：][ \t]*\*\*|\*\*[ \t]*[:：]))[ \t]*(.*)""",
    re.VERBOSE,
)
_UNCLOSED_KEY = re.compile(r"`[ \t]*([^`:：]{1,60}?)[ \t]*[:：][ \t]*([^`]*)")
_PLAIN_KEY = re.compile(r"([A-Za-z][A-Za-z ]{1,30}?)[ \t]*[:：][ \t]*(.*)")
LINK = re.compile(r"\[([^\[\]]*)\]\([ \t]*([^()\s]*)[ \t]*\)")
_IMAGE_MARKDOWN = re.compile(r"!\[[^\]]*\]\(([^()\s]*)\)")
_IMAGE_HTML = re.compile(r"<img\b[^>]*?\bsrc=[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)
_HTML_ONLY = re.compile(r"(?:\s*</?(?:p|div|br|center|img|span|sup|sub)\b[^>]*>)+\s*", re.IGNORECASE)
_DETAILS = re.compile(r"\s*(?:[-*+][ \t]+)?(</?details\b[^>]*>|<summary\b.*?</summary>)\s*", re.IGNORECASE)
_DATE_TAG = re.compile(r"\[(\d{4})\.(\d{1,2})\]")
_MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
_NAMED_MONTH = re.compile(r"\b([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b")
_PAREN_DATE = re.compile(r"\(([A-Za-z]{3,9})\.?,?\s*((?:19|20)\d{2})\)")
_DIGIT_MONTH = re.compile(r"((?:19|20)\d{2})[-./]?(0[1-9]|1[0-2])")
# Where a title stops on a one-liner: a tag, a link, a bracketed date.
_TITLE_END = re.compile(r"\s*(?:`\[|\\?\[\[|\\\[|\[(?:\d{4}\.\d|[^\]]*\]\()|\([A-Za-z]{3,9}\.?,?\s*\d{4}\))")
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
    if match is None or not clean(match.group(2)):
        return None
    return len(match.group(1)), clean(match.group(2))


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
    found = [*_IMAGE_HTML.findall(text), *_IMAGE_MARKDOWN.findall(text)]
    text = _IMAGE_MARKDOWN.sub("", _IMAGE_HTML.sub("", text))
    return ("" if _HTML_ONLY.fullmatch(text) else text), found


def links(text: str) -> list[tuple[str, str]]:
    """(label, url) of each link, badges' images left out; an unlabelled link is named by where it points."""
    found = []
    for label, url in LINK.findall(_IMAGE_MARKDOWN.sub("", text)):
        label = clean(label).casefold()
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
    """A heading's or line's title and what follows it (tags, links, a bracketed date)."""
    end = _TITLE_END.search(text)
    if end is None or end.start() == 0:
        return title_text(text), ""
    return title_text(text[: end.start()]), text[end.start() :]


def is_meta(text: str) -> bool:
    """A line of only tags, dates and paper links (`[2024.05] [ICLR24] [[paper](url)]`), or a bare id."""
    unescaped = text.replace("\\[", "[").replace("\\]", "]")
    rest = re.sub(r"`?\[[^\[\]]*\]`?", "", LINK.sub("", unescaped))
    if rest.strip(" \t`\\[]()"):
        return False
    labels = {label for label, _ in links(text)}
    return bool(labels & LINK_KEYS) or arxiv_id_in(text) is not None or date_tag(unescaped) is not None


def one_liner(text: str) -> tuple[str, str] | None:
    """(title, rest) of a one-line entry: `[Title](url) tags`, `[Title] tags` or `Title tags [[paper](url)]`.

    A link to another markdown file (an index of lists), a link labelled `paper` or `code`, or plain text
    without a link or a date tag is not an entry.
    """
    body = _LEADING_SYMBOLS.sub("", text.strip())
    linked = re.match(r"\[([^\[\]]+)\](?:\(([^()\s]*)\))?(.*)", body)
    if linked:
        title, target, rest = linked.group(1), linked.group(2), linked.group(3)
        if clean(title).casefold() in LINK_KEYS or parse_arxiv_id(title.strip(" \\")):
            return None
        if target is not None and not target.startswith(("http://", "https://", "#")):
            return None
        if target and not target.startswith("#"):
            rest = f"[paper]({target}) {rest}"  # the title's own link is the paper's
        return (title_text(title), rest) if title_text(title) else None
    title, rest = split_title(body)
    if not (LINK.search(rest) or date_tag(rest)):
        return None
    return (title, rest) if len(title) > 1 else None


def topic_bullet(text: str) -> str | None:
    """The topic a table-of-contents bullet such as `📌[Long Video Generation](#anchor)` names."""
    if not text.startswith("📌"):
        return None
    name = text.removeprefix("📌").strip()
    anchored = re.fullmatch(r"\[([^\[\]]+)\]\(#[^()\s]*\)", name)
    return clean(anchored.group(1) if anchored else name) or None


def topic_name(text: str) -> str:
    """A topic heading's name without its emoji."""
    return title_text(text)


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
