"""`seminar fetch-abstract`: papers by arXiv id (fetched in one batch if not cached), printed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import SeminarError, error
from seminar.model.arxiv_ids import other_digits_problem, parse_arxiv_id
from seminar.sources.readings import lookup_each

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)

Format = Literal["md", "json", "bibtex"]


def run(
    site: Path | None,
    references: Sequence[str],
    fmt: Format | None,
    fetching: Fetching,
    *,
    as_json: bool = False,
) -> Outcome:
    """The papers these ids name in `fmt` (None: md; `as_json` is `fmt` json); each one that cannot be had
    is an error (exit 1), the others are still printed. An id in another script's digits (٢٤٠٩.١١٤٠٢) is
    refused before anything is asked of arXiv. With `fetching.refresh`, a cached paper arXiv could not be
    asked for again is an error too, as `seminar fetch --refresh` reports it, and its cached metadata is
    still printed. SeminarError when `as_json` comes with another format."""
    if as_json and fmt not in (None, "json"):
        raise SeminarError(error(f"--json and --format {fmt} ask for two formats: give one"))
    fmt = "json" if as_json else fmt or "md"
    config = site_config(site)
    outcome = Outcome()
    misspelt = {reference: other_digits_problem(reference) for reference in references}
    outcome.report(
        error(problem, key=repr(reference)) for reference, problem in misspelt.items() if problem is not None
    )
    references = [reference for reference in references if misspelt[reference] is None]
    bases = [found.base for found in map(parse_arxiv_id, references) if found]
    cache = fetching.cache(config)
    report = cache.ensure(bases)
    store = cache.store()
    papers, problems = lookup_each(store, list(references), ids_only=True, reasons=report.failures)
    outcome.report(problems)
    # A cached paper whose refresh failed was found above: its failure is said as `seminar fetch` says it.
    outcome.report(
        error(reason, key=key) for key, reason in report.failures.items() if store.has_metadata(key)
    )
    if fmt == "json":
        outcome.line(json.dumps([store.entry(paper.key) for paper in papers], ensure_ascii=False, indent=2))
    elif fmt == "bibtex":
        from seminar.render.bibtex import bibtex

        outcome.text(bibtex(papers))
    else:
        from seminar.render.post import render_reading

        outcome.text("\n".join(render_reading(config, paper, index) for index, paper in enumerate(papers)))
    return outcome
