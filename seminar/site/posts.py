"""The post reader: a site's post files read once, as Jekyll 4.3 reads them, with seminar's parts found.

Jekyll's rules, followed here and used by build, check, publish and fetch alike:
- which files of a posts folder it reads (its `EntryFilter`: no dot, underscore, `#` or `~` names, no
  backups);
- front matter is a block opening the file with `---` and closed by `---` or `...` (its
  `YAML_FRONT_MATTER_REGEXP`); a file without one is read as text;
- the YAML inside is typed by YAML 1.1, as Psych reads it (`yes` a boolean, `2025-03-04` a date).
The splitting and loading are a python-frontmatter handler (`JekyllHandler`), so the post is also a
`frontmatter.Post` (metadata and content); what python-frontmatter's own `loads` would do differently (it
strips the text, so a post opening with a blank line would count as front matter) is not used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from seminar.core import yamlio
from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.core.fileio import decode
from seminar.render.markers import END_LINE, START_LINE, Record, digest, start_marker, wrap

# The files of a posts folder seminar reads (others, an image say, are Jekyll's static files).
POST_SUFFIXES = (".md", ".markdown", ".html")
# Jekyll's YAML_FRONT_MATTER_REGEXP (Ruby's `^`/`$` always match at line breaks), `\A(---\s*\n.*?\n?)^...`,
# its opening `---\s*\n` read as `---` and blanks to the first line break: the same match (the lazy `.*?`
# takes the other blank lines), in one pass over a post opening with 30,000 blank lines never closed.
FRONT_MATTER = re.compile(r"\A(---[^\S\n]*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.DOTALL | re.MULTILINE)
_OPENING = re.compile(r"---\s*\n")  # what Jekyll takes for the start of front matter
BOM = "\ufeff"  # a byte-order mark, which Jekyll drops before reading a post
_DROPPED_HINT = "Jekyll drops it and dates the post the day it builds the site"


class FrontMatterError(ValueError):
    """Front matter Jekyll cannot read: the message and its 1-based line in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class FrontMatterValues(dict[str, Any]):
    """Front matter as Jekyll reads it, with the line and YAML node of each top-level key, and what is wrong
    with keys given twice (Jekyll keeps the last value) and the first such line."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.nodes: dict[str, tuple[int, yaml.Node]] = {}
        self.twice: list[str] = []
        self.twice_line = 0


def _bomb_line(node: yaml.Node) -> int:
    """The 1-based line of the first top-level key whose value expands past the limit (else the first)."""
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    for key, value in pairs:
        if yamlio.expanded_size(value) > yamlio.EXPANDED_LIMIT:
            return int(key.start_mark.line) + 1
    return int(node.start_mark.line) + 1


def _unreadable_line(node: yaml.Node | None) -> int:
    """The 1-based line of the first top-level key whose value cannot be constructed (a date such as
    2025-02-30); 0 when none is found."""
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    for key, value in pairs:
        loader = yamlio.SafeLoader("")
        try:
            loader.construct_document(value)
        except (yaml.YAMLError, ValueError):
            return int(key.start_mark.line) + 1
        finally:
            loader.dispose()
    return 0


class JekyllHandler(frontmatter.default_handlers.BaseHandler):
    """python-frontmatter's handler for Jekyll 4.3 posts: its delimiters and its YAML reading."""

    FM_BOUNDARY = FRONT_MATTER
    START_DELIMITER = END_DELIMITER = "---"

    def detect(self, text: str) -> bool:
        return FRONT_MATTER.match(text) is not None

    def split(self, text: str) -> tuple[str, str]:
        """(the front matter from its opening `---` to the closer, the body); ValueError when the text has
        none. The opening `---` is YAML's own document start, so lines in the YAML are the file's lines."""
        match = FRONT_MATTER.match(text)
        if match is None:
            raise ValueError("no front matter")
        return match.group(1), text[match.end() :]

    def load(self, fm: str, **kwargs: object) -> FrontMatterValues:
        """The YAML as Jekyll types it; FrontMatterError (with the 1-based line in `fm`, 0 when unknown)
        when Jekyll cannot read it or it is not a mapping of keys."""
        loader = yamlio.SafeLoader(fm)
        node: yaml.Node | None = None
        try:
            node = loader.get_single_node()
            if node is not None and yamlio.expanded_size(node) > yamlio.EXPANDED_LIMIT:
                raise FrontMatterError(
                    f"holds more than {yamlio.EXPANDED_LIMIT:,} values once its aliases (*name) are expanded"
                    " (a YAML alias bomb?): write the values out",
                    _bomb_line(node),
                )
            values = loader.construct_document(node) if node is not None else {}
        except yaml.MarkedYAMLError as failure:
            mark = failure.problem_mark or failure.context_mark
            raise FrontMatterError(
                f"is not valid YAML ({failure.problem})", mark.line + 1 if mark else 0
            ) from None
        except FrontMatterError:
            raise
        except (yaml.YAMLError, ValueError) as failure:  # ValueError: a date such as 2025-02-30
            raise FrontMatterError(f"is not valid YAML ({failure})", _unreadable_line(node)) from None
        finally:
            loader.dispose()
        if values is None:  # nothing but a comment, or `~`: no keys, as Jekyll reads it
            values, node = {}, None
        if not isinstance(values, Mapping) or (node is not None and not isinstance(node, yaml.MappingNode)):
            raise FrontMatterError(f"must be a mapping of keys, not {kind_of(values)}", 0)
        loaded = FrontMatterValues(values)
        if node is not None:
            for key, value in node.value:
                if not key.tag.endswith(":str"):
                    continue
                line = key.start_mark.line + 1
                if key.value in loaded.nodes:  # Psych keeps the last one silently; an edit could keep neither
                    first = loaded.nodes[key.value][0]
                    loaded.twice.append(f"has {key.value} twice (lines {first} and {line}): keep one")
                    loaded.twice_line = loaded.twice_line or line
                loaded.nodes[key.value] = (line, value)
        return loaded

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return yamlio.dump_block(metadata)


