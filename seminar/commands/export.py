"""`seminar export ics` and `seminar export bibtex`: the term as a calendar, and its readings as BibTeX."""

from __future__ import annotations

from pathlib import Path

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core import clock
from seminar.core.errors import display_path
from seminar.core.fileio import write_atomic, written_in_place
from seminar.model.plan import Plan
from seminar.model.session import Session
from seminar.site.export_record import record_export
from seminar.site.sessions import plan_sessions
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan

WRITES_SITE = True  # runs under the site's lock, its writes one transaction (`seminar.options.run`)


def ics(site: Path | None, output: Path | None, fetching: Fetching) -> Outcome:
    """An iCalendar file (RFC 5545) with one event per session, to stdout or to `output`.

    An event whose content changed since the last export (read from `output`, or for stdout, a device or a
    pipe from the record kept under `.seminar/`) gets the next SEQUENCE and a new DTSTAMP; without `url:` in
    `_config.yml`, a warning that the events' links are relative. SeminarError when the plan does not read,
    a reading cannot be had, or `output` exists and is not an iCalendar file.
    """
    from seminar.site.exports import calendar, previous_revisions, record_revisions, relative_links

    config, plan, sessions = _planned(site, fetching)
    streamed = output is None or written_in_place(output)  # `-o /dev/stdout` is stdout too
    previous = previous_revisions(config, None if streamed else output)
    data = calendar(config, plan, sessions, previous, revised=clock.now())
    outcome = Outcome()
    outcome.report(problem for problem in [relative_links(config, sessions)] if problem)
    _written(config, data, output, outcome)
    if streamed:
        record_revisions(config, data)
    return outcome


def bibtex(site: Path | None, week: str | None, output: Path | None, fetching: Fetching) -> Outcome:
    """Every reading of the term (or of session `week`) as BibTeX entries, to stdout or to `output` (a file
    inside the site is recorded for `seminar publish`). SeminarError when the plan does not read, `week` is
    not in it, or a reading cannot be had."""
    from seminar.site.exports import bibliography

    config, _, sessions = _planned(site, fetching, week)
    return _written(config, bibliography(sessions).encode("utf-8"), output, Outcome())


def _planned(
    site: Path | None, fetching: Fetching, week: str | None = None
) -> tuple[SiteConfig, Plan, list[Session]]:
    """The site, its plan and its sessions (readings fetched in one batch unless offline), or one week's."""
    config = site_config(site)
    plan = load_plan(config, keep_problems=True)
    if week is not None:
        plan.session(week)  # an unknown week is named before anything is fetched
    planned = plan_sessions(config, plan, fetching.cache(config), config.today())
    return config, plan, [one.session for one in planned if week in (None, one.session.week)]


def _written(config: SiteConfig, data: bytes, output: Path | None, outcome: Outcome) -> Outcome:
    """To stdout, or to a file written atomically, and only when it changed; a file inside the site is
    recorded as seminar's export (`site.export_record`), for `seminar publish` to commit."""
    if output is None:
        outcome.data = data
        return outcome
    if written_in_place(output):  # a device or a pipe (`-o /dev/stdout`): the data alone goes there
        write_atomic(output, data)
        return outcome
    if output.is_file() and output.read_bytes() == data:
        outcome.line(f"{display_path(output)} is already up to date")
    else:
        write_atomic(output, data.decode("utf-8"))
        outcome.line(f"wrote {display_path(output)}")
    record_export(config, output)
    return outcome
