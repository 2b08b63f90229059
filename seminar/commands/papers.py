"""`seminar papers`: the paper store as a catalog, filtered by topic, month or words."""

from __future__ import annotations

import json
from pathlib import Path

from seminar.commands.outcome import Outcome, site_config
from seminar.core.errors import SeminarError, error, warning
from seminar.sources import catalog
from seminar.sources.store import PaperStore


def run(
    site: Path | None,
    topic: str | None,
    month: str | None,
    search: str | None,
    as_json: bool,
    width: int | None,
) -> Outcome:
    """The matching papers as a table cut to `width` columns (None: not cut), or as JSON. An entry of the
    store that cannot be read is a warning; an unknown topic is a SeminarError naming the known ones."""
    from seminar.render.table import catalog_table

    config = site_config(site)
    wanted = catalog.CatalogFilter(topic, catalog.parse_month(month) if month else None, search)
    readable, problems = PaperStore.load(config.store_path).papers()
    every = list(readable.values())
    outcome = Outcome()
    outcome.report(warning(found.message, found.file, found.line, found.key) for found in problems)
    found = catalog.catalog(every, wanted)
    if topic is not None and not found:
        known = catalog.topics_of(every)
        message = f"no papers under topic {topic!r} (topics: {', '.join(known) or 'none yet'})"
        return outcome.fail(SeminarError(error(message)))
    if as_json:
        outcome.line(json.dumps([catalog.as_json(paper) for paper in found], ensure_ascii=False, indent=2))
        return outcome
    outcome.lines(catalog_table(found, width))
    outcome.line(f"{len(found)} paper" + ("" if len(found) == 1 else "s"))
    return outcome
