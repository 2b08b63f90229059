"""The catalog: curated lists merged into the paper store, and the look-ups the commands make on it.

A paper is kept once however many lists name it: by arXiv id when a list links it, else by normalized
title (an arXiv entry with that title or alias takes the listing). Each entry keeps one listing per list
file, so importing a file again replaces what that file said and changes nothing when the file did not change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from seminar.core.errors import Diagnostic, SeminarError, error, warning
from seminar.model.arxiv_ids import abs_url
from seminar.model.papers import Paper
from seminar.model.titles import normalize_title
from seminar.sources.list_entries import ListedPaper, topic_key
from seminar.sources.listsyntax import month_heading
from seminar.sources.paperlist import ParsedList
from seminar.sources.store import PaperStore


@dataclass(frozen=True)
class ImportReport:
    """What importing one list did to the store."""

    file: str
    papers: int
    new: int
    updated: int
    unchanged: int
    dropped: int  # papers this file listed before and lists no more
    warnings: tuple[Diagnostic, ...]

    def summary(self) -> str:
        counts = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        dropped = f", {self.dropped} no longer listed" if self.dropped else ""
        warnings = f"{len(self.warnings)} warning" + ("" if len(self.warnings) == 1 else "s")
        papers = f"{self.papers} paper" + ("" if self.papers == 1 else "s")
        return f"{self.file}: {papers}, {counts}{dropped}, {warnings}"


def import_list(store: PaperStore, parsed: ParsedList) -> ImportReport:
    """Merge a parsed list into the store (in memory; the caller saves)."""
    warnings = list(parsed.warnings)
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    touched: set[str] = set()
    for listed in parsed.papers:
        key, doubt = _home(store, listed)
        if doubt:
            warnings.append(warning(doubt, Path(parsed.name), listed.listing.places[0].lines[0]))
        before = store.raw(key) if key else None
        key = _merge(store, key, listed, doubt is None)
        after = store.raw(key)
        counts["new" if before is None else "updated" if before != after else "unchanged"] += 1
        touched.add(key)
    dropped = _drop_stale(store, parsed.name, touched)
    warnings.sort(key=lambda warning: warning.line or 0)  # every list warning has a line
    return ImportReport(parsed.name, len(parsed.papers), **counts, dropped=dropped, warnings=tuple(warnings))


def _home(store: PaperStore, listed: ListedPaper) -> tuple[str | None, str | None]:
    """The key of the entry the paper goes to (None: a new one), and any doubt about the list's arXiv link."""
    by_title = store.by_title(listed.title)
    if listed.arxiv_id is None:
        return (by_title.key if by_title else None), None
    existing = store.get(listed.arxiv_id)
    if existing is not None:
        titles = {normalize_title(title) for title in (existing.title, *existing.aliases)}
        if normalize_title(listed.title) in titles:
            return existing.key, None
        doubt = (
            f"{listed.title!r} links arXiv {listed.arxiv_id}, which is {existing.title!r}: imported by title"
        )
        return (by_title.key if by_title else None), doubt
    if by_title is not None and by_title.arxiv_id not in (None, listed.arxiv_id):
        doubt = (
            f"{listed.title!r} links arXiv {listed.arxiv_id}, but the paper store has this title as "
            f"arXiv {by_title.arxiv_id}: imported by title"
        )
        return by_title.key, doubt
    return (by_title.key if by_title else None), None


def _merge(store: PaperStore, key: str | None, listed: ListedPaper, trust_id: bool) -> str:
    """Put the listing on its paper (creating it, or giving a title-only entry its arXiv id); its key."""
    listing = listed.listing
    old = store.get(key) if key else None
    arxiv_id = (old.arxiv_id if old else None) or (listed.arxiv_id if trust_id else None)
    if old is None:
        links = dict(listing.links)
        paper = Paper(
            title=listed.title,
            arxiv_id=arxiv_id,
            abs_url=abs_url(arxiv_id) if arxiv_id else None,
            url=None if arxiv_id else links.get("paper") or links.get("project") or links.get("link"),
            source=f"paper list {listing.file}",
        )
    else:
        paper = replace(
            old, arxiv_id=arxiv_id, abs_url=old.abs_url or (abs_url(arxiv_id) if arxiv_id else None)
        )
    others = [kept for kept in paper.listings if kept.file != listing.file]
    paper = replace(paper, listings=tuple(sorted([*others, listing], key=lambda kept: kept.file)))
    store.put(paper, replacing=key)  # a title-only entry that now has its arXiv id goes, its own keys kept
    return paper.key


