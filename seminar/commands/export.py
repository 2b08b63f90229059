"""`seminar export ics` and `seminar export bibtex`: the term as a calendar, and its readings as BibTeX."""

from __future__ import annotations

from pathlib import Path

from seminar.commands.outcome import Fetching, Outcome, site_config
from seminar.core.errors import display_path
from seminar.core.fileio import write_atomic
from seminar.model.plan import Plan
from seminar.model.session import Session
from seminar.site.sessions import plan_sessions
from seminar.sources.config import SiteConfig
from seminar.sources.plan import load_plan


def ics(site: Path | None, output: Path | None, fetching: Fetching) -> Outcome:
    """An iCalendar file (RFC 5545) with one event per session, to stdout or to `output`."""
    from seminar.site.exports import calendar

    config, plan, sessions = _planned(site, fetching)
    return _written(calendar(config, plan, sessions), output)


def bibtex(site: Path | None, week: str | None, output: Path | None, fetching: Fetching) -> Outcome:
    """Every reading of the term (or of session `week`) as BibTeX entries, to stdout or to `output`."""
    from seminar.site.exports import bibliography

    _, _, sessions = _planned(site, fetching, week)
    return _written(bibliography(sessions).encode("utf-8"), output)


def _planned(
    site: Path | None, fetching: Fetching, week: str | None = None
) -> tuple[SiteConfig, Plan, list[Session]]:
    """The site, its plan and its sessions (readings fetched in one batch unless offline), or one week's."""
    config = site_config(site)
    plan = load_plan(config)
    if week is not None:
        plan.session(week)  # an unknown week is named before anything is fetched
    planned = plan_sessions(config, plan, fetching.cache(config), config.today())
    return config, plan, [one.session for one in planned if week in (None, one.session.week)]


def _written(data: bytes, output: Path | None) -> Outcome:
    """To stdout, or to a file written atomically, and only when it changed."""
    outcome = Outcome()
    if output is None:
        outcome.data = data
    elif output.is_file() and output.read_bytes() == data:
        outcome.line(f"{display_path(output)} is already up to date")
    else:
        write_atomic(output, data.decode("utf-8"))
        outcome.line(f"wrote {display_path(output)}")
    return outcome
