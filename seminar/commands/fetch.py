"""`seminar fetch`: every arXiv paper the site's posts and plan refer to, fetched if not cached yet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import SeminarError, error
from seminar.model.arxiv_ids import find_arxiv_ids
from seminar.site.posts import read_posts
from seminar.site.sessions import arxiv_ids
from seminar.sources.cache import Progress
from seminar.sources.plan import load_plan, plan_path

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def run(site: Path | None, fetching: Fetching, progress: Progress | None = None) -> Outcome:
    """Fetch what the posts cite (`arXiv:ID` or abs/pdf links) and the plan's readings name (arXiv ids, and
    titles whose store entry knows the id but not its metadata) and is not cached, in batches.

    `progress` (the command line's progress bar; default: `fetching`'s) is shown around a long fetch. A plan
    that cannot be read is reported (exit 1) and the posts' papers are still fetched.
    """
    config = site_config(site)
    outcome = Outcome()
    if progress is not None:
        fetching = replace(fetching, progress=progress)
    cache = fetching.cache(config)
    ids = [key for post in read_posts(config.posts_path) for key in find_arxiv_ids(post.text)]
    if plan_path(config).exists():
        try:
            plan = load_plan(config)
        except SeminarError as failure:
            outcome.report(failure.diagnostics)
        else:
            readings = [reading.reference for session in plan.sessions for reading in session.readings]
            ids += arxiv_ids(readings, cache.store())
    ids = list(dict.fromkeys(ids))
    report = cache.ensure(ids)
    outcome.report(error(reason, key=key) for key, reason in report.failures.items())
    requests = "request" if cache.requests == 1 else "requests"
    outcome.line(
        f"{len(ids)} readings: {len(report.fetched)} fetched, {len(report.cached)} cached, "
        f"{len(report.failures)} failed in {cache.requests} {requests}"
    )
    return outcome
