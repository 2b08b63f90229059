"""`seminar resolve`: the arXiv paper each title names, found and remembered; weak or ambiguous ones named."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import SeminarError, error
from seminar.model.arxiv_ids import parse_arxiv_id
from seminar.model.papers import Paper

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(site: Path | None, titles: Sequence[str], pick: str | None, fetching: Fetching) -> Outcome:
    """Resolve each title (or, with `pick`, settle one title by hand as the paper with that arXiv id).

    SeminarError when `pick` is not one arXiv id for one title.
    """
    config = site_config(site)
    cache = fetching.cache(config)
    problems: dict[str, str] = {}
    if pick is not None:
        found = parse_arxiv_id(pick)
        if len(titles) != 1 or found is None:
            raise SeminarError(error("takes one arXiv id and settles one title at a time", key="--pick"))
        papers: dict[str, Paper] = {titles[0]: cache.pick(titles[0], found.base)}
    else:
        papers, problems = cache.resolve_titles(list(titles), research=True)
    outcome = Outcome()
    for title in dict.fromkeys(titles):
        if title in papers:
            outcome.line(f'"{title}" -> {papers[title].arxiv_id or "(no arXiv id)"} "{papers[title].title}"')
    outcome.report(error(problem, key=repr(title)) for title, problem in problems.items())
    return outcome