def _drop_stale(store: PaperStore, file: str, touched: set[str]) -> int:
    """Take this file's listing off papers it no longer lists; an entry left with nothing at all goes."""
    dropped = 0
    for key, paper in store.papers()[0].items():  # an entry too broken to read has no listing to take off
        if key in touched or not any(listing.file == file for listing in paper.listings):
            continue
        dropped += 1
        paper = replace(paper, listings=tuple(kept for kept in paper.listings if kept.file != file))
        if paper.listings or paper.notes or paper.aliases or store.has_metadata(key):
            store.put(paper)  # the entry's own keys kept
        else:
            store.remove(key)
    return dropped


@dataclass(frozen=True)
class CatalogFilter:
    """What `seminar papers` and `new-session --from-list` narrow the catalog by."""

    topic: str | None = None
    month: str | None = None
    search: str | None = None
    file: str | None = None


def list_readings(store: PaperStore, file: str, topic: str) -> list[Paper]:
    """The papers a list file gives under a topic, in the list's order: a session's readings."""
    every = list(store.papers()[0].values())
    papers = catalog(every, CatalogFilter(topic=topic, file=file))
    if papers:
        return papers
    listed = catalog(every, CatalogFilter(file=file))
    if not listed:
        raise SeminarError(error("no such list file, and no list of that name has been imported", key=file))
    topics = ", ".join(topics_of(listed, file))
    raise SeminarError(error(f"no papers under topic {topic!r} (its topics: {topics})", key=file))


def parse_month(text: str) -> str:
    """A month as people type it (2024-04, 202404, April 2024) as YYYY-MM."""
    month = month_heading(text)
    if month is None:
        raise SeminarError(error("not a month such as 2024-04", key=f"--month {text!r}"))
    return month


def catalog(papers: list[Paper], wanted: CatalogFilter = CatalogFilter()) -> list[Paper]:
    """The papers that match, those from lists first in list order (file, then line)."""
    topics = _topic_keys(papers, wanted)
    words = normalize_title(wanted.search).split() if wanted.search else []
    found = [
        paper
        for paper in papers
        if _places(paper, wanted, topics) and all(word in _haystack(paper) for word in words)
    ]
    return sorted(found, key=_order)


def topics_of(papers: list[Paper], file: str | None = None) -> list[str]:
    """The topics papers sit under (in one file, if given), each once."""
    names = {
        topic_key(place.topic): place.topic
        for paper in papers
        for listed_in, place in paper.places
        if place.topic and (file is None or listed_in == file)
    }
    return sorted(names.values(), key=str.casefold)


def _topic_keys(papers: list[Paper], wanted: CatalogFilter) -> set[str] | None:
    """The topics `--topic` means: the one spelt so, else every topic containing the words given."""
    if wanted.topic is None:
        return None
    asked = topic_key(wanted.topic)
    known = {topic_key(topic) for topic in topics_of(papers, wanted.file)}
    return {asked} if asked in known else {topic for topic in known if asked and asked in topic}


def _places(paper: Paper, wanted: CatalogFilter, topics: set[str] | None) -> bool:
    if wanted.topic is None and wanted.month is None and wanted.file is None:
        return True  # no narrowing by where papers are listed: every paper, listed or not
    return any(
        (wanted.file is None or file == wanted.file)
        and (topics is None or (place.topic is not None and topic_key(place.topic) in topics))
        and (wanted.month is None or place.month == wanted.month)
        for file, place in paper.places
    )


def _haystack(paper: Paper) -> str:
    parts = [paper.title, *paper.aliases, paper.arxiv_id or ""]
    parts += [place.topic or "" for _, place in paper.places]
    for listing in paper.listings:
        parts += listing.keypoints
        for field in (listing.objective, *listing.fields):
            if field is not None:
                parts += [field.text, *field.items]
    return " " + normalize_title(" ".join(parts)) + " "


def _order(paper: Paper) -> tuple[bool, tuple[str, int], str]:
    first = min(((file, place.lines[0]) for file, place in paper.places), default=None)
    return (first is None, first or ("", 0), paper.title.casefold())


def as_json(paper: Paper) -> dict[str, Any]:
    """A catalog entry as `seminar papers --json` prints it: the paper's key, title, id, first topic and
    month, its main listing's keypoints, objective, fields and links, and every list place, as JSON values."""
    first = paper.places[0][1] if paper.places else None
    listing = paper.main_listing
    return {
        "key": paper.key,
        "title": paper.title,
        "arxiv_id": paper.arxiv_id,
        "topic": first and first.topic,
        "month": first and first.month,
        "keypoints": list(listing.keypoints) if listing else [],
        "objective": listing.objective.text if listing and listing.objective else None,
        "fields": [
            {"key": field.key, "text": field.text, "items": list(field.items)}
            for field in (listing.fields if listing else ())
        ],
        "links": dict(listing.links) if listing else {},
        "sources": [
            {"file": file, "month": place.month, "topic": place.topic, "lines": list(place.lines)}
            for file, place in paper.places
        ],
    }