JEKYLL = JekyllHandler()


SESSION_MARKERS = ("desc", "lectureVersion")  # a file with one of these front-matter keys is a session's


@dataclass(frozen=True)
class PostParts:
    """A post cut where seminar's parts begin and end; joined again, the pieces give the file back:
    `front_matter + before + start_line + region + end_line + after` (the last four empty, or None, when
    there is no region)."""

    front_matter: str  # the whole `---` block, delimiters included (and the blank lines Jekyll takes in)
    yaml: str  # the YAML inside it
    before: str  # the body before the start marker (the whole body when there is no region)
    region: str | None  # the text between the markers
    after: str  # the body after the end marker's line
    record: Record | None
    start_line: str = ""  # the start marker's line, as written
    end_line: str = ""  # the end marker's line, as written

    @property
    def opening(self) -> str:
        """The front matter's opening line (`---`, a byte-order mark before it), its line break included."""
        return self.front_matter[: self.front_matter.index("\n") + 1]

    @property
    def closing(self) -> str:
        """The front matter after its YAML: the closing line and the blank lines Jekyll reads with it."""
        return self.front_matter[len(self.opening) + len(self.yaml) :]

    @property
    def newline(self) -> str:
        """The post's line ending, as its opening line has it: CRLF or LF."""
        return "\r\n" if self.opening.endswith("\r\n") else "\n"


@dataclass(frozen=True)
class SitePost:
    """One post file as read: its text, its front matter as Jekyll reads it, and seminar's parts.

    `values` is empty and `problem` says why when Jekyll cannot read the front matter; `parts` is None for a
    file without front matter.
    """

    path: Path
    text: str
    values: Mapping[str, Any] = field(default_factory=dict)
    nodes: Mapping[str, tuple[int, yaml.Node]] = field(default_factory=dict)
    parts: PostParts | None = None
    body: str = ""
    body_line: int = 1  # the file's line where the body starts: Liquid's line 1
    problem: Diagnostic | None = None
    decoded: bool = True  # False: not UTF-8, read with replacement characters

    @property
    def desc(self) -> str | None:
        value = self.values.get("desc")
        return value if isinstance(value, str) else None

    @property
    def unread_desc(self) -> str | None:
        """When Jekyll cannot read the front matter: the desc its last top-level `desc:` line gives, read as
        text (quotes and a trailing comment dropped), so that a session's post whose front matter a person
        broke is still known as that session's; else None."""
        if self.problem is None or self.values or self.parts is None:
            return None
        found = None
        for line in self.parts.yaml.splitlines():
            if line.startswith("desc:"):
                value = line[len("desc:") :].split(" #")[0].strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                    value = value[1:-1]
                found = value or None
        return found

    @property
    def term(self) -> str | None:
        value = self.values.get("term")
        return value if isinstance(value, str) else None

    @property
    def is_session(self) -> bool:
        """Whether it is a session's file: it has one of the keys only session files have."""
        return any(key in self.values for key in SESSION_MARKERS)

    @property
    def marked(self) -> bool:
        """Whether seminar's reading-list markers are in it: seminar made or adopted it."""
        return self.parts is not None and self.parts.record is not None


