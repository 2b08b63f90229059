"""The entries of a curated list as they are read, and the papers they make once merged.

A paper may appear several times in one list (a table of contents, a topic it is filed under twice); its
appearances are merged into one `ListedPaper`, and what looks wrong is a warning with its line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from seminar.model.papers import Field, Listing, Place, paper_key
from seminar.model.titles import normalize_title
from seminar.sources import listsyntax as syntax

Warn = Callable[[int, str], None]  # a warning about a line of the list


@dataclass(frozen=True)
class ListedPaper:
    """A paper as one list file gives it (every place it appears in that file merged into one)."""

    title: str
    arxiv_id: str | None
    listing: Listing

    @property
    def key(self) -> str:
        return paper_key(self.arxiv_id, self.title)


def topic_key(topic: str) -> str:
    """One form for a topic however it is spelt: `Long Video Genaration` and `LongVideoGenaration` are one."""
    return "".join(normalize_title(topic).split())


@dataclass
class NoteBuilder:
    """A note being read: its key, the bullet's indentation, its text, and its items so far."""

    key: str | None
    indent: int
    line: int
    text: str = ""
    items: list[str] = field(default_factory=list)
    closed_item: bool = False  # the last item is a verbatim block: text after it starts a new item
    had_image: bool = False

    def add_text(self, text: str) -> None:
        if self.items and not self.closed_item:
            self.items[-1] = f"{self.items[-1]} {text}"
        elif self.items:
            self.items.append(text)
            self.closed_item = False
        else:
            self.text = f"{self.text} {text}".strip()

    def add_item(self, text: str, *, verbatim: bool = False) -> None:
        self.items.append(text)
        self.closed_item = verbatim

    def done(self) -> Field:
        return Field(self.key, syntax.clean(self.text), tuple(item for item in self.items if item.strip()))


@dataclass
class Entry:
    """One appearance of a paper in the file, as it is read."""

    title: str
    kind: str  # heading, bold, one-liner or row
    first: int
    month: str | None
    topic: str | None
    indent: int = -1  # a one-liner's bullet indentation: deeper lines belong to it
    last: int = 0
    arxiv_ids: list[str] = field(default_factory=list)
    date: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)
    fields: list[NoteBuilder] = field(default_factory=list)
    details: int | None = None  # the line of a <details> not closed yet
    gap: bool = False  # a blank line since the last one

    @property
    def current(self) -> NoteBuilder | None:
        return self.fields[-1] if self.fields else None

    def meta(self, text: str, warn: Warn, line: int) -> None:
        """Links, arXiv id and date tag of a heading, one-liner or meta line."""
        for label, url in syntax.links(text):
            if not url:
                warn(line, f"empty link [{label}]()")
            else:
                self.links.setdefault(label, url)
        found = syntax.arxiv_id_in(text)
        if found and found not in self.arxiv_ids:
            self.arxiv_ids.append(found)
        self.date = self.date or syntax.date_tag(text)


def verbatim(entry: Entry, block: str, last_line: int) -> None:
    """A math or code block: one item, as written, of the field it sits in."""
    entry.last = last_line
    if entry.current is None:
        entry.fields.append(NoteBuilder(None, 0, last_line))
    entry.fields[-1].add_item(block, verbatim=True)


def merge(entries: list[Entry], file: str, topics: Mapping[str, str], warn: Warn) -> list[ListedPaper]:
    """Appearances of one paper in the file (by arXiv id or normalized title) merged into one paper.

    A table-of-contents line repeating a full entry is merged silently; a paper given twice otherwise is a
    warning. An arXiv id linked from two different titles is a mistake in the list: it is kept for neither.
    """
    claims: dict[str, dict[str, Entry]] = {}
    for entry in entries:
        for arxiv_id in entry.arxiv_ids[:1]:
            claims.setdefault(arxiv_id, {}).setdefault(normalize_title(entry.title), entry)
    doubtful = set()
    for arxiv_id, claimants in claims.items():
        if len(claimants) > 1:
            doubtful.add(arxiv_id)
            first, second = list(claimants.values())[:2]
            warn(
                second.first,
                f"arXiv {arxiv_id} is linked from two titles, {first.title!r} (line {first.first}) "
                f"and {second.title!r}: kept for neither",
            )
    parent = list(range(len(entries)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    owner: dict[str, int] = {}
    for index, entry in enumerate(entries):
        names = [normalize_title(entry.title)] + [
            f"arXiv:{i}" for i in entry.arxiv_ids[:1] if i not in doubtful
        ]
        for name in names:
            if name in owner:
                parent[root(index)] = root(owner[name])
            else:
                owner[name] = index
    groups: dict[int, list[Entry]] = {}
    for index, entry in enumerate(entries):
        groups.setdefault(root(index), []).append(entry)
    return [_paper(group, file, topics, warn, doubtful) for group in groups.values()]


def _paper(
    group: list[Entry], file: str, topics: Mapping[str, str], warn: Warn, doubtful: set[str]
) -> ListedPaper:
    full = [entry for entry in group if entry.kind != "one-liner"]
    short = [entry for entry in group if entry.kind == "one-liner"]
    main = (full or short)[0]
    if len(full) > 1 or len(short) > 1:
        again = (full[1:] or short[1:])[0]
        warn(again.first, f"{again.title!r} is listed again (first at line {main.first}); merged")
    ids = list(dict.fromkeys(i for entry in group for i in entry.arxiv_ids[:1] if i not in doubtful))
    if len(ids) > 1:
        warn(main.first, f"{main.title!r} links to two arXiv papers ({', '.join(ids)}): kept neither")
    fields = [
        note.done()
        for entry in (full or short)
        for note in entry.fields
        if note.text or note.items or note.had_image
    ]
    keypoints = [
        point
        for note in fields
        if note.key == "Keypoints"
        for point in [
            *syntax.split_keypoints(note.text),
            *(p for i in note.items for p in syntax.split_keypoints(i)),
        ]
    ]
    objective = next((note for note in fields if note.key == "Objective"), None)
    others = [note for note in fields if note.key != "Keypoints" and note is not objective]
    month = next((entry.month for entry in group if entry.month), None) or next(
        (entry.date for entry in group if entry.date), None
    )
    places: dict[str | None, Place] = {}
    for entry in sorted(group, key=lambda entry: entry.first):
        topic = topics.get(topic_key(entry.topic), entry.topic) if entry.topic else None
        places.setdefault(topic, Place(month, topic, (entry.first, entry.last)))
    links: dict[str, str] = {}
    for entry in group:
        for label, url in entry.links.items():
            links.setdefault(label, url)
    listing = Listing(
        file=file,
        places=tuple(places.values()),
        keypoints=tuple(dict.fromkeys(keypoints)),
        objective=objective if objective and (objective.text or objective.items) else None,
        fields=tuple(dict.fromkeys(others)),
        links=tuple(links.items()),
        images=tuple(dict.fromkeys(image for entry in group for image in entry.images)),
    )
    return ListedPaper(main.title, ids[0] if len(ids) == 1 else None, listing)
