"""The paper store: metadata of every reading, kept in the site as the Jekyll data file `_data/papers.json`.

JSON because it loads in milliseconds with thousands of entries and Jekyll reads it as `site.data.papers`.
Entries are sorted by key and their fields written in one fixed order, so a change is a small git diff.
Entries are checked and turned into `Paper`s only when used, so one odd entry never blocks the others.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from seminar.core.errors import Diagnostic, SeminarError, error
from seminar.core.fileio import read_text, write_atomic
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Field, Listing, Note, Paper, Place
from seminar.model.titles import normalize_title

# The entry's fields are the `Paper` model's, in its order but `arxiv_id` first (it repeats the key, so that
# an entry read alone says what it is); how each is stored follows from its type in the model.
_TYPES = typing.get_type_hints(Paper)
FIELD_ORDER = ("arxiv_id", *(spec.name for spec in dataclasses.fields(Paper) if spec.name != "arxiv_id"))
TEXT_FIELDS = tuple(name for name in FIELD_ORDER if name != "arxiv_id" and _TYPES[name] in (str, str | None))
LIST_FIELDS = tuple(name for name in FIELD_ORDER if _TYPES[name] == tuple[str, ...])
DATE_FIELDS = tuple(name for name in FIELD_ORDER if _TYPES[name] == date | None)
# Who owns each field: seminar keeps these of its own, which arXiv never gives (other titles, the instructor's
# notes, the lists' listings; and a link without an arXiv record); every other field is arXiv's, replaced by
# each fetch. Keys that are no field are a person's own (for their pages, say), kept as they are.
MERGED_FIELDS = ("aliases", "notes", "listings")  # merged from every entry a fetch folds together
OWN_FIELDS = (*MERGED_FIELDS, "url")
ARXIV_FIELDS = tuple(name for name in FIELD_ORDER if name not in OWN_FIELDS)

# One entry as JSON gives it: field name to value. Not a TypedDict, because an entry is checked only when
# `paper_from_entry` reads it, so before that any field may hold anything.
Entry = dict[str, Any]
# Makes the error for a bad field of the entry being read: `fail(field, message)`.
FailFn = Callable[[str, str], SeminarError]


class PaperStore:
    """The site's papers by key (base arXiv id, or normalized title for readings without one)."""

    def __init__(self, path: Path, entries: dict[str, Entry] | None = None) -> None:
        self.path = path
        self._entries: dict[str, Entry] = entries or {}
        self._by_title: dict[str, str] | None = None

    @classmethod
    def load(cls, path: Path) -> PaperStore:
        """The store at `path`; a site without one has an empty store."""
        try:
            text = read_text(path)
        except FileNotFoundError:
            return cls(path)
        try:
            entries = json.loads(text) if text.strip() else {}
        except json.JSONDecodeError as failure:
            raise SeminarError(error(f"not valid JSON: {failure.msg}", path, failure.lineno)) from None
        except RecursionError:  # arrays or objects nested thousands deep: no paper store is
            raise SeminarError(error("not a paper store: JSON nested too deep", path)) from None
        if not isinstance(entries, dict) or not all(isinstance(entry, dict) for entry in entries.values()):
            raise SeminarError(error("must be a JSON object of paper entries keyed by id", path))
        return cls(path, entries)

    @classmethod
    @contextmanager
    def updating(cls, path: Path) -> Iterator[PaperStore]:
        """The store, read and then saved (atomically) when the block ends.

        Commands that write run under the site's lock (`seminar.core.fileio.writing`), so two processes
        updating one store take turns, each reading what the other saved, and no entry is lost; a crash
        while saving leaves the previous file whole.
        """
        store = cls.load(path)
        try:
            yield store
        finally:
            store.save()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        """The keys, as a copy: entries may be put or removed while going through them."""
        return iter(list(self._entries))

    def has_metadata(self, key: str) -> bool:
        """Whether arXiv's metadata is stored for this id (a paper list may have named the id alone): an id
        counts as cached once its entry has `published`, which arXiv's metadata always gives."""
        return "published" in self._entries.get(key, {})

    def awaiting_metadata(self, title: str) -> str | None:
        """The arXiv id of the entry this title names when that entry knows its id but not yet its metadata
        (a paper list or an adopted site gave the id with a title); None otherwise. Read from the entry as
        stored, so an entry too broken to read is left for its look-up to report."""
        key = self._title_index().get(normalize_title(title))
        arxiv_id = self._arxiv_id_of(key) if key is not None else None
        return None if arxiv_id is None or self.has_metadata(arxiv_id) else arxiv_id

    def _arxiv_id_of(self, key: str) -> str | None:
        """The base arXiv id an entry names (an entry kept under its title may know it), as stored."""
        entry = self._entries.get(key)
        found = entry.get("arxiv_id") if isinstance(entry, dict) else None
        if found == key:
            return key  # the usual entry, kept under its id
        parsed = parse_arxiv_id(found) if isinstance(found, str) else None
        return parsed.base if parsed is not None else None

    def raw(self, key: str) -> Entry | None:
        """The entry as stored (never changed in place: `put` stores a new one), to tell what a change did."""
        return self._entries.get(key)

    def remove(self, key: str) -> None:
        del self._entries[key]
        self._by_title = None

    def get(self, key: str) -> Paper | None:
        entry = self._entries.get(key)
        return None if entry is None else paper_from_entry(key, entry, self.path)

    def papers(self) -> tuple[dict[str, Paper], list[Diagnostic]]:
        """Every entry that reads as a paper, by key, and an error for each that does not."""
        papers: dict[str, Paper] = {}
        problems: list[Diagnostic] = []
        for key in self._entries:
            try:
                papers[key] = paper_from_entry(key, self._entries[key], self.path)
            except SeminarError as failure:
                problems.extend(failure.diagnostics)
        return papers, problems

    def by_title(self, title: str) -> Paper | None:
        """The paper with this title, compared in normalized form (case, punctuation, accents folded)."""
        key = self._title_index().get(normalize_title(title))
        if key is None:
            return None
        arxiv_id = self._arxiv_id_of(key)  # an entry kept under its title that knows its arXiv paper
        return self.get(arxiv_id if arxiv_id is not None and self.has_metadata(arxiv_id) else key)

    def put(self, paper: Paper, replacing: str | None = None) -> None:
        """Store `paper` under its key, in place of the entry there, whose keys that are no field (a person's
        own) it keeps as they are; with `replacing`, the entry under that key is taken off, its own keys
        kept too (a title-only entry that now has its arXiv id)."""
        own = _foreign(self._entries.get(paper.key, {}))
        if replacing is not None and replacing != paper.key and replacing in self._entries:
            own = {**_foreign(self._entries[replacing]), **own}
            self.remove(replacing)
        self._store(paper.key, _ordered({**entry_from_paper(paper), **own}))

    def _store(self, key: str, entry: Entry) -> None:
        self._entries[key] = entry
        if self._by_title is not None:
            _index_titles(self._by_title, key, entry)  # kept up to date: an import puts thousands

    def put_fetched(self, paper: Paper, asked_title: str | None = None) -> None:
        """Store arXiv's metadata for a paper: its fields (`ARXIV_FIELDS`) replace those of the entry, whose
        notes, aliases and list listings are kept and every other key (`url`, a person's own) as it is.

        A title the entry had that differs from arXiv's (a paper list's spelling, an adopted site's) becomes
        an alias, so a plan that names the paper by it still finds it. With `asked_title` (the paper was found
        by title), a title-only entry for that title folds into this one, so the paper is never kept twice,
        and a title that differs from arXiv's becomes an alias too. An entry read for its own fields needs no
        title (one a person wrote with an id and notes); when the paper's own entry has one that does not
        read (malformed notes), arXiv's fields are put in it and the rest is left as it is, to be reported
        when it is used, and no other entry folds into it.
        """
        notes: list[Note] = []
        aliases: list[str] = []
        listings: list[Listing] = []
        kept: Entry = {}  # the keys no arXiv field, `url` and a person's own, the paper's own entry's first
        keys = [paper.key]  # and every entry kept under a title that knows this id (a list gave it)
        keys += [
            key
            for key, entry in self._entries.items()
            if key != paper.key and isinstance(entry, dict) and self._arxiv_id_of(key) == paper.key
        ]
        if asked_title is not None:
            keys += [
                key
                for key in (normalize_title(asked_title), normalize_title(paper.title))
                if key != paper.key
            ]
        for key in dict.fromkeys(keys):
            entry = self._entries.get(key)
            if entry is None or (
                key != paper.key and entry.get("arxiv_id") is not None and self._arxiv_id_of(key) != paper.key
            ):
                continue  # none, or another paper's
            try:
                old = _own_fields(key, entry, self.path)
            except SeminarError:
                if key != paper.key:
                    continue  # an entry too broken to read is left as it is
                self._store(key, _ordered({**entry_from_paper(paper), **_not_arxiv(entry)}))
                return
            notes += [note for note in old.notes if note not in notes]
            titles = (entry["title"],) if isinstance(entry.get("title"), str) and entry["title"] else ()
            aliases += [alias for alias in (*titles, *old.aliases) if alias not in aliases]
            listings += [
                listing for listing in old.listings if listing.file not in {x.file for x in listings}
            ]
            for name, value in _not_arxiv(entry).items():
                if name not in MERGED_FIELDS:
                    kept.setdefault(name, value)
            if key != paper.key:
                self.remove(key)
        if asked_title is not None and asked_title not in aliases:
            aliases.append(asked_title)
        spellings = {normalize_title(paper.title): paper.title}
        for alias in aliases:  # one alias for each other title, as normalized
            spellings.setdefault(normalize_title(alias), alias)
        aliases = list(spellings.values())[1:]
        listings.sort(key=lambda listing: listing.file)
        merged = replace(paper, notes=tuple(notes), aliases=tuple(aliases), listings=tuple(listings))
        self._store(paper.key, _ordered({**entry_from_paper(merged), **kept}))

    def entry(self, key: str) -> Entry:
        """The entry as stored, with its key as `id` first (what `--format json` prints)."""
        return {"id": key, **self._entries[key]}

    def dumps(self) -> str:
        return json.dumps(dict(sorted(self._entries.items())), ensure_ascii=False, indent=2) + "\n"

    def save(self) -> bool:
        """Write the store if it changed; True when the file was written."""
        text = self.dumps()
        try:
            if self.path.read_text(encoding="utf-8") == text:
                return False
        except FileNotFoundError:
            pass
        write_atomic(self.path, text)
        return True

    def _title_index(self) -> dict[str, str]:
        """Normalized title to key, built at the first title look-up; an arXiv entry wins over others."""
        if self._by_title is None:
            index: dict[str, str] = {}
            for key, entry in self._entries.items():
                _index_titles(index, key, entry)
            self._by_title = index
        return self._by_title


