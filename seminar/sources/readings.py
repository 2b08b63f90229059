"""What people name a reading (an arXiv id in any form, or a title) turned into a paper from the store."""

from __future__ import annotations

from collections.abc import Mapping

from seminar.core.errors import Diagnostic, SeminarError, display_path, error
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper
from seminar.sources.store import PaperStore


def lookup(
    store: PaperStore, reference: str, *, ids_only: bool = False, reasons: Mapping[str, str] | None = None
) -> Paper:
    """The paper `reference` names; a SeminarError naming the reference when the store does not have it.

    `reasons` says why a paper could not be fetched (by base id) or found by its title (by the title given).
    A title whose entry knows its arXiv id but not its metadata is that entry, unless `reasons` has a reason
    for the title: then the metadata was needed and could not be fetched, and the error says why.
    """
    arxiv_id = parse_arxiv_id(reference)
    if arxiv_id is not None:
        # An id a paper list named, whose metadata was never fetched, is not cached yet.
        paper = store.get(arxiv_id.base) if store.has_metadata(arxiv_id.base) else None
        if paper is None:
            reason = (reasons or {}).get(arxiv_id.base) or f"not cached in {display_path(store.path)}"
            raise SeminarError(error(reason, key=arxiv_id.base))
        return paper
    if ids_only:
        raise SeminarError(
            error("not an arXiv id (such as 2409.11402 or hep-th/9901001)", key=repr(reference))
        )
    paper = store.by_title(reference)
    why = (reasons or {}).get(reference)
    if paper is None:
        missing = why or f"no paper with this title in {display_path(store.path)}"
        raise SeminarError(error(missing, key=repr(reference)))
    if why is not None and awaits_metadata(paper):
        raise SeminarError(error(why, key=f"{reference!r} (arXiv {paper.arxiv_id})"))
    return paper


def awaits_metadata(paper: Paper) -> bool:
    """Whether the paper has an arXiv id whose metadata was never fetched (`published` is what arXiv's
    metadata always gives, as `PaperStore.has_metadata` counts it)."""
    return paper.arxiv_id is not None and paper.published is None


def lookup_each(
    store: PaperStore,
    references: list[str],
    *,
    ids_only: bool = False,
    reasons: Mapping[str, str] | None = None,
) -> tuple[list[Paper], list[Diagnostic]]:
    """The papers found, in order, and an error for each reference that was not."""
    papers: list[Paper] = []
    problems: list[Diagnostic] = []
    for reference in references:
        try:
            papers.append(lookup(store, reference, ids_only=ids_only, reasons=reasons))
        except SeminarError as failure:
            problems.extend(failure.diagnostics)
    return papers, problems
