"""Curated paper lists read into papers: title, month and topic, keypoints, objective and the other notes.

Lists are markdown kept by several people over months, so nothing about their shape is trusted: headings are
told apart by what follows them (a paper has keyed bullets or links; a topic has papers), not by their level;
a `<details>` left open ends with its paper; math and code blocks are kept verbatim and never read as
headings or bullets. Other shapes instructors paste are read too: awesome-list bullets, tables with a title
column, `**Title**` lines with `- Paper: url` bullets. Nothing raises on bad input: what looks wrong becomes a
warning with its line, and every paper that could be read is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from seminar.core.errors import Diagnostic, SeminarError, error, warning
from seminar.core.fileio import decode, read_regular
from seminar.sources import listsyntax as syntax
from seminar.sources.list_entries import Entry, ListedPaper, NoteBuilder, merge, topic_key, verbatim

_LINES = re.compile(r"\r\n|\r|\n")
_TITLE_COLUMNS = {"title", "paper", "papers", "paper title", "name", "paper name"}


@dataclass(frozen=True)
class ParsedList:
    name: str
    papers: tuple[ListedPaper, ...]
    warnings: tuple[Diagnostic, ...]  # each with the list's file name and the line
    topics: tuple[str, ...]  # the topics papers sit under, in file order, each once however spelt


def read_list(path: Path) -> ParsedList:
    """The list in a file; a missing, binary, non-UTF-8 or empty file, one larger than 20 MB, or what is not
    a regular file (a FIFO, a device) is an error naming it."""
    if path.is_dir():
        raise SeminarError(error("is a folder, not a paper list", path))
    try:
        data = read_regular(path)
    except FileNotFoundError:
        raise SeminarError(error("no such file", path)) from None
    if b"\x00" in data[:8192]:
        raise SeminarError(error("a binary file, not a markdown paper list", path))
    text = decode(data, path)
    if not text.strip():
        raise SeminarError(error("empty file, no papers to read", path))
    return parse_list(text, path.name)


def parse_list(text: str, name: str) -> ParsedList:
    """Every paper the text lists, with warnings; never raises."""
    import ftfy  # mojibake such as `â€“` for `–` (UTF-8 read as cp1252 and saved again) is repaired

    lines = _LINES.split(ftfy.fix_encoding(text.removeprefix("\ufeff")))
    return _Reader(name, lines).read()


class _Reader:
    def __init__(self, name: str, lines: list[str]) -> None:
        self.name = name
        self.lines = lines
        self.warnings: list[Diagnostic] = []
        self.entries: list[Entry] = []
        self.entry: Entry | None = None
        self.month: str | None = None
        self.topic: str | None = None
        self.bullet_topic: str | None = None
        self.table: tuple[int, list[str]] | None = None  # the title column and the headers
        self.topics: dict[str, str] = {}
        self.verbatim = self._verbatim_blocks()
        self.headings = self._classify_headings()

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(warning(message, Path(self.name), line))

    def read(self) -> ParsedList:
        index = 0
        while index < len(self.lines):
            if index in self.verbatim:
                end = self.verbatim[index]
                if self.entry is not None:
                    verbatim(self.entry, "\n".join(self.lines[index : end + 1]), end + 1)
                index = end + 1
                continue
            index = self._line(index)
        self._end_entry(len(self.lines) + 1)
        papers = tuple(merge(self.entries, self.name, self.topics, self.warn))
        return ParsedList(self.name, papers, tuple(_sorted(self.warnings)), tuple(self.topics.values()))

    # Blocks and headings, found before reading so that `#` or `-` inside math never counts.

    def _verbatim_blocks(self) -> dict[int, int]:
        blocks: dict[int, int] = {}
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            opener = syntax.fence(line)
            math = line.strip().startswith("$$") and line.count("$$") % 2 == 1
            if opener or math:
                end = next(
                    (
                        later
                        for later in range(index + 1, len(self.lines))
                        if (
                            (syntax.fence(self.lines[later]) or "").startswith(opener)
                            if opener
                            else "$$" in self.lines[later]
                        )
                    ),
                    None,
                )
                if end is None:
                    self.warn(
                        index + 1, f"{'a code' if opener else 'a math'} block is never closed; read as text"
                    )
                else:
                    blocks[index] = end
                    index = end
            index += 1
        return blocks

    def _classify_headings(self) -> dict[int, str]:
        """Each heading's role: month, paper or topic, from what its section holds."""
        found, index = [], 0
        while index < len(self.lines):
            if index in self.verbatim:
                index = self.verbatim[index] + 1
                continue
            if (heading := syntax.heading(self.lines[index])) is not None:
                found.append((index, *heading))
            index += 1
        evidence = [
            self._evidence(
                start, level, text, found[number + 1][0] if number + 1 < len(found) else len(self.lines)
            )
            for number, (start, level, text) in enumerate(found)
        ]
        paper_levels = {level for (_, level, _), kind in zip(found, evidence, strict=True) if kind == "paper"}
        roles = {}
        for number, ((start, level, text), kind) in enumerate(zip(found, evidence, strict=True)):
            deeper_next = number + 1 < len(found) and found[number + 1][1] > level
            if syntax.month_heading(text):
                roles[start] = "month"
            elif kind == "paper" or (
                kind == "empty" and level in paper_levels and not deeper_next and not text.startswith("📌")
            ):
                roles[start] = "paper"
            else:
                roles[start] = "topic"
        return roles

    def _evidence(self, start: int, level: int, text: str, end: int) -> str:
        """`paper` (keyed bullets, or links right under it), `list` (entries), `other` or `empty`."""
        if syntax.split_title(text)[1] and syntax.is_meta(syntax.split_title(text)[1]):
            return "paper"
        seen_text = False
        index = start + 1
        while index < end:
            if index in self.verbatim:
                index, seen_text = self.verbatim[index] + 1, True
                continue
            line = self.lines[index]
            index += 1
            if not line.strip() or syntax.details_tag(line):
                continue
            item = syntax.bullet(line)
            body = item[1] if item else line.strip()
            if syntax.key_of(body):
                return "paper"
            if item and (syntax.one_liner(body) or syntax.topic_bullet(body)):
                return "list"
            if syntax.bold_title(line) or (
                syntax.table_cells(line) and index < end and syntax.table_rule(self.lines[index])
            ):
                return "list"
            if syntax.is_meta(body) and (item or not seen_text):
                return "paper"
            seen_text = True
        return "other" if seen_text else "empty"

    # Reading line by line.

    def _line(self, index: int) -> int:
        line, number = self.lines[index], index + 1
        role = self.headings.get(index)
        if role is not None:
            self._heading(role, line, number)
            return index + 1
        if not line.strip():
            self.table = None
            if self.entry is not None:
                self.entry.gap = True
            return index + 1
        if self.table is not None and (cells := syntax.table_cells(line)) is not None:
            self._row(cells, number)
            return index + 1
        self.table = None
        entry, item = self.entry, syntax.bullet(line)
        if (
            entry is not None
            and entry.kind == "one-liner"
            and (
                (item and item[0] <= entry.indent)
                or (not item and entry.gap and syntax.indent_of(line) <= entry.indent)
            )
        ):
            self._end_entry(number)
        if self.entry is None:
            cells = syntax.table_cells(line)
            if cells and index + 1 < len(self.lines) and syntax.table_rule(self.lines[index + 1]):
                self._table(cells, number)
                return index + 2
        if self.entry is None or (self.entry.kind == "bold" and syntax.bold_title(line)):
            if (title := syntax.bold_title(line)) is not None:
                self._start(title, "bold", number, "")
                return index + 1
            if item is not None:
                if (topic := syntax.topic_bullet(item[1])) is not None:
                    self.bullet_topic = topic
                    return index + 1
                if (found := syntax.one_liner(item[1])) is not None:
                    self._start(found[0], "one-liner", number, found[1], indent=item[0])
                    return index + 1
                if (url := syntax.web_link(item[1])) is not None:
                    self.warn(number, f"a bullet links {url}, but no paper title is read from it; skipped")
            if self.entry is None:
                return index + 1  # introduction text, an index of other lists, ...
        self._absorb(self.entry, line, number, item)
        return index + 1

    def _heading(self, role: str, line: str, number: int) -> None:
        _, text = syntax.heading(line) or (0, "")
        entry = self.entry
        key = syntax.named_key(text)
        if role != "paper" and entry is not None and entry.kind != "one-liner" and key and key.known:
            entry.fields.append(NoteBuilder(key.name, 0, number))  # `#### Method` inside a paper
            entry.last = number
            return
        self._end_entry(number)
        self.table, self.bullet_topic = None, None
        if role == "month":
            self.month, self.topic = syntax.month_heading(text), None
        elif role == "paper":
            title, rest = syntax.split_title(text)
            entry = self._start(title or text, "heading", number, rest)
            if (url := syntax.heading_link(text)) is not None:  # a title that is a link: the paper's link
                entry.meta(syntax.markdown_link("paper", url), self.warn, number)
        else:
            self.topic = syntax.topic_name(text) or self.topic

    def _start(self, title: str, kind: str, number: int, rest: str, indent: int = -1) -> Entry:
        self._end_entry(number)
        topic = self.bullet_topic or self.topic
        if topic:
            self.topics.setdefault(topic_key(topic), topic)  # the first spelling of a topic names it
        entry = self.entry = Entry(title, kind, number, self.month, topic, indent, number)
        entry.meta(rest, self.warn, number)
        return entry

    def _end_entry(self, next_line: int) -> None:
        entry, self.entry = self.entry, None
        if entry is None:
            return
        if entry.details is not None:
            after = (
                f"the next entry starts at line {next_line}"
                if next_line <= len(self.lines)
                else "the file ends"
            )
            self.warn(entry.details, f"<details> is never closed ({after}); {entry.title!r} ends there")
        for note in entry.fields:
            if not note.text and not note.items and not note.had_image and note.key:
                self.warn(note.line, f"empty `{note.key}` in {entry.title!r}")
        self.entries.append(entry)

    def _absorb(self, entry: Entry, line: str, number: int, item: tuple[int, str] | None) -> None:
        """One line of an entry's body: a field, a sub-item, a continuation, a link, an image, a tag."""
        entry.last = number
        gap, entry.gap = entry.gap, False
        tag = syntax.details_tag(line)
        if tag is not None:
            if tag == "open":
                entry.details = entry.details or number
            elif tag == "close":
                entry.details = None
            return
        indent, body = item if item else (syntax.indent_of(line), line.strip())
        text, images = syntax.take_images(body)
        entry.images += [image for image in images if image not in entry.images]
        if images and entry.current is not None:
            entry.current.had_image = True
        text = text.strip()
        if not text:
            return
        current = entry.current
        key = syntax.key_of(text)
        if key is not None and key.link:
            link = key.value if syntax.find_links(key.value) else f"[{key.name}]({key.value})"
            entry.meta(link, self.warn, number)
            return
        if key is not None and (key.known or current is None or indent <= current.indent):
            entry.fields.append(NoteBuilder(key.name, indent, number, key.value))
            return
        if key is not None:
            text = f"{key.name}: {key.value}".strip()
        elif syntax.is_meta(text) and (item or not entry.fields):
            entry.meta(text, self.warn, number)
            return
        if item is not None:
            if current is not None and (
                indent > current.indent or (indent == current.indent and current.key and not current.text)
            ):
                current.add_item(text)
            else:
                entry.fields.append(NoteBuilder(None, indent, number, text))
        elif current is not None and not (gap and indent <= current.indent and current.key is None):
            current.add_text(text)
        else:
            entry.fields.append(NoteBuilder(None, indent, number, text))

    def _table(self, headers: list[str], number: int) -> None:
        names = [syntax.clean(header).casefold() for header in headers]
        column = next(
            (position for position, name in enumerate(names) if name in _TITLE_COLUMNS or "title" in name),
            None,
        )
        if column is None:
            self.warn(number, "a table without a Title or Paper column: its rows are not read as papers")
            return
        self.table = (column, headers)

    def _row(self, cells: list[str], number: int) -> None:
        assert self.table is not None
        column, headers = self.table
        if column >= len(cells):
            return
        title_cell = cells[column]
        linked = next((link for link in syntax.find_links(title_cell) if not link.image), None)
        title = syntax.title_text(linked.text if linked else title_cell)
        if not title:
            return
        entry = self._start(title, "row", number, title_cell if linked else "")
        for header, cell in zip(headers, cells, strict=False):
            if cell is title_cell or not cell.strip():
                continue
            entry.meta(cell, self.warn, number)
            name = syntax.clean(header)
            if name.casefold() in {"date", "month", "year", "published", "time"}:
                entry.date = entry.date or syntax.date_tag(f"[{cell.strip()}]") or syntax.month_heading(cell)
                continue
            value = syntax.clean(syntax.without_links(cell))
            key = syntax.named_key(name)
            if value and key is not None and not key.link:
                entry.fields.append(NoteBuilder(key.name, 0, number, value))
        self._end_entry(number + 1)


def _sorted(warnings: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(dict.fromkeys(warnings), key=lambda found: found.line or 0)
