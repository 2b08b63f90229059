"""`seminar check`: the posts linted as Jekyll reads them and against the plan, optionally built by Jekyll."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from seminar.commands.outcome import Outcome, site_config
from seminar.site.check import check_site, counted


def run(site: Path | None, today: date | None, *, with_jekyll: bool, as_json: bool) -> Outcome:
    """Every problem found (exit 1 on any error: whatever makes `seminar build` refuse is one), then
    `N errors, M warnings`; with `as_json`, a JSON array of the diagnostics on stdout instead.

    SeminarError when there is no site, or its `_config.yml` does not read."""
    config = site_config(site)
    problems = check_site(config, today or config.today())
    if with_jekyll:
        from seminar.site.jekyll_build import jekyll_build_problems

        problems += jekyll_build_problems(config)
    outcome = Outcome()
    errors = sum(problem.level == "error" for problem in problems)
    warnings = len(problems) - errors
    if as_json:
        outcome.line(json.dumps([problem.as_json() for problem in problems], ensure_ascii=False, indent=2))
        outcome.failed = errors > 0
        return outcome
    outcome.report(problems)
    outcome.line(f"{counted(errors, 'error')}, {counted(warnings, 'warning')}")
    return outcome