def _index_titles(index: dict[str, str], key: str, entry: Entry) -> None:
    aliases = entry.get("aliases")
    for title in [entry.get("title"), *(aliases if isinstance(aliases, list) else [])]:
        if isinstance(title, str) and (entry.get("arxiv_id") or normalize_title(title) not in index):
            index[normalize_title(title)] = key


def _foreign(entry: Entry) -> Entry:
    """The entry's keys that are no field of seminar's: a person's own, kept as they are."""
    return {name: value for name, value in entry.items() if name not in FIELD_ORDER}


def _not_arxiv(entry: Entry) -> Entry:
    """The entry's keys that no arXiv fetch replaces: seminar's own fields and a person's own keys."""
    return {name: value for name, value in entry.items() if name not in ARXIV_FIELDS}


def _ordered(entry: Entry) -> Entry:
    """The entry's fields in `FIELD_ORDER`, then a person's own keys in the order they were written."""
    return {**{name: entry[name] for name in FIELD_ORDER if name in entry}, **_foreign(entry)}


def _own_fields(key: str, entry: Entry, path: Path) -> Paper:
    """The entry's own fields (`OWN_FIELDS`) read as a paper, whatever its arXiv fields hold, a title or none:
    what a fetch keeps of it. Raises SeminarError when one of them does not read."""
    own = {name: value for name, value in entry.items() if name in OWN_FIELDS}
    return paper_from_entry(key, {**own, "title": key}, path)


