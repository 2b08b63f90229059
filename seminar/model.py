"""The plain data model every source feeds and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from seminar.titles import normalize_title


@dataclass(frozen=True)
class Note:
    """A note bullet under a reading (a keypoint, an objective, an instructor's remark) and its sub-items."""

    text: str
    items: tuple[str, ...] = ()


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
    notes: tuple[Note, ...] = ()

    @property
    def key(self) -> str:
        """The store key: the base arXiv id, or the normalized title for readings without one."""
        return self.arxiv_id or normalize_title(self.title)

    @property
    def link(self) -> str | None:
        return self.abs_url or self.url


@dataclass(frozen=True)
class Session:
    """One meeting of the seminar: what its post's front matter and reading list are made from."""

    week: str
    date: date
    title: str | None  # None until the instructor chooses one
    lecture_version: str
    desc: str
    term: str | None = None
    layout: str = "post"
    lecture: str | None = None
    extra_content: str | None = None
    notes: str | None = None
    video: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    required: tuple[Paper, ...] = field(default=())
    more: tuple[Paper, ...] = field(default=())
