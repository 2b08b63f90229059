"""The positional date and week lists of a class site's schedule page, read and rewritten in place.

The schedule page (`index.html`) of the 2025- and 2026-style class sites gives no session its date: it
hard-codes lists, `{% assign ddates = "0114,0116,..." | split: "," %}` and a list of week labels, and a
`{% for session in site.contents %}` loop prints item N of each for the Nth session. A counter bumped after
the row makes the first session read slot 0 (the 2025 contents site); one bumped before the row, with a
blank slot 0, makes it read slot 1 (the 2026 sessions site, whose week list holds `" "` on a week's later
meetings). `seminar adopt` reads these lists to date the sessions, and rewrites only their items.

Only the Liquid this needs is read: `{% ... %}` tags and `{{ ... }}` outputs (Liquid's own delimiters),
with `{% comment %}` and `{% raw %}` blocks skipped. Malformed or unfamiliar pages give None, never an
exception.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

# The separator the sites split their lists on; other separators are not read.
SEPARATOR = ","

# `{% assign NAME = "a,b,c" | split: "," %}` (both sites); a Liquid string has no escapes, so the items run
# to the next quote of the same kind.
ASSIGN_SPLIT = re.compile(
    r"""assign\s+(?P<name>[A-Za-z_][\w-]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')"""
    r"""\s*\|\s*split\s*:\s*(?:"(?P<dsep>[^"]*)"|'(?P<ssep>[^']*)')\s*"""
)

# `{% assign counter = 0 %}` before the loop (both sites).
ASSIGN_NUMBER = re.compile(r"assign\s+(?P<name>[A-Za-z_][\w-]*)\s*=\s*(?P<value>-?[0-9]+)\s*")

# `{% assign counter = counter | plus: 1 %}` inside the loop: after the row on the contents site, before it
# on the sessions site.
BUMP = re.compile(r"assign\s+(?P<name>[A-Za-z_][\w-]*)\s*=\s*(?P=name)\s*\|\s*plus\s*:\s*1\s*")

# `{% for session in site.contents %}` (contents site), `{% for s in site.sessions %}` (sessions site),
# `{% for post in site.posts %}` (posts site), with or without parameters such as `reversed` or `limit:`.
FOR_SITE = re.compile(
    r"for\s+(?P<item>[A-Za-z_][\w-]*)\s+in\s+site\.(?P<collection>[A-Za-z_][\w-]*)\b.*", re.S
)

# `ddates[counter]`, `sweeks[n]`, `ddates[forloop.index0]` in a tag or output; the look-behind keeps a
# long word from being tried at each of its characters.
INDEXED = re.compile(r"(?<![\w-])(?P<list>[A-Za-z_][\w-]*)\[\s*(?P<index>[A-Za-z_][\w.-]*)\s*\]")

# Liquid's own loop counters, with the slot the first iteration reads.
FORLOOP_SLOTS = {"forloop.index0": 0, "forloop.index": 1}

