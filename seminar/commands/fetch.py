"""`seminar fetch`: every arXiv paper the site's posts refer to, fetched if not cached yet."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import error
from seminar.model.arxiv_ids import find_arxiv_ids
from seminar.site.posts import read_posts

# Given the number of ids, a context in which a callback (or None) is told how many more were fetched.
Progress = Callable[[int], AbstractContextManager[Callable[[int], None] | None]]


def run(site: Path | None, fetching: Fetching, progress: Progress | None = None) -> Outcome:
    """Fetch what the posts cite (`arXiv:ID` or abs/pdf links) and is not cached, in batches.

    `progress` (the command line's progress bar) is entered around the fetch.
    """
    config = site_config(site)
    ids = list(
        dict.fromkeys(key for post in read_posts(config.posts_path) for key in find_arxiv_ids(post.text))
    )
    cache = fetching.cache(config)
    with progress(len(ids)) if progress else nullcontext() as advance:
        report = cache.ensure(ids, progress=advance)
    outcome = Outcome()
    outcome.report(error(reason, key=key) for key, reason in report.failures.items())
    requests = "request" if cache.requests == 1 else "requests"
    outcome.line(
        f"{len(ids)} readings: {len(report.fetched)} fetched, {len(report.cached)} cached, "
        f"{len(report.failures)} failed in {cache.requests} {requests}"
    )
    return outcome