def entry_from_paper(paper: Paper) -> Entry:
    """The store entry for `paper`: its fields in `FIELD_ORDER`, empty ones (None, [], "", false) left out;
    dates as YYYY-MM-DD, lists as lists, notes and listings as `_note_entry` and `_listing_entry` say."""
    values: dict[str, object] = {}
    for name in FIELD_ORDER:
        value = getattr(paper, name)
        if name == "notes":
            value = [_note_entry(note) for note in paper.notes]
        elif name == "listings":
            value = [_listing_entry(listing) for listing in paper.listings]
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        values[name] = value
    return {
        name: value for name, value in values.items() if value not in (None, [], "") and value is not False
    }


def _note_entry(note: Note) -> object:
    return note.text if not note.items else {"text": note.text, "items": list(note.items)}


def paper_from_entry(key: str, entry: Entry, path: Path) -> Paper:
    """Check one stored entry and turn it into a `Paper`; a bad field is named with the file and the key (a
    SeminarError), and so is a key that is no field but is spelt like one (`abstarct`). Any other key is a
    person's own, and left out of the paper."""

    def fail(field: str, message: str) -> SeminarError:
        return SeminarError(error(message, path, key=f"entry {key!r}: {field}"))

    for name in sorted(_foreign(entry)):  # a person's own key, unless it looks like a misspelt field
        near = difflib.get_close_matches(name, FIELD_ORDER, n=1, cutoff=0.8)
        if near:
            raise fail(
                name,
                f"unknown field (did you mean {near[0]!r}? a key of your own must not look like one of "
                f"seminar's: {', '.join(FIELD_ORDER)})",
            )
    for name in TEXT_FIELDS:
        if not isinstance(entry.get(name, ""), str | None):
            raise fail(name, "must be text")
    if not entry.get("title"):
        raise fail("title", "missing")
    for name in LIST_FIELDS:
        if not _text_list(entry.get(name, [])):
            raise fail(name, "must be a list of text items")
    dates: dict[str, date | None] = {}
    for name in DATE_FIELDS:
        try:
            dates[name] = None if entry.get(name) is None else date.fromisoformat(entry[name])
        except (TypeError, ValueError):
            raise fail(name, "must be a date such as 2024-09-17") from None
    if not isinstance(entry.get("withdrawn", False), bool):
        raise fail("withdrawn", "must be true or false")
    version = entry.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        raise fail("version", "must be a whole number from 1")
    arxiv_id = entry.get("arxiv_id")
    if arxiv_id is not None and (not isinstance(arxiv_id, str) or parse_arxiv_id(arxiv_id) is None):
        raise fail("arxiv_id", "must be an arXiv id such as 2409.11402")
    values: dict[str, Any] = {name: entry.get(name) for name in TEXT_FIELDS}
    values.update({name: tuple(entry.get(name, ())) for name in LIST_FIELDS}, **dates)
    return Paper(
        **values,
        arxiv_id=arxiv_id,
        version=version,
        withdrawn=entry.get("withdrawn", False),
        notes=tuple(_note(item, fail) for item in entry.get("notes", ())),
        listings=tuple(_listing(item, fail) for item in entry.get("listings", ())),
    )