# A date the lists hold: MMDD (both sites).
MMDD = re.compile(r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")

# Liquid's tag and output delimiters.
OPENER = re.compile(r"\{[{%]")
CLOSERS = {"{%": "%}", "{{": "}}"}
# Blocks whose insides are not Liquid.
VERBATIM = {"comment": "endcomment", "raw": "endraw"}


@dataclass(frozen=True)
class PositionalList:
    """A `{% assign NAME = "..." | split: "," %}` list: `items` split as Liquid's split does (Ruby's
    String#split: trailing empty items dropped, the others kept untrimmed); `line` is the 1-based line of
    the assign; `start` and `end` are the text offsets of the first character inside the quotes and just
    after the last."""

    name: str
    items: tuple[str, ...]
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class ScheduleIndex:
    """The schedule loop of an index page: the collection it runs over ("contents" for `site.contents`),
    the line of its `for` tag, the slot the first session reads (0 when the counter is bumped after the
    row, 1 when before), the list of MMDD dates it prints, and the other list it prints (week labels)."""

    collection: str
    loop_line: int
    first_slot: int
    dates: PositionalList | None
    weeks: PositionalList | None

    def date_for(self, position: int) -> str:
        """The date the page prints in the row of the session at 0-based `position` of the collection,
        trimmed; "" when the list is missing or too short (Liquid prints nothing for a missing item)."""
        return self._item(self.dates, position)

    def week_for(self, position: int) -> str:
        """The week label the page prints in that row, trimmed ("" for a blank item, as on a week's
        later meetings)."""
        return self._item(self.weeks, position)

    def _item(self, found: PositionalList | None, position: int) -> str:
        slot = self.first_slot + position
        if found is None or not 0 <= slot < len(found.items):
            return ""
        return found.items[slot].strip()


def liquid_split(text: str, separator: str = SEPARATOR) -> tuple[str, ...]:
    """`text | split: separator` as Liquid computes it: Ruby's String#split, which drops trailing empty
    items (so "" gives no items and ",a,,b,," gives "", "a", "", "b"), keeping the rest untrimmed."""
    items = text.split(separator)
    while items and items[-1] == "":
        items.pop()
    return tuple(items)


def read_schedule_index(text: str) -> ScheduleIndex | None:
    """The first `{% for X in site.NAME %}` loop of a page that prints items of split lists by a counter
    (or by `forloop.index0`/`forloop.index`), with its date and week lists; None when there is none."""
    tags = list(_tags(text))
    lines = _Lines(text)
    for position, tag in enumerate(tags):
        loop = FOR_SITE.fullmatch(tag.inner) if tag.kind == "{%" else None
        if loop is None:
            continue
        body = _loop_body(tags, position)
        if body is None:
            continue
        found = _schedule(tags[:position], body, lines)
        if found is not None:
            first_slot, dates, weeks = found
            return ScheduleIndex(loop.group("collection"), lines.of(tag.start), first_slot, dates, weeks)
    return None


def rewrite_lists(text: str, replacements: Mapping[str, Sequence[str]], index: ScheduleIndex) -> str:
    """`text` with the items of each named list of `index` replaced by the given ones, joined with ",";
    every other character is unchanged.

    ValueError when a name is not one of the index's lists, when `index` was not read from `text`, or when
    an item holds the separator or the list's quote (the page would then read other items).
    """
    lists = {found.name: found for found in (index.dates, index.weeks) if found is not None}
    edits: list[tuple[int, int, str]] = []
    for name, items in replacements.items():
        found = lists.get(name)
        if found is None:
            raise ValueError(f"the schedule index has no list named {name!r}")
        if liquid_split(text[found.start : found.end]) != found.items:
            raise ValueError(f"the list {name!r} is not where the index says: read the index from this text")
        quote = text[found.start - 1 : found.start]
        for item in items:
            if SEPARATOR in item or (quote and quote in item):
                raise ValueError(f"the item {item!r} of {name!r} holds {SEPARATOR!r} or {quote!r}")
        edits.append((found.start, found.end, SEPARATOR.join(items)))
    for start, end, joined in sorted(edits, reverse=True):
        text = text[:start] + joined + text[end:]
    return text


# --- Liquid, as far as the schedule needs it ------------------------------------------------------------


@dataclass(frozen=True)
class _Tag:
    """A `{% ... %}` tag or `{{ ... }}` output: its kind ("{%" or "{{"), the offset of its opening
    delimiter, its inside without whitespace control (`{%-`, `-%}`) and surrounding blanks, and the offset
    of that inside in the page."""

    kind: str
    start: int
    inner: str
    inner_start: int

    @property
    def name(self) -> str:
        words = self.inner.split(None, 1)
        return words[0] if words else ""


def _tags(text: str) -> Iterator[_Tag]:
    """Every tag and output in order, skipping the insides of `{% comment %}` and `{% raw %}` blocks.
    An opener never closed ends the scan for its kind (no later one can close either)."""
    position, verbatim_end = 0, ""
    unclosed: set[str] = set()
    while (opener := OPENER.search(text, position)) is not None:
        kind = opener.group()
        if kind in unclosed:
            position = opener.end()
            continue
        close = text.find(CLOSERS[kind], opener.end())
        if close == -1:
            unclosed.add(kind)
            position = opener.end()
            continue
        position = close + 2
        tag = _tag(kind, text, opener.start(), opener.end(), close)
        if verbatim_end:
            if kind == "{%" and tag.name == verbatim_end:
                verbatim_end = ""
            continue
        if kind == "{%" and tag.name in VERBATIM:
            verbatim_end = VERBATIM[tag.name]
            continue
        yield tag


def _tag(kind: str, text: str, start: int, inside: int, close: int) -> _Tag:
    """The tag whose delimiters open at `start` and close at `close` (its inside starting at `inside`)."""
    raw = text[inside:close]
    leading = len(raw) - len(raw.lstrip())
    if raw.startswith("-", leading):
        leading += 1
        leading += len(raw) - leading - len(raw[leading:].lstrip())
    inner = raw[leading:].rstrip().removesuffix("-").rstrip()
    return _Tag(kind, start, inner, inside + leading)


def _loop_body(tags: Sequence[_Tag], position: int) -> Sequence[_Tag] | None:
    """The tags between a `for` tag and its `endfor`, None when it has none."""
    depth = 0
    for index in range(position + 1, len(tags)):
        if tags[index].kind != "{%":
            continue
        if tags[index].name == "for":
            depth += 1
        elif tags[index].name == "endfor":
            if depth == 0:
                return tags[position + 1 : index]
            depth -= 1
    return None


def _schedule(
    before: Sequence[_Tag], body: Sequence[_Tag], lines: _Lines
) -> tuple[int, PositionalList | None, PositionalList | None] | None:
    """The first slot and the date and week lists a loop body prints by its counter, None when it prints
    no split list by a counter."""
    assigned = _split_lists(before, lines)
    uses: dict[str, list[tuple[int, str]]] = {}  # counter -> (tag position, list name), in order
    bumps: dict[str, int] = {}  # counter -> position of its first bump in the body
    for position, tag in enumerate(body):
        if tag.kind == "{%" and (bump := BUMP.fullmatch(tag.inner)) is not None:
            bumps.setdefault(bump.group("name"), position)
        for use in INDEXED.finditer(tag.inner):
            if use.group("list") in assigned:
                uses.setdefault(use.group("index"), []).append((position, use.group("list")))
    for counter, used in uses.items():
        if counter in FORLOOP_SLOTS:
            first_slot = FORLOOP_SLOTS[counter]
        elif counter in bumps:
            bumped_first = bumps[counter] < used[0][0]
            first_slot = _initial_value(before, counter) + (1 if bumped_first else 0)
        else:
            continue  # never bumped: every session would read the same slot
        names = list(dict.fromkeys(name for _, name in used))
        lists = [assigned[name] for name in names]
        dates = next((found for found in lists if _all_dates(found.items)), None)
        weeks = next((found for found in lists if found is not dates), None)
        return first_slot, dates, weeks
    return None


def _split_lists(tags: Sequence[_Tag], lines: _Lines) -> dict[str, PositionalList]:
    """The lists assigned with `| split: ","` by these tags; a name assigned twice keeps its last list."""
    lists: dict[str, PositionalList] = {}
    for tag in tags:
        match = ASSIGN_SPLIT.fullmatch(tag.inner) if tag.kind == "{%" else None
        if match is None:
            continue
        separator = match.group("dsep") if match.group("dsep") is not None else match.group("ssep")
        if separator != SEPARATOR:
            continue
        group = "dq" if match.group("dq") is not None else "sq"
        start, end = tag.inner_start + match.start(group), tag.inner_start + match.end(group)
        lists[match.group("name")] = PositionalList(
            name=match.group("name"),
            items=liquid_split(match.group(group)),
            line=lines.of(tag.start),
            start=start,
            end=end,
        )
    return lists


def _initial_value(tags: Sequence[_Tag], counter: str) -> int:
    """The value a counter is assigned last before the loop; 0 when none (as the sites start it)."""
    value = 0
    for tag in tags:
        match = ASSIGN_NUMBER.fullmatch(tag.inner) if tag.kind == "{%" else None
        if match is not None and match.group("name") == counter:
            value = int(match.group("value"))
    return value


def _all_dates(items: Sequence[str]) -> bool:
    filled = [item.strip() for item in items if item.strip()]
    return bool(filled) and all(MMDD.fullmatch(item) for item in filled)


class _Lines:
    """1-based line numbers of text offsets."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)
