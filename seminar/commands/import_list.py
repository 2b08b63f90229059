"""`seminar import-list`: curated paper lists merged into the site's paper store, with their notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import SeminarError, warning
from seminar.sources.catalog import import_list
from seminar.sources.paperlist import ParsedList, read_list

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(site: Path | None, files: Sequence[Path], resolve: bool, fetching: Fetching) -> Outcome:
    """Import each list (a list that cannot be read is an error, the others are imported); with `resolve`,
    then look up on arXiv the ids of the papers listed by title only (a title not found is a warning)."""
    config = site_config(site)
    outcome = Outcome()
    lists: list[ParsedList] = []
    for path in files:
        try:
            lists.append(read_list(path))
        except SeminarError as failure:
            outcome.report(failure.diagnostics)
    if not lists:
        return outcome
    cache = fetching.cache(config)
    with cache.updating() as store:
        reports = [import_list(store, parsed) for parsed in lists]
    for report in reports:
        outcome.line(report.summary())
        outcome.report(report.warnings)
    if resolve:
        store = cache.store()
        titles = [
            listed.title
            for parsed in lists
            for listed in parsed.papers
            if (paper := store.by_title(listed.title)) is not None and paper.arxiv_id is None
        ]
        found, problems = cache.resolve_titles(titles, research=True) if titles else ({}, {})
        outcome.line(f"resolved {len(found)} of {len(titles)} titles listed without an arXiv id")
        outcome.report(warning(problem, key=repr(title)) for title, problem in problems.items())
    return outcome
