"""The plain data model every source feeds and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seminar.model.arxiv_ids import abs_url as arxiv_abs_url
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.titles import normalize_title


def paper_key(arxiv_id: str | None, title: str) -> str:
    """A reading's key in the paper store: its base arXiv id, else its normalized title."""
    return arxiv_id or normalize_title(title)


def reference_key(reference: str) -> str:
    """The key of the reading a person names: an arXiv id in any form gives its base id, a title its
    normalized form, so `2409.11402v2` and `arXiv:2409.11402` (or two spellings of a title) are one."""
    found = parse_arxiv_id(reference)
    return paper_key(found.base if found else None, reference)


@dataclass(frozen=True)
class Note:
    """A note bullet under a reading (a keypoint, an objective, an instructor's remark) and its sub-items."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    """A note of a curated list: `key` is its canonical name (Method, Metric, ...), None for an un-keyed note.

    Items are its sub-bullets and continuation paragraphs; a math or code block is one item, kept verbatim.
    """

    key: str | None
    text: str = ""
    items: tuple[str, ...] = ()

    def note(self) -> Note:
        label = f"{self.key}:" if self.key else ""
        return Note(" ".join(part for part in (label, self.text) if part), self.items)


@dataclass(frozen=True)
class Place:
    """Where a paper sits in a list: the month and topic headings above it, and its lines (first, last)."""

    month: str | None  # "2024-04"
    topic: str | None
    lines: tuple[int, int]


@dataclass(frozen=True)
class Listing:
    """What one curated list file says about a paper."""

    file: str  # the list's file name: importing it again replaces this listing
    places: tuple[Place, ...]
    keypoints: tuple[str, ...] = ()
    objective: Field | None = None
    fields: tuple[Field, ...] = ()  # the other notes, keyed or not, in the list's order
    links: tuple[tuple[str, str], ...] = ()  # (label, url): paper, code, project, ...
    images: tuple[str, ...] = ()

    def notes(self) -> tuple[Note, ...]:
        """The notes a session post shows: keypoints and objective first, then the other fields in order.

        A field that held only a figure is left out: figures stay in the catalog, not in session posts.
        """
        first = [Note("Keypoints: " + "; ".join(self.keypoints))] if self.keypoints else []
        if self.objective is not None:
            first.append(self.objective.note())
        return (*first, *(field.note() for field in self.fields if field.text or field.items))

    @property
    def weight(self) -> int:
        """How much the listing says: the one that says most gives a paper's notes."""
        return bool(self.keypoints) + (self.objective is not None) + len(self.fields)


@dataclass(frozen=True)
class Paper:
    """One reading: an arXiv paper, or a title-only entry such as a blog post or a release."""

    title: str
    arxiv_id: str | None = None
    aliases: tuple[str, ...] = ()  # other titles it was asked for by, which find it too
    authors: tuple[str, ...] = ()
    abstract: str | None = None
    published: date | None = None  # first version
    updated: date | None = None  # latest version
    version: int | None = None  # latest version number
    categories: tuple[str, ...] = ()
    primary_category: str | None = None
    comment: str | None = None
    journal_ref: str | None = None
    doi: str | None = None
    withdrawn: bool = False  # its arXiv comment says it was withdrawn
    abs_url: str | None = None
    pdf_url: str | None = None
    url: str | None = None  # a reading's link when it has no arXiv record
    source: str | None = None  # where the entry came from
    fetched: date | None = None  # when its metadata came from arXiv
    notes: tuple[Note, ...] = ()  # an instructor's own notes
    listings: tuple[Listing, ...] = ()  # what curated lists say about it, one per list file

    @property
    def places(self) -> tuple[tuple[str, Place], ...]:
        """(list file, place) of every place the paper is listed, first listing first."""
        return tuple((listing.file, place) for listing in self.listings for place in listing.places)

    @property
    def main_listing(self) -> Listing | None:
        """The listing that says most about the paper (first by file name on a tie): its notes are shown."""
        return max(self.listings, key=lambda listing: listing.weight) if self.listings else None

    @property
    def reading_notes(self) -> tuple[Note, ...]:
        """A reading's notes: those of the list that says most about it, then the instructor's own."""
        listed = self.main_listing.notes() if self.main_listing else ()
        return (*listed, *(note for note in self.notes if note not in listed))

    @property
    def key(self) -> str:
        """The store key: the base arXiv id, or the normalized title for readings without one."""
        return paper_key(self.arxiv_id, self.title)

    @property
    def link(self) -> str | None:
        """The reading's link: its arXiv abstract page (built from the id when the entry has no `abs_url`),
        else its own `url`."""
        if self.abs_url:
            return self.abs_url
        return arxiv_abs_url(self.arxiv_id) if self.arxiv_id else self.url