def read_post(path: Path) -> SitePost:
    """The post at `path`; OSError when it cannot be read. Text that is not UTF-8 is read with replacement
    characters and the post's `problem` says so."""
    data = path.read_bytes()
    try:
        text = decode(data, path)
    except SeminarError as failure:
        post = parse_post(path, data.decode("utf-8", errors="replace"))
        return replace(post, problem=failure.first, decoded=False)
    return parse_post(path, text)


def parse_post(path: Path, text: str) -> SitePost:
    """A post's text (the file at `path`, or an old version of it) as Jekyll reads it.

    A byte-order mark before the front matter is passed over, as Jekyll reads posts (`bom|utf-8`); it stays
    in `parts.front_matter`, so the parts still join into the file's text.
    """
    bom = BOM if text.startswith(BOM) else ""
    match = FRONT_MATTER.match(text[len(bom) :])
    if match is None:
        problem = None
        if _OPENING.match(text[len(bom) :]):
            problem = error(
                "front matter opened here is never closed by '---': Jekyll reads it as text", path, 1
            )
        return SitePost(path, text, body=text, problem=problem)
    front, body = JEKYLL.split(text[len(bom) :])
    body_line = match.group(0).count("\n") + 1
    inside = front[front.index("\n") + 1 :]  # the lines after the opening `---`
    parts = _parts(bom + match.group(0), inside, body)
    try:
        values = JEKYLL.load(front)
    except FrontMatterError as failure:
        hint = f": {_DROPPED_HINT}" if str(failure).startswith("is not valid") else ""
        problem = error(f"front matter {failure}{hint}", path, failure.line or 1)
        return SitePost(path, text, parts=parts, body=body, body_line=body_line, problem=problem)
    twice = (
        error("front matter " + "; ".join(values.twice), path, values.twice_line) if values.twice else None
    )
    return SitePost(path, text, values, values.nodes, parts, body, body_line, twice)


def read_posts(folder: Path) -> list[SitePost]:
    """Every post file Jekyll reads in `folder` (and below it), read once, in path order."""
    return [read_post(path) for path in post_files(folder) if path.suffix.lower() in POST_SUFFIXES]


def post_files(folder: Path) -> list[Path]:
    """Every file Jekyll reads in a posts folder and below it, as its reader filters entries."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not any(_skipped_entry(part) for part in path.relative_to(folder).parts)
    )


def edited_region(parts: PostParts) -> bool:
    """Whether someone changed the text between the markers since seminar wrote it (line endings aside: a
    post saved with CRLF ones is not edited)."""
    if parts.region is None or parts.record is None:
        return False
    return digest(unix_lines(parts.region)) != parts.record.region


def unix_lines(text: str) -> str:
    """`text` with CRLF line endings read as LF ones, as seminar renders and hashes text."""
    return text.replace("\r\n", "\n")


def marked_region(parts: PostParts, region: str, values: Mapping[str, object]) -> str:
    """The post's marked reading list for `region` (rendered, LF) and the front matter `values`: the start
    marker recording them, then, when the post's region reads the same (line endings aside), its region and
    end marker as written; else `region` and the end marker. Lines end as the post's start marker's (or
    opening line's) do."""
    newline = "\r\n" if (parts.start_line or parts.opening).endswith("\r\n") else "\n"
    if parts.region is not None and unix_lines(parts.region) == region:
        return start_marker(region, values).replace("\n", newline) + parts.region + parts.end_line
    return wrap(region, values, newline)


def last_start_marker(text: str) -> re.Match[str] | None:
    """The last start marker in `text`; one whose end marker is gone is not a region, but is still there."""
    found = list(START_LINE.finditer(text))
    return found[-1] if found else None


def _parts(block: str, inside: str, body: str) -> PostParts:
    start = START_LINE.search(body)
    end = END_LINE.search(body, start.end()) if start else None
    if start is None or end is None:
        return PostParts(block, inside, body, None, "", None)
    record = Record(start.group("region"), start.group("keys") or "")
    return PostParts(
        block,
        inside,
        body[: start.start()],
        body[start.end() : end.start()],
        body[end.end() :],
        record,
        start.group(0),
        end.group(0),
    )


def _skipped_entry(name: str) -> bool:
    """Jekyll's EntryFilter: dot, underscore, `#` and `~` files, backups (`x~`) and names ending in a dot."""
    return name.startswith((".", "_", "#", "~")) or name.endswith(("~", "."))


def kind_of(value: object) -> str:
    """How a value YAML 1.1 typed is named in a message: `the number 5`, `the date 2025-03-04`, `blank`."""
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return repr(value)