def _note(item: object, fail: FailFn) -> Note:
    """A stored note: plain text, or `{"text": ..., "items": [...]}` for one with sub-items."""
    if isinstance(item, str):
        return Note(item)
    if isinstance(item, dict) and isinstance(item.get("text"), str) and _text_list(item.get("items", [])):
        return Note(item["text"], tuple(item.get("items", ())))
    raise fail("notes", 'each note must be text or {"text": ..., "items": [...]}')


def _listing_entry(listing: Listing) -> dict[str, Any]:
    values = {
        "file": listing.file,
        "places": [
            {"month": place.month, "topic": place.topic, "lines": list(place.lines)}
            for place in listing.places
        ],
        "keypoints": list(listing.keypoints),
        "objective": listing.objective and _field_entry(listing.objective),
        "fields": [_field_entry(field) for field in listing.fields],
        "links": dict(listing.links),
        "images": list(listing.images),
    }
    return {name: value for name, value in values.items() if value not in (None, [], {})}


def _field_entry(field: Field) -> dict[str, Any]:
    values = {"key": field.key, "text": field.text, "items": list(field.items)}
    return {name: value for name, value in values.items() if value not in (None, "", [])}


def _listing(item: object, fail: FailFn) -> Listing:
    """A stored listing: what one paper list file says about the paper, and where."""
    problem = 'each listing must be {"file": ..., "places": [...], ...} as `seminar import-list` writes it'
    try:
        if not isinstance(item, dict):
            raise ValueError("malformed")
        _require(isinstance(item["file"], str))
        places = tuple(
            Place(place.get("month"), place.get("topic"), (int(place["lines"][0]), int(place["lines"][1])))
            for place in item.get("places", [])
        )
        _require(
            all(isinstance(value, str | None) for place in places for value in (place.month, place.topic))
        )
        links = item.get("links", {})
        _require(isinstance(links, dict) and all(isinstance(url, str) for url in links.values()))
        _require(_text_list(item.get("keypoints", [])) and _text_list(item.get("images", [])))
        objective = item.get("objective")
        return Listing(
            file=item["file"],
            places=places,
            keypoints=tuple(item.get("keypoints", ())),
            objective=None if objective is None else _field(objective),
            fields=tuple(_field(field) for field in item.get("fields", [])),
            links=tuple(links.items()),
            images=tuple(item.get("images", ())),
        )
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        raise fail("listings", problem) from None


def _field(item: object) -> Field:
    if not isinstance(item, dict):
        raise ValueError("malformed")
    key, text, items = item.get("key"), item.get("text", ""), item.get("items", [])
    _require(isinstance(key, str | None) and isinstance(text, str) and _text_list(items))
    return Field(key, text, tuple(items))


def _require(condition: bool) -> None:
    if not condition:
        raise ValueError("malformed")


def _text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
